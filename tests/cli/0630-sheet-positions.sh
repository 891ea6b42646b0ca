#!/bin/sh
# Scheme B's deduction sheets belong to positions (seeds/001, 四.3: one
# 评定表 each for the 仓储作业员, the 上下架员 and the 订单员): an item of
# another position's sheet is no charge for this person, so svc-log
# refuses it at entry (import, add, the interactive loop) and svc-score
# refuses it in an events file. The warehouse sample's own policy.
. "$SRC/tests/cli/lib.sh"

HOME=$T
export HOME SVC_DB=t.db SVC_POLICY=$SAMPLE/policies/warehouse.ini
drive() { python3 "$SRC/tests/cli/pty-drive" "$@"; }

cat >roster.csv <<'EOF'
id,name,dept,position,unit,supervisor,leader,active
W006,施大勇,仓储部,仓储作业员,冷冻库,,,1
W010,金鹏,仓储部,上下架员,冷冻库,,,1
W014,方静,订单组,订单员,订单组,,,1
W020,实习生,仓储部,,冷冻库,,,1
EOF
svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null

# pins: an import with an item of the 上下架员 sheet charged to a
# 仓储作业员 is refused whole, naming the line, the item and both sheets
cat >ev.csv <<'EOF'
ts,staff,kind,value,customer,channel,dept,note,uid
2026-08-03T09:00:00+08:00,W010,hygiene.poor,,,site,仓储部,库内卫生较差,T-1
2026-08-03T10:00:00+08:00,W006,hygiene.poor,,,site,仓储部,库内卫生较差,T-2
EOF
run svc-log import ev.csv
refused "import: off the sheet" 1 \
    '^svc-log: ev\.csv:3: kind: hygiene\.poor \(库内卫生较差\) is not on the 仓储作业员 sheet \(only 上下架员\)$'
is "import: nothing written" "$(sql t.db 'SELECT count(*) FROM event')" 0

# pins: add refuses it too; the order clerk's sheet is the 订单员's alone
run svc-log add complaint.customer W006 ts=2026-08-04T09:00:00+08:00
refused "add: off the sheet" 1 \
    'kind: complaint\.customer \(出现客户投诉\) is not on the 仓储作业员 sheet \(only 订单员\)'
# pins: someone without a position has no sheet
run svc-log add late.operation W020 ts=2026-08-04T09:00:00+08:00
refused "add: no position" 1 \
    "kind: late\\.operation \\(作业不及时\\) is not on the sheet of 'W020', who has no position \\(only 仓储作业员\\)"
is "add: nothing written" "$(sql t.db 'SELECT count(*) FROM event')" 0

# pins: 数据准确性出现差异 is on two sheets; kinds without positions (a
# revisit, 5S) are for anyone
run svc-log add data.discrepancy W006 ts=2026-08-04T09:00:00+08:00
is "add: shared item, 仓储作业员" "$rc" 0
run svc-log add data.discrepancy W010 ts=2026-08-04T10:00:00+08:00
is "add: shared item, 上下架员" "$rc" 0
run svc-log add 5s.good W020 ts=2026-08-04T11:00:00+08:00
is "add: kind for every position" "$rc" 0

# pins: svc-score refuses the same charge in an events file, FILE:LINE
run svc-score --period 2026-W32 --roster roster.csv ev.csv
refused "svc-score: file off the sheet" 1 \
    '^svc-score: ev\.csv:3: kind: hygiene\.poor \(库内卫生较差\) is not on the 仓储作业员 sheet \(only 上下架员\)$'

# pins: an event of the ledger was checked when logged and is counted when
# its staff member has since changed position (the roster keeps no
# history); the same event streamed as a file is checked against today's
# roster
svc-log add hygiene.poor W010 ts=2026-08-05T09:00:00+08:00 >/dev/null 2>&1
sed 's/^W010,金鹏,仓储部,上下架员,/W010,金鹏,仓储部,仓储作业员,/' roster.csv \
    >moved.csv
svc-log roster moved.csv 2>/dev/null
run svc-score --period 2026-W32
is "svc-score: ledger event counted" "$(printf '%s\n' "$out" |
    grep '^2026-W32,W010,' | cut -d, -f7,10)" "-15,85"
svc-log list --period 2026-W32 >list.csv
run svc-score --period 2026-W32 list.csv
refused "svc-score: listed event checked" 1 \
    'list\.csv:[0-9]+: kind: hygiene\.poor \(库内卫生较差\) is not on the 仓储作业员 sheet'
svc-log roster roster.csv 2>/dev/null

# pins: the interactive loop refuses a staff member off the kind's sheet
# where the id is typed, and takes one on it
drive svc-log >s1.txt <<'EOF'
expect kind: $
send slot.planning\r
expect slot\.planning 储位规划不合理 \(-5\)
expect staff: $
send W006\r
expect slot\.planning \(储位规划不合理\) is not on the 仓储作业员 sheet \(only 上下架员\)
expect staff: $
send W010\r
expect time \[now\]: $
send \r
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send \r
expect save\?
send \r
expect saved #
expect kind \[slot\.planning\]: $
send \x04
wait
EOF
s1=$(cat s1.txt)
like "interactive: ends cleanly" "$s1" '^EXIT 0$'
is "interactive: staff re-asked" \
    "$(grep -A1 'is not on the 仓储作业员 sheet' s1.txt | tail -n 1)" \
    'staff: W010'
is "interactive: saved for the 上下架员" \
    "$(sql t.db "SELECT staff FROM event WHERE kind = 'slot.planning'")" W010

finish
