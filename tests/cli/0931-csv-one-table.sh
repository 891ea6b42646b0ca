#!/bin/sh
# svc-report --format csv is one table for every kind: one header whose
# first column is "section", every row as wide as the header, no empty
# line, read whole by Python's csv module and by Miller; subtotals and
# averages are marked in the section column. An attached CSV is in
# --excel form (BOM, CRLF, formulas neutralised) without --excel; CSV on
# standard output stays plain. The tools' CSV contracts (svc-score,
# svc-award, svc-log list) keep their columns.
. "$SRC/tests/cli/lib.sh"

load_sample water
load_sample smile
load_sample warehouse
load_sample plans
# open, closed and cancelled orders besides the sample's follow-ups, so
# that the orders report has all three tables
o() {
	svc-log --db water.db --policy water.ini order open "$@" ||
	    not_ok "order open $*"
}
a=$(o --customer 0101023 --matter 水表漏水 --first KF007 \
    --ts 2026-09-21T10:00)
svc-log --db water.db order close "$a" --resolution 更换水表 \
    --ts 2026-09-23T16:00
c=$(o --customer 0101187 --matter 重复登记 --first KF005 \
    --ts 2026-09-29T15:00)
svc-log --db water.db order cancel "$c" --reason 重复 --ts 2026-09-29T15:10
AWARDS=$SRC/tests/cli/fixtures/awards-smile.csv
ASOF=2026-10-01T09:00:00+08:00

# report KIND [OPTION...]: the report of the samples, in KIND.csv
report() {
	k=$1
	shift
	set -- "$@" --as-of "$ASOF"
	case $k in
	scores) svc-report scores --db water.db --policy water.ini \
	    --period 2026-08 "$@" ;;
	awards) svc-report awards --policy smile.ini "$@" <"$AWARDS" ;;
	staff) svc-report staff P005 --db smile.db --policy smile.ini \
	    --period 2026-Q3 --awards "$AWARDS" "$@" ;;
	monthly) svc-report monthly --db water.db --policy water.ini \
	    --period 2026-08 "$@" ;;
	orders) svc-report orders --db water.db --policy water.ini "$@" ;;
	revisits) svc-report revisits --db warehouse.db \
	    --policy warehouse.ini "$@" ;;
	kpi) svc-report kpi --db warehouse.db --policy warehouse.ini \
	    --period 2026-Q3 "$@" ;;
	register) svc-report register visitor --db plans.db \
	    --policy plans.ini --period 2026-11 "$@" ;;
	reminders) svc-report reminders --db plans.db --policy plans.ini \
	    "$@" ;;
	# the plans' week of checklists, judged in it (the last --as-of wins)
	schedule) svc-report schedule --db plans.db --policy plans.ini \
	    --period 2026-W47 "$@" --as-of 2026-11-22T12:00 ;;
	esac >"$k.csv" 2>"$k.err"
	echo $?
}

# one FILE: the sections of the one table in FILE, in order, each once
# (a BOM and CRLF allowed), or what is wrong with it
cat >one.py <<'PY'
import csv, io, sys
text = open(sys.argv[1], 'rb').read().decode('utf-8-sig')
rows = list(csv.reader(io.StringIO(text, newline='')))
if not rows:
    sys.exit('empty')
if rows[0][0] != 'section':
    sys.exit('first column is %r, not section' % rows[0][0])
if len(set(rows[0])) != len(rows[0]):
    sys.exit('a column twice in %r' % rows[0])
for i, r in enumerate(rows[1:], 2):
    if len(r) != len(rows[0]):
        sys.exit('row %d has %d cells, the header %d' % (i, len(r),
                 len(rows[0])))
    if not r[0]:
        sys.exit('row %d has no section' % i)
seen = []
for r in rows[1:]:
    if r[0] not in seen:
        seen.append(r[0])
print(','.join(seen))
PY
# miller FILE: the number of records Miller reads from FILE as JSON, and
# the number of fields of each (one number when all are as wide)
miller() {
	mlr --icsv --ojson cat "$1" | python3 -c '
import json, sys
recs = json.load(sys.stdin)
print(len(recs), *sorted(set(len(r) for r in recs)))'
}

for k in scores awards staff monthly orders revisits kpi register reminders \
    schedule; do
	is "$k: exit status" "$(report $k --format csv)" 0
	is "$k: stderr" "$(cat $k.err)" ""
	sections=$(python3 one.py $k.csv 2>&1)
	case $k in
	scores) want="staff,department average" ;;
	awards) want="awards,award total" ;;
	staff) want="events,score,awards" ;;
	monthly) want="departments,departments total,services"
		want="$want,services total,feedback,unhandled,orders,targets" ;;
	orders) want="open,closed,summary" ;;
	revisits) want="customers,tiers,tiers total" ;;
	kpi) want="limits,limits total,worst cases" ;;
	register) want="entries,alerts" ;;
	reminders) want="reminders" ;;
	schedule) want="checklists,short" ;;
	esac
	is "$k: one table, its sections" "$sections" "$want"
	n=$(($(wc -l <$k.csv) - 1))
	w=$(head -n 1 $k.csv | python3 -c '
import csv, sys
print(len(next(csv.reader(sys.stdin))))')
	is "$k: Miller reads every row with every column" "$(miller $k.csv)" \
	    "$n $w"
	unlike "$k: no empty line" "$(cat $k.csv)" '^$'
	unlike "$k: no BOM on standard output" "$(head -c 3 $k.csv | od -An -c)" \
	    '357'

	# --excel: the same table, with a BOM and CRLF
	is "$k --excel: exit status" "$(report $k --format csv --excel)" 0
	is "$k --excel: one table" "$(python3 one.py $k.csv 2>&1)" "$want"
	like "$k --excel: BOM" "$(head -c 3 $k.csv | od -An -c)" '357 273 277'
	is "$k --excel: CRLF on every line" "$(grep -c "$(printf '\r')\$" \
	    $k.csv)" "$(wc -l <$k.csv | tr -d ' ')"
done

# totals and averages are marked in the section column, data rows not
report scores --format csv >/dev/null
is "scores: one average per department, marked" \
    "$(grep -c '^department average,' scores.csv)" \
    "$(sql water.db "SELECT count(DISTINCT dept) FROM staff WHERE active = 1")"
is "scores: the average row is the department's" \
    "$(grep '^department average,微机班,' scores.csv)" \
    "department average,微机班,,,,average,98.00,,,,"
report awards --format csv >/dev/null
is "awards: a total per award" "$(grep '^award total,' awards.csv |
    cut -d, -f2,5,7 | tr '\n' ' ')" \
    "最佳微笑奖,total of 3,1500 微笑大使奖,total of 3,900 微笑风采奖,total of 3,600 下岗培训,total of 1,0 "
report orders --format csv >/dev/null
is "orders: open and closed share id, customer, owner" "$(head -n 1 orders.csv)" \
    "section,status,id,opened,customer,matter,owner,due,age d,overdue d,closed,to close d,late,resolution,item,value"
like "orders: a closed row" "$(cat orders.csv)" \
    "^closed,,$a,2026-09-21 10:00,0101023,水表漏水,KF007,,,,2026-09-23 16:00,2\\.2,,更换水表,,\$"
like "orders: the summary's rate" "$(cat orders.csv)" \
    '^summary,(,){13}handling rate %,[0-9.]+$'
# a section a filter away, as svc-report(1) shows
is "Miller: one section" "$(mlr --icsv --ocsv filter '$section == "summary"' \
    then cut -f item orders.csv | sed 1d | tr '\n' ,)" \
    "opened,closed,closed late,cancelled,open at the end,\
overdue at the end,follow-ups opened,follow-ups closed,\
mean time to close d,handling rate %,"

# An attached CSV is for a spreadsheet: a BOM, CRLF and a formula
# neutralised, without --excel; standard output keeps the formula.
cat >s.csv <<'CSV'
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason
2026-08,A01,"=HYPERLINK(""http://x"",""y"")",营业厅,收费员,100,0,0,0,100,0,0,3,yes,
2026-08,A02,张三,营业厅,收费员,100,-5,0,0,95,1,0,4,yes,
CSV
runin s.csv svc-report scores --format mail --to a@example.com \
    --from b@example.com --as-of "$ASOF" --attach-csv
is "mail: exit status" "$rc" 0
printf '%s\n' "$out" >s.mail
is "mail: the attachment is spreadsheet-safe" "$(python3 - <<'PY'
import email, email.policy
m = email.message_from_binary_file(open('s.mail', 'rb'),
    policy=email.policy.default)
att = [p for p in m.walk() if p.get_filename() == 'scores.csv'][0]
b = att.get_payload(decode=True)
lines = b[3:].split(b'\r\n')
print(b[:3] == b'\xef\xbb\xbf', lines[-1] == b'',
      all(not l.endswith(b'\r') and b'\n' not in l for l in lines),
      b',"\'=HYPERLINK(' in b, lines[0].startswith(b'section,'))
PY
)" "True True True True True"
runin s.csv svc-report scores --format csv
like "stdout: the formula as it is" "$out" \
    '^staff,营业厅,1,A01,"=HYPERLINK\(""http://x"",""y""\)",'
unlike "stdout: no BOM" "$(printf '%s' "$out" | head -c 3 | od -An -c)" '357'

# The tools' CSV contracts keep their one table and their columns.
run svc-score --db water.db --policy water.ini --period 2026-08
like "svc-score: its columns" "$(printf '%s\n' "$out" | head -n 1)" \
    '^period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason'
run svc-log --db water.db list --period 2026-08
like "svc-log list: its columns" "$(printf '%s\n' "$out" | head -n 1)" \
    '^id,ts,staff,kind,'
printf '%s\n' "$out" >list.csv
is "svc-log list: Miller reads it" "$(miller list.csv | cut -d' ' -f2-)" \
    "$(head -n 1 list.csv | tr ',' '\n' | wc -l | tr -d ' ')"
svc-score --db smile.db --policy smile.ini --period 2026-Q3 >q3.csv
run svc-award --db smile.db --policy smile.ini q3.csv
like "svc-award: its columns" "$(printf '%s\n' "$out" | head -n 1)" \
    '^period,staff,name,dept,award,amount,action,rank,consecutive,posted_from,posted_until,payable,status'

finish
