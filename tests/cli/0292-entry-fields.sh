#!/bin/sh
# The interactive entry asks the fields of the kind typed after its note,
# each with its type and range; Tab completes a choice field's choices and
# a staff field's ids and names; a bad answer is refused where it was
# typed and asked again; a value_from kind is not asked its value.
. "$SRC/tests/cli/lib.sh"
mini_ledger
cat > f.ini <<'INI'
[policy]
name = fields
[kind.unload]
counts_as = operation
value = required
field.cargo = choice 泡货, 重货, 冷冻 required
field.host = staff
[kind.daily]
counts_as = assessment
value = required
value_from = sum
field.a = number 0..25 required
field.b = number 0..25 required
INI
export SVC_POLICY=$PWD/f.ini
HOME=$T
export HOME
python3 "$SRC/tests/cli/pty-drive" svc-log >s.txt <<'PTY'
expect kind: $
send unload\r
expect staff: $
send G003\r
expect time \[now\]: $
send \r
expect value .*: $
send 61\r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send \r
expect cargo \(required, choice\): $
send 冷\t
expect 冷冻
send \r
expect host \(optional, staff\): $
send 张三丰\r
expect G004 张三丰
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[unload\]: $
send daily\r
expect staff \[G003\]: $
send \r
expect time \[now\]: $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send \r
expect a \(required, number 0..25\): $
send 26\r
expect '26' out of range \(expected 0 to 25\)
expect a \(required, number 0..25\): $
send 24\r
expect b \(required, number 0..25\): $
send 23.5\r
expect = daily for G003 .*, a 24, b 23.5
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[daily\]: $
send \x04
expect 2 events saved
wait
PTY
like "ends cleanly" "$(cat s.txt)" '^EXIT 0$'
is "unload saved with its fields" "$(sql svc.db "SELECT fields FROM event WHERE kind = 'unload'")" '{"cargo":"冷冻","host":"G004"}'
is "daily: the sum" "$(svc-log list | awk -F, '$4 == "daily" { print $5 }')" 47.5
finish
