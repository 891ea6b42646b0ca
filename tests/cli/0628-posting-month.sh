#!/bin/sh
# Scheme A posts the winners for one calendar month (张榜公示一个月) and pays
# them the month after: smile.ini says months = 1. Posted on 1 October, a
# complaint on 31 October still withdraws the award, one on 1 November no
# longer does; finalize on 31 October is refused, naming the last day.
. "$SRC/tests/cli/lib.sh"

# smile.ini's approval (0636) left out: the posting starts with the save
sed '/^approval = yes/d' "$SAMPLE/policies/smile.ini" >smile.ini
export SVC_DB=s.db SVC_POLICY=smile.ini SVC_USER=考核小组
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/smile/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/smile/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/smile/events.csv" 2>/dev/null
svc-score --period 2026-Q3 >q3.csv
# dates AS-OF: posted_from,posted_until,payable of P001's proposed award
dates() {
	svc-award --as-of "$1" q3.csv | awk -F, '$2 == "P001" { print $10 "," $11 "," $12 }'
}
# posted_until is the first day after the posting
is "from 1 October: through 31 October, paid in November" \
    "$(dates 2026-10-01)" "2026-10-01,2026-11-01,2026-11"
is "from 15 October: through 14 November, paid in December" \
    "$(dates 2026-10-15)" "2026-10-15,2026-11-15,2026-12"
is "from 31 January: through 28 February" \
    "$(dates 2026-01-31)" "2026-01-31,2026-03-01,2026-03"
is "from 29 January: through 28 February too" \
    "$(dates 2026-01-29)" "2026-01-29,2026-03-01,2026-03"
is "from 28 January: through 27 February" \
    "$(dates 2026-01-28)" "2026-01-28,2026-02-28,2026-03"
is "leap year: 31 January 2028 through 29 February" \
    "$(dates 2028-01-31)" "2028-01-31,2028-03-01,2028-03"
is "from 30 November: through 29 December" \
    "$(dates 2026-11-30)" "2026-11-30,2026-12-30,2027-01"
is "from 1 December: paid in January" \
    "$(dates 2026-12-01)" "2026-12-01,2027-01-01,2027-01"

### the document's numbers: posted on 1 October
svc-score --period 2026-Q3 --save >/dev/null 2>&1
run svc-award --period 2026-Q3 --as-of 2026-10-01 --save
is "saved" "$rc" 0
like "posted 1 October, payable 2026-11" "$out" '^2026-Q3,P001,.*,2026-10-01,2026-11-01,2026-11,posted,'
# P001 complained about on the posting's last day, P004 the day after
svc-log add complaint.company P001 ts=2026-10-31T16:00:00+08:00 note=公示期 >/dev/null 2>&1
svc-log add complaint.company P004 ts=2026-11-01T08:00:00+08:00 note=公示后 >/dev/null 2>&1
run svc-award finalize --period 2026-Q3 --as-of 2026-10-31
refused "finalize on 31 October" 1 \
    "^svc-award: --as-of: the posting of 2026-Q3 ends with 2026-10-31: finalize on or after 2026-11-01$"
run svc-award finalize --period 2026-Q3 --as-of 2026-11-01
is "finalize on 1 November" "$rc" 0
like "P001 withdrawn (31 October)" "$out" '^[0-9]+,2026-Q3,P001,.*,withdrawn,'
like "P004 approved (1 November)" "$out" '^[0-9]+,2026-Q3,P004,.*,approved,'
run svc-award list --history --status withdrawn
like "why" "$out" ',P001,.*complaint during the posting: event [0-9]+ \(complaint.company, 2026-10-31\)'
run svc-award pay --period 2026-Q3 --as-of 2026-11-30
is "paid in November" "$rc" 0
unlike "P001 not paid" "$out" '^P001,'
like "P004 paid" "$out" '^P004,'

finish
