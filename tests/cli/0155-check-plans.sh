#!/bin/sh
# svc-log check and what scheme E's sections name that the ledger may
# lack: a [schedule] unit or position no active staff member holds, a
# [limit] match term naming a customer not in the customer list (also
# through a customer field) or a staff member not in the roster (through
# a staff field), a [reminders] festival tier no customer has. Warnings,
# at the policy's line; plans.ini over its own ledger names none of them.
. "$SRC/tests/cli/lib.sh"

# the plans sample: everything its sections name resolves; what is left
# is the general customers without a revisit cadence, as before
load_sample plans
run svc-log --db plans.db --policy plans.ini check --period 2026-11
is "plans: exit 0" "$rc" 0
is "plans: only the general customers' tier" "$out" \
"warning: customer GK101: tier 'general' has no [revisit.general]: no revisit is owed to it
warning: customer GK102: tier 'general' has no [revisit.general]: no revisit is owed to it"
is "plans: nothing on stderr" "$err" ""

cat >p.ini <<'EOF'
[policy]
name = 检查
period = month

[kind.disinfect]
counts_as = none
value = none

[kind.unload]
counts_as = operation
value = required
field.shipper = customer
field.checker = staff

[schedule.消毒]
kind = disinfect
every = 4/day
unit = 热线科, 无此科
days = all

[schedule.巡检]
kind = disinfect
every = 1/week
position = 值班长, 安全员

[limit.和路雪]
kind = unload
minutes = 30
match = customer=DK001

[limit.无此客户]
kind = unload
minutes = 40
match = customer=DK999

[limit.货主]
kind = unload
minutes = 50
match = shipper=DK998, 冷冻

[limit.查验]
kind = unload
minutes = 60
match = checker=E999, 重货

[reminders]
festival = 2026-09-25 中秋节
festival_tiers = big, vip
EOF
svc-log --db p.db init 2>/dev/null
svc-log --db p.db roster "$SAMPLE/plans/roster.csv" 2>/dev/null
svc-log --db p.db customers "$SAMPLE/plans/customers.csv" 2>/dev/null
ln() { grep -n "$1" p.ini | head -n 1 | cut -d: -f1; }
run svc-log --db p.db --policy p.ini check --period 2026-11
is "warnings only: exit 0" "$rc" 0
is "each name the ledger lacks, at its line" "$out" \
"warning: p.ini:$(ln '^\[schedule.消毒\]'): [schedule.消毒] unit: unit '无此科' has no one in the roster
warning: p.ini:$(ln '^\[schedule.巡检\]'): [schedule.巡检] position: position '安全员' is held by no one in the roster
warning: p.ini:$(ln 'DK999'): [limit.无此客户] match: 'customer=DK999': customer 'DK999' is not in the customer list
warning: p.ini:$(ln 'DK998'): [limit.货主] match: 'shipper=DK998': customer 'DK998' is not in the customer list
warning: p.ini:$(ln 'E999'): [limit.查验] match: 'checker=E999': staff 'E999' is not in the roster
warning: p.ini:$(ln festival_tiers): [reminders] festival_tiers: no customer has tier 'vip': no one of it is greeted"
is "nothing on stderr" "$err" ""

# a unit whose only member left: held only by inactive staff
sed 's/^E014,\(.*\),热线科,\(.*\),1$/E014,\1,热线科,\2,0/; s/热线科,E010,E001,1$/热线科,E010,E001,0/; s/^E010,\(.*\),1$/E010,\1,0/' \
    "$SAMPLE/plans/roster.csv" >gone.csv
svc-log --db p.db roster gone.csv 2>/dev/null
run svc-log --db p.db --policy p.ini check --period 2026-11
like "a unit no active staff member is in" "$out" \
    "^warning: p\.ini:$(ln '^\[schedule.消毒\]'): \[schedule\.消毒\] unit: unit '热线科' is held only by inactive staff$"
finish
