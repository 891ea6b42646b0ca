#!/bin/sh
# Concurrent clerks on one database file never lose an event: four
# processes add 40 events each while a fifth imports, all at once.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
# events are written under a policy
export SVC_POLICY="$F/mini.ini"
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
awk 'BEGIN { print "ts,staff,kind,uid"; for (i = 1; i <= 2000; i++) printf "2026-10-%02d 10:00,G004,praise.letter,IMP%d\n", i % 28 + 1, i }' > imp.csv

clerk() {
	i=1
	while [ $i -le 40 ]; do
		svc-log add praise.letter G003 "note=clerk $1 event $i" >/dev/null 2>>"err.$1" || echo "fail $1 $i" >> "err.$1"
		i=$((i + 1))
	done
}
for c in 1 2 3 4; do clerk $c & done
svc-log import imp.csv 2>err.imp &
wait

is "every event kept" "$(sql svc.db "SELECT count(*) FROM event WHERE kind='praise.letter' AND staff='G003'")" 160
is "import kept whole" "$(sql svc.db "SELECT count(*) FROM event WHERE uid LIKE 'IMP%'")" 2000
for c in 1 2 3 4; do
	is "clerk $c events" "$(sql svc.db "SELECT count(*) FROM event WHERE note LIKE 'clerk $c %'")" 40
	is "clerk $c saw no error" "$(cat "err.$c")" ""
done
unlike "no lock error reached a user" "$(cat err.*)" "locked|busy"
if on_sqlite "PRAGMA integrity_check"; then
	is "integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
fi

# readers never queue behind a writer: while another process holds the
# write lock for 4 s, list answers at once (opening writes nothing)
hold_write_lock svc.db 4
t0=$(date +%s%N)
run svc-log list --staff G003
t1=$(date +%s%N)
wait
is "list under a held write lock" "$rc" 0
is "list did not wait for the writer" "$(( (t1 - t0) / 1000000000 < 2 ))" 1

finish
