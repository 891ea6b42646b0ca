#!/bin/sh
# A ledger written at schema 4 (fixtures/ledger-v4.sql) opens under this
# svc, is migrated to the current schema in one transaction, and reads back exactly as the svc
# that wrote it read it (golden/migrate-v4): every event with its ts,
# logged_by, logged_at, voids and batch, each batch's own list, every
# work order, every score.
# A batch's events are found from batch.after once event_batch is gone,
# also for two batches whose events interleave.
. "$SRC/tests/cli/lib.sh"
sqlite_only "SQLite ledgers of older schemas migrated (PostgreSQL ledgers start at schema 8)"
G=$SRC/tests/cli/golden/migrate-v4
P=$SAMPLE/policies/water.ini

load_sql() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$1" <"$2"
	else
		python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())' "$1" "$2"
	fi
}

# same DESC FILE GOLDEN: FILE is byte for byte the golden file
same() {
	if cmp -s "$2" "$3"; then ok; else
		not_ok "$1 differs from $3:"
		diff "$3" "$2" | head -n 20
	fi
}

load_sql old.db "$SRC/tests/cli/fixtures/ledger-v4.sql"
is "fixture at schema 4" "$(sql old.db 'PRAGMA user_version')" 4
cp old.db svc.db

run svc-log list
is "list status" "$rc" 0
printf '%s\n' "$out" >list.csv
same "list after the migration" list.csv "$G/list.csv"
is "schema 11" "$(sql svc.db 'PRAGMA user_version')" 11
is "marked as an svc ledger with the migration" \
    "$(sql svc.db 'PRAGMA application_id')" 1398162225
is "integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
is "every reference holds" "$(sql svc.db 'PRAGMA foreign_key_check')" ""
is "no ts or logged_by column" \
    "$(sql svc.db "SELECT count(*) FROM pragma_table_info('event') WHERE name IN ('ts', 'logged_by', 'logged_at')")" 0
is "indexes" "$(sql svc.db "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event' ORDER BY name)")" \
    "event_staff_t event_t event_void_of sqlite_autoindex_event_1"
is "same ids" "$(sql svc.db 'SELECT count(*), min(id), max(id), sum(id) FROM event')" \
    "$(sql old.db 'SELECT count(*), min(id), max(id), sum(id) FROM event')"

# every batch lists what it listed before, interleaved or not
for b in $(sql old.db 'SELECT id FROM batch ORDER BY id'); do
	echo "== batch $b"
	svc-log list --batch "$b"
done >batches.txt 2>&1
same "each batch after the migration" batches.txt "$G/batches.txt"
is "batch 13's events" "$(sed -n '/^== batch 13$/,/^== batch 14$/p' batches.txt | cut -d, -f1 | grep -E '^[0-9]+$' | tr '\n' ' ')" "300 302 "
is "after, interleaved" "$(sql svc.db 'SELECT after FROM batch WHERE id IN (13, 14) ORDER BY id' | tr '\n' ' ')" "299 300 "
is "after, empty batch" "$(sql svc.db 'SELECT after FROM batch WHERE id = 9')" 302

run svc-log order list
printf '%s\n' "$out" >orders.csv
same "order list after the migration" orders.csv "$G/orders.csv"
run svc-score --policy "$P" --period 2026-Q3
printf '%s\n' "$out" >score.csv
same "scores after the migration" score.csv "$G/score.csv"

# a void still finds its event, once, through the new index
run svc-log void 300 --reason "again"
is "void after migration" "$rc" 0
run svc-log void 300 --reason "twice"
is "second void refused" "$rc" 1
is "void_of unique" "$(sql svc.db 'SELECT count(*) FROM event WHERE void_of = 300')" 1
# a new batch starts after the last event
run svc-log --policy "$P" add contact.call KF008 ts=2026-09-21T09:00:00+08:00
run svc-log list --batch "$(sql svc.db 'SELECT max(id) FROM batch')"
is "new batch listed" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,4)" "$(sql svc.db 'SELECT max(id) FROM event'),contact.call"

# a reader opening a migrated ledger changes nothing; a second open no step
cp svc.db again.db
run svc-log --db again.db list
is "reopen status" "$rc" 0
is "reopen keeps schema" "$(sql again.db 'PRAGMA user_version')" 11
finish
