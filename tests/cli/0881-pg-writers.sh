#!/bin/sh
# PostgreSQL: eight clerks adding at once, 300 events each, with uids of
# their own: all 2400 are kept, each add succeeds at once (no retry left
# to the clerk) and prints its own id, and no error of the server's
# (serialization, deadlock, lock) reaches anyone.
. "$SRC/tests/cli/lib.sh"
pg_only "eight writers on one PostgreSQL ledger (0810 is SQLite's)"
mini_ledger
export SVC_POLICY="$P"
W=8 N=300

clerk() {
	i=1
	while [ "$i" -le "$N" ]; do
		svc-log add praise.letter G003 ts=2026-10-01T09:00:00+08:00 \
		    "note=clerk $1 event $i" "uid=W$1-$i" >>"out.$1" 2>>"err.$1" ||
		    echo "status $? for W$1-$i" >>"err.$1"
		i=$((i + 1))
	done
}
c=1
while [ "$c" -le "$W" ]; do
	clerk "$c" &
	c=$((c + 1))
done
wait

is "events kept" "$(count)" $((W * N))
is "uids kept" "$(sql svc.db "SELECT count(DISTINCT uid) FROM event WHERE uid LIKE 'W%'")" $((W * N))
is "one batch an add" "$(sql svc.db 'SELECT count(*) FROM batch')" $((W * N))
is "ids printed" "$(cat out.* | grep -c '^[1-9][0-9]*$')" $((W * N))
is "ids all different" "$(cat out.* | sort -u | wc -l)" $((W * N))
is "ids are the stored ones" "$(cat out.* | sort -n | md5sum)" \
    "$(sql svc.db 'SELECT id FROM event ORDER BY id' | md5sum)"
c=1
while [ "$c" -le "$W" ]; do
	is "clerk $c: events" "$(sql svc.db "SELECT count(*) FROM event WHERE uid LIKE 'W$c-%'")" "$N"
	is "clerk $c: no message" "$(cat "err.$c")" ""
	c=$((c + 1))
done
# four clerks entering the same 50 events at once: each kept once, the
# repeats skipped and said so (an identical repeat is not an error)
c=1
while [ "$c" -le 4 ]; do
	{
		i=1
		while [ "$i" -le 50 ]; do
			svc-log add praise.letter G004 "uid=S-$i" \
			    ts=2026-10-02T09:00:00+08:00 >/dev/null \
			    2>>"serr.$c" || echo "status $?" >>"serr.$c"
			i=$((i + 1))
		done
	} &
	c=$((c + 1))
done
wait
is "shared uids kept once" "$(sql svc.db "SELECT count(*) FROM event WHERE uid LIKE 'S-%'")" 50
is "repeats skipped, each once" "$(cat serr.* | grep -c "^svc-log: add: uid 'S-[0-9]*' is already in the ledger: skipped$")" 150
is "nothing else said" "$(cat serr.* | grep -v 'already in the ledger: skipped$')" ""
unlike "no server error reached a clerk" "$(cat err.* serr.*)" \
    "serializ|deadlock|could not|lock|ERROR|FATAL"
finish
