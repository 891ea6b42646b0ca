#!/bin/sh
# A killed import leaves the database as before, or (killed after its
# commit) holding the whole file: kill -9 at several moments of a large
# import, each from the same starting database, then check integrity and
# that the event count is exactly before or before + N. Moments are taken
# from the import's own progress (the WAL growing as pages spill, the
# database file growing as the commit is checkpointed) so they fall in the
# same phases under the slower sanitizer build; a few timed kills add
# moments the polling cannot name.
. "$SRC/tests/cli/lib.sh"
sqlite_only "moments read from SQLite's WAL and file sizes (0883 kills imports into PostgreSQL)"
need_gen_data
# events are written under a policy: the scheme gen-data follows
export SVC_POLICY="$SAMPLE/policies/group.ini"
N=30000
"$G" -n 200 all --dir d -e 100 --uid-prefix OLD 2>/dev/null
"$G" -n 200 -e "$N" --uid-prefix BIG events > big.csv 2>/dev/null
svc-log --db base.db init 2>/dev/null
svc-log --db base.db roster d/roster.csv 2>/dev/null
svc-log --db base.db customers d/customers.csv 2>/dev/null
svc-log --db base.db import d/events.csv 2>/dev/null
count() { sql svc.db 'SELECT count(*) FROM event'; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
cp base.db svc.db
before=$(count)
is "starting events" "$before" 100
dbsize=$(size base.db)

# What a finished import makes, to place the moments: the WAL's size
# before the commit's checkpoint empties it is about the file's data.
svc-log import big.csv 2>/dev/null
is "a whole import" "$(count)" $((before + N))
full=$(( $(size svc.db) - dbsize ))

# kill_at MOMENT: one import from the starting database, killed when
# MOMENT says; records how it ended in $ended (killed or finished).
kill_at() {
	rm -f svc.db svc.db-wal svc.db-shm
	cp base.db svc.db
	svc-log import big.csv 2>kill.err &
	pid=$!
	case $1 in
	sleep:*)
		sleep "${1#sleep:}" ;;
	wal:*)	# the WAL has passed that many bytes
		while kill -0 $pid 2>/dev/null &&
		    [ "$(size svc.db-wal)" -le "${1#wal:}" ]; do
			sleep 0.005
		done ;;
	checkpoint)	# the database file grows: committed, checkpointing
		while kill -0 $pid 2>/dev/null &&
		    [ "$(size svc.db)" -le "$dbsize" ]; do
			sleep 0.005
		done ;;
	esac
	if kill -9 $pid 2>/dev/null; then ended=killed; else ended=finished; fi
	wait $pid 2>/dev/null
}

killed=0
none=0
# the moments: at once, as the WAL grows (rows spilling from the page
# cache, or the commit writing them), during the commit's checkpoint, and
# at fixed delays
for m in sleep:0 wal:0 wal:$((full / 8)) wal:$((full / 4)) wal:$((full / 2)) \
    checkpoint sleep:0.05 sleep:0.2; do
	kill_at "$m"
	n=$(count)
	is "$m: integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
	case $n in
	"$before") none=$((none + 1)) ;;
	$((before + N))) ;;
	*) not_ok "$m: $n events, want $before or $((before + N))" ;;
	esac
	# rows and their batch go together
	is "$m: no orphan batch" "$(sql svc.db 'SELECT count(*) FROM batch WHERE id NOT IN (SELECT batch FROM event)')" 0
	# a database file being checkpointed holds a committed import
	if [ "$m" = checkpoint ] && [ "$ended" = killed ]; then
		is "$m: killed after the commit" "$n" $((before + N))
	fi
	[ "$ended" = killed ] && killed=$((killed + 1))
done
# the moments are real: most kills landed inside the import, and some
# before its commit
is "kills inside the import" "$((killed >= 5))" 1
is "kills that left it as before" "$((none >= 3))" 1
echo "kill -9: $killed imports killed, $none left as before, all intact"

# after the last kill, the tools recover the database and import again
svc-log import big.csv 2>/dev/null
is "import after a kill" "$(count)" $((before + N))
run svc-log add praise.customer S00001
is "add after a kill" "$rc" 0
is "integrity at the end" "$(sql svc.db 'PRAGMA integrity_check')" ok

finish
