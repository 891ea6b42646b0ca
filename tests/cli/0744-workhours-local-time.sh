#!/bin/sh
# Working hours are wall-clock hours of local time: with no [policy]
# timezone, TZ's, across the weekends daylight saving time begins and ends
# in New York (Sunday 2026-03-08, Sunday 2026-11-01); with one, the
# policy's, whatever TZ says.
. "$SRC/tests/cli/lib.sh"
export TZ=America/New_York
W=$SAMPLE/water
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
cat >ny.ini <<'INI'
[policy]
name = office hours

[orders]
due = 4 work hours

[calendar]
holidays = 2026-01-01, 2026-07-03, 2026-11-26, 2026-12-25
hours = 09:00-17:00
INI
o() { svc-log --policy "$1" order open --customer 0101023 --first KF005 --matter m --ts "$2" >/dev/null; }
due() { sql svc.db "SELECT due FROM work_order WHERE id=$1"; }

# Friday 16:00 EST: 1 h that day, 3 h from Monday 09:00, now EDT: 12:00
# (72 hours of clock time less the hour DST took would make it 13:00)
o ny.ini 2026-03-06T16:00
is "spring forward" "$(due 1)" "2026-03-09T12:00:00-04:00"
# Friday 16:00 EDT to Monday 12:00 EST
o ny.ini 2026-10-30T16:00
is "fall back" "$(due 2)" "2026-11-02T12:00:00-05:00"
# a holiday of this calendar: Thursday 11-26 off, Friday 09:00 + 3 h
o ny.ini 2026-11-25T16:00
is "Thanksgiving" "$(due 3)" "2026-11-27T12:00:00-05:00"

# the policy's zone, not TZ's: 08:30-12:00, 13:30-17:30 in Beijing, the
# National Day holiday: opened 09-30 16:00 +08:00, due 10-08 11:00 +08:00
sed 's/^name = office hours$/name = 北京时间\ntimezone = Asia\/Shanghai/;
    s/^holidays = .*/holidays = 2026-10-01..2026-10-07/;
    s/^hours = .*/hours = 08:30-12:00, 13:30-17:30/' ny.ini >bj.ini
o bj.ini 2026-09-30T16:00
is "the policy's zone" "$(sql svc.db 'SELECT due_t FROM work_order WHERE id=4')" \
    "$(TZ=UTC date -d 2026-10-08T03:00:00 +%s)"
finish
