#!/bin/sh
# Closed periods (SPEC §7): once the group's July awards are paid, an event
# dated in July is refused at entry (add, import) unless logged with
# --late --reason, which marks its batch late.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/group.ini
export SVC_DB=g.db SVC_POLICY=$P SVC_USER=clerk
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/group/events.csv" 2>/dev/null
svc-score --period 2026-07 --save >s07.csv
sleep 1		# what follows is logged in a later second than the save
svc-award --as-of 2026-08-05 --save s07.csv >/dev/null 2>&1
svc-award finalize --period 2026-07 --as-of 2026-08-05 >/dev/null 2>&1
run svc-award pay --period 2026-07 --as-of 2026-09-01
is "july paid" "$rc" 0

count() { sql g.db 'SELECT count(*) FROM event'; }
n=$(count)

### add: refused, naming the period and the day it was paid
run svc-log add complaint.attitude G013 ts=2026-07-20T10:00:00+08:00 note=迟报
refused "add into july" 1 "^svc-log: ts: 2026-07 is closed: its awards were paid on 2026-09-01 \(give --late --reason TEXT to log it anyway\)$"
is "add refused: nothing written" "$(count)" "$n"
# its edges: the last second of July is inside, August's first is not
run svc-log add complaint.attitude G013 ts=2026-07-31T23:59:59+08:00
refused "last second of july" 1 "2026-07 is closed"
run svc-log add praise.inspection G013 ts=2026-08-01T00:00:00+08:00
is "august is open" "$rc" 0
n=$(count)

### import: refused naming the line; nothing of the file written
cat >late.csv <<'CSV'
ts,staff,kind,value,customer,channel,dept,note,uid
2026-08-20T10:00:00+08:00,G013,praise.inspection,,,site,,八月,L-1
2026-07-20T10:00:00+08:00,G013,complaint.attitude,,KS006,visit,,七月迟报,L-2
CSV
run svc-log import late.csv
refused "import into july" 1 "^svc-log: late.csv:3: ts: 2026-07 is closed: its awards were paid on 2026-09-01 "
is "import refused: nothing written" "$(count)" "$n"

### usage: --late needs --reason, --reason needs --late
run svc-log import late.csv --late
refused "late without reason" 2 "import: --late needs --reason TEXT"
run svc-log add praise.inspection G013 --reason x
refused "reason without late" 2 "add: --reason goes with --late"

### --late --reason: stored, its batch marked late
run svc-log import late.csv --late --reason "客户补投诉"
is "late import" "$rc" 0
is "late import: stored" "$(count)" "$((n + 2))"
is "late batch marked" "$(sql g.db "SELECT late_reason FROM batch WHERE id = (SELECT batch FROM event WHERE uid = 'L-2')")" "客户补投诉"
run svc-log add complaint.attitude G013 ts=2026-07-21T10:00:00+08:00 --late --reason "补录"
is "late add" "$rc" 0
is "late add marked" "$(sql g.db "SELECT late_reason FROM batch WHERE id = (SELECT batch FROM event WHERE id = $out)")" "补录"
# svc-log list: the reason in the column before the fields, empty for the
# others
run svc-log list --period 2026-07-20
like "list header ends late_reason" "$(printf '%s\n' "$out" | head -1)" ",batch,late_reason,fields$"
like "list shows late" "$out" ",L-2,clerk,.*,客户补投诉,$"
like "list on-time rows empty" "$(svc-log list --period 2026-07-02 | sed -n 2p)" ",GP-2026-0001,clerk,.*,[0-9]+,,$"
# a batch outside the paid period is not marked, even with --late
run svc-log add praise.inspection G013 ts=2026-08-21T10:00:00+08:00 --late --reason "不需要"
is "late flag unused: not marked" "$(sql g.db "SELECT coalesce(late_reason, 'null') FROM batch WHERE id = (SELECT batch FROM event WHERE id = $out)")" null

### svc-score --save of the closed month refused; what was saved stays
saved=$(sql g.db "SELECT staff || ':' || score || ':' || saved_at FROM score WHERE period = '2026-07' ORDER BY staff")
run svc-score --period 2026-07 --save
refused "re-saving july" 1 "^svc-score: --period: 2026-07 is closed: its awards were paid on 2026-09-01, and its saved scores stay as they are$"
is "july's saved scores kept" "$(sql g.db "SELECT staff || ':' || score || ':' || saved_at FROM score WHERE period = '2026-07' ORDER BY staff")" "$saved"
run svc-score --period 2026-08 --save
is "august saves" "$rc" 0
# scoring july without saving still works, from the ledger as it is now
run svc-score --period 2026-07
is "july scored" "$rc" 0

### --drift: saved against now, the events behind each difference
# G013's two late complaints (import line 3, the add); G008's July
# complaint voided after the payment; G004 unchanged: not listed
l2=$(sql g.db "SELECT id FROM event WHERE uid = 'L-2'")
l3=$(sql g.db "SELECT e.id FROM event e JOIN batch b ON b.id = e.batch WHERE b.late_reason = '补录'")
v=$(svc-log void "$(sql g.db "SELECT id FROM event WHERE uid = 'GP-2026-0019'")" --reason 错录 2>/dev/null)
run svc-score --period 2026-07 --drift
is "drift status" "$rc" 0
is "drift" "$out" "period,staff,name,saved,now,difference,events
2026-07,G008,萧勇,90,95,5,$v
2026-07,G013,蒋欣,104,94,-10,$l2 $l3"
run svc-score --period 2026-09 --drift
refused "drift without saved scores" 1 "^svc-score: --period: 2026-09: no scores saved under "
run svc-score --period 2026-07 --drift --save
refused "drift with save" 2 "--drift compares the ledger with its saved scores"

finish
