#!/bin/sh
# Messages that name the real problem: a period range of weeks or months,
# a schema version svc never wrote.
. "$SRC/tests/cli/lib.sh"
mini_ledger
svc-log --policy "$P" add praise.letter G003 ts=2025-12-29T08:00:00+08:00 \
    >/dev/null 2>&1
svc-log --policy "$P" add praise.letter G003 ts=2026-02-01T22:00:00+08:00 \
    >/dev/null 2>&1
svc-log --policy "$P" add praise.letter G003 ts=2026-02-02T00:00:00+08:00 \
    >/dev/null 2>&1

# a range's ends may be weeks, months or any other period but a range
run svc-log list --period 2026-W01..2026-W05
is "week range: status" "$rc" 0
is "week range: its first and last days, not the day after" \
    "$(printf '%s\n' "$out" | grep -c praise.letter)" 2
run svc-score --policy "$P" --period 2026-W01..2026-W05
is "svc-score week range: status" "$rc" 0
like "svc-score week range: G003 has both praises" "$out" "G003.*,120"
run svc-log list --period 2026-01..2026-03
is "month range: status" "$rc" 0
is "month range: the February event" \
    "$(printf '%s\n' "$out" | grep -c praise.letter)" 2
run svc-log list --period 2026-W05..2026-W01
refused "backwards week range" 2 "2026-W05..2026-W01': range ends before"
run svc-log list --period 2026-W01..2026-W54
refused "bad week at the end" 2 "'2026-W54': week must be 01 to 53"
run svc-log list --period 2026-W01..
refused "range without its end" 2 "a range is FIRST..LAST"

# a negative schema version is no svc's, and is not "not an error"
if on_sqlite "a schema version in the file's user_version"; then
	cp svc.db neg.db
	sqlite3 neg.db 'PRAGMA user_version = -1'
	sum=$(md5sum neg.db)
	run svc-log --db neg.db list
	refused "schema -1" 1 "schema version -1 is not one svc wrote"
	unlike "schema -1: no 'not an error'" "$err" "not an error"
	is "schema -1: file unchanged" "$(md5sum neg.db)" "$sum"
	run svc-score --db neg.db --policy "$P" --period 2026-01
	refused "schema -1 (svc-score)" 1 "schema version -1 is not one svc wrote"
fi

finish
