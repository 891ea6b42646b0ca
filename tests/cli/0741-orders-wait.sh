#!/bin/sh
# svc-log order wait / resume: an order waiting on its customer is listed
# as waiting, its clock stops until the next transition, and svc-report
# orders shows the time it was paused; an illegal wait or resume exits 1
# and writes nothing.
. "$SRC/tests/cli/lib.sh"
W=$SAMPLE/water
POL=$SAMPLE/policies/water.ini
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
state() {
	sql svc.db 'SELECT * FROM work_order ORDER BY id'
	sql svc.db 'SELECT * FROM work_order_wait ORDER BY id'
	sql svc.db 'SELECT count(*) FROM event'
}
# water's [orders] due = 3d: opened 10-12 10:00, due 10-15 10:00
svc-log --policy "$POL" order open --customer 0101023 --matter 水表不走 \
    --first KF007 --ts 2026-10-12T10:00 >/dev/null
svc-log --policy "$POL" order open --customer 0101187 --matter 水压低 \
    --first KF005 --ts 2026-10-12T11:00 >/dev/null

# order 1 waits a day for the customer to be at home, then resumes
run svc-log order wait 1 --reason "等客户在家" --ts 2026-10-13T10:00
is "wait" "$rc" 0
is "wait: nothing on stdout" "$out" ""
is "the row stays open" "$(sql svc.db 'SELECT status FROM work_order WHERE id=1')" open
is "the wait" "$(sql svc.db 'SELECT work_order, began, CAST(ended IS NULL AS INTEGER), reason FROM work_order_wait')" \
    "1|1791856800|1|等客户在家"
is "wait event" "$(sql svc.db "SELECT staff, note FROM event WHERE kind='order.wait'")" \
    "KF007|order 1: waiting on the customer: 等客户在家"
run svc-log order list --status waiting --as-of 2026-10-13T12:00
is "listed as waiting" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,11)" "1,waiting"
run svc-log order list --status open --as-of 2026-10-13T12:00
is "not as open" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1)" 2
run svc-log order list --status waiting --as-of 2026-10-13T09:00
is "not waiting before the wait" "$(printf '%s\n' "$out" | tail -n +2)" ""

# refusals: nothing written
before=$(state)
run svc-log order wait 1 --reason x --ts 2026-10-13T11:00
refused "wait twice" 1 "^svc-log: id: work order 1 is already waiting, since 2026-10-13T10:00:00\+08:00: 等客户在家$"
run svc-log order resume 2
refused "resume what does not wait" 1 "^svc-log: id: work order 2 is not waiting$"
run svc-log order resume 1 --ts 2026-10-13T09:00
refused "resume before the wait" 1 "^svc-log: --ts: 2026-10-13T09:00:00\+08:00 is before work order 1's last wait began \(2026-10-13T10:00:00\+08:00\)$"
run svc-log order wait 99 --reason x
refused "no such order" 1 "no work order 99"
run svc-log order wait 2 --reason ''
refused "empty reason" 1 "--reason: a reason is required"
is "nothing written by refusals" "$(state)" "$before"
run svc-log order wait 2
refused "wait needs --reason" 2 "order wait: --reason TEXT is required"
run svc-log order resume 2 --reason x
refused "resume takes no reason" 2 "order resume: option --reason does not apply"

run svc-log order resume 1 --ts 2026-10-14T10:00
is "resume" "$rc" 0
is "the wait ended" "$(sql svc.db 'SELECT ended - began FROM work_order_wait')" 86400
is "resume event" "$(sql svc.db "SELECT note FROM event WHERE kind='order.resume'")" \
    "order 1: resumed"

# due 10-15 10:00 plus the day waited: overdue after 10-16 10:00 (order
# 2, due 10-15 11:00, is overdue from then)
run svc-log order list --overdue --as-of 2026-10-16T09:00
is "not overdue within the paused day" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1)" 2
run svc-log order list --overdue --as-of 2026-10-16T10:01
is "overdue after it" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "1 2 "

# order 2 waits again and is closed while waiting: the close ends the wait
svc-log order wait 2 --reason "等客户确认维修方案" --ts 2026-10-14T11:00
run svc-report orders --policy "$POL" --as-of 2026-10-14T17:00 --format csv
is "report: exit" "$rc" 0
is "report: open rows, the waiting one marked, paused days" \
    "$(printf '%s\n' "$out" | pick open status id opened customer matter owner due 'age d' 'overdue d' 'paused d' | tail -n +2)" \
"open,1,2026-10-12 10:00,0101023,水表不走,KF007,2026-10-15 10:00,2.3,,1.0
waiting,2,2026-10-12 11:00,0101187,水压低,KF005,2026-10-15 11:00,2.2,,0.2"
like "report: the paused column" "$out" '^section,status,id,opened,customer,matter,owner,due,age d,overdue d,paused d,'
run svc-log order close 2 --resolution "更换减压阀" --ts 2026-10-16T11:00
is "close while waiting" "$rc" 0
is "the close ended the wait" "$(sql svc.db 'SELECT ended FROM work_order_wait WHERE work_order = 2')" \
    "$(TZ=UTC date -d 2026-10-16T03:00:00 +%s)"
# closed 10-16 11:00: a day after its due time, but it waited two days
run svc-report orders --policy "$POL" --as-of 2026-10-31 --format csv
is "report: closed on time thanks to the wait" \
    "$(printf '%s\n' "$out" | pick closed id opened closed customer matter owner 'to close d' late resolution 'paused d' | grep -E '^2,')" \
    "2,2026-10-12 11:00,2026-10-16 11:00,0101187,水压低,KF005,4.0,,更换减压阀,2.0"
is "report: nothing closed late" \
    "$(printf '%s\n' "$out" | pick summary item value | grep '^closed late,')" "closed late,0"
# text: the paused column; without any wait there is none (0940's goldens)
run svc-report orders --policy "$POL" --as-of 2026-10-14T17:00
like "text: waiting" "$out" 'waiting +2 '
like "text: paused d" "$out" 'paused d'

# two waits and a close at once: the wait reads the order's waits inside
# its write transaction, so exactly one wait begins, or none when the
# close commits first; a close after a wait ends it
rounds=10 n=0
while [ "$n" -lt "$rounds" ]; do
	n=$((n + 1))
	id=$(svc-log order open --customer 0101023 --matter "r$n" --first KF007)
	svc-log order wait "$id" --reason "a$n" >/dev/null 2>a.err & p1=$!
	svc-log order wait "$id" --reason "b$n" >/dev/null 2>b.err & p2=$!
	svc-log order close "$id" --resolution done >/dev/null 2>c.err & p3=$!
	wait "$p1"; rc1=$?
	wait "$p2"; rc2=$?
	wait "$p3"; rc3=$?
	is "round $n: the close" "$rc3" 0
	waits=$(sql svc.db "SELECT count(*), count(ended) FROM work_order_wait WHERE work_order = $id")
	events=$(sql svc.db "SELECT count(*) FROM event WHERE kind = 'order.wait' AND note LIKE 'order $id: %'")
	case "$rc1$rc2" in
	01|10) is "round $n: one wait, ended by the close" "$waits|$events" "1|1|1" ;;
	11) is "round $n: closed first, no wait" "$waits|$events" "0|0|0"
	    like "round $n: refused as closed" "$(cat a.err)" "work order $id is closed" ;;
	*) not_ok "round $n: waits $rc1 and $rc2 both succeeded" ;;
	esac
done
is "rounds ran" "$n" "$rounds"
finish
