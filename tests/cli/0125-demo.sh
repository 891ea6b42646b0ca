#!/bin/sh
# The README's first quick-start command: the demo runs through on the
# sample data with these tools (a sample policy or a tool that changed
# under it stops it), and ends with the monthly job's three mails.
. "$SRC/tests/cli/lib.sh"
export SVC_DEMO_DIR=$T/demo
run sh "$SRC/scripts/demo"
is "demo: status" "$rc" 0
is "demo: no failure" "$(printf '%s\n' "$err" | grep -c '^demo: failed')" 0
like "demo: the monthly job's mails" "$out" '^3 messages for sendmail -t in '
# the demo runs under TZ=UTC: svc-log list shows the policy's local time
like "demo: the quarrel logged at 09:30 listed at 09:30" "$out" \
    '^  255  2026-08-20 09:30  complaint\.quarrel '
# scheme B's deduction sheet, from .xlsx through its map, twice
like "demo: the sheet's dry run" "$out" \
    '^  dry run: 6 rows read, 6 events would be stored, 0 already in the ledger, 0 errors$'
like "demo: the sheet imported once" "$out" \
    '^imported: 6 events; again: 0 added, 6 skipped'
# plans: the big customers' week ahead, a birthday, a contract's end and
# revisits due among the reminders
like "demo: a contact's birthday" "$out" \
    '^  2026-11-19   3  birthday     DK001 郑州交通运输集团有限责任公司  王建军 \(集团保险部 经理\)  -> E040 高志强$'
like "demo: a contract to renew" "$out" '^  2026-11-20   4  contract end DK001 '
like "demo: a revisit overdue" "$out" '^  2026-11-13  -3  revisit      DK003 '
# scheme E's checklists: the hotline's short day is shown overdue
like "demo: the overdue checklist" "$out" \
    '^  热线科 +2026-11-22 +2 +4 +2026-11-22 11:30 +E013 +1 +overdue$'
like "demo: the day that fell short" "$out" '^  热线科 +2026-11-18 +3 +4$'
# plans.ini's claims: the weekly report flags the 12,000-yuan claim
# notified the next day, not the 15,000-yuan one notified the same day
like "demo: the flagged claim" "$out" \
    '^   4  2026-11-16  DK001     12000\.00  assigned  E042 .*  LATE$'
like "demo: the claim notified on time" "$out" \
    '^   5  2026-11-18  DK001     15000\.00  waiting   E041 .*  on time$'
like "demo: the section of the flagged" "$(printf '%s\n' "$out" | sed -n '/^  Not notified on the day$/,/^$/p')" \
    '^   4  2026-11-16  理赔案件  DK001     12000\.00  10000\.00  2026-11-17  E041$'
is "demo: mails written" "$(ls "$SVC_DEMO_DIR/mail" 2>/dev/null | wc -l)" 3
# scheme E's visitor register of a day: the entry at 37.3 listed again
like "demo: the register's alert" "$out" \
    '^  Alerts: 1 of 3 entries meets temperature >= 37\.3\.$'
like "demo: the register's alert line" "$out" \
    '^  09:03 +E021 +杨帆 +人民路营业厅 +刘洋 +37\.3 +temperature >= 37\.3$'
# and ends by writing a workbook, which a spreadsheet reader opens
like "demo: the workbook written" "$out" '^build/demo/scores-2026-08.xlsx: [0-9]+ bytes'
is "demo: the workbook read back" "$(/usr/bin/python3 - "$SVC_DEMO_DIR/scores-2026-08.xlsx" <<'PY' 2>&1
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
head = [c.value for c in ws[1]]
assert 'staff' in head and 'score' in head, head
col = head.index('score') + 1
assert ws.max_row > 10 and isinstance(ws.cell(2, col).value, (int, float)), \
    ws.cell(2, col).value
PY
)" ""
finish
