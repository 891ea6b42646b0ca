#!/bin/sh
# svc-report schedule on the plans sample (seeds/003: 热线科每天4次消毒,
# 各营业厅每天早晚两次消毒) and the warehouse's weekly 5S check (seeds/001
# 四.6): per schedule and owing unit the current window's entries of what
# it owes, the last entry, the status, and the windows that ended short.
# The sample week 16-22 November 2026 is complete but for 18 November,
# when 热线科 disinfected 3 times of 4.
. "$SRC/tests/cli/lib.sh"
load_sample plans
load_sample warehouse
export SVC_DB=plans.db SVC_POLICY=plans.ini

# in the week, at noon on its Sunday: today's rounds are due, 18
# November is overdue
run svc-report schedule --as-of 2026-11-22T12:00 --format csv
is "noon: exit status" "$rc" 0
is "noon: one table, a row per owing unit, then the short window" "$out" \
"section,schedule,owed by,window,done,of,last entry,by,short,status
checklists,热线科消毒,热线科,2026-11-22,2,4,2026-11-22 11:30,E013,1,overdue
checklists,营业厅消毒,人民路营业厅,2026-11-22,1,2,2026-11-22 08:30,E021,0,due
checklists,营业厅消毒,建设路营业厅,2026-11-22,1,2,2026-11-22 08:30,E031,0,due
short,热线科消毒,热线科,2026-11-18,3,4,,,,"
run svc-report schedule --as-of 2026-11-22T12:00 --width 80
like "text: the overdue checklist" "$out" \
    '^热线科 +2026-11-22 +2 +4 +2026-11-22 11:30 +E013 +1 +overdue$'
like "text: the window that fell short" "$out" '^热线科 +2026-11-18 +3 +4$'
like "text: judged at noon, over November from its start" "$out" \
    '^Judged at 2026-11-22T12:00:00\+08:00, over the windows of 2026-11 up to then\.'
# the same with --period: the week
run svc-report schedule --as-of 2026-11-22T12:00 --period 2026-W47 \
    --format csv
is "the week: the same rows" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1-6)" \
"checklists,热线科消毒,热线科,2026-11-22,2,4
checklists,营业厅消毒,人民路营业厅,2026-11-22,1,2
checklists,营业厅消毒,建设路营业厅,2026-11-22,1,2
short,热线科消毒,热线科,2026-11-18,3,4"

# a date alone is its end: Sunday's rounds are all done
run svc-report schedule --as-of 2026-11-22 --format csv
is "Sunday's end: done, one day short all week" \
    "$(printf '%s\n' "$out" | sed 1d | cut -d, -f3-6,9,10)" \
"热线科,2026-11-22,4,4,1,overdue
人民路营业厅,2026-11-22,2,2,0,ok
建设路营业厅,2026-11-22,2,2,0,ok
热线科,2026-11-18,3,4,,"
# before 18 November nothing fell short: no second table
run svc-report schedule --as-of 2026-11-17 --format csv
is "17 November: all ok" "$(printf '%s\n' "$out" | cut -d, -f1,3-6,10)" \
"section,owed by,window,done,of,status
checklists,热线科,2026-11-17,4,4,ok
checklists,人民路营业厅,2026-11-17,2,2,ok
checklists,建设路营业厅,2026-11-17,2,2,ok"
# before the schedules' from date nothing is owed
run svc-report schedule --as-of 2026-11-10 --format csv
is "before from: owed nothing" "$(printf '%s\n' "$out" | cut -d, -f3-6,10 | sed 1d)" \
"热线科,2026-11-10,0,0,ok
人民路营业厅,2026-11-10,0,0,ok
建设路营业厅,2026-11-10,0,0,ok"

# a voided round does not count: 人民路's morning of 20 November
id=$(sql plans.db "SELECT id FROM event WHERE uid = 'PS-2026-0533'")
run svc-log void "$id" --reason 重复登记
is "void: exit status" "$rc" 0
run svc-report schedule --as-of 2026-11-22 --format csv
is "void: 人民路营业厅 short on 20 November" \
    "$(printf '%s\n' "$out" | grep '人民路' | cut -d, -f1,4-6,9,10)" \
"checklists,2026-11-22,2,2,1,overdue
short,2026-11-20,1,2,,"
# and a round by someone of another unit does not count for this one
run svc-log add disinfect E031 ts=2026-11-20T09:00 \
    note=建设路的人在人民路消毒
is "add: exit status" "$rc" 0
run svc-report schedule --as-of 2026-11-22 --format csv
is "another unit's round: still short" \
    "$(printf '%s\n' "$out" | grep '^short,营业厅消毒' | cut -d, -f3-6)" \
    "人民路营业厅,2026-11-20,1,2"
is "another unit's round: counts for its own" \
    "$(printf '%s\n' "$out" | grep '^checklists,.*建设路' | cut -d, -f7,8)" \
    "2026-11-22 17:00,E032"

# an owing unit with nobody in the roster: shown, not judged
{ cat plans.ini; printf '\n[schedule.审批科消毒]\nkind = disinfect\n'
  printf 'every = 2/day\nunit = 审批科\n'; } >nobody.ini
run svc-report schedule --policy nobody.ini --as-of 2026-11-22 --width 100
is "nobody: exit status" "$rc" 0
like "nobody: said" "$out" \
    '^审批科消毒: nobody in the roster owes it \(审批科\): not judged\.$'
like "nobody: the row" "$out" '^审批科 +2026-11-22 +0 +2 +never +no staff$'

# a period judged before it begins, and a policy without schedules
run svc-report schedule --period 2026-W48 --as-of 2026-11-22
is "W48 on the 22nd: exit status" "$rc" 0
like "W48 on the 22nd: nothing to judge yet" "$out" \
    '^No window of 2026-W48 has begun by then\.$'
run svc-report schedule --policy "$SRC/tests/cli/fixtures/mini.ini" \
    --as-of 2026-11-22
is "no schedules: exit status" "$rc" 0
like "no schedules: said" "$out" '^No schedules: the policy has no \[schedule\.NAME\] section\.$'

# every format
for f in md html mail; do
	run svc-report schedule --as-of 2026-11-22T12:00 --format $f \
	    --to boss@example.com
	[ $f = mail ] || run svc-report schedule --as-of 2026-11-22T12:00 \
	    --format $f
	is "$f: exit status" "$rc" 0
done
run svc-report schedule --as-of 2026-11-22T12:00 --format md
like "md: the overdue row" "$out" \
    '^\| 热线科消毒 \| 热线科 \| 2026-11-22 \| 2 \| 4 \| 2026-11-22 11:30 \| E013 \| 1 \| overdue \|$'
run svc-report schedule --as-of 2026-11-22T12:00 --format html
like "html: the short window" "$out" '2026-11-18'
run svc-report schedule --as-of 2026-11-22T12:00 --format mail \
    --to boss@example.com
like "mail: a subject" "$out" '^Subject: =\?UTF-8\?'
svc-report schedule --as-of 2026-11-22T12:00 --format xlsx >s.xlsx
is "xlsx: two sheets, the overdue one and the short day" "$(/usr/bin/python3 - <<'PY' 2>&1
import openpyxl
wb = openpyxl.load_workbook('s.xlsx')
rows = [list(ws.iter_rows(values_only=True)) for ws in wb]
print(len(rows), [r for r in rows[0] if 'overdue' in r][0][3:5],
      rows[1][1][2].date(), rows[1][1][3:5])
PY
)" "2 (2, 4) 2026-11-18 (3, 4)"

# the warehouse's 5S check: every week of the third quarter had one,
# logged against the areas' heads, the 品控主管's to make
run svc-report schedule --db warehouse.db --policy warehouse.ini \
    --period 2026-Q3 --as-of 2026-10-08 --format csv
is "5S: every week of Q3 done" "$out" \
"section,schedule,owed by,window,done,of,last entry,by,short,status
checklists,5S检查,品控主管,2026-W40,2,1,2026-09-30 16:41,W002,0,ok"
# W38's only check (19 September) voided: that week ended short
id=$(sql warehouse.db "SELECT id FROM event WHERE uid = 'WH-2026-0445'")
run svc-log --db warehouse.db void "$id" --reason 录入错误
run svc-report schedule --db warehouse.db --policy warehouse.ini \
    --period 2026-Q3 --as-of 2026-10-08 --format csv
is "5S: a week without a check is overdue" \
    "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1,4-6,9,10)" \
"checklists,2026-W40,2,1,1,overdue
short,2026-W38,0,1,,"
finish
