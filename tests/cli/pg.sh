# The CLI tests against PostgreSQL (SVC_TEST_BACKEND=pg): sourced by lib.sh
# and by the stand-ins for the tools it writes, never run.
#
# The tests name their ledgers as files (svc.db, water.db, the default
# ./svc.db), and do to them what one does to files: test -e, rm, cp. So
# under pg a ledger still is a file, which holds one line, the
# postgresql:// URL of a database of its own on the throwaway server
# (tests/pg-server; SVC_TEST_PG is its directory). In front of each tool
# on PATH stands a script that calls pg_tool: where the tool would be
# given such a file (--db FILE, --db=FILE, SVC_DB, the default ./svc.db,
# svc-log copy --to FILE) it is given the URL in it; `svc-log init` on a
# file that does not exist makes a new database and the file. Anything
# else (a missing file for another command, a real SQLite file, a URL)
# goes to the tool as it is.
# The databases are named svc_TAG_XXXXXX, TAG being the test's process id
# (SVC_TEST_PGTAG), and pg_drop_all removes a test's.
#
# Needs SVC_TEST_PG, SVC_TEST_PGTAG and PGT (a directory of the test's
# own, where database names are drawn); psql is SVC_TEST_PGBIN's when set.

# pg_psql ARG...: psql as the server's superuser, quiet, stopping at the
# first error; no notices (they would look like errors to sql); the
# session in the test's zone, as the sqlite3 shell's localtime is
pg_psql() {
	PGTZ=${TZ:-UTC} PGOPTIONS='-c client_min_messages=warning' \
	    "${SVC_TEST_PGBIN:+$SVC_TEST_PGBIN/}psql" -X -q -v ON_ERROR_STOP=1 \
	    -h "$SVC_TEST_PG" -U postgres "$@"
}

# pg_url DBNAME
pg_url() {
	printf 'postgresql://postgres@/%s?host=%s\n' "$1" "$SVC_TEST_PG"
}

# pg_pointer FILE: sets pg_db to the database FILE names, pg_arg to its
# URL; false when FILE is not such a file
pg_pointer() {
	[ -f "$1" ] && [ -r "$1" ] || return 1
	IFS= read -r pg_arg <"$1" 2>/dev/null || return 1
	case $pg_arg in
	"postgresql://postgres@/"*"?host=$SVC_TEST_PG") ;;
	*) return 1 ;;
	esac
	pg_db=${pg_arg#postgresql://postgres@/}
	pg_db=${pg_db%%\?*}
}

# pg_new FILE [TEMPLATE-DB]: a new database (a copy of TEMPLATE-DB), and
# FILE naming it; pg_arg is its URL. A source with sessions still open (a
# tool that has just exited is disconnected a moment later) is waited for.
pg_new() {
	pg_f=$(mktemp "$PGT/db.XXXXXX") || return 1
	pg_db=svc_${SVC_TEST_PGTAG}_${pg_f##*.}
	pg_q="CREATE DATABASE \"$pg_db\""
	[ $# -ge 2 ] && pg_q="$pg_q TEMPLATE \"$2\""
	pg_n=0
	while ! pg_err=$(pg_psql -d postgres -c "$pg_q" 2>&1); do
		pg_n=$((pg_n + 1))
		case $pg_err in
		*"is being accessed by other users"*)
			[ "$pg_n" -lt 50 ] && { sleep 0.1; continue; } ;;
		esac
		printf 'pg: %s: %s\n' "$1" "$pg_err" >&2
		return 1
	done
	pg_arg=$(pg_url "$pg_db")
	printf '%s\n' "$pg_arg" >"$1"
}

# pg_ledger FILE: sets pg_arg to what a tool is to be given for the
# ledger FILE (see the top); false when a database could not be made
pg_ledger() {
	case $1 in
	postgres://* | postgresql://*) pg_arg=$1 ;;
	*)
		if pg_pointer "$1"; then :
		elif [ -n "$pg_init" ] && [ ! -e "$1" ] &&
		    [ -d "$(dirname -- "$1")" ]; then
			pg_new "$1" || return 1
			pg_made=$1
		else
			pg_arg=$1
		fi
		;;
	esac
}

# pg_tool TOOL ARG...: TOOL (in SVC_TEST_BIN) with its ledger arguments
# and SVC_DB made URLs; the same process (for tests that signal it) but
# for an init that made a ledger
pg_tool() {
	pg_real=$SVC_TEST_BIN/$1
	shift
	pg_init=
	pg_made=
	pg_to=
	if [ "${pg_real##*/}" = svc-log ]; then
		for pg_a; do [ "$pg_a" = init ] && pg_init=1; done
		pg_to=1
	fi
	pg_n=$#
	pg_i=0
	pg_next=
	pg_given=
	while [ "$pg_i" -lt "$pg_n" ]; do
		pg_a=$1
		shift
		pg_i=$((pg_i + 1))
		if [ -n "$pg_next" ]; then
			pg_ledger "$pg_a" || exit 1
			pg_a=$pg_arg
			pg_next=
		else
			case $pg_a in
			--db) pg_next=1 pg_given=1 ;;
			--db=*)
				pg_ledger "${pg_a#--db=}" || exit 1
				pg_a=--db=$pg_arg pg_given=1 ;;
			# svc-log copy's target
			--to) pg_next=$pg_to ;;
			--to=*)
				if [ -n "$pg_to" ]; then
					pg_ledger "${pg_a#--to=}" || exit 1
					pg_a=--to=$pg_arg
				fi ;;
			esac
		fi
		set -- "$@" "$pg_a"
	done
	if [ -z "$pg_given" ]; then
		if [ -n "${SVC_DB:-}" ]; then
			pg_ledger "$SVC_DB" || exit 1
			SVC_DB=$pg_arg
			export SVC_DB
		elif [ -e svc.db ] || [ -n "$pg_init" ]; then
			pg_ledger svc.db || exit 1
			[ "$pg_arg" = svc.db ] || export SVC_DB="$pg_arg"
		fi
	fi
	# an init that fails (a usage error) leaves no ledger it made
	if [ -n "$pg_made" ]; then
		"$pg_real" "$@"
		pg_st=$?
		[ "$pg_st" -eq 0 ] || rm -f "$pg_made"
		exit "$pg_st"
	fi
	exec "$pg_real" "$@"
}

# pg_drop_all: drops the test's databases, with any session still on them
pg_drop_all() {
	printf '%s\n' "SELECT format('DROP DATABASE %I WITH (FORCE)', datname)
	    FROM pg_database WHERE datname LIKE 'svc\\_${SVC_TEST_PGTAG}\\_%'" \
	    '\gexec' | pg_psql -d postgres -f -
}
