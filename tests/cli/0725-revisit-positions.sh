#!/bin/sh
# Revisit cadences owed by positions ([revisit.TIER] by, supervisor_by,
# head_by): any holder of the position fulfils its cadence, not only the
# customer owner's roster supervisor or leader. The warehouse document's
# cadences (seeds/001 四.5): big customers weekly by 客服专员, every 15
# days by 运营主管, monthly by 运营部长; small half-monthly by 客服专员,
# monthly by 客服主管; micro monthly by 客服专员.
. "$SRC/tests/cli/lib.sh"
load_sample warehouse
export SVC_DB=warehouse.db SVC_POLICY=warehouse.ini
ASOF=2026-09-30T23:59:59+08:00
# customers [OPTION...]: the revisits report's customers table, as the
# text shows it (pick in lib.sh)
customers() {
	svc-report revisits --as-of "$ASOF" --format csv "$@" |
	    pick customers customer name tier owner by 'every d' \
	    'last revisit' 'days since' 'due by' status revisits satisfaction
}
# row CUSTOMER BY: last revisit, days since, status of that cadence
row() {
	customers |
	    grep "^$1,[^,]*,[^,]*,[^,]*,$2," | cut -d, -f7,8,10
}

# the sample: KH005's last 运营主管 revisit (08-19) was W003's, not the
# owner W017's supervisor W002's, and it counts
is "sample: another 运营主管's revisit counts" "$(row KH005 运营主管)" \
    "2026-08-19,42,overdue"
is "sample: 客服主管 owes small customers" "$(row KH006 客服主管)" \
    "2026-08-12,49,overdue"
run svc-report revisits --as-of "$ASOF" --width 200
like "cadences named by position" "$out" \
    "big +客服专员 7d, 运营主管 15d, 运营部长 30d"

# the case: a big customer no 运营主管 revisited; W003 (运营主管,
# but not W017's supervisor) revisits it 10 days before as-of: it counts
svc-log init --db case.db 2>/dev/null
svc-log --db case.db roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log --db case.db customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
export SVC_DB=case.db
is "before: never, due" "$(row KH001 运营主管)" "never,,due"
run svc-log add revisit W003 value=4 customer=KH001 \
    ts=2026-09-20T10:00:00+08:00 note=运营主管回访
is "add status" "$rc" 0
is "a 运营主管 10 days ago: ok" "$(row KH001 运营主管)" "2026-09-20,10,ok"
# a position that owes nothing serves no cadence (its satisfaction counts)
svc-log add revisit W005 value=5 customer=KH001 \
    ts=2026-09-29T10:00:00+08:00 >/dev/null
is "品控主管 serves no cadence" "$(row KH001 客服专员)" "never,,due"
is "its satisfaction counts" "$(customers | grep '^KH001,' | head -n 1 | cut -d, -f11,12)" "2,4.50"
# the 运营部长 and 客服专员 serve theirs
svc-log add revisit W001 value=5 customer=KH001 \
    ts=2026-09-15T10:00:00+08:00 >/dev/null
svc-log add revisit W018 value=5 customer=KH001 \
    ts=2026-09-28T10:00:00+08:00 >/dev/null
is "运营部长" "$(row KH001 运营部长)" "2026-09-15,15,ok"
is "any 客服专员, not only the owner" "$(row KH001 客服专员)" "2026-09-28,2,ok"

# without by, cadences follow the owner's chain as before: W003 is not
# W017's supervisor, so its revisit serves the staff cadence (as do
# W005's and W018's, the latest), and the supervisor's is never done
grep -v '_by = \|^by = ' warehouse.ini > chain.ini
is "chain: W003 counts as staff" "$(customers --policy chain.ini |
    grep '^KH001,' | cut -d, -f5,7 |
    tr '\n' ' ')" "staff,2026-09-29 supervisor,never head,2026-09-15 "

# a policy mixing the two is refused where it stops making sense
sed 's/^supervisor_by = 运营主管.*//' warehouse.ini > mixed.ini
line=$(grep -n '^\[revisit.big\]' mixed.ini | cut -d: -f1)
run svc-report revisits --policy mixed.ini --as-of "$ASOF"
refused "mixed cadences" 1 "^svc-report: mixed.ini:$line: \[revisit.big\]: supervisor_every needs supervisor_by: every cadence names its position or none does$"
sed 's/^by = 客服专员.*/by = 运营部长/' warehouse.ini > twice.ini
line=$(grep -n '^head_by = 运营部长' twice.ini | head -n 1 | cut -d: -f1)
run svc-report revisits --policy twice.ini --as-of "$ASOF"
refused "a position owing two cadences" 1 "^svc-report: twice.ini:$line: head_by: position '运营部长' already owes every$"
finish
