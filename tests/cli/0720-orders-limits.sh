#!/bin/sh
# Time limits: an unload event carries its minutes; above the limit
# ([limit.NAME] minutes, note matching) it is a breach. The warehouse
# sample charges no one (the outsourced crew's KPI: charge = none); a
# limit with charge = staff charges the logging staff member under its
# breach kind (here late.operation -5), by svc-score, so that voiding the
# operation voids the charge and a CSV stream scores as the database
# does. The warehouse sample's five breaches, by hand.
. "$SRC/tests/cli/lib.sh"
SAMPLE_POL=$SAMPLE/policies/warehouse.ini
POL=charged.ini
sed 's/^charge = none$/charge = staff\nbreach = late.operation/' \
    "$SAMPLE_POL" >"$POL"
is "five limits charge staff" "$(grep -c '^breach = late.operation' "$POL")" 5
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
svc-log --policy "$SAMPLE_POL" import "$SAMPLE/warehouse/events.csv" 2>/dev/null
svc-log list > all.csv
# sbe WEEK STAFF [FILE]: base,deductions,bonuses,joint,score,eligible
sbe() {
	svc-score --policy "$POL" --period "$1" ${3:+"$3"} |
	    grep "^[^,]*,$2," | cut -d, -f6-10,14
}

# the sample: the breaches are counted in the KPI, charged to no one
is "sample: W008 W32 not charged" "$(svc-score --policy "$SAMPLE_POL" \
    --period 2026-W32 | grep '^[^,]*,W008,' | cut -d, -f6-10)" "100,-30,0,0,70"
run svc-score --policy "$SAMPLE_POL" --period 2026-Q3 --explain W006
unlike "sample: no breach charged" "$out" "breach of limit"
run svc-report kpi --policy "$SAMPLE_POL" --period 2026-Q3 --format csv
# limits, worst: the kpi report's tables, as the text shows them
limits() { printf '%s\n' "$out" | pick 'limits( total)?' limit kind minutes \
    charge counted within breaches 'share %' longest; }
worst() { printf '%s\n' "$out" | pick 'worst cases' limit time staff ref \
    minutes over note; }
like "sample: kpi lists the breach" "$(worst)" "WH-2026-0047,38,8,"
like "sample: kpi says none is charged" "$(limits)" "^和路雪卸车30分钟内卸下并送至库内指定区域,unload,30,none,16,15,1,"
run svc-report kpi --policy "$POL" --period 2026-Q3 --format csv
like "charged: kpi names the kind" "$(limits)" "^和路雪卸车30分钟内卸下并送至库内指定区域,unload,30,late.operation,16,15,1,"

# each breach week: 100 - 5 for the breach, plus the week's other charges
# (W008 in 2026-W32: data.discrepancy -10, control.anomaly -10 twice)
is "WH-2026-0047 W006 和路雪 38 > 30" "$(sbe 2026-W28 W006)" "100,-5,0,0,95,yes"
is "WH-2026-0087 W007 13-15米挂车 重货 135 > 120" "$(sbe 2026-W29 W007)" "100,-5,0,0,95,yes"
is "WH-2026-0209 W008 7-9米箱车 泡货 72 > 60" "$(sbe 2026-W32 W008)" "100,-35,0,0,65,yes"
is "WH-2026-0389 W006 7-9米箱车 重货 95 > 90" "$(sbe 2026-W37 W006)" "100,-5,0,0,95,yes"
is "WH-2026-0456 W009 13-15米挂车 泡货 112 > 100" "$(sbe 2026-W39 W009)" "100,-5,0,0,95,yes"
# exactly at the limit is no breach: WH-2026-0281 (W009, 13-15米挂车 泡货 100,
# 2026-W34) and -0427 (W007, 和路雪 30, 2026-W38)
run svc-score --policy "$POL" --period 2026-W34 --explain W009
like "WH-2026-0281 counted" "$out" "unload +100 "
unlike "WH-2026-0281 at the limit" "$out" "breach of limit"
run svc-score --policy "$POL" --period 2026-W38 --explain W007
like "WH-2026-0427 counted" "$out" "unload +30 "
unlike "WH-2026-0427 at the limit" "$out" "breach of limit"
# the charge is no event: W007's week counts its two unloads
is "events column" "$(svc-score --policy "$POL" --period 2026-W29 | grep '^[^,]*,W007,' | cut -d, -f13)" 2
# the quarter: five charges of -5 under late.operation
run svc-score --policy "$POL" --period 2026-Q3 --explain W006
is "explain: two breaches for W006" "$(printf '%s\n' "$out" | grep -c 'breach of limit')" 2
like "explain names the limit" "$out" "late.operation +-5  \[event 47: breach of limit 和路雪, 38 > 30 min\]"

# streaming agrees with the database, from the list and from the sample
is "stream = DB" "$(sbe 2026-W32 W008 all.csv)" "100,-35,0,0,65,yes"
run svc-score --policy "$POL" --period 2026-W39 --roster "$SAMPLE/warehouse/roster.csv" \
    "$SAMPLE/warehouse/events.csv"
like "sample CSV charged" "$out" "^2026-W39,W009,[^,]*,[^,]*,[^,]*,100,-5,0,0,95,"

# voiding the operation takes its charge away, in both modes
id=$(grep ',WH-2026-0087,' all.csv | cut -d, -f1)
svc-log void "$id" --reason "计时有误" >/dev/null
is "voided: no charge" "$(sbe 2026-W29 W007)" "100,0,0,0,100,yes"
svc-log list > after.csv
is "voided, streamed: no charge" "$(sbe 2026-W29 W007 after.csv)" "100,0,0,0,100,yes"

# a limit without a breach kind only measures (smile's limits): no charge
cat > mini.ini <<'INI'
[policy]
name = m
base = 100
[kind.late]
counts_as = deduction
points = -5
escalation = progressive
[kind.unload]
counts_as = operation
value = required
[kind.shelve]
counts_as = operation
value = required
[limit.all]
kind = unload
minutes = 60
breach = late
[limit.measured]
kind = shelve
minutes = 10
INI
cat > ev.csv <<'CSV'
ts,staff,kind,value
2026-10-01T09:00:00+08:00,W006,unload,61
2026-10-02T09:00:00+08:00,W006,unload,70
2026-10-03T09:00:00+08:00,W006,unload,60
2026-10-03T10:00:00+08:00,W006,shelve,70
CSV
run svc-score --policy mini.ini --period 2026-10 --roster "$SAMPLE/warehouse/roster.csv" ev.csv
# the breach kind's own rule applies: progressive, -5 then -10
like "progressive breach charges" "$out" "^2026-10,W006,[^,]*,[^,]*,[^,]*,100,-15,0,0,85,0,0,4,"
finish
