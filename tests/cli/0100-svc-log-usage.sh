#!/bin/sh
# svc-log's contract with scripts: help, version, usage errors, init.
. "$SRC/tests/cli/lib.sh"

# --help goes to stdout with status 0 and names every command
run svc-log --help
is "help status" "$rc" 0
like "help names import" "$out" "svc-log import FILE"
like "help names void" "$out" "void ID --reason TEXT"
is "help stderr" "$err" ""

# --version: "prog (svc) version"
run svc-log --version
is "version status" "$rc" 0
like "version line" "$out" "^svc-log \(svc\) [0-9]+\.[0-9]+"

# a bad option is usage: status 2, a hint, nothing on stdout
run svc-log --frobnicate
refused "bad option" 2 "Try 'svc-log --help'"

# an unknown command is usage
run svc-log frob
refused "unknown command" 2 "unknown command 'frob'"

# no command and stdin not a terminal: usage, not a hang
run svc-log
refused "no command" 2 "not a terminal"

# an option that does not apply to the command is usage
run svc-log init --period 2026-10
refused "misplaced option" 2 "option --period does not apply"

# missing arguments are usage
run svc-log roster
refused "roster without file" 2 "missing arguments"

# a command on a database that does not exist: status 1, names the file
run svc-log --db nope.db list
refused "missing database" 1 "nope.db: cannot open database"
is "missing database not created" "$(ls)" ""

# init creates the file 0660 less the umask, in WAL mode, at the current schema
if on_sqlite "a ledger file's mode, journal mode and user_version"; then
	(umask 002; svc-log --db a.db init 2>/dev/null)
	is "mode under umask 002" "$(stat -c %a a.db)" 660
	(umask 022; svc-log --db b.db init 2>/dev/null)
	is "mode under umask 022" "$(stat -c %a b.db)" 640
	is "journal mode" "$(sql a.db 'PRAGMA journal_mode')" wal
	is "schema version" "$(sql a.db 'PRAGMA user_version')" 11
else
	svc-log --db a.db init 2>/dev/null
fi

# init again is harmless and says so
run svc-log --db a.db init
is "re-init status" "$rc" 0
like "re-init message" "$err" "already initialised"

# SVC_DB is the default database
SVC_DB=a.db run svc-log list
is "SVC_DB list status" "$rc" 0
is "SVC_DB list header" "$out" "id,ts,staff,kind,value,customer,channel,dept,note,uid,logged_by,logged_at,void_of,voided_by,batch,late_reason,fields"

# writing to a full disk fails with status 1
if [ -w /dev/full ]; then
	svc-log --db a.db list >/dev/full 2>"$T/e"
	is "stdout error status" "$?" 1
	like "stdout error message" "$(cat "$T/e")" "write error"
fi

# kinds lists the policy's kinds as CSV
run svc-log kinds --policy "$SRC/tests/cli/fixtures/mini.ini"
is "kinds status" "$rc" 0
like "kinds row" "$out" "^complaint.verified,核实投诉,complaint,-5,progressive$"
run svc-log kinds
refused "kinds without policy" 2 "no policy"

finish
