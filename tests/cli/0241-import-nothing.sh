#!/bin/sh
# An import that adds no event (a header alone, or only uids already in
# the ledger) creates nothing: no empty batch.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
batches() { sql svc.db 'SELECT count(*) FROM batch'; }

printf 'ts,staff,kind,uid\n' >header.csv
n=$(batches)
like "batches counted" "$n" '^[0-9]+$'
run svc-log --policy "$F/mini.ini" import header.csv
is "header only: status" "$rc" 0
like "header only: said" "$err" "import: 0 added, 0 skipped"
is "header only: no batch" "$(batches)" "$n"

printf 'ts,staff,kind,uid\n2026-10-01T09:00:00+08:00,G003,praise.letter,U1\n' >one.csv
run svc-log --policy "$F/mini.ini" import one.csv
is "one event: status" "$rc" 0
is "one event: one batch" "$(batches)" "$((n + 1))"
run svc-log --policy "$F/mini.ini" import one.csv
is "again: status" "$rc" 0
like "again: skipped" "$err" "import: 0 added, 1 skipped"
is "again: no new batch" "$(batches)" "$((n + 1))"
is "events" "$(sql svc.db 'SELECT count(*) FROM event')" 1
finish
