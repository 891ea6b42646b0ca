#!/bin/sh
# 当日通报 is owed on the claim's day, not before it is closed: a claim
# above notify_above closed (paid on the spot) or cancelled (撤案) on its
# day can still be recorded as notified that day, and is then not
# flagged; one never notified stays flagged. The order keeps its status.
. "$SRC/tests/cli/lib.sh"
cp "$SAMPLE/policies/plans.ini" .
export SVC_DB=plans.db SVC_POLICY=plans.ini TZ=America/New_York
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/plans/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/plans/customers.csv" 2>/dev/null
claim() { svc-log order open --category claim --customer DK001 \
    --matter "货车追尾" --first E042 "$@"; }

claim --ts 2026-11-16T09:00:00+08:00 amount=12000 >/dev/null 2>&1
svc-log order close 1 --ts 2026-11-16T10:00:00+08:00 --resolution 当场赔付 \
    >/dev/null 2>&1
run svc-log order notify 1 --ts 2026-11-16T15:00:00+08:00
is "closed on its day: notified after" "$rc" 0
is "closed: still closed, notified" \
    "$(sql plans.db 'SELECT status, closed, notified FROM work_order WHERE id = 1')" \
    "closed|2026-11-16T10:00:00+08:00|2026-11-16T15:00:00+08:00"
is "closed: the event on the owner" \
    "$(sql plans.db "SELECT staff, note FROM event WHERE kind = 'order.notify'")" \
    "E042|order 1: customer notified"
run svc-log order notify 1 --ts 2026-11-16T16:00:00+08:00
refused "closed: notified once" 1 "already notified"

claim --ts 2026-11-17T09:00:00+08:00 amount=15000 >/dev/null 2>&1
svc-log order cancel 2 --ts 2026-11-17T09:10:00+08:00 --reason 客户撤案 \
    >/dev/null 2>&1
run svc-log order notify 2 --ts 2026-11-17T11:00:00+08:00
is "cancelled on its day: notified after" "$rc" 0
is "cancelled: still cancelled" \
    "$(sql plans.db 'SELECT status, notified FROM work_order WHERE id = 2')" \
    "cancelled|2026-11-17T11:00:00+08:00"

# one closed and never notified: flagged
claim --ts 2026-11-18T09:00:00+08:00 amount=11000 >/dev/null 2>&1
svc-log order close 3 --ts 2026-11-18T10:00:00+08:00 >/dev/null 2>&1
run svc-report orders --kind claim --period 2026-W47 --as-of 2026-12-01 \
    --format csv
is "report: the notices" "$(printf '%s\n' "$out" | pick opened id status notified notice)" \
"id,status,notified,notice
1,closed,2026-11-16 15:00,on time
2,cancelled,2026-11-17 11:00,on time
3,closed,,NOT NOTIFIED"
is "report: only the one never notified flagged" \
    "$(printf '%s\n' "$out" | pick unnotified id notified)" \
"id,notified
3,NOT NOTIFIED"
# still not before its opening
run svc-log order notify 3 --ts 2026-11-18T08:00:00+08:00
refused "closed: not before its opening" 1 "before work order 3 was opened"
finish
