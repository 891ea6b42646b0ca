#!/bin/sh
# svc-report: the command-line contract: exit 2 with a hint for bad
# usage, exit 1 naming file:line:field for bad data, and nothing on
# standard output either way; a full disk fails; header injection refused.
. "$SRC/tests/cli/lib.sh"
cp "$SAMPLE/policies/water.ini" .
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/water/roster.csv" 2>/dev/null

run svc-report --help
is "help: exit" "$rc" 0
for k in scores awards 'staff ID' monthly; do like "help: $k" "$out" "svc-report $k"; done
run svc-report --version
like "version" "$out" '^svc-report \(svc\)'

run svc-report
refused "no kind" 2 'no report kind'
run svc-report orderz
refused "unknown kind" 2 "unknown report kind 'orderz'"
run svc-report scores --format pdf
refused "unknown format" 2 "--format: unknown format 'pdf'"
run svc-report scores --width 5
refused "narrow width" 2 '--width'
run svc-report staff --policy water.ini --period 2026-08
refused "staff without id" 2 'which staff member'
run svc-report monthly --policy water.ini
refused "monthly without period" 2 'no period'
run svc-report monthly --period 2026-08
refused "monthly without policy" 2 'no policy'
run svc-report awards --period 2026-08 awards.csv
refused "awards: a CSV and a period" 2 'a CSV carries its period'
run svc-report scores --policy water.ini --period 2026-13
refused "bad period" 2 '--period'
run svc-report scores --to a@b.example
refused "mail option without mail" 2 'go with --format mail'
run svc-report scores --format mail
refused "mail without recipient" 2 'needs a recipient'
run svc-report scores --format csv --excel --as-of yesterday-ish
refused "bad --as-of" 2 '--as-of'
run svc-report scores --excel
refused "--excel with text" 2 '--excel goes with'
run svc-report scores a.csv b.csv
refused "two files" 2 "unexpected argument 'b.csv'"
run svc-report awards --awards x.csv
refused "--awards outside staff" 2 '--awards goes with'

cat > s.csv <<'CSV'
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit
2026-08,KF001,邢卫东,客户服务部,部长,100,0,0,0,100,0,0,1,yes,,客户服务部
CSV
# the address or subject must not smuggle in a header
for opt in "--to=a@b.example
Bcc: evil@example.com" "--to=not-an-address" "--cc=a@b@c" \
    "--from=a b@example.com" "--subject=hi
Bcc: evil@example.com"; do
	runin s.csv svc-report scores --format mail --to x@example.com "$opt"
	refused "header injection ${opt%%=*}" 2 "${opt%%=*}"
done

printf 'period,staff,score,eligible\n2026-08,KF001,100,yes\n2026-08,KF002,abc,yes\n' >bad.csv
runin bad.csv svc-report scores
refused "bad score" 1 '^svc-report: stdin:3: score: .abc. is not a number$'
run svc-report scores bad.csv
refused "bad score in a file" 1 '^svc-report: bad.csv:3: score'
printf 'period,staff,score,eligible\n2026-08,KF001,100,maybe\n' >bad.csv
run svc-report scores bad.csv
refused "bad eligible" 1 'bad.csv:2: eligible'
printf 'period,staff,name\n2026-08,KF001,x\n' >bad.csv
run svc-report scores bad.csv
refused "scores CSV without score" 1 'bad.csv.*score'
printf 'period,staff,award,amount\n2026-Q3,P1,A,lots\n' >bad.csv
run svc-report awards bad.csv
refused "bad amount" 1 'bad.csv:2: amount'
run svc-report awards missing.csv
refused "missing file" 1 'missing.csv'
run svc-report staff NOBODY --policy water.ini --period 2026-08
refused "staff without a score" 1 "NOBODY"
run svc-report monthly --db nodb.db --policy water.ini --period 2026-08
refused "missing database" 1 'nodb.db'

run svc-report scores s.csv
is "good input: exit" "$rc" 0
if [ -w /dev/full ]; then
	svc-report scores s.csv >/dev/full 2>err
	is "a full disk: exit 1" "$?" 1
	like "a full disk: said" "$(cat err)" 'svc-report: '
fi

finish
