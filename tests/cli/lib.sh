# Shared by the numbered CLI tests: a scratch directory as the working
# directory, a run helper and assertions that count. Sourced, never run.
# The runner sets SRC (the source tree) and PATH (the installed tools).
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
# installs it), else python3's module. A missing DB, an SQL error or any
# word on stderr fails the test (late_not_ok) and returns 1.
sql() {
	sqlerr=$(mktemp "$T/.sqlerr.XXXXXX")
	if [ ! -f "$1" ]; then
		echo "no such file" >"$sqlerr"
		false
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

# sql_create DB QUERY: as sql, on a database the query may create (the
# other program's file of a test)
sql_create() {
	[ -e "$1" ] || : >"$1"
	sql "$@"
}

# digest FILE: FILE's MD5, to tell whether it changed; a missing FILE fails
# the test (late_not_ok), for two missing files would compare equal.
digest() {
	if [ -f "$1" ]; then
		md5sum <"$1" | cut -c1-32
	else
		late_not_ok "digest: no file $1"
		return 1
	fi
}

# load_sample SCHEME: SCHEME.db holding the sample scheme's roster,
# customers and events, imported under its policy, which is copied here
# as SCHEME.ini (so that reports name it without a path).
load_sample() {
	cp "$SAMPLE/policies/$1.ini" .
	run svc-log --db "$1.db" init
	run svc-log --db "$1.db" roster "$SAMPLE/$1/roster.csv"
	run svc-log --db "$1.db" customers "$SAMPLE/$1/customers.csv"
	run svc-log --db "$1.db" --policy "$1.ini" import "$SAMPLE/$1/events.csv"
	is "$1 sample data imported" "$rc" 0
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
	echo "RESULT $pass $fail"
	[ "$fail" -eq 0 ]
}
