#!/bin/sh
# svc-log order: work orders (工作联系单) under first-ask responsibility.
# Every transition is a row change and an event in one transaction; every
# illegal one exits 1 and changes nothing; due dates cross month ends;
# overdue is judged at --as-of.
. "$SRC/tests/cli/lib.sh"
W=$SAMPLE/water
POL=$SAMPLE/policies/water.ini
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
# the whole state: orders and events, to prove a refusal wrote nothing
state() {
	sql svc.db 'SELECT * FROM work_order ORDER BY id'
	sql svc.db 'SELECT count(*) FROM event'
}

# open prints the id; the first-asked staff owns it; the policy's due
# (water: 3d) is the default, counted in calendar days over the month end
run svc-log --policy "$POL" order open --customer 0101023 --matter "水表漏水" \
    --channel phone --first KF007 --ts 2026-09-29T10:00+08:00
is "open status" "$rc" 0
is "open id" "$out" 1
is "open row" "$(sql svc.db 'SELECT status, first_asked, dept, due FROM work_order WHERE id=1')" \
    "open|KF007|热线调度班|2026-10-02T10:00:00+08:00"
is "open event" "$(sql svc.db "SELECT staff, kind, customer, channel, note FROM event WHERE kind='order.open'")" \
    "KF007|order.open|0101023|phone|order 1: 水表漏水"
# --due: days across February's end, a date (due by its end), hours
run svc-log order open --customer 0101023 --matter x --first KF005 \
    --ts 2026-01-30T09:00 --due 3d
is "due 3d over January's end" "$(sql svc.db 'SELECT due FROM work_order WHERE id=2')" \
    "2026-02-02T09:00:00+08:00"
svc-log order open --customer 0101023 --matter y --first KF005 \
    --ts 2026-09-29T09:00 --due 2026-09-30 >/dev/null
is "due date" "$(sql svc.db 'SELECT due FROM work_order WHERE id=3')" \
    "2026-09-30T23:59:59+08:00"
svc-log order open --customer 0101023 --matter z --first KF005 \
    --ts 2026-12-31T20:00 --due 6h >/dev/null
is "due 6h over the year's end" "$(sql svc.db 'SELECT due FROM work_order WHERE id=4')" \
    "2027-01-01T02:00:00+08:00"
# no policy, no --due: no due time
SVC_USER=KF005 run svc-log order open --customer 0101023 --matter w
is "SVC_USER is the first asked" "$(sql svc.db 'SELECT first_asked, CAST(due IS NULL AS INTEGER) FROM work_order WHERE id=5')" "KF005|1"

# assign: the owner changes; close with a resolution; cancel with a reason
run svc-log order assign 1 KF015 --ts 2026-09-29T11:00
is "assign status" "$rc" 0
is "assigned" "$(sql svc.db 'SELECT status, assignee FROM work_order WHERE id=1')" "assigned|KF015"
is "assign event" "$(sql svc.db "SELECT staff, note FROM event WHERE kind='order.assign'")" \
    "KF015|order 1: assigned to KF015"
run svc-log order close 1 --resolution "更换水表" --ts 2026-10-01T16:00
is "close status" "$rc" 0
is "closed" "$(sql svc.db 'SELECT status, closed, resolution FROM work_order WHERE id=1')" \
    "closed|2026-10-01T16:00:00+08:00|更换水表"
is "close event" "$(sql svc.db "SELECT staff, t FROM event WHERE kind='order.close'")" \
    "KF015|1790841600"
run svc-log order cancel 5 --reason "重复登记"
is "cancel status" "$rc" 0
is "cancelled" "$(sql svc.db 'SELECT status, reason FROM work_order WHERE id=5')" "cancelled|重复登记"

# illegal transitions: status 1, a message, nothing written
before=$(state)
run svc-log order close 1
refused "close a closed order" 1 "work order 1 is closed \(by [^,]+, 2026-10-01T16:00:00\+08:00\): it cannot be closed"
run svc-log order assign 1 KF016
refused "assign a closed order" 1 "work order 1 is closed"
run svc-log order close 5
refused "close a cancelled order" 1 "work order 5 is cancelled"
run svc-log order cancel 1 --reason x
refused "cancel a closed order" 1 "is closed"
run svc-log order assign 99 KF015
refused "assign a missing order" 1 "no work order 99"
run svc-log order close 99
refused "close a missing order" 1 "no work order 99"
run svc-log order assign 2 KF099
refused "unknown staff" 1 "unknown staff 'KF099'"
run svc-log order close 2 --ts 2026-01-29T09:00
refused "close before opening" 1 "before work order 2 was opened"
run svc-log order open --customer 9999999 --matter x --first KF005
refused "unknown customer" 1 "--customer: unknown customer '9999999'"
run svc-log order open --customer 0101023 --matter x --first KF099
refused "unknown first" 1 "--first: unknown staff 'KF099'"
run svc-log order open --customer 0101023 --matter x
refused "no first asked" 1 "--first: who was asked first is required"
run svc-log order open --customer 0101023 --matter x --first KF005 --due 2026-02-30
refused "impossible due date" 1 "--due: .*2026-02"
run svc-log order open --customer 0101023 --matter x --first KF005 \
    --ts 2026-09-29T10:00 --due 2026-09-28
refused "due before opening" 1 "--due: .*before the order is opened"
run svc-log order open --customer 0101023 --matter x --first KF005 --channel Phone
refused "bad channel" 1 "--channel: bad channel"
run svc-log --policy "$POL" add order.open KF005
refused "order kinds are svc's own" 1 "reserved"
run svc-log void 2 --reason x
refused "transitions cannot be voided" 1 "work-order transition"
is "nothing written by refusals" "$(state)" "$before"
# nor before the latest assignment: a close, a reassignment
run svc-log order assign 2 KF015 --ts 2026-02-02T09:00
is "assign order 2" "$rc" 0
before=$(state)
run svc-log order close 2 --ts 2026-02-01T09:00
refused "close before the assignment" 1 \
    "^svc-log: --ts: 2026-02-01T09:00:00\+08:00 is before work order 2 was assigned to KF015 \(2026-02-02T09:00:00\+08:00\)"
run svc-log order assign 2 KF016 --ts 2026-02-01T09:00
refused "reassign before the assignment" 1 "was assigned to KF015"
is "nothing written by the early ones" "$(state)" "$before"

# bad usage: status 2
run svc-log order
refused "no subcommand" 2 "order: missing subcommand"
run svc-log order reopen 1
refused "unknown subcommand" 2 "unknown subcommand 'reopen'"
run svc-log order close 1 --reason x
refused "option of another subcommand" 2 "order close: option --reason does not apply"
run svc-log order cancel 2
refused "cancel needs a reason" 2 "--reason TEXT is required"
run svc-log order assign 2
refused "assign needs staff" 2 "missing arguments"
run svc-log order close x1
refused "bad id" 2 "bad order id 'x1'"
run svc-log order list --as-of 2026-13-01
refused "bad --as-of" 2 "--as-of"
run svc-log order list --status done
refused "bad status" 1 "--status: unknown status 'done'"

# list: CSV with a header; --status; --overdue judged at --as-of
run svc-log order list
is "list status" "$rc" 0
is "list header" "$(printf '%s\n' "$out" | head -n 1)" \
    "id,opened,customer,channel,dept,matter,first_asked,assignee,owner,due,status,closed,resolution,reason,revisit,overdue,category,fields,notified"
is "list rows" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "1 2 3 4 5 "
run svc-log order list --status cancelled
is "status filter" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1)" 5
# as of 2026-09-30: order 2 (due 02-02) is overdue; order 3 (due by the
# end of 09-30) is not yet; order 1 (due 10-02) is not
run svc-log order list --overdue --as-of 2026-09-30
is "overdue as of 09-30" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "2 "
run svc-log order list --overdue --as-of 2026-10-01
is "overdue as of 10-01" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "2 3 "
# order 1, closed on 10-01 before its due (10-02), never becomes overdue
run svc-log order list --overdue --as-of 2026-10-05
is "closed orders are not overdue" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "2 3 "
# order 4 (opened 12-31 20:00, due 01-01 02:00) is overdue the day after
run svc-log order list --overdue --as-of 2027-01-02
like "order 4 overdue after its due" "$(printf '%s\n' "$out" | cut -d, -f1 | tr '\n' ' ')" " 4 $"

# every transition is in the audit trail
is "events by kind" "$(sql svc.db "SELECT kind, count(*) FROM event GROUP BY kind ORDER BY kind" | tr '\n' ' ')" \
    "order.assign|2 order.cancel|1 order.close|1 order.open|5 "
finish
