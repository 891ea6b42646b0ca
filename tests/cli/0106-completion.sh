#!/bin/sh
# The installed bash completion, sourced into a plain bash (no
# bash-completion package) and asked as bash would ask it: COMP_WORDS and
# COMP_CWORD set, _svc called, COMPREPLY read. Commands and options come
# from each tool's --help; --format, --encoding, --status and --period
# values; kinds from --policy or $SVC_POLICY; staff ids, or a name's
# beginning completed to the id, from the ledger; file names.
. "$SRC/tests/cli/lib.sh"
STAGE=$(dirname "$(command -v svc-log)")
COMPFILE=$STAGE/../share/bash-completion/completions/svc-log

# comp WORD...: what completes the last word of the command line WORD...,
# one a line, sorted.
comp() {
	bash --norc --noprofile -c '. "$1" || exit 1; shift
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _svc
	    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' comp "$COMPFILE" "$@"
}
lines() { printf '%s\n' "$@"; }

[ -f "$COMPFILE" ] && ok || not_ok "no completion file $COMPFILE"
for t in svc-score svc-award svc-report svc-monthly; do
	is "$t: a link to svc-log's" \
	    "$(readlink "$STAGE/../share/bash-completion/completions/$t")" svc-log
done
is "every tool is completed by _svc" \
    "$(bash --norc --noprofile -c '. "$1"; complete -p' x "$COMPFILE" |
    LC_ALL=C sort)" \
    "complete -F _svc svc-award
complete -F _svc svc-log
complete -F _svc svc-monthly
complete -F _svc svc-report
complete -F _svc svc-score"

cp "$SAMPLE/policies/group.ini" .
svc-log --db group.db init 2>/dev/null
svc-log --db group.db roster "$SAMPLE/group/roster.csv" 2>/dev/null
mkdir in
: >in/events.csv
: >in/ev2.csv

### commands and options
got=$(comp svc-log '')
for c in init roster customers contacts add import void list kinds order; do
	like "svc-log: command $c" "$got" "^$c\$"
done
unlike "svc-log: no option where a command goes" "$got" '^-'
is "svc-log im" "$(comp svc-log im)" import
is "svc-log order o" "$(comp svc-log order '')" "$(lines assign cancel close list notify open resume wait)"
is "svc-award commands" "$(comp svc-award '')" \
    "$(lines approve finalize list object pay)"
is "svc-report commands" "$(comp svc-report '')" \
    "$(lines awards kpi monthly orders register reminders revisits schedule scores staff)"
is "svc-report --f" "$(comp svc-report scores --f)" "--format
--from"
is "svc-report reminders --da" "$(comp svc-report reminders --da)" --days
is "--days: no value offered" "$(comp svc-report reminders --days '')" ""
is "svc-log contacts: a file" "$(comp svc-log contacts in/ev)" "$(lines in/ev2.csv in/events.csv)"
is "svc-score --e" "$(comp svc-score --e)" "$(lines --encoding --excel --explain)"
is "svc-monthly --d" "$(comp svc-monthly --d)" "$(lines --db --dry-run)"
is "svc-monthly: no command" "$(comp svc-monthly '')" ""
like "svc-log --: options" "$(comp svc-log --)" '^--policy$'

### option values
is "--format" "$(comp svc-report scores --format '')" \
    "$(lines csv html mail md text xlsx)"
is "--format m" "$(comp svc-report scores --format m)" "$(lines mail md)"
is "svc-monthly --attach" "$(comp svc-monthly --attach)" \
    "$(lines --attach-csv --attach-xlsx)"
is "--encoding g" "$(comp svc-log import --encoding g)" "$(lines gb18030 gbk)"
is "--period last-" "$(comp svc-score --period last-)" \
    "$(lines last-month last-quarter last-week last-year)"
y=$(date +%Y)
is "--period $y-Q" "$(comp svc-award --period "$y-Q")" \
    "$(lines "$y-Q1" "$y-Q2" "$y-Q3" "$y-Q4")"
like "--period: this year's months" "$(comp svc-report monthly --period "$y-1")" \
    "^$y-12\$"
is "svc-award --status p" "$(comp svc-award list --status p)" \
    "$(lines paid posted proposed)"
is "svc-log --status" "$(comp svc-log order list --status '')" \
    "$(lines assigned cancelled closed open waiting)"
is "--as-of: today" "$(comp svc-award pay --as-of '')" "$(date +%Y-%m-%d)"
is "--to: nothing made up" "$(comp svc-monthly --to '')" ""

### kinds from the policy
is "kinds from --policy" \
    "$(comp svc-log --policy group.ini add complaint.v)" complaint.verified
is "kinds from \$SVC_POLICY" \
    "$(SVC_POLICY=group.ini comp svc-log add praise.)" \
    "$(grep -o '^\[kind\.praise\.[^]]*' group.ini | sed 's/^\[kind\.//' |
    LC_ALL=C sort)"
is "--kind" "$(comp svc-log --policy group.ini list --kind complaint.q)" \
    complaint.quarrel
is "no policy: no kinds" "$(comp svc-log add com)" ""
# work-order categories: svc-log's --category, svc-report's --kind
cp "$SAMPLE/policies/plans.ini" .
is "--category" "$(comp svc-log --policy plans.ini order open --category '')" claim
is "svc-report --kind: categories" \
    "$(comp svc-report orders --policy plans.ini --kind c)" claim

### staff from the ledger: ids, and a name's beginning gives the id
is "staff ids" "$(comp svc-log --policy group.ini --db group.db add \
    praise.customer G00)" "$(lines G001 G002 G003 G004 G005 G006 G007 G008 G009)"
is "a name gives the id" "$(comp svc-log --policy group.ini --db group.db \
    add praise.customer 冯)" G001
is "--staff, from \$SVC_DB and \$SVC_POLICY" \
    "$(SVC_DB=group.db SVC_POLICY=group.ini comp svc-log list --staff 韩)" \
    G002
is "--explain" "$(comp svc-score --policy group.ini --db group.db \
    --period 2026-08 --explain G01)" \
    "$(lines G010 G011 G012 G013 G014 G015 G016 G017 G018 G019)"
is "svc-report staff ID" "$(comp svc-report --policy group.ini --db group.db \
    staff 冯)" G001
# a register lists a kind with fields, not one without
printf '%s\n' '[policy]' 'name = r' '[kind.plain]' 'label = x' \
    '[kind.visitor]' 'field.visitor = text' '[kind.claim]' 'value = none' \
    '  field.amount = money' 'field.on = date' >reg.ini
is "svc-report register KIND" "$(comp svc-report --policy reg.ini \
    register '')" "$(lines claim visitor)"
is "no ledger: no staff" "$(comp svc-log --policy group.ini --db none.db \
    add praise.customer G)" ""

### file names
is "import FILE" "$(comp svc-log import in/e)" "$(lines in/ev2.csv in/events.csv)"
is "--policy FILE" "$(comp svc-score --policy gr)" "$(lines group.db group.ini)"
is "svc-score FILE" "$(comp svc-score --policy group.ini --period 2026-08 in/ev2)" \
    in/ev2.csv
: >in/sheet.map
is "--map FILE" "$(comp svc-log import --map in/s)" in/sheet.map
is "--sheet NAME: nothing to offer" "$(comp svc-log import --sheet '')" ""
is "after --sheet NAME, the file" "$(comp svc-log import --sheet 明细 in/ev2)" \
    in/ev2.csv

finish
