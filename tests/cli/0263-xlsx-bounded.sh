#!/bin/sh
# A workbook takes bounded memory: a sheet of 300,000 rows (about 50 MB of
# XML once inflated) is read row by row under 64 MB, with the error in its
# last row named by its cell; a cell over 1 MiB is refused, and so is a
# document type declaration (no entity expansion).
. "$SRC/tests/cli/lib.sh"
mini_ledger
before=$(digest svc.db)
asan=0
grep -q __asan_init "$(command -v svc-log)" && asan=1

# sheet NAME ROWS LAST [DOCTYPE]: a workbook of ROWS good rows, then the
# row LAST (raw cell XML; @ is its row, %LONG% a text over 1 MiB),
# written without openpyxl (fast, streamed)
sheet() {
	python3 - "$@" <<'PY' || not_ok "python3 writes $1"
import sys, zipfile
name, rows, last = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doctype = sys.argv[4] if len(sys.argv) > 4 else ""
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def cell(ref, s):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, s)
with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", '<workbook %s %s><sheets><sheet name="Big" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>' % (M, R))
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        'Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w") as f:
        f.write(('<?xml version="1.0"?>%s<worksheet %s><sheetData>' % (doctype, M)).encode())
        f.write(('<row r="1">%s%s%s</row>' % (cell("A1", "ts"),
            cell("B1", "staff"), cell("C1", "kind"))).encode())
        for i in range(2, rows + 2):
            f.write(('<row r="%d">%s%s%s</row>' % (i,
                cell("A%d" % i, "2026-10-06T08:00:00+08:00"),
                cell("B%d" % i, "G003"), cell("C%d" % i, "praise.letter"))).encode())
        last = last.replace("@", str(rows + 2))
        last = last.replace("%LONG%", "x" * (1024 * 1024 + 1))
        f.write(('<row r="%d">%s</row>' % (rows + 2, last)).encode())
        f.write(b"</sheetData></worksheet>")
PY
}

sheet big.xlsx 300000 '<c r="A@" t="inlineStr"><is><t>2026-10-06 08:00</t></is></c><c r="B@" t="inlineStr"><is><t>G999</t></is></c><c r="C@" t="inlineStr"><is><t>praise.letter</t></is></c>'
run /usr/bin/time -f %M -o "$T/.rss" svc-log --policy "$P" import --dry-run big.xlsx
kb=$(tail -n 1 "$T/.rss")
like "big: peak memory measured" "$kb" '^[0-9]+$'
if [ "$asan" = 1 ] || [ "$kb" -lt 65536 ]; then ok
else not_ok "big: peak memory ${kb} KB, not under 64 MB"; fi
is "big: status" "$rc" 1
like "big: counts" "$out" "^dry run: 300001 rows read, 300000 events would be stored, 0 already in the ledger, 1 error$"
like "big: the last row's cell" "$err" "^svc-log: big.xlsx:Big!B300002: staff: unknown staff 'G999'"
run /usr/bin/time -f %M -o "$T/.rss" svc-log --policy "$P" import big.xlsx
kb=$(tail -n 1 "$T/.rss")
if [ "$asan" = 1 ] || [ "$kb" -lt 65536 ]; then ok
else not_ok "big import: peak memory ${kb} KB, not under 64 MB"; fi
refused "big import" 1 "^svc-log: big.xlsx:Big!B300002: staff: unknown staff 'G999'"

sheet long.xlsx 2 '<c r="A@" t="inlineStr"><is><t>%LONG%</t></is></c>'
run svc-log --policy "$P" import long.xlsx
refused "a cell over 1 MiB" 1 "^svc-log: long.xlsx:Big!A4: a cell longer than 1048576 bytes$"

sheet dtd.xlsx 2 '<c r="A@" t="inlineStr"><is><t>&lol;</t></is></c>' \
    '<!DOCTYPE lolz [<!ENTITY lol "lol">]>'
run svc-log --policy "$P" import dtd.xlsx
refused "a document type declaration" 1 \
    "^svc-log: dtd.xlsx: xl/worksheets/sheet1.xml: a document type declaration in a workbook part$"
is "nothing written" "$(digest svc.db)" "$before"
finish
