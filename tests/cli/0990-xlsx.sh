#!/bin/sh
# Workbooks out: svc-report --format xlsx for every kind, svc-log list
# --format xlsx and svc-report --attach-xlsx, read back with openpyxl
# (Debian's python3-openpyxl, hence /usr/bin/python3): ids and account
# numbers are text cells, scores and amounts numbers, times date cells in
# the policy's zone, one sheet per table, a bold frozen header, widths by
# display width, and no formula anywhere.
. "$SRC/tests/cli/lib.sh"
PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	not_ok "openpyxl: $PY cannot import it (scripts/install-deps)"
	finish
	exit 1
fi

load_sample water
load_sample smile
AWARDS=$SRC/tests/cli/fixtures/awards-smile.csv
ASOF=2026-10-01T09:00:00+08:00
mkdir tmp
export TMPDIR=$T/tmp

# xlsx KIND ARGS...: svc-report KIND ... --format xlsx into KIND.xlsx
xlsx() {
	k=$1
	shift
	run svc-report "$k" --format xlsx --as-of "$ASOF" "$@"
	is "$k: exit status" "$rc" 0
	is "$k: stderr" "$err" ""
	svc-report "$k" --format xlsx --as-of "$ASOF" "$@" >"$k.xlsx" 2>/dev/null
}
xlsx scores --db water.db --policy water.ini --period 2026-08
xlsx monthly --db water.db --policy water.ini --period 2026-08
xlsx orders --db water.db --policy water.ini
xlsx revisits --db water.db --policy water.ini
xlsx kpi --db smile.db --policy smile.ini --period 2026-Q3
xlsx staff P005 --db smile.db --policy smile.ini --period 2026-Q3 \
    --awards "$AWARDS"
svc-report awards --policy smile.ini --format xlsx --as-of "$ASOF" \
    <"$AWARDS" >awards.xlsx
is "awards from CSV: exit status" "$?" 0
# a formula-looking note stays text in a workbook
run svc-log --db water.db --policy water.ini add contact.call KF008 \
    'note==HYPERLINK("http://x","y")' customer=0301021 \
    ts=2026-08-31T23:30:00+08:00
is "add a formula-looking note" "$rc" 0
# under another TZ, times are still the policy's (Asia/Shanghai)
TZ=UTC svc-log --db water.db --policy water.ini list --period 2026-08 \
    --format xlsx >list.xlsx
is "list: exit status" "$?" 0
is "temporary files removed" "$(ls tmp)" ""

out=$($PY - 2>&1 <<'PY'
import datetime, openpyxl

def book(name):
    return openpyxl.load_workbook(name + '.xlsx')

def rows(ws):
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=2)]

def check(cond, what):
    if not cond:
        print('FAIL', what)

kinds = ['scores', 'monthly', 'orders', 'revisits', 'kpi', 'staff',
         'awards', 'list']
for k in kinds:
    wb = book(k)
    for ws in wb.worksheets:
        where = k + ':' + ws.title
        check(ws.freeze_panes == 'A2', where + ': frozen ' +
              str(ws.freeze_panes))
        check(all(c.font.b for c in ws[1]), where + ': header not bold')
        for row in ws.iter_rows():
            for c in row:
                check(c.data_type != 'f', where + ': formula in ' +
                      c.coordinate)

# one sheet per table, named after it
check(book('scores').sheetnames == ['scores'], 'scores sheets')
check(book('monthly').sheetnames == ['Service by department',
      'Service by nature and channel', 'Complaints, praise and revisits',
      'Complaints not handled', 'Work orders', 'Targets'],
      'monthly sheets %s' % book('monthly').sheetnames)
check(book('orders').sheetnames == ['Open orders', 'Summary'],
      'orders sheets %s' % book('orders').sheetnames)
check(book('revisits').sheetnames == ['Customers', 'Tiers'],
      'revisits sheets')
check(book('kpi').sheetnames == ['Limits', 'Worst cases'],
      'kpi sheets %s' % book('kpi').sheetnames)
check(book('staff').sheetnames == ['Events', 'Score', 'Awards'],
      'staff sheets %s' % book('staff').sheetnames)

# scores: ids text, scores numbers; the bar column left out
ws = book('scores')['scores']
r = [x for x in rows(ws) if x['staff'] and x['staff'].value == 'KF012'][0]
check(r['score'].data_type == 'n' and r['score'].value == 94,
      'KF012 score %r' % r['score'].value)
check(r['deduct'].value == -6, 'KF012 deduct %r' % r['deduct'].value)
check(r['rank'].value == 3, 'KF012 rank %r' % r['rank'].value)
check([c.value for c in ws[1]] == ['dept', 'rank', 'staff', 'name',
      'position', 'score', 'deduct', 'bonus', 'complaints', 'eligible'],
      'scores header %s' % [c.value for c in ws[1]])
check(ws['F1'].value == 'score' and
      ws.column_dimensions['F'].width < ws.column_dimensions['A'].width,
      'widths: 客户服务部 (10 columns) wider than the scores')
check(ws.column_dimensions['A'].width >= 10, 'CJK counts two')
avg = [x for x in rows(ws) if x['position'].value == 'average'][0]
check(avg['score'].font.b, 'an average row is bold')

# revisits: the account number keeps its leading zero as a text cell
ws = book('revisits')['Customers']
r = [x for x in rows(ws) if x['customer'].value == '0301021']
check(len(r) == 1, '0301021 is a text cell')
check(r and r[0]['customer'].data_type == 's', '0301021 type')
check(r and r[0]['revisits'].value == 4 and r[0]['satisfaction'].value ==
      4.25, '0301021 revisits')

# orders: order ids text, times date cells in local time, ages numbers
ws = book('orders')['Open orders']
r = rows(ws)[0]
check(r['id'].value == '1' and r['id'].data_type == 's',
      'order id %r' % r['id'].value)
check(r['customer'].value == '0301021', 'order customer')
check(r['opened'].value == datetime.datetime(2026, 7, 9, 10, 52),
      'opened %r' % r['opened'].value)
check(r['opened'].is_date and r['opened'].number_format ==
      'yyyy-mm-dd hh:mm', 'opened format %s' % r['opened'].number_format)
check(isinstance(r['age d'].value, float), 'age %r' % r['age d'].value)

# monthly: the unhandled complaint's time, its event id as text
ws = book('monthly')['Complaints not handled']
r = rows(ws)[0]
check(r['event'].value == '175', 'event %r' % r['event'].value)
check(r['time'].value == datetime.datetime(2026, 8, 26, 13, 25),
      'time %r' % r['time'].value)
ws = book('monthly')['Service by department']
r = rows(ws)[0]
check(r['count'].value == 57 and r['change %'].value == -5,
      'department row %r' % [c.value for c in r.values()])

# revisits: a date alone is a date cell shown as yyyy-mm-dd
ws = book('revisits')['Customers']
dates = [x['last revisit'] for x in rows(ws) if x['last revisit'].value]
check(all(d.is_date and d.number_format == 'yyyy-mm-dd' for d in dates),
      'last revisit dates')

# staff: the statement's numbers are numbers, its ids text
ws = book('staff')['Score']
kv = {x['item'].value: x['value'] for x in rows(ws)}
check(kv['score'].value == 93 and kv['score'].data_type == 'n',
      'staff score %r' % kv['score'].value)
check(kv['staff'].value == 'P005', 'staff id')
check(kv['eligible'].value == 'yes', 'eligible')

# awards: amounts numbers, group values repeated on every row
ws = book('awards')['awards']
amounts = [x['amount'].value for x in rows(ws) if x['amount'].value]
check(amounts and all(isinstance(a, (int, float)) for a in amounts),
      'amounts %r' % amounts)
check(all(x['award'].value for x in rows(ws)), 'award on every row')

# list: ids text, value numbers, ts in the policy's zone, '=' text
ws = book('list')['events']
r = rows(ws)
check(r[0]['id'].value == '95' and r[0]['batch'].value == '1', 'list ids')
check(r[0]['ts'].value == datetime.datetime(2026, 8, 3, 11, 46),
      'list ts %r' % r[0]['ts'].value)
f = [x for x in r if x['note'].value and x['note'].value.startswith('=')]
check(len(f) == 1 and f[0]['note'].data_type == 's' and
      f[0]['note'].value == '=HYPERLINK("http://x","y")',
      'formula-looking note %r' % [x['note'].value for x in f])
check(f and f[0]['customer'].value == '0301021', 'list customer')
check(f and f[0]['ts'].value == datetime.datetime(2026, 8, 31, 23, 30),
      'list ts late')
PY
)
is "workbooks read back" "$out" ""

# a smile assessment's value is a number in the list
svc-log --db smile.db --policy smile.ini list --kind assess --format xlsx \
    >assess.xlsx
is "list assess: exit status" "$?" 0
is "assessment values are numbers" "$($PY -c '
import openpyxl
ws = openpyxl.load_workbook("assess.xlsx").active
print(ws["E1"].value, type(ws["E2"].value).__name__)')" "value int"

# a report without a table: one sheet of its title and paragraphs
svc-report kpi --db water.db --policy water.ini --period 2026-08 \
    --format xlsx >nolimits.xlsx
is "no table: exit status" "$?" 0
is "no table: one sheet" "$($PY -c '
import openpyxl
wb = openpyxl.load_workbook("nolimits.xlsx")
ws = wb.active
print(wb.sheetnames, ws.freeze_panes, ws["A1"].font.b, ws["A2"].value)')" \
    "['kpi'] A2 True The policy sets no time limits ([limit.NAME])."

# --attach-xlsx: the workbook as a base64 attachment of the mail
run svc-report monthly --db water.db --policy water.ini --period 2026-08 \
    --as-of "$ASOF" --format mail --to boss@example.com \
    --from svc@example.com --attach-xlsx
is "attach-xlsx: exit status" "$rc" 0
printf '%s\n' "$out" >monthly.mail
is "attached workbook" "$($PY - <<'PY'
import email, email.policy, io, openpyxl
m = email.message_from_bytes(open('monthly.mail', 'rb').read(),
                             policy=email.policy.default)
assert m.get_content_type() == 'multipart/mixed'
att = m.get_payload()[1]
assert att.get_content_type() == ('application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet'), att.get_content_type()
assert att['Content-Transfer-Encoding'] == 'base64'
wb = openpyxl.load_workbook(io.BytesIO(att.get_content()))
print(att.get_filename(), len(wb.sheetnames), wb['Targets']['A1'].value)
PY
)" "monthly.xlsx 6 target"
# the same report at the same --as-of is the same message
run svc-report monthly --db water.db --policy water.ini --period 2026-08 \
    --as-of "$ASOF" --format mail --to boss@example.com \
    --from svc@example.com --attach-xlsx
is "attach-xlsx: reproducible" "$out" "$(cat monthly.mail)"

# usage
run svc-report scores --db water.db --policy water.ini --period 2026-08 \
    --attach-xlsx
refused "attach-xlsx without mail" 2 "go with --format mail"
run svc-report scores --db water.db --policy water.ini --period 2026-08 \
    --format mail --to a@b.c --attach-csv --attach-xlsx
refused "two attachments" 2 "one attachment"
run svc-report scores --db water.db --policy water.ini --period 2026-08 \
    --format xlsx --excel
refused "excel with xlsx" 2 "--excel goes with --format csv"
run svc-log --db water.db list --format ods
refused "list format" 2 "unknown format 'ods' \(csv, xlsx or text\)"
run svc-log --db water.db list --format xlsx --excel
refused "list excel xlsx" 2 "--excel goes with csv"

# never a workbook's bytes on a terminal
python3 "$SRC/tests/cli/pty-drive" svc-report scores --db water.db \
    --policy water.ini --period 2026-08 --format xlsx >tty.txt <<'EOF'
wait
EOF
like "report to a terminal" "$(cat tty.txt)" \
    "refusing to write a workbook to a terminal; redirect it"
like "report to a terminal: exit" "$(tail -n 1 tty.txt)" "EXIT 2"
python3 "$SRC/tests/cli/pty-drive" svc-log --db water.db list \
    --format xlsx >tty.txt <<'EOF'
wait
EOF
like "list to a terminal" "$(cat tty.txt)" \
    "svc-log: refusing to write a workbook to a terminal"
like "list to a terminal: exit" "$(tail -n 1 tty.txt)" "EXIT 2"

# a full disk: exit 1, the temporary file still removed
svc-report scores --db water.db --policy water.ini --period 2026-08 \
    --format xlsx >/dev/full 2>full.err
is "disk full: exit status" "$?" 1
like "disk full: message" "$(cat full.err)" "write error on standard output"
is "disk full: temporary file removed" "$(ls tmp)" ""

# no place for the temporary file: exit 1, nothing written
TMPDIR=$T/nowhere run svc-report scores --db water.db --policy water.ini \
    --period 2026-08 --format xlsx
refused "no temporary directory" 1 \
    "workbook: cannot make a temporary file in $T/nowhere"

finish
