#!/bin/sh
# PostgreSQL: the server restarted between two commands is survived (each
# command connects afresh); restarted under an import, the import fails
# with a message naming the ledger, keeps none of the file, and the next
# one keeps all of it.
. "$SRC/tests/cli/lib.sh"
pg_only "a PostgreSQL server restarted under the tools"
mini_ledger
export SVC_POLICY="$P"
restart() {
	"$SRC/tests/pg-server" restart "$SVC_TEST_PG" ||
	    { not_ok "the server did not restart"; finish; exit 1; }
}

run svc-log add praise.letter G003 ts=2026-10-01T09:00:00+08:00 uid=R1
is "add before" "$rc $out" "0 1"
restart
run svc-log add praise.letter G003 ts=2026-10-01T10:00:00+08:00 uid=R2
is "add after a restart" "$rc $out $err" "0 2 "
run svc-log list
is "list after a restart" "$(printf '%s\n' "$out" | cut -d, -f1,10 | tail -n 2 | tr '\n' ' ')" "1,R1 2,R2 "
restart
run svc-score --period 2026-10
is "score after a restart" "$rc" 0
like "score's rows" "$out" "G003"
run svc-log order open --customer C001 --matter restart --first G003
is "order after a restart" "$rc $out" "0 1"

# restarted under an import: the client is cut off, its transaction gone
need_gen_data
export SVC_POLICY="$SAMPLE/policies/group.ini" SVC_DB=big.db
N=40000
"$G" -n 200 all --dir d -e 10 --uid-prefix OLD 2>/dev/null
"$G" -n 200 -e "$N" --uid-prefix BIG events >big.csv 2>/dev/null
svc-log init 2>/dev/null
svc-log roster d/roster.csv 2>/dev/null
svc-log customers d/customers.csv 2>/dev/null
svc-log import d/events.csv 2>/dev/null
count() { sql big.db 'SELECT count(*) FROM event'; }
before=$(count)
is "ledger for the import" "$before" 10
svc-log import big.csv >imp.out 2>imp.err &
pid=$!
# once its transaction is open
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 1000 ] &&
    [ "$(sql big.db "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")" = 0 ]; do
	sleep 0.01
	i=$((i + 1))
done
restart
wait "$pid"
st=$?
n=$(count)
if [ "$st" -eq 0 ]; then
	echo "the import finished before the restart: nothing cut off"
	is "import before the restart: all kept" "$n" $((before + N))
else
	is "import cut off: status" "$st" 1
	like "import cut off: said, naming the ledger" "$(cat imp.err)" "^svc-log: .*svc_"
	is "import cut off: one line" "$(wc -l <imp.err)" 1
	is "import cut off: none kept" "$n" "$before"
	svc-log import big.csv 2>/dev/null
	is "import again: all kept" "$(count)" $((before + N))
fi
finish
