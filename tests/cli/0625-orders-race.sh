#!/bin/sh
# svc-log order: a transition reads its order inside its write
# transaction. close, cancel and assign run at once on one order: only
# those valid in the order they commit succeed, the others say the
# order's status, who set it and when; the order open prints its id
# before the commit, so a failed write stores nothing.
. "$SRC/tests/cli/lib.sh"
W=$SAMPLE/water
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null

### cancel, then close: refused, naming cancelled, by whom, when
id=$(SVC_USER=alice svc-log order open --customer 0101023 --matter m \
    --first KF007 --ts 2026-10-05T09:00+08:00)
is "open" "$id" 1
SVC_USER=alice run svc-log order cancel "$id" --reason dup --ts 2026-10-05T14:30+08:00
is "cancel" "$rc" 0
SVC_USER=bob run svc-log order close "$id" --resolution done
refused "close a cancelled order" 1 \
    "^svc-log: id: work order 1 is cancelled \(by alice, 2026-10-05T14:30:00\+08:00\): it cannot be closed$"
SVC_USER=bob run svc-log order assign "$id" KF015
refused "assign a cancelled order" 1 "work order 1 is cancelled \(by alice, 2026-10-05T14:30:00\+08:00\): it cannot be assigned"
is "still cancelled" "$(sql svc.db "SELECT status, reason, CAST(assignee IS NULL AS INTEGER) FROM work_order WHERE id = $id")" \
    "cancelled|dup|1"

### close, cancel and assign at once, many rounds
rounds=20 bad=0 n=0
while [ "$n" -lt "$rounds" ]; do
	n=$((n + 1))
	id=$(svc-log order open --customer 0101023 --matter "m$n" --first KF007)
	SVC_USER=closer svc-log order close "$id" --resolution "fixed $n" >c.out 2>c.err & p1=$!
	SVC_USER=canceller svc-log order cancel "$id" --reason "dup $n" >x.out 2>x.err & p2=$!
	SVC_USER=assigner svc-log order assign "$id" KF015 >a.out 2>a.err & p3=$!
	wait "$p1"; rc1=$?
	wait "$p2"; rc2=$?
	wait "$p3"; rc3=$?
	row=$(sql svc.db "SELECT status, coalesce(resolution, ''), coalesce(reason, ''), coalesce(assignee, '') FROM work_order WHERE id = $id")
	assigns=$(sql svc.db "SELECT count(*) FROM event WHERE kind = 'order.assign' AND note LIKE 'order $id: %'")
	case "$rc1$rc2" in
	01) want="closed|fixed $n|" loser=x.err lost=cancelled by=closer ;;
	10) want="cancelled||dup $n" loser=c.err lost=closed by=canceller ;;
	*) not_ok "round $n: close $rc1, cancel $rc2: want exactly one"
	   bad=1; continue ;;
	esac
	if [ "$rc3" -eq 0 ]; then a=KF015 na=1; else a= na=0; fi
	is "round $n: order" "$row" "$want|$a"
	is "round $n: assign events" "$assigns" "$na"
	like "round $n: loser's message" "$(cat "$loser")" \
	    "work order $id is ${want%%|*} \(by $by, [0-9-]{10}T[0-9:]{8}\+08:00\): it cannot be $lost$"
	# assign loses only to a close or cancel committed before it
	if [ "$rc3" -ne 0 ]; then
		like "round $n: assign's message" "$(cat a.err)" \
		    "work order $id is ${want%%|*} \(by $by, .*\): it cannot be assigned$"
	fi
done
is "rounds ran" "$n" "$rounds"
is "transitions logged" "$(sql svc.db "SELECT count(*) FROM event WHERE kind IN ('order.close', 'order.cancel')")" \
    $((rounds + 1))

### order open > /dev/full: exit 1, no order; again: stored
orders=$(sql svc.db 'SELECT count(*) FROM work_order')
events=$(sql svc.db 'SELECT count(*) FROM event')
like "orders counted" "$orders" '^[1-9][0-9]*$'
like "events counted" "$events" '^[1-9][0-9]*$'
svc-log order open --customer 0101023 --matter full --first KF007 >/dev/full 2>full.err
is "open > /dev/full: status" "$?" 1
like "open > /dev/full: message" "$(cat full.err)" "write error on standard output"
is "open > /dev/full: no order" "$(sql svc.db 'SELECT count(*) FROM work_order')" "$orders"
is "open > /dev/full: no event" "$(sql svc.db 'SELECT count(*) FROM event')" "$events"
run svc-log order open --customer 0101023 --matter full --first KF007
is "open again" "$rc $out" "0 $((orders + 1))"
finish
