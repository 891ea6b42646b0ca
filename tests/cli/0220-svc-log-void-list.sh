#!/bin/sh
# Voiding keeps the audit trail; list filters by period, staff, kind,
# dept and batch, marks voided events, and writes spreadsheet-safe CSV.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
# events are written under a policy: the fixture's, with a deduction whose
# value is its points
cat "$F/mini.ini" - >pol.ini <<'INI'

[kind.deduct.dept]
label = 部门扣分
counts_as = deduction
points = value
value = required
INI
export SVC_POLICY="$T/pol.ini"
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
cat > ev.csv <<'CSV'
ts,staff,kind,value,note,uid
2026-09-30T23:59:59+08:00,G003,complaint.attitude,,九月最后一秒,A1
2026-10-01T00:00:00+08:00,G003,complaint.attitude,,十月第一秒,A2
2026-10-31T23:59:59+08:00,G004,praise.letter,,"=HYPERLINK(""http://x"")",A3
2026-11-01T00:00:00+08:00,G004,deduct.dept,-5,,A4
CSV
svc-log import ev.csv 2>/dev/null
count() { sql svc.db 'SELECT count(*) FROM event'; }

# --period uses local time: 23:59:59 on the last day is in, 00:00 next is out
run svc-log list --period 2026-10
is "list status" "$rc" 0
is "october events" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f10 | tr '\n' ' ')" "A2 A3 "
run env TZ=UTC svc-log list --period 2026-10
is "october in UTC" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f10 | tr '\n' ' ')" "A3 A4 "
run svc-log list --period 2026-Q4 --staff G004
is "staff filter" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f10 | tr '\n' ' ')" "A3 A4 "
run svc-log list --kind complaint.attitude --dept 销售管理中心
is "kind and dept filter" "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 2
run svc-log list --period 2026-13
refused "bad period is usage" 2 "period"

# void: prints the voiding event's id, keeps the original
run svc-log void 2 --reason "投诉不成立"
is "void status" "$rc" 0
is "void id" "$out" 5
is "voiding event" "$(sql svc.db 'SELECT kind, void_of, note FROM event WHERE id=5')" "void|2|投诉不成立"
is "original kept" "$(sql svc.db 'SELECT count(*) FROM event WHERE id=2')" 1
run svc-log list --period 2026-10
like "voided marked" "$out" "^2,.*,5,1,,$"
run svc-log list --active
like "active keeps the others" "$out" "^1,"
unlike "active drops voided" "$out" "^2,"
unlike "active drops voiding" "$out" ",void,"

# voiding twice, a voiding event, or a missing event is refused
n=$(count)
run svc-log void 2 --reason again
refused "void twice" 1 "already voided by event 5"
run svc-log void 5 --reason again
refused "void a void" 1 "voiding event cannot be voided"
run svc-log void 99 --reason x
refused "void missing" 1 "no event 99"
is "refusals wrote nothing" "$(count)" "$n"
run svc-log void 3
refused "void without reason" 2 "--reason"
run svc-log void abc --reason x
refused "void bad id" 2 "bad event id"

# a whole mistaken import is listed by batch and voided in one step
printf 'ts,staff,kind,uid\n2026-10-09T08:00:00+08:00,G003,praise.letter,M1\n2026-10-09T09:00:00+08:00,G004,praise.letter,M2\n' > mistake.csv
svc-log import mistake.csv 2>/dev/null
b=$(sql svc.db "SELECT batch FROM event WHERE uid='M1'")
run svc-log list --batch "$b"
is "list batch" "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 2
run svc-log void --batch "$b" --reason "导入错误"
is "void batch status" "$rc" 0
like "void batch count" "$err" "2 events voided"
run svc-log void --batch "$b" --reason again
refused "void batch twice" 1 "no events left to void"

# --excel: BOM, CRLF, formulas neutralised, numbers left alone
svc-log list --excel --period 2026-Q4 > x.csv
is "excel BOM" "$(head -c 3 x.csv | od -An -tx1 | tr -d ' ')" efbbbf
like "excel CRLF" "$(head -n 1 x.csv | od -An -c | tr -d ' \n')" '\\r\\n$'
like "excel formula neutralised" "$(cat x.csv)" "'=HYPERLINK"
like "excel negative number kept" "$(cat x.csv)" ",deduct.dept,-5,"
run svc-log list
like "plain list: the formula as stored" "$out" ',"=HYPERLINK\(""http'
unlike "plain list not neutralised" "$out" "'="

finish
