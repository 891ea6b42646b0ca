#!/bin/sh
# The customer archive (大客户档案, 宾客档案): a customer list's optional
# birthday, founded and contract_end columns, and svc-log contacts, each
# listed customer's contacts replaced by the file's, all or nothing; from
# CSV and from a workbook.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null
dates() { sql svc.db "SELECT id, birthday, founded, contract_end FROM customer ORDER BY id" | tr '\n' ' '; }
contacts() { sql svc.db "SELECT customer, seq, name, role, phone, birthday FROM customer_contact ORDER BY customer, seq" | tr '\n' ' '; }

### dates on the customer list
cat >arch.csv <<'CSV'
id,name,tier,contact,owner,birthday,founded,contract_end
C001,华北粮油贸易有限公司,key,0311-6264368,G003,,1996-11-18,2026-11-20
C002,"恒通物流(天津)有限公司",general,13800000000,,02-29,,
CSV
run svc-log customers arch.csv
is "dates: status" "$rc" 0
is "dates stored; MM-DD kept as given, 02-29 too" "$(dates)" \
    "C001||1996-11-18|2026-11-20 C002|02-29|| "
# a list without the columns leaves the dates alone; an empty cell clears
run svc-log customers "$F/customers.csv"
is "no date columns: dates kept" "$(dates)" \
    "C001||1996-11-18|2026-11-20 C002|02-29|| "
printf 'id,name,contract_end\nC001,华北粮油贸易有限公司,\n' >clear.csv
run svc-log customers clear.csv
is "empty cell: cleared, the rest kept" "$(dates)" \
    "C001||1996-11-18| C002|02-29|| "
svc-log customers arch.csv 2>/dev/null

# bad dates: file:line:field, nothing written (the good row before too)
bad() {	# NAME HEADER ROW PATTERN
	printf 'id,name,%s\nC002,乙,2001-01-01\nC001,甲,%s\n' "$2" "$3" >bad.csv
	run svc-log customers bad.csv
	refused "$1" 1 "$4"
	is "$1: nothing written" "$(dates)" \
	    "C001||1996-11-18|2026-11-20 C002|02-29|| "
}
bad "impossible day" birthday 1970-02-29 \
    "^svc-log: bad\.csv:3: birthday: bad date '1970-02-29': day out of range for the month$"
bad "not a date" founded 1996/11/18 \
    "^svc-log: bad\.csv:3: founded: bad date '1996/11/18' \(YYYY-MM-DD, or MM-DD when the year is not known\)$"
bad "month 13" birthday 13-01 \
    "^svc-log: bad\.csv:3: birthday: bad date '13-01': month must be 01 to 12$"
bad "a contract's end has a year" contract_end 12-31 \
    "^svc-log: bad\.csv:3: contract_end: bad date '12-31' \(YYYY-MM-DD\)$"
bad "a year too early" founded 0999-01-01 \
    "^svc-log: bad\.csv:3: founded: bad date '0999-01-01': year must be 1000 to 9999$"

### contacts
cat >ct.csv <<'CSV'
customer,name,role,phone,birthday
C001,刘海涛,保险部 经理,139 4110 2231,1975-11-20
C002,陈立,总经理,,
C001,王娟,财务,,11-22
CSV
run svc-log contacts ct.csv
is "contacts: status" "$rc" 0
is "contacts: said" "$err" "svc-log: contacts: 3 contacts stored"
is "contacts: in file order per customer" "$(contacts)" \
    "C001|1|刘海涛|保险部 经理|139 4110 2231|1975-11-20 C001|2|王娟|财务||11-22 C002|1|陈立|总经理|| "
# a file naming one customer replaces that customer's contacts only
printf 'customer,name,role\nC001,王娟,财务主管\n' >one.csv
run svc-log contacts one.csv
is "replace one customer's" "$(contacts)" \
    "C001|1|王娟|财务主管|| C002|1|陈立|总经理|| "

# a row of the customer alone leaves it no contacts; beside another row
# of the same customer it adds none
printf 'customer,name,role,phone,birthday\nC002,,,,\nC001,王娟,财务主管,,\nC001,,,,\n' >none.csv
run svc-log contacts none.csv
is "a customer alone: status" "$rc" 0
is "a customer alone: said" "$err" "svc-log: contacts: 1 contacts stored"
is "a customer alone: C002 has none left" "$(contacts)" \
    "C001|1|王娟|财务主管|| "
printf 'customer,name\nC002,陈立\n' >back.csv
run svc-log contacts back.csv
is "and can be given one again" "$(contacts)" \
    "C001|1|王娟|财务主管|| C002|1|陈立||| "
printf 'customer,name,role\nC002,陈立,总经理\n' >back.csv
run svc-log contacts back.csv
is "and back as it was" "$(contacts)" \
    "C001|1|王娟|财务主管|| C002|1|陈立|总经理|| "

cbad() {	# NAME CSV PATTERN
	printf "$2" >cbad.csv
	run svc-log contacts cbad.csv
	refused "$1" 1 "$3"
	is "$1: nothing written" "$(contacts)" \
	    "C001|1|王娟|财务主管|| C002|1|陈立|总经理|| "
}
cbad "unknown customer" 'customer,name\nC002,甲\nC404,乙\n' \
    "^svc-log: cbad\.csv:3: customer: unknown customer 'C404'$"
cbad "missing name" 'customer,name,role\nC002,甲,\nC001,,经理\n' \
    "^svc-log: cbad\.csv:3: name: missing name \\(a row of the customer alone leaves it no contacts\\)$"
cbad "a customer alone, unknown" 'customer,name\nC404,\n' \
    "^svc-log: cbad\.csv:2: customer: unknown customer 'C404'$"
cbad "a name twice for one customer" 'customer,name\nC002,甲\nC002,甲\n' \
    "^svc-log: cbad\.csv:3: name: '甲' appears twice for customer 'C002'$"
cbad "bad birthday" 'customer,name,birthday\nC002,甲,\nC001,乙,11-31\n' \
    "^svc-log: cbad\.csv:3: birthday: bad date '11-31': day out of range for the month$"
cbad "no name column" 'customer,role\nC002,甲\n' \
    "^svc-log: cbad\.csv:1: name: missing required column 'name'$"
cbad "a control character" 'customer,name\nC002,甲\001\n' \
    "^svc-log: cbad\.csv:2: name: "

### a ledger of schema 10 gains the archive when next opened, customers
### kept; its step undone by hand, on either backend
svc-log --db old.db init 2>/dev/null
svc-log --db old.db roster "$F/roster.csv" 2>/dev/null
svc-log --db old.db customers "$F/customers.csv" 2>/dev/null
undo='DROP TABLE customer_contact;
ALTER TABLE customer DROP COLUMN birthday;
ALTER TABLE customer DROP COLUMN founded;
ALTER TABLE customer DROP COLUMN contract_end;
ALTER TABLE work_order DROP COLUMN category;
ALTER TABLE work_order DROP COLUMN fields;
ALTER TABLE work_order DROP COLUMN notified;
ALTER TABLE work_order DROP COLUMN notified_t;
ALTER TABLE work_order DROP COLUMN due_work;'
if [ "$BACKEND" = pg ]; then
	# and the event's keys as foreign keys again, as 10 had them
	sql old.db "$undo DROP FUNCTION svc_event_keys, svc_keys_wait,
	    svc_key_named CASCADE;
	    ALTER TABLE event ADD FOREIGN KEY (staff) REFERENCES staff(id),
	    ADD FOREIGN KEY (customer) REFERENCES customer(id),
	    ADD FOREIGN KEY (batch) REFERENCES batch(id);
	    UPDATE svc_meta SET version = 10;"
else
	sql old.db "$undo PRAGMA user_version = 10;"
fi
run svc-log --db old.db contacts ct.csv
is "schema 10: contacts after the step" "$rc" 0
is "schema 10: customers kept, no dates" \
    "$(sql old.db "SELECT id, coalesce(birthday, '-') FROM customer ORDER BY id" | tr '\n' ' ')" \
    "C001|- C002|- "
if [ "$BACKEND" = pg ]; then
	is "schema 10: now 11" "$(sql old.db 'SELECT version FROM svc_meta')" 11
	is "schema 10: the event's keys are triggers" "$(sql old.db "SELECT
	    (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND
	    conrelid = 'event'::regclass AND confrelid <> conrelid),
	    (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND
	    tgrelid IN ('event'::regclass, 'staff'::regclass,
	    'customer'::regclass, 'batch'::regclass))")" "0|8"
else
	is "schema 10: now 11" "$(sql old.db 'PRAGMA user_version')" 11
fi

### from a workbook, dates as date cells
PY=/usr/bin/python3
if $PY -c 'import openpyxl' 2>/dev/null; then
	$PY - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "客户"
ws.append(["id", "name", "founded", "contract_end"])
ws.append(["C001", "华北粮油贸易有限公司", datetime.date(1996, 11, 18),
    datetime.date(2027, 1, 31)])
ws.cell(2, 3).number_format = ws.cell(2, 4).number_format = "yyyy-mm-dd"
ct = wb.create_sheet("联系人")
ct.append(["customer", "name", "role", "birthday"])
ct.append(["C002", "陈立", "总经理", datetime.date(1968, 3, 8)])
ct.cell(2, 4).number_format = "yyyy-mm-dd"
ct.append(["C002", "赵敏", "办公室", "2026-02-30"])
wb.save("arch.xlsx")
PY
	run svc-log customers arch.xlsx
	is "xlsx customers: status" "$rc" 0
	is "xlsx: date cells" "$(sql svc.db "SELECT founded, contract_end FROM customer WHERE id = 'C001'")" \
	    "1996-11-18|2027-01-31"
	run svc-log contacts --sheet 联系人 arch.xlsx
	refused "xlsx contacts: a bad cell named" 1 \
	    "^svc-log: arch\.xlsx:联系人!D3: birthday: bad date '2026-02-30': day out of range for the month$"
	is "xlsx: nothing written" "$(contacts)" \
	    "C001|1|王娟|财务主管|| C002|1|陈立|总经理|| "
else
	not_ok "openpyxl: $PY cannot import it (scripts/install-deps)"
fi
finish
