#!/bin/sh
# PostgreSQL: only svc ledgers are ever touched (0860 is SQLite's). Every
# tool refuses a database that holds another program's tables, and an
# empty one, with a message naming it, and leaves it as it was; svc-log
# init refuses the first and makes a ledger of the second; a schema
# version svc did not write, or a newer one, is refused.
. "$SRC/tests/cli/lib.sh"
pg_only "PostgreSQL databases that are not ledgers"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini

# refuse FILE MESSAGE-REGEX: every reading tool and every writer refuses
# the ledger FILE, which stays as it was
refuse() {
	sum=$(digest "$1")
	re=$(ledger_re "$1")
	run svc-log --db "$1" list
	refused "$1: svc-log list" 1 "^svc-log: $re: $2$"
	run svc-score --db "$1" --policy "$P" --period 2026-10
	refused "$1: svc-score" 1 "^svc-score: $re: $2$"
	run svc-report --db "$1" --policy "$P" --period 2026-10 scores
	refused "$1: svc-report" 1 "^svc-report: $re: $2$"
	run svc-award --db "$1" --policy "$P" list
	refused "$1: svc-award" 1 "^svc-award: $re: $2$"
	run svc-log --db "$1" --policy "$P" add praise.letter G003
	refused "$1: svc-log add" 1 "^svc-log: $re: $2$"
	is "$1: as it was" "$(digest "$1")" "$sum"
}

# another program's database
sql_create other.db 'CREATE TABLE keep(x integer); INSERT INTO keep VALUES (42)'
refuse other.db 'not an svc ledger \(the database holds other tables\)'
run svc-log --db other.db init
refused "init other.db" 1 "^svc-log: $(ledger_re other.db): not an svc ledger \(the database holds other tables\)$"
is "other.db: only its table" "$(sql other.db "SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = current_schema()")" keep
is "other.db: its row" "$(sql other.db 'SELECT x FROM keep')" 42
# a view of someone else's is another program's too
sql_create view.db 'CREATE VIEW v AS SELECT 1 AS x'
refuse view.db 'not an svc ledger \(the database holds other tables\)'

# an empty database: refused by all but init, which makes it a ledger
sql_create empty.db 'SELECT 1' >/dev/null
refuse empty.db "empty database, not an svc ledger: create one with 'svc-log init'"
is "empty.db: still empty" "$(sql empty.db "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()")" 0
run svc-log --db empty.db init
is "init an empty database: status" "$rc" 0
like "init an empty database: said" "$err" "^svc-log: $(ledger_re empty.db): initialised \(schema 11\)$"
is "init an empty database: marked" "$(sql empty.db 'SELECT application_id, version FROM svc_meta')" "1398162225|11"
run svc-log --db empty.db list
is "a new ledger opens" "$rc" 0

# schema versions svc did not write
svc-log init 2>/dev/null
copy_ledger svc.db neg.db
sql neg.db 'UPDATE svc_meta SET version = -1'
sum=$(digest neg.db)
run svc-log --db neg.db list
refused "schema -1" 1 "^svc-log: $(ledger_re neg.db): schema version -1 is not one svc wrote$"
run svc-score --db neg.db --policy "$P" --period 2026-01
refused "schema -1 (svc-score)" 1 "schema version -1 is not one svc wrote$"
is "schema -1: as it was" "$(digest neg.db)" "$sum"
copy_ledger svc.db new.db
sql new.db 'UPDATE svc_meta SET version = 99'
run svc-log --db new.db list
refused "schema 99" 1 "^svc-log: $(ledger_re new.db): schema version 99 is newer than this svc \(11\): upgrade svc$"
copy_ledger svc.db app.db
sql app.db 'UPDATE svc_meta SET application_id = 305419896'
run svc-log --db app.db list
refused "another application_id" 1 "^svc-log: $(ledger_re app.db): not an svc ledger \(application_id 0x12345678\)$"
finish
