#!/bin/sh
# Scheme A's daily assessment (seeds/000 5)-7)): its four aspects 遵章守纪,
# 文明礼貌, 优质服务, 思想道德 are the kind's fields, and its score is
# their sum (smile.ini value_from = sum) or, as another policy may say,
# their mean; the quarter's score is the mean of the daily scores as
# before (P002: 26 assessments, mean 92).
. "$SRC/tests/cli/lib.sh"
load_sample smile
export SVC_POLICY=$PWD/smile.ini
# val UID: the value svc-log list shows for the event (rows without a note)
val() { svc-log --db smile.db list | awk -F, -v u="$1" '$10 == u { print $5 }'; }
is "aspects stored" "$(sql smile.db "SELECT fields FROM event WHERE uid = 'SM-2026-0001'")" \
    '{"优质服务":25,"思想道德":24,"文明礼貌":23,"遵章守纪":24}'
is "every assessment carries them" "$(sql smile.db "SELECT count(*) FROM event WHERE kind = 'assess' AND fields IS NULL")" 0
run svc-score --db smile.db --period 2026-Q3
like "P002's quarter: the mean of the sums" "$out" '^2026-Q3,P002,王建国,装卸作业部,部门经理,92,'

# add: the aspects alone give the score
run svc-log --db smile.db add assess P005 ts=2026-09-30T18:00:00+08:00 遵章守纪=25 文明礼貌=24 优质服务=23 思想道德=22.5 uid=A1
is "add status" "$rc" 0
is "the sum is the value" "$(val A1)" 94.5
# a value that is not their sum is refused, nothing written
n=$(sql smile.db 'SELECT count(*) FROM event')
run svc-log --db smile.db add assess P005 value=90 遵章守纪=25 文明礼貌=24 优质服务=23 思想道德=22
refused "value not the sum" 1 "^svc-log: value: value '90' is not the sum of the fields \(94\): kind 'assess' takes its value from them; leave it empty$"
run svc-log --db smile.db add assess P005 遵章守纪=26 文明礼貌=24 优质服务=23 思想道德=22
refused "an aspect above 25" 1 "^svc-log: 遵章守纪: '26' out of range \(expected 0 to 25\)$"
is "nothing written" "$(sql smile.db 'SELECT count(*) FROM event')" "$n"
# an assessment without its aspects (logged before them) keeps its value
run svc-log --db smile.db add assess P005 value=88 uid=A2
is "no aspects: the value given" "$(val A2)" 88
is "no aspects: no fields" "$(sql smile.db "SELECT coalesce(fields, 'none') FROM event WHERE uid = 'A2'")" none

# the file itself, scored without a ledger: the aspect columns read
run svc-score --period 2026-Q3 --roster "$SAMPLE/smile/roster.csv" "$SAMPLE/smile/events.csv"
like "scored from the file" "$out" '^2026-Q3,P002,王建国,装卸作业部,部门经理,92,'
sed '2s/,24,23,25,24$/,24,23,25,26/' "$SAMPLE/smile/events.csv" > e.csv
run svc-score --period 2026-Q3 --roster "$SAMPLE/smile/roster.csv" e.csv
refused "file: an aspect out of range" 1 "^svc-score: e.csv:2: 思想道德: '26' out of range \(expected 0 to 25\)$"

# value_from = mean: the mean of the aspects given
sed 's/^value_from = sum$/value_from = mean/' smile.ini > mean.ini
run svc-log --db smile.db --policy mean.ini add assess P005 遵章守纪=25 文明礼貌=24 优质服务=23 思想道德=22 uid=A3
is "mean" "$(val A3)" 23.5
finish
