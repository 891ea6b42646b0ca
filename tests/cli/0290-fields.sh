#!/bin/sh
# Fields a kind declares (svc-policy(5) field.NAME): a column of the same
# name in an import, NAME=VALUE in add, all of them in the list's fields
# column (JSON, sorted by name), read back by an import of the list; a
# bad value is refused at file:line:field and nothing is written. The
# visitor register of scheme E's document: temperature 34.0-43.0.
. "$SRC/tests/cli/lib.sh"
mini_ledger
cat > f.ini <<'INI'
[policy]
name = fields
timezone = Asia/Shanghai
[kind.visitor]
label = 外来人员登记并测量体温
field.visitor = text required
field.unit = text
field.temperature = number 34.0..43.0 required
field.host = staff required
field.left = time
[kind.claim]
field.amount = money required
field.customer_id = customer
field.on = date
field.category = text
INI
export SVC_POLICY=$PWD/f.ini

# the kind's own fields as columns
cat > v.csv <<'CSV'
ts,staff,kind,visitor,unit,temperature,host,left,uid
2026-10-12T09:00:00+08:00,G003,visitor,"李四, ""访客""",华北粮油,36.50,G002,2026-10-12T10:30:00+08:00,V1
2026-10-12T09:20:00+08:00,G003,visitor,王五,,37.3,G004,,V2
CSV
run svc-log import v.csv
is "import status" "$rc" 0
is "import: stored" "$(sql svc.db "SELECT fields FROM event ORDER BY id")" '{"host":"G002","left":"2026-10-12T10:30:00+08:00","temperature":36.5,"unit":"华北粮油","visitor":"李四, \"访客\""}
{"host":"G004","temperature":37.3,"visitor":"王五"}'
# the view shows them, and SQL can take one out
is "events_v" "$(sql svc.db "SELECT fields FROM events_v WHERE id = 2")" '{"host":"G004","temperature":37.3,"visitor":"王五"}'
if [ "$BACKEND" = pg ]; then
	is "fields as json" "$(sql svc.db "SELECT count(*) FROM event WHERE (fields::json->>'temperature')::numeric >= 37.3")" 1
else
	is "json_extract" "$(sql svc.db "SELECT count(*) FROM event WHERE json_extract(fields, '\$.temperature') >= 37.3")" 1
fi

# add: NAME=VALUE
run svc-log add visitor G003 ts=2026-10-12T11:00:00+08:00 visitor=赵六 temperature=36.8 host=G001 uid=V3
is "add status" "$rc" 0
is "add: stored" "$(sql svc.db "SELECT fields FROM event WHERE uid = 'V3'")" '{"host":"G001","temperature":36.8,"visitor":"赵六"}'
run svc-log add claim G003 amount=12000 on=2026-10-12 category=车损 uid=C1
is "claim: money, date, text" "$(sql svc.db "SELECT fields FROM event WHERE kind = 'claim'")" '{"amount":12000,"category":"车损","on":"2026-10-12"}'

# list: the fields column, then one column per field the policy
# declares (svc-log-list's own test: 0296); an import of the list into
# another ledger stores the same text
svc-log list > l.csv
is "list header" "$(head -1 l.csv)" "id,ts,staff,kind,value,customer,channel,dept,note,uid,logged_by,logged_at,void_of,voided_by,batch,late_reason,fields,visitor,unit,temperature,host,left,amount,customer_id,on,category"
like "list row" "$(sed -n 2p l.csv)" ',"{""host"":""G002"",""left"":""2026-10-12T10:30:00\+08:00"",""temperature"":36.5,""unit"":""华北粮油"",""visitor"":""李四, \\""访客\\""""}","李四, ""访客""",华北粮油,36.5,G002,2026-10-12T10:30:00\+08:00,,,,$'
# the table for people: the fields after the note
run svc-log list --format text
like "text: fields shown (cut to 80 columns)" "$out" "^3 .* 11:00 .*host G001, temperatu"
svc-log --db b.db init 2>/dev/null
svc-log --db b.db roster "$SRC/tests/cli/fixtures/roster.csv" 2>/dev/null
run svc-log --db b.db import l.csv
is "list imports" "$rc" 0
is "round trip" "$(sql b.db "SELECT uid, fields FROM event ORDER BY id")" "$(sql svc.db "SELECT uid, fields FROM event ORDER BY id")"
# again: the same content, skipped; other fields under a known uid refused
run svc-log --db b.db import l.csv
is "again: skipped" "$err" "svc-log: import: 0 added, 4 skipped (uid already in the ledger)"
sed 's/""temperature"":36.5/""temperature"":36.6/; s/,36.5,G002,/,36.6,G002,/' l.csv > l2.csv
run svc-log --db b.db import l2.csv
refused "other fields, same uid" 1 "^svc-log: l2.csv:2: uid: already stored as event 1 with a different fields$"

# bad values: file:line:field, exit 1, nothing written
n=$(count)
bad() {	# NAME LINE2-OF-CSV MESSAGE-REGEX
	printf 'ts,staff,kind,visitor,temperature,host,amount,fields\n2026-10-13T09:00:00+08:00,G003,visitor,甲,36.6,G002,,\n%s\n' "$2" > bad.csv
	run svc-log import bad.csv
	refused "bad: $1" 1 "$3"
	is "bad: $1: nothing written" "$(count)" "$n"
}
bad "out of range" '2026-10-13T09:10:00+08:00,G003,visitor,乙,43.1,G002,,' "^svc-log: bad.csv:3: temperature: '43.1' out of range \(expected 34 to 43\)$"
bad "not a number" '2026-10-13T09:10:00+08:00,G003,visitor,乙,高,G002,,' "^svc-log: bad.csv:3: temperature: bad number '高'$"
bad "required" '2026-10-13T09:10:00+08:00,G003,visitor,乙,,G002,,' "^svc-log: bad.csv:3: temperature: missing field 'temperature' \(required for kind 'visitor'\)$"
bad "unknown staff" '2026-10-13T09:10:00+08:00,G003,visitor,乙,36.6,G999,,' "^svc-log: bad.csv:3: host: unknown staff 'G999' \(not in the roster\)$"
bad "not the kind's" '2026-10-13T09:10:00+08:00,G003,visitor,乙,36.6,G002,5,' "^svc-log: bad.csv:3: amount: kind 'visitor' has no field 'amount' \(its fields: visitor, unit, temperature, host, left\)$"
bad "column and fields disagree" '2026-10-13T09:10:00+08:00,G003,visitor,乙,36.6,G002,,"{""host"":""G001""}"' "^svc-log: bad.csv:3: host: 'G002' in its column, 'G001' in fields \(give it once, or the same in both\)$"
bad "bad json" '2026-10-13T09:10:00+08:00,G003,visitor,乙,36.6,G002,,host=G001' "^svc-log: bad.csv:3: fields: bad fields 'host=G001'"
bad "money" '2026-10-13T09:10:00+08:00,G003,claim,,,,1.005,' "^svc-log: bad.csv:3: amount: bad amount '1.005' \(yuan, 0 to 1000000000, to the fen\)$"
bad "control" "$(printf '2026-10-13T09:10:00+08:00,G003,visitor,乙\033,36.6,G002,,')" "^svc-log: bad.csv:3: visitor: control character U\+001B not allowed$"
run svc-log add visitor G003 visitor=丙 temperature=33 host=G002
refused "add: out of range" 1 "^svc-log: temperature: '33' out of range \(expected 34 to 43\)$"
run svc-log add claim G003 amount=5 customer_id=C999
refused "add: unknown customer" 1 "^svc-log: customer_id: unknown customer 'C999' \(not in the customer list\)$"
run svc-log add claim G003 amount=5 on=2026-02-30
refused "add: bad date" 1 "^svc-log: on: bad date '2026-02-30' \(expected YYYY-MM-DD\)$"
run svc-log add claim G003 amount=5 temperature=36
refused "add: another kind's field" 1 "^svc-log: temperature: kind 'claim' has no field 'temperature' \(its fields: amount, customer_id, on, category\)$"
run svc-log add claim G003 amount=5 colour=red
refused "add: a name no kind declares" 2 "^svc-log: add: bad field 'colour=red' \(expected ts=, value=, customer=, channel=, dept=, note=, uid= or a field of the policy's kinds\)$"
is "add: nothing written" "$(count)" "$n"
finish
