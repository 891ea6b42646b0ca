#!/bin/sh
# PostgreSQL: kill -9 of svc-log import at several moments leaves the
# ledger as before or holding the whole file, never part of it; once the
# killed client's session is gone, nothing of it is left on the server,
# and the next import and add work. (0800 is SQLite's.)
. "$SRC/tests/cli/lib.sh"
pg_only "kill -9 of an import into PostgreSQL (0800 on SQLite)"
need_gen_data
export SVC_POLICY="$SAMPLE/policies/group.ini"
N=20000
"$G" -n 200 all --dir d -e 100 --uid-prefix OLD 2>/dev/null
"$G" -n 200 -e "$N" --uid-prefix BIG events > big.csv 2>/dev/null
svc-log --db base.db init 2>/dev/null
svc-log --db base.db roster d/roster.csv 2>/dev/null
svc-log --db base.db customers d/customers.csv 2>/dev/null
svc-log --db base.db import d/events.csv 2>/dev/null
count() { sql svc.db 'SELECT count(*) FROM event'; }
# the sessions on the ledger's database other than the asking one's
# (with a transaction open, when given "open")
sessions() {
	sql svc.db "SELECT count(*) FROM pg_stat_activity
	    WHERE datname = current_database() AND pid <> pg_backend_pid()
	    AND backend_type = 'client backend'
	    ${1:+AND xact_start IS NOT NULL}"
}
# the server ends a dead client's session when it next reads from it: a
# moment after the kill, or after the statement it was running
settle() {
	i=0
	while [ "$(sessions)" != 0 ] && [ "$i" -lt 600 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	is "$1: the killed session ended" "$(sessions)" 0
}
ms() { date +%s%3N; }
copy_ledger base.db svc.db
before=$(count)
batches=$(sql svc.db 'SELECT count(*) FROM batch')
is "starting events" "$before" 100

t0=$(ms)
svc-log import big.csv 2>/dev/null
full=$(( $(ms) - t0 ))
is "a whole import" "$(count)" $((before + N))

# kill_at MOMENT: one import from the starting ledger, killed when MOMENT
# says (after that many ms, once its transaction is open, or once its
# rows are there to be seen: committed, the client not yet gone); $ended
# says whether it was killed or had finished.
kill_at() {
	copy_ledger base.db svc.db
	svc-log import big.csv 2>kill.err &
	pid=$!
	case $1 in
	ms:*)
		sleep "$(awk -v m="${1#ms:}" 'BEGIN { printf "%.3f", m / 1000 }')" ;;
	open)
		while kill -0 "$pid" 2>/dev/null && [ "$(sessions open)" = 0 ]; do
			sleep 0.01
		done ;;
	committed)
		while kill -0 "$pid" 2>/dev/null && [ "$(count)" = "$before" ]; do
			sleep 0.01
		done ;;
	esac
	if kill -9 "$pid" 2>/dev/null; then ended=killed; else ended=finished; fi
	wait "$pid" 2>/dev/null
}

killed=0 none=0
for m in ms:0 open ms:$((full / 10)) ms:$((full / 4)) ms:$((full / 2)) \
    ms:$((full * 3 / 4)) ms:$((full * 9 / 10)) ms:$full committed; do
	kill_at "$m"
	settle "$m"
	n=$(count)
	case $n in
	"$before") none=$((none + 1)) ;;
	$((before + N))) ;;
	*) not_ok "$m: $n events, want $before or $((before + N))" ;;
	esac
	is "$m: no orphan batch" "$(sql svc.db 'SELECT count(*) FROM batch WHERE id NOT IN (SELECT batch FROM event)')" 0
	b=$batches
	[ "$n" = "$before" ] || b=$((b + 1))
	is "$m: batches" "$(sql svc.db 'SELECT count(*) FROM batch')" "$b"
	# seen committed: kept, whatever the kill did after
	[ "$m" = committed ] && is "$m: all kept" "$n" $((before + N))
	[ "$ended" = killed ] && killed=$((killed + 1))
done
is "kills inside the import" "$((killed >= 5))" 1
is "kills that left it as before" "$((none >= 3))" 1
echo "kill -9: $killed imports killed, $none left as before, all whole"

svc-log import big.csv 2>/dev/null
is "import after a kill" "$(count)" $((before + N))
run svc-log add praise.customer S00001
is "add after a kill" "$rc" 0
finish
