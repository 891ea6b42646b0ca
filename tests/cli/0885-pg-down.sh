#!/bin/sh
# PostgreSQL: a server that is down, or a database that is not there, is
# said in one line naming the database, with status 1 and nothing on
# standard output, by every tool; no password (in the URL or in
# PGPASSWORD) ever appears in a message; once the server is up again the
# same commands work.
. "$SRC/tests/cli/lib.sh"
pg_only "a PostgreSQL server that is down"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
export SVC_POLICY="$P"
# a server of the test's own, to take down
D=$("$SRC/tests/pg-server" start) || { not_ok "no server of its own"; finish; exit 1; }
trap '"$SRC/tests/pg-server" stop "$D"; pg_drop_all; rm -rf "$T"' EXIT
pg_psql -h "$D" -d postgres -c 'CREATE DATABASE ledger'
L="postgresql://postgres@/ledger?host=$D"
run svc-log --db "$L" init
is "init" "$rc" 0
svc-log --db "$L" roster "$F/roster.csv" 2>/dev/null
run svc-log --db "$L" add praise.letter G003 ts=2026-10-01T09:00:00+08:00
is "add while up" "$rc $out" "0 1"

# down DESC CMD...: refused with status 1, one line naming the database
down() {
	d=$1
	shift
	run "$@"
	refused "$d" 1 "^svc-[a-z]+: .*ledger"
	is "$d: one line" "$(printf '%s\n' "$err" | wc -l)" 1
	unlike "$d: no password" "$err" "s3cr3t"
}
"$SRC/tests/pg-server" down "$D"
down "list, server down" svc-log --db "$L" list
down "add, server down" svc-log --db "$L" add praise.letter G003
printf 'ts,staff,kind\n2026-10-02T09:00:00+08:00,G003,praise.letter\n' >one.csv
down "import, server down" svc-log --db "$L" import one.csv
down "check, server down" svc-log --db "$L" check
down "score, server down" svc-score --db "$L" --period 2026-10
down "report, server down" svc-report --db "$L" --period 2026-10 scores
down "award, server down" svc-award --db "$L" list
SVC_DB=$L down "SVC_DB, server down" svc-log list
# passwords: in the URL, in its parameters, in the environment
down "password in the URL" svc-log --db "postgresql://postgres:s3cr3t@/ledger?host=$D" list
down "password as a parameter" svc-log --db "postgresql:///ledger?host=$D&user=postgres&password=s3cr3t" list
PGPASSWORD=s3cr3t down "PGPASSWORD" svc-log --db "$L" list
unlike "no password on stdout either" "$out" "s3cr3t"

"$SRC/tests/pg-server" up "$D"
run svc-log --db "$L" add praise.letter G003 ts=2026-10-03T09:00:00+08:00
is "add when up again" "$rc $out" "0 2"
# up, but no such database
run svc-log --db "postgresql://postgres@/nosuchledger?host=$D" list
refused "no such database" 1 "^svc-log: .*nosuchledger"
is "no such database: one line" "$(printf '%s\n' "$err" | wc -l)" 1
run svc-log --db "postgresql://postgres:s3cr3t@/nosuchledger?host=$D" list
refused "no such database, password in the URL" 1 "nosuchledger"
unlike "no such database: no password" "$err" "s3cr3t"
finish
