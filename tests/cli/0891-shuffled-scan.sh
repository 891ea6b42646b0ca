#!/bin/sh
# svc-score --db scores a ledger imported out of time order exactly as
# the same events imported in order: over a year (on SQLite the whole
# table is read by the rowid and sorted) and over a week (too little
# of the table for that: event_t's index). Which way SQLite goes is
# decided by svc_db_scan_by_rowid (tests/unit/test-db.c).
. "$SRC/tests/cli/lib.sh"
need_gen_data
export SVC_POLICY="$SAMPLE/policies/group.ini"
"$G" -n 50 -e 3000 all --dir d 2>/dev/null
{
	head -n 1 d/events.csv
	awk 'BEGIN { srand(3) } NR > 1 { printf "%.12f\t%s\n", rand(), $0 }' \
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
for p in 2026 2026-W32; do
	for l in ordered shuffled; do
		run svc-score --db $l.db --period $p
		is "$l, $p: scored" "$rc" 0
		cp "$T/.out" $l.$p.out
	done
	is "$p: the same scores either way" \
	    "$(cmp ordered.$p.out shuffled.$p.out && echo same)" same
done
like "scores of 3000 events" "$(awk -F, 'NR > 1 { s += $13 } END { print s }' ordered.2026.out)" '^3000$'
like "some of them in that week" "$(awk -F, 'NR > 1 { s += $13 } END { print s }' ordered.2026-W32.out)" '^[1-9][0-9]*$'
finish
