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

# svc-log list: CSV when piped, an aligned table on a terminal
svc-log add praise.letter G005 ts=2026-10-16T09:30:00+08:00 >/dev/null
svc-log add complaint.attitude G003 ts=2026-10-15T14:05:00+08:00 \
    note=态度差 >/dev/null
svc-log void 2 --reason 重复 >/dev/null
run svc-log list
is "piped: csv" "$(printf '%s\n' "$out" | head -n 1)" \
    "id,ts,staff,kind,value,customer,channel,dept,note,uid,logged_by,logged_at,void_of,voided_by,batch,late_reason,fields"
run svc-log list --format text
is "text status" "$rc" 0
row() { printf '%s\n' "$out" | grep "^$1 " | sed 's/  */ /g'; }
is "text: local time, label, name" "$(TZ=Asia/Shanghai svc-log list \
    --format text | grep '^1 ' | sed 's/  */ /g')" \
    "1 2026-10-16 09:30 G005 阿卜杜·热合曼 表扬信"
is "text: voided marked" "$(row 2)" \
    "2 2026-10-15 14:05 G003 张三 服务态度投诉 态度差 voided #3"
like "text: the void marked" "$(row 3)" "^3 .* G003 张三 void 重复 voids #2\$"
like "text: columns aligned" "$(printf '%s\n' "$out" | sed -n 3p)" \
    '^id  date        time   staff  name +kind'
# without a policy, the kind's code
run env -u SVC_POLICY svc-log list --format text
like "text: no policy, codes" "$(row 1)" ' praise\.letter$'
run svc-log list --format text --excel
refused "text and --excel" 2 "--excel goes with csv"
run svc-log list --format odt
refused "unknown format" 2 "unknown format 'odt' \\(csv, xlsx or text\\)"
drive svc-log list >s2.txt <<'DRIVE'
wait
DRIVE
like "terminal: a table" "$(cat s2.txt)" "^2 +2026-10-15 +14:05 +G003 +张三 +服务态度投诉 .*voided #3\$"
drive svc-log list --format csv >s3.txt <<'DRIVE'
wait
DRIVE
like "terminal, --format csv: csv" "$(cat s3.txt)" "^2,2026-10-15T14:05:00\\+08:00,G003"

# Staff completion lists id and name, the ids padded to one width so the
# names line up, one person a line; what Tab inserts is as before.
cat >roster2.csv <<'CSV'
id,name,dept
K7,张三,客服中心
K0012,张三丰,客服中心
K103,李四,客服中心
CSV
svc-log --db c.db init 2>/dev/null
svc-log --db c.db roster roster2.csv 2>/dev/null
drive svc-log --db c.db --policy "$P" >s4.txt <<'DRIVE'
expect kind: $
send praise.letter\r
expect staff: $
send 张\t
expect 张三
send \t
expect K7     张三
send \x7f\x7fK\t\t
expect K103   李四
send \x7f\x04
expect not saved
expect kind \[praise\.letter\]: $
send \x04
wait
DRIVE
s4=$(cat s4.txt)
like "completion session ends" "$s4" '^EXIT 0$'
like "completion: common prefix inserted" "$s4" 'staff: 张三'
like "completion: aligned, shorter id" "$s4" '^K7     张三 *$'
like "completion: aligned, longest id" "$s4" '^K0012  张三丰 *$'
is "completion: only who matches, by name, sorted" \
    "$(grep -A2 '^staff: 张三$' s4.txt | sed 1d | sed 's/ *$//')" \
    "K0012  张三丰
K7     张三"
like "completion: by id" "$s4" '^K103   李四 *$'

finish
