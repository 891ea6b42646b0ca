#!/bin/sh
# svc-report monthly: a window_score target judges the units it names
# (units = ...), in that order, and no others: the water sample's
# 供水窗口每月综合得分不低于99分 covers 胜利路营业厅 and 行政服务中心窗口, not the
# hotline (热线调度班, 98.0 in August), data entry (微机班, 94 for KF012)
# or the meter readers. A name no one in the roster has shows "no data";
# units on another metric is refused at load.
. "$SRC/tests/cli/lib.sh"
load_sample water
export SVC_DB=water.db

run svc-report monthly --policy water.ini --period 2026-08 \
    --as-of 2026-10-01 --format csv
is "exit" "$rc" 0
# targets: the targets as the text shows them
targets() {
	printf '%s\n' "$out" | pick targets target measured value \
	    'target value' result previous
}
rows=$(targets | grep '^供水窗口每月综合得分不低于99分,')
is "the two windows only, in the policy's order" "$rows" \
"供水窗口每月综合得分不低于99分,胜利路营业厅,100.0,>= 99,met,98.3
供水窗口每月综合得分不低于99分,行政服务中心窗口,100.0,>= 99,met,100.0"
unlike "the hotline is not judged" "$(targets)" '^供水窗口[^,]*,热线调度班,'
unlike "data entry is not judged" "$(targets)" '^供水窗口[^,]*,微机班,'

# without units, every unit of the roster (the former default)
sed '/^units = /d' water.ini >all.ini
run svc-report monthly --policy all.ini --period 2026-08 \
    --as-of 2026-10-01 --format csv
like "no units: every unit" "$(targets)" \
    '供水窗口每月综合得分不低于99分,热线调度班,98\.0,>= 99,MISSED,'

# a unit nobody is in
sed 's/^units = .*/units = 胜利路营业厅, 东区营业厅/' water.ini >typo.ini
run svc-report monthly --policy typo.ini --period 2026-08 \
    --as-of 2026-10-01 --format csv
like "an unknown unit has no data" "$(targets)" \
    '^供水窗口每月综合得分不低于99分,东区营业厅,,>= 99,no data,$'

# checked at load
line=$(grep -n '^units = ' water.ini | cut -d: -f1)
sed 's/^metric = window_score$/metric = score_mean/' water.ini >metric.ini
run svc-report monthly --policy metric.ini --period 2026-08
refused "units on another metric" 1 \
    "metric.ini:$line: units: units with metric 'score_mean' \(only window_score is judged per unit\)"
sed 's/^units = .*/units = 胜利路营业厅, , 微机班/' water.ini >empty.ini
run svc-score --policy empty.ini --period 2026-08
refused "an empty name" 1 "empty.ini:$line: units: empty unit name in"
sed 's/^units = .*/units = 微机班,微机班/' water.ini >twice.ini
run svc-log --policy twice.ini list
refused "a name twice" 1 "twice.ini:$line: units: unit '微机班' listed twice"

finish
