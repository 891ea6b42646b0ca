#!/bin/sh
# The clerk's entry asks when the event happened (now by default, 14:30,
# 昨天 14:30, 10-05 09:00 or ISO 8601, in the policy's zone), its channel
# (completed from the policy's channels) and its customer (completed by
# id and by name); before saving, one line says who, what, when and the
# period, with a warning when that period's scores are saved, and a time
# in a paid period is refused unless the session is --late --reason.
. "$SRC/tests/cli/lib.sh"
HOME=$T
export HOME
drive() { python3 "$SRC/tests/cli/pty-drive" "$@"; }

P=$SAMPLE/policies/group.ini
export SVC_DB=g.db SVC_POLICY=$P SVC_USER=clerk
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/group/events.csv" 2>/dev/null
# July paid, August's scores saved
svc-score --period 2026-07 --save >s07.csv
sleep 1
svc-award --as-of 2026-08-05 --save s07.csv >/dev/null 2>&1
svc-award finalize --period 2026-07 --as-of 2026-08-05 >/dev/null 2>&1
svc-award pay --period 2026-07 --as-of 2026-09-01 >/dev/null 2>&1
svc-score --period 2026-08 --save >/dev/null
n=$(sql g.db 'SELECT count(*) FROM event')
july() { svc-log list --period 2026-07 --staff G013 | wc -l; }
j=$(july)

# the policy's zone, whatever TZ the clerk's terminal has
export TZ=America/New_York
yesterday=$(TZ=Asia/Shanghai date -d '-1 day' +%F)
# 10-05 09:00 is this year's, or last year's while this year's is to come
year=$(TZ=Asia/Shanghai date +%Y)
[ "$(TZ=Asia/Shanghai date +%m-%d%H%M)" \< "10-050900" ] && year=$((year - 1))

drive svc-log >s1.txt <<'DRIVE'
expect kind: $
send complaint.attitude\r
expect staff: $
send G013\r
expect time \[now\]: $
send 2026-07-20T10:00\r
expect 2026-07 is closed: its awards were paid on 2026-09-01 \(give --late --reason TEXT to log it anyway\)
expect time \[now\]: $
send 明天 9:00\r
expect expected 14:30, 昨天 14:30 \(yesterday 14:30\), 10-05 09:00 or 2026-10-05T09:00
expect time \[now\]: $
send 2026-08-03 09:00\r
expect value \(optional\): $
send \r
expect channel: $
send \t\t
expect letter +phone +site +visit
send vi\t\r
expect customer: $
send 康达\t\r
expect note: $
send \r
expect = complaint.attitude for G013 .*, channel visit, customer KS001 康达生猪养殖专业合作社, at 2026-08-03 09:00 in 2026-08
expect 2026-08's scores are already saved
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[complaint\.attitude\]: $
send \r
expect staff \[G013\]: $
send \r
expect time \[now\]: $
send 昨天 14:30\r
expect value \(optional\): $
send \r
expect channel: $
send wechat\r
expect unknown channel 'wechat' \(the policy's are site, visit, phone, letter\)
expect channel: $
send phone\r
expect customer: $
send \r
expect note: $
send \r
expect save\?
send \r
expect saved #
expect kind \[complaint\.attitude\]: $
send \r
expect staff \[G013\]: $
send \r
expect time \[now\]: $
send 10-05 09:00\r
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send \r
expect save\?
send \r
expect saved #
expect kind \[complaint\.attitude\]: $
send \r
expect staff \[G013\]: $
send \r
expect time \[now\]: $
send \r
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send \r
expect = complaint.attitude for G013 .* \(now\) in 20[0-9][0-9]-[0-9][0-9]\n
expect save\?
send n\r
expect kind
send \x04
wait
DRIVE
s1=$(cat s1.txt)
like "session ends" "$s1" '^EXIT 0$'
is "a paid period's time re-asked" \
    "$(grep -A1 '2026-07 is closed' s1.txt | tail -n 1)" 'time [now]: 明天 9:00'
like "channels completed from the policy" "$s1" '^letter +phone +site +visit *$'
like "customer completed by name" "$s1" 'customer: 康达生猪养殖专业合作社'
is "stored: three events" "$(sql g.db 'SELECT count(*) FROM event')" "$((n + 3))"
is "stored: times in the policy's zone, channel, customer by id" \
    "$(TZ=Asia/Shanghai svc-log list --staff G013 --batch "$(sql g.db 'SELECT max(batch) FROM event')" |
    cut -d, -f2,7,6 | sed 1d | sort)" \
"$(printf '%s\n' "2026-08-03T09:00:00+08:00,KS001,visit" \
    "${yesterday}T14:30:00+08:00,,phone" "$year-10-05T09:00:00+08:00,," | sort)"
is "nothing saved in july" "$(july)" "$j"

# --late --reason: a time in a paid period is taken, and its batch marked
drive svc-log --late --reason 客户补投诉 >s2.txt <<'DRIVE'
expect late: events in paid periods are logged late \(客户补投诉\)
expect kind: $
send complaint.attitude\r
expect staff: $
send G013\r
expect time \[now\]: $
send 2026-07-20 10:00\r
expect 2026-07 is closed: its awards were paid on 2026-09-01; logged late: 客户补投诉
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send 迟报\r
expect in 2026-07\n
expect save\?
send \r
expect saved #
expect kind
send \x04
wait
DRIVE
like "late session ends" "$(cat s2.txt)" '^EXIT 0$'
is "late: stored, batch marked" \
    "$(sql g.db "SELECT b.late_reason FROM event e JOIN batch b ON b.id = e.batch WHERE e.note = '迟报'")" 客户补投诉

# usage: --late and --reason go together; other options do not apply
drive svc-log --late >s3.txt <<'DRIVE'
wait
DRIVE
like "late without reason" "$(cat s3.txt)" 'svc-log: --late needs --reason TEXT'
like "late without reason: usage" "$(cat s3.txt)" '^EXIT 2$'
drive svc-log --reason x >s4.txt <<'DRIVE'
wait
DRIVE
like "reason without late" "$(cat s4.txt)" 'svc-log: --reason goes with --late'
drive svc-log --period 2026-07 >s5.txt <<'DRIVE'
wait
DRIVE
like "other options refused" "$(cat s5.txt)" "svc-log: option --period does not apply to interactive entry"

# the policy's channels hold for add and import too
run svc-log add praise.inspection G013 channel=wechat
refused "add: unknown channel" 1 "^svc-log: channel: unknown channel 'wechat' \(the policy's are site, visit, phone, letter\)\$"
printf '[policy]\nname = t\nchannels = phone, Visit\n' >bad.ini
run svc-log --policy bad.ini kinds
refused "policy: bad channel" 1 "bad.ini:3: channels: bad channel 'Visit'"
finish
