#!/bin/sh
# svc-report orders, revisits and kpi, and the work-order part of monthly,
# on a small hand-made ledger whose expected numbers are worked out in the
# comments; orders are made by svc-log order with fixed --ts, reports are
# judged at fixed --as-of, so every number here is reproducible.
. "$SRC/tests/cli/lib.sh"
cat "$SRC/tests/cli/fixtures/mini.ini" - > p.ini <<'INI'

[kind.unload]
label = 卸车（分钟）
counts_as = operation
value = required
value_min = 0

[limit.快卸]
label = 卸车30分钟
kind = unload
minutes = 30

[orders]
due = 2d

[revisit.key]
every = 7
supervisor_every = 30

[revisit.general]
every = 30

[target.处理率]
metric = complaint_handling
min = 100
unit = %

[target.满意率]
metric = satisfaction
min = 60
unit = %

[target.消单率]
metric = closure_rate
min = 90
unit = %

[target.时效]
metric = kpi
min = 100
unit = %

[target.回访及时]
metric = revisit_ontime
min = 100
unit = %
INI
# C001 key, owned by G003 (supervisor G002, leader G001); C003 key and
# never revisited; C004's tier vip has no cadence.
cat > cust.csv <<'CSV'
id,name,tier,contact,owner
C001,华北粮油,key,,G003
C002,恒通物流,general,,G004
C003,新客户,key,,G003
C004,贵宾,vip,,G004
CSV
svc-log init 2>/dev/null
svc-log roster "$SRC/tests/cli/fixtures/roster.csv" 2>/dev/null
svc-log customers cust.csv 2>/dev/null
cat > ev.csv <<'CSV'
ts,staff,kind,value,customer,channel,note,uid
2026-09-15T10:00:00+08:00,G002,revisit,2,C001,phone,,
2026-09-20T10:00:00+08:00,G003,unload,20,,site,,
2026-09-25T10:00:00+08:00,G004,revisit,3,C002,phone,,
2026-10-01T10:00:00+08:00,G004,revisit,5,C004,phone,,
2026-10-03T10:00:00+08:00,G003,complaint.attitude,,C002,phone,,
2026-10-05T10:00:00+08:00,G003,unload,25,,site,,
2026-10-06T10:00:00+08:00,G004,unload,30,,site,,
2026-10-07T10:00:00+08:00,G003,unload,41,,site,冷柜车,OP-7
2026-10-10T10:00:00+08:00,G003,revisit,5,C001,phone,,
2026-10-12T10:00:00+08:00,G003,complaint.attitude,,C001,phone,,
2026-10-16T10:00:00+08:00,G004,revisit,4,C001,phone,,
CSV
run svc-log --policy p.ini import ev.csv
is "events imported" "$rc" 0

# Orders (due by default 2 days after opening):
#  1 C001 opened 10-01 09:00, assigned to G004, closed 10-02 21:00: 1.5 d
#  2 C002 opened 10-05 09:00 (due 10-07 09:00), closed 10-09 09:00: late, 4 d
#  3 C001 opened 10-10 12:00, due 10-15 (its end, 23:59:59), still open
#  4 C002 opened 10-18 08:00, due 5 days later (10-23 08:00), still open
#  5 C001 opened 10-19 08:00, cancelled an hour later
#  6 C002 opened 09-28 10:00 (due 09-30 10:00), still open
o() { svc-log --policy p.ini order open "$@" >/dev/null || not_ok "open $*"; }
o --customer C001 --matter 漏水 --first G003 --ts 2026-10-01T09:00
svc-log order assign 1 G004 --ts 2026-10-01T10:00
svc-log order close 1 --resolution 已修复 --ts 2026-10-02T21:00
o --customer C002 --matter 账单 --first G003 --ts 2026-10-05T09:00
svc-log order close 2 --ts 2026-10-09T09:00
o --customer C001 --matter 水压 --first G004 --ts 2026-10-10T12:00 \
    --due 2026-10-15
o --customer C002 --matter 咨询 --first G003 --ts 2026-10-18T08:00 --due 5d
o --customer C001 --matter 重复 --first G003 --ts 2026-10-19T08:00
svc-log order cancel 5 --reason 重复登记 --ts 2026-10-19T09:00
o --customer C002 --matter 旧单 --first G003 --ts 2026-09-28T10:00
is "six orders" "$(sql svc.db 'SELECT count(*) FROM work_order')" 6

# The reports' tables as their text shows them, from the one-table CSV
# in $out (see pick in lib.sh).
t_open() { printf '%s\n' "$out" | pick open status id opened customer \
    matter owner due 'age d' 'overdue d'; }
t_closed() { printf '%s\n' "$out" | pick closed id opened closed customer \
    matter owner 'to close d' late resolution; }
t_summary() { printf '%s\n' "$out" | pick summary item value; }
t_customers() { printf '%s\n' "$out" | pick customers customer name tier \
    owner by 'every d' 'last revisit' 'days since' 'due by' status revisits \
    satisfaction; }
t_tiers() { printf '%s\n' "$out" | pick 'tiers( total)?' tier cadence \
    customers ok due overdue revisits dissatisfied satisfaction \
    'satisfied %'; }
t_limits() { printf '%s\n' "$out" | pick 'limits( total)?' limit kind \
    minutes charge counted within breaches 'share %' longest; }
t_worst() { printf '%s\n' "$out" | pick 'worst cases' limit time staff ref \
    minutes over note; }

# ---- orders ----
# As of 10-20 (its end, 23:59:59): open 6, 3, 4; 6 is overdue by
# 20 d 13:59:59 = 20.6 d and 3 by exactly 5 d, most overdue first; 4 is
# 2 d 15:59:59 = 2.7 d old. Handling: of 1, 2, 3, 4, 6 (5 cancelled)
# two are closed: 40.0 %.
run svc-report orders --policy p.ini --as-of 2026-10-20 --format csv
is "orders: exit" "$rc" 0
is "orders: open rows, overdue first" "$(t_open | sed 1d)" \
"OVERDUE,6,2026-09-28 10:00,C002,旧单,G003,2026-09-30 10:00,22.6,20.6
OVERDUE,3,2026-10-10 12:00,C001,水压,G004,2026-10-15 23:59,10.5,5.0
open,4,2026-10-18 08:00,C002,咨询,G003,2026-10-23 08:00,2.7,"
is "orders: closed rows with time to close" "$(t_closed | sed 1d)" \
"1,2026-10-01 09:00,2026-10-02 21:00,C001,漏水,G004,1.5,,已修复
2,2026-10-05 09:00,2026-10-09 09:00,C002,账单,G003,4.0,late,closed"
like "orders: handling rate" "$(t_summary | grep '^handling rate')" \
    '^handling rate %,40\.0$'
like "orders: overdue count" "$(t_summary | grep '^overdue at')" ',2$'
# In October: opened 1-5, 5 cancelled, so 2 of 4 handled: 50.0 %.
run svc-report orders --policy p.ini --as-of 2026-10-20 --period 2026-10 \
    --format csv
like "orders --period: handling rate" "$(t_summary)" 'handling rate %,50\.0'
like "orders --period: cancelled" "$(t_summary)" 'cancelled,1'
like "orders --period: closed late" "$(t_summary)" 'closed late,1'
# Overdue is judged at --as-of: at the end of 10-15 order 3 is exactly at
# its due time (not overdue); a day later it is; order 4 is not open yet.
run svc-report orders --policy p.ini --as-of 2026-10-15 --format csv
like "as of its due time: not overdue" "$(t_open)" '^open,3,.*,5\.5,$'
unlike "as of 10-15: order 4 not opened yet" "$(t_open)" '^[a-zA-Z]*,4,'
like "as of 10-15: 6 overdue" "$(t_open)" 'OVERDUE,6,'
run svc-report orders --policy p.ini --as-of 2026-10-16 --format csv
like "a day after: overdue by 1.0" "$(t_open)" 'OVERDUE,3,.*,1\.0$'
run svc-report orders --policy p.ini --as-of 2026-10-20
like "text marks overdue" "$out" 'OVERDUE +6 '
like "text: judged at" "$out" 'Judged at 2026-10-20T23:59:59\+08:00: 3 open, 2 overdue'
# 80 columns: a date-time gives up its time, never a digit of its date
run svc-report orders --policy p.ini --as-of 2026-10-20 --width 80
like "80 columns: dates shown" "$out" '2026-10-[0-9]{2}'
unlike "80 columns: no date cut" "$out" '[0-9]…'
like "80 columns: dates whole" "$out" 'OVERDUE +6  2026-09-28  C002'

# ---- revisits (due: within 3 days of the cadence) ----
# As of 10-20: C001 staff last 10-16 (4 days; 7 - 3 = 4: due), its
# supervisor G002 last 09-15 (35 > 30: overdue); C002 09-25 (25 < 27:
# ok); C003 never revisited: due for both; C004 has no cadence.
# Satisfaction: C001 (2 + 5 + 4) / 3 = 3.67, C002 3, C004 5.
run svc-report revisits --policy p.ini --as-of 2026-10-20 --format csv
is "revisits: exit" "$rc" 0
is "revisits: customers" "$(t_customers | sed -n '2,7p')" \
"C001,华北粮油,key,G003,staff,7,2026-10-16,4,2026-10-23,due,3,3.67
C001,华北粮油,key,G003,supervisor,30,2026-09-15,35,2026-10-15,overdue,,
C002,恒通物流,general,G004,staff,30,2026-09-25,25,2026-10-25,ok,1,3.00
C003,新客户,key,G003,staff,7,never,,,due,0,
C003,新客户,key,G003,supervisor,30,never,,,due,,
C004,贵宾,vip,G004,,,,,,no cadence,1,5.00"
# Tiers: key 2 customers (1 due, 1 overdue), 3 revisits, 1 dissatisfied;
# total 5 revisits: (11 + 3 + 5) / 5 = 3.80, 4 of 5 satisfied.
like "revisits: tier key" "$(t_tiers)" \
    '^key,"7d, supervisor 30d",2,0,1,1,3,1,3\.67,66\.7'
like "revisits: tier general" "$(t_tiers)" \
    'general,30d,1,1,0,0,1,0,3\.00,100\.0'
like "revisits: tier without cadence" "$(t_tiers)" \
    'vip,none,1,0,0,0,1,0,5\.00,100\.0'
like "revisits: total" "$(t_tiers)" 'total,,4,1,1,1,5,1,3\.80,80\.0'
# Earlier: as of 10-17 C001's staff cadence is ok (1 day); as of 10-14 the
# 10-16 revisit has not happened (10-10: 4 days, due) and the supervisor's
# 29 days are within 3 of 30: due.
run svc-report revisits --policy p.ini --as-of 2026-10-17 --format csv
like "as of 10-17: staff ok" "$(t_customers)" 'C001,.*,staff,7,2026-10-16,1,2026-10-23,ok,'
run svc-report revisits --policy p.ini --as-of 2026-10-14 --format csv
like "as of 10-14: staff due" "$(t_customers)" 'C001,.*,staff,7,2026-10-10,4,2026-10-17,due,2,3\.50'
like "as of 10-14: supervisor due" "$(t_customers)" 'supervisor,30,2026-09-15,29,2026-10-15,due'
# --period: satisfaction over the period's revisits only (October:
# C001 5 and 4), status at its end
run svc-report revisits --policy p.ini --as-of 2026-11-30 --period 2026-10 \
    --format csv
like "revisits --period: October's satisfaction" "$(t_customers)" 'C001,.*,staff,7,2026-10-16,15,2026-10-23,overdue,2,4\.50'

# ---- kpi ----
# October: 25 and 30 within (at the limit is within), 41 over by 11,
# named by its uid.
run svc-report kpi --policy p.ini --period 2026-10 --format csv
is "kpi: exit" "$rc" 0
like "kpi: the limit" "$(t_limits)" '^卸车30分钟,unload,30,none,3,2,1,66\.7,41$'
like "kpi: total" "$(t_limits)" '^total,,,,3,2,1,66\.7,$'
like "kpi: worst case by uid" "$(t_worst)" '卸车30分钟,2026-10-07 10:00,G003,OP-7,41,11,冷柜车'
run svc-report kpi --policy p.ini --period 2026-09 --format csv
like "kpi: September within" "$(t_limits)" '^卸车30分钟,unload,30,none,1,1,0,100\.0,20$'
run svc-report kpi --policy p.ini --period 2026-09
like "kpi: no breach" "$out" 'No breaches\.'
run svc-report kpi --policy p.ini
refused "kpi needs a period" 2 'kpi: no period'

# The warehouse sample: one breach per unload limit in Q3, five in all.
W=$SAMPLE/warehouse
svc-log --db wh.db init 2>/dev/null
svc-log --db wh.db roster "$W/roster.csv" 2>/dev/null
svc-log --db wh.db customers "$W/customers.csv" 2>/dev/null
svc-log --db wh.db --policy "$SAMPLE/policies/warehouse.ini" import \
    "$W/events.csv" 2>/dev/null
run svc-report kpi --db wh.db --policy "$SAMPLE/policies/warehouse.ini" \
    --period 2026-Q3 --format csv
is "warehouse: the five breaches" "$(printf '%s\n' "$out" |
    grep -oE 'WH-2026-[0-9]+' | sort | tr '\n' ' ')" \
    "WH-2026-0047 WH-2026-0087 WH-2026-0209 WH-2026-0389 WH-2026-0456 "
is "warehouse: one breach per limit" "$(t_limits | sed -n '2,6p' |
    cut -d, -f4,7 | tr '\n' ' ')" \
    "none,1 none,1 none,1 none,1 none,1 "
like "warehouse: total" "$(t_limits)" '^total,,,,63,58,5,92\.1,$'

# ---- monthly, October, as of 11-05 (after the month) ----
# Orders: opened in October 1-5 (September: 6); closed 1, 2 (2 late);
# cancelled 5; open at October's end 6, 3, 4, all overdue then (due
# 09-30, 10-15, 10-23); at September's end 6, overdue. Closure rate: 2 of
# 1-4 closed = 50.0 % (September: 0 of 1 = 0.0 %), target 90: MISSED.
# Satisfaction: October's revisits 5, 5, 4 all above 2 = 100.0 %
# (September: 2 and 3, 50.0 %). Complaint handling: C002's complaint
# (10-03) has no later revisit, C001's (10-12) has 10-16: 50.0 %.
# kpi: 2 of 3 = 66.7 % (September 100.0). Revisit cadences not overdue at
# October's end: C001 staff (15 d) and supervisor (46 d) and C002 (36 d)
# are overdue, C003's two are due: 2 of 5 = 40.0 %; at September's end
# all 5 are not overdue: 100.0.
run svc-report monthly --policy p.ini --period 2026-10 --as-of 2026-11-05 \
    --format csv
is "monthly: exit" "$rc" 0
# row LABEL: the row of the work orders or the targets starting with LABEL
row() {
	{ printf '%s\n' "$out" | pick orders item count previous change \
	    'change %'
	  printf '%s\n' "$out" | pick targets target measured value \
	    'target value' result previous; } | grep -E "^$1,"
}
is "monthly: opened" "$(row opened)" "opened,5,1,+4,+400.0"
is "monthly: closed" "$(row closed)" "closed,2,0,+2,"
is "monthly: closed late" "$(row 'closed late')" "closed late,1,0,+1,"
is "monthly: cancelled" "$(row cancelled)" "cancelled,1,0,+1,"
is "monthly: open at the end" "$(row 'open at the end')" \
    "open at the end,3,1,+2,+200.0"
is "monthly: overdue at the end" "$(row 'overdue at the end')" \
    "overdue at the end,3,1,+2,+200.0"
is "monthly: closure rate" "$(row 'closure rate %')" \
    "closure rate %,50.0,0.0,+50.0,"
is "monthly: closure target" "$(row 消单率)" \
    "消单率,orders opened and closed,50.0,>= 90%,MISSED,0.0"
is "monthly: satisfaction" "$(row 满意率)" \
    "满意率,satisfied revisits,100.0,>= 60%,met,50.0"
is "monthly: complaint handling" "$(row 处理率)" \
    "处理率,complaints handled,50.0,>= 100%,MISSED,"
is "monthly: kpi" "$(row 时效)" \
    "时效,operations within limits,66.7,>= 100%,MISSED,100.0"
is "monthly: revisits on time" "$(row 回访及时)" \
    "回访及时,cadences not overdue,40.0,>= 100%,MISSED,100.0"

# Usage: a bad --as-of or --period, no policy, an unknown kind.
run svc-report orders --policy p.ini --as-of 2026-02-30
refused "orders: impossible --as-of" 2 '--as-of'
run svc-report revisits --policy p.ini --period 2026-13
refused "revisits: bad --period" 2 '--period'
run svc-report revisits
refused "revisits: no policy" 2 'revisits: no policy'
run svc-report kpis --policy p.ini
refused "unknown kind names the new ones" 2 'orders, revisits, schedule, kpi, register or reminders'
# --excel applies to the new kinds as to the others
svc-report kpi --policy p.ini --period 2026-10 --format csv --excel > x.csv
like "kpi --excel: BOM" "$(od -An -c x.csv | head -n 1 | tr -s ' ')" \
    '357 273 277 s e c t i o n'
is "kpi --excel: CRLF on every line" "$(grep -c "$(printf '\r')\$" x.csv)" \
    "$(wc -l < x.csv | tr -d ' ')"

# A ledger without orders shows no orders table.
svc-log --db empty.db init 2>/dev/null
run svc-report monthly --db empty.db --policy p.ini --period 2026-10 \
    --as-of 2026-11-05
is "no orders: monthly status" "$rc" 0
like "no orders: the report" "$out" '2026-10'
unlike "no orders, no table" "$out" 'Work orders'
run svc-report orders --db empty.db --policy p.ini --as-of 2026-11-05
like "no orders: said so" "$out" 'No open orders\.'

finish
