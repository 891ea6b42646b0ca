#!/bin/sh
# svc-report register KIND --period P (svc-report(1)): the entries of a
# kind with fields in time order, staff id and name, their unit, one
# column per field in declared order (a time on the entry's day as HH:MM),
# those meeting an alert (svc-policy(5) alert) marked and listed again;
# voided entries left out. The document's threshold: 37.3 is listed, 37.29
# is not. Every format; an unknown kind or one without fields refused.
. "$SRC/tests/cli/lib.sh"
mini_ledger
cat > r.ini <<'INI'
[policy]
name = 登记
timezone = Asia/Shanghai
[kind.visitor]
label = 外来人员登记并测量体温
value = none
field.visitor = text required
field.unit = text
field.temperature = number 34.0..43.0 required
field.host = staff
field.left = time
alert = temperature >= 37.3
[kind.note]
field.what = text
[kind.plain]
[kind.guest]
field.name = text
field.time = time
INI
export SVC_POLICY=$PWD/r.ini
cat > v.csv <<'CSV'
ts,staff,kind,visitor,unit,temperature,host,left,uid
2026-11-16T15:20:00+08:00,G004,visitor,郑国华,福建省计量科学研究院,37.29,G002,2026-11-16T16:05:00+08:00,V3
2026-11-16T09:03:00+08:00,G003,visitor,刘洋,新大陆保安,37.3,G002,2026-11-16T09:30:00+08:00,V1
2026-11-16T10:40:00+08:00,G003,visitor,吴晓燕,兴业银行,36.8,,,V2
2026-11-16T11:00:00+08:00,G003,visitor,错录,,38.5,,,V4
2026-11-16T22:50:00+08:00,G004,visitor,夜班,,36.5,G004,2026-11-17T00:10:00+08:00,V5
2026-11-17T09:00:00+08:00,G003,visitor,次日,,37.6,,,V6
CSV
run svc-log import v.csv
is "import" "$rc" 0
id4=$(sql svc.db "SELECT id FROM event WHERE uid = 'V4'")
run svc-log void "$id4" --reason 错录
is "void" "$rc" 0

r() { svc-report register visitor --period 2026-11-16 --width 200 "$@"; }

# the day's register: time order, HH:MM, fields in declared order, the
# voided entry and the next day's left out, 37.3 marked and 37.29 not
run r
is "day: status" "$rc" 0
is "day: title" "$(printf '%s\n' "$out" | head -1)" \
    "Register 外来人员登记并测量体温 (visitor) 2026-11-16 — 登记"
like "day: the count and the rule" "$out" \
    '^4 entries of kind visitor in 2026-11-16, in time order; voided ones left out\. Alerts: temperature >= 37\.3\.$'
like "day: header" "$out" '^time +staff +name +staff unit +visitor +unit +temperature +host +left +alert$'
like "day: 37.3 marked" "$out" \
    '^09:03 +G003 +张三 +销售管理中心 +刘洋 +新大陆保安 +37\.30 +G002 李建国 +09:30 +ALERT$'
like "day: no host, no left" "$out" '^10:40 +G003 +张三 +销售管理中心 +吴晓燕 +兴业银行 +36\.80$'
like "day: 37.29 not marked" "$out" \
    '^15:20 +G004 +张三丰 +开票室 +郑国华 +福建省计量科学研究院 +37\.29 +G002 李建国 +16:05$'
like "day: a left on another day in full" "$out" \
    '^22:50 +G004 +张三丰 +开票室 +夜班 +36\.50 +G004 张三丰 +2026-11-17 00:10$'
unlike "day: voided left out" "$out" '错录'
unlike "day: the next day left out" "$out" '次日'
like "day: the alerts counted" "$out" '^Alerts: 1 of 4 entries meets temperature >= 37\.3\.$'
# the alerts alone: who, the first field and the compared one, the rule
is "day: the alerts" "$(printf '%s\n' "$out" | sed -n '/^Alerts$/,$p')" \
    "Alerts
time   staff  name  staff unit    visitor  temperature  alert
-----  -----  ----  ------------  -------  -----------  -------------------
09:03  G003   张三  销售管理中心  刘洋           37.30  temperature >= 37.3"

# csv: one table, section first, both sections
run r --format csv
is "csv: header" "$(printf '%s\n' "$out" | head -1)" \
    "section,time,staff,name,staff unit,visitor,unit,temperature,host,left,alert"
is "csv: alerts" "$(printf '%s\n' "$out" | pick alerts visitor temperature alert)" \
    "visitor,temperature,alert
刘洋,37.30,temperature >= 37.3"
is "csv: entries" "$(printf '%s\n' "$out" | pick entries time visitor alert)" \
    "time,visitor,alert
09:03,刘洋,ALERT
10:40,吴晓燕,
15:20,郑国华,
22:50,夜班,"

# a month: times with their dates; the next day's 37.6 is an alert too
run svc-report register visitor --period 2026-11 --width 200
like "month: dated" "$out" '^2026-11-16 09:03 +G003 '
like "month: two alerts" "$out" '^Alerts: 2 of 5 entries meet temperature >= 37\.3\.$'

# the other formats carry the same rows
run r --format md
like "md: the alert row" "$out" '^\| 09:03 \| G003 \| 张三 \| 销售管理中心 \| 刘洋 \| 新大陆保安 \| +37\.30 \| G002 李建国 \| 09:30 \| ALERT \|$'
run r --format html
like "html: the rule" "$out" 'temperature &gt;= 37\.3'
r --format xlsx >r.xlsx 2>/dev/null
is "xlsx: two sheets, the alert row" "$(/usr/bin/python3 - r.xlsx <<'PY' 2>&1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[-1]
rows = [[c.value for c in r] for r in ws.iter_rows()]
print(len(wb.worksheets), [r for r in rows if r and r[4] == '刘洋'][0][5])
PY
)" "2 37.3"
run r --format mail --to a@example.com --as-of 2026-11-16T18:00
is "mail: status" "$rc" 0
like "mail: subject" "$out" '^Subject: =\?UTF-8\?'

# a kind without alerts lists its entries; an empty period says so
svc-log add note G003 what=巡检 ts=2026-11-16T08:00:00+08:00 >/dev/null 2>&1
run svc-report register note --period 2026-11-16
like "no alert: said" "$out" 'in time order; voided ones left out\. The kind sets no alert\.$'
unlike "no alert: no alerts table" "$out" '^Alerts'
# fields named as the register's own columns keep both apart
svc-log add guest G003 name=甲 time=2026-11-16T08:30 ts=2026-11-16T08:00 \
    >/dev/null 2>&1
run svc-report register guest --period 2026-11-16 --format csv
is "clash: titled apart" "$out" "section,time,staff,name,staff unit,field name,field time,alert
entries,08:00,G003,张三,销售管理中心,甲,08:30,"
run svc-report register visitor --period 2026-10
is "empty: status" "$rc" 0
like "empty: said" "$out" '^No entries of kind visitor in 2026-10\.$'

# refused: an unknown kind (with the near one), a kind without fields,
# no kind, no period
run svc-report register visiter --period 2026-11-16
refused "unknown kind" 1 "^svc-report: register: unknown kind 'visiter' \(not in policy 登记\); did you mean 'visitor'\?$"
run svc-report register plain --period 2026-11-16
refused "no fields" 1 "^svc-report: register: kind 'plain' has no fields to list \(a register lists the fields its kind declares: field\.NAME in \[kind\.plain\]\)$"
run svc-report register --period 2026-11-16
refused "no kind" 2 "^svc-report: register: which kind\? \(one with fields, such as visitor\)$"
run svc-report register visitor
refused "no period" 2 "^svc-report: register: no period \(use --period\)$"
finish
