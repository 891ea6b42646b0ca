#!/bin/sh
# svc-report monthly: the metric definitions (svc-report(1)) on a small
# hand-made month: complaint handling is a later satisfied revisit of the
# same customer before --as-of; satisfaction is revisits above
# dissatisfied_max (the revisit kind names no satisfied_min); counts and
# month-on-month change; MISSED where a target is missed.
. "$SRC/tests/cli/lib.sh"
cat "$SRC/tests/cli/fixtures/mini.ini" - > p.ini <<'INI'

[kind.contact.call]
label = 来电
counts_as = contact

[target.处理率]
metric = complaint_handling
min = 100
unit = %

[target.满意率]
metric = satisfaction
min = 60
unit = %

[target.均分]
metric = score_mean
min = 90

[target.压力]
metric = pressure_pass
min = 97
INI
svc-log init 2>/dev/null
svc-log roster "$SRC/tests/cli/fixtures/roster.csv" 2>/dev/null
svc-log customers "$SRC/tests/cli/fixtures/customers.csv" 2>/dev/null
# August: 3 complaints: C001 revisited after it (handled), C002 revisited
# only before it and after --as-of (not handled), one with no customer
# (not handled). 3 revisits: 5, 3 (satisfied), 2 (not). July: 2 calls.
cat > ev.csv <<'CSV'
ts,staff,kind,value,customer,channel
2026-07-10T10:00:00+08:00,G002,contact.call,,,phone
2026-07-11T10:00:00+08:00,G002,contact.call,,,phone
2026-08-01T10:00:00+08:00,G002,revisit,2,C002,phone
2026-08-03T10:00:00+08:00,G002,complaint.attitude,,C001,visit
2026-08-04T10:00:00+08:00,G002,complaint.attitude,,C002,phone
2026-08-05T10:00:00+08:00,G002,complaint.attitude,,,phone
2026-08-06T10:00:00+08:00,G002,revisit,5,C001,phone
2026-08-07T10:00:00+08:00,G002,revisit,3,C001,phone
2026-08-08T10:00:00+08:00,G002,contact.call,,,phone
2026-10-05T10:00:00+08:00,G002,revisit,4,C002,phone
CSV
run svc-log --policy p.ini import ev.csv
is "imported" "$rc" 0

run svc-report monthly --policy p.ini --period 2026-08 --as-of 2026-10-01 \
    --format csv
is "exit" "$rc" 0
printf '%s\n' "$out" > m.csv
# row SECTION LABEL COLUMN...: the row of that section starting with LABEL
row() {
	sec=$1 label=$2
	shift 2
	pick "$sec" "$@" <m.csv | grep -E "^$label,"
}
dept() { row 'departments( total)?' "$1" department count 'share %' \
    previous 'change %'; }
feedback() { row feedback "$1" item count previous change 'change %'; }
target() { row targets "$1" target measured value 'target value' result \
    previous; }
# 7 service events in August (3 complaints, 3 revisits, 1 call), 2 in July
like "department count and change" "$(dept 销售管理中心)" \
    '^销售管理中心,7,100.0,2,\+250.0$'
like "by nature: complaints by channel" "$(row 'services( total)?' \
    服务态度投诉 'nature of service' phone visit total 'share %' previous \
    'change %')" '^服务态度投诉,2,1,3,42.9,0,$'
like "complaints" "$(feedback complaints)" '^complaints,3,0,\+3,$'
like "handled: only the one revisited afterwards" \
    "$(feedback 'complaints handled')" '^complaints handled,1,0,\+1,$'
like "satisfied revisits" "$(feedback 'satisfied revisits')" \
    '^satisfied revisits,2,0,\+2,$'
like "handling rate missed" "$(target 处理率)" \
    '^处理率,complaints handled,33.3,>= 100%,MISSED,$'
like "satisfaction met" "$(target 满意率)" \
    '^满意率,satisfied revisits,66.7,>= 60%,met,$'
# G002 scores 100 - 3 x 5 = 85, the three other active staff 100:
# mean 96.25, shown 96.2
like "score mean" "$(target 均分)" '^均分,mean score,96.2,>= 90,met,100.0$'
like "no data is not a miss" "$(target 压力)" \
    '^压力,pressure_pass,,>= 97,no data,$'

# --as-of after the October revisit: C002's complaint now counts handled
run svc-report monthly --policy p.ini --period 2026-08 --as-of 2026-10-06 \
    --format csv
printf '%s\n' "$out" > m.csv
like "a later --as-of sees the later revisit" \
    "$(feedback 'complaints handled')" '^complaints handled,2,'

# the text marks the miss; no colour in a pipe
run svc-report monthly --policy p.ini --period 2026-08 --as-of 2026-10-01
like "text: MISSED" "$out" '33\.3  >= 100%  +MISSED'

finish
