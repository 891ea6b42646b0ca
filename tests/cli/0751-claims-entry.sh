#!/bin/sh
# svc-log order open --category claim ... amount=N: a claim's fields are
# NAME=VALUE arguments, as svc-log add's; an unknown category, a missing
# or bad amount, a field the category lacks, fields on a general order and
# a malformed argument are refused naming the option or field, nothing
# written. order notify records the notification once, as an order.notify
# event; the day it is judged by is the policy's zone's (Asia/Shanghai),
# whatever TZ says.
. "$SRC/tests/cli/lib.sh"
cp "$SAMPLE/policies/plans.ini" .
export SVC_DB=plans.db SVC_POLICY=plans.ini TZ=UTC
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/plans/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/plans/customers.csv" 2>/dev/null
orders() { sql plans.db 'SELECT count(*) FROM work_order'; }
events() { sql plans.db 'SELECT count(*) FROM event'; }
claim() { svc-log order open --category claim --customer DK001 \
    --matter "客车追尾" --first E042 "$@"; }

run claim --ts 2026-11-16T08:40:00+08:00 amount=12000
is "a claim: status" "$rc" 0
is "a claim: its id" "$out" 1
is "a claim: stored" "$(sql plans.db "SELECT category, fields, coalesce(notified, '-'), due FROM work_order")" \
    'claim|{"amount":12000}|-|2026-11-30T08:40:00+08:00'
run claim --ts 2026-11-16T08:40:00+08:00
refused "no amount" 1 "^svc-log: amount: missing field 'amount' \(required for category 'claim'\)$"
run claim amount=12,000
refused "a bad amount" 1 "^svc-log: amount: bad number '12,000'$"
run claim amount=99.999
refused "an amount below the fen" 1 "amount: bad amount '99\.999'"
run claim amont=12000
refused "a field the category lacks" 1 "^svc-log: amont: category 'claim' has no field 'amont' \(its fields: amount\)$"
run claim amount=1 amount=2
refused "a field twice" 1 "^svc-log: amount: field given twice$"
run svc-log order open --category claims --customer DK001 --matter x \
    --first E042 amount=1
refused "an unknown category" 1 "^svc-log: --category: unknown category 'claims' \(the policy's: claim\)$"
run env -u SVC_POLICY svc-log order open --category claim --customer DK001 \
    --matter x --first E042 amount=1
refused "a category without a policy" 1 "^svc-log: --category: unknown category 'claim' \(no policy: use --policy or set SVC_POLICY\)$"
run svc-log order open --customer DK001 --matter x --first E042 amount=1
refused "fields on a general order" 1 "^svc-log: amount: a general order has no fields"
run claim 12000
refused "not NAME=VALUE" 2 "order open: bad field '12000' \(expected NAME=VALUE"
run svc-log order list --category claim
refused "--category with list" 2 "order list: option --category does not apply"
is "nothing written by the refusals: orders" "$(orders)" 1
is "nothing written by the refusals: events" "$(events)" 1

# notify: the same local day, not UTC's: 23:30 in Beijing is 15:30 UTC
run svc-log order notify 1 --ts 2026-11-16T07:00:00+08:00
refused "before the opening" 1 "^svc-log: --ts: .* is before work order 1 was opened"
run svc-log order notify 1 --ts 2026-11-16T23:30:00+08:00
is "notify: status" "$rc" 0
is "notify: stored" "$(sql plans.db 'SELECT notified FROM work_order WHERE id = 1')" \
    2026-11-16T23:30:00+08:00
is "notify: an order.notify event on the owner" "$(sql plans.db "SELECT staff, note FROM event WHERE kind = 'order.notify'")" \
    "E042|order 1: customer notified"
run svc-log order notify 1
refused "notified twice" 1 "^svc-log: id: work order 1's customer was already notified \(2026-11-16T23:30:00\+08:00\)$"
run svc-report orders --kind claim --period 2026-11 --as-of 2026-12-01 \
    --format csv
is "notified at 23:30 local: on time" "$(printf '%s\n' "$out" | pick opened id notice)" \
"id,notice
1,on time"
# exactly 10,000 is not above it; 10,000.01 is; not yet late on its day
claim --ts 2026-11-17T09:00:00+08:00 amount=10000 >/dev/null 2>&1
claim --ts 2026-11-17T09:00:00+08:00 amount=10000.01 >/dev/null 2>&1
run svc-report orders --kind claim --period 2026-11 \
    --as-of 2026-11-17T23:59:00+08:00 --format csv
is "the day not over: not flagged yet" "$(printf '%s\n' "$out" | pick opened id notice | tail -n 2)" \
"2,
3,due today"
run svc-report orders --kind claim --period 2026-11 --as-of 2026-11-18 \
    --format csv
is "the day over: 10000.01 flagged, 10000 not" "$(printf '%s\n' "$out" | pick unnotified id amount notified)" \
"id,amount,notified
3,10000.01,NOT NOTIFIED"
# a closed claim is still notified on its day (0757)
svc-log order close 2 --ts 2026-11-17T10:00:00+08:00 >/dev/null 2>&1
run svc-log order notify 2 --ts 2026-11-17T11:00:00+08:00
is "a closed claim: notified" "$rc" 0
finish
