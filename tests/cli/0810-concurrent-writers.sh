#!/bin/sh
# Eight writers at once on one ledger, four adding and four
# importing, with uids that overlap between imports and between an import
# and the adds: every event is kept exactly once, every writer succeeds,
# the counts the writers report add up, and no "database is locked" (or
# any other error) reaches a user. A reader lists throughout.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
# events are written under a policy
export SVC_POLICY="$F/mini.ini"
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
# events FIRST LAST PREFIX: rows with uids PREFIX00001...
events() {
	awk -v a="$1" -v b="$2" -v p="$3" 'BEGIN {
		print "ts,staff,kind,note,uid"
		for (i = a; i <= b; i++)
			printf "2026-10-%02dT10:00:00+08:00,G004,praise.letter,导入 %d,%s%05d\n", i % 28 + 1, i, p, i
	}'
}
events 1 5000 I > imp1.csv
events 3001 8000 I > imp2.csv	# overlaps imp1 on I3001-I5000
cp imp1.csv imp3.csv		# the same file twice at once
{ events 1 1000 J; awk -v n=20 'BEGIN { for (i = 1; i <= n; i++) printf "2026-10-01T09:00:00+08:00,G003,praise.letter,clerk 1 event %d,C1-%02d\n", i, i }'; } > imp4.csv	# overlaps clerk 1's adds

clerk() {
	i=1
	while [ $i -le 30 ]; do
		uid=$(printf 'C%d-%02d' "$1" $i)
		if svc-log add praise.letter G003 ts=2026-10-01T09:00:00+08:00 \
		    "note=clerk $1 event $i" uid="$uid" >>"out.c$1" 2>>"err.c$1"
		then :; else echo "status $? for $uid" >>"err.c$1"; fi
		i=$((i + 1))
	done
}
reader() {
	i=1
	while [ $i -le 15 ]; do
		svc-log list --staff G004 >/dev/null 2>>err.r ||
		    echo "list status $?" >>err.r
		i=$((i + 1))
	done
}
# all of them start against a write lock held for half a second, so every
# writer's first transaction has to wait for another process
hold_write_lock svc.db 0.5
for c in 1 2 3 4; do clerk $c & done
for f in 1 2 3 4; do
	{ svc-log import imp$f.csv 2>"err.i$f" || echo "status $?" >>"err.i$f"; } &
done
reader &
wait

# every uid once, and exactly the uids that were offered
is "no uid twice" "$(sql svc.db 'SELECT count(*) FROM (SELECT uid FROM event GROUP BY uid HAVING count(*) > 1) AS twice')" 0
is "events" "$(sql svc.db 'SELECT count(*) FROM event')" $((8000 + 1000 + 4 * 30))
is "import uids" "$(sql svc.db "SELECT count(DISTINCT uid) FROM event WHERE uid LIKE 'I%'")" 8000
is "clerk uids" "$(sql svc.db "SELECT count(DISTINCT uid) FROM event WHERE uid LIKE 'C%'")" 120
# each import is all or nothing: one batch per file that added rows, and
# every row of a file is in (added by it or by whoever came first)
for f in 1 2 3 4; do
	is "import $f: one line on stderr" "$(wc -l < "err.i$f")" 1
	like "import $f: its summary" "$(cat "err.i$f")" \
	    '^svc-log: import: [0-9]+ added, [0-9]+ skipped'
done
# the writers' own counts add up to the rows: what the imports say they
# added plus the ids the clerks were given
added=$(cat err.i1 err.i2 err.i3 err.i4 | sed -n 's/.*import: \([0-9]*\) added.*/\1/p' | awk '{ s += $1 } END { print s }')
ids=$(cat out.c1 out.c2 out.c3 out.c4 | grep -c '^[0-9][0-9]*$')
is "reported added + ids given" $((added + ids)) $((8000 + 1000 + 4 * 30))
skipped=$(cat err.i1 err.i2 err.i3 err.i4 | sed -n 's/.*, \([0-9]*\) skipped.*/\1/p' | awk '{ s += $1 } END { print s }')
dups=$(cat err.c1 | grep -c 'already in the ledger')
# 5000 + 5000 + 5000 + 1020 rows offered by imports, 120 by clerks
is "reported skipped + repeated adds" $((skipped + dups)) $((5000 + 5000 + 5000 + 1020 + 120 - 9120))
for c in 1 2 3 4; do
	is "clerk $c events" "$(sql svc.db "SELECT count(*) FROM event WHERE uid LIKE 'C$c-%'")" 30
done
for c in 2 3 4; do
	is "clerk $c saw no error" "$(cat "err.c$c")" ""
done
unlike "clerk 1 saw only repeats" "$(cat err.c1)" "status|locked|busy|error"
is "reader saw no error" "$(cat err.r)" ""
unlike "no lock error reached a user" "$(cat err.*)" "locked|busy"
if on_sqlite "PRAGMA integrity_check"; then
	is "integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
fi

finish
