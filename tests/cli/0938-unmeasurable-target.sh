#!/bin/sh
# A target that nothing in the ledger can measure is reported when the
# policy is loaded, by every tool that loads it: a warning naming
# file:line:[target.NAME] on stderr, the exit status and the output
# unchanged. Scheme A's 客户满意率 without a revisit kind was one; the
# smile sample now has the document's 客户反馈小组 revisit, and no sample
# policy is warned about.
. "$SRC/tests/cli/lib.sh"
for s in smile water group warehouse; do
	load_sample $s
	is "$s: import says nothing about targets" "$(printf '%s\n' "$err" |
	    grep -c warning)" 0
	run svc-report monthly --db $s.db --policy $s.ini --period 2026-08 \
	    --as-of 2026-10-01
	is "$s: no warning from svc-report" "$err" ""
done

# smile.ini as it was: no kind counts as revisit
awk '/^\[kind.revisit\]/ { skip = 1; next } /^\[/ { skip = 0 } !skip' \
    smile.ini >old.ini
line=$(grep -n '^\[target.客户满意率\]' old.ini | cut -d: -f1)
W="warning: old.ini:$line: \[target.客户满意率\]: nothing in the ledger can measure satisfaction: no kind counts as revisit"
run svc-score --db smile.db --policy old.ini --period 2026-Q3
is "svc-score: exit" "$rc" 0
like "svc-score: warned" "$err" "^svc-score: $W\$"
is "svc-score: the scores as with the sample" "$out" \
    "$(svc-score --db smile.db --policy smile.ini --period 2026-Q3)"
run svc-report monthly --db smile.db --policy old.ini --period 2026-08 \
    --as-of 2026-10-01
is "svc-report: exit" "$rc" 0
like "svc-report: warned" "$err" "^svc-report: $W\$"
run svc-award --db smile.db --policy old.ini list
is "svc-award: exit" "$rc" 0
like "svc-award: warned" "$err" "^svc-award: $W\$"
run svc-log --db smile.db --policy old.ini list --period 2026-08
is "svc-log: exit" "$rc" 0
like "svc-log: warned" "$err" "^svc-log: $W\$"

# the clerk's entry loop says it under the policy line
HOME=$T
export HOME
python3 "$SRC/tests/cli/pty-drive" svc-log --db smile.db --policy old.ini \
    >entry.txt <<'EOF'
expect policy: 精准化微笑服务考核评比
expect warning: old.ini:[0-9]+: .target.客户满意率.: nothing in the ledger
expect kind: $
send q\r
wait
EOF
is "entry loop: warned, then ran" "$(tail -n 1 entry.txt)" "EXIT 0"

# the other metrics nothing can feed
cat "$SRC/tests/cli/fixtures/mini.ini" - >p.ini <<'INI'

[target.时效]
metric = kpi
max = 5

[target.回访及时]
metric = revisit_ontime
min = 100

[target.压力]
metric = pressure_pass
min = 97

[target.窗口]
metric = window_score
min = 99
INI
svc-log --db e.db init 2>/dev/null
svc-log --db e.db roster "$SRC/tests/cli/fixtures/roster.csv" 2>/dev/null
run svc-report monthly --db e.db --policy p.ini --period 2026-08
is "three warnings, in file order" "$(printf '%s\n' "$err" | sed 's/^svc-report: warning: p.ini:[0-9]*: //')" \
"[target.时效]: nothing in the ledger can measure kpi: no [limit.*] section
[target.回访及时]: nothing in the ledger can measure revisit_ontime: no [revisit.*] section
[target.压力]: nothing in the ledger can measure pressure_pass: svc records no pressures"
sed '/^\[kind.complaint/,/^$/d' "$SRC/tests/cli/fixtures/mini.ini" >nc.ini
printf '[target.处理率]\nmetric = complaint_handling\nmin = 100\n' >>nc.ini
run svc-report monthly --db e.db --policy nc.ini --period 2026-08
like "complaint handling without complaints" "$err" \
    'nc.ini:[0-9]+: \[target.处理率\]: nothing in the ledger can measure complaint_handling: no kind counts as complaint$'

finish
