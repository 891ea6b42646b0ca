#!/bin/sh
# svc-award on the group windows' sample data (sample-data/policies/
# group.ini): monthly stars per unit with consecutive pay, worst ratings
# with the fine, the third one dismissing; saved month by month, as the
# cron job does, and re-saved; then a small unit where everyone
# complained; paying twice refused.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/group.ini
export SVC_DB=g.db SVC_USER=clerk
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log --policy "$P" import "$SAMPLE/group/events.csv" 2>/dev/null

# type STAFF TYPE: "award,amount,action,rank,consecutive" of that row of $out
pick() {
	printf '%s\n' "$out" | awk -F, -v s="$1" -v t="$2" \
	    '$2 == s && $14 == t { print $5 "," $6 "," $7 "," $8 "," $9 }'
}
# stars: the star holders of $out with their amounts
stars() {
	printf '%s\n' "$out" | awk -F, '$14 == "star" { printf "%s %s,", $2, $6 }'
}
# month M AS-OF: score month 2026-M and decide with --save
month() {
	svc-score --policy "$P" --period "2026-$1" >"s$1.csv"
	run svc-award --policy "$P" --as-of "$2" --save "s$1.csv"
}

### the lead's expected outcomes (sample-data/README.md), verified
month 07 2026-08-05
is "07 status" "$rc" 0
# stars per window unit, no complaint; the 集团领导 are not a window
is "07 stars" "$(stars)" "G004 500,G006 500,G010 500,G013 500,G017 500,G019 500,"
is "07 G004" "$(pick G004 star)" "服务明星,500,张榜公布,1,1"
# two attitude complaints: worst, fined 500 as a negative amount
is "07 G008 worst" "$(pick G008 worst)" "最差服务,-500,张榜公布,,1"
# one complaint is not worst (G016)
is "07 G016 none" "$(pick G016 worst)" ""
# saved rows are posted; the group posts nothing: until = from
like "07 posted" "$(printf '%s\n' "$out" | sed -n 2p)" ",2026-08-05,2026-08-05,2026-09,posted,star,,"

month 08 2026-09-05
# the 2nd month running pays 2 x 500; 原料保管's clean month: its 主管
is "08 stars" "$(stars)" "G004 1000,G006 1000,G010 1000,G013 1000,G015 500,G020 500,"
is "08 G004 consecutive" "$(pick G004 star)" "服务明星,1000,张榜公布,1,2"
is "08 G008 2nd worst" "$(pick G008 worst)" "最差服务,-500,张榜公布,,2"
# three verified complaints: worst, first time
is "08 G014 worst" "$(pick G014 worst)" "最差服务,-500,张榜公布,,1"
is "08 no dismissal" "$(pick G008 dismissal)" ""

month 09 2026-10-05
# 3rd month running: 1500; G017 star in July, not August: reset to 500
is "09 stars" "$(stars)" "G004 1500,G007 500,G011 500,G014 500,G017 500,G020 1000,"
is "09 G017 reset" "$(pick G017 star)" "服务明星,500,张榜公布,1,1"
# the third worst rating: fine and dismissal (辞退)
is "09 G008 3rd worst" "$(pick G008 worst)" "最差服务,-500,张榜公布,,3"
is "09 G008 dismissal" "$(pick G008 dismissal)" "最差服务,0,辞退,,3"
is "09 G019 worst" "$(pick G019 worst)" "最差服务,-500,张榜公布,,1"
# single verified complaint: not worst, no star (G010)
is "09 G010" "$(pick G010 worst)$(pick G010 star)" ""

### the same from saved scores (--period, no file) and deciding again
svc-score --policy "$P" --period 2026-09 --save >/dev/null
run svc-award --policy "$P" --period 2026-09 --as-of 2026-10-05
is "from saved scores" "$out" \
    "$(svc-award --policy "$P" --as-of 2026-10-05 s09.csv)"
like "proposed" "$out" ",proposed,star,"
# deciding without --save writes nothing
is "no save, same count" "$(sql g.db 'SELECT count(*) FROM award')" 24

### re-saving a period replaces the unpaid awards, in one go
run svc-award --policy "$P" --as-of 2026-10-06 --save s09.csv
is "resave status" "$rc" 0
is "resave of the latest period: no warning" "$err" ""
is "resave: posted" "$(svc-award list --period 2026-09 --status posted | wc -l)" 10
is "resave: replaced kept" "$(svc-award list --period 2026-09 --status replaced | wc -l)" 10
is "resave: from" "$(svc-award list --period 2026-09 | sed -n 2p | cut -d, -f11)" 2026-10-06
# the replaced July-September do not double the history: still 1500
is "resave: 1500" "$(pick G004 star)" "服务明星,1500,张榜公布,1,3"
# saving August again as it was decides September again: nothing changes
run svc-award --policy "$P" --as-of 2026-10-06 --save s08.csv
is "resave earlier: status" "$rc" 0
is "resave earlier: September unchanged, nothing said" "$err" ""
is "resave earlier: still 1000" "$(pick G004 star)" "服务明星,1000,张榜公布,1,2"
is "resave earlier: September kept" "$(svc-award list --period 2026-09 | sed -n 2p | cut -d, -f11)" 2026-10-06

### finalize, pay, pay again
run svc-award --policy "$P" pay --period 2026-07
refused "pay before finalize" 1 "2026-07: 7 awards are still posted: finalize first"
run svc-award --policy "$P" finalize --period 2026-07 --as-of 2026-08-05
is "finalize" "$rc" 0
like "finalize counts" "$err" "2026-07: 7 approved, 0 withdrawn"
like "finalize lists" "$out" "^id,period,staff"
run svc-award --policy "$P" pay --period 2026-07 --as-of 2026-09-01
is "pay" "$rc" 0
is "payroll" "$out" "staff,name,dept,amount
G004,潘晓峰,成品保管(装车班组),500
G006,邓志刚,原料保管(卸车班组),500
G008,萧勇,原料保管(卸车班组),-500
G010,程雪梅,销售管理中心,500
G013,蒋欣,开票室,500
G017,汪静,司磅室,500
G019,董大伟,门卫,500"
before=$(sql g.db 'SELECT count(*) FROM award_status')
run svc-award --policy "$P" pay --period 2026-07 --as-of 2026-09-02
refused "paying twice" 1 "--period: 2026-07: paid already"
run svc-award --policy "$P" --as-of 2026-09-03 --save s07.csv
refused "re-saving a paid period" 1 "2026-07: 7 awards are already paid"
is "refusals wrote nothing" "$(sql g.db 'SELECT count(*) FROM award_status')" "$before"
is "paid" "$(svc-award list --period 2026-07 --status paid | wc -l)" 8
# the history: posted, approved, paid for each, with who and when
run svc-award list --period 2026-07 --history
is "history rows" "$(printf '%s\n' "$out" | wc -l)" 22
like "history columns" "$out" "^id,period,.*,reason,changed_on,changed_by,note"
like "history paid" "$out" ",paid,star,,best of unit 门卫: 104,2026-09-01,clerk,"

### a worst rule that names kinds counts them in the ledger: one
### quarrel (G019, 09-22) makes the worst; attitude complaints do not
sed 's/^threshold = 2/threshold = 1\nkinds = complaint.quarrel/' "$P" > q.ini
run svc-award --policy q.ini --as-of 2026-10-05 s09.csv
is "kinds: status" "$rc" 0
is "kinds: only G019" "$(printf '%s\n' "$out" | awk -F, '$14 == "worst" { print $2 "," $9 }')" "G019,1"
# a voided quarrel does not count
v=$(svc-log --policy "$P" add complaint.quarrel G004 ts=2026-09-03T10:00:00+08:00 2>/dev/null)
like "kinds: quarrel added" "$v" '^[0-9]+$'
run svc-log void "$v" --reason test
is "kinds: quarrel voided" "$rc" 0
run svc-award --policy q.ini --as-of 2026-10-05 s09.csv
is "kinds: voided: status" "$rc" 0
is "kinds: voided not counted" "$(printf '%s\n' "$out" | grep -c ',G004,.*,worst,')" 0
is "kinds: voided: still G019" "$(printf '%s\n' "$out" | awk -F, '$14 == "worst" { print $2 }')" G019
run env -u SVC_DB svc-award --policy q.ini s09.csv
refused "kinds need the ledger" 1 "kinds: \[worst.最差服务\] counts kinds: it needs the ledger"

### a unit where everyone complained has no star; stars by dept
cat > few.csv <<'CSV'
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit
2026-10,A1,甲,d1,p,100,-5,10,0,105,1,5,6,yes,,开票室
2026-10,A2,乙,d1,p,100,-5,6,0,101,1,3,4,yes,,开票室
2026-10,B1,丙,d2,p,100,0,4,0,104,0,2,2,yes,,门卫
CSV
run svc-award --db none.db --policy "$P" few.csv
refused "no database named" 1 "none.db"
run env SVC_DB=absent svc-award --policy "$P" few.csv
refused "no SVC_DB file" 1 "absent"
# without --db, $SVC_DB or ./svc.db: decided from the input alone
run env -u SVC_DB svc-award --policy "$P" few.csv
is "no ./svc.db: decided" "$rc" 0
is "unit of complainers: none" "$(printf '%s\n' "$out" | grep -c '^2026-10,A')" 0
is "other unit: star" "$(printf '%s\n' "$out" | grep -c '^2026-10,B1,.*,star,')" 1
like "no ./svc.db: warned" "$err" "warning: no database"

finish
