#!/bin/sh
# The clerk at a terminal: "did you mean" for a mistyped kind or staff id,
# on the command line and in the interactive entry.
. "$SRC/tests/cli/lib.sh"
mini_ledger
export SVC_POLICY="$P"

# a mistyped kind: the closest one in the policy; nothing written
n=$(count)
run svc-log add praise.leter G003
refused "kind: did you mean" 1 "^svc-log: kind: unknown kind 'praise.leter' \(not in policy .*mini.ini\); did you mean 'praise.letter'\?\$"
run svc-log add complaint.attiutde G003
refused "kind: a swap is one edit" 1 "did you mean 'complaint.attitude'\?\$"
# nothing close: no suggestion
run svc-log add visit.home G003
refused "kind: nothing close" 1 "unknown kind 'visit.home' \(not in policy .*mini.ini\)\$"
# a mistyped staff id; a short id gets one edit only
run svc-log add praise.letter G03
refused "staff: did you mean" 1 "^svc-log: staff: unknown staff 'G03' \(not in the roster\); did you mean 'G003'\?\$"
run svc-log add praise.letter G0003
refused "staff: one edit" 1 "did you mean 'G003'\?\$"
run svc-log add praise.letter X9
refused "staff: nothing close" 1 "unknown staff 'X9' \(not in the roster\)\$"
# a name typed for an id: that person's id
run svc-log add praise.letter 张三
refused "staff: a name" 1 "unknown staff '张三' \(not in the roster\); '张三' is a name: did you mean G003 \(张三\)\?\$"
is "nothing written" "$(count)" "$n"

# import: the same, at file:line
cat >ev.csv <<'CSV'
ts,staff,kind
2026-10-15T09:00,G003,praise.letter
2026-10-15T10:00,G004,praise.lettr
CSV
run svc-log import ev.csv
refused "import: kind" 1 "^svc-log: ev.csv:3: kind: unknown kind 'praise.lettr' .*did you mean 'praise.letter'\?\$"
printf '2026-10-15T09:00,G00A,praise.letter\n' >ev2.csv
sed -i '1i ts,staff,kind' ev2.csv
run svc-log import ev2.csv
refused "import: staff" 1 "^svc-log: ev2.csv:2: staff: unknown staff 'G00A' \(not in the roster\); did you mean 'G001'\?\$"
is "import wrote nothing" "$(count)" "$n"

# interactively: the same hints, and the field re-asked
HOME=$T
export HOME
drive() { python3 "$SRC/tests/cli/pty-drive" "$@"; }
drive svc-log --policy "$P" >s1.txt <<'DRIVE'
expect kind: $
send praise.leter\r
expect unknown kind 'praise\.leter'
expect kind: $
send praise.letter\r
expect staff: $
send G0003\r
expect unknown staff 'G0003'
expect staff: $
send q\r
wait
DRIVE
like "interactive: kind" "$(cat s1.txt)" \
    "unknown kind 'praise\\.leter' .*; did you mean 'praise\\.letter'\\?\$"
like "interactive: staff" "$(cat s1.txt)" \
    "unknown staff 'G0003' .*; did you mean 'G003'\\?\$"

finish
