#!/bin/sh
# svc-score on the four sample schemes (sample-data/): the source
# documents' own examples and edge cases, as sample-data/README.md lists
# them, computed by the real tool from a database loaded with svc-log,
# and the same results from the events streamed as CSV.
. "$SRC/tests/cli/lib.sh"

# load SCHEME: a database SCHEME.db with the scheme's roster, customers
# and events
load() {
	svc-log --db "$1.db" init 2>/dev/null
	svc-log --db "$1.db" roster "$SAMPLE/$1/roster.csv" 2>/dev/null
	svc-log --db "$1.db" customers "$SAMPLE/$1/customers.csv" 2>/dev/null
	svc-log --db "$1.db" --policy "$SAMPLE/policies/$1.ini" \
	    import "$SAMPLE/$1/events.csv" 2>/dev/null
}
# scores SCHEME PERIOD [ARGS...]: the scores CSV into $out
scores() {
	s=$1; p=$2; shift 2
	run svc-score --db "$s.db" --policy "$SAMPLE/policies/$s.ini" \
	    --period "$p" "$@"
}
# row STAFF: that staff member's row of $out ("" when none)
row() { printf '%s\n' "$out" | grep "^[^,]*,$1,"; }
# col STAFF N: column N (1-14: no quotes before the reason) of the row
col() { row "$1" | cut -d, -f"$2"; }
# sbe STAFF: base,deductions,bonuses,joint,score,eligible
sbe() { row "$1" | cut -d, -f10,6,7,8,9,14; }
# norm: the scores CSV with event references made alike ("event 17" from
# the database, "FILE:LINE" from a CSV file)
norm() { sed -E 's#(event |[^ ,"]*events\.csv:)[0-9]+#REF#g'; }

for s in smile group warehouse water; do load $s; done
is "smile events loaded" "$(sql smile.db 'SELECT count(*) FROM event')" 443
is "group events loaded" "$(sql group.db 'SELECT count(*) FROM event')" 254
is "warehouse events loaded" "$(sql warehouse.db 'SELECT count(*) FROM event')" 509
# water's five dissatisfied revisits each open a follow-up work order,
# logged as an order.open event besides the 280 of the file
is "water events loaded" "$(sql water.db "SELECT count(*) FROM event WHERE kind NOT LIKE 'order.%'")" 280
is "water follow-up orders" "$(sql water.db 'SELECT count(*) FROM work_order WHERE revisit IS NOT NULL')" 5

### A. smile, 2026-Q3: mean of daily assessments + 10 per praise
scores smile 2026-Q3
is "smile status" "$rc" 0
smile=$out
# mean base: P001 averages 97
is "P001" "$(sbe P001)" "97,0,0,0,97,yes"
# tier boundary: P003 averages exactly 95 (not 94.99)
is "P003 exactly 95" "$(sbe P003)" "95,0,0,0,95,yes"
# praise in the WeChat channel: 96 + 10 = 106, the top eligible score
is "P004 96 + 10" "$(sbe P004)" "96,0,10,0,106,yes"
is "P004 praises" "$(col P004 12)" 1
is "P005" "$(col P005 10)" 93
# mean to 2 decimals: 94.5 stays below the 95 tier
is "P007 94.5" "$(col P007 10)" 94.5
# tier boundary: P010 averages exactly 90
is "P010 exactly 90" "$(col P010 10)" 90
# praise letter: 82 + 10 = 92
is "P013 82 + 10" "$(sbe P013)" "82,0,10,0,92,yes"
is "P011" "$(col P011 10)" 88
# tier boundary: P015 averages exactly 85
is "P015 exactly 85" "$(col P015 10)" 85
is "P008" "$(col P008 10)" 83
# below 80 (retraining): P006 77.5, eligible (an action, not an award);
# deduct.dept has no points, 6 in July and 8 in September stay under 15
is "P006 77.5" "$(sbe P006)" "77.5,0,0,0,77.5,yes"
# disqualified by kind, score kept: P002 (internal complaint)
is "P002 score kept" "$(sbe P002)" "92,0,0,0,92,no"
like "P002 reason" "$(row P002)" ",no,disqualified by complaint\.internal: event [0-9]+,"
is "P002 complaints" "$(col P002 11)" 1
# disqualified by kind: P009 (complaint in the WeChat channel)
is "P009 score kept" "$(sbe P009)" "96,0,0,0,96,no"
like "P009 reason" "$(row P009)" ",no,disqualified by complaint\.wechat: event [0-9]+,"
# disqualified by a month's total: P012 8 + 7 = 15 department points in
# August (15 or more)
is "P012 score kept" "$(sbe P012)" "91,0,0,0,91,no"
like "P012 reason" "$(row P012)" ",no,\"disqualified by deduct\.dept: 15 in 2026-08 \(limit 15\): event [0-9]+, event [0-9]+\","
# a total spanning two months does not disqualify: P014 10 on 07-31 and
# 10 on 08-03
is "P014 two months" "$(sbe P014)" "89,0,0,0,89,yes"
is "P014 no reason" "$(col P014 15)" ""
# inactive with no events: no row; 15 rows in all
is "P016 no row" "$(row P016)" ""
is "smile rows" "$(printf '%s\n' "$smile" | sed 1d | wc -l | tr -d ' ')" 15
# the top eligible score is P004's 106
is "smile top eligible" "$(printf '%s\n' "$smile" | awk -F, '$14 == "yes"' | sort -t, -k10,10 -rn | head -n 1 | cut -d, -f2,10)" "P004,106"
# month edge: P014's 07-31 deduction is July's, the 08-03 one August's
scores smile 2026-Q3 --explain P014
like "P014 explain July" "$out" "2026-07-31T16:30:00\+08:00  deduct\.dept +10"
like "P014 explain August" "$out" "2026-08-03T09:15:00\+08:00  deduct\.dept +10"
like "P014 explain eligible" "$out" "^eligible +yes$"
# P012's explanation names the disqualification
scores smile 2026-Q3 --explain P012
like "P012 explain" "$out" "^not eligible: disqualified by deduct\.dept: 15 in 2026-08"
# the October posting complaint is outside Q3: streaming it too changes
# nothing
svc-log --db smile.db list > smile-all.csv
scores smile 2026-Q3 smile-all.csv "$SAMPLE/smile/posting-complaints.csv"
is "smile + October file" "$out" "$smile"
# in Q4 it is P005's only event: no assessment, no score, not eligible
scores smile 2026-Q4 --roster "$SAMPLE/smile/roster.csv" \
    "$SAMPLE/smile/posting-complaints.csv"
is "P005 in Q4" "$(row P005 | cut -d, -f6,10,11,14)" ",,1,no"
like "P005 in Q4 reason" "$(row P005)" "no assessment in 2026-Q4; disqualified by complaint\.company"

### C. group, monthly: verified complaints progressive, joint penalties
scores group 2026-08
aug=$out
# progressive: G014's three verified complaints, 100 - 5 - 10 - 15 = 70
is "G014 70" "$(sbe G014)" "100,-30,0,0,70,yes"
is "G014 complaints" "$(col G014 11)" 3
# joint: supervisor G012 pays 3 + 6 (from the 2nd); his own events in
# August are inspection records worth 0
is "G012 91" "$(sbe G012)" "100,0,0,-9,91,yes"
# joint: leader G002 pays 3 (from the 3rd), with no events of his own
is "G002 97" "$(sbe G002)" "100,0,0,-3,97,yes"
is "G002 no events" "$(col G002 13)" 0
# staff with no events and no charge: a row at the base
is "G001 no events" "$(sbe G001)" "100,0,0,0,100,yes"
is "G001 events" "$(col G001 13)" 0
# the other leader and G014's colleague are not charged
is "G001 untouched" "$(col G001 9)" 0
is "G013 untouched" "$(col G013 9)" 0
# flat attitude complaints: G008 two in August, 90
is "G008 August" "$(sbe G008)" "100,-10,0,0,90,yes"
# inactive with no events: no row
is "G021 no row (08)" "$(row G021)" ""
scores group 2026-07
# G008 two in July too; G016 a single attitude complaint, 95
is "G008 July" "$(col G008 10)" 90
is "G016 July" "$(sbe G016)" "100,-5,0,0,95,yes"
is "G016 July complaints" "$(col G016 11)" 1
# a single complaint: no joint charge
is "G015 July joint" "$(col G015 9)" 0
is "G021 no row (07)" "$(row G021)" ""
scores group 2026-09
# attitude 5 + quarrel 10: G019 85
is "G019 September" "$(sbe G019)" "100,-15,0,0,85,yes"
is "G008 September" "$(col G008 10)" 90
# one verified complaint (the 1st, 5) and a praise (+2): G010 97; no
# joint charge on supervisor G009 or leader G002
is "G010 September" "$(sbe G010)" "100,-5,2,0,97,yes"
is "G009 September joint" "$(col G009 9)" 0
is "G002 September joint" "$(col G002 9)" 0
# the count starts again each month: G014 has no complaint in September
is "G014 September" "$(col G014 10)" 104
# a quarter counts its whole span: G008 six attitude complaints, flat
scores group 2026-Q3
is "G008 Q3" "$(col G008 7)" -30

### B. warehouse, weekly: base 100, floor 0
scores warehouse 2026-W32
# floor: W013's 110 points of deductions in 2026-W32 floor to 0
is "W013 floored" "$(sbe W013)" "100,-110,0,0,0,yes"
is "W019 no row" "$(row W019)" ""
# every position's sheet: W008 -30 (three charges) in W32; unload
# WH-2026-0209 (7-9米箱车 泡货 72 > 60) is the outsourced crew's KPI,
# charged to no one (charge = none)
is "W008 W32" "$(col W008 10)" 70
scores warehouse 2026-W34
# a customer complaint: -10 and counted
is "W015 W34" "$(col W015 10),$(col W015 11)" "90,1"
# monthly (the talent pool): a nomination is no bonus, it only puts its
# staff up for the month's backbone (svc-award decides among nominees)
for m in 2026-07:W010 2026-08:W014 2026-09:W008; do
	scores warehouse "${m%:*}"
	is "nominee of ${m%:*} scored as any" "$(sbe "${m#*:}")" \
	    "100,0,0,0,100,yes"
done

### D. water, monthly: base 100, complaint -5, entry error -2
scores water 2026-07
is "KF003 July" "$(sbe KF003)" "100,-5,0,0,95,yes"
is "KF012 July" "$(sbe KF012)" "100,-2,0,0,98,yes"
is "KF018 no row" "$(row KF018)" ""
scores water 2026-08
is "KF008 August" "$(sbe KF008)" "100,-10,0,0,90,yes"
is "KF008 August complaints" "$(col KF008 11)" 2
is "KF012 August" "$(col KF012 10)" 94
is "KF003 August" "$(col KF003 10)" 100
scores water 2026-09
is "KF005 September" "$(col KF005 10)" 95
is "KF013 September" "$(col KF013 10)" 96

### Streaming and database modes agree, for every scheme and period
for sp in smile:2026-Q3 group:2026-07 group:2026-08 group:2026-09 \
    warehouse:2026-W28 warehouse:2026-W32 warehouse:2026-08 \
    water:2026-08 water:2026-Q3; do
	s=${sp%:*}; p=${sp#*:}
	scores $s $p
	db=$out
	is "$s $p: DB mode status" "$rc" 0
	like "$s $p: DB mode rows" "$db" "^$p,"
	# svc-log list's CSV as a file, the roster from the database
	svc-log --db $s.db list > $s-all.csv
	scores $s $p $s-all.csv
	is "$s $p: list file = DB" "$out" "$db"
	# the same on standard input with --roster
	runin $s-all.csv svc-score --db $s.db --policy "$SAMPLE/policies/$s.ini" \
	    --period $p --roster "$SAMPLE/$s/roster.csv" -
	is "$s $p: stdin --roster = DB" "$out" "$db"
	# the sample events.csv itself (no ids): the same but for the
	# references in reasons
	scores $s $p --roster "$SAMPLE/$s/roster.csv" "$SAMPLE/$s/events.csv"
	is "$s $p: events.csv = DB" "$(printf '%s\n' "$out" | norm)" \
	    "$(printf '%s\n' "$db" | norm)"
done

finish
