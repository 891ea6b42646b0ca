#!/bin/sh
# .xlsx in: svc-log roster, customers and import read a workbook's first
# sheet or --sheet NAME, made here with openpyxl (Debian's python3-openpyxl,
# hence /usr/bin/python3): shared and inline strings, numbers, booleans,
# dates as date cells (1900 and 1904 systems) and as text, ids with
# leading zeros kept as text; a bad cell is named Sheet!C7 and nothing is
# written.
. "$SRC/tests/cli/lib.sh"
PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	not_ok "openpyxl: $PY cannot import it (scripts/install-deps)"
	finish
	exit 1
fi
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
svc-log init 2>/dev/null
count() { sql svc.db 'SELECT count(*) FROM event'; }

# book.xlsx: the events first, a roster second; openpyxl writes inline
# strings, so the roster's sheet is rewritten below with shared strings
$PY - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws.append(["ts", "staff", "kind", "value", "customer", "note", "uid"])
ws.append([datetime.datetime(2026, 10, 5, 14, 30), "0301021", "assess", 95,
    None, "date cell", "X1"])
ws.append([datetime.date(2026, 10, 6), "0301021", "praise.letter", None,
    "C001", None, "X2"])
ws.append(["2026-10-07 09:00", 1001, "assess", 92.5, None, "text date",
    "X3"])
ws.append([None] * 7)
ws.append(["2026-10-08T10:00:00+08:00", "G003", "complaint.verified", None,
    None, True, "X4"])
for r in (2, 3):
    ws.cell(r, 1).number_format = "yyyy-mm-dd hh:mm"
ro = wb.create_sheet("名单")
ro.append(["id", "name", "dept", "position", "active"])
ro.append(["0301021", "欧阳娜娜", "营业厅", "营业员", True])
ro.append([1001, "Yang Fan", "营业厅", "营业员", 1])
wb.save("book.xlsx")
PY
# the mini roster, with its customers, for G003 and C001
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null

run svc-log roster book.xlsx
refused "roster from the events sheet" 1 \
    "^svc-log: book.xlsx:Sheet1!A1: ts: unknown column 'ts'"
run svc-log roster --sheet 名单 book.xlsx
is "roster --sheet: status" "$rc" 0
like "roster --sheet: count" "$err" "2 staff stored"
is "leading zero kept" "$(sql svc.db "SELECT name FROM staff WHERE id='0301021'")" "欧阳娜娜"
is "a number cell is its digits" "$(sql svc.db "SELECT name FROM staff WHERE id='1001'")" "Yang Fan"
# customers: the water utility's account numbers, text cells with zeros
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "用户"
ws.append(["id", "name", "tier", "contact"])
ws.append(["0301021", "城东小区", "resident", "0376-6264368"])
ws.append(["0000017", "第一中学", "institution", None])
wb.save("cust.xlsx")
PY
run svc-log customers cust.xlsx
is "customers: status" "$rc" 0
like "customers: count" "$err" "2 customers stored"
is "account numbers kept" "$(sql svc.db "SELECT id FROM customer WHERE id LIKE '0%' ORDER BY id" | paste -sd' ')" "0000017 0301021"
run svc-log roster --sheet 明细 book.xlsx
refused "no such sheet" 1 "book.xlsx: no sheet '明细' \(the workbook has 'Sheet1', '名单'\)"

run svc-log --policy "$P" import book.xlsx
is "import: status" "$rc" 0
like "import: counts" "$err" "4 added, 0 skipped"
is "date cell with a time" "$(sql svc.db "SELECT ts_utc FROM events_v WHERE uid='X1'")" "2026-10-05T06:30:00Z"
is "date cell, a date alone" "$(sql svc.db "SELECT ts_utc FROM events_v WHERE uid='X2'")" "2026-10-05T16:00:00Z"
is "text date" "$(sql svc.db "SELECT ts_utc FROM events_v WHERE uid='X3'")" "2026-10-07T01:00:00Z"
is "number cell" "$(sql svc.db "SELECT value FROM event WHERE uid='X3'")" "92.5"
is "boolean cell" "$(sql svc.db "SELECT note FROM event WHERE uid='X4'")" "true"
is "staff as text" "$(sql svc.db "SELECT staff FROM event WHERE uid='X1'")" "0301021"
run svc-log --policy "$P" import book.xlsx
like "again: nothing added" "$err" "0 added, 4 skipped"

# shared strings, as Excel and WPS write them: the sheet rewritten with a
# sharedStrings part, rich text runs and a phonetic run
$PY - <<'PY'
import zipfile, re
src = zipfile.ZipFile("book.xlsx")
out = zipfile.ZipFile("shared.xlsx", "w", zipfile.ZIP_DEFLATED)
strings = []
def share(m):
    strings.append(m.group(1))
    return '<c r="%s" t="s"><v>%d</v></c>' % (m.group(0).split('"')[1],
        len(strings) - 1)
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename == "xl/worksheets/sheet1.xml":
        data = re.sub(r'<c r="[A-Z]+[0-9]+" t="inlineStr"><is><t>([^<]*)</t></is></c>',
            share, data.decode()).encode()
    if info.filename == "[Content_Types].xml":
        data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    if info.filename == "xl/_rels/workbook.xml.rels":
        data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    out.writestr(info, data)
si = "".join("<si><t>%s</t></si>" % s for s in strings)
si = si.replace("<si><t>date cell</t></si>",
    '<si><r><t>date </t></r><r><rPr><b/></rPr><t>cell</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>')
out.writestr("xl/sharedStrings.xml",
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % si)
out.close()
PY
svc-log init --db shared.db 2>/dev/null
svc-log --db shared.db roster "$F/roster.csv" 2>/dev/null
svc-log --db shared.db customers "$F/customers.csv" 2>/dev/null
svc-log --db shared.db roster --sheet 名单 book.xlsx 2>/dev/null
run svc-log --db shared.db --policy "$P" import shared.xlsx
is "shared strings: status" "$rc" 0
like "shared strings: counts" "$err" "4 added"
is "rich text joined, phonetic left out" "$(sql shared.db "SELECT note FROM event WHERE uid='X1'")" "date cell"
is "shared string id keeps its zero" "$(sql shared.db "SELECT staff FROM event WHERE uid='X2'")" "0301021"

# the 1904 date system: the same date cell is 1462 days less
$PY - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
ws = wb.active
ws.append(["ts", "staff", "kind", "value", "uid"])
ws.append([datetime.datetime(2026, 10, 9, 8, 0), "G003", "assess", 90, "M1"])
ws["A2"].number_format = "yyyy-mm-dd hh:mm"
wb.save("mac.xlsx")
PY
unzip -p mac.xlsx xl/workbook.xml | grep -q 'date1904="1"' && ok || not_ok "mac.xlsx has no date1904 flag"
run svc-log --policy "$P" import mac.xlsx
is "1904: status" "$rc" 0
is "1904: the date" "$(sql svc.db "SELECT ts_utc FROM events_v WHERE uid='M1'")" "2026-10-09T00:00:00Z"

# a bad cell: its address, the field, and nothing written
$PY - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws.append(["staff", "kind", "ts", "value", "uid"])
for i in range(5):
    ws.append(["G003", "assess", "2026-10-1%d 09:00" % i, 80, "B%d" % i])
ws.append(["G003", "assess", "2026-13-40", 80, "B9"])
wb.save("bad.xlsx")
PY
before=$(digest svc.db)
run svc-log --policy "$P" import bad.xlsx
refused "bad cell" 1 "^svc-log: bad.xlsx:Sheet1!C7: ts: "
is "bad cell: nothing written" "$(digest svc.db)" "$before"
# a value out of the kind's range, in column D
$PY - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("bad.xlsx")
ws = wb.active
ws["C7"] = "2026-10-19 09:00"
ws["D4"] = 101
wb.save("bad2.xlsx")
PY
run svc-log --policy "$P" import bad2.xlsx
refused "bad value cell" 1 "^svc-log: bad2.xlsx:Sheet1!D4: value: value 101 above the maximum 100"
is "bad value: nothing written" "$(digest svc.db)" "$before"

# a uid repeated with other content: the earlier row named
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws.append(["ts", "staff", "kind", "value", "uid"])
ws.append(["2026-10-21 09:00", "G003", "assess", 80, "R1"])
ws.append(["2026-10-21 10:00", "G003", "assess", 81, "R2"])
ws.append(["2026-10-21 09:00", "G003", "assess", 85, "R1"])
wb.save("repeat.xlsx")
PY
run svc-log --policy "$P" import repeat.xlsx
refused "uid repeated" 1 "^svc-log: repeat.xlsx:Sheet1!E4: uid: row 2 has the same uid with a different value"
is "uid repeated: nothing written" "$(digest svc.db)" "$before"

# a cell right of the header, a workbook from standard input, --encoding
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["ts", "staff", "kind"])
ws.append(["2026-10-20 09:00", "G003", "praise.letter", "stray"])
wb.save("wide.xlsx")
PY
run svc-log --policy "$P" import wide.xlsx
refused "cell past the header" 1 "wide.xlsx:Sheet!D2: a cell right of the header's last column"
run svc-log --policy "$P" import --sheet Sheet1 - <wide.xlsx
refused "workbook from stdin" 1 "stdin: sheet: a workbook is read from a file"
run svc-log --policy "$P" import --encoding gb18030 wide.xlsx
refused "--encoding with a workbook" 2 "encoding: a workbook is UTF-8 inside"
printf 'not a zip' >fake.xlsx
run svc-log --policy "$P" import --sheet Sheet1 fake.xlsx
refused "not a workbook" 1 "fake.xlsx: not an .xlsx workbook"
printf '\320\317\021\340\241\261\032\341 old' >old.xls
run svc-log --policy "$P" import old.xls
refused "an .xls" 1 "old.xls: an Excel 97-2003 workbook \(.xls\) or an encrypted one: save it as .xlsx"
run svc-log add --sheet x assess G003 value=1
refused "--sheet on add" 2 "add: option --sheet does not apply"
is "nothing written by the refusals" "$(digest svc.db)" "$before"
finish
