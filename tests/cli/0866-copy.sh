#!/bin/sh
# svc-log copy --to DB: a whole ledger (people, customers, batches, events
# with their voids, work orders, saved scores, awards with their status
# changes, objections and outcomes) into an empty ledger, every id kept,
# checked by counts and the events' checksum; refused into a ledger that
# holds anything. SQLite to SQLite always; SQLite -> PostgreSQL -> SQLite
# when PGHOST (and PGUSER) name a server where createdb works.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/smile.ini
W=$SAMPLE/policies/water.ini
export SVC_USER=考核小组
# a ledger with every table filled but work orders: smile's quarter
# scored, awarded, approved, objected to and finalised; water's ledger
# has the orders and revisits
{
	for s in smile water; do
		svc-log --db $s.db init
		svc-log --db $s.db roster "$SAMPLE/$s/roster.csv"
		svc-log --db $s.db customers "$SAMPLE/$s/customers.csv"
		svc-log --db $s.db --policy "$SAMPLE/policies/$s.ini" \
		    import "$SAMPLE/$s/events.csv"
	done
	mv smile.db a.db
	svc-score --db a.db --policy "$P" --period 2026-Q3 --save
	svc-award --db a.db --policy "$P" --period 2026-Q3 --as-of 2026-10-05 \
	    --save
	svc-award --db a.db --policy "$P" approve --period 2026-Q3 \
	    --as-of 2026-10-08
	svc-award --db a.db --policy "$P" object 3 --reason "平均分计算有误" \
	    --as-of 2026-10-10
	svc-award --db a.db --policy "$P" finalize --period 2026-Q3 \
	    --as-of 2026-11-08 --uphold 1
	# a wait of an order on its customer, over and one going on
	svc-log --db water.db --policy "$W" order wait 5 \
	    --reason "等客户在家" --ts 2026-09-23T09:00:00+08:00
	svc-log --db water.db --policy "$W" order resume 5 \
	    --ts 2026-09-24T09:00:00+08:00
	svc-log --db water.db --policy "$W" order wait 5 \
	    --reason "等客户确认" --ts 2026-09-25T09:00:00+08:00
} >/dev/null 2>&1
svc-log --db a.db --policy "$P" void 5 --reason "录错" >/dev/null 2>&1
# a note of the bytes COPY's text format escapes: tab, newline, backslash
svc-log --db a.db --policy "$P" add praise.letter P001 \
    ts=2026-08-01T10:00:00+08:00 note="$(printf 'a\tb\\c\nd\\N')" \
    >/dev/null 2>&1
is "the escaped note" "$(hex "$(sql a.db "SELECT note FROM event WHERE kind = 'praise.letter' ORDER BY id DESC LIMIT 1")")" \
    "6109625C630A645C4E"
tables="staff customer batch event work_order work_order_wait score award
award_status objection objection_outcome"
for t in $tables; do
	case $t in work_order*) db=water.db ;; *) db=a.db ;; esac
	is "$t has rows" "$(sql $db "SELECT CAST(count(*) > 0 AS INTEGER) FROM $t")" 1
done

# what a ledger shows: its events, scores and awards with their history
shows() {
	svc-log --db "$1" list
	svc-score --db "$1" --policy "$P" --period 2026-Q3
	svc-award --db "$1" --policy "$P" list --history
	svc-log --db "$1" order list
}
# dump FILE: every table of a ledger, row by row (whole numbers alike
# from the sqlite3 shell and psql)
dump() {
	for t in $tables; do
		echo "== $t"
		sql "$1" "SELECT * FROM $t ORDER BY 1" | wholes
	done
}
shows a.db >a.shows 2>&1
dump a.db >a.dump

### SQLite to SQLite
run svc-log --db a.db copy --to b.db
is "copy" "$rc" 0
like "copy: counts" "$err" "^svc-log: copy: staff [0-9]+, customer [0-9]+, batch [0-9]+, event [0-9]+, work_order 0, work_order_wait 0, score 15, award [0-9]+, award_status [0-9]+, objection 1, objection_outcome 1 copied to b\.db; events checksum [0-9a-f]{16}, read back$"
is "copy: stdout" "$out" ""
shows b.db >b.shows 2>&1
is "same list, scores, awards and orders" "$(cmp a.shows b.shows && echo same)" same
dump b.db >b.dump
is "same rows, ids kept" "$(cmp a.dump b.dump && echo same)" same
is "a fresh mark" "$(sql b.db 'PRAGMA application_id'),$(sql b.db 'PRAGMA user_version')" \
    "1398162225,11"
sum=$(printf '%s\n' "$err" | sed -n 's/.*checksum \([0-9a-f]*\),.*/\1/p')

### work orders and the revisits they come from
svc-log --db water.db order list >w.orders
dump water.db >w.dump
run svc-log --db water.db copy --to w2.db
is "water copy" "$rc" 0
like "water: orders" "$err" "work_order 5, work_order_wait 2,"
is "water: same orders" "$(svc-log --db w2.db order list | cmp - w.orders && echo same)" same
is "water: same rows" "$(dump w2.db | cmp - w.dump && echo same)" same

### the checksum follows the events: one more event, another sum
svc-log --db a.db copy --to a2.db 2>/dev/null
svc-log --db a2.db --policy "$P" add praise.letter P001 \
    ts=2026-08-01T10:00:00+08:00 >/dev/null 2>&1
run svc-log --db a2.db copy --to a3.db
is "copy of a changed ledger" "$rc" 0
unlike "another checksum" "$err" "checksum $sum,"

### only into an empty ledger; nothing written there
run svc-log --db a.db copy --to b.db
refused "into a ledger with rows" 1 "^svc-log: b\.db: not an empty ledger \(16 rows in staff\): copy only into an empty one$"
is "b untouched" "$(dump b.db | cmp - b.dump && echo same)" same
svc-log --db e.db init 2>/dev/null
run svc-log --db a.db copy --to e.db
is "into an initialised empty ledger" "$rc" 0
run svc-log --db a.db copy
refused "no --to" 2 "copy: --to DB is required"
run svc-log --db missing.db copy --to f.db
refused "no source" 1 "missing\.db: cannot open database"
echo "not a ledger" >notes.txt
run svc-log --db a.db copy --to notes.txt
refused "not a ledger" 1 "notes\.txt: not an svc ledger"
is "notes untouched" "$(cat notes.txt)" "not a ledger"

### SQLite -> PostgreSQL -> SQLite, when a server is at hand
if [ -n "${PGHOST:-}" ] && psql -X -qAt -d postgres -c 'SELECT 1' \
    >/dev/null 2>&1; then
	n=svc_copy_$$
	createdb "$n" 2>/dev/null
	url="postgresql://${PGUSER:-}:secret@/$n"
	run svc-log --db a.db copy --to "$url"
	is "to postgresql" "$rc" 0
	like "to postgresql: same checksum" "$err" "checksum $sum, read back$"
	unlike "no password shown" "$err" "secret"
	shows "$url" >p.shows 2>&1
	is "postgresql shows the same" "$(cmp a.shows p.shows && echo same)" same
	run svc-log --db "$url" copy --to c.db
	is "back to sqlite" "$rc" 0
	like "back: same checksum" "$err" "checksum $sum, read back$"
	shows c.db >c.shows 2>&1
	is "back: same" "$(cmp a.shows c.shows && echo same)" same
	dump c.db >c.dump
	is "back: same rows" "$(cmp a.dump c.dump && echo same)" same
	run svc-log --db c.db copy --to "$url"
	refused "postgresql not empty" 1 "not an empty ledger"
	createdb "${n}_w" 2>/dev/null
	run svc-log --db water.db copy --to "postgresql:///${n}_w"
	is "water to postgresql" "$rc" 0
	run svc-log --db "postgresql:///${n}_w" copy --to w3.db
	is "water back" "$rc" 0
	is "water back: same rows" "$(dump w3.db | cmp - w.dump && echo same)" same
	dropdb "$n" 2>/dev/null
	dropdb "${n}_w" 2>/dev/null
fi
finish
