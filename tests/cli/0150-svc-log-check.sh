#!/bin/sh
# svc-log check (issue 21): a pre-flight of a policy against a ledger, one
# line per finding "error|warning|info: WHERE: message", errors first,
# exit 1 on errors and 0 otherwise, 2 on bad usage; it only reads.
. "$SRC/tests/cli/lib.sh"

# every sample scheme checks without errors over its own data; scheme A's
# gap between 微笑风采奖 (85-89) and 下岗培训 (below 80) is information
for s in smile group warehouse water plans; do
	load_sample $s
	run svc-log --db $s.db --policy $s.ini check --period 2026-09
	is "$s: no errors" "$rc" 0
	unlike "$s: no error line" "$out" "^error:"
	is "$s: nothing on stderr" "$err" ""
done
run svc-log --db smile.db --policy smile.ini check --period 2026-Q3
line=$(grep -n '^\[tier.微笑风采奖\]' smile.ini | cut -d: -f1)
is "smile: the 80-84 gap, and nothing else" "$out" \
    "info: smile.ini:$line: no tier for scores from 80 to below 85: they get no award and no action"
# the mean of assessments: who has none in the period is named
run svc-log --db smile.db --policy smile.ini check --period 2026-Q2
is "smile Q2: still exit 0" "$rc" 0
like "smile Q2: no assessment" "$out" \
    "^warning: roster: P001: no assessment in 2026-Q2: the base is the mean of assessments, so no score and no award$"
# the default period is the policy's last whole one as of --as-of
run svc-log --db smile.db --policy smile.ini check --as-of 2026-08-15
like "default period: the quarter before" "$out" "no assessment in 2026-Q2:"
run svc-log --db smile.db --policy smile.ini check --as-of 2026-10-15
unlike "default period 2026-Q3: assessed" "$out" "no assessment"

# a small scheme with one of each finding
cat >p.ini <<'EOF'
[policy]
name = 检查
period = month
base = mean

[kind.assess]
counts_as = assessment
value = required

[kind.late]
positions = 仓储作业员, 队长
points = -5

[kind.complaint]
counts_as = complaint
points = -5

[kind.nominate]
counts_as = nomination

[tier.甲]
min = 90
amount = 300

[tier.乙]
min = 85
max = 95
amount = 200

[tier.丙]
max = 80
action = 培训

[star.岗位之星]
group_by = position
positions = 上下架员
units = 无此班组
amount = 50

[star.骨干]
chosen_by = nomination
nominated_by = 运营部长, 运营主管
amount = 0

[revisit.big]
every = 7
by = 客服专员
supervisor_every = 15
supervisor_by = 客服主管

[target.压力]
metric = pressure_pass
min = 97

[target.窗口]
metric = window_score
units = 营业厅, 无此窗口
min = 99

[posting]
days = 1
EOF
cat >roster.csv <<'EOF'
id,name,dept,position,unit,supervisor,leader,active
A01,甲一,运营部,队长,营业厅,,,1
B01,乙一,运营部,队长,营业厅,A01,,1
C01,丙一,运营部,客服主管,营业厅,,,1
D01,丁一,运营部,客服专员,营业厅,,,0
E01,戊一,运营部,运营部长,营业厅,,,1
EOF
printf 'id,name,tier,contact,owner\nK1,大客户,big,,\n' >customers.csv
svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null
svc-log customers customers.csv 2>/dev/null
for s in A01 B01 C01 E01; do
	svc-log --policy p.ini add assess $s value=95 ts=2026-09-10 >/dev/null 2>&1
	svc-log --policy p.ini add assess $s value=95 ts=2026-10-10 >/dev/null 2>&1
done
at_ln() { grep -n "^\[$1\]" p.ini | cut -d: -f1; }
# what this policy says on its own, before the ledger is broken
run svc-log --policy p.ini check --period 2026-10
is "policy findings: exit 0" "$rc" 0
is "policy findings, in file order, warnings before info" "$out" \
"warning: p.ini:$(at_ln kind.late): [kind.late] positions: position '仓储作业员' is held by no one in the roster
warning: p.ini:$(at_ln tier.乙): [tier.乙] overlaps [tier.甲] (line $(at_ln tier.甲)) from 90 to below 95: tiers are tried in file order, so 甲 wins there
warning: p.ini:$(at_ln star.岗位之星): [star.岗位之星] positions: position '上下架员' is held by no one in the roster
warning: p.ini:$(at_ln star.岗位之星): [star.岗位之星] units: unit '无此班组' has no one in the roster
warning: p.ini:$(at_ln star.骨干): [star.骨干] nominated_by: position '运营主管' is held by no one in the roster
warning: p.ini:$(at_ln revisit.big): [revisit.big] by: position '客服专员' is held only by inactive staff
warning: p.ini:$(at_ln target.压力): [target.压力]: nothing in the ledger can measure pressure_pass: svc records no pressures
warning: p.ini:$(at_ln target.窗口): [target.窗口] units: unit '无此窗口' has no one in the roster
info: p.ini:$(at_ln tier.乙): no tier for scores from 80 to below 85: they get no award and no action"
is "the target warning is a finding, not a message" "$err" ""

# a policy that fits the roster has nothing to say
cat >fit.ini <<'EOF'
[policy]
name = 检查
period = month
base = mean

[kind.assess]
counts_as = assessment
value = required

[kind.late]
positions = 队长
points = -5

[kind.complaint]
counts_as = complaint
points = -5

[tier.甲]
min = 90
amount = 300

[tier.乙]
min = 85
max = 90
amount = 200

[tier.丙]
max = 85
action = 培训

[star.岗位之星]
group_by = position
positions = 队长
units = 营业厅
amount = 50

[revisit.big]
every = 7
by = 运营部长
supervisor_every = 15
supervisor_by = 客服主管

[target.窗口]
metric = window_score
units = 营业厅
min = 99

[posting]
days = 1
EOF
run svc-log --policy fit.ini check --period 2026-10
is "a fitting policy: exit 0" "$rc" 0
is "a fitting policy: no findings" "$out" ""

# customers owed no revisit: a tier without [revisit.TIER], no tier
printf 'id,name,tier,contact,owner\nK2,小客户,small,,\nK3,无等级,,,\n' >c2.csv
svc-log customers c2.csv 2>/dev/null
run svc-log --policy fit.ini check --period 2026-10
is "customers: exit 0" "$rc" 0
is "customers without a revisit rule" "$out" \
"warning: customer K2: tier 'small' has no [revisit.small]: no revisit is owed to it
warning: customer K3: no tier: no revisit is owed to it"

# a paid period: an event logged into it after the payment, and a void
svc-score --policy fit.ini --period 2026-09 --save >/dev/null 2>&1
svc-award --policy fit.ini --period 2026-09 --save --as-of 2026-10-02 \
    >/dev/null 2>&1
svc-award --policy fit.ini finalize --period 2026-09 --as-of 2026-10-05 \
    >/dev/null 2>&1
svc-award --policy fit.ini pay --period 2026-09 --as-of 2026-10-06 \
    >/dev/null 2>&1
is "the period is paid" "$(sql svc.db "SELECT CAST(count(*) > 0 AS INTEGER)
    FROM award_status WHERE status = 'paid'")" 1
sleep 1		# logged in a later second than the payment
late=$(svc-log --policy fit.ini add complaint A01 ts=2026-09-20 \
    --late --reason 补录 2>/dev/null)
void=$(svc-log --policy fit.ini void 1 --reason 错录 2>/dev/null)
run svc-log --policy fit.ini check --period 2026-10
is "paid period: exit 0" "$rc" 0
like "an event logged after the payment" "$out" \
    "^warning: event $late: dated 2026-09-20 in 2026-09, whose awards were paid on 2026-10-06, but logged at 20[0-9-]{8}T[0-9:]{8}\+08:00, after the payment$"
like "an event voided after the payment" "$out" \
    "^warning: event 1: dated 2026-09-10 in 2026-09, whose awards were paid on 2026-10-06, but voided by event $void at [0-9T:+-]{25}, after the payment$"
is "nothing else about events" "$(printf '%s\n' "$out" | grep -c '^warning: event')" 2

# the roster: a supervisor not in it, someone their own leader, a loop
# (none of which svc-log roster lets in: a ledger written by other means)
copy_ledger svc.db clean.db
sql svc.db "UPDATE staff SET supervisor = 'NOPE' WHERE id = 'C01';
    UPDATE staff SET leader = 'E01' WHERE id = 'E01';
    UPDATE staff SET supervisor = 'B01' WHERE id = 'A01'"
sum=$(digest svc.db)
run svc-log --policy fit.ini check --period 2026-10
is "roster: exit 1" "$rc" 1
is "roster: errors first" "$(printf '%s\n' "$out" | grep '^error')" \
"error: roster: C01: supervisor: 'NOPE' is not in the roster
error: roster: E01: leader: 'E01' is their own leader
error: roster: A01: the chain of command loops: A01's supervisor is B01, B01's supervisor is A01"
like "roster: first line an error" "$(printf '%s\n' "$out" | head -n 1)" \
    "^error: "
like "roster: warnings after" "$(printf '%s\n' "$out" | sed -n 4p)" \
    "^warning: customer K2"
is "roster: stderr counts the errors" "$err" "svc-log: check: 3 errors found"
is "check writes nothing" "$(digest svc.db)" "$sum"

# a loop through supervisor and leader links
copy_ledger clean.db svc.db
sql svc.db "UPDATE staff SET leader = 'C01' WHERE id = 'A01';
    UPDATE staff SET supervisor = 'B01' WHERE id = 'C01'"
run svc-log --policy fit.ini check --period 2026-10
is "mixed loop: exit 1" "$rc" 1
like "mixed loop" "$out" \
    "^error: roster: A01: the chain of command loops: A01's leader is C01, C01's supervisor is B01, B01's supervisor is A01$"

# events of a kind the policy lacks, or of staff with no roster row: in
# the checked period an error (svc-score refuses it), before it a warning
copy_ledger clean.db svc.db
at() { date -d "$1" +%s; }
sql_unchecked svc.db "INSERT INTO event(id, t, staff, kind, logged, batch) VALUES
    (101, $(at 2026-10-12T00:00:00+08:00), 'C01', 'visit', 0, 1),
    (102, $(at 2026-10-13T00:00:00+08:00), 'C01', 'visit', 0, 1),
    (103, $(at 2026-01-05T00:00:00+08:00), 'C01', 'old', 0, 1),
    (104, $(at 2026-10-14T00:00:00+08:00), 'GONE', 'assess', 0, 1),
    (105, $(at 2026-02-14T00:00:00+08:00), 'LEFT', 'assess', 0, 1)"
run svc-log --policy fit.ini check --period 2026-10
is "ledger: exit 1" "$rc" 1
is "ledger: errors" "$(printf '%s\n' "$out" | grep '^error')" \
"error: event 101: kind 'visit' is not in the policy: 2 events from this one on, 2 of them in 2026-10, which svc-score refuses
error: event 104: staff 'GONE' is not in the roster: 1 event from this one on, 1 of them in 2026-10, which svc-score refuses"
like "ledger: an old unknown kind" "$out" \
    "^warning: event 103: kind 'old' is not in the policy: 1 event from this one on, none in 2026-10 \(svc-score refuses the periods they are in\)$"
like "ledger: old events of someone not in the roster" "$out" \
    "^warning: event 105: staff 'LEFT' is not in the roster: 1 event from this one on, none in 2026-10"
run svc-log --policy fit.ini check --period 2026-11
is "another period: only warnings" "$rc" 0
run svc-log --policy fit.ini void 101 --reason 错录
run svc-log --policy fit.ini void 102 --reason 错录
run svc-log --policy fit.ini check --period 2026-10
unlike "voided events are not scored, nor checked" "$out" "kind 'visit'"

# usage: --help names it; a policy is needed; options that do not apply
# and bad values are refused
run svc-log --help
like "--help: the command" "$out" "^       svc-log check --policy FILE \[--period P\] \[--as-of DATE\]$"
like "--help: the line format" "$out" '"error\|warning\|info: WHERE: message"'
run svc-log check
refused "no policy" 2 "^svc-log: check: no policy \(use --policy or set SVC_POLICY\)$"
SVC_POLICY=fit.ini
export SVC_POLICY
run svc-log check --period 2026-10
is "SVC_POLICY is the policy" "$rc" 1
unset SVC_POLICY
run svc-log --policy fit.ini check --staff A01
refused "an option that does not apply" 2 "option --staff does not apply"
run svc-log --policy fit.ini check extra
refused "an argument" 2 "check: too many arguments"
run svc-log --policy fit.ini check --period 2026-13
refused "a bad period" 2 "^svc-log: --period: "
run svc-log --policy fit.ini check --as-of yesterday-ish
refused "a bad --as-of" 2 "^svc-log: --as-of: "
# a file that is not a ledger is refused, and left alone
printf 'not a ledger\n' >notes.txt
run svc-log --db notes.txt --policy fit.ini check
refused "not a ledger" 1 "notes.txt"
is "not a ledger: untouched" "$(cat notes.txt)" "not a ledger"
finish
