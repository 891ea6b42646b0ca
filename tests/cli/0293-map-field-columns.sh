#!/bin/sh
# svc-log import --map with a column per field (svc-map(5)): [columns]
# maps a sheet's header to a field a kind declares (车型 = vehicle, 货物 =
# cargo), so that the warehouse's unload sheet (seeds/001 四.4, 中凡装卸人员
# 绩效评定表: 车型 and 货物属性 per unload) imports, as .xlsx (made here
# with python3-openpyxl) and as CSV; its values pass the fields' checks,
# refused at file:cell:field, nothing written; a header for a field no
# kind declares is refused at file:line:key.
. "$SRC/tests/cli/lib.sh"
PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	not_ok "openpyxl: $PY cannot import it (scripts/install-deps)"
	finish
	exit 1
fi
cp "$SAMPLE/policies/warehouse.ini" .
svc-log --db wh.db init 2>/dev/null
svc-log --db wh.db roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log --db wh.db customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
imp() { run svc-log --db wh.db --policy warehouse.ini import "$@"; }
n() { sql wh.db "SELECT count(*) FROM event"; }

cat >unload.map <<'MAP'
date = 2026/10/5 9:00
uid = 日期, 车牌
[columns]
ts = 日期
staff = 工号
value = 用时
customer = 客户
note = 车牌
vehicle = 车型
cargo = 货物

[set]
kind = unload
channel = site
MAP

# a week of unloads as the crew's supervisor keeps it
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "卸车"
ws.append(["日期", "工号", "客户", "车型", "货物", "用时", "车牌"])
ws.append(["2026/10/12 9:00", "W006", "KH002", "13-15米挂车", "重货", 125, "苏E·A1234"])
ws.append(["2026/10/12 13:30", "W007", "KH003", "7-9米箱车", "泡货", 55, "苏E·B2345"])
ws.append(["2026/10/13 8:10", "W008", "KH001", None, None, 28, "苏E·C3456"])
wb.save("unload.xlsx")
PY
imp --map unload.map unload.xlsx
is "xlsx: status" "$rc" 0
like "xlsx: counts" "$err" "3 added, 0 skipped"
is "xlsx: the fields stored" "$(sql wh.db "SELECT staff || ' ' || coalesce(fields, '') FROM event ORDER BY t" | paste -sd'|' -)" \
    'W006 {"cargo":"重货","vehicle":"13-15米挂车"}|W007 {"cargo":"泡货","vehicle":"7-9米箱车"}|W008 '
run svc-report kpi --db wh.db --policy warehouse.ini --period 2026-W42 --format csv
kpi=$(printf '%s\n' "$out" | pick 'limits( total)?' limit counted within breaches)
like "kpi: 挂车重货 by the fields, a breach" "$kpi" "^13-15米挂车: 重货120分钟内完成,1,0,1$"
like "kpi: 箱车泡货 by the fields" "$kpi" "^7-9米箱车: 泡货60分钟内完成,1,1,0$"
like "kpi: 和路雪 by the customer" "$kpi" "^和路雪卸车30分钟内卸下并送至库内指定区域,1,1,0$"
imp --map unload.map unload.xlsx
like "xlsx again: nothing added" "$err" "0 added, 3 skipped"

# the same sheet as CSV (the columns in another order)
cat >week43.csv <<'CSV'
车牌,货物,车型,日期,工号,客户,用时
苏E·D4567,重货,7-9米箱车,2026/10/19 9:00,W006,KH004,80
CSV
imp --map unload.map week43.csv
is "csv: status" "$rc" 0
is "csv: the fields stored" "$(sql wh.db "SELECT fields FROM event WHERE customer = 'KH004'")" '{"cargo":"重货","vehicle":"7-9米箱车"}'

# a value that is not a choice: the field's message, at the cell
before=$(digest wh.db)
printf '日期,工号,客户,车型,货物,用时,车牌\n2026/10/20 9:00,W006,KH004,8米箱车,重货,80,苏E·E5678\n' >bad.csv
imp --map unload.map bad.csv
refused "csv: not a vehicle" 1 "^svc-log: bad.csv:2: vehicle: '8米箱车' is not a choice \(expected one of 13-15米挂车, 7-9米箱车\)$"
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "卸车"
ws.append(["日期", "工号", "客户", "车型", "货物", "用时", "车牌"])
ws.append(["2026/10/20 9:00", "W006", "KH004", "7-9米箱车", "重货", 80, "苏E·E5678"])
ws.append(["2026/10/20 10:00", "W007", "KH005", "13-15米挂车", "冻货", 90, "苏E·F6789"])
wb.save("bad.xlsx")
PY
imp --map unload.map bad.xlsx
refused "xlsx: not a cargo, at its cell" 1 "^svc-log: bad.xlsx:卸车!E3: cargo: '冻货' is not a choice \(expected one of 泡货, 重货\)$"
# a third party's unload without its vehicle: no limit, named at the cell
printf '日期,工号,客户,车型,货物,用时,车牌\n2026/10/20 9:00,W006,KH004,,重货,80,苏E·E5678\n' >novehicle.csv
imp --map unload.map novehicle.csv
refused "csv: no vehicle, no limit" 1 "^svc-log: novehicle.csv:2: vehicle: matches no limit of kind 'unload'; known: customer=KH001,"
is "nothing written" "$(digest wh.db)" "$before"

# a header for a field that no kind declares, or given twice
printf '[columns]\nts = 日期\nstaff = 工号\nkind = 项目\n车型 = vehicle\n' >wrong.map
imp --map wrong.map week43.csv
refused "map: header first" 1 "^svc-log: wrong.map:5: 车型: unknown field \(ts, staff, kind, value, customer, channel, dept, note, uid or a field a kind of policy warehouse.ini declares\); the field comes first: vehicle = 车型$"
printf '[columns]\nts = 日期\nstaff = 工号\nkind = 项目\ncolour = 颜色\n' >wrong.map
imp --map wrong.map week43.csv
refused "map: not a field" 1 "^svc-log: wrong.map:5: colour: unknown field \(ts, staff, kind, value, customer, channel, dept, note, uid or a field a kind of policy warehouse.ini declares\)$"
printf '[columns]\nvehicle = 车型\nvehicle = 车辆\n' >twice.map
imp --map twice.map week43.csv
refused "map: field twice" 1 "^svc-log: twice.map:3: vehicle: given twice in \[columns\]$"
is "bad maps: nothing written" "$(digest wh.db)" "$before"
finish
