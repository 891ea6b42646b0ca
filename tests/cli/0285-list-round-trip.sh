#!/bin/sh
# Round trips: svc-log list imported into another ledger keeps its voids.
# The voiding rows and the rows they void map through the file's ids (and
# uids), so the other ledger scores the same; no --ignore-extra needed
# for list's columns.
. "$SRC/tests/cli/lib.sh"
load_sample group
export SVC_POLICY=group.ini
A="--db group.db"
# a complaint of the sample voided, and one logged without a uid voided
svc-log $A void "$(svc-log $A list --kind complaint.attitude --period 2026-08 |
    grep GP-2026-0089 | cut -d, -f1)" --reason 客户撤回投诉 >/dev/null
id=$(svc-log $A add complaint.verified G016 ts=2026-08-10T10:00 note=无uid的投诉)
svc-log $A void "$id" --reason 登记错误 >/dev/null
svc-score $A --period 2026-08 >a.csv
like "the void counts in the source" "$(grep '^2026-08,G008,' a.csv)" ',yes,|,no,'
svc-log $A list >all.csv

new() {
	svc-log --db "$1" init 2>/dev/null
	svc-log --db "$1" roster "$SAMPLE/group/roster.csv" 2>/dev/null
	svc-log --db "$1" customers "$SAMPLE/group/customers.csv" 2>/dev/null
}
new b.db
run svc-log --db b.db import all.csv
is "list imports as it is" "$rc" 0
like "counts" "$err" "import: 257 added, 0 skipped"
svc-score --db b.db --period 2026-08 >b.csv
is "the same scores" "$(digest b.csv)" "$(digest a.csv)"
is "G008's voided complaint does not count" "$(grep '^2026-08,G008,' b.csv | cut -d, -f10,11)" \
    "$(grep '^2026-08,G008,' a.csv | cut -d, -f10,11)"
# The lists compared modulo ids: every column but logged_by, logged_at
# and batch (how each ledger logged them) and id, with void_of and
# voided_by naming the row they point to by its time, staff and kind.
cols() {
	python3 -c 'import csv, sys
rows = list(csv.DictReader(sys.stdin))
key = {r["id"]: r["ts"] + "/" + r["staff"] + "/" + r["kind"] for r in rows}
w = csv.writer(sys.stdout)
for r in rows:
	w.writerow([r[c] for c in ("ts", "staff", "kind", "value", "customer",
	    "channel", "dept", "note", "uid")] +
	    [key.get(r["void_of"], r["void_of"]),
	    key.get(r["voided_by"], r["voided_by"])])'
}
svc-log --db b.db list | cols >b.list
cols <all.csv >a.list
is "the same list, void_of and voided_by mapped" "$(digest b.list)" \
    "$(digest a.list)"
is "the void's reason kept" "$(svc-log --db b.db list --kind void | cut -d, -f9 | sed 1d | sort)" \
    "$(printf '%s\n' 客户撤回投诉 登记错误 | sort)"

# imported again: the events with uids are skipped and stay voided; the
# uid-less one is stored again, and voided again
run svc-log --db b.db import all.csv
is "imported again" "$rc" 0
like "again: counts" "$err" "import: 2 added, 255 skipped"
svc-score --db b.db --period 2026-08 >b2.csv
is "again: the same scores" "$(digest b2.csv)" "$(digest a.csv)"

# a list of one kind holds the voided complaint without its void: voided
# all the same, the reason saying where
svc-log $A list --kind complaint.attitude >att.csv
new c.db
run svc-log --db c.db import att.csv
is "one kind imports" "$rc" 0
is "voided without its void row" "$(svc-log --db c.db list --active | grep -c GP-2026-0089)" 0
like "its reason" "$(svc-log --db c.db list --kind void | sed 1d | cut -d, -f9)" \
    '^voided where it was listed from \(by its event [0-9]+\)$'

# bad rows: refused at file:line:field, nothing written
new d.db
{ head -n 1 all.csv; grep ',GP-2026-0001,' all.csv
  printf '900,2026-08-20T10:00:00+08:00,G008,void,,,,,reason,,,,77,,,,\n'; } >bad1.csv
run svc-log --db d.db import bad1.csv
refused "void of a row not in the file" 1 "^svc-log: bad1.csv:3: void_of: event 77 is not a row of the file marked voided_by\$"
printf 'ts,staff,kind,void_of\n2026-08-20T10:00,G008,complaint.attitude,3\n' >bad2.csv
run svc-log --db d.db import bad2.csv
refused "void_of on another kind" 1 "^svc-log: bad2.csv:2: void_of: a row of kind 'complaint.attitude' voids nothing"
printf 'ts,staff,kind,voided_by\n2026-08-20T10:00,G008,complaint.attitude,x\n' >bad3.csv
run svc-log --db d.db import bad3.csv
refused "bad voided_by" 1 "^svc-log: bad3.csv:2: voided_by: bad id 'x'"
is "nothing written" "$(sql d.db 'SELECT count(*) FROM event')" 0
finish
