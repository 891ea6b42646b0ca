#!/bin/sh
# svc-award: the command-line contract: help, version, usage errors (exit
# 2), bad scores CSV (file:line:field, exit 1, nothing written), and
# --as-of making every computed date reproducible.
. "$SRC/tests/cli/lib.sh"

cp "$SRC/tests/cli/fixtures/roster.csv" .
cat > p.ini <<'INI'
[policy]
name = 测试
period = month

[kind.complaint]
counts_as = complaint
points = -5

[tier.优秀]
min = 100
amount = 200

[star.明星]
group_by = all
amount = 500
consecutive = multiply

[worst.最差]
threshold = 2
fine = 100

[posting]
days = 30
INI
export SVC_POLICY=p.ini SVC_DB=t.db
svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null
first=$(sed -n 2p roster.csv | cut -d, -f1)
cat > s.csv <<CSV
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit
2026-07,$first,甲,d,p,100,0,4,0,104,0,2,2,yes,,u
CSV

### help and version
run svc-award --help
is "help status" "$rc" 0
like "help usage" "$out" "^usage: svc-award --policy FILE"
like "help lists the subcommands" "$out" "finalize --period P \[--uphold ID\]"
like "help columns" "$out" "posted_from,posted_until,payable,status,type,badge,reason"
is "help stderr" "$err" ""
run svc-award -V
is "version" "$rc" 0
like "version text" "$out" "^svc-award \(svc\) "

### usage errors: exit 2, a hint, nothing on stdout
usage() { # usage DESC PATTERN ARGS...
	d=$1; p=$2; shift 2
	run svc-award "$@"
	refused "$d" 2 "$p"
	like "$d: hint" "$err" "Try 'svc-award --help'"
}
usage "unknown option" "unrecognized option" --bogus
run env -u SVC_POLICY svc-award s.csv
refused "no policy" 2 "no policy \(use --policy or set SVC_POLICY\)"
run env -u SVC_POLICY svc-award pay --period 2026-07
refused "pay without policy" 2 "no policy"
usage "bad as-of" "--as-of: bad date" --as-of 2026-13-01 s.csv
usage "bad period" "--period: " --period 2026-Q5
usage "object without reason" "object needs --reason" object 1
usage "object without id" "object takes one award ID" object --reason x
usage "object two ids" "object takes one award ID" object 1 2 --reason x
usage "finalize without period" "finalize needs --period" finalize
usage "pay without period" "pay needs --period" pay
usage "pay with operand" "pay takes no operands" pay --period 2026-07 x
usage "reason outside object" "--reason goes with object or --save --replace" --reason x s.csv
usage "replace without save" "--replace goes with --save" --replace --reason x s.csv
usage "replace with pay" "--replace goes with --save" pay --period 2026-07 --replace --reason x
usage "replace without reason" "--replace needs --reason TEXT" --save --replace s.csv
usage "replace, empty reason" "--replace needs --reason TEXT" --save --replace --reason '' s.csv
usage "uphold outside finalize" "--uphold goes with finalize" --uphold 1 s.csv
usage "bad uphold" "--uphold: 'x' is not an objection id" finalize --period 2026-07 --uphold x
usage "history outside list" "--status and --history go with list" --history s.csv
usage "bad status" "--status: 'done' is not" list --status done
usage "save with list" "--save, --partial, --encoding and --ignore-extra go" list --save
run svc-award object abc --reason x
refused "object bad id" 2 "ID: 'abc' is not an award id"

### bad scores CSV: file:line:field, exit 1, nothing written
bad() { # bad DESC LINE PATTERN: s.csv with LINE appended as line 3
	d=$1
	{ cat s.csv; printf '%s\n' "$2"; } > bad.csv
	run svc-award --save --as-of 2026-08-01 bad.csv
	refused "$d" 1 "$3"
	is "$d: nothing saved" "$(sql t.db 'SELECT count(*) FROM award')" 0
}
bad "score" "2026-07,X2,乙,d,p,100,0,0,0,9O,0,0,0,yes,,u" \
    "^svc-award: bad\.csv:3: score: not a number '9O'$"
bad "eligible" "2026-07,X2,乙,d,p,100,0,0,0,90,0,0,0,ja,,u" \
    "bad\.csv:3: eligible: not yes or no 'ja'"
bad "complaints" "2026-07,X2,乙,d,p,100,0,0,0,90,1.5,0,0,yes,,u" \
    "bad\.csv:3: complaints: not a count '1\.5'"
bad "period" "2026-7,X2,乙,d,p,100,0,0,0,90,0,0,0,yes,,u" \
    "bad\.csv:3: period: "
bad "twice" "2026-07,$first,乙,d,p,100,0,0,0,90,0,0,0,yes,,u" \
    "bad\.csv:3: staff: '$first' has two rows for 2026-07"
bad "short row" "2026-07,X2" "bad\.csv:3: "
printf 'period,staff,score,eligible,colour\n' > extra.csv
run svc-award extra.csv
refused "unknown column" 1 "extra\.csv:1: .*colour"
printf 'period,staff,score\n' > missing.csv
run svc-award missing.csv
refused "missing column" 1 "missing\.csv:1: .*eligible"
# a holder not in the roster: nothing saved
{ cat s.csv; echo "2026-07,NOBODY,乙,d,p,100,0,0,0,90,2,0,0,yes,,u"; } > nobody.csv
run svc-award --save nobody.csv
refused "not in roster" 1 "staff: 'NOBODY' is not in the roster"
is "not in roster: nothing saved" "$(sql t.db 'SELECT count(*) FROM award')" 0
# a period no rule decides
sed 's/^2026-07,/2026-Q3,/' s.csv > q.csv
run svc-award q.csv
refused "undecided period" 1 "period: no tier, star or worst rule of the policy decides a quarter \(2026-Q3\)"
# scores from the database that were never saved
run svc-award --period 2026-07
refused "no saved scores" 1 "no saved scores of policy '测试' in 2026-07"
run svc-award --period 2026 s.csv
is "year of months: nothing decides a year" "$rc" 1
run svc-award lst
refused "a file that is not there" 1 "lst"

### --as-of: every date derives from it; the same run, the same bytes
run svc-award --as-of 2026-08-01 s.csv
is "as-of status" "$rc" 0
one=$out
like "as-of dates" "$out" ",2026-08-01,2026-08-31,2026-09,proposed,"
sleep 1
run svc-award --as-of 2026-08-01 s.csv
is "as-of reproducible" "$out" "$one"
run svc-award --as-of 2026-10-31 s.csv
like "as-of month end" "$out" ",2026-10-31,2026-11-30,2026-12,proposed,"
# relative periods are relative to --as-of too
run svc-award --as-of 2026-08-15 --period last-month s.csv
is "last-month from as-of" "$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1)" 2026-07
# stdin when there is no file, and -
runin s.csv svc-award --as-of 2026-08-01
is "stdin" "$out" "$one"
runin s.csv svc-award --as-of 2026-08-01 -
is "dash" "$out" "$one"
# --excel: BOM and CRLF
run svc-award --as-of 2026-08-01 --excel s.csv
like "excel" "$(head -c 3 .out | od -An -tx1 | tr -d ' ')" "efbbbf"
# writing to a full disk fails
if [ -w /dev/full ]; then
	svc-award --as-of 2026-08-01 s.csv > /dev/full 2>err
	is "dev/full" "$?" 1
fi

finish
