#!/bin/sh
# svc-report orders, revisits and kpi in every format, compared byte for
# byte with tests/cli/golden/report/KIND.FORMAT: orders on the water
# sample with orders opened, assigned, closed and cancelled by svc-log at
# fixed times; revisits and kpi on the warehouse sample. Regenerate after
# a deliberate change with
#   SVC_GOLDEN=update sh tests/cli/run build/stage/usr/bin 0950
# and read the diff before committing it. (0900 checks the mail's MIME
# structure; here the mail is compared whole.)
. "$SRC/tests/cli/lib.sh"
G=$SRC/tests/cli/golden/report

load_sample water
load_sample warehouse
export SVC_DB=water.db
# the sample's dissatisfied revisits already opened follow-up orders 1-5
o() {
	svc-log --policy water.ini order open "$@" || not_ok "order open $*"
}
a=$(o --customer 0101023 --matter 水表漏水 --channel phone --first KF007 \
    --ts 2026-09-21T10:00)
svc-log order assign "$a" KF015 --ts 2026-09-21T11:00
svc-log order close "$a" --resolution 更换水表 --ts 2026-09-23T16:00
o --customer 0101187 --matter 水压偏低 --first KF005 \
    --ts 2026-09-25T09:00 >/dev/null
o --customer 0101023 --matter 账单疑问 --first KF005 \
    --ts 2026-09-29T14:30 >/dev/null
c=$(o --customer 0101187 --matter 重复登记 --first KF005 \
    --ts 2026-09-29T15:00)
svc-log order cancel "$c" --reason 重复 --ts 2026-09-29T15:10
is "orders made" "$(sql water.db "SELECT status FROM work_order
    WHERE id >= $a ORDER BY id" | paste -sd' ' -)" "closed open open cancelled"

MAIL="--to boss@example.com --from svc@example.com"
ASOF=2026-10-01T09:00:00+08:00

report() {
	k=$1 f=$2
	set -- --format "$f" --as-of "$ASOF" --width 140
	[ "$f" = mail ] && set -- "$@" $MAIL --attach-csv
	case $k in
	orders) svc-report orders --policy water.ini "$@" ;;
	revisits) svc-report revisits --db warehouse.db \
	    --policy warehouse.ini "$@" ;;
	kpi) svc-report kpi --db warehouse.db --policy warehouse.ini \
	    --period 2026-Q3 "$@" ;;
	esac >"$k.$f" 2>"$k.$f.err"
	echo $?
}

for k in orders revisits kpi; do
	for f in text csv md html mail; do
		is "$k $f: exit status" "$(report $k $f)" 0
		is "$k $f: stderr" "$(cat "$k.$f.err")" ""
		if [ "${SVC_GOLDEN:-}" = update ]; then
			cp "$k.$f" "$G/$k.$f"
		elif cmp -s "$k.$f" "$G/$k.$f"; then
			ok
		else
			not_ok "$k $f differs from the golden file:"
			diff -u "$G/$k.$f" "$k.$f" | head -n 40
		fi
	done
	unlike "$k html: no script" "$(cat "$k.html")" '<[sS][cC][rR][iI][pP][tT]'
done
# what the goldens must show, so that an update cannot bless a breakage
like "orders: the overdue one first" "$(sed -n 2p orders.csv)" '^open,OVERDUE,[0-9]+,'
like "revisits: a never-due customer" "$(cat revisits.csv)" ',overdue,'
is "kpi: five breaches" "$(grep -c 'WH-2026-' kpi.csv)" 5

finish
