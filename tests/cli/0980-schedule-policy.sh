#!/bin/sh
# [schedule.NAME] keys are checked when the policy loads: a bad one is
# refused naming file:line:key, exit 1, nothing written, by every tool
# that loads the policy. The sample policies' schedules load.
. "$SRC/tests/cli/lib.sh"
mini_ledger

# bad KEY=VALUE...: a policy whose [schedule.s] has these lines
bad() {
	{
		cat "$P"
		printf '\n[kind.disinfect]\nvalue = none\n[schedule.s]\n'
		printf 'kind = disinfect\n'
		for kv in "$@"; do printf '%s\n' "$kv"; done
	} >bad.ini
	# the line of the first key given after kind
	line=$(($(grep -c '' "$P") + 6))
}

bad 'every = 4/hour' 'unit = 热线科'
run svc-report schedule --policy bad.ini --as-of 2026-11-22
refused "every: a unit svc does not know" 1 \
    "^svc-report: bad.ini:$line: every: bad schedule '4/hour' \\(expected N/day, N/week or N/month, N at least 1, like 4/day\\)\$"
bad 'every = 0/day' 'unit = 热线科'
run svc-report schedule --policy bad.ini --as-of 2026-11-22
refused "every: N at least 1" 1 \
    "bad.ini:$line: every: '0/day' out of range \\(expected 1 to 10000 times a day\\)"
bad 'every = 4/day'
run svc-log --policy bad.ini add disinfect G003
refused "no owner: svc-log refuses the policy too" 1 \
    "bad.ini:$((line - 2)): \\[schedule.s\\]: no unit or position: a schedule names who owes it"
is "no owner: nothing logged" "$(count)" 0
bad 'every = 1/week' 'unit = 人民路营业厅, 建设路营业厅' 'done_by = anyone'
run svc-score --policy bad.ini --period 2026-11
refused "done_by = anyone with two units" 1 \
    "bad.ini:$((line + 2)): done_by: done_by = anyone with 2 units"
bad 'every = 2/day' 'unit = 人民路营业厅' 'days = weekdays'
run svc-report schedule --policy bad.ini --as-of 2026-11-22
refused "days: all or workdays" 1 \
    "bad.ini:$((line + 2)): days: unknown value 'weekdays'"
bad 'every = 2/day' 'unit = 人民路营业厅' 'from = 2026-11-31'
run svc-report schedule --policy bad.ini --as-of 2026-11-22
refused "from: an impossible date" 1 \
    "bad.ini:$((line + 2)): from: no such date '2026-11-31'"
bad 'every = 2/day' 'position = 综合柜员' 'kind = disinfect'
run svc-report schedule --policy bad.ini --as-of 2026-11-22
refused "kind given twice" 1 "bad.ini:$((line + 2)): kind: duplicate key"
{
	cat "$P"
	printf '\n[schedule.s]\nkind = disinfect, 5s.check\nevery = 1/day\n'
	printf 'unit = 热线科\n[kind.disinfect]\n'
} >bad.ini
run svc-report schedule --policy bad.ini --as-of 2026-11-22
refused "kind: an undefined kind" 1 \
    "bad.ini:$(($(grep -c '' "$P") + 3)): kind: undefined kind '5s.check' \\(no \\[kind.5s.check\\] section\\)"

# the samples' schedules: the documents' 4 a day, twice a day, 1 a week
for p in plans warehouse; do
	run svc-report schedule --policy "$SAMPLE/policies/$p.ini" \
	    --as-of 2026-11-22
	is "$p.ini loads: exit status" "$rc" 0
	is "$p.ini loads: no word on stderr" "$err" ""
done
is "plans: 热线科 4/day, the halls 2/day each" \
    "$(awk '/^\[/ { s = /^\[schedule\./ } s && /^(every|unit) = /' \
    "$SAMPLE/policies/plans.ini" | sed 's/ *;.*//')" \
    "every = 4/day
unit = 热线科
every = 2/day
unit = 人民路营业厅, 建设路营业厅"
is "warehouse: the 5S check 1/week" \
    "$(grep -E '^every = [0-9]+/' "$SAMPLE/policies/warehouse.ini")" \
    "every = 1/week"
finish
