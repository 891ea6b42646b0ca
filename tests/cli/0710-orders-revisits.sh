#!/bin/sh
# Revisits: a dissatisfied one (value <= dissatisfied_max) opens a
# follow-up work order when the policy says follow_up = yes (water), in
# the same transaction as the revisit; not when it says no (warehouse).
# Voiding the revisit cancels its follow-up.
. "$SRC/tests/cli/lib.sh"
load() {
	svc-log --db "$1.db" init 2>/dev/null
	svc-log --db "$1.db" roster "$SAMPLE/$1/roster.csv" 2>/dev/null
	svc-log --db "$1.db" customers "$SAMPLE/$1/customers.csv" 2>/dev/null
	svc-log --db "$1.db" --policy "$SAMPLE/policies/$1.ini" \
	    import "$SAMPLE/$1/events.csv" 2>/dev/null
}
load water
load warehouse

# water: the five dissatisfied revisits of the README, each followed up by
# the staff member who made the revisit, due 3 days later
is "water follow-ups" "$(sql water.db "SELECT e.uid, o.first_asked, o.status FROM work_order o JOIN event e ON e.id = o.revisit ORDER BY o.id" | tr '\n' ' ')" \
    "WS-2026-0024|KF009|open WS-2026-0115|KF007|open WS-2026-0148|KF010|open WS-2026-0223|KF010|open WS-2026-0257|KF009|open "
is "follow-up due" "$(sql water.db "SELECT opened, due FROM work_order WHERE id = 1")" \
    "2026-07-09T10:52:00+08:00|2026-07-12T10:52:00+08:00"
like "follow-up matter" "$(sql water.db "SELECT matter FROM work_order WHERE id = 1")" \
    "^follow-up of dissatisfied revisit \(event [0-9]+, satisfaction 2\): 回访"
# as of 2026-09-30 all five are open and past their due (sample README)
run svc-log --db water.db order list --overdue --as-of 2026-09-30
is "all five overdue on 09-30" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "1 2 3 4 5 "
run svc-log --db water.db order list --overdue --as-of 2026-09-24
is "four overdue on 09-24" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "1 2 3 4 "
is "one order.open per follow-up" "$(sql water.db "SELECT count(*) FROM event WHERE kind = 'order.open'")" 5
# warehouse: follow_up = no, two dissatisfied revisits, no orders
is "warehouse: no follow-ups" "$(sql warehouse.db 'SELECT count(*) FROM work_order')" 0

# add: a dissatisfied revisit prints its own id and opens an order
run svc-log --db water.db --policy "$SAMPLE/policies/water.ini" add revisit \
    KF008 value=1 customer=0101023 ts=2026-10-08T09:00 note="水费多收"
is "add status" "$rc" 0
rid=$out
is "its follow-up" "$(sql water.db "SELECT id, first_asked, status FROM work_order WHERE revisit = $rid")" "6|KF008|open"
# a satisfied one does not
svc-log --db water.db --policy "$SAMPLE/policies/water.ini" add revisit \
    KF008 value=3 customer=0101023 >/dev/null
is "satisfied: no order" "$(sql water.db 'SELECT count(*) FROM work_order')" 6
# without a customer there is nothing to follow up: refused, nothing written
n=$(sql water.db 'SELECT count(*) FROM event')
run svc-log --db water.db --policy "$SAMPLE/policies/water.ini" add revisit \
    KF008 value=2
refused "dissatisfied without customer" 1 "customer: a dissatisfied revisit needs a customer"
is "nothing written" "$(sql water.db 'SELECT count(*) FROM event')" "$n"

# voiding the revisit cancels its open follow-up, as an order.cancel event
run svc-log --db water.db void "$rid" --reason "记错用户"
is "void status" "$rc" 0
is "follow-up cancelled" "$(sql water.db "SELECT status, reason FROM work_order WHERE id = 6")" \
    "cancelled|revisit $rid voided: 记错用户"
is "cancel event" "$(sql water.db "SELECT count(*) FROM event WHERE kind = 'order.cancel'")" 1
# a closed follow-up stays closed when its revisit is voided
svc-log --db water.db order close 1 --resolution "已派员处理" --ts 2026-07-10T09:00 >/dev/null
svc-log --db water.db void "$(sql water.db 'SELECT revisit FROM work_order WHERE id = 1')" --reason x >/dev/null
is "closed follow-up kept" "$(sql water.db 'SELECT status FROM work_order WHERE id = 1')" closed

# an import in error opens no follow-up at all
cat > bad.csv <<'CSV'
ts,staff,kind,value,customer
2026-10-09T09:00:00+08:00,KF008,revisit,1,0101023
2026-10-09T10:00:00+08:00,KF008,revisit,9,0101023
CSV
run svc-log --db water.db --policy "$SAMPLE/policies/water.ini" import bad.csv
refused "bad import" 1 "bad.csv:3: value"
is "no order from a failed import" "$(sql water.db 'SELECT count(*) FROM work_order')" 6
# the follow-up is opened as the rows are stored, after the reading: its
# refusal still names the record's line, and nothing is kept
n=$(sql water.db 'SELECT count(*) FROM event')
cat > nocust.csv <<'CSV'
ts,staff,kind,value,customer
2026-10-09T09:00:00+08:00,KF008,revisit,1,0101023
2026-10-09T09:30:00+08:00,KF008,revisit,5,0101023
2026-10-09T10:00:00+08:00,KF008,revisit,2,
2026-10-09T11:00:00+08:00,KF008,revisit,1,0101023
CSV
run svc-log --db water.db --policy "$SAMPLE/policies/water.ini" import nocust.csv
refused "import: dissatisfied without customer" 1 "^svc-log: nocust.csv:4: customer: a dissatisfied revisit needs a customer"
is "import: nothing written" "$(sql water.db 'SELECT count(*) FROM event')" "$n"
is "import: no order" "$(sql water.db 'SELECT count(*) FROM work_order')" 6

# the scores do not see order events: water's scores are as before
run svc-score --db water.db --policy "$SAMPLE/policies/water.ini" --period 2026-08
like "KF008 August" "$out" "^2026-08,KF008,[^,]*,[^,]*,[^,]*,100,-10,0,0,90,2,0,"
finish
