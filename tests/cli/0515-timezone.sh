#!/bin/sh
# [policy] timezone: every sample policy names Asia/Shanghai, so the scheme
# tests' outputs (scores of each scheme and period, awards decided, saved
# and finalized, the reports in text and CSV, the ledger listed) are the
# same byte for byte whatever TZ the tools run under: here UTC (cron's) and
# America/New_York against Asia/Shanghai. Then the issue's case: on a UTC
# server, a complaint logged at 07:30 on 1 September in Shanghai belongs to
# September, not August.
. "$SRC/tests/cli/lib.sh"

# logged CMD...: svc-log list's output less logged_at
logged() {
	"$@" | sed -E 's/,[0-9-]{10}T[0-9:]{8}[+-][0-9:]{5}(,[0-9]*,[0-9]*,[0-9]+,)/,\1/'
}

# outputs DIR: loads the four samples into DIR under the current TZ and
# writes there one file per command (exit status and stderr included)
outputs() {
	mkdir "$1" && (
	cd "$1" || exit 1
	n=0
	# o CMD...: CMD's output into the next numbered file
	o() {
		n=$((n + 1))
		"$@" >"$n.out" 2>&1
		echo "exit $?" >>"$n.out"
	}
	for s in smile group warehouse water; do
		cp "$SAMPLE/policies/$s.ini" .
		svc-log --db $s.db init 2>/dev/null
		svc-log --db $s.db roster "$SAMPLE/$s/roster.csv" 2>/dev/null
		svc-log --db $s.db customers "$SAMPLE/$s/customers.csv" 2>/dev/null
		o svc-log --db $s.db --policy $s.ini import "$SAMPLE/$s/events.csv"
		# less when each event was logged: now
		o logged svc-log --db $s.db --policy $s.ini list
	done
	o svc-score --db smile.db --policy smile.ini --period 2026-Q3
	for p in 2026-07 2026-08 2026-09 2026-Q3 2026-08-01..2026-08-31; do
		o svc-score --db group.db --policy group.ini --period $p
		o svc-score --db water.db --policy water.ini --period $p
	done
	for p in 2026-W27 2026-W32 2026-W36 2026-07 2026-08 2026-09; do
		o svc-score --db warehouse.db --policy warehouse.ini --period $p
	done
	# decided from the scores, saved and posted, finalized, paid
	export SVC_DB=smile.db SVC_POLICY=smile.ini SVC_USER=考核小组
	o svc-score --period 2026-Q3 --save
	o svc-award --period 2026-Q3 --as-of 2026-09-30 --save
	o svc-award approve --period 2026-Q3 --as-of 2026-10-01
	o svc-log import "$SAMPLE/smile/posting-complaints.csv"
	o svc-award finalize --period 2026-Q3 --as-of 2026-10-31
	o svc-award finalize --period 2026-Q3 --as-of 2026-11-01
	o svc-award list --history
	for k in scores awards; do
		for f in text csv; do
			o svc-report $k --period 2026-Q3 --format $f \
			    --as-of 2026-11-01
		done
	done
	o svc-report staff P005 --period 2026-Q3 --format text --as-of 2026-11-01
	o svc-report awards --period 2026-Q3 --format mail \
	    --as-of 2026-11-01 --to boss@example.com --from svc@example.com
	o svc-award pay --period 2026-Q3 --as-of 2026-11-30
	export SVC_DB=group.db SVC_POLICY=group.ini
	for p in 2026-07 2026-08 2026-09; do
		o svc-score --period $p --save
		o svc-award --period $p --as-of $p-28 --save
		o svc-report scores --period $p --format text --as-of $p-28
	done
	export SVC_DB=warehouse.db SVC_POLICY=warehouse.ini
	o svc-score --period 2026-W32 --save
	o svc-award --period 2026-W32 --as-of 2026-08-10 --save
	export SVC_DB=water.db SVC_POLICY=water.ini
	for f in text csv; do
		o svc-report monthly --period 2026-08 --format $f --as-of 2026-09-01
		o svc-report scores --period 2026-08 --format $f --as-of 2026-09-01
		o svc-report revisits --format $f --as-of 2026-09-01
		o svc-report orders --format $f --as-of 2026-09-01
	done
	o svc-log order list --as-of 2026-09-01
	)
}

TZ=Asia/Shanghai outputs sh
is "outputs made" "$(ls sh | grep -c '\.out$')" 59
is "no usage error" "$(grep -l '^exit [^01]' sh/*.out)" ""
# the document: finalize on the posting's last day refused
like "posting refused" "$(cat sh/*.out)" "ends with 2026-10-31: finalize on or after 2026-11-01"
for z in UTC America/New_York; do
	TZ=$z outputs "${z#*/}"
	d=${z#*/} differ=
	for f in sh/*.out; do
		cmp -s "$f" "$d/${f#sh/}" || differ="$differ ${f#sh/}"
	done
	is "$z: same outputs as Asia/Shanghai" "$differ" ""
	set -- $differ
	[ $# -eq 0 ] || diff -u "sh/$1" "$d/$1" | head -n 20
done

### the document's case, on a UTC server (cron's zone)
export TZ=UTC SVC_DB=g.db SVC_POLICY=g.ini
cp "$SAMPLE/policies/group.ini" g.ini
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/group/events.csv" 2>/dev/null
# G016 (司磅室, one complaint in July): one on 20 August, two at 07:30 on
# 1 September in Shanghai, one with no offset (read in the policy's
# zone), one with +08:00; two in a month make the worst (最差服务)
svc-log add complaint.attitude G016 ts=2026-08-20T10:00:00+08:00 >/dev/null 2>&1
run svc-log add complaint.attitude G016 ts="2026-09-01 07:30" note=早班
is "no offset: added" "$rc" 0
run svc-log add complaint.attitude G016 ts=2026-09-01T07:30:00+08:00 note=早班
is "+08:00: added" "$rc" 0
run svc-log list --staff G016 --period 2026-09
is "listed in September, in the policy's zone" \
    "$(printf '%s\n' "$out" | grep -c ',2026-09-01T07:30:00+08:00,')" 2
# without a policy TZ is the zone: the same instants, on 31 August in UTC
run env -u SVC_POLICY svc-log list --staff G016 --period 2026-08-31
is "no policy: TZ's zone" \
    "$(printf '%s\n' "$out" | grep -c ',2026-08-31T23:30:00+00:00,')" 2
# cols STAFF: deductions,complaints,eligible of STAFF's row in $out
cols() { printf '%s\n' "$out" | grep "^[^,]*,$1," | cut -d, -f7,11,14; }
run svc-score --period 2026-08
is "August: G016 one complaint" "$(cols G016)" "-5,1,yes"
printf '%s\n' "$out" >8.csv
run svc-award 8.csv
unlike "August: G016 not the worst" "$out" ',G016,.*最差服务'
run svc-score --period 2026-09
is "September: G016 two complaints" "$(cols G016)" "-10,2,yes"
printf '%s\n' "$out" >9.csv
run svc-award 9.csv
like "September: G016 the worst" "$out" '^2026-09,G016,[^,]*,[^,]*,最差服务,-500,'
run svc-score --period last-month
is "a relative period too" "$rc" 0

### the port: a complaint at 07:30 on 1 October in Shanghai is Q4's, so
### P001 (97, 最佳微笑奖) keeps the Q3 award
export SVC_DB=s.db SVC_POLICY=s.ini
cp "$SAMPLE/policies/smile.ini" s.ini
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/smile/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/smile/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/smile/events.csv" 2>/dev/null
printf '%s\n' "ts,staff,kind,value,customer,channel,dept,note,uid" \
    "2026-10-01T07:30:00+08:00,P001,complaint.company,,,phone,安环部,国庆早班,TZ-1" >c.csv
run svc-log import c.csv
is "imported" "$rc" 0
run svc-score --period 2026-Q3
is "Q3: P001 eligible" "$(cols P001)" "0,0,yes"
printf '%s\n' "$out" >q3.csv
run svc-award --as-of 2026-10-01 q3.csv
like "Q3: P001 最佳微笑奖" "$out" '^2026-Q3,P001,[^,]*,[^,]*,最佳微笑奖,500,'
run svc-score --period 2026-Q4
is "Q4: P001's complaint" "$(cols P001 | cut -d, -f2,3)" "1,no"

finish
