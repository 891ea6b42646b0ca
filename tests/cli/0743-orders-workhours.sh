#!/bin/sh
# Work orders due in working hours: [calendar] hours = 08:30-12:00,
# 13:30-17:30 (7.5 h a working day) under the State Council's 2026
# schedule. Every instant below is counted by hand in its comment.
. "$SRC/tests/cli/lib.sh"
W=$SAMPLE/water
svc-log init 2>/dev/null
svc-log roster "$W/roster.csv" 2>/dev/null
svc-log customers "$W/customers.csv" 2>/dev/null
cat >hours.ini <<'INI'
[policy]
name = 工作小时

[orders]
due = 4 work hours

[calendar]
holidays = 2026-01-01..2026-01-03, 2026-02-15..2026-02-23
holidays = 2026-04-04..2026-04-06, 2026-05-01..2026-05-05
holidays = 2026-06-19..2026-06-21, 2026-09-25..2026-09-27
holidays = 2026-10-01..2026-10-07
workdays = 2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09
workdays = 2026-09-20, 2026-10-10
hours = 08:30-12:00, 13:30-17:30
INI
o() { svc-log --policy hours.ini order open --customer 0101023 --first KF005 "$@"; }
due() { sql svc.db "SELECT due FROM work_order WHERE id=$1"; }
ids() { printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' '; }

# 1: Wednesday 09-30 16:00, the policy's 4 work hours: 1.5 h to 17:30,
# 10-01..10-07 off, 2.5 h from 08:30 on Thursday 10-08: 11:00
run o --matter 国庆前报修 --ts 2026-09-30T16:00
is "open" "$rc" 0
is "across National Day" "$(due 1)" "2026-10-08T11:00:00+08:00"
# 2: Friday 10-09 16:00: 1.5 h, then 2.5 h of the make-up Saturday 10-10
o --matter a --ts 2026-10-09T16:00 --due '4 work hours' >/dev/null
is "the make-up Saturday" "$(due 2)" "2026-10-10T11:00:00+08:00"
# 3: Sunday night 10-11 22:00: Monday 10-12 08:30-12:00 (3.5 h), then
# half an hour from 13:30
o --matter b --ts 2026-10-11T22:00 --due '4work hours' >/dev/null
is "a Sunday night" "$(due 3)" "2026-10-12T14:00:00+08:00"
# 4: 20 h from 09-30 16:00: 1.5 + 7.5 (10-08) + 7.5 (10-09) = 16.5, then
# 3.5 h of Saturday 10-10's morning, used up exactly at its end: 12:00
o --matter c --ts 2026-09-30T16:00 --due '20 work hours' >/dev/null
is "exactly at an interval's end" "$(due 4)" "2026-10-10T12:00:00+08:00"
# 5: opened at 12:00 exactly, in nobody's working time: 13:30 + 1 h
o --matter d --ts 2026-10-12T12:00 --due '1 work hours' >/dev/null
is "opened at an interval's end" "$(due 5)" "2026-10-12T14:30:00+08:00"
# 6: calendar days as before: 10-09 16:00 + 3d
o --matter e --ts 2026-10-09T16:00 --due 3d >/dev/null
is "3d: calendar days" "$(due 6)" "2026-10-12T16:00:00+08:00"
is "the orders that count work hours" \
    "$(sql svc.db 'SELECT id, due_work FROM work_order WHERE due_work IS NOT NULL ORDER BY id' | tr '\n' ' ')" \
    "1|4 2|4 3|4 4|20 5|1 "

# overdue: order 1 at its due time not yet, a minute later yes
run svc-log order list --overdue --as-of 2026-10-08T11:00
is "as of 10-08 11:00: none" "$(ids)" ""
run svc-log order list --overdue --as-of 2026-10-08T11:01
is "a minute later: order 1" "$(ids)" "1 "

# order 2 waits from Friday 17:00 to Saturday 09:00: half an hour of
# Friday's working time and half an hour of Saturday's, so it is due an
# hour of working time later, 12:00 (the night would make it 10-11 03:00);
# order 6 (3d) waits as long and moves by all of it: 10-13 08:00
for id in 2 6; do
	svc-log order wait $id --reason 客户不在家 --ts 2026-10-09T17:00
	svc-log order resume $id --ts 2026-10-10T09:00
done
run svc-log --policy hours.ini order list --overdue --as-of 2026-10-10T12:00
is "the moved due: not yet (order 4 due at 12:00 too)" "$(ids)" "1 "
run svc-log --policy hours.ini order list --overdue --as-of 2026-10-10T12:01
is "the moved due: a minute later" "$(ids)" "1 2 4 "
run svc-log --policy hours.ini order list --overdue --as-of 2026-10-13T08:00
is "the 3d order moved by the whole wait" "$(ids)" "1 2 3 4 5 "
run svc-log --policy hours.ini order list --overdue --as-of 2026-10-13T08:01
is "and then overdue" "$(ids)" "1 2 3 4 5 6 "
# without the policy's hours at hand the time waited counts whole
run svc-log order list --overdue --as-of 2026-10-10T12:01
is "no --policy: the whole wait" "$(ids)" "1 4 "
# the report: order 2 overdue by 59 minutes at 12:59, paused 16 h
run svc-report orders --policy hours.ini --as-of 2026-10-10T12:59 --format csv
is "report" "$rc" 0
is "report: overdue by working time, paused as waited" \
    "$(printf '%s\n' "$out" | pick open id due 'overdue d' 'paused d' | grep '^2,')" \
    "2,2026-10-10 11:00,0.0,0.7"
# closed at 11:45, before its moved due: not late
svc-log order close 2 --resolution 已修 --ts 2026-10-10T11:45
run svc-report orders --policy hours.ini --as-of 2026-10-31 --format csv
is "report: closed on time" \
    "$(printf '%s\n' "$out" | pick closed id late | grep '^2,')" "2,"

# refused, nothing written: no hours, no policy, a spelling of our own
sed '/^hours = /d; /^\[orders\]$/,/^$/d' hours.ini >nohours.ini
before=$(sql svc.db 'SELECT count(*) FROM work_order')
run svc-log --policy nohours.ini order open --customer 0101023 --first KF005 \
    --matter x --due '4 work hours'
refused "no hours" 1 "^svc-log: --due: '4 work hours' counts working hours, but the policy has no \[calendar\] hours$"
run svc-log order open --customer 0101023 --first KF005 --matter x \
    --due '4 work hours'
refused "no policy" 1 "^svc-log: --due: '4 work hours' counts working hours, but no policy gives its \[calendar\] hours$"
run o --matter x --due '4 workhours'
refused "4 workhours" 1 "^svc-log: --due: bad due '4 workhours' \(a date 2026-10-15, a timestamp, or a delay like 3d, 48h, 3 workdays or 4 work hours\)$"
run o --matter x --due '0 work hours'
refused "0 work hours" 1 "--due: bad due '0 work hours'"
is "nothing written" "$(sql svc.db 'SELECT count(*) FROM work_order')" "$before"

# bad policies: file:line:key, exit 1
sed '/^hours = /d' hours.ini >nohours2.ini
run svc-log --policy nohours2.ini order list
refused "[orders] due in work hours, no hours" 1 "^svc-log: nohours2.ini:5: due: 4 work hours count working hours, but the policy has no \[calendar\] hours \(such as hours = 08:30-12:00, 13:30-17:30\)$"
sed 's/^hours = .*/hours = 08:30-12:00, 11:30-17:30/' hours.ini >overlap.ini
run svc-log --policy overlap.ini order list
refused "overlapping hours" 1 "^svc-log: overlap.ini:14: hours: interval '11:30-17:30' starts before the one before it ends \(intervals are in order and do not overlap\)$"
sed 's/^hours = .*/hours = 13:30-17:30, 08:30-12:00/' hours.ini >order.ini
run svc-log --policy order.ini order list
refused "hours out of order" 1 "^svc-log: order.ini:14: hours: interval '08:30-12:00' starts before"
sed 's/^hours = .*/hours = 8:30-12:00/' hours.ini >hhmm.ini
run svc-log --policy hhmm.ini order list
refused "H:MM" 1 "^svc-log: hhmm.ini:14: hours: bad interval '8:30-12:00' \(expected local times like 08:30-12:00, separated by commas\)$"
sed 's/^hours = .*/hours = 17:30-13:30/' hours.ini >backwards.ini
run svc-log --policy backwards.ini order list
refused "backwards" 1 "^svc-log: backwards.ini:14: hours: interval '17:30-13:30' does not end after it starts$"
printf 'hours = 18:00-20:00\n' >>hours.ini
run svc-log --policy hours.ini order list
refused "hours twice" 1 "^svc-log: hours.ini:15: hours: duplicate key \(first at line 14\)$"
sed -i '$d' hours.ini

# the sample plans.ini has these hours
run svc-log --policy "$SAMPLE/policies/plans.ini" order open --customer 0101023 \
    --first KF005 --matter 理赔查勘 --ts 2026-09-30T16:00 --due '4 work hours'
is "plans.ini: due" "$(due "$out")" "2026-10-08T11:00:00+08:00"

# a copy keeps which orders count work hours
run svc-log copy --to b.db
is "copy" "$rc" 0
is "copy: due_work" \
    "$(sql b.db 'SELECT id, due_work FROM work_order WHERE due_work IS NOT NULL ORDER BY id' | tr '\n' ' ')" \
    "1|4 2|4 3|4 4|20 5|1 7|4 "
# a category's own due in work hours (a claim's 限时查勘): 2 h from
# Friday 10-09 16:00: 1.5 h to 17:30, half an hour of the make-up
# Saturday 10-10 from 08:30: 09:00; remembered as work hours
sed 's/^\[orders\]$/[category.claim]\nlabel = 理赔案件\nfield.amount = money required\ndue = 2 work hours\n\n[orders]/' \
    hours.ini >claim.ini
run svc-log --policy claim.ini order open --customer 0101023 --first KF005 \
    --matter 查勘 --ts 2026-10-09T16:00 --category claim amount=800
is "a claim: open" "$rc" 0
n=$(sql svc.db "SELECT max(id) FROM work_order")
is "a claim: due by its category's work hours" \
    "$(sql svc.db "SELECT due, due_work FROM work_order WHERE id=$n")" \
    "2026-10-10T09:00:00+08:00|2"

finish
