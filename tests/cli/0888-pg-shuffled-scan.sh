#!/bin/sh
# PostgreSQL: svc-score --db reads a period's events through event_t's
# index scan only while the table is stored roughly in time order (the
# server's statistics say so); a ledger imported out of time order is
# read in the table's own order and sorted, which is faster there and
# scores the same. Counted by event_t's heap fetches, which only an
# index scan makes (a bitmap scan or a sequential one makes none).
. "$SRC/tests/cli/lib.sh"
pg_only "the period's read on PostgreSQL"
need_gen_data
export SVC_POLICY="$SAMPLE/policies/group.ini"
"$G" -n 200 -e 20000 all --dir d 2>/dev/null
{
	head -n 1 d/events.csv
	awk 'BEGIN { srand(7) } NR > 1 { printf "%.12f\t%s\n", rand(), $0 }' \
	    d/events.csv | sort -t "$(printf '\t')" -k1,1 | cut -f 2-
} >shuffled.csv
for l in ordered shuffled; do
	svc-log --db $l.db init 2>/dev/null
	svc-log --db $l.db roster d/roster.csv 2>/dev/null
	svc-log --db $l.db customers d/customers.csv 2>/dev/null
done
run svc-log --db ordered.db import d/events.csv
is "time-ordered import" "$rc" 0
run svc-log --db shuffled.db import shuffled.csv
is "shuffled import" "$rc" 0
# the statistics autovacuum would gather a moment later
sql ordered.db 'ANALYZE event' >/dev/null
sql shuffled.db 'ANALYZE event' >/dev/null
corr() {
	sql "$1" "SELECT abs(correlation) >= 0.9 FROM pg_stats
	    WHERE tablename = 'event' AND attname = 't'"
}
is "the ordered ledger's statistics: in time order" "$(corr ordered.db)" t
is "the shuffled ledger's statistics: not" "$(corr shuffled.db)" f
fetched() {
	sql "$1" "SELECT idx_tup_fetch FROM pg_stat_user_indexes
	    WHERE indexrelname = 'event_t'"
}
for l in ordered shuffled; do
	before=$(fetched $l.db)
	run svc-score --db $l.db --period 2026
	is "$l: scored" "$rc" 0
	cp "$T/.out" $l.out
	# the server counts a session's reads when it ends; poll a moment
	i=0
	while [ "$(fetched $l.db)" = "$before" ] && [ "$i" -lt 40 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	eval "fetched_$l=\$((\$(fetched $l.db) - before))"
done
# shellcheck disable=SC2154
is "ordered: read through event_t's index scan" \
    "$([ "$fetched_ordered" -ge 20000 ] && echo yes)" yes
# shellcheck disable=SC2154
# (a few other lookups go through event_t: not the period's rows)
is "shuffled: not through it" \
    "$([ "$fetched_shuffled" -lt 100 ] && echo yes)" yes
is "the same scores either way" "$(cmp ordered.out shuffled.out && echo same)" same
like "scores of 20000 events" "$(awk -F, 'NR > 1 { s += $13 } END { print s }' ordered.out)" '^20000$'
finish
