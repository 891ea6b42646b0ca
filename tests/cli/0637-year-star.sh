#!/bin/sh
# Scheme A's service star of the year (seeds/000, 三: 年度总结表彰, 结合季度
# 汇总评比) is decided from the year's four quarters: a quarter without
# saved scores is named and nothing is decided (nor saved) unless
# --partial asks for the quarters there are. The same for scores CSV.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/smile.ini
N=精准化微笑服务考核评比
export SVC_DB=s.db SVC_POLICY=$P SVC_USER=考核小组
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/smile/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/smile/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/smile/events.csv" 2>/dev/null
svc-score --period 2026-Q3 --save >q3.csv
star() { printf '%s\n' "$out" | awk -F, '$14 == "star" { print $1 "," $2 "," $5 }'; }

### Q3 alone is not the year: P004 (106 in Q3) would be the star
run svc-award --period 2026 --as-of 2027-01-10
refused "Q3 alone" 1 "$(ledger_re s.db): --period: 2026-Q1, 2026-Q2, 2026-Q4 have no saved scores of policy '$N': save them \(svc-score --period P --save\), or decide 2026 with --partial"
run svc-award --period 2026 --as-of 2027-01-10 --save
refused "Q3 alone, --save" 1 "2026-Q1, 2026-Q2, 2026-Q4 have no saved scores"
is "Q3 alone: nothing saved" "$(sql s.db "SELECT count(*) FROM award WHERE period = '2026'")" 0
run svc-award --period 2026 --as-of 2027-01-10 --partial
is "Q3 alone, --partial" "$(star)" "2026,P004,年度服务之星"

### assessments of Q1 (P001 96, P004 99) and Q2 (P001 99, P004 80),
### saved: only Q4 is missing, named alone
cat >more.csv <<'CSV'
ts,staff,kind,value,customer,channel,dept,note,uid
2026-02-10T09:00:00+08:00,P001,assess,96,,,,Q1,T-Q1-1
2026-02-10T09:10:00+08:00,P004,assess,99,,,,Q1,T-Q1-2
2026-05-12T09:00:00+08:00,P001,assess,99,,,,Q2,T-Q2-1
2026-05-12T09:10:00+08:00,P004,assess,80,,,,Q2,T-Q2-2
2026-11-10T09:00:00+08:00,P001,assess,95,,,,Q4,T-Q4-1
2026-11-10T09:10:00+08:00,P004,assess,90,,,,Q4,T-Q4-2
CSV
svc-log import more.csv 2>/dev/null
svc-score --period 2026-Q1 --save >/dev/null
svc-score --period 2026-Q2 --save >q2.csv
run svc-award --period 2026 --as-of 2027-01-10
refused "Q4 missing" 1 "--period: 2026-Q4 has no saved scores of policy '$N': save it \(svc-score --period 2026-Q4 --save\), or decide 2026 with --partial"
# the three quarters there are: P001 (96, 99, 97) over P004 (99, 80, 106);
# the others, not assessed in Q1 and Q2, are not eligible for the year
run svc-award --period 2026 --as-of 2027-01-10 --partial
is "Q1-Q3, --partial" "$(star)" "2026,P001,年度服务之星"

### all four saved (Q4: P001 95, P004 90): decided, and saved (proposed:
### smile asks for approval)
svc-score --period 2026-Q4 --save >/dev/null
run svc-award --period 2026 --as-of 2027-01-10 --save
is "the year: status" "$rc" 0
is "the year: star" "$(star)" "2026,P001,年度服务之星"
like "the year: proposed" "$out" "^2026,P001,.*,proposed,star,"

### scores CSV: the same rule for the quarters given
run svc-award --period 2026 --as-of 2027-01-10 q3.csv
refused "CSV: Q3 alone" 1 "--period: the scores given have none of 2026-Q1, 2026-Q2, 2026-Q4: give them too, or decide 2026 with --partial"
run svc-award --period 2026 --as-of 2027-01-10 q2.csv q3.csv
refused "CSV: Q2 and Q3" 1 "none of 2026-Q1, 2026-Q4: "
run svc-award --period 2026 --as-of 2027-01-10 --partial q2.csv q3.csv
is "CSV: Q2 and Q3, --partial" "$(star)" "2026,P001,年度服务之星"
# a quarter is its own period: nothing to combine
run svc-award --period 2026-Q3 --as-of 2026-10-05 q3.csv
is "a quarter" "$rc" 0

### usage
run svc-award --partial q3.csv
refused "--partial without --period" 2 "--partial goes with --period"
run svc-award list --partial
refused "--partial with list" 2 "--save, --partial, --encoding and --ignore-extra go with deciding, not list"
run svc-award --help
like "help: --partial" "$out" "--partial +with --period: combine the parts there are"

finish
