#!/bin/sh
# A policy's [calendar] (the State Council's 2026 schedule) and work
# orders due in working days: an order opened before the National Day
# holiday is not overdue during it; calendar days ("3d") mean what they
# always meant.
. "$SRC/tests/cli/lib.sh"
W=$SAMPLE/water
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
cat >cal.ini <<'INI'
[policy]
name = 工作日

[orders]
due = 3 workdays

[calendar]
holidays = 2026-01-01..2026-01-03, 2026-02-15..2026-02-23
holidays = 2026-04-04..2026-04-06, 2026-05-01..2026-05-05
holidays = 2026-06-19..2026-06-21, 2026-09-25..2026-09-27
holidays = 2026-10-01..2026-10-07
workdays = 2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09
workdays = 2026-09-20, 2026-10-10
INI
o() { svc-log --policy cal.ini order open --customer 0101023 --first KF005 "$@"; }
due() { sql svc.db "SELECT due FROM work_order WHERE id=$1"; }

# opened 09-30 10:00, 3 workdays: 10-08, 10-09 and the make-up Saturday
# 10-10; the policy's default
run o --matter 国庆前报修 --ts 2026-09-30T10:00
is "open" "$rc" 0
is "due on the make-up Saturday" "$(due 1)" "2026-10-10T10:00:00+08:00"
# --due in working days, and in calendar days as before
o --matter a --ts 2026-09-30T10:00 --due '1 workdays' >/dev/null
is "--due 1 workdays: after the holiday" "$(due 2)" "2026-10-08T10:00:00+08:00"
o --matter b --ts 2026-09-30T10:00 --due 3d >/dev/null
is "--due 3d: calendar days" "$(due 3)" "2026-10-03T10:00:00+08:00"
o --matter c --ts 2026-09-30T10:00 --due '3 days' >/dev/null
is "--due '3 days'" "$(due 4)" "2026-10-03T10:00:00+08:00"
# Spring Festival: Saturday 02-14 worked, 02-15..02-23 off
o --matter d --ts 2026-02-13T09:00 >/dev/null
is "Spring Festival" "$(due 5)" "2026-02-25T09:00:00+08:00"
o --matter e --ts 2026-02-26T17:00 --due 2workdays >/dev/null
is "Saturday 02-28 worked" "$(due 6)" "2026-02-28T17:00:00+08:00"

# overdue: order 1 not during the holiday, order 3 (3d) is
run svc-log order list --overdue --as-of 2026-10-07
is "as of 10-07: only the calendar-day order" \
    "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "3 4 5 6 "
run svc-log order list --overdue --as-of 2026-10-10T10:00
unlike "as of its due time: order 1 not yet" "$(printf '%s\n' "$out" | cut -d, -f1)" '^1$'
run svc-log order list --overdue --as-of 2026-10-10T10:01
like "a minute later: order 1 overdue" "$(printf '%s\n' "$out" | cut -d, -f1)" '^1$'

# bad usage and bad calendars: file:line:key, exit 1, nothing written
before=$(sql svc.db 'SELECT count(*) FROM work_order')
run o --matter f --due '3 weeks'
refused "bad --due" 1 "^svc-log: --due: bad due '3 weeks' \(a date 2026-10-15, a timestamp, or a delay like 3d, 48h, 3 workdays or 4 work hours\)$"
run o --matter f --due '0 workdays'
refused "0 workdays" 1 "--due: bad due '0 workdays'"
sed 's/^workdays = 2026-09-20, 2026-10-10$/workdays = 2026-09-20, 2026-10-03/' cal.ini >clash.ini
run svc-log --policy clash.ini order open --customer 0101023 --first KF005 --matter x
refused "a day both off and worked" 1 "^svc-log: clash.ini:13: workdays: 2026-10-03 is already a holiday \(line 11\)$"
sed 's/^workdays = 2026-09-20, 2026-10-10$/workdays = 2026-09-21/' cal.ini >weekday.ini
run svc-log --policy weekday.ini order open --customer 0101023 --first KF005 --matter x
refused "a make-up day on a Monday" 1 "^svc-log: weekday.ini:13: workdays: 2026-09-21 is a Monday, a working day anyway: make-up working days fall on a Saturday or Sunday$"
sed 's/^holidays = 2026-10-01..2026-10-07$/holidays = 2026-10-01..2026-10-32/' cal.ini >baddate.ini
run svc-log --policy baddate.ini order open --customer 0101023 --first KF005 --matter x
refused "a bad date" 1 "^svc-log: baddate.ini:11: holidays: bad date '2026-10-01..2026-10-32'"
sed 's/^due = 3 workdays$/due = 3 weekdays/' cal.ini >baddue.ini
run svc-log --policy baddue.ini order open --customer 0101023 --first KF005 --matter x
refused "a bad [orders] due" 1 "^svc-log: baddue.ini:5: due: bad duration '3 weekdays'"
is "nothing written" "$(sql svc.db 'SELECT count(*) FROM work_order')" "$before"

# the policy without its calendar: only weekends are off (svc-log check
# calls that an error, see 0742)
sed '/^\[calendar\]/,$d' cal.ini >nocal.ini
svc-log --policy nocal.ini order open --customer 0101023 --first KF005 \
    --matter g --ts 2026-09-30T10:00 >/dev/null
is "no calendar: Monday 10-05" "$(due 7)" "2026-10-05T10:00:00+08:00"
finish
