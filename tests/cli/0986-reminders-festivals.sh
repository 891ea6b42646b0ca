#!/bin/sh
# svc-report reminders: the festivals of the policy's [reminders]
# (重要传统节日: 对主要客户...送去惊喜), one greeting per customer of the
# festival_tiers, on the festival's day, with the customer's owner;
# plans.ini's 2026 festivals to the big customers; the window's edges,
# two festivals on one day, several tiers; the keys checked at load.
. "$SRC/tests/cli/lib.sh"
PL=$SAMPLE/plans
cp "$SAMPLE/policies/plans.ini" .
svc-log --db plans.db init 2>/dev/null
svc-log --db plans.db roster "$PL/roster.csv" 2>/dev/null
svc-log --db plans.db customers "$PL/customers.csv" 2>/dev/null
rem() { svc-report reminders --db plans.db "$@"; }
# the greetings alone: the big customers' revisits are due too
greet() { printf '%s\n' "$out" | grep ',festival,'; }

### plans.ini: 中秋节 2026-09-25 to the five big customers, not the
### general ones (GK101, GK102), each by its owner
run rem --policy plans.ini --as-of 2026-09-21 --days 7 --format csv
is "plans: status" "$rc" 0
is "plans: 中秋节, a greeting per big customer" "$(greet)" \
"reminders,2026-09-25,4,festival,DK001,郑州交通运输集团有限责任公司,,0371-6696 2201,中秋节,E040 高志强
reminders,2026-09-25,4,festival,DK002,福建省电信集团公司,,0591-8752 1100,中秋节,E051 谢婉清
reminders,2026-09-25,4,festival,DK003,中国建设银行福建省分行,,0591-8758 6000,中秋节,E051 谢婉清
reminders,2026-09-25,4,festival,DK004,东南（福建）汽车工业有限公司,,0591-2258 3300,中秋节,E050 罗文
reminders,2026-09-25,4,festival,DK005,福建省地方税务局,,0591-8705 2211,中秋节,E051 谢婉清"
# each of the six festivals is on its day, in the window of that day
for f in 2026-02-17,春节 2026-03-03,元宵节 2026-06-19,端午节 \
    2026-09-25,中秋节 2026-10-01,国庆节 2027-01-01,元旦; do
	run rem --policy plans.ini --as-of "${f%,*}" --days 0 --format csv
	is "plans: ${f#*,} on ${f%,*}" "$(greet | cut -d, -f2,9 | sort -u)" "$f"
done
# the window's edges: the day before it and the day after it are out
run rem --policy plans.ini --as-of 2026-09-21 --days 3 --format csv
is "a festival after the window: out" "$(greet)" ""
run rem --policy plans.ini --as-of 2026-09-26 --days 4 --format csv
is "a festival before the window: out" "$(greet)" ""
# the text report: what, and the festival's name as its detail
run rem --policy plans.ini --as-of 2026-12-28 --width 200
like "text: 元旦 2027" "$out" \
    '^2027-01-01 +4 +festival +DK003 +中国建设银行福建省分行 +0591-8758 6000 +元旦 +E051 谢婉清$'
like "text: the paragraph says festivals" "$out" "the policy's festivals"

### two festivals on one day, two tiers, a tier no one has
cat >f.ini <<'INI'
[policy]
name = 节日
[reminders]
festival = 2001-10-01 国庆节
festival = 2001-10-01 中秋节
festival = 2001-10-25 重阳节
festival_tiers = general, big, vip
INI
run rem --policy f.ini --as-of 2001-10-01 --days 0 --format csv
is "two festivals a day: two greetings each, in the file's order" \
    "$(greet | cut -d, -f2,5,9 | head -4)" \
"2001-10-01,DK001,国庆节
2001-10-01,DK001,中秋节
2001-10-01,DK002,国庆节
2001-10-01,DK002,中秋节"
is "every tier listed greeted: 7 customers, 2 festivals" \
    "$(greet | wc -l | tr -d ' ')" 14
is "the general customers too" "$(greet | cut -d, -f5 | sort -u | tr '\n' ' ')" \
    "DK001 DK002 DK003 DK004 DK005 GK101 GK102 "
# no [reminders]: no festival
printf '[policy]\nname = 无\n' >n.ini
run rem --policy n.ini --as-of 2026-09-25 --days 0 --format csv
is "no [reminders]: no greeting" "$(greet)" ""

### checked at load: file:line:key, exit 1
bad() {
	printf '[policy]\nname = t\n[reminders]\n%s\n' "$1" >b.ini
	run rem --policy b.ini --as-of 2026-02-16
}
bad 'festival = 2026-02-17'
refused "a festival without a name" 1 \
    "^svc-report: b\.ini:4: festival: bad festival '2026-02-17' \(expected a date and a name, as 2026-02-17 春节\)$"
bad 'festival = 02-17 春节'
refused "a date without its year" 1 "^svc-report: b\.ini:4: festival: bad festival '02-17 春节'"
bad 'festival = 2026-02-30 春节'
refused "no such date" 1 "^svc-report: b\.ini:4: festival: no such date '2026-02-30'$"
bad "$(printf 'festival = 2026-02-17 春节\nfestival_tiers = big\nfestival = 2026-02-17 春节')"
refused "the same festival twice" 1 \
    "^svc-report: b\.ini:6: festival: '2026-02-17 春节' is already a festival \(line 4\)$"
bad 'festival_tiers = big'
refused "no festival" 1 "^svc-report: b\.ini:3: festival: required key missing in \[reminders\]$"
bad 'festival = 2026-02-17 春节'
refused "no tiers" 1 "^svc-report: b\.ini:3: festival_tiers: required key missing in \[reminders\]$"
bad "$(printf 'festival = 2026-02-17 春节\nfestival_tiers =')"
refused "empty tiers" 1 "^svc-report: b\.ini:5: festival_tiers: empty list"
bad "$(printf 'festival = 2026-02-17 春节\nfestival_tiers = big, big')"
refused "a tier twice" 1 "^svc-report: b\.ini:5: festival_tiers: 'big' listed twice$"
finish
