#!/bin/sh
# svc-log import of a file large next to the ledger: the event table's
# plain indexes are dropped inside the transaction and rebuilt before the
# commit (into an empty ledger from the first row; the one on t stays
# while the rows come in time order). Whatever happens, the indexes are
# there afterwards, the file is kept whole or not at all, and the
# database passes integrity_check.
. "$SRC/tests/cli/lib.sh"
sqlite_only "SQLite's import tuning: indexes dropped and rebuilt, the schema cookie, INDEXED BY"
P=$SAMPLE/policies/group.ini
need_gen_data
# 70,000 rows: past the look at dropping the indexes every 65,536 rows
"$G" -p group -s 3 -n 40 -e 70000 all -d data || not_ok "gen-data"
svc-log init 2>/dev/null
svc-log --policy "$P" roster data/roster.csv 2>/dev/null
svc-log --policy "$P" customers data/customers.csv 2>/dev/null
indexes() { sql svc.db "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)"; }
count() { sql svc.db 'SELECT count(*) FROM event'; }
# DDL bumps the schema cookie; inserts do not: it tells whether the
# indexes were dropped and rebuilt
cookie() { sql svc.db 'PRAGMA schema_version'; }
want=$(indexes)
like "indexes before" "$want" "event_staff_t:CREATE INDEX event_staff_t ON event\(staff, t\)"

# a bad record after the drop: nothing kept, the indexes back
cp data/events.csv bad.csv
echo "2026-12-31T08:00:00+08:00,S99999,complaint.quarrel,,,visit,,x,bad-1" >> bad.csv
run svc-log --policy "$P" import bad.csv
refused "bad last row" 1 "^svc-log: bad.csv:70002: staff: unknown staff 'S99999'"
is "nothing kept" "$(count)" 0
is "indexes after a refused import" "$(indexes)" "$want"
# SQLite's reference checks are off for an import: svc's own refuse
sed '$d' bad.csv > badc.csv
echo "2026-12-31T08:00:00+08:00,S00001,complaint.quarrel,,C99999,visit,,x,bad-2" >> badc.csv
run svc-log --policy "$P" import badc.csv
refused "unknown customer" 1 "^svc-log: badc.csv:70002: customer: unknown customer 'C99999'"
is "nothing kept (customer)" "$(count)" 0

# into an empty ledger even a small import rebuilds them: it is all
# of the table
head -n 1001 data/events.csv > small.csv
c0=$(cookie)
run svc-log --policy "$P" import small.csv
like "small import" "$err" "1000 added"
unlike "small import into nothing: indexes rebuilt" "$(cookie)" "^$c0\$"

# from row 512, the first power of two past half the ledger
c0=$(cookie)
run svc-log --policy "$P" import data/events.csv
is "import status" "$rc" 0
unlike "large import: indexes rebuilt" "$(cookie)" "^$c0\$"
like "import counts" "$err" "69000 added, 1000 skipped"
is "rows" "$(count)" 70000
is "indexes rebuilt" "$(indexes)" "$want"
is "integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
is "every reference holds" "$(sql svc.db 'PRAGMA foreign_key_check')" ""
is "index used" "$(sql svc.db "SELECT count(*) FROM event INDEXED BY event_staff_t WHERE staff = 'S00002'")" \
    "$(sql svc.db "SELECT count(*) FROM event NOT INDEXED WHERE staff = 'S00002'")"
is "time index whole" "$(sql svc.db "SELECT count(*) FROM event INDEXED BY event_t WHERE t > 0")" 70000

# a small import into a large ledger keeps the indexes as they are
sed '1!s/,gen-group-/,later-/' small.csv > later.csv
c0=$(cookie)
run svc-log --policy "$P" import later.csv
like "small import into a large ledger" "$err" "1000 added"
is "small import: indexes untouched" "$(cookie)" "$c0"
is "rows after the small import" "$(count)" 71000

# again: every uid is known, nothing added, still whole
run svc-log --policy "$P" import data/events.csv
like "re-import counts" "$err" "0 added, 70000 skipped"
is "rows after re-import" "$(count)" 71000
is "integrity after re-import" "$(sql svc.db 'PRAGMA integrity_check')" ok
is "indexes after re-import" "$(indexes)" "$want"
finish
