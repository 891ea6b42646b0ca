#!/bin/sh
# Scheme E's sample (sample-data/policies/plans.ini, sample-data/plans/):
# the visitor register of November 2026 as sample-data/README.md states
# it: 14 entries at the two offices (8 and 6), two at or above 37.3 (37.3 on
# 11-16, 37.6 on 11-24) and 37.2 not; the day's register of 2026-11-16;
# the entries move no one's score; 43.1 is refused at entry.
. "$SRC/tests/cli/lib.sh"
load_sample plans
export SVC_DB=$PWD/plans.db SVC_POLICY=$PWD/plans.ini

is "the sample's rows are visitor entries, uids PV-2026-NNNN" \
    "$(sql plans.db "SELECT count(*), min(uid), max(uid) FROM event WHERE kind = 'visitor'")" \
    "14|PV-2026-0001|PV-2026-0014"
run svc-report register visitor --period 2026-11 --format csv
is "november: every entry, by office" \
    "$(printf '%s\n' "$out" | pick entries 'staff unit' | sed 1d | LC_ALL=C sort | uniq -c | sed 's/^ *//')" \
    "8 人民路营业厅
6 建设路营业厅"
is "november: the alerts" "$(printf '%s\n' "$out" | pick alerts time staff name visitor temperature)" \
    "time,staff,name,visitor,temperature
2026-11-16 09:03,E021,杨帆,刘洋,37.3
2026-11-24 08:45,E031,吴芳,林海燕,37.6"
is "november: 37.2 not marked" \
    "$(printf '%s\n' "$out" | pick entries temperature alert | grep '^37\.2,')" "37.2,"
is "november: temperatures 36.2 to 37.0 besides" \
    "$(printf '%s\n' "$out" | pick entries temperature | sed 1d | sort -n | sed -n '1p;$p' | tr '\n' ' ')" \
    "36.2 37.6 "

# the day's register
run svc-report register visitor --period 2026-11-16 --width 100
is "day: status" "$rc" 0
like "day: three entries" "$out" '^3 entries of kind visitor in 2026-11-16'
like "day: the alert" "$out" '^Alerts: 1 of 3 entries meets temperature >= 37\.3\.$'
like "day: 37.3 marked" "$out" '^09:03 +E021 +杨帆 +人民路营业厅 +刘洋 .* 37\.3 +E020 陈志刚 +09:30 +ALERT$'

# the register is a record: the month's scores are those of the same
# ledger without its visitor entries
run svc-score --period 2026-11
with=$(printf '%s\n' "$out" | cut -d, -f2,6-10)
svc-log --db nov.db init 2>/dev/null
svc-log --db nov.db roster "$SAMPLE/plans/roster.csv" 2>/dev/null
svc-log --db nov.db customers "$SAMPLE/plans/customers.csv" 2>/dev/null
grep -v '^[^,]*,[^,]*,visitor,' "$SAMPLE/plans/events.csv" >other.csv
svc-log --db nov.db import other.csv 2>/dev/null
run svc-score --db nov.db --period 2026-11
is "scores: the same without the visitors" \
    "$(printf '%s\n' "$out" | cut -d, -f2,6-10)" "$with"
like "scores: E021, who registered four visitors" "$with" '^E021,100,0,0,0,100$'

# 43.1 at entry
sed -n 1p "$SAMPLE/plans/events.csv" > hot.csv
printf '%s\n' '2026-11-27T09:00:00+08:00,E032,visitor,,,,,,PV-2026-0099,钱七,某公司,43.1,E030,' >> hot.csv
run svc-log import hot.csv
refused "43.1 refused" 1 "^svc-log: hot\.csv:2: temperature: '43\.1' out of range \(expected 34 to 43\)$"
finish
