#!/bin/sh
# svc-log with no command on a terminal: the clerk's entry loop, driven
# through a pseudo-terminal (tests/cli/pty-drive) with Tab completion and
# Chinese input.
. "$SRC/tests/cli/lib.sh"

# the line editor must not read the tester's own ~/.editrc
HOME=$T
export HOME
drive() { python3 "$SRC/tests/cli/pty-drive" "$@"; }

cat >roster.csv <<'EOF'
id,name,dept,position
P001,李四,客服中心,话务员
P003,张三,装车班组,班长
P005,张三丰,装车班组,装卸工
EOF
printf 'id,name,tier\nC01,粮油公司,big\n' >customers.csv
cat >pol.ini <<'EOF'
[policy]
name = 测试窗口
[kind.complaint.verified]
label = 核实投诉
counts_as = complaint
points = -5
escalation = progressive
value = none
[kind.assessment]
label = 日常考核
counts_as = assessment
value = required
value_min = 0
value_max = 100
[kind.visit]
label = 来访
counts_as = none
value = optional
EOF
svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null
svc-log customers customers.csv 2>/dev/null

# One session, two events: completion of kinds and of Chinese names, a
# refused staff id and value and customer, each re-asked alone, defaults
# carried to the next event, ^D at the kind prompt ends it.
drive svc-log --policy pol.ini >s1.txt <<'EOF'
expect policy: 测试窗口
expect Tab completes; empty line keeps the default; q quits\.
expect kind: $
send com\t
expect complaint\.verified
send \r
expect complaint\.verified 核实投诉 \(-5, progressive\)
expect staff: $
send 张\t
expect 张三
send \t
expect P005  张三丰
send \x7f\x7fP099\r
expect unknown staff 'P099'
expect staff: $
send 张\r
expect did you mean
expect staff: $
send 张三丰\r
expect P005 张三丰 · 装车班组 · 装卸工
expect time \[now\]: $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send 货物破损，态度差\r
expect save\? \[Y/n\] $
send \r
expect saved #1
expect kind \[complaint\.verified\]: $
send assessment\r
expect assessment 日常考核 \(assessment\)
expect staff \[P005\]: $
send 李\t
expect 李四
send \r
expect P001 李四 · 客服中心 · 话务员
expect time \[now\]: $
send \r
expect value \(required, 0\.\.100\): $
send 101\r
expect above the maximum
expect value \(required, 0\.\.100\): $
send 95\r
expect channel: $
send \r
expect customer: $
send C09\r
expect unknown customer 'C09'
expect customer: $
send C01\r
expect note: $
send \r
expect save\?
send y\r
expect saved #2
expect kind \[assessment\]: $
send \x04
expect 2 events saved in batch 1
wait
EOF
s1=$(cat s1.txt)
# pins: the session ends cleanly at end of input
like "eof ends the session" "$s1" '^EXIT 0$'
like "kind completed from the policy" "$s1" 'kind: complaint\.verified'
like "Tab on 张 completes the common prefix" "$s1" 'staff: 张三'
like "Tab Tab lists both, id and name" "$s1" '^P003  张三 *$'
like "Tab Tab lists both, one a line" "$s1" '^P005  张三丰 *$'
like "a unique prefix completes" "$s1" 'staff \[P005\]: 李四'
# pins: a refusal re-asks only that field, the kind stays
is "unknown staff re-asked, not the kind" \
    "$(grep -A1 "unknown staff 'P099'" s1.txt | tail -n 1)" 'staff: 张'
like "an ambiguous prefix lists candidates" \
    "$(grep -A2 'did you mean' s1.txt)" 'P003 张三 · 装车班组.*'
is "refused value re-asked" \
    "$(grep -A1 'above the maximum' s1.txt | tail -n 1)" \
    'value (required, 0..100): 95'
is "refused customer re-asked" \
    "$(grep -A1 "unknown customer 'C09'" s1.txt | tail -n 1)" \
    'customer: C01'
like "summary before saving" "$s1" \
    '= assessment for P001 李四, value 95, customer C01 粮油公司, at [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} \(now\) in [0-9]{4}-[0-9]{2}$'

# pins: what was typed is what is stored, as one batch
run svc-log list
is "list" "$rc" 0
is "saved events" "$(printf '%s\n' "$out" | cut -d, -f3,4,5,6,8,9,15 |
    sed 1d)" "P005,complaint.verified,,,装车班组,货物破损，态度差,1
P001,assessment,95,C01,客服中心,,1"

# A kind the policy does not define is re-asked, an optional value is
# asked but may be left empty, q quits.
drive svc-log --policy pol.ini >s2.txt <<'EOF'
expect policy: 测试窗口
expect kind: $
send Bad Kind\r
expect unknown kind 'Bad Kind'
expect kind: $
send visit\r
expect staff: $
send P003\r
expect P003 张三 · 装车班组 · 班长
expect time \[now\]: $
send \r
expect value \(optional\): $
send abc\r
expect bad number 'abc'
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send 来电咨询\r
expect save\?
send \r
expect saved #3
expect kind \[visit\]: $
send q\r
expect 1 event saved in batch 2
wait
EOF
s2=$(cat s2.txt)
like "q ends the session" "$s2" '^EXIT 0$'
is "unknown kind re-asked" "$(grep -A1 "unknown kind" s2.txt | tail -n 1)" \
    'kind: visit'
run svc-log list --batch 2
is "second session is its own batch" "$(printf '%s\n' "$out" |
    cut -d, -f3,4,9,15 | sed 1d)" "P003,visit,来电咨询,2"

# pins: a database that cannot be opened is an error, exit 1
drive svc-log --db missing.db --policy pol.ini >s3.txt <<'EOF'
wait
EOF
like "missing database refused" "$(cat s3.txt)" 'missing\.db'
like "missing database exit status" "$(cat s3.txt)" '^EXIT 1$'

# pins: no policy is bad usage, before the database is opened: events
# of kinds no policy defines could not be scored
drive svc-log --db missing.db >s4.txt <<'EOF'
wait
EOF
like "no policy refused" "$(cat s4.txt)" 'svc-log: no policy \(use --policy or set SVC_POLICY\)'
like "no policy exit status" "$(cat s4.txt)" '^EXIT 2$'

# pins: no command and no terminal is bad usage
run svc-log
refused "no terminal" 2 'not a terminal'

finish
