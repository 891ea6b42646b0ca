#!/bin/sh
# The PostgreSQL backend's own behaviour, when PGHOST (and PGUSER) name a
# server where createdb works: init in an empty database, a database of
# someone else's tables refused and left alone, the password never shown,
# a server that is not there, the views, a ledger in its own schema.
# Without a server only the last (nothing listens) is checked.
. "$SRC/tests/cli/lib.sh"

F=$SRC/tests/cli/fixtures
P=$F/mini.ini

### nothing listening: one line naming the database, exit 1
mkdir nosock
run svc-log --db "postgresql://me:hunter2@/ledger?host=$T/nosock" list
refused "no server" 1 "^svc-log: postgresql://me@/ledger\?host=$T/nosock: cannot connect: .*nosock/\.s\.PGSQL\.5432.*$"
is "no server: one line" "$(printf '%s\n' "$err" | wc -l)" 1
unlike "no server: no password" "$err" hunter2
run svc-score --db "postgres:///ledger?password=hunter2&host=$T/nosock" \
    --policy "$P" --period 2026-10
refused "no server: svc-score" 1 "^svc-score: postgres:///ledger\?host=$T/nosock: cannot connect"
unlike "no server: no password parameter" "$err" hunter2

if [ -z "${PGHOST:-}" ] ||
    ! psql -X -qAt -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
	finish
	exit
fi
n=svc_pg_$$
createdb "$n"
createdb "${n}_other"
createdb "${n}_schema"
trap 'dropdb "$n"; dropdb "${n}_other"; dropdb "${n}_schema"; rm -rf "$T"' EXIT
U="postgresql://${PGUSER:-}:hunter2@/$n"
shown="postgresql://${PGUSER:-}@/$n"
q() { psql -X -qAt -d "$1" -c "$2"; }

### an empty database: refused until init makes it a ledger
run svc-log --db "$U" list
refused "empty database" 1 "^svc-log: $shown: empty database, not an svc ledger: create one with 'svc-log init'$"
run svc-log --db "$U" init
is "init" "$rc" 0
is "init: said" "$err" "svc-log: $shown: initialised (schema 11)"
run svc-log --db "$U" init
is "init again: said" "$err" "svc-log: $shown: already initialised (schema 11)"
is "the mark" "$(q "$n" 'SELECT one, application_id, version FROM svc_meta')" \
    "1|1398162225|11"
is "text sorts by bytes" \
    "$(q "$n" "SELECT collation_name FROM information_schema.columns WHERE table_name = 'event' AND column_name = 'uid'")" C

### someone else's database: refused, untouched
q "${n}_other" 'CREATE TABLE notes (x text)' >/dev/null
for cmd in init list; do
	run svc-log --db "postgresql:///${n}_other" $cmd
	refused "other tables: $cmd" 1 "^svc-log: postgresql:///${n}_other: not an svc ledger \(the database holds other tables\)$"
done
is "other tables: untouched" \
    "$(q "${n}_other" "SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'public'")" notes

### a ledger at work: events, a void, the views as the tools show them
export SVC_DB="$U" SVC_POLICY="$P" SVC_USER=clerk
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null
run svc-log add praise.letter G003 ts=2026-10-09T09:30:00+08:00 note='客户来信表扬'
is "add" "$out" 1
run svc-log void 1 --reason "录错"
is "void" "$rc" 0
is "events_v" "$(PGTZ=Asia/Shanghai q "$n" "SELECT id, ts, ts_utc, voided, active, name FROM events_v ORDER BY id")" \
    "1|2026-10-09T09:30:00+08:00|2026-10-09T01:30:00Z|yes|no|$(q "$n" "SELECT name FROM staff WHERE id = 'G003'")
2|$(svc-log list | awk -F, '$1 == 2 { print $2 }')|$(TZ=UTC svc-log list | awk -F, '$1 == 2 { print substr($2, 1, 19) "Z" }')|no|no|$(q "$n" "SELECT name FROM staff WHERE id = 'G003'")"
unlike "no password in any message" "$(svc-log list 2>&1 >/dev/null; svc-log --db "$U" void 99 --reason x 2>&1)" hunter2

### a ledger in a schema of its own, beside other tables
q "${n}_schema" 'CREATE TABLE public.notes (x text); CREATE SCHEMA svc' >/dev/null
S="postgresql:///${n}_schema?options=-csearch_path%3Dsvc"
run svc-log --db "$S" init
is "own schema: init" "$rc" 0
is "own schema: its tables there" \
    "$(q "${n}_schema" "SELECT count(*) FROM pg_tables WHERE schemaname = 'svc' AND tablename IN ('event', 'staff', 'svc_meta')")" 3
run svc-log --db "postgresql:///${n}_schema" list
refused "own schema: not in public" 1 "holds other tables"
finish
