#!/bin/sh
# A kind's alert met at entry is said (外来人员登记并测量体温: a
# temperature at or above 37.3): svc-log add stores the event and says
# each alert met on stderr, with the value; the interactive entry says it
# under "saved"; import counts the events it stored that meet one. A
# fever is data, not an error: the exit status stays 0.
. "$SRC/tests/cli/lib.sh"
PL=$SAMPLE/plans
cp "$SAMPLE/policies/plans.ini" .
svc-log init 2>/dev/null
svc-log roster "$PL/roster.csv" 2>/dev/null
export SVC_POLICY=$PWD/plans.ini
visitors() { sql svc.db "SELECT count(*) FROM event WHERE kind = 'visitor'"; }

### svc-log add
run svc-log add visitor E021 visitor=刘洋 temperature=37.6 \
    ts=2026-11-24T08:45
is "a fever: exit 0" "$rc" 0
like "a fever: stored, its id said" "$out" '^[0-9]+$'
is "a fever: said, with the value and the kind's label" "$err" \
    "svc-log: alert: temperature 37.6 >= 37.3 (外来人员登记并测量体温)"
is "a fever: one visitor stored" "$(visitors)" 1
run svc-log add visitor E021 visitor=林海燕 temperature=37.3 \
    ts=2026-11-24T08:50
is "at the threshold: met" "$err" \
    "svc-log: alert: temperature 37.3 >= 37.3 (外来人员登记并测量体温)"
run svc-log add visitor E021 visitor=王建明 temperature=37.2 \
    ts=2026-11-24T08:55 uid=PV-T-1
is "below the threshold: nothing said" "$err" ""
is "below: stored" "$(visitors)" 3
# the same uid again stores nothing, and says no alert
run svc-log add visitor E021 visitor=王建明 temperature=37.2 \
    ts=2026-11-24T08:55 uid=PV-T-1
like "a repeat: skipped" "$err" "already in the ledger: skipped"
unlike "a repeat: no alert" "$err" "alert"
run svc-log add visitor E021 visitor=王建明 temperature=38.0 \
    ts=2026-11-24T09:00 uid=PV-T-2
run svc-log add visitor E021 visitor=王建明 temperature=38.0 \
    ts=2026-11-24T09:00 uid=PV-T-2
is "a fever repeated: not said again" "$err" \
    "svc-log: add: uid 'PV-T-2' is already in the ledger: skipped"

# two alerts on one kind, one line each in the policy's order; a kind
# without a label is named by its code
cat >two.ini <<'INI'
[policy]
name = 两级
[kind.temp]
value = none
field.temperature = number 34.0..43.0
alert = temperature >= 37.3
alert = temperature >= 38.5
INI
run svc-log --policy two.ini add temp E021 temperature=38.6 ts=2026-11-24T09:10
is "two alerts: exit 0" "$rc" 0
is "two alerts: a line each" "$err" \
"svc-log: alert: temperature 38.6 >= 37.3 (temp)
svc-log: alert: temperature 38.6 >= 38.5 (temp)"
run svc-log --policy two.ini add temp E021 ts=2026-11-24T09:15
is "no temperature: no alert" "$err" ""

### import: the events stored that meet one, in its summary
svc-log --db imp.db init 2>/dev/null
svc-log --db imp.db roster "$PL/roster.csv" 2>/dev/null
run svc-log --db imp.db import "$PL/events.csv"
is "import: exit 0" "$rc" 0
is "import: the sample's two fevers counted" "$err" \
    "svc-log: import: 69 added (2 meeting an alert), 0 skipped (uid already in the ledger)"
run svc-log --db imp.db import "$PL/events.csv"
is "import again: none stored, none counted" "$err" \
    "svc-log: import: 0 added, 69 skipped (uid already in the ledger)"
# a file with one fever already stored and one new: only the new counted
{
	head -n 1 "$PL/events.csv"
	grep ',PV-2026-0011,' "$PL/events.csv"
	echo '2026-11-25T09:00:00+08:00,E021,visitor,,,,,,PV-T-9,张伟,,38.2,,'
	echo '2026-11-25T09:10:00+08:00,E021,visitor,,,,,,PV-T-10,李静,,36.5,,'
} >mix.csv
run svc-log --db imp.db import mix.csv
is "import: only the new fever" "$err" \
    "svc-log: import: 2 added (1 meeting an alert), 1 skipped (uid already in the ledger)"

### the interactive entry: said under "saved", the event kept
HOME=$T
export HOME
python3 "$SRC/tests/cli/pty-drive" svc-log >s.txt <<'PTY'
expect kind: $
send visitor\r
expect staff: $
send E021\r
expect time \[now\]: $
send 2026-11-24T10:00\r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send 复测37.5\r
expect visitor \(required, text\): $
send 刘洋\r
expect unit \(optional, text\): $
send \r
expect temperature \(required, number 34..43\): $
send 37.6\r
expect host \(optional, staff\): $
send \r
expect left \(optional, time\): $
send \r
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[visitor\]: $
send \x04
expect 1 event saved
wait
PTY
like "interactive: ends cleanly" "$(cat s.txt)" '^EXIT 0$'
like "interactive: the alert said under saved" "$(grep -A1 'saved #' s.txt)" \
    '^  ! alert: temperature 37\.6 >= 37\.3 \(外来人员登记并测量体温\)$'
is "interactive: the visitor stored" "$(visitors)" 5
finish
