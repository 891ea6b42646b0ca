#!/bin/sh
# svc-report monthly: a complaint is handled when a satisfied revisit of
# its customer follows it before --as-of (the water sample: 满意 is 4 and
# 5, satisfied_min = 4), or, for a kind with handled_by = order, when a
# work order of its customer is closed after it. A dissatisfied (2) or
# neutral (3) revisit handles nothing. The complaints not handled are
# listed: event id, time, customer, staff. Target: 用户投诉处理率100%.
. "$SRC/tests/cli/lib.sh"
load_sample water
export SVC_DB=water.db

# The sample itself: 0103056's July complaint (WS-2026-0041) is followed
# only by a dissatisfied revisit (WS-2026-0223, 2 on 09-11): not handled.
run svc-report monthly --policy water.ini --period 2026-07 \
    --as-of 2026-10-01T09:00:00+08:00 --format csv
printf '%s\n' "$out" >jul.csv
# row LABEL FILE: the row of the feedback or the targets starting with LABEL
row() {
	{ pick feedback item count previous change 'change %' <"$2"
	  pick targets target measured value 'target value' result \
	    previous <"$2"; } | grep -E "^$1,"
}
# unhandled FILE: the complaints not handled, a header and a row each
unhandled() { pick unhandled event time customer staff <"$1"; }
like "july: 0 of 1 handled" "$(row 'complaints handled' jul.csv)" \
    '^complaints handled,0,'
id=$(sql water.db "SELECT id FROM event WHERE uid = 'WS-2026-0041'")
like "july: listed as not handled" "$(unhandled jul.csv)" \
    "^$id,2026-07-14 15:46,0103056,KF003\$"
like "july: target missed" "$(row 用户投诉处理率100% jul.csv)" \
    '^用户投诉处理率100%,complaints handled,0\.0,>= 100%,MISSED,'

# October (no sample events): KF008's complaint from 0104019 is revisited
# with 2 (不满意), then 3 (一般); KF003's complaint names no customer;
# KF004's complaint from 0105007 comes after 0105007's only revisit (5).
cat >oct.csv <<'CSV'
ts,staff,kind,value,customer,channel
2026-10-02T09:00:00+08:00,KF009,revisit,5,0105007,phone
2026-10-05T10:00:00+08:00,KF008,complaint.customer,,0104019,phone
2026-10-06T10:00:00+08:00,KF009,revisit,2,0104019,phone
2026-10-08T10:00:00+08:00,KF009,revisit,3,0104019,phone
2026-10-09T11:00:00+08:00,KF003,complaint.customer,,,visit
2026-10-10T15:30:00+08:00,KF004,complaint.customer,,0105007,visit
CSV
run svc-log --policy water.ini import oct.csv
is "october imported" "$rc" 0
ids=$(sql water.db "SELECT id FROM event WHERE kind = 'complaint.customer'
    ORDER BY id DESC LIMIT 3" | sort -n | tr '\n' ' ')
set -- $ids
c1=$1 c2=$2 c3=$3

run svc-report monthly --policy water.ini --period 2026-10 \
    --as-of 2026-10-20 --format csv
printf '%s\n' "$out" >r1.csv
like "none handled" "$(row 'complaints handled' r1.csv)" \
    '^complaints handled,0,'
like "satisfied: 5 only, not 2 or 3" "$(row 'satisfied revisits' r1.csv)" \
    '^satisfied revisits,1,'
like "satisfaction 1 of 3" "$(row 用户满意率98%以上 r1.csv)" \
    ',satisfied revisits,33\.3,>= 98%,MISSED,'
like "handling 0 %" "$(row 用户投诉处理率100% r1.csv)" \
    ',complaints handled,0\.0,>= 100%,MISSED,'
is "the three listed, oldest first" "$(unhandled r1.csv)" \
"event,time,customer,staff
$c1,2026-10-05 10:00,0104019,KF008
$c2,2026-10-09 11:00,,KF003
$c3,2026-10-10 15:30,0105007,KF004"

# 0104019 is revisited with 4 (满意) on 10-21: handled from then on
cat >late.csv <<'CSV'
ts,staff,kind,value,customer,channel
2026-10-21T09:00:00+08:00,KF009,revisit,4,0104019,phone
CSV
run svc-log --policy water.ini import late.csv
run svc-report monthly --policy water.ini --period 2026-10 \
    --as-of 2026-10-20 --format csv
printf '%s\n' "$out" >r.csv
like "not before --as-of" "$(unhandled r.csv)" "^$c1,"
run svc-report monthly --policy water.ini --period 2026-10 \
    --as-of 2026-10-22 --format csv
printf '%s\n' "$out" >r2.csv
like "one handled" "$(row 'complaints handled' r2.csv)" \
    '^complaints handled,1,'
like "handling 33.3 %" "$(row 用户投诉处理率100% r2.csv)" \
    ',complaints handled,33\.3,>= 100%,MISSED,'
unlike "the handled one is not listed" "$(unhandled r2.csv)" "^$c1,"
like "the others are" "$(unhandled r2.csv)" \
    "^$c3,2026-10-10 15:30,0105007,KF004"

# every format lists them
for f in text md html; do
	run svc-report monthly --policy water.ini --period 2026-10 \
	    --as-of 2026-10-22 --format $f
	like "$f: the list" "$out" 'Complaints not handled'
	like "$f: a complaint" "$out" "$c3.*2026-10-10 15:30.*0105007.*KF004"
done
run svc-report monthly --policy water.ini --period 2026-10 \
    --as-of 2026-10-22 --format mail --to a@example.com --from b@example.com \
    --attach-csv
printf '%s\n' "$out" >r.mail
is "mail: listed in text, html and the csv" "$(python3 - "$c3" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open('r.mail', 'rb'),
    policy=email.policy.default)
for part in m.walk():
    if part.get_content_maintype() == 'text':
        print(part.get_content_type(), sys.argv[1] in part.get_content()
              and 'KF004' in part.get_content())
PY
)" "text/plain True
text/html True
text/csv True"

# a month whose complaints are all handled has no list: November's one
# complaint is followed by a 5
cat >nov.csv <<'CSV'
ts,staff,kind,value,customer,channel
2026-11-02T10:00:00+08:00,KF006,complaint.customer,,0301017,phone
2026-11-03T10:00:00+08:00,KF009,revisit,5,0301017,phone
CSV
run svc-log --policy water.ini import nov.csv
run svc-report monthly --policy water.ini --period 2026-11 \
    --as-of 2026-11-30 --format csv
printf '%s\n' "$out" >r.csv
like "november: handled" "$(row 'complaints handled' r.csv)" \
    '^complaints handled,1,'
like "november: 100 % met" "$(row 用户投诉处理率100% r.csv)" \
    '^用户投诉处理率100%,complaints handled,100\.0,>= 100%,met,'
unlike "no list when none" "$out" '^unhandled,'

# handled_by = order: a work order of the customer closed after the
# complaint handles it; a cancelled one, or the revisit, does not
sed 's/^handled_by = revisit$/handled_by = order/' water.ini >order.ini
run svc-report monthly --policy order.ini --period 2026-10 \
    --as-of 2026-10-22 --format csv
printf '%s\n' "$out" >r.csv
like "by order: none handled yet" "$(row 'complaints handled' r.csv)" \
    '^complaints handled,0,'
o1=$(svc-log --policy order.ini order open --customer 0105007 \
    --matter 催办 --first KF004 --ts 2026-10-11T09:00)
o2=$(svc-log --policy order.ini order open --customer 0104019 \
    --matter 重复 --first KF008 --ts 2026-10-11T09:00)
svc-log order close "$o1" --ts 2026-10-12T09:00
svc-log order cancel "$o2" --reason 重复 --ts 2026-10-12T09:00
run svc-report monthly --policy order.ini --period 2026-10 \
    --as-of 2026-10-22 --format csv
printf '%s\n' "$out" >r.csv
like "by order: the closed order handles 0105007" \
    "$(row 'complaints handled' r.csv)" '^complaints handled,1,'
unlike "by order: 0105007 not listed" "$(unhandled r.csv)" "^$c3,"
like "by order: cancelled is not handled" "$(unhandled r.csv)" "^$c1,"
run svc-report monthly --policy order.ini --period 2026-10 \
    --as-of 2026-10-11T12:00 --format csv
printf '%s\n' "$out" >r.csv
like "by order: not before the close" "$(unhandled r.csv)" "^$c3,"

# the key is checked
sed 's/^handled_by = revisit$/handled_by = closed/' water.ini >bad.ini
run svc-report monthly --policy bad.ini --period 2026-10
refused "bad handled_by" 1 \
    "bad.ini:[0-9]+: handled_by: unknown value 'closed' \(expected revisit, order\)"

finish
