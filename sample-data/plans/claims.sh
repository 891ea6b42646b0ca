#!/bin/sh
# The claims desk's November 2026 (驻郑交客服部, plans.ini's
# [category.claim]): claims are work orders, so they are written through
# svc-log order commands, not imported as event rows. Runs on the ledger
# and policy of SVC_DB and SVC_POLICY: a ledger holding sample-data/plans/
# roster and customers, and plans.ini.
#
# 首问负责制: whoever takes the report (--first) owns the claim until it
# is assigned. Expected, judged at the end of November (sample-data/
# README.md): claim 4 (12,000 yuan, reported Monday 11-16, notified only
# the next morning) is flagged; claim 5 (15,000 yuan, notified the same
# afternoon) is not; 7 of the 9 claims opened and not cancelled are
# closed by 11-30: 结案率 77.8 %, below the 85 % target.
set -eu
: "${SVC_DB:?the ledger}" "${SVC_POLICY:?plans.ini}"
O=svc-log
claim() { # TS FIRST AMOUNT MATTER: prints the new claim's id
	$O order open --category claim --customer DK001 --channel phone \
	    --ts "$1" --first "$2" --matter "$4" amount="$3"
}
c1=$(claim 2026-11-03T09:20:00+08:00 E042 3200 "客运三公司客车追尾, 后保险杠受损")
$O order assign "$c1" E041 --ts 2026-11-03T10:00:00+08:00
$O order close "$c1" --ts 2026-11-05T16:00:00+08:00 --resolution "定损3200元, 赔款已支付"
c2=$(claim 2026-11-05T14:10:00+08:00 E042 800 "出租车后视镜刮擦")
$O order close "$c2" --ts 2026-11-05T15:00:00+08:00 --resolution "小额赔款当场赔付"
c3=$(claim 2026-11-10T10:30:00+08:00 E043 6500 "货运公司货车与护栏相撞")
$O order close "$c3" --ts 2026-11-16T11:00:00+08:00 --resolution "赔款理算完毕, 已支付"
# week 47 (11-16..11-22): the weekly report's claims
c4=$(claim 2026-11-16T08:40:00+08:00 E042 12000 "长途客车与货车相撞, 估损一万二千元")
$O order assign "$c4" E041 --ts 2026-11-16T09:30:00+08:00
$O order notify "$c4" --ts 2026-11-17T09:30:00+08:00
$O order close "$c4" --ts 2026-11-27T15:00:00+08:00 --resolution "赔款已支付"
c5=$(claim 2026-11-18T16:20:00+08:00 E041 15000 "冷链货车侧翻, 估损一万五千元")
$O order notify "$c5" --ts 2026-11-18T17:05:00+08:00
$O order wait "$c5" --ts 2026-11-20T10:00:00+08:00 --reason "等交警事故认定书"
c6=$(claim 2026-11-19T11:00:00+08:00 E042 1500 "公交车倒车撞墙")
$O order close "$c6" --ts 2026-11-19T11:40:00+08:00 --resolution "小额赔款当场赔付"
c7=$(claim 2026-11-20T09:15:00+08:00 E043 2600 "客车挡风玻璃破碎")
$O order close "$c7" --ts 2026-11-24T10:00:00+08:00 --resolution "赔款已支付"
c8=$(claim 2026-11-24T13:30:00+08:00 E042 9800 "货车追尾小轿车")
$O order assign "$c8" E043 --ts 2026-11-24T14:00:00+08:00
$O order close "$c8" --ts 2026-11-30T16:00:00+08:00 --resolution "赔款已支付"
c9=$(claim 2026-11-26T10:00:00+08:00 E041 4300 "客车车门夹伤乘客")
$O order cancel "$c9" --ts 2026-11-27T09:00:00+08:00 --reason "客户撤案"
claim 2026-11-27T15:45:00+08:00 E042 7000 "货车装卸时车厢变形" >/dev/null
