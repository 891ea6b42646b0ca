#!/bin/sh
# Claims (理赔案件, seeds/003) as work orders of plans.ini's category
# claim, on the sample's November (sample-data/plans/claims.sh): the
# weekly report of 2026-W47 (出险报案情况报表) lists the week's claims with
# their amounts and flags the 12,000-yuan one notified only the next
# morning, not the 15,000-yuan one notified the same afternoon (估损金额
# 超过万元以上的, 当日通报); the monthly report (and its mail) lists the
# flagged claim and judges 结案率 >= 85 %: 7 of the 9 claims opened and not
# cancelled were closed by the month's end, 77.8 %, missed.
. "$SRC/tests/cli/lib.sh"
cp "$SAMPLE/policies/plans.ini" .
export SVC_DB=plans.db SVC_POLICY=plans.ini
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/plans/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/plans/customers.csv" 2>/dev/null
run sh "$SAMPLE/plans/claims.sh"
is "the sample's claims" "$rc" 0
is "ten claims" "$(sql plans.db "SELECT count(*) FROM work_order WHERE category = 'claim'")" 10
is "their amounts stored as fields" "$(sql plans.db "SELECT fields FROM work_order WHERE id = 4")" '{"amount":12000}'
is "notify logged as an event" "$(sql plans.db "SELECT count(*) FROM event WHERE kind = 'order.notify'")" 2
# svc-log(1) names every kind a transition logs (notify's among them)
para=$(sed -n '/^Each work-order transition/,/in one transaction/p' "$SRC/man/svc-log.1")
for k in $(sql plans.db "SELECT DISTINCT kind FROM event WHERE kind LIKE 'order.%' ORDER BY kind"); do
	case "$para" in
	*"$k"*) ok ;;
	*) not_ok "svc-log(1)'s transitions do not name $k" ;;
	esac
done

# the weekly report, as CSV: its opened table and the flagged one
run svc-report orders --kind claim --period 2026-W47 --as-of 2026-12-01 \
    --format csv
is "weekly: status" "$rc" 0
printf '%s\n' "$out" >week.csv
is "weekly: the week's claims" "$(pick opened id opened customer amount status 'first asked' notified notice <week.csv)" \
"id,opened,customer,amount,status,first asked,notified,notice
4,2026-11-16 08:40,DK001,12000.00,assigned,E042,2026-11-17 09:30,LATE
5,2026-11-18 16:20,DK001,15000.00,waiting,E041,2026-11-18 17:05,on time
6,2026-11-19 11:00,DK001,1500.00,closed,E042,,
7,2026-11-20 09:15,DK001,2600.00,open,E043,,"
is "weekly: the flagged claim" "$(pick unnotified id amount above notified <week.csv)" \
"id,amount,above,notified
4,12000.00,10000.00,2026-11-17 09:30"
# in text, the marker and the section
run svc-report orders --kind claim --period 2026-W47 --as-of 2026-12-01 \
    --width 120
like "weekly text: title" "$out" '^Work orders: 理赔案件 2026-W47 — '
like "weekly text: the marker" "$out" '^ 4  2026-11-16 08:40  DK001 .* LATE$'
like "weekly text: the section" "$out" '^Not notified on the day$'
unlike "weekly text: the 15,000 claim not flagged" \
    "$(printf '%s\n' "$out" | sed -n '/^Not notified/,/^$/p')" '^ 5 '
# only claims: a general order of the week is left out with --kind
svc-log order open --customer DK002 --matter "电话咨询续保" --first E051 \
    --ts 2026-11-17T10:00:00+08:00 >/dev/null 2>&1
run svc-report orders --kind claim --period 2026-W47 --as-of 2026-12-01 \
    --format csv
is "weekly: general orders left out" "$(printf '%s\n' "$out" | grep -c DK002)" 0
run svc-report orders --period 2026-W47 --as-of 2026-12-01 --format csv
like "without --kind: every order" "$out" 'DK002'
like "without --kind: the flagged claim too" "$(printf '%s\n' "$out" | pick unnotified id amount)" \
    '^4,12000\.00$'

# the month: cases handled (案件处理情况), the flag, the target
run svc-report orders --kind claim --period 2026-11 --as-of 2026-12-01 \
    --format csv
is "monthly claims: status" "$rc" 0
like "monthly claims: handled" "$(printf '%s\n' "$out" | pick summary item value | grep '^handling rate')" \
    '^handling rate %,77\.8$'
run svc-report monthly --period 2026-11 --as-of 2026-12-01 --format csv
is "monthly: status" "$rc" 0
printf '%s\n' "$out" >month.csv
is "monthly: the flagged claim" "$(pick unnotified id category amount notified <month.csv)" \
"id,category,amount,notified
4,理赔案件,12000.00,2026-11-17 09:30"
like "monthly: 结案率 77.8 %, missed" "$(pick targets target measured value 'target value' result <month.csv)" \
    '^结案率85%以上,理赔案件 opened and closed,77\.8,>= 85%,MISSED'
run svc-report monthly --period 2026-11 --as-of 2026-12-01 --format mail \
    --to leader@example.com --from svc@example.com
is "mail: status" "$rc" 0
is "mail: the flag in the text part" "$(printf '%s\n' "$out" | python3 -c '
import email, email.policy, sys
m = email.message_from_string(sys.stdin.read(), policy=email.policy.default)
t = m.get_body(("plain",)).get_content()
print("Not notified on the day" in t, "12000.00" in t)')" "True True"

# a category's date and time fields are date cells in the workbook, as
# svc-report(1) says of dates and times, the time at the policy's local
# time even under TZ=UTC; in csv they stay as stored. A claim's 出险日期
# and 报案时间 (seeds/003's 出险报案情况).
sed 's/^field.amount = money required .*/&\nfield.accident = date\nfield.reported = time/' \
    plans.ini >dated.ini
run svc-log --policy dated.ini order open --customer DK003 --matter "车辆出险" \
    --first E041 --ts 2026-11-02T10:00:00+08:00 --category claim \
    amount=3000 accident=2026-11-01 reported=2026-11-02T09:30:00+08:00
is "dated claim: open" "$rc" 0
run svc-report orders --policy dated.ini --kind claim --period 2026-11 \
    --as-of 2026-12-01 --format csv
is "dated claim: csv as stored" "$(printf '%s\n' "$out" | pick opened customer accident reported | grep DK003)" \
    "DK003,2026-11-01,2026-11-02T09:30:00+08:00"
TZ=UTC svc-report orders --policy dated.ini --kind claim --period 2026-11 \
    --as-of 2026-12-01 --format xlsx >dated.xlsx
is "dated claim: xlsx status" "$?" 0
is "dated claim: date cells" "$(TZ=UTC /usr/bin/python3 -c '
import openpyxl
ws = next(w for w in openpyxl.load_workbook("dated.xlsx") if w.cell(1, 1).value == "id")
head = [c.value for c in ws[1]]
for r in ws.iter_rows(min_row=2):
    if r[head.index("customer")].value == "DK003":
        for f in ("accident", "reported"):
            c = r[head.index(f)]
            print(type(c.value).__name__, c.value, c.number_format)' 2>&1)" \
"datetime 2026-11-01 00:00:00 yyyy-mm-dd
datetime 2026-11-02 09:30:00 yyyy-mm-dd hh:mm"

# --kind names a category of the policy, and goes with orders only
run svc-report orders --kind claims --period 2026-W47
refused "an unknown category" 1 "^svc-report: --kind: unknown category 'claims' \(the policy's: claim\)$"
run svc-report monthly --kind claim --period 2026-11
refused "--kind with monthly" 2 "--kind goes with the orders report"
finish
