#!/bin/sh
# svc-log check and the working calendar: working days counted without a
# [calendar] are an error; a calendar that does not name the year of the
# checked period, or of the latest events, is warned about.
. "$SRC/tests/cli/lib.sh"
W=$SAMPLE/water
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
cat >cal.ini <<'INI'
[policy]
name = 工作日

[kind.praise]
counts_as = praise

[orders]
due = 3 workdays

[revisit.resident]
every = 5 workdays

[calendar]
holidays = 2026-01-01..2026-01-03, 2026-02-15..2026-02-23
holidays = 2026-04-04..2026-04-06, 2026-05-01..2026-05-05
holidays = 2026-06-19..2026-06-21, 2026-09-25..2026-09-27
holidays = 2026-10-01..2026-10-07
workdays = 2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09
workdays = 2026-09-20, 2026-10-10
INI
svc-log --policy cal.ini add praise KF005 ts=2026-10-09T10:00 >/dev/null

# a 2026 calendar, a 2026 period, 2026 events: nothing to say about it
run svc-log --policy cal.ini check --period 2026-10
is "covered: exit" "$rc" 0
unlike "covered: no calendar finding" "$out" 'calendar|working days'

# the period to score is in 2027
run svc-log --policy cal.ini check --period 2027-01
is "2027 period: a warning, exit 0" "$rc" 0
like "2027 period: warned" "$out" \
    "^warning: cal.ini:13: \[calendar\] names 2026 only: 2027-01 is not covered, its holidays and make-up working days are unknown \(only weekends are off\)$"
# events in 2027, the period still in 2026
svc-log --policy cal.ini add praise KF005 ts=2027-01-05T10:00 >/dev/null
run svc-log --policy cal.ini check --period 2026-12
is "2027 events: exit 0" "$rc" 0
like "2027 events: warned" "$out" \
    "^warning: cal.ini:13: \[calendar\] names 2026 only: events go on to 2027-01-05 \(event 2\), beyond it \(only weekends are off there\)$"
# two years named: 2027 is covered
sed 's/^workdays = 2026-09-20, 2026-10-10$/workdays = 2026-09-20, 2026-10-10\nholidays = 2027-01-01/' cal.ini >two.ini
run svc-log --policy two.ini check --period 2027-01
unlike "2026 to 2027: covered" "$out" 'calendar'

# working days without a calendar: an error for each, exit 1
sed '/^\[calendar\]/,$d' cal.ini >nocal.ini
run svc-log --policy nocal.ini check --period 2026-10
is "no calendar: exit 1" "$rc" 1
like "no calendar: [orders]" "$out" \
    "^error: nocal.ini:7: \[orders\] due counts working days, but the policy has no \[calendar\]: holidays would be working days$"
like "no calendar: [revisit.resident]" "$out" \
    "^error: nocal.ini:10: \[revisit.resident\] counts working days, but the policy has no \[calendar\]: holidays would be working days$"
# a category's due and a schedule's days = workdays count working days too
cat >nocal2.ini <<'INI'
[policy]
name = 理赔与消毒
[kind.praise]
counts_as = praise
[category.claim]
field.amount = money
due = 10 workdays
[schedule.s]
kind = praise
every = 1/day
unit = 胜利路营业厅
days = workdays
INI
run svc-log --policy nocal2.ini check --period 2026-10
is "no calendar, category and schedule: exit 1" "$rc" 1
like "no calendar: [category.claim]" "$out" \
    "^error: nocal2.ini:5: \[category.claim\] due counts working days, but the policy has no \[calendar\]: holidays would be working days$"
like "no calendar: [schedule.s]" "$out" \
    "^error: nocal2.ini:8: \[schedule.s\] days = workdays counts working days, but the policy has no \[calendar\]: holidays would be working days$"
printf '[calendar]\nholidays = 2026-10-01..2026-10-07\n' >>nocal2.ini
run svc-log --policy nocal2.ini check --period 2026-10
unlike "with a calendar: no working-days error" "$out" 'working days'
# calendar days need no calendar
sed 's/ workdays$/ days/; s/^due = 3 days$/due = 3d/' nocal.ini >days.ini
run svc-log --policy days.ini check --period 2026-10
is "calendar days: exit 0" "$rc" 0
unlike "calendar days: no calendar finding" "$out" 'calendar|working days'

# the sample policies with due times or cadences carry the 2026 schedule
# (a ledger of 2026 only)
export SVC_DB=sample.db
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
for s in water warehouse; do
	cp "$SAMPLE/policies/$s.ini" .
	line=$(grep -n '^\[calendar\]' $s.ini | cut -d: -f1)
	run svc-log --policy $s.ini check --period 2026-10
	unlike "$s: 2026 covered" "$out" 'calendar'
	run svc-log --policy $s.ini check --period 2027-01
	like "$s: 2027 not covered" "$out" \
	    "^warning: $s.ini:$line: \[calendar\] names 2026 only: 2027-01 is not covered"
done
svc-log --policy water.ini order open --customer 0101023 --first KF005 \
    --matter 国庆前报修 --ts 2026-09-30T10:00 --due '3 workdays' >/dev/null
is "water: 3 workdays from 09-30" "$(sql sample.db 'SELECT due FROM work_order')" \
    "2026-10-10T10:00:00+08:00"
svc-log --policy warehouse.ini order open --customer 0101023 --first KF005 \
    --matter 春节前 --ts 2026-02-13T09:00 --due '3 workdays' >/dev/null
is "warehouse: 3 workdays from 02-13" "$(sql sample.db 'SELECT due FROM work_order WHERE id=2')" \
    "2026-02-25T09:00:00+08:00"
finish
