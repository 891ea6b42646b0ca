#!/bin/sh
# The views an admin queries (svc-ledger(5)): they exist after init and
# after a migration from an old ledger; events_v holds what svc-log list
# lists, column for column, in the querying process's zone; scores_v
# what svc-score saved; awards_v each award's current status and posting
# dates as svc-award list shows them, through approval, finalize and pay;
# and the man page's example queries run and give what the tools say.
. "$SRC/tests/cli/lib.sh"
sqlite_only "the views through the sqlite3 shell: ATTACH, .import and the man page's SQLite examples (0887 reads them on PostgreSQL)"
MAN=$SRC/man/svc-ledger.5

# q DB SQL: SQL's rows on DB opened read-only, as an admin would
q() {
	sqlite3 -readonly -bail -batch "$1" "$2" 2>.qerr
	[ ! -s .qerr ] || late_not_ok "q $1 \"$2\": $(cat .qerr)"
}

# listed DB TZ [ARG...]: imports svc-log list [ARG...], run under TZ, into
# cmp.db's table listed (every column text, empty for none)
listed() {
	db=$1 zone=$2
	shift 2
	TZ=$zone svc-log --db "$db" list "$@" >list.csv
	rm -f cmp.db
	sqlite3 cmp.db ".import --csv list.csv listed"
}

# same_events DB TZ: the rows of events_v, queried under TZ, that are
# exactly svc-log list's under TZ, and how many there are of each
same_events() {
	listed "$1" "$2"
	TZ=$2 sqlite3 -bail -batch cmp.db "ATTACH '$1' AS l;
	SELECT (SELECT count(*) FROM listed l JOIN l.events_v v ON v.id = l.id
	 WHERE l.ts = v.ts AND l.staff = v.staff AND l.kind = v.kind
	 AND (l.value = '' AND v.value IS NULL
	  OR CAST(l.value AS REAL) = v.value)
	 AND l.customer = coalesce(v.customer, '')
	 AND l.channel = coalesce(v.channel, '')
	 AND l.dept = coalesce(v.dept, '') AND l.note = coalesce(v.note, '')
	 AND l.uid = coalesce(v.uid, '') AND l.logged_by = v.logged_by
	 AND l.logged_at = v.logged_at
	 AND l.void_of = coalesce(v.void_of, '')
	 AND l.voided_by = coalesce(v.voided_by, '')
	 AND l.batch = v.batch
	 AND v.voided = CASE l.voided_by WHEN '' THEN 'no' ELSE 'yes' END),
	 (SELECT count(*) FROM listed), (SELECT count(*) FROM l.events_v)"
}

views() {
	q "$1" "SELECT group_concat(name, ' ') FROM (SELECT name FROM
	    sqlite_schema WHERE type = 'view' ORDER BY name)"
}

### a new ledger has the views, empty
svc-log --db new.db init 2>/dev/null
is "views after init" "$(views new.db)" "awards_v events_v scores_v"
is "empty views" "$(q new.db 'SELECT (SELECT count(*) FROM events_v),
    (SELECT count(*) FROM scores_v), (SELECT count(*) FROM awards_v)')" \
    "0|0|0"

### events: the group sample, one complaint voided
load_sample group
G=group.db
c=$(q $G "SELECT id FROM event WHERE uid = (SELECT min(uid) FROM event
    WHERE kind = 'complaint.verified' AND staff = 'G014')")
run svc-log --db $G void "$c" --reason "logged against the wrong person"
is "void" "$rc" 0
is "views after import" "$(views $G)" "awards_v events_v scores_v"
n=$(q $G 'SELECT count(*) FROM event')
is "every event, each the same as svc-log list" "$(same_events $G \
    Asia/Shanghai)" "$n|$n|$n"
# the zone is the querying process's: offsets west, east and by halves
is "in New York" "$(same_events $G America/New_York)" "$n|$n|$n"
is "in Kolkata" "$(same_events $G Asia/Kolkata)" "$n|$n|$n"
is "in UTC" "$(same_events $G UTC)" "$n|$n|$n"
is "ts and ts_utc" "$(TZ=America/New_York q $G "SELECT ts, ts_utc, t FROM
    events_v WHERE uid = 'GP-2026-0001'")" \
    "2026-07-01T22:16:00-04:00|2026-07-02T02:16:00Z|1782958560"
# the tools show the policy's zone; sqlite3 the same under that TZ
TZ=America/New_York svc-log --db $G --policy group.ini list >pol.csv
TZ=Asia/Shanghai svc-log --db $G list >sh.csv
is "policy's zone is TZ=Asia/Shanghai's" "$(digest pol.csv)" \
    "$(digest sh.csv)"
is "the voided complaint" "$(q $G "SELECT kind, staff, name, voided,
    voided_by, active FROM events_v WHERE id = $c")" \
    "complaint.verified|G014|$(q $G "SELECT name FROM staff WHERE
    id = 'G014'")|yes|$n|no"
is "the void" "$(q $G "SELECT kind, void_of, voided, active FROM events_v
    WHERE id = $n")" "void|$c|no|no"
TZ=Asia/Shanghai svc-log --db $G list --active >active.csv
is "active as svc-log list --active" \
    "$(q $G "SELECT count(*) FROM events_v WHERE active = 'yes'")" \
    "$(($(wc -l <active.csv) - 1))"
for k in $(q $G 'SELECT DISTINCT kind FROM event ORDER BY kind'); do
	svc-log --db $G list --kind "$k" --period 2026-08 >k.csv
	is "count of $k in August" "$(q $G "SELECT count(*) FROM events_v
	    WHERE kind = '$k' AND substr(ts, 1, 7) = '2026-08'")" \
	    "$(($(wc -l <k.csv) - 1))"
done
is "customer names" "$(q $G "SELECT count(*) FROM events_v WHERE
    customer IS NOT NULL AND customer_name IS NULL")" 0

### the man page's examples: a literal block of EXAMPLES not starting $
awk '/^\.Sh/ { ex = ($2 == "EXAMPLES") } ex && /^\.Bd -literal/ { n++;
    inb = 1; next } ex && /^\.Ed/ { inb = 0; next }
    inb { print > ("ex" n ".sql") }' "$MAN"
for f in ex*.sql; do
	head -n 1 "$f" | grep -q '^\$' && rm "$f"
done
is "man page examples" "$(ls ex*.sql | wc -l | tr -d ' ')" 6
# complaints per department last month, in September
grep -q "date('now', 'localtime'" ex2.sql && ok || not_ok "ex2 is last month"
sed "s/date('now', 'localtime'/date('2026-09-15'/" ex2.sql >aug.sql
svc-log --db $G list --period 2026-08 --active >aug.csv
is "complaints per dept in August" "$(sqlite3 -readonly $G <aug.sql)" \
    "$(awk -F, 'NR > 1 && $4 ~ /^complaint/ { n[$8]++ }
    END { for (d in n) print n[d] "|" d }' aug.csv | sort -t'|' -k1,1nr -k2 |
    awk -F'|' '{ print $2 "|" $1 }')"
# G014's department had three in August, before one was voided
d=$(q $G "SELECT dept FROM event WHERE id = $c")
is "G014's voided complaint is not counted" "$(sqlite3 -readonly $G \
    <aug.sql | grep -F "$d|")" "$d|$(($(q $G "SELECT count(*) FROM event
    WHERE kind LIKE 'complaint%' AND dept = '$d' AND t >=
    unixepoch('2026-08-01', 'utc') AND t < unixepoch('2026-09-01',
    'utc')") - 1))"
svc-log --db $G list --staff G014 >g014.csv
is "a person's events" "$(sqlite3 -readonly $G <ex3.sql | wc -l)" \
    "$(($(wc -l <g014.csv) - 1))"
like "a person's events: the voided one marked" \
    "$(sqlite3 -readonly $G <ex3.sql)" "^$c\|.*\|yes$"
for f in ex*.sql; do
	run sqlite3 -readonly -bail $G ".read $f"
	is "$f on the group ledger: status" "$rc" 0
	is "$f on the group ledger: errors" "$err" ""
done

### scores and awards: the port's quarter, approved, finalized, paid
load_sample smile
S=smile.db
export SVC_USER=考核小组
svc-score --db $S --policy smile.ini --period 2026-Q3 --save >q3.csv
rm -f cmp.db
sqlite3 cmp.db ".import --csv q3.csv scored"
is "scores_v is what svc-score saved" "$(sqlite3 -bail cmp.db "ATTACH
    '$S' AS l; SELECT (SELECT count(*) FROM scored s JOIN l.scores_v v
    USING (period, staff, name, dept, position, unit, eligible, reason)
    WHERE v.policy = '精准化微笑服务考核评比'
    AND (s.score = '' AND v.score IS NULL OR CAST(s.score AS REAL) = v.score)
    AND (s.base = '' AND v.base IS NULL OR CAST(s.base AS REAL) = v.base)
    AND CAST(s.deductions AS REAL) = v.deductions
    AND CAST(s.bonuses AS REAL) = v.bonuses
    AND CAST(s.joint AS REAL) = v.joint AND s.complaints = v.complaints
    AND s.praises = v.praises AND s.events = v.events),
    (SELECT count(*) FROM scored), (SELECT count(*) FROM l.scores_v)")" \
    "15|15|15"
is "not eligible" "$(q $S "SELECT group_concat(staff, ' ') FROM (SELECT
    staff FROM scores_v WHERE eligible = 'no' AND reason <> ''
    ORDER BY staff)")" "P002 P009 P012"

# same_awards: awards_v's rows that are svc-award list's (every saved
# award but the replaced), status and posting dates alike, and counts
same_awards() {
	svc-award --db $S list >awards.csv
	rm -f cmp.db
	sqlite3 cmp.db ".import --csv awards.csv listed"
	sqlite3 -bail cmp.db "ATTACH '$S' AS l;
	SELECT (SELECT count(*) FROM listed a JOIN l.awards_v v ON v.id = a.id
	 WHERE a.period = v.period AND a.staff = v.staff AND a.name = v.name
	 AND a.award = v.award AND CAST(a.amount AS REAL) = v.amount
	 AND a.status = v.status AND a.type = v.type
	 AND a.posted_from = coalesce(v.posted_from, '')
	 AND a.posted_until = coalesce(v.posted_until, '')
	 AND a.payable = coalesce(v.payable, '')
	 AND a.rank = coalesce(v.rank, '')),
	 (SELECT count(*) FROM listed),
	 (SELECT count(*) FROM l.awards_v WHERE status <> 'replaced')"
}
statuses() {
	q $S "SELECT group_concat(status || ':' || n, ' ') FROM (SELECT
	    status, count(*) AS n FROM awards_v GROUP BY status ORDER BY
	    status)"
}

svc-award --db $S --policy smile.ini --period 2026-Q3 --as-of 2026-10-01 \
    --save >/dev/null 2>&1
is "saved: proposed" "$(statuses)" "proposed:11"
is "saved: as svc-award list" "$(same_awards)" "11|11|11"
is "proposed: no dates" "$(q $S "SELECT count(*) FROM awards_v WHERE
    posted_from IS NULL AND posted_until IS NULL AND payable IS NULL")" 11
svc-award --db $S --policy smile.ini approve --period 2026-Q3 \
    --as-of 2026-10-01 >/dev/null 2>&1
is "approved: posted" "$(statuses)" "posted:11"
is "posted: as svc-award list" "$(same_awards)" "11|11|11"
is "posting dates" "$(q $S "SELECT DISTINCT posted_from, posted_until,
    payable, status_on, status_by, status_note FROM awards_v")" \
    "2026-10-01|2026-11-01|2026-11|2026-10-01|考核小组|approved for posting"
svc-log --db $S --policy smile.ini import \
    "$SAMPLE/smile/posting-complaints.csv" 2>/dev/null
run svc-award --db $S --policy smile.ini finalize --period 2026-Q3 \
    --as-of 2026-11-01
is "finalize" "$rc" 0
is "finalized: approved, P005 withdrawn" "$(statuses)" \
    "approved:10 withdrawn:1"
is "the withdrawn" "$(q $S "SELECT staff FROM awards_v WHERE
    status = 'withdrawn'")" P005
is "finalized: as svc-award list" "$(same_awards)" "11|11|11"
is "approved, not paid: the man page's" \
    "$(sqlite3 -readonly $S <ex5.sql | wc -l)" 10
run svc-award --db $S --policy smile.ini pay --period 2026-Q3 \
    --as-of 2026-11-05
is "pay" "$rc" 0
is "paid" "$(statuses)" "paid:10 withdrawn:1"
is "paid: as svc-award list" "$(same_awards)" "11|11|11"
is "awards by status: the man page's" "$(sqlite3 -readonly $S <ex4.sql)" \
    "$(q $S "SELECT '2026-Q3|paid|10|' || sum(amount) FROM award WHERE
    staff <> 'P005'")
2026-Q3|withdrawn|1|$(q $S "SELECT amount FROM award WHERE
    staff = 'P005'")"
is "who was not eligible: the man page's" \
    "$(sqlite3 -readonly $S <ex6.sql | cut -d'|' -f2 | tr '\n' ' ')" \
    "P002 P009 P012 "
for f in ex*.sql; do
	run sqlite3 -readonly -bail $S ".read $f"
	is "$f on the smile ledger: status" "$rc" 0
	is "$f on the smile ledger: errors" "$err" ""
done

### an old ledger (schema 4) gets the views with its migration
load_sql() { sqlite3 "$1" <"$2"; }
load_sql old.db "$SRC/tests/cli/fixtures/ledger-v4.sql"
is "no views at schema 4" "$(views old.db)" ""
run svc-log --db old.db list
is "migrated" "$rc" 0
is "views after the migration" "$(views old.db)" \
    "awards_v events_v scores_v"
n=$(q old.db 'SELECT count(*) FROM event')
is "migrated: every event as svc-log list" "$(same_events old.db \
    Asia/Shanghai)" "$n|$n|$n"
is "migrated: scores" "$(q old.db 'SELECT count(*) FROM scores_v')" \
    "$(q old.db 'SELECT count(*) FROM score')"
is "migrated: voided flagged" "$(q old.db "SELECT count(*) FROM events_v
    WHERE voided = 'yes'")" "$(q old.db 'SELECT count(*) FROM event WHERE
    void_of IS NOT NULL')"
for f in ex*.sql; do
	run sqlite3 -readonly -bail old.db ".read $f"
	is "$f on the migrated ledger" "$rc$err" 0
done

finish
