#!/bin/sh
# svc-log import --dry-run: reads, maps and checks every row, writes
# nothing (the ledger's bytes unchanged), prints what would be stored per
# kind and per staff member and how many rows the ledger already has, and
# lists every error (20, then "and N more"), exiting 1 when there is one.
. "$SRC/tests/cli/lib.sh"
S=$SAMPLE/sheets
cp "$SAMPLE/policies/warehouse.ini" .
svc-log --db wh.db init 2>/dev/null
svc-log --db wh.db roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
dry() { run svc-log --db wh.db --policy warehouse.ini import --dry-run "$@"; }

before=$(digest wh.db)
dry --map "$S/warehouse-deductions.map" "$S/warehouse-deductions.xlsx"
is "clean: status" "$rc" 0
is "clean: stderr" "$err" ""
is "clean: report" "$out" "dry run: 6 rows read, 6 events would be stored, 0 already in the ledger, 0 errors
by kind:
  data.discrepancy     1
  hygiene.poor         2
  late.shelving        1
  slot.planning        1
  stack.tilted         1
by staff:
  W010 金鹏       2
  W011 陆俊       2
  W012 蔡伟       1
  W013 倪浩然     1"
is "clean: ledger unchanged" "$(digest wh.db)" "$before"

# after the import, every row is known by its uid
svc-log --db wh.db --policy warehouse.ini import \
    --map "$S/warehouse-deductions.map" "$S/warehouse-deductions.xlsx" 2>/dev/null
before=$(digest wh.db)
dry --map "$S/warehouse-deductions.map" "$S/warehouse-deductions.xlsx"
is "known: status" "$rc" 0
is "known: report" "$out" "dry run: 6 rows read, 0 events would be stored, 6 already in the ledger, 0 errors"
is "known: ledger unchanged" "$(digest wh.db)" "$before"

# errors: all of them, placed, after what would be stored
{
	echo "ts,staff,kind,value,uid"
	echo "2026-10-12 09:00,W010,hygiene.poor,,D1"
	echo "2026-10-12 09:00,W999,hygiene.poor,,D2"
	echo "2026-13-12 09:00,W010,hygiene.poor,,D3"
	echo "2026-10-12 09:00,W010,no.such,,D4"
	echo "2026-10-12 09:00,W006,late.operation,,D5"
} >mixed.csv
dry mixed.csv
is "errors: status" "$rc" 1
is "errors: report" "$out" "dry run: 5 rows read, 2 events would be stored, 0 already in the ledger, 3 errors
by kind:
  hygiene.poor       1
  late.operation     1
by staff:
  W006 施大勇     1
  W010 金鹏       1"
like "errors: the unknown staff" "$err" "^svc-log: mixed.csv:3: staff: unknown staff 'W999'"
like "errors: the bad ts" "$err" "svc-log: mixed.csv:4: ts: "
like "errors: the unknown kind" "$err" "svc-log: mixed.csv:5: kind: unknown kind 'no.such'"
like "errors: the summary" "$err" "svc-log: import --dry-run: 3 errors; nothing was written$"
is "errors: ledger unchanged" "$(digest wh.db)" "$before"

# more than 20: the first 20, then how many more
{
	echo "ts,staff,kind"
	i=0
	while [ $i -lt 25 ]; do echo "2026-10-12 09:00,X$i,hygiene.poor"; i=$((i + 1)); done
} >many.csv
dry many.csv
is "many: status" "$rc" 1
is "many: 20 listed" "$(printf '%s\n' "$err" | grep -c "unknown staff")" 20
like "many: and 5 more" "$err" "svc-log: and 5 more"
like "many: the total" "$err" "25 errors; nothing was written"

# a uid stored with other content is an error; the header is checked first
printf 'ts,staff,kind,uid\n2026-10-12 09:00,W010,hygiene.poor,D1\n' >one.csv
svc-log --db wh.db --policy warehouse.ini import one.csv 2>/dev/null
before=$(digest wh.db)
printf 'ts,staff,kind,uid\n2026-10-12 09:00,W011,hygiene.poor,D1\n' >other.csv
dry other.csv
is "uid conflict: status" "$rc" 1
like "uid conflict: message" "$err" "other.csv:2: uid: already stored as event [0-9]+ with a different staff"
# a uid repeated in the file: the same event once, other content an error
{
	echo "ts,staff,kind,value,uid"
	echo "2026-10-13 09:00,W010,hygiene.poor,,R1"
	echo "2026-10-13T09:00:00+08:00,W010,hygiene.poor,,R1"
	echo "2026-10-13 09:00,W011,hygiene.poor,,R1"
} >repeat.csv
dry repeat.csv
is "repeat: status" "$rc" 1
like "repeat: counts" "$out" "^dry run: 3 rows read, 1 events would be stored, 1 already in the ledger, 1 error$"
like "repeat: message" "$err" "^svc-log: repeat.csv:4: uid: line 2 has the same uid with other content"
printf 'when,staff,kind\n' >badhead.csv
dry badhead.csv
refused "bad header" 1 "badhead.csv:1: when: unknown column 'when'"
is "dry runs wrote nothing" "$(digest wh.db)" "$before"
run svc-log --db wh.db roster --dry-run "$SAMPLE/warehouse/roster.csv"
refused "--dry-run on roster" 2 "roster: option --dry-run does not apply"
finish
