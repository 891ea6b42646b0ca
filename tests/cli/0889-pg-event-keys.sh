#!/bin/sh
# PostgreSQL: an event's staff, customer and batch are checked by
# triggers, once per statement, where foreign keys checked them row by
# row; every guarantee of those keys holds for every writer, psql as
# much as svc: an event naming an unknown staff, customer or batch is
# refused (insert and update), and a staff, customer or batch an event
# names cannot be deleted, re-keyed or truncated away, also by a writer
# racing an import (READ COMMITTED: it waits and then sees the events;
# REPEATABLE READ: it fails to serialize). svc-log names the bad line
# and field as on SQLite.
. "$SRC/tests/cli/lib.sh"
pg_only "the event's key triggers of a PostgreSQL ledger"
mini_ledger
export SVC_POLICY="$P"
pg_pointer svc.db
count() { sql svc.db 'SELECT count(*) FROM event'; }
# psqlrun SQL: SQL through psql on svc.db, $rc and $err as run's
psqlrun() {
	run pg_psql -d "$pg_arg" -c "$1"
}

is "no foreign keys from event to staff, customer, batch" "$(sql svc.db \
    "SELECT count(*) FROM pg_constraint WHERE conrelid = 'event'::regclass
    AND contype = 'f' AND confrelid <> 'event'::regclass")" 0

printf 'ts,staff,kind,customer,uid\n2026-10-01T08:00:00+08:00,G003,praise.letter,C001,K1\n2026-10-02T08:00:00+08:00,G004,praise.letter,,K2\n' >ok.csv
run svc-log import ok.csv
is "import" "$rc" 0
like "import counts" "$err" "2 added, 0 skipped"
b=$(sql svc.db "SELECT batch FROM event WHERE uid = 'K1'")

# through svc-log: the line and the field, nothing written
printf 'ts,staff,kind,uid\n2026-10-06T08:00:00+08:00,G003,praise.letter,B1\n2026-10-06T09:00:00+08:00,G999,praise.letter,B2\n' >staff.csv
run svc-log import staff.csv
refused "svc-log: unknown staff" 1 "^svc-log: staff.csv:3: staff: unknown staff 'G999'"
printf 'ts,staff,kind,customer,uid\n2026-10-06T08:00:00+08:00,G003,praise.letter,C404,B3\n' >cust.csv
run svc-log import cust.csv
refused "svc-log: unknown customer" 1 "^svc-log: cust.csv:2: customer: unknown customer 'C404'"
is "svc-log: nothing written" "$(count)" 2

# through psql: inserts and updates naming what is not there
ins() { # ins STAFF CUSTOMER BATCH UID
	psqlrun "INSERT INTO event(id, t, staff, kind, customer, uid, logged,
	    batch) VALUES ((SELECT max(id) + 1 FROM event), 1790000000, '$1',
	    'praise.letter', $2, '$4', 1790000000, $3)"
}
ins G999 NULL "$b" P1
is "psql: unknown staff: status" "$rc" 1
like "psql: unknown staff" "$err" 'violates foreign key constraint "event_staff_fkey"'
like "psql: unknown staff: which" "$err" 'Key \(staff\)=\(G999\) is not present in table "staff"'
ins G003 "'C404'" "$b" P2
like "psql: unknown customer" "$err" 'Key \(customer\)=\(C404\) is not present in table "customer"'
ins G003 NULL 999 P3
like "psql: unknown batch" "$err" 'Key \(batch\)=\(999\) is not present in table "batch"'
psqlrun "UPDATE event SET staff = 'G999' WHERE uid = 'K1'"
like "psql: update to an unknown staff" "$err" 'event_staff_fkey'
psqlrun "UPDATE event SET customer = 'C404' WHERE uid = 'K1'"
like "psql: update to an unknown customer" "$err" 'event_customer_fkey'
psqlrun "UPDATE event SET batch = 999 WHERE uid = 'K1'"
like "psql: update to an unknown batch" "$err" 'event_batch_fkey'
is "psql: nothing written" "$(sql svc.db "SELECT count(*), min(staff),
    min(customer), min(batch) FROM event")" "2|G003|C001|$b"
# one statement of many rows, one of them bad: the whole statement goes
psqlrun "INSERT INTO event(id, t, staff, kind, uid, logged, batch)
    SELECT (SELECT max(id) FROM event) + g, 1790000000,
    CASE WHEN g = 500 THEN 'G999' ELSE 'G003' END, 'praise.letter',
    'M' || g, 1790000000, $b FROM generate_series(1, 1000) g"
like "psql: one bad row of 1000" "$err" 'Key \(staff\)=\(G999\)'
is "psql: none of the 1000" "$(count)" 2
ins G003 NULL "$b" P4
is "psql: a known staff, no customer" "$rc" 0
# a writer allowed events and nothing else: the checks are the owner's,
# as a foreign key's
clerk=${pg_db}_clerk
pg_psql -d "$pg_arg" -c "CREATE ROLE $clerk; GRANT SELECT, INSERT ON event
    TO $clerk" >/dev/null
psqlrun "SET ROLE $clerk; INSERT INTO event(id, t, staff, kind, uid, logged,
    batch) VALUES ((SELECT max(id) + 1 FROM event), 1790000000, 'G004',
    'praise.letter', 'P5', 1790000000, $b)"
is "psql: a writer of events only" "$rc:$err" "0:"
psqlrun "SET ROLE $clerk; INSERT INTO event(id, t, staff, kind, uid, logged,
    batch) VALUES ((SELECT max(id) + 1 FROM event), 1790000000, 'G999',
    'praise.letter', 'P6', 1790000000, $b)"
like "psql: a writer of events only: unknown staff" "$err" 'event_staff_fkey'
pg_psql -d "$pg_arg" -c "DROP OWNED BY $clerk; DROP ROLE $clerk" >/dev/null

# what events name stays: delete, re-key, truncate
pg_psql -d "$pg_arg" -c "INSERT INTO staff(id, name) VALUES ('G900', 'x');
    INSERT INTO customer(id, name) VALUES ('C900', 'x')" >/dev/null
for q in "DELETE FROM staff WHERE id = 'G003'" \
    "UPDATE staff SET id = 'G903' WHERE id = 'G003'" \
    "DELETE FROM customer WHERE id = 'C001'" \
    "UPDATE customer SET id = 'C903' WHERE id = 'C001'" \
    "DELETE FROM batch WHERE id = $b" \
    "UPDATE batch SET id = 99 WHERE id = $b"; do
	psqlrun "$q"
	is "psql: $q: status" "$rc" 1
	like "psql: $q" "$err" 'is still referenced from table "event"'
done
psqlrun "TRUNCATE batch"
like "psql: truncate batch" "$err" 'cannot truncate table "batch": events name its rows'
is "psql: all there" "$(sql svc.db "SELECT (SELECT count(*) FROM staff
    WHERE id = 'G003'), (SELECT count(*) FROM customer WHERE id = 'C001'),
    (SELECT count(*) FROM batch WHERE id = $b), (SELECT count(*) FROM event)")" \
    "1|1|1|4"
psqlrun "DELETE FROM staff WHERE id = 'G900'"
is "psql: a staff no event names goes" "$rc" 0
psqlrun "UPDATE customer SET id = 'C901' WHERE id = 'C900'"
is "psql: a customer no event names is re-keyed" "$rc" 0
# as a foreign key's NO ACTION: the key is there again at the
# statement's end
psqlrun "WITH d AS (DELETE FROM staff WHERE id = 'G003' RETURNING *)
    INSERT INTO staff SELECT * FROM d"
is "psql: a staff deleted and put back in one statement" "$rc:$err" "0:"

# racing writers: a deleter waits for a writer of events in progress,
# then sees its events (READ COMMITTED) ...
pg_psql -d "$pg_arg" -c "INSERT INTO staff(id, name) VALUES ('G901', 'x'),
    ('G902', 'x')" >/dev/null
# wait_for FILE: until it is there, 10 s at most
wait_for() {
	n=0
	while [ ! -e "$1" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
}
printf '%s\n' 'BEGIN;' "INSERT INTO event(id, t, staff, kind, uid, logged,
    batch) VALUES ((SELECT max(id) + 1 FROM event), 1790000000, 'G901',
    'praise.letter', 'R1', 1790000000, $b);" \
    "\\! touch rc.ins; sleep 1" 'COMMIT;' |
    pg_psql -d "$pg_arg" -f - >rc.out 2>&1 &
ins=$!
wait_for rc.ins
psqlrun "DELETE FROM staff WHERE id = 'G901'"
wait $ins
is "read committed: the insert" "$(cat rc.out)" ""
like "read committed: the delete, once the insert is in, refused" "$err" \
    'is still referenced from table "event"'
is "read committed: the event and its staff" "$(sql svc.db "SELECT count(*)
    FROM event e JOIN staff s ON s.id = e.staff WHERE e.uid = 'R1'")" 1
# ... or, in REPEATABLE READ, whose snapshot does not hold events
# committed since, fails to serialize rather than leave them orphans
rm -f rr.snap rr.go
printf '%s\n' 'BEGIN ISOLATION LEVEL REPEATABLE READ;' \
    'SELECT count(*) FROM event;' \
    "\\! touch rr.snap; while [ ! -e rr.go ]; do sleep 0.05; done" \
    "DELETE FROM staff WHERE id = 'G902';" 'COMMIT;' |
    pg_psql -d "$pg_arg" -f - >rr.out 2>rr.err &
rr=$!
wait_for rr.snap
printf 'ts,staff,kind,uid\n2026-10-07T09:00:00+08:00,G902,praise.letter,R2\n' >r2.csv
run svc-log import r2.csv
is "repeatable read: the import" "$rc" 0
touch rr.go
wait $rr
# (the foreign key refused it, seeing past the snapshot)
like "repeatable read: the delete fails to serialize" "$(cat rr.err)" \
    'could not serialize access|is still referenced from table "event"'
is "repeatable read: the event and its staff" "$(sql svc.db "SELECT count(*)
    FROM event e JOIN staff s ON s.id = e.staff WHERE e.uid = 'R2'")" 1
is "no event names a missing key" "$(sql svc.db "SELECT count(*) FROM event e
    WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = e.staff)
    OR NOT EXISTS (SELECT 1 FROM batch b WHERE b.id = e.batch)
    OR (e.customer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customer c
    WHERE c.id = e.customer))")" 0
finish
