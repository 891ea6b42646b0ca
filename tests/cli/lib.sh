# Shared by the numbered CLI tests: a scratch directory as the working
# directory, a run helper and assertions that count. Sourced, never run.
# The runner sets SRC (the source tree) and PATH (the installed tools).
# SVC_TEST_BACKEND picks the ledgers' backend: sqlite (the default), or pg
# for PostgreSQL on the server tests/pg-server runs (SVC_TEST_PG), where
# each ledger a test makes is a database of its own (tests/cli/pg.sh).
set -u
TEST=${0##*/}
T=$(mktemp -d "${TMPDIR:-/tmp}/svc-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
unset SVC_DB SVC_POLICY SVC_USER
export TZ=Asia/Shanghai NO_COLOR=1
SAMPLE=$SRC/sample-data
pass=0
fail=0
nskip=0
BACKEND=${SVC_TEST_BACKEND:-sqlite}
case $BACKEND in
sqlite) ;;
pg)
	if [ ! -S "${SVC_TEST_PG:-/nonexistent}/.s.PGSQL.5432" ]; then
		echo "FAIL $TEST: SVC_TEST_BACKEND=pg: no server at" \
		    "SVC_TEST_PG='${SVC_TEST_PG:-}' (run under tests/pg-server run)"
		echo "RESULT 0 1"
		exit 1
	fi
	PGT=$T/.pg
	SVC_TEST_PGTAG=$$
	SVC_TEST_BIN=$(dirname "$(command -v svc-log)")
	. "$SRC/tests/cli/pg.sh"
	trap 'pg_drop_all; rm -rf "$T"' EXIT
	mkdir -p "$PGT/bin"
	# what is found beside the tools (the completion)
	ln -s "$SVC_TEST_BIN/../share" "$PGT/share"
	for pg_t in svc-log svc-score svc-award svc-report svc-monthly; do
		# values written in, for tests that run a tool under env -i
		printf '%s\n' '#!/bin/sh' \
		    "SVC_TEST_PG='$SVC_TEST_PG' SVC_TEST_PGTAG=$$ PGT='$PGT'" \
		    "SVC_TEST_PGBIN='${SVC_TEST_PGBIN:-}'" \
		    "SVC_TEST_BIN='$SVC_TEST_BIN'" \
		    ". '$SRC/tests/cli/pg.sh'" "pg_tool $pg_t \"\$@\"" >"$PGT/bin/$pg_t"
		chmod +x "$PGT/bin/$pg_t"
	done
	PATH=$PGT/bin:$PATH
	# for psql, and for tests that make databases of their own
	export PGHOST="$SVC_TEST_PG" PGUSER=postgres
	;;
*)
	echo "FAIL $TEST: SVC_TEST_BACKEND=$BACKEND: not sqlite or pg"
	echo "RESULT 0 1"
	exit 1
	;;
esac

ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); printf 'FAIL %s: %s\n' "$TEST" "$*"; }
# late_not_ok MSG: not_ok from inside $(...) too, where the count would be
# lost: said on stderr, counted in a file that finish reads
late_not_ok() {
	printf 'FAIL %s: %s\n' "$TEST" "$*" >&2
	echo x >>"$T/.late"
}

# run CMD...: runs it; $rc, $out and $err hold what happened.
run() {
	"$@" >"$T/.out" 2>"$T/.err" </dev/null
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}
# runin FILE CMD...: as run, with FILE on standard input.
runin() {
	f=$1; shift
	"$@" >"$T/.out" 2>"$T/.err" <"$f"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# is DESC GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok; else not_ok "$1: got '$2', want '$3'"; fi
}
# like DESC GOT EXTENDED-REGEX
like() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok
	else not_ok "$1: '$2' does not match /$3/"; fi
}
# unlike DESC GOT EXTENDED-REGEX
unlike() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		not_ok "$1: '$2' matches /$3/"
	else ok; fi
}
# refused DESC STATUS ERR-REGEX: the last run failed with that status, said
# so on stderr matching the pattern, and wrote nothing to stdout.
refused() {
	is "$1: exit status" "$rc" "$2"
	like "$1: message" "$err" "$3"
	is "$1: stdout" "$out" ""
}
# sql DB QUERY: what QUERY gives on the existing database DB, a row a line,
# fields joined by '|', through the sqlite3 shell (scripts/install-deps
# installs it), else python3's module; under pg, on a ledger, through psql
# (NULL is empty there too; true and false are t and f). A missing DB, an
# SQL error or any word on stderr fails the test (late_not_ok) and
# returns 1.
sql() {
	sqlerr=$(mktemp "$T/.sqlerr.XXXXXX")
	if [ ! -f "$1" ]; then
		echo "no such file" >"$sqlerr"
		false
	elif [ "$BACKEND" = pg ] && pg_pointer "$1"; then
		printf '%s\n' "$2" | pg_psql -A -t -F '|' -d "$pg_arg" -f - 2>"$sqlerr"
	elif command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 -bail -batch "$1" "$2" 2>"$sqlerr"
	else
		python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]): print("|".join("" if v is None else str(v) for v in r))' "$1" "$2" 2>"$sqlerr"
	fi
	sqlrc=$?
	if [ "$sqlrc" -ne 0 ] || [ -s "$sqlerr" ]; then
		late_not_ok "sql $1 \"$2\": exit $sqlrc: $(cat "$sqlerr")"
		rm -f "$sqlerr"
		return 1
	fi
	rm -f "$sqlerr"
}

# hex TEXT: TEXT's bytes in upper-case hex, for a value sql gave (SQLite's
# hex() is not PostgreSQL's; a newline at its end is lost to $(...))
hex() { printf %s "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F; }

# wholes: sql's rows with whole numbers written as integers, where
# SQLite's shell writes a REAL 100 as 100.0 and psql as 100
wholes() { sed -E ':a; s/(^|\|)(-?[0-9]+)\.0(\||$)/\1\2\3/; ta'; }

# sql_create DB QUERY: as sql, on a database the query may create (the
# other program's file of a test)
sql_create() {
	if [ -e "$1" ]; then :
	elif [ "$BACKEND" = pg ]; then
		pg_new "$1" || { late_not_ok "sql_create $1: no database"; return 1; }
	else
		: >"$1"
	fi
	sql "$@"
}

# sql_unchecked DB QUERY: as sql, with the ledger's foreign keys not
# enforced (rows that svc would not let in, as written by other means):
# SQLite's foreign_keys pragma off, PostgreSQL's replica role (which fires
# no constraint's trigger)
sql_unchecked() {
	if [ "$BACKEND" = pg ] && pg_pointer "$1"; then
		sql "$1" "SET session_replication_role = replica; $2"
	else
		sql "$1" "PRAGMA foreign_keys = OFF; $2"
	fi
}

# copy_ledger FROM TO: TO (a file, or a directory to copy into) becomes a
# copy of the ledger FROM, as it is now
copy_ledger() {
	if [ "$BACKEND" = pg ] && pg_pointer "$1"; then
		cl_to=$2
		[ -d "$cl_to" ] && cl_to=$cl_to/${1##*/}
		rm -f "$cl_to"
		pg_new "$cl_to" "$pg_db" || late_not_ok "copy_ledger $1 $2"
	else
		cp "$1" "$2" || late_not_ok "copy_ledger $1 $2"
	fi
}

# digest FILE: FILE's MD5, to tell whether it changed; a missing FILE fails
# the test (late_not_ok), for two missing files would compare equal. Under
# pg, of a ledger: the MD5 of its relations' names and of every table's
# rows in order. Not of its sequences: a transaction rolled back has used
# the numbers it drew (PostgreSQL never gives them back) and stored
# nothing.
digest() {
	if [ "$BACKEND" = pg ] && pg_pointer "$1"; then
		pg_digest "$1"
	elif [ -f "$1" ]; then
		md5sum <"$1" | cut -c1-32
	else
		late_not_ok "digest: no file $1"
		return 1
	fi
}

pg_digest() {
	printf '%s\n' "SELECT n.nspname, c.relname, c.relkind FROM pg_class c
	    JOIN pg_namespace n ON n.oid = c.relnamespace
	    WHERE n.nspname <> 'information_schema'
	    AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2;
	SELECT format('SELECT %L, md5(coalesce(string_agg(t::text, chr(10)
	    ORDER BY t::text), %L)) FROM %I.%I t', n.nspname || '.' || c.relname,
	    '', n.nspname, c.relname) FROM pg_class c
	    JOIN pg_namespace n ON n.oid = c.relnamespace
	    WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema'
	    AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1" '\gexec' |
	    pg_psql -A -t -d "$pg_arg" -f - >"$T/.digest" 2>&1 || {
		late_not_ok "digest $1: $(cat "$T/.digest")"
		return 1
	}
	md5sum <"$T/.digest" | cut -c1-32
}

# hold_write_lock DB SECONDS: another process holds the ledger DB's write
# lock for SECONDS, in the background (a wait waits for it too); returns
# once it is held. SQLite's: BEGIN IMMEDIATE. PostgreSQL's: the event
# table locked against every writer, readers let through.
hold_write_lock() {
	rm -f "$T/.locked"
	if [ "$BACKEND" = pg ] && pg_pointer "$1"; then
		printf '%s\n' 'BEGIN;' 'LOCK TABLE event IN EXCLUSIVE MODE;' \
		    "\\! touch '$T/.locked'" "SELECT pg_sleep($2);" 'ROLLBACK;' |
		    pg_psql -d "$pg_arg" -f - >/dev/null &
	else
		python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")' "$1" "$2" "$T/.locked" &
	fi
	while [ ! -e "$T/.locked" ]; do
		kill -0 $! 2>/dev/null || { late_not_ok "hold_write_lock $1"; return 1; }
		sleep 0.01
	done
}

# ledger_arg FILE: what the tools are given for the ledger FILE: FILE, or
# under pg the URL in it (for a tool run from elsewhere than PATH)
ledger_arg() {
	if [ "$BACKEND" = pg ] && pg_pointer "$1"; then
		printf '%s\n' "$pg_arg"
	else
		printf '%s\n' "$1"
	fi
}

# ledger_re FILE: an extended regex of the name the tools give the ledger
# FILE in messages: FILE, or under pg the URL in it
ledger_re() {
	lr=$1
	[ "$BACKEND" = pg ] && pg_pointer "$1" && lr=$pg_arg
	printf '%s\n' "$lr" | sed 's/[][\\.*^$?+(){}|]/\\&/g'
}

# sqlite_only REASON: a test about SQLite itself (its files, pragmas,
# journal) ends here under pg, said and counted as skipped.
sqlite_only() {
	[ "$BACKEND" = sqlite ] && return 0
	echo "skipped on pg: $TEST: $1"
	nskip=$((nskip + 1))
	finish
	exit
}
# on_sqlite REASON: as sqlite_only for a part of a test, which it guards:
# if on_sqlite "why"; then ...; fi
on_sqlite() {
	[ "$BACKEND" = sqlite ] && return 0
	echo "skipped on pg: $TEST: $1"
	nskip=$((nskip + 1))
	return 1
}

# pg_only REASON: the other way round, for a test of the PostgreSQL
# backend alone, which ends here under sqlite
pg_only() {
	[ "$BACKEND" = pg ] && return 0
	echo "skipped on sqlite: $TEST: $1"
	nskip=$((nskip + 1))
	finish
	exit
}

# load_sample SCHEME: SCHEME.db holding the sample scheme's roster,
# customers (and contacts) and events (and visits), imported under its policy, which is copied here
# as SCHEME.ini (so that reports name it without a path).
load_sample() {
	cp "$SAMPLE/policies/$1.ini" .
	run svc-log --db "$1.db" init
	run svc-log --db "$1.db" roster "$SAMPLE/$1/roster.csv"
	run svc-log --db "$1.db" customers "$SAMPLE/$1/customers.csv"
	run svc-log --db "$1.db" --policy "$1.ini" import "$SAMPLE/$1/events.csv"
	is "$1 sample data imported" "$rc" 0
	# the plans' customer archive: contacts, and visits to big customers
	if [ -f "$SAMPLE/$1/contacts.csv" ]; then
		run svc-log --db "$1.db" contacts "$SAMPLE/$1/contacts.csv"
		is "$1 contacts imported" "$rc" 0
	fi
	if [ -f "$SAMPLE/$1/visits.csv" ]; then
		run svc-log --db "$1.db" --policy "$1.ini" import \
		    "$SAMPLE/$1/visits.csv"
		is "$1 visits imported" "$rc" 0
	fi
}

# mini_ledger: svc.db holding the fixtures' roster and customers, with F
# the fixtures' directory, P their policy (mini.ini) and count the number
# of events stored.
mini_ledger() {
	F=$SRC/tests/cli/fixtures
	P=$F/mini.ini
	svc-log init 2>/dev/null
	svc-log roster "$F/roster.csv" 2>/dev/null
	svc-log customers "$F/customers.csv" 2>/dev/null
}
count() { sql svc.db 'SELECT count(*) FROM event'; }

# need_gen_data: sets G to scripts/gen-data's binary, which make all
# builds and nothing installs; a missing one fails the test, not skips it.
need_gen_data() {
	G=${SVC_BUILD:-$SRC/build}/gen-data
	[ -x "$G" ] && return
	not_ok "gen-data: $G is missing (make all builds it)"
	finish
	exit 1
}

# pick SECTION COLUMN...: from svc-report's one-table CSV on stdin (a BOM
# and CRLF allowed), the rows whose section column matches SECTION, an
# extended regex for the whole value ('departments( total)?'), as CSV of
# the named columns, their header first: one of the report's tables as the
# text shows it. A row not as wide as the header, or a column not there,
# fails the test (late_not_ok).
pick() {
	python3 -c '
import csv, io, re, sys
rows = list(csv.reader(io.TextIOWrapper(sys.stdin.buffer,
    encoding="utf-8-sig", newline="")))
want, cols = sys.argv[1], sys.argv[2:]
if not rows or rows[0][0] != "section":
    sys.exit("no section column first")
bad = [i + 1 for i, r in enumerate(rows) if len(r) != len(rows[0])]
if bad:
    sys.exit("rows not as wide as the header: %s" % bad)
missing = [c for c in cols if c not in rows[0]]
if missing:
    sys.exit("no column %s" % missing)
at = [rows[0].index(c) for c in cols]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(cols)
for r in rows[1:]:
    if re.fullmatch(want, r[0]):
        w.writerow([r[i] for i in at])
' "$@" || late_not_ok "pick $*: not svc-report's one table"
}

finish() {
	if [ -s "$T/.late" ]; then
		fail=$((fail + $(wc -l <"$T/.late")))
		rm -f "$T/.late"
	fi
	echo "RESULT $pass $fail $nskip"
	[ "$fail" -eq 0 ]
}
