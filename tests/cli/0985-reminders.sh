#!/bin/sh
# svc-report reminders --as-of D --days N: the customer archive's
# birthdays (customers' and their contacts'), founding anniversaries,
# contract ends (到期续保, 提前通知) and revisits due in [D, D + N], in
# date order, with days left and the customer's owner; plans.ini's
# sample as sample-data/README.md gives it; 02-29 in other years, the
# window's edges, a year not known; every format; --days's bounds.
. "$SRC/tests/cli/lib.sh"
PL=$SAMPLE/plans
cp "$SAMPLE/policies/plans.ini" .
svc-log --db plans.db init 2>/dev/null
svc-log --db plans.db roster "$PL/roster.csv" 2>/dev/null
svc-log --db plans.db customers "$PL/customers.csv" 2>/dev/null
svc-log --db plans.db contacts "$PL/contacts.csv" 2>/dev/null
svc-log --db plans.db --policy plans.ini import "$PL/visits.csv" 2>/dev/null
rem() { svc-report reminders --db plans.db --policy plans.ini "$@"; }

### the sample's week: a revisit overdue, one never made, one due, a
### contact's birthday, a contract's end and a founding anniversary
run rem --as-of 2026-11-16 --days 7 --format csv
is "plans: status" "$rc" 0
is "plans: the week, in date order" "$out" "section,date,days,reminder,customer,name,contact,phone,detail,owner
reminders,2026-11-13,-3,revisit,DK003,中国建设银行福建省分行,,0591-8758 6000,\"every 30d, last 2026-10-14\",E051 谢婉清
reminders,2026-11-16,0,revisit,DK005,福建省地方税务局,,0591-8705 2211,\"every 30d, never visited\",E051 谢婉清
reminders,2026-11-18,2,revisit,DK001,郑州交通运输集团有限责任公司,,0371-6696 2201,\"every 30d, last 2026-10-19\",E040 高志强
reminders,2026-11-19,3,birthday,DK001,郑州交通运输集团有限责任公司,王建军 (集团保险部 经理),0371-6696 2231,\"1972-11-19, 54 years\",E040 高志强
reminders,2026-11-20,4,contract end,DK001,郑州交通运输集团有限责任公司,,0371-6696 2201,to renew,E040 高志强
reminders,2026-11-23,7,founded,DK004,东南（福建）汽车工业有限公司,,0591-2258 3300,\"1995-11-23, 31 years\",E050 罗文"
# --days defaults to 7; the window is as-of's date whatever its time
run rem --as-of 2026-11-16T08:00:00+08:00 --format csv
is "default --days 7" "$(printf '%s\n' "$out" | cut -d, -f2 | tr '\n' ' ')" \
    "date 2026-11-13 2026-11-16 2026-11-18 2026-11-19 2026-11-20 2026-11-23 "
# --days 0: the day itself, with what is overdue by then
run rem --as-of 2026-11-16 --days 0 --format csv
is "--days 0" "$(printf '%s\n' "$out" | cut -d, -f2,4,5 | tr '\n' ' ')" \
    "date,reminder,customer 2026-11-13,revisit,DK003 2026-11-16,revisit,DK005 "
# the window's last day is in, the day after is not
run rem --as-of 2026-11-16 --days 6 --format csv
unlike "the day after the window: out" "$out" "founded"
# a visit logged serves its cadence: DK005 visited, due again in 30 days
svc-log --db plans.db --policy plans.ini add revisit E051 customer=DK005 \
    value=5 ts=2026-11-16T10:00:00+08:00 >/dev/null 2>&1
run rem --as-of 2026-11-16 --days 0 --format csv
unlike "a visit made: no longer due" "$out" "DK005"
# a contract that ended is not to renew
run rem --as-of 2026-11-21 --days 7 --format csv
unlike "a past contract end: out" "$out" "contract end"
# a contact's birthday without a year: no years; the contact's phone
run rem --as-of 2026-12-08 --days 0 --format csv
like "a year not known" "$out" \
    '^reminders,2026-12-08,0,birthday,DK001,郑州交通运输集团有限责任公司,李红梅 \(集团保险部 统保专员\),138 3712 6605,12-08,E040 高志强$'

### 02-29; years; a date after the as-of day; several on one day
cat >c.csv <<'CSV'
id,name,tier,contact,owner,birthday,founded,contract_end
A1,甲,general,100,E021,2000-02-29,,
A2,乙,general,200,,02-29,,2027-02-28
A3,丙公司,general,300,E031,,2027-02-28,
CSV
cat >ct.csv <<'CSV'
customer,name,role,phone,birthday
A3,赵,经理,,1980-02-28
A3,钱,,301,02-28
CSV
svc-log --db plans.db customers c.csv 2>/dev/null
svc-log --db plans.db contacts ct.csv 2>/dev/null
run rem --as-of 2027-02-27 --days 1 --format csv
is "02-29 on 02-28 in 2027; one day by customer, what, contact" "$(printf '%s\n' "$out" | grep ',A[123],')" \
"reminders,2027-02-28,1,birthday,A1,甲,,100,\"2000-02-29, 27 years\",E021 杨帆
reminders,2027-02-28,1,contract end,A2,乙,,200,to renew,
reminders,2027-02-28,1,birthday,A2,乙,,200,02-29,
reminders,2027-02-28,1,birthday,A3,丙公司,赵 (经理),300,\"1980-02-28, 47 years\",E031 吴芳
reminders,2027-02-28,1,birthday,A3,丙公司,钱,301,02-28,E031 吴芳"
run rem --as-of 2028-02-28 --days 1 --format csv
is "02-29 itself in a leap year" "$(printf '%s\n' "$out" | grep ',A[12],' | cut -d, -f2,5)" \
    "2028-02-29,A1
2028-02-29,A2"
run rem --as-of 2028-02-27 --days 1 --format csv
like "founded the year before: 1 year" "$out" '^reminders,2028-02-28,1,founded,A3,.*"2027-02-28, 1 year",'

### every format
run rem --as-of 2026-11-16 --width 200
like "text: a row" "$out" '^2026-11-20 +4 +contract end +DK001 '
like "text: the title" "$out" '^Reminders 2026-11-16\.\.2026-11-23 — 客户服务中心服务方案$'
run rem --as-of 2026-11-16 --format md
like "md" "$out" '^\| 2026-11-19 \| +3 \| birthday \| DK001 \|'
run rem --as-of 2026-11-16 --format html
like "html" "$out" '王建军 \(集团保险部 经理\)'
run rem --as-of 2026-11-16 --format mail --to a@example.com \
    --from b@example.com
like "mail: subject" "$out" '^Subject: '
is "mail: status" "$rc" 0
rem --as-of 2026-11-16 --format xlsx >r.xlsx
is "xlsx: read back" "$(/usr/bin/python3 - r.xlsx <<'PY' 2>&1
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
head = [c.value for c in ws[1]]
assert head[:4] == ['date', 'days', 'reminder', 'customer'], head
assert ws.cell(2, 2).value == -3, ws.cell(2, 2).value
print(ws.max_row - 1)
PY
)" 5
run rem --as-of 2026-11-16 --format mail --to a@example.com --attach-csv
like "mail: the attachment named" "$out" 'reminders\.csv'

### no reminders: general customers have no cadence, no dates
svc-log --db none.db init 2>/dev/null
svc-log --db none.db roster "$PL/roster.csv" 2>/dev/null
printf 'id,name,tier\nGK101,陈桂芳,general\n' >gk.csv
svc-log --db none.db customers gk.csv 2>/dev/null
run svc-report reminders --db none.db --policy plans.ini --as-of 2026-07-01
like "a week with nothing" "$out" '^No reminders\.$'

### usage
run rem --days 367
refused "--days above 366" 2 "^svc-report: --days: '367' is not a number from 0 to 366$"
run rem --days -1
refused "--days negative" 2 "^svc-report: --days: '-1' is not a number from 0 to 366$"
run rem --days 7x
refused "--days not a number" 2 "--days: '7x'"
run svc-report revisits --db plans.db --policy plans.ini --days 7
refused "--days elsewhere" 2 "^svc-report: --days goes with the reminders report$"
run rem --period 2026-11
refused "no --period" 2 "^svc-report: reminders: --period does not apply \(use --as-of and --days\)$"
run svc-report reminders --db plans.db
refused "no policy" 2 "reminders: no policy"
finish
