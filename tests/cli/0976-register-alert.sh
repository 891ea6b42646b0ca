#!/bin/sh
# svc-policy(5)'s visitor register: alert = temperature >= 37.3 on a kind
# that moves no score. An entry at 37.3 is marked, one at 37.29 is not,
# 43.1 is refused at entry naming the field; a bad alert is refused at
# load, file:line: alert:, exit 1, by every tool that reads the policy.
. "$SRC/tests/cli/lib.sh"
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/plans/roster.csv" 2>/dev/null
cat > v.ini <<'INI'
[policy]
name = 登记
timezone = Asia/Shanghai
[kind.visitor]
label = 外来人员登记并测量体温
value = none
field.visitor = text required
field.unit = text
field.temperature = number 34.0..43.0 required
field.host = staff
field.left = time
alert = temperature >= 37.3
INI
export SVC_POLICY=$PWD/v.ini

# the page's example
run svc-log add visitor E021 visitor=刘洋 unit=福州顺丰速运 temperature=37.3 \
    host=E020 ts=2026-11-16T09:03
is "37.3 registered" "$rc" 0
run svc-log add visitor E022 visitor=吴晓燕 temperature=37.29 \
    ts=2026-11-16T10:40
is "37.29 registered" "$rc" 0
run svc-log add visitor E022 visitor=王五 temperature=43.1 \
    ts=2026-11-16T11:00
refused "43.1 refused" 1 "^svc-log: temperature: '43\.1' out of range \(expected 34 to 43\)$"
printf '%s\n' 'ts,staff,kind,visitor,temperature' \
    '2026-11-16T11:00:00+08:00,E031,visitor,王五,36.5' \
    '2026-11-16T11:05:00+08:00,E031,visitor,赵六,43.1' > bad.csv
run svc-log import bad.csv
refused "43.1 refused at file:line" 1 "^svc-log: bad\.csv:3: temperature: '43\.1' out of range \(expected 34 to 43\)$"
is "nothing written" "$(sql svc.db 'SELECT count(*) FROM event')" 2

run svc-report register visitor --period 2026-11-16 --format csv
is "37.3 marked, 37.29 not" "$(printf '%s\n' "$out" | pick entries visitor temperature alert)" \
    "visitor,temperature,alert
刘洋,37.30,ALERT
吴晓燕,37.29,"
is "the alert listed" "$(printf '%s\n' "$out" | pick alerts visitor alert)" \
    "visitor,alert
刘洋,temperature >= 37.3"

# as many decimals as the most precise value has: 37.299999999 under the
# threshold is not shown as a 37.300000 with no mark; 0.0000125 (kept as
# 1.25e-05) is not shown as 0
cat > p.ini <<'INI'
[policy]
name = 精度
timezone = Asia/Shanghai
[kind.visitor]
value = none
field.visitor = text required
field.temperature = number 34.0..43.0 required
field.dose = number
alert = temperature >= 37.3
INI
run svc-log --policy p.ini add visitor E021 visitor=甲 temperature=37.299999999 \
    ts=2026-11-17T09:00
run svc-log --policy p.ini add visitor E021 visitor=乙 temperature=37.3 \
    dose=0.0000125 ts=2026-11-17T09:10
run svc-report register visitor --policy p.ini --period 2026-11-17 --format csv
is "every decimal shown" "$(printf '%s\n' "$out" | pick entries visitor temperature dose alert)" \
    "visitor,temperature,dose,alert
甲,37.299999999,,
乙,37.300000000,0.0000125,ALERT"

# no score moves: each clerk keeps the base with or without entries
run svc-score --period 2026-11
is "scores" "$(printf '%s\n' "$out" | awk -F, 'NR > 1 && ($2 == "E021" || $2 == "E022") { print $2, $6, $7, $8, $10 }')" \
    "E021 100 0 0 100
E022 100 0 0 100"

# bad alerts, at their line, whatever tool loads the policy
bad() {	# DESC LINE MESSAGE-REGEX: v.ini with LINE as its last line
	{ cat v.ini; printf '%s\n' "$2"; } > b.ini
	for tool in "svc-report register visitor --period 2026-11-16" \
	    "svc-score --period 2026-11" "svc-log list"; do
		run $tool --policy b.ini
		refused "$1 ($tool)" 1 "^${tool%% *}: b\.ini:13: alert: $3$"
	done
}
bad "never met" "alert = temperature >= 43.5" \
    "'temperature >= 43\.5' is never met: field 'temperature' is 34 to 43"
bad "a text field" "alert = visitor > 1" \
    "field 'visitor' is a text field \(an alert compares a number or money field\)"
bad "no such field" "alert = temp >= 37.3" \
    "kind 'visitor' has no field 'temp' \(its fields: visitor, unit, temperature, host, left\)"
bad "operator" "alert = temperature => 37.3" \
    "unknown operator in 'temperature => 37\.3' \(expected >=, >, <= or <\)"
finish
