#!/bin/sh
# PostgreSQL: the views an admin queries (svc-ledger(5)) as 0235 reads
# them on SQLite: there after init, empty; events_v holds what svc-log
# list lists, in the session's zone (PGTZ) where SQLite takes TZ; a void
# and its voided event marked; scores_v and awards_v what svc-score and
# svc-award saved.
. "$SRC/tests/cli/lib.sh"
pg_only "the views of a PostgreSQL ledger (0235 on SQLite)"
views() {
	sql "$1" "SELECT table_name FROM information_schema.views
	    WHERE table_schema = current_schema() ORDER BY 1" | paste -sd' ' -
}
svc-log --db new.db init 2>/dev/null
is "views after init" "$(views new.db)" "awards_v events_v scores_v"
is "empty views" "$(sql new.db 'SELECT (SELECT count(*) FROM events_v),
    (SELECT count(*) FROM scores_v), (SELECT count(*) FROM awards_v)')" \
    "0|0|0"

load_sample group
G=group.db
c=$(sql $G "SELECT id FROM event WHERE uid = (SELECT min(uid) FROM event
    WHERE kind = 'complaint.verified' AND staff = 'G014')")
run svc-log --db $G void "$c" --reason "logged against the wrong person"
is "void" "$rc" 0
n=$(sql $G 'SELECT count(*) FROM event')
# listed ZONE: svc-log list under TZ=ZONE, the columns compared, by id
listed() {
	TZ=$1 svc-log --db $G list | python3 -c 'import csv, sys
r = csv.reader(sys.stdin)
next(r)
for f in r:
	print("|".join(f[i] for i in (0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14)))'
}
# viewed ZONE: the same columns of events_v in a session in ZONE
viewed() {
	PGTZ=$1 sql $G "SELECT id, ts, staff, kind,
	    coalesce(CAST(value AS text), ''), coalesce(customer, ''),
	    coalesce(channel, ''), coalesce(dept, ''), coalesce(uid, ''),
	    logged_by, logged_at, coalesce(CAST(void_of AS text), ''),
	    coalesce(CAST(voided_by AS text), ''), batch
	    FROM events_v ORDER BY id"
}
for z in Asia/Shanghai America/New_York Asia/Kolkata UTC; do
	listed "$z" >l.txt
	viewed "$z" >v.txt
	is "$z: every event" "$(wc -l <v.txt)" "$n"
	is "$z: events_v is svc-log list" "$(diff l.txt v.txt | head -n 5)" ""
done
is "ts and ts_utc" "$(PGTZ=America/New_York sql $G "SELECT ts, ts_utc, t
    FROM events_v WHERE uid = 'GP-2026-0001'")" \
    "2026-07-01T22:16:00-04:00|2026-07-02T02:16:00Z|1782958560"
is "the voided complaint" "$(sql $G "SELECT kind, staff, voided, voided_by,
    active FROM events_v WHERE id = $c")" "complaint.verified|G014|yes|$n|no"
is "the void" "$(sql $G "SELECT kind, void_of, voided, active FROM events_v
    WHERE id = $n")" "void|$c|no|no"
TZ=Asia/Shanghai svc-log --db $G list --active >active.csv
is "active as svc-log list --active" \
    "$(sql $G "SELECT count(*) FROM events_v WHERE active = 'yes'")" \
    "$(($(wc -l <active.csv) - 1))"

# scores and awards saved: the views hold them
svc-score --db $G --policy group.ini --period 2026-08 --save >s.csv
is "scores_v is what svc-score saved" "$(sql $G "SELECT count(*) FROM scores_v
    WHERE period = '2026-08'")" "$(($(wc -l <s.csv) - 1))"
SVC_USER=clerk svc-award --db $G --policy group.ini --period 2026-08 \
    --as-of 2026-09-05 --save >a.csv 2>/dev/null
svc-award --db $G list >al.csv
is "awards_v is svc-award list" "$(sql $G 'SELECT count(*) FROM awards_v')" \
    "$(($(wc -l <al.csv) - 1))"
like "awards saved" "$(sql $G 'SELECT count(*) FROM awards_v')" '^[1-9]'
finish
