#!/bin/sh
# Exit status 1 always means nothing was written: a command that prints
# what it wrote (an id, the saved scores) writes and flushes that before
# its commit, and a failed write (stdout on /dev/full) rolls it back, so
# a clerk's retry stores the event once. Commands whose summary goes to
# stderr (import, roster, customers, void --batch) are not affected by
# stdout: exit 0, stored once.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
HOME=$T
export HOME SVC_POLICY=$P
drive() { python3 "$SRC/tests/cli/pty-drive" "$@"; }
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null

# counts: events, batches and saved scores, as "E B S"
counts() {
	sql svc.db "SELECT (SELECT count(*) FROM event) || ' ' ||
	    (SELECT count(*) FROM batch) || ' ' || (SELECT count(*) FROM score)"
}
# full DESC CMD...: CMD with stdout on /dev/full fails with the write
# error and leaves the counts as they were
full() {
	desc=$1; shift
	before=$(counts)
	like "$desc: counts are numbers" "$before" '^[0-9]+ [0-9]+ [0-9]+$'
	"$@" >/dev/full 2>"$T/.err"
	rc=$?
	is "$desc on /dev/full: exit status" "$rc" 1
	is "$desc on /dev/full: one message" "$(cat "$T/.err")" \
	    "${desc%% *}: write error on standard output, nothing stored: No space left on device"
	is "$desc on /dev/full: nothing stored" "$(counts)" "$before"
}

full "svc-log add" svc-log add praise.letter G004 uid=U1
run svc-log add praise.letter G004 uid=U1
is "add retried: status" "$rc" 0
is "add retried: the id" "$out" "$(sql svc.db 'SELECT max(id) FROM event')"
is "add retried: stored once" "$(counts)" "1 1 0"

full "svc-log void" svc-log void 1 --reason "wrong person"
run svc-log void 1 --reason "wrong person"
is "void retried: status" "$rc" 0
is "void retried: the voiding event's id" "$out" 2
is "void retried: one void" "$(sql svc.db 'SELECT count(*) FROM event WHERE void_of = 1')" 1

# an add whose uid is known writes nothing, not even a batch
run svc-log add praise.letter G004 uid=U1
is "known uid: status" "$rc" 0
like "known uid: said so" "$err" "uid 'U1' is already in the ledger"
is "known uid: no new batch" "$(counts)" "2 2 0"

# summaries on stderr: stdout does not matter
printf 'ts,staff,kind,uid\n2026-10-01T09:00:00+08:00,G003,praise.letter,I1\n2026-10-01T10:00:00+08:00,G004,praise.letter,I2\n' >ev.csv
svc-log import ev.csv >/dev/full 2>/dev/null
is "import with stdout on /dev/full: status" "$?" 0
is "import: stored once" "$(counts)" "4 3 0"
b=$(sql svc.db 'SELECT max(id) FROM batch')
svc-log void --batch "$b" --reason "wrong file" >/dev/full 2>/dev/null
is "void --batch with stdout on /dev/full: status" "$?" 0
is "void --batch: both voided" "$(sql svc.db "SELECT count(*) FROM event WHERE void_of IS NOT NULL")" 3
svc-log roster "$F/roster.csv" >/dev/full 2>/dev/null
is "roster with stdout on /dev/full: status" "$?" 0
svc-log customers "$F/customers.csv" >/dev/full 2>/dev/null
is "customers with stdout on /dev/full: status" "$?" 0

# svc-score --save: the scores are written inside the save
full "svc-score --save" svc-score --period 2026-10 --save
run svc-score --period 2026-10 --save
is "--save retried: status" "$rc" 0
is "--save retried: the CSV" "$(printf '%s\n' "$out" | sed -n 1p | cut -d, -f1-3)" "period,staff,name"
is "--save retried: saved" "$(sql svc.db "SELECT CAST(count(*) > 0 AS INTEGER) FROM score WHERE period = '2026-10'")" 1

# the interactive loop says "saved" before the commit: with its output
# on /dev/full nothing is saved and it exits 1
n=$(counts)
like "entry: counts are numbers" "$n" '^[0-9]+ [0-9]+ [0-9]+$'
drive sh -c 'exec svc-log >/dev/full' >s1.txt <<'EOF'
send praise.letter\r
send G004\r
send \r
send \r
send \r
send y\r
send \x04
send \x04
send \x04
wait
EOF
like "entry on /dev/full: exit 1" "$(cat s1.txt)" '^EXIT 1$'
is "entry on /dev/full: nothing saved" "$(counts)" "$n"
drive svc-log >s2.txt <<'EOF'
expect kind: $
send praise.letter\r
expect staff: $
send G004\r
expect time \[now\]: $
send \r
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send \r
expect save\? \[Y/n\] $
send y\r
expect saved #
expect kind \[praise\.letter\]: $
send \x04
wait
EOF
like "entry again: exit 0" "$(cat s2.txt)" '^EXIT 0$'
is "entry again: saved once" "$(sql svc.db 'SELECT count(*) FROM event')" "$((${n%% *} + 1))"
finish
