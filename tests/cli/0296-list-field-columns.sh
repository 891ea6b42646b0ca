#!/bin/sh
# svc-log list under a policy: after the contract's columns (fields last
# of them), one column per field the policy's kinds declare, named after
# it, in the order the policy declares them, holding the event's value in
# its canonical text (empty for events without it); a policy without
# fields, or no policy, adds nothing. Read back by import and svc-score:
# a field in its column and in fields must agree. Scheme E's visitor
# register (plans.ini) and scheme A's four aspects (smile.ini).
. "$SRC/tests/cli/lib.sh"
load_sample plans
export SVC_POLICY=$PWD/plans.ini
A="--db plans.db"
new() {	# DB SCHEME
	svc-log --db "$1" init 2>/dev/null
	svc-log --db "$1" roster "$SAMPLE/$2/roster.csv" 2>/dev/null
	svc-log --db "$1" customers "$SAMPLE/$2/customers.csv" 2>/dev/null
}
contract="id,ts,staff,kind,value,customer,channel,dept,note,uid,logged_by,logged_at,void_of,voided_by,batch,late_reason,fields"

svc-log $A list --kind visitor >v.csv
is "header: the contract, then the fields in the policy's order" \
    "$(head -1 v.csv)" "$contract,visitor,unit,temperature,host,left"
like "a row: fields, then each value in its column" "$(grep PV-2026-0001 v.csv)" \
    ',"{""host"":""E020"",""left"":""2026-11-02T09:40:00\+08:00"",""temperature"":36.5,""unit"":""福州市自来水有限公司"",""visitor"":""王建明""}",王建明,福州市自来水有限公司,36.5,E020,2026-11-02T09:40:00\+08:00$'
# the columns read by name, as a script does
is "temperatures by column name" "$(python3 -c 'import csv, sys
print(" ".join(r["temperature"] for r in csv.DictReader(open("v.csv")) if float(r["temperature"]) >= 37.3))')" \
    "37.3 37.6"
like "an event of another kind: the field columns empty" \
    "$(svc-log $A list --kind revisit | sed -n 2p)" ',,,,,$'
# the same columns in the workbook, typed: a temperature is a number
svc-log $A list --kind visitor --format xlsx >v.xlsx
is "xlsx: the same header" "$(/usr/bin/python3 -c 'import openpyxl
ws = openpyxl.load_workbook("v.xlsx").active
print(",".join(c.value for c in ws[1]))')" "$contract,visitor,unit,temperature,host,left"
is "xlsx: the values, typed" "$(/usr/bin/python3 -c 'import openpyxl
ws = openpyxl.load_workbook("v.xlsx").active
r = ws[2]
print(r[17].value, r[19].value, type(r[19].value).__name__, r[20].value)')" \
    "王建明 36.5 float E020"
# and it reads back: the time a date cell, the same instant
new x.db plans
run svc-log --db x.db import v.xlsx
is "xlsx: imports" "$rc" 0
is "xlsx: the fields stored alike" "$(sql x.db "SELECT uid, fields FROM event ORDER BY uid")" \
    "$(sql plans.db "SELECT uid, fields FROM event WHERE kind = 'visitor' ORDER BY uid")"
# --excel: the same columns
is "excel: the same header" "$(svc-log $A list --kind visitor --excel | head -1 | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" \
    "$contract,visitor,unit,temperature,host,left"
# no policy: the contract's columns alone
is "no policy: nothing added" "$(env -u SVC_POLICY svc-log $A list --kind visitor | head -1)" "$contract"
env -u SVC_POLICY svc-log $A list --kind visitor | sed 1d >np.csv
sed 1d v.csv | sed 's/,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*$//' >p.csv
is "no policy: the same rows up to fields" "$(digest np.csv)" "$(digest p.csv)"

# round trip: a visitor voided, the whole list imported into another
# ledger gives the same events and byte-identical scores
svc-log $A void "$(grep PV-2026-0002 v.csv | cut -d, -f1)" --reason 重复登记 >/dev/null
svc-log $A list >all.csv
svc-score $A --period 2026-11 >a.csv
# every column but id, logged_by, logged_at and batch (how each ledger
# logged them), void_of and voided_by by the row they point to
cols() {
	python3 -c 'import csv, sys
rows = list(csv.DictReader(sys.stdin))
key = {r["id"]: r["ts"] + "/" + r["staff"] + "/" + r["kind"] for r in rows}
w = csv.writer(sys.stdout)
for r in rows:
	w.writerow([v for c, v in r.items() if c not in ("id", "logged_by",
	    "logged_at", "batch", "void_of", "voided_by")] +
	    [key.get(r["void_of"], r["void_of"]),
	    key.get(r["voided_by"], r["voided_by"])])'
}
new b.db plans
run svc-log --db b.db import all.csv
is "plans: the list imports" "$rc" 0
like "plans: counts" "$err" "import: 74 added"
svc-score --db b.db --period 2026-11 >b.csv
is "plans: the same scores" "$(digest b.csv)" "$(digest a.csv)"
svc-log --db b.db list | cols >b.list
cols <all.csv >a.list
is "plans: the same list" "$(digest b.list)" "$(digest a.list)"
is "plans: the fields stored alike" "$(sql b.db "SELECT uid, fields FROM event WHERE fields IS NOT NULL ORDER BY uid")" \
    "$(sql plans.db "SELECT uid, fields FROM event WHERE fields IS NOT NULL ORDER BY uid")"
is "plans: the voided visitor stays voided" "$(svc-log --db b.db list --active --kind visitor | grep -c PV-2026-0002)" 0

# scheme A: the four aspects, the score their sum
load_sample smile
svc-log --db smile.db --policy smile.ini list >s.csv
is "smile: the aspects' columns" "$(head -1 s.csv)" "$contract,遵章守纪,文明礼貌,优质服务,思想道德"
like "smile: a day's aspects" "$(grep SM-2026-0001 s.csv)" ',96,.*,24,23,25,24$'
svc-score --db smile.db --policy smile.ini --period 2026-Q3 >sa.csv
new c.db smile
run svc-log --db c.db --policy smile.ini import s.csv
is "smile: the list imports" "$rc" 0
svc-score --db c.db --policy smile.ini --period 2026-Q3 >sb.csv
is "smile: the same scores" "$(digest sb.csv)" "$(digest sa.csv)"
svc-log --db c.db --policy smile.ini list | cols >sb.list
cols <s.csv >sa.list
is "smile: the same list" "$(digest sb.list)" "$(digest sa.list)"
# scored from the list itself, without a ledger
run svc-score --policy smile.ini --period 2026-Q3 --roster "$SAMPLE/smile/roster.csv" s.csv
like "smile: scored from the list" "$out" '^2026-Q3,P002,王建国,装卸作业部,部门经理,92,'

# the rule: a field in its column and in fields is one value. The same
# value written otherwise (36.50 for 36.5) is the same; another is a bad
# record, named by line and field, and nothing is written
new d.db plans
sed 's/,36\.5,E020,2026-11-02T09:40/,36.50,E020,2026-11-02T09:40/' all.csv >same.csv
run svc-log --db d.db import same.csv
is "36.50 and 36.5 agree" "$rc" 0
new e.db plans
line=$(grep -n PV-2026-0001 all.csv | cut -d: -f1)
sed 's/,36\.5,E020,2026-11-02T09:40/,36.6,E020,2026-11-02T09:40/' all.csv >other.csv
run svc-log --db e.db import other.csv
refused "column and fields disagree" 1 "^svc-log: other.csv:$line: temperature: '36.6' in its column, '36.5' in fields \(give it once, or the same in both\)$"
is "disagreement: nothing written" "$(sql e.db 'SELECT count(*) FROM event')" 0
run svc-score --period 2026-11 --roster "$SAMPLE/plans/roster.csv" other.csv
refused "svc-score: the same rule" 1 "^svc-score: other.csv:$line: temperature: '36.6' in its column"
sed 's/,E020,2026-11-02T09:40:00+08:00$/,E020,2026-11-02T09:41:00+08:00/' all.csv >left.csv
run svc-log --db e.db import left.csv
refused "a time: the instant compared" 1 "^svc-log: left.csv:$line: left: '2026-11-02T09:41:00\+08:00' in its column, '2026-11-02T09:40:00\+08:00' in fields"
sed 's/,E020,2026-11-02T09:40:00+08:00$/,E020,2026-11-02T01:40:00Z/' all.csv >utc.csv
run svc-log --db e.db import utc.csv
is "a time: the same instant in another offset agrees" "$rc" 0

# under a policy without timezone, a time field is written as ts is, in
# the reader's TZ, whatever offset it was logged in (svc-log(1)); the
# fields column keeps it as stored, and the list reads back the same
sed '/^timezone/d' plans.ini >notz.ini
get() {	# COLUMN...: those columns of a list's rows, by name
	python3 -c 'import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for r in csv.DictReader(sys.stdin):
	w.writerow([r[c] for c in sys.argv[1:]])' "$@"
}
new z.db plans
TZ=UTC svc-log --db z.db --policy notz.ini add visitor E021 \
    ts=2026-11-02T09:00:00+08:00 visitor=王建明 temperature=36.5 \
    left=2026-11-02T09:30:00+08:00 uid=Z1 >/dev/null
is "no timezone: stored in the writer's offset" "$(sql z.db "SELECT fields FROM event WHERE uid = 'Z1'")" \
    '{"left":"2026-11-02T01:30:00+00:00","temperature":36.5,"visitor":"王建明"}'
TZ=Asia/Shanghai svc-log --db z.db --policy notz.ini list >zs.csv
is "no timezone: Shanghai reads ts and the field alike" "$(get ts fields left <zs.csv)" \
    '2026-11-02T09:00:00+08:00,"{""left"":""2026-11-02T01:30:00+00:00"",""temperature"":36.5,""visitor"":""王建明""}",2026-11-02T09:30:00+08:00'
TZ=UTC svc-log --db z.db --policy notz.ini list >zu.csv
is "no timezone: UTC reads ts and the field alike" "$(get ts left <zu.csv)" \
    "2026-11-02T01:00:00+00:00,2026-11-02T01:30:00+00:00"
new z2.db plans
run env TZ=Asia/Shanghai svc-log --db z2.db --policy notz.ini import zs.csv
is "no timezone: the list reads back" "$rc" 0
is "no timezone: the same instant stored" "$(TZ=UTC svc-log --db z2.db --policy notz.ini list | get ts left)" \
    "2026-11-02T01:00:00+00:00,2026-11-02T01:30:00+00:00"
finish
