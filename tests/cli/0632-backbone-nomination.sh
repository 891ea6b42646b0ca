#!/bin/sh
# Scheme B's monthly backbone (seeds/001, 四.3: 每月底由运营部长结合各运营
# 主管评选出一名优秀骨干人员): chosen among the month's nominations by
# score, never one of the nominating 运营部长 and 运营主管, from the saved
# weekly scores; a week belongs to the month holding its Thursday (ISO
# 8601) and a nomination to the month of its own date.
. "$SRC/tests/cli/lib.sh"

export SVC_POLICY=$SAMPLE/policies/warehouse.ini
# save DB FIRST LAST: svc-score --save of the weeks 2026-WFIRST..WLAST
save() {
	w=$2
	while [ "$w" -le "$3" ]; do
		svc-score --db "$1" --period 2026-W$w --save >/dev/null 2>&1 ||
		    not_ok "save 2026-W$w"
		w=$((w + 1))
	done
}
# backbone DB MONTH: staff and reason of the month's backbone ("" if none)
backbone() {
	svc-award --db "$1" --period "$2" | grep ',月度优秀骨干,' |
	    cut -d, -f2,16
}

### the sample: one nomination a month, by a 运营主管
svc-log --db w.db init 2>/dev/null
svc-log --db w.db roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log --db w.db customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
svc-log --db w.db import "$SAMPLE/warehouse/events.csv" 2>/dev/null
save w.db 27 40
# pins: the 运营部长 W001, 100 every week, ties the nominee W010 at the top
# of July and does not pick himself; W31 (27 Jul .. 2 Aug) is July's
is "sample 2026-07" "$(backbone w.db 2026-07)" \
    "W010,nominated; best of all: 100"
is "sample 2026-08" "$(backbone w.db 2026-08)" \
    "W014,nominated; best of all: 100"
# pins: W008's nomination of Mon 28 Sep counts in September, though its
# week 2026-W40 is October's
is "sample 2026-09" "$(backbone w.db 2026-09)" \
    "W008,nominated; best of all: 100"
run svc-award --db w.db --period 2026-10
is "sample 2026-10: W40 is October's" "$rc" 0
is "sample 2026-10: no nomination, no backbone" \
    "$(printf '%s\n' "$out" | grep -c 月度优秀骨干)" 0

### the document's positions, weeks across the month ends
cat >roster.csv <<'EOF'
id,name,dept,position,unit,supervisor,leader,active
W001,黄志远,运营服务部,运营部长,运营服务部,,,1
W002,徐晓东,仓储部,运营主管,冷冻库,,W001,1
W006,施大勇,仓储部,仓储作业员,冷冻库,W002,W001,1
W008,孔德胜,仓储部,仓储作业员,冷藏库,W002,W001,1
W014,方静,订单组,订单员,订单组,W002,W001,1
EOF
cat >ev.csv <<'EOF'
ts,staff,kind,value,customer,channel,dept,note,uid
2026-09-02T10:00:00+08:00,W006,late.operation,,,site,仓储部,作业不及时,N-1
2026-09-10T17:00:00+08:00,W001,talent.nominate,,,site,运营服务部,误报: 运营部长,N-2
2026-09-15T17:00:00+08:00,W006,talent.nominate,,,site,仓储部,运营主管推荐,N-3
2026-09-30T17:00:00+08:00,W008,talent.nominate,,,site,仓储部,运营主管推荐,N-4
2026-10-01T10:00:00+08:00,W008,site.disorder,,,site,仓储部,作业现场混乱无序,N-5
2026-10-01T17:00:00+08:00,W014,talent.nominate,,,site,订单组,运营部长推荐,N-6
2026-10-02T10:00:00+08:00,W014,entry.error,,,site,订单组,系统数据录入错误,N-7
2026-10-02T11:00:00+08:00,W014,office.untidy,,,site,订单组,办公区域物品摆放无序,N-8
EOF
svc-log --db d.db init 2>/dev/null
svc-log --db d.db roster roster.csv 2>/dev/null
svc-log --db d.db import ev.csv 2>/dev/null
save d.db 36 40
# September is W36 (31 Aug .. 6 Sep, Thursday 3 Sep) .. W39: W006 95,
# 100, 100, 100 = 98.75; W008 100 each week, its -10 of 1 Oct in W40
# (28 Sep .. 4 Oct, Thursday 1 Oct) being October's; W001 100 too.
# pins: the nominated 运营部长 never wins; among the other nominees the
# best score does (W008 only with W36 in and W40 out)
is "2026-09: the best nominee" "$(backbone d.db 2026-09)" \
    "W008,nominated; best of all: 100"
run svc-score --db d.db --period 2026-W36
is "2026-09: W006 in W36" "$(printf '%s\n' "$out" | grep ',W006,' |
    cut -d, -f10)" 95
# October is W40 alone here: W008 90, W014 85. pins: W008's nomination
# of 30 Sep is September's, so October's only nominee W014 wins
is "2026-10: nominated in October" "$(backbone d.db 2026-10)" \
    "W014,nominated; best of all: 85"

# the same from scores files: W40 goes with October, not September
svc-score --db d.db --period 2026-W36 >w36.csv
svc-score --db d.db --period 2026-W40 >w40.csv
run svc-award --db d.db --period 2026-10 w40.csv
is "files: October from W40" "$(printf '%s\n' "$out" | grep 月度优秀骨干 |
    cut -d, -f2)" W014
run svc-award --db d.db --period 2026-09 w36.csv w40.csv
refused "files: W40 is not September's" 1 \
    'period: scores of 2026-W40 are not in 2026-09'
# pins: only the ledger knows the nominations
mkdir nodb
run sh -c 'cd nodb && svc-award --period 2026-09 ../w36.csv'
refused "files: no ledger" 1 \
    'chosen_by: \[star\.月度优秀骨干\] is chosen among nominations: it needs the ledger'

finish
