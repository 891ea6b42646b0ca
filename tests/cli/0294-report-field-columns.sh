#!/bin/sh
# Fields as columns where a report lists events: svc-report kpi's worst
# cases carry the fields of the limits' kinds (an unload's vehicle and
# cargo, what its limit went by), and svc-report staff lists the events
# counted as a table with a column per field of their kinds, in every
# format (csv: one table, sections events, score, awards); svc-score
# --explain writes an event's fields on its line. The warehouse sample
# (seeds/001 四.4): W009's two unloads of 2026-W39, 13-15米挂车 泡货.
. "$SRC/tests/cli/lib.sh"
load_sample warehouse
export SVC_DB=warehouse.db SVC_POLICY=$PWD/warehouse.ini

# kpi: the fields between the overrun and the note
run svc-report kpi --period 2026-Q3 --format csv
is "kpi csv: status" "$rc" 0
worst=$(printf '%s\n' "$out" | pick 'worst cases' ref vehicle cargo note)
like "kpi: a third party's breach, its fields" "$worst" "^WH-2026-0456,13-15米挂车,泡货,采食轩入库 车牌苏E·J2017，拖拉磨蹭超时$"
like "kpi: 和路雪's, none" "$worst" "^WH-2026-0047,,,\"和路雪冷柜车卸车, 送至库内指定区域, 装卸工传唤滞后\"$"
run svc-report kpi --period 2026-Q3 --width 160
like "kpi text: the columns" "$out" "minutes  over  vehicle      cargo  note"
like "kpi text: a row" "$out" "WH-2026-0389       95     5  7-9米箱车    重货   五芳斋入库"

# staff: the events as a table, the fields as columns
st() { svc-report staff W009 --period 2026-W39 "$@"; }
run st --format csv
is "staff csv: status" "$rc" 0
is "staff csv: sections" "$(printf '%s\n' "$out" | cut -d, -f1 | sed 1d | uniq | paste -sd, -)" "events,score"
is "staff csv: the events with their fields" "$(printf '%s\n' "$out" | pick events time kind value vehicle cargo)" \
"time,kind,value,vehicle,cargo
2026-09-23 17:34,unload,112,13-15米挂车,泡货
2026-09-25 12:46,unload,88,13-15米挂车,泡货"
run st --width 120
like "staff text: header" "$out" "time              kind    value  rule  ref        vehicle      cargo"
like "staff text: a row" "$out" "2026-09-23 17:34  unload    112  0     event 456  13-15米挂车  泡货"
run st --format md
like "staff md" "$out" "^\| 2026-09-23 17:34 \| unload \| 112 \| 0 \| event 456 \| 13-15米挂车 \| 泡货 \|$"
run st --format html
like "staff html: a field's cell" "$out" "<td[^>]*>13-15米挂车</td>"
run st --format mail --to boss@example.com --from svc@example.com
is "staff mail: status" "$rc" 0
st --format xlsx >w.xlsx
is "staff xlsx: status" "$?" 0
is "staff xlsx: the events sheet" "$(/usr/bin/python3 -c '
import openpyxl
ws = openpyxl.load_workbook("w.xlsx")["Events"]
print(",".join(str(c.value) for c in ws[1]))
print(",".join(str(c.value) for c in ws[2]))' 2>&1)" "time,kind,value,rule,ref,vehicle,cargo
2026-09-23 17:34:00,unload,112,0,event 456,13-15米挂车,泡货"
# a staff member without events: no table
run svc-report staff W001 --period 2026-W27
like "no events: said" "$out" "No events counted."
run svc-report staff W001 --period 2026-W27 --format csv
is "no events: csv sections" "$(printf '%s\n' "$out" | cut -d, -f1 | sed 1d | uniq | paste -sd, -)" "score"

# a time field is a date cell in the workbook, as svc-report(1) says of
# dates and times (and as svc-log list --format xlsx writes it), at the
# policy's local time; in csv it stays as stored. E021's visitors of
# 2026-11-02 (plans, seeds/003): 王建明 left at 09:40.
load_sample plans
run svc-report staff E021 --db plans.db --policy plans.ini --period 2026-11 --format csv
is "time field csv" "$(printf '%s\n' "$out" | pick events ref left | sed -n 2p)" "event 1,2026-11-02T09:40:00+08:00"
TZ=UTC svc-report staff E021 --db plans.db --policy plans.ini --period 2026-11 --format xlsx >p.xlsx
is "time field xlsx: status" "$?" 0
is "time field xlsx: a date cell" "$(TZ=UTC /usr/bin/python3 -c '
import openpyxl
ws = openpyxl.load_workbook("p.xlsx")["Events"]
col = [c.value for c in ws[1]].index("left")
c = ws[2][col]
print(type(c.value).__name__, c.value, c.number_format)' 2>&1)" "datetime 2026-11-02 09:40:00 yyyy-mm-dd hh:mm"

# svc-score --explain: the fields on the event's line
run svc-score --period 2026-W39 --explain W009
like "explain: fields on the line" "$out" "unload               112  0  \[event 456\]  cargo=泡货 vehicle=13-15米挂车$"
finish
