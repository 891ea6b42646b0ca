#!/bin/sh
# svc-award on the port's quarterly smile scheme (tiers, disqualification,
# retraining, a posting of one calendar month, objections, withdrawal by a complaint in
# the posting window, payment the month after) and the warehouse's
# weekly and monthly stars; the port's star of the year from quarters.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/smile.ini
export SVC_DB=s.db SVC_POLICY=$P SVC_USER=考核小组
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/smile/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/smile/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/smile/events.csv" 2>/dev/null
svc-score --period 2026-Q3 --save > q3.csv

# tier STAFF: "award,amount,action,badge" of STAFF's tier row in $out
tier() {
	printf '%s\n' "$out" | awk -F, -v s="$1" \
	    '$2 == s && $14 == "tier" { print $5 "," $6 "," $7 "," $15 }'
}
# status ID: the current status of saved award ID
status() { svc-award list --status "${2:-posted}" | awk -F, -v i="$1" '$1 == i { print $14 }'; }
# id STAFF: the saved award id of STAFF's tier
id() { svc-award list | awk -F, -v s="$1" '$3 == s { print $1 }'; }

### tiers from the saved Q3 scores, proposed on 2026-10-05
run svc-award --period 2026-Q3 --as-of 2026-10-05 --save
is "save" "$rc" 0
# boundaries: 95 is 最佳 (P003), 90 is 大使 (P010), 85 is 风采 (P015)
is "P001 97" "$(tier P001)" "最佳微笑奖,500,,最佳微笑奖徽章"
is "P003 95.0" "$(tier P003)" "最佳微笑奖,500,,最佳微笑奖徽章"
is "P007 94.5" "$(tier P007)" "微笑大使奖,300,,微笑大使奖徽章"
is "P010 90.0" "$(tier P010)" "微笑大使奖,300,,微笑大使奖徽章"
is "P014 89" "$(tier P014)" "微笑风采奖,200,,微笑风采奖徽章"
is "P015 85.0" "$(tier P015)" "微笑风采奖,200,,微笑风采奖徽章"
# 80-85: no tier; below 80 retraining, an action without money
is "P008 83 none" "$(tier P008)" ""
is "P006 77.5 retraining" "$(tier P006)" "下岗培训,0,离岗培训一周，考试合格后上岗,"
# disqualified (complaint, WeChat complaint, 15 points in a month): no award
is "P002 disqualified" "$(tier P002)" ""
is "P009 disqualified" "$(tier P009)" ""
is "P012 disqualified" "$(tier P012)" ""
# the rank is by score over everyone: P004 (106) first
like "P004 rank 1" "$out" "^2026-Q3,P004,[^,]*,[^,]*,最佳微笑奖,500,,1,,"
# approved (核准) on 10-08 and posted from then: a month, up through
# 11-07, down on 11-08, paid in December
run svc-award approve --period 2026-Q3 --as-of 2026-10-08
is "approve" "$rc" 0
like "posting dates" "$out" ",2026-10-08,2026-11-08,2026-12,posted,tier,"
is "saved" "$(svc-award list | wc -l)" 12

### a disqualified employee below 80 still goes to retraining
sed 's/^\(2026-Q3,P006,.*\),yes,,/\1,no,disqualified by test,/' q3.csv > dq.csv
run svc-award --as-of 2026-10-08 dq.csv
like "disqualified retraining" "$(tier P006)" "^下岗培训,0,离岗培训一周"
like "disqualified reason" "$out" "not eligible: disqualified by test"

### objections while posted; finalize refused before the posting ends
p003=$(id P003); p007=$(id P007); p013=$(id P013)
run svc-award object "$p003" --reason "平均分计算有误" --as-of 2026-10-10
is "object" "$rc" 0
o1=$out
run svc-award object "$p007" --reason "投诉未处理" --as-of 2026-10-11
o2=$out
is "objection ids" "$o1 $o2" "1 2"
like "objection kept" "$(sql s.db 'SELECT award, reason, who, on_date FROM objection WHERE id = 1')" \
    "^$p003\|平均分计算有误\|考核小组\|2026-10-10$"
run svc-award finalize --period 2026-Q3 --as-of 2026-11-07
refused "before the end" 1 "--as-of: the posting of 2026-Q3 ends with 2026-11-07: finalize on or after 2026-11-08$"
is "nothing finalized" "$(svc-award list --status posted | wc -l)" 12

### complaints: P005 (sample, 10-15) inside the window; P013 on 11-08
### (the day after the posting's last) outside; P010's inside but voided
svc-log import "$SAMPLE/smile/posting-complaints.csv" 2>/dev/null
svc-log add complaint.company P013 ts=2026-11-08T09:00:00+08:00 note=after >/dev/null 2>&1
svc-log add complaint.company P001 ts=2026-10-07T17:00:00+08:00 note=before >/dev/null 2>&1
v=$(svc-log add complaint.company P010 ts=2026-10-20T09:00:00+08:00 note=wrong 2>/dev/null)
svc-log void "$v" --reason "录错" >/dev/null 2>&1
# the retraining holder's complaint does not withdraw an action
svc-log add complaint.company P006 ts=2026-10-20T10:00:00+08:00 >/dev/null 2>&1
run svc-award finalize --period 2026-Q3 --as-of 2026-11-08 --uphold "$o1"
is "finalize" "$rc" 0
like "finalize counts" "$err" "2026-Q3: 9 approved, 2 withdrawn"
like "P005 withdrawn" "$out" ",P005,.*,withdrawn,tier,"
like "P003 withdrawn (upheld)" "$out" ",P003,.*,withdrawn,tier,"
for s in P001 P004 P007 P010 P013 P006; do
	like "$s approved" "$out" ",$s,.*,approved,tier,"
done
run svc-award list --history --status withdrawn
like "complaint note" "$out" ",P005,.*,2026-11-08,考核小组,.?complaint during the posting: event [0-9]+ \(complaint.company, 2026-10-15\)"
like "objection note" "$out" ",P003,.*,objection $o1 upheld"
is "outcomes" "$(sql s.db 'SELECT objection, outcome FROM objection_outcome ORDER BY objection')" \
    "1|upheld
2|rejected"
run svc-award object "$p013" --reason late
refused "object after finalize" 1 "award $p013 is approved: objections are taken while it is posted"
run svc-award finalize --period 2026-Q3 --as-of 2026-11-09
refused "finalize twice" 1 "nothing posted to finalize"

### pay in December: approved tiers with money; retraining has none
run svc-award pay --period 2026-Q3 --as-of 2026-12-01
is "pay" "$rc" 0
is "payroll rows" "$(printf '%s\n' "$out" | wc -l)" 9
unlike "withdrawn not paid" "$out" "^P00[35],"
like "paid total" "$err" "2026-Q3: 9 paid, total 2500"
run svc-award pay --period 2026-Q3 --as-of 2026-12-02
refused "pay twice" 1 "paid already"

### the year's star from the quarters: Q2 (made up) with P004
### disqualified, Q1, Q3 and Q4 as Q3: P004 is out, P001 (97) is the star
sed -e 's/^2026-Q3,/2026-Q2,/' \
    -e 's/^\(2026-Q2,P004,.*\),yes,,/\1,no,disqualified by complaint.wechat,/' \
    q3.csv > q2.csv
sed 's/^2026-Q3,/2026-Q1,/' q3.csv > q1.csv
sed 's/^2026-Q3,/2026-Q4,/' q3.csv > q4.csv
run svc-award --period 2026 --as-of 2027-01-10 q1.csv q2.csv q3.csv q4.csv
is "year" "$rc" 0
is "year star" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1,2,5,6,7,14)" \
    "2026,P001,年度服务之星,0,年度总结表彰,star"
# from the database: only Q3 is saved there: not the year's star
run svc-award --period 2026 --as-of 2027-01-10
refused "year from saved quarters" 1 "2026-Q1, 2026-Q2, 2026-Q4 have no saved scores"
# unless asked for: then P004 (106) wins
run svc-award --period 2026 --as-of 2027-01-10 --partial
is "year from saved quarters, --partial" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f2,5)" \
    "P004,年度服务之星"
# a quarter of another year is refused
sed 's/^2026-Q3,/2025-Q4,/' q3.csv > q0.csv
run svc-award --period 2026 q0.csv q3.csv
refused "year: other quarters" 1 "period: scores of 2025-Q4 are not in 2026"

### the warehouse: weekly best per position, monthly among nominees
W=$SAMPLE/policies/warehouse.ini
export SVC_DB=w.db SVC_POLICY=$W
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/warehouse/events.csv" 2>/dev/null
svc-score --period 2026-W32 | svc-award > w32.csv
# the week's best of each position with a deduction sheet, and no other
is "weekly: one per position with a sheet" \
    "$(grep ',岗位周优秀,100,' w32.csv | sed 's/.*,best of position //; s/:.*//' | LC_ALL=C sort | tr '\n' ' ')" \
    "上下架员 仓储作业员 订单员 "
like "weekly: by position" "$(cat w32.csv)" ",best of position 订单员: "
is "weekly: no monthly star" "$(grep -c 月度优秀骨干 w32.csv)" 0
for m in 07:W010 08:W014 09:W008; do
	svc-score --period "2026-${m%:*}" | svc-award > m.csv
	is "talent pool 2026-${m%:*}" "$(sed 1d m.csv | cut -d, -f2,5,6,7)" \
	    "${m#*:},月度优秀骨干,0,纳入人才库"
done

finish
