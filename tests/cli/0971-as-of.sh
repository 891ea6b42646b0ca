#!/bin/sh
# --as-of: one parser and one meaning in every tool. A date (or today,
# yesterday) is the end of that local day, a timestamp is that instant.
# svc-award only uses the calendar date of it, so a posting decided on a
# day starts on that day whatever the time.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
cp "$F/roster.csv" .
cat > p.ini <<'INI'
[policy]
name = 测试
period = month

[kind.complaint]
counts_as = complaint
points = -5

[tier.优秀]
min = 100
amount = 200

[posting]
days = 30
INI
export SVC_POLICY=p.ini SVC_DB=t.db
svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null
first=$(sed -n 2p roster.csv | cut -d, -f1)
cat > s.csv <<CSV
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit
2026-07,$first,甲,d,p,100,0,4,0,104,0,2,2,yes,,u
CSV

# svc-award takes the forms the other tools take, and a time of day
# does not move the posting dates
run svc-award --as-of 2026-08-01 s.csv
is "award: a date" "$rc" 0
like "award: posting from that day" "$out" ",2026-08-01,2026-08-31,2026-09,"
day=$out
run svc-award --as-of 2026-08-01T23:30 s.csv
is "award: a timestamp" "$rc" 0
is "award: the same dates late in the day" "$out" "$day"
run svc-award --as-of 2026-08-01T00:00:00+08:00 s.csv
is "award: the same dates at midnight" "$out" "$day"
run svc-award --as-of yesterday s.csv
is "award: yesterday" "$rc" 0
run svc-award --as-of 2026-08-01T25:00 s.csv
refused "award: bad time" 2 "--as-of: bad time '2026-08-01T25:00': expected a date"

# svc-log and svc-report take today and yesterday like svc-award
run svc-log order list --overdue --as-of yesterday
is "order list: yesterday" "$rc" 0
run svc-log order list --as-of today
is "order list: today" "$rc" 0
run svc-report orders --as-of today
is "report: today" "$rc" 0
like "report: as of today" "$out" "as of $(date +%Y-%m-%d)"
run svc-report orders --as-of 2026-10-31 --format csv
is "report: a date" "$rc" 0
run svc-report orders --as-of tomorrow
refused "report: bad as-of" 2 "--as-of: bad time 'tomorrow': expected a date"

finish
