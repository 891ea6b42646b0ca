#!/bin/sh
# A claim above notify_above opened on the last day of a period and never
# notified is flagged in that period's reports once the period is over:
# judged at the period's last second, its day has come to its end (as a
# schedule's window has); before, it was "due today" for good, in no
# month's or week's list. Notified at that last second is on time.
. "$SRC/tests/cli/lib.sh"
cp "$SAMPLE/policies/plans.ini" .
export SVC_DB=plans.db SVC_POLICY=plans.ini TZ=America/New_York
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/plans/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/plans/customers.csv" 2>/dev/null
claim() { svc-log order open --category claim --customer DK001 \
    --matter "货车追尾" --first E042 "$@"; }

# 11-30 is a Monday, the last day of November; 11-22 the Sunday ending W47
claim --ts 2026-11-30T10:00:00+08:00 amount=12000 >/dev/null 2>&1
claim --ts 2026-11-30T11:00:00+08:00 amount=13000 >/dev/null 2>&1
svc-log order notify 2 --ts 2026-11-30T23:59:59+08:00 >/dev/null 2>&1
claim --ts 2026-11-22T23:00:00+08:00 amount=14000 >/dev/null 2>&1

run svc-report orders --kind claim --period 2026-11 --as-of 2026-12-05 \
    --format csv
is "month: the last day's claims" "$(printf '%s\n' "$out" | pick opened id notice)" \
"id,notice
1,NOT NOTIFIED
2,on time
3,NOT NOTIFIED"
is "month: the unnotified ones" "$(printf '%s\n' "$out" | pick unnotified id notified)" \
"id,notified
1,NOT NOTIFIED
3,NOT NOTIFIED"
run svc-report monthly --period 2026-11 --as-of 2026-12-05 --format csv
is "monthly: flagged too" "$(printf '%s\n' "$out" | pick unnotified id)" \
"id
1
3"
run svc-report orders --kind claim --period 2026-W47 --as-of 2026-12-05 \
    --format csv
is "week: its Sunday's claim" "$(printf '%s\n' "$out" | pick unnotified id)" \
"id
3"
# while the day runs it is still due
run svc-report orders --kind claim --period 2026-11 \
    --as-of 2026-11-30T23:59:00+08:00 --format csv
is "the day running: due today" "$(printf '%s\n' "$out" | pick opened id notice)" \
"id,notice
1,due today
2,due today
3,NOT NOTIFIED"
# judged while a claim's day runs, a notification made after that moment
# (the next morning) is not known yet: due today, not flagged as late
svc-log order notify 3 --ts 2026-11-23T09:00:00+08:00 >/dev/null 2>&1
run svc-report orders --kind claim --period 2026-W47 \
    --as-of 2026-11-22T23:30:00+08:00 --format csv
is "notified after the moment judged: due today" \
    "$(printf '%s\n' "$out" | pick opened id notified notice)" \
"id,notified,notice
3,,due today"
is "and not listed as unnotified" "$(printf '%s\n' "$out" | grep -c '^unnotified,')" 0
run svc-report monthly --period 2026-11 --as-of 2026-11-22T23:30:00+08:00 \
    --format csv
is "monthly: not flagged either" "$(printf '%s\n' "$out" | grep -c '^unnotified,')" 0
run svc-report orders --kind claim --period 2026-11 --as-of 2026-12-05 \
    --format csv
is "judged after the notification: late" \
    "$(printf '%s\n' "$out" | pick opened id notice | grep '^3,')" "3,LATE"
finish
