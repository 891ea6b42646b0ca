#!/bin/sh
# Only svc ledgers are ever touched: every tool refuses an empty file, a
# file that is not SQLite and another program's database with a message
# naming it, and leaves it byte for byte as it was, with no -wal or -shm
# beside it. svc-log init makes a ledger only of a file that does not
# exist or is empty; a ledger carries svc's application_id, and one from
# before the mark still opens and is marked.
. "$SRC/tests/cli/lib.sh"
sqlite_only "SQLite files that are not ledgers, application_id, -wal and -shm (0886 is PostgreSQL's)"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
MARK=1398162225		# 0x53564331, "SVC1"

# untouched DESC FILE: FILE is as saved in FILE.sum, alone
untouched() {
	is "$1: same bytes" "$(cksum <"$2")" "$(cat "$2.sum")"
	is "$1: no -wal or -shm" "$(ls "$2"-* 2>/dev/null)" ""
}
# refuse FILE MESSAGE-REGEX: every reading tool and every writer refuses
# FILE, which stays untouched
refuse() {
	cksum <"$1" >"$1.sum"
	run svc-log --db "$1" list
	refused "$1: svc-log list" 1 "^svc-log: $1: $2"
	untouched "$1 after list" "$1"
	run svc-score --db "$1" --policy "$P" --period 2026-10
	refused "$1: svc-score" 1 "^svc-score: $1: $2"
	untouched "$1 after svc-score" "$1"
	run svc-report --db "$1" --policy "$P" --period 2026-10 scores
	refused "$1: svc-report" 1 "^svc-report: $1: $2"
	untouched "$1 after svc-report" "$1"
	run svc-award --db "$1" --policy "$P" list
	refused "$1: svc-award" 1 "^svc-award: $1: $2"
	untouched "$1 after svc-award" "$1"
	run svc-log --db "$1" --policy "$P" add praise.letter G003
	refused "$1: svc-log add" 1 "^svc-log: $1: $2"
	untouched "$1 after add" "$1"
}

# another program's database, in each journal mode, marked or not
sql_create other.db 'CREATE TABLE keep(x); INSERT INTO keep VALUES (42)' >/dev/null
refuse other.db 'not an svc ledger \(application_id 0, schema version 0\)'
sql_create wal.db 'PRAGMA journal_mode = WAL; PRAGMA user_version = 3;
    CREATE TABLE staff(x); CREATE TABLE event(x)' >/dev/null
refuse wal.db 'not an svc ledger \(application_id 0, no svc tables\)'
sql_create app.db 'PRAGMA application_id = 305419896; CREATE TABLE t(x)'
refuse app.db 'not an svc ledger \(application_id 0x12345678\)'
printf 'id,name\nG001,王华龙\n' >text.db
refuse text.db 'not an svc ledger \(not an SQLite database\)'
: >empty.db
refuse empty.db "empty file, not an svc ledger: create one with 'svc-log init'"
is "empty file still empty" "$(wc -c <empty.db)" 0

# init refuses all but the empty file, which it makes a ledger of
for f in other.db wal.db app.db text.db; do
	run svc-log --db "$f" init
	refused "init $f" 1 "^svc-log: $f: not an svc ledger"
	untouched "$f after init" "$f"
done
run svc-log --db empty.db init
is "init an empty file: status" "$rc" 0
is "init an empty file: marked" "$(sql empty.db 'PRAGMA application_id')" "$MARK"
is "init an empty file: schema" "$(sql empty.db 'PRAGMA user_version')" 11

# a missing file: refused as before, created by init, marked
run svc-log --db new.db list
refused "missing file" 1 "^svc-log: new.db: cannot open database \(create it with 'svc-log init'\)"
is "missing file not created" "$(ls new.db* 2>/dev/null)" ""
run svc-log --db new.db init
is "init a new file: status" "$rc" 0
is "init a new file: marked" "$(sql new.db 'PRAGMA application_id')" "$MARK"
run svc-log --db new.db list
is "a new ledger opens" "$rc" 0

# a ledger of this schema from before the mark opens, for a reader too,
# and is marked
svc-log --db old.db init 2>/dev/null
svc-log --db old.db roster "$F/roster.csv" 2>/dev/null
sql old.db 'PRAGMA application_id = 0'
is "unmarked" "$(sql old.db 'PRAGMA application_id')" 0
run svc-log --db old.db list
is "unmarked ledger: list status" "$rc" 0
is "unmarked ledger: marked on open" "$(sql old.db 'PRAGMA application_id')" "$MARK"
is "unmarked ledger: staff kept" "$(sql old.db 'SELECT count(*) FROM staff')" 5
finish
