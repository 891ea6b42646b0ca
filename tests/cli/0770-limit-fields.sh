#!/bin/sh
# Scheme B's unloads (seeds/001 四.4) carry the vehicle and the cargo as
# choice fields, and the time limits match on them (match = vehicle=...,
# cargo=...) instead of words of the note: "和路雪卸车要求30分钟内…, 三方客户,
# 根据车型大小和货物属性进行时间限定": 和路雪 (KH001) by its customer
# (match = customer=KH001) 30 min; the third parties by the fields,
# 13-15米挂车 泡货 100, 重货 120; 7-9米箱车 泡货 60, 重货 90. An unload whose
# fields match no limit, or two, is refused at file:line:field. The sample
# policy as it is.
. "$SRC/tests/cli/lib.sh"
cp "$SAMPLE/policies/warehouse.ini" w.ini
export SVC_POLICY=$PWD/w.ini
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null

# the note says nothing of the limit; the fields and the customer choose it
cat > ev.csv <<'CSV'
ts,staff,kind,value,customer,note,vehicle,cargo,uid
2026-09-01T09:00:00+08:00,W006,unload,125,KH002,泰森入库,13-15米挂车,重货,U1
2026-09-01T10:00:00+08:00,W007,unload,25,KH001,送至库内指定区域,,,U2
2026-09-01T11:00:00+08:00,W007,unload,61,KH003,13-15米挂车 重货 和路雪,7-9米箱车,泡货,U3
CSV
run svc-log import ev.csv
is "import status" "$rc" 0
run svc-report kpi --period 2026-09 --format csv
kpi=$(printf '%s\n' "$out" | pick 'limits( total)?' limit counted within breaches)
like "挂车重货: one, a breach" "$kpi" "^13-15米挂车: 重货120分钟内完成,1,0,1$"
like "和路雪: one, within" "$kpi" "^和路雪卸车30分钟内卸下并送至库内指定区域,1,1,0$"
like "箱车泡货 by the fields, not the note" "$kpi" "^7-9米箱车: 泡货60分钟内完成,1,0,1$"
like "挂车泡货: none" "$kpi" "^13-15米挂车: 泡货100分钟内完成,0,0,0$"

# no limit for the fields: refused at the field, nothing written
n=$(count)
printf 'ts,staff,kind,value,vehicle,cargo\n2026-09-02T09:00:00+08:00,W006,unload,30,7-9米箱车,\n' > none.csv
run svc-log import none.csv
KNOWN="known: customer=KH001, vehicle=13-15米挂车 cargo=泡货, vehicle=13-15米挂车 cargo=重货, vehicle=7-9米箱车 cargo=泡货, vehicle=7-9米箱车 cargo=重货"
refused "no limit" 1 "^svc-log: none.csv:2: vehicle: matches no limit of kind 'unload'; $KNOWN$"
# 和路雪's unload is timed by its customer: given a vehicle and cargo too,
# it would count under two limits
printf 'ts,staff,kind,value,customer,vehicle,cargo\n2026-09-02T09:00:00+08:00,W006,unload,30,KH001,7-9米箱车,泡货\n' > two.csv
run svc-log import two.csv
refused "和路雪 and a vehicle" 1 "^svc-log: two.csv:2: vehicle: matches 2 limits of kind 'unload' \(customer=KH001, vehicle=7-9米箱车 cargo=泡货\); $KNOWN$"
# a third party without fields: the vehicle is what is missing
printf 'ts,staff,kind,value,customer\n2026-09-02T09:00:00+08:00,W006,unload,30,KH002\n' > bare.csv
run svc-log import bare.csv
refused "third party, no fields" 1 "^svc-log: bare.csv:2: vehicle: matches no limit of kind 'unload'; $KNOWN$"
printf 'ts,staff,kind,value,vehicle,cargo\n2026-09-02T09:00:00+08:00,W006,unload,30,8米箱车,泡货\n' > bad.csv
run svc-log import bad.csv
refused "not a vehicle" 1 "^svc-log: bad.csv:2: vehicle: '8米箱车' is not a choice \(expected one of 13-15米挂车, 7-9米箱车\)$"
run svc-log add unload W006 value=30 customer=KH002 note="7-9米箱车 重货"
refused "add: the note alone" 1 "^svc-log: vehicle: matches no limit of kind 'unload'; $KNOWN$"
is "nothing written" "$(count)" "$n"
run svc-log add unload W006 value=95 vehicle=7-9米箱车 cargo=重货 ts=2026-09-03T08:00:00+08:00
is "add: matched by fields" "$rc" 0
run svc-log add unload W006 value=31 customer=KH001 ts=2026-09-03T09:00:00+08:00
is "add: matched by the customer" "$rc" 0
is "add: written" "$(count)" $((n + 2))
run svc-report kpi --period 2026-09 --format csv
like "和路雪 by add: a breach" "$(printf '%s\n' "$out" | pick 'limits( total)?' limit counted within breaches)" "^和路雪卸车30分钟内卸下并送至库内指定区域,2,1,1$"

# interactive: the vehicle left out is asked again when the event is
# saved; 和路雪's unload needs neither field
HOME=$T
export HOME
python3 "$SRC/tests/cli/pty-drive" svc-log >s.txt <<'PTY'
expect kind: $
send unload\r
expect staff: $
send W008\r
expect time \[now\]: $
send 2026-09-04 10:00\r
expect value .*: $
send 61\r
expect channel: $
send \r
expect customer: $
send KH003\r
expect note: $
send 龙凤入库\r
expect vehicle .*: $
send \r
expect cargo .*: $
send 泡货\r
expect save\? \[Y/n\] $
send \r
expect vehicle: matches no limit of kind 'unload'; known: customer=KH001,
expect vehicle .*: $
send 7-9米箱车\r
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[unload\]: $
send \r
expect staff \[W008\]: $
send \r
expect time \[now\]: $
send 2026-09-04 11:00\r
expect value .*: $
send 25\r
expect channel: $
send \r
expect customer: $
send 和路雪\r
expect note: $
send \r
expect vehicle .*: $
send \r
expect cargo .*: $
send \r
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[unload\]: $
send \x04
expect 2 events? saved
wait
PTY
like "interactive: ends cleanly" "$(cat s.txt)" '^EXIT 0$'
is "interactive: saved with the fields" "$(sql svc.db "SELECT customer || ' ' || coalesce(fields, '') FROM event WHERE staff = 'W008' ORDER BY t" | paste -sd'|' -)" \
    'KH003 {"cargo":"泡货","vehicle":"7-9米箱车"}|KH001 '

# a limit's terms are checked at load: a vehicle not among the choices,
# a customer term without its id
sed 's/^match = vehicle=7-9米箱车, cargo=重货$/match = vehicle=冷藏车, cargo=重货/' w.ini > w2.ini
line=$(grep -n '^match = vehicle=冷藏车' w2.ini | cut -d: -f1)
run svc-log --policy w2.ini kinds
refused "match: not a choice" 1 "^svc-log: w2.ini:$line: match: 'vehicle=冷藏车': '冷藏车' is not one of field 'vehicle''s choices$"
sed 's/^match = customer=KH001 .*$/match = customer=/' w.ini > w3.ini
line=$(grep -n '^match = customer=$' w3.ini | cut -d: -f1)
run svc-log --policy w3.ini kinds
refused "match: customer without id" 1 "^svc-log: w3.ini:$line: match: 'customer=': no customer id after '='$"
finish
