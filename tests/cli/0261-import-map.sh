#!/bin/sh
# svc-log import --map (svc-map(5)): a department's deduction sheet of
# scheme B with its own headers and wording, as .xlsx and as CSV; kinds by
# [kinds] and by the policy's labels, dates in the map's formats, [set]
# constants, a uid made of columns (a second import adds nothing), and
# bad maps refused with file:line:key.
. "$SRC/tests/cli/lib.sh"
S=$SAMPLE/sheets
cp "$SAMPLE/policies/warehouse.ini" .
svc-log --db wh.db init 2>/dev/null
svc-log --db wh.db roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
imp() { run svc-log --db wh.db --policy warehouse.ini import "$@"; }
n() { sql wh.db "SELECT count(*) FROM event"; }

# the sample sheet, with the sample map
imp --map "$S/warehouse-deductions.map" "$S/warehouse-deductions.xlsx"
is "sample: status" "$rc" 0
like "sample: counts" "$err" "6 added, 0 skipped"
is "kinds mapped and by label" \
    "$(sql wh.db "SELECT kind FROM event ORDER BY t" | paste -sd' ')" \
    "hygiene.poor stack.tilted late.shelving slot.planning data.discrepancy hygiene.poor"
is "dates: text, date cell, 年月日, no year, date-time cell" \
    "$(sql wh.db "SELECT ts FROM events_v ORDER BY t" | paste -sd' ')" \
    "2026-10-05T00:00:00+08:00 2026-10-06T00:00:00+08:00 2026-10-07T00:00:00+08:00 2026-10-08T14:30:00+08:00 2026-10-09T09:15:00+08:00 2026-10-10T00:00:00+08:00"
is "[set] channel" "$(sql wh.db "SELECT DISTINCT channel FROM event")" "site"
is "value and note" "$(sql wh.db "SELECT CAST(value AS INTEGER) || ' ' || note FROM event WHERE staff='W012' AND kind='late.shelving'")" "-10 入库延误40分钟"
like "uid made of columns" "$(sql wh.db "SELECT uid FROM event LIMIT 1")" "^m[0-9a-f]{16}$"
imp --map "$S/warehouse-deductions.map" "$S/warehouse-deductions.xlsx"
like "again: nothing added" "$err" "0 added, 6 skipped"
is "again: rows" "$(n)" 6

# the same sheet saved as CSV by a department: other uid, same events?
# the uid hashes the cells as read, and a text date reads the same
cat >week42.csv <<'CSV'
序号,日期,工号,姓名,扣分项目,分值,备注
1,2026/10/12,W010,金鹏,卫生较差,-5,
2,2026年10月13日,W013,倪浩然,入储产品倾斜歪垛,-2,
3,10-14 08:05,W012,蔡伟,数据差异,-10,
CSV
imp --map "$S/warehouse-deductions.map" week42.csv
is "csv: status" "$rc" 0
like "csv: counts" "$err" "3 added"
is "csv: 10-14 08:05" "$(sql wh.db "SELECT ts FROM events_v WHERE staff='W012' AND kind='data.discrepancy'")" "2026-10-14T08:05:00+08:00"

# a year-less date without year =: the latest such day not after today
cat >noyear.map <<'MAP'
date = 1-2
[columns]
ts = 日期
staff = 工号
kind = 扣分项目
MAP
printf '日期,工号,扣分项目\n01-01,W010,库内卫生较差\n' >noyear.csv
imp --map noyear.map noyear.csv
is "no year: status" "$rc" 0
is "no year: this year's 1 January" "$(sql wh.db "SELECT ts FROM events_v WHERE kind='hygiene.poor' AND ts LIKE '%-01-01T%'")" "$(date +%Y)-01-01T00:00:00+08:00"

# wording neither in [kinds] nor a label: the ledger's message, at the cell
before=$(digest wh.db)
printf '序号,日期,工号,姓名,扣分项目,分值,备注\n1,2026/10/15,W010,金鹏,卫生差,-5,\n' >odd.csv
imp --map "$S/warehouse-deductions.map" odd.csv
refused "unknown wording" 1 "^svc-log: odd.csv:2: kind: '卫生差' is not in the map's \[kinds\], nor a kind or a kind's label in policy warehouse.ini"
# a date in none of the formats
printf '序号,日期,工号,姓名,扣分项目,分值,备注\n1,15.10.2026,W010,金鹏,卫生较差,-5,\n' >odd.csv
imp --map "$S/warehouse-deductions.map" odd.csv
refused "date in no format" 1 "^svc-log: odd.csv:2: ts: '15.10.2026' is in none of the map's date formats \(2026/10/5, 2026年10月5日, 10-05 14:30\)"
printf '序号,日期,工号,姓名,扣分项目,分值,备注\n1,2026/2/30,W010,金鹏,卫生较差,-5,\n' >odd.csv
imp --map "$S/warehouse-deductions.map" odd.csv
refused "no such day" 1 "^svc-log: odd.csv:2: ts: '2026/2/30' read as 2026-02-30, which is no day"
# in a workbook, the cell
S=$S /usr/bin/python3 - <<'PY'
import os, openpyxl
wb = openpyxl.load_workbook(os.environ["S"] + "/warehouse-deductions.xlsx")
ws = wb.active
ws["E5"] = "拣货太慢"
wb.save("odd.xlsx")
PY
imp --map "$S/warehouse-deductions.map" odd.xlsx
refused "unknown wording in a workbook" 1 "^svc-log: odd.xlsx:第41周!E5: kind: '拣货太慢' is not in the map's \[kinds\]"
is "refusals wrote nothing" "$(digest wh.db)" "$before"

# bad maps: file:line:key
bad() { printf '%s\n' "$2" >bad.map; imp --map bad.map week42.csv
	refused "$1" 1 "$3"; }
bad "unknown section" "$(printf '[colums]\nts = 日期')" "^svc-log: bad.map:2: unknown section \[colums\]"
bad "unknown field" "$(printf '[columns]\nstaf = 工号')" "^svc-log: bad.map:2: staf: unknown field"
bad "unknown kind" "$(printf '[kinds]\n卫生较差 = hygiene.bad')" "^svc-log: bad.map:2: 卫生较差: unknown kind 'hygiene.bad' \(not in policy warehouse.ini\)"
bad "bad date format" 'date = 2026/10' "^svc-log: bad.map:1: date: date format '2026/10' needs a month and a day"
bad "uid twice" "$(printf 'uid = 工号\n[columns]\nuid = 序号')" "^svc-log: bad.map:1: uid: the uid is made of columns here and given in \[columns\]"
bad "syntax" 'nonsense' "^svc-log: bad.map:1: syntax error"
python3 -c 'print("[set]\nnote = " + "长" * 100)' >bad.map
imp --map bad.map week42.csv
refused "a line longer than libinih reads" 1 "^svc-log: bad.map:2: line too long"
printf '[set]\nnote = \377\n' >bad.map
imp --map bad.map week42.csv
refused "invalid UTF-8" 1 "^svc-log: bad.map:2: invalid UTF-8"
run svc-log --db wh.db --policy warehouse.ini import --map nosuch.map week42.csv
refused "missing map" 1 "nosuch.map: cannot open"
run svc-log --db wh.db roster --map x.map "$SAMPLE/warehouse/roster.csv"
refused "--map on roster" 2 "roster: option --map does not apply"
is "bad maps wrote nothing" "$(digest wh.db)" "$before"
finish
