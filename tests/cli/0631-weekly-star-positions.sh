#!/bin/sh
# Scheme B's weekly best (seeds/001, 四.3: 根据每周的人员评定结果在每个岗位
# 评选一名优秀人员, 50-100元): the positions that compete are those with an
# assessment sheet, the star's positions key in the warehouse sample. The
# 运营部长, 运营主管, 客服主管, 品控主管 and 客服专员 have no sheet and no
# charges, and are never paid the weekly 100 yuan.
. "$SRC/tests/cli/lib.sh"

export SVC_DB=w.db SVC_POLICY=$SAMPLE/policies/warehouse.ini
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/warehouse/events.csv" 2>/dev/null

# every week of the sample, 2026-W27 .. 2026-W40
: >stars.csv
w=27
while [ $w -le 40 ]; do
	svc-score --period 2026-W$w | svc-award | grep ',岗位周优秀,' >>stars.csv
	w=$((w + 1))
done
# position of each weekly winner, from the roster
positions=$(cut -d, -f2 stars.csv | while read -r id; do
	grep "^$id," "$SAMPLE/warehouse/roster.csv" | cut -d, -f4
done | LC_ALL=C sort | uniq -c | sed 's/^ *//' | tr '\n' ' ')
# pins: one star a week for each of the three positions with a sheet, for
# no other (the 订单员 of 2026-W34 with a complaint is passed over, and
# another 订单员 wins)
is "weekly stars by position" "$positions" \
    "14 上下架员 14 仓储作业员 14 订单员 "
is "weekly stars paid" "$(cut -d, -f6 stars.csv | LC_ALL=C sort -u)" 100
unlike "no star without a sheet" "$(cut -d, -f2 stars.csv)" \
    '^W00[1-5]$|^W01[78]$'

finish
