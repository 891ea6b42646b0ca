#!/bin/sh
# PostgreSQL: close, cancel and assign at once on one work order, as 0625
# runs them on SQLite, with the same outcome: exactly one of close and
# cancel succeeds, the other says the order's status, who set it and
# when; an assign succeeds only before them; nothing of the server's
# concurrency (a serialization failure, a deadlock) reaches anyone.
. "$SRC/tests/cli/lib.sh"
pg_only "work order transitions racing on PostgreSQL (0625 on SQLite)"
W=$SAMPLE/water
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null

rounds=30 n=0
while [ "$n" -lt "$rounds" ]; do
	n=$((n + 1))
	id=$(svc-log order open --customer 0101023 --matter "m$n" --first KF007)
	SVC_USER=closer svc-log order close "$id" --resolution "fixed $n" >c.out 2>c.err & p1=$!
	SVC_USER=canceller svc-log order cancel "$id" --reason "dup $n" >x.out 2>x.err & p2=$!
	SVC_USER=assigner svc-log order assign "$id" KF015 >a.out 2>a.err & p3=$!
	wait "$p1"; rc1=$?
	wait "$p2"; rc2=$?
	wait "$p3"; rc3=$?
	cat c.err x.err a.err >>all.err
	row=$(sql svc.db "SELECT status, coalesce(resolution, ''), coalesce(reason, ''), coalesce(assignee, '') FROM work_order WHERE id = $id")
	assigns=$(sql svc.db "SELECT count(*) FROM event WHERE kind = 'order.assign' AND note LIKE 'order $id: %'")
	case "$rc1$rc2" in
	01) want="closed|fixed $n|" loser=x.err lost=cancelled by=closer ;;
	10) want="cancelled||dup $n" loser=c.err lost=closed by=canceller ;;
	*) not_ok "round $n: close $rc1, cancel $rc2: want exactly one: $(cat c.err x.err)"
	   continue ;;
	esac
	case $rc3 in
	0) a=KF015 na=1 ;;
	1) a= na=0
	   like "round $n: assign's message" "$(cat a.err)" \
	       "^svc-log: id: work order $id is ${want%%|*} \(by $by, .*\): it cannot be assigned$" ;;
	*) not_ok "round $n: assign exit $rc3: $(cat a.err)"; continue ;;
	esac
	is "round $n: order" "$row" "$want|$a"
	is "round $n: assign events" "$assigns" "$na"
	like "round $n: loser's message" "$(cat "$loser")" \
	    "^svc-log: id: work order $id is ${want%%|*} \(by $by, [0-9-]{10}T[0-9:]{8}\+08:00\): it cannot be $lost$"
done
is "rounds ran" "$n" "$rounds"
is "transitions logged" "$(sql svc.db "SELECT count(*) FROM event WHERE kind IN ('order.close', 'order.cancel')")" "$rounds"
is "orders" "$(sql svc.db "SELECT count(*) FROM work_order WHERE status IN ('closed', 'cancelled')")" "$rounds"
unlike "no server error reached anyone" "$(cat all.err)" \
    "serializ|deadlock|could not|ERROR|FATAL"
finish
