#!/bin/sh
# [policy] timezone and [posting] days/months are checked at load: an
# unknown zone (glibc would silently take UTC), a rule string instead of a
# name, a zone missing under $TZDIR, both or neither posting length; each
# refused as FILE:LINE: KEY: by every tool, nothing written. A policy
# naming no zone keeps TZ.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
printf 'ts,staff,kind\n2026-10-06T08:00:00+08:00,G003,praise\n' > ev.csv
state() { digest svc.db; }
s0=$(state)
# broken DESC REGEX: p.ini refused by svc-score, svc-log, svc-award and
# svc-report, each naming p.ini and matching REGEX
broken() {
	run svc-score --policy p.ini --period 2026-10
	refused "svc-score: $1" 1 "^svc-score: p.ini:$2"
	run svc-log --policy p.ini import ev.csv
	refused "svc-log import: $1" 1 "^svc-log: p.ini:$2"
	run svc-award --policy p.ini list
	refused "svc-award: $1" 1 "^svc-award: p.ini:$2"
	run svc-report scores --policy p.ini --period 2026-10
	refused "svc-report: $1" 1 "^svc-report: p.ini:$2"
	is "$1: database unchanged" "$(state)" "$s0"
}
pol() {
	printf '[policy]\nname = 测试\ntimezone = %s\n[kind.praise]\npoints = 2\n' "$1" >p.ini
	[ $# -lt 2 ] || printf '[posting]\n%s\n' "$2" >>p.ini
}
pol Asia/Shangai
broken "misspelt zone" "3: timezone: unknown time zone 'Asia/Shangai' \(no zone file /usr/share/zoneinfo/Asia/Shangai; on Debian install tzdata\)"
pol CST-8
broken "rule string" "3: timezone: unknown time zone 'CST-8'"
pol "Asia/Shanghai ; 北京时间"
run svc-score --policy p.ini --period 2026-10
is "comment after the zone" "$rc" 0
pol ../../../etc/passwd
broken "a path" "3: timezone: '../../../etc/passwd' is not a time zone name like Asia/Shanghai"
pol /usr/share/zoneinfo/UTC
broken "an absolute path" "3: timezone: '/usr/share/zoneinfo/UTC' is not a time zone name"
pol Asia
broken "a directory" "3: timezone: unknown time zone 'Asia'"
printf '[policy]\nname = x\ntimezone =\n' >p.ini
broken "empty" "3: timezone: '' is not a time zone name"
# the zone is looked for where the C library will read it
pol Asia/Shanghai
TZDIR=$T/nozones
export TZDIR
broken "not under TZDIR" "3: timezone: unknown time zone 'Asia/Shanghai' \(no zone file $T/nozones/Asia/Shanghai;"
mkdir -p zones/Asia
cp /usr/share/zoneinfo/Asia/Shanghai zones/Asia/
TZDIR=$T/zones
run svc-score --policy p.ini --period 2026-10
is "under TZDIR" "$rc" 0
echo "Asia/Shanghai" >zones/Asia/Harbin
pol Asia/Harbin
broken "not a zone file" "3: timezone: unknown time zone 'Asia/Harbin'"
unset TZDIR

### the posting's length: days or months, one of them
pol Asia/Shanghai "days = 30
months = 1"
broken "days and months" "8: months: days and months do not go together"
pol Asia/Shanghai "contact = 6264368"
broken "neither" "6: \[posting\]: posting needs days or months"
pol Asia/Shanghai "months = 0"
broken "months 0" "7: months: '0' out of range \(expected 1 or more\)"
pol Asia/Shanghai "months = 1.5"
broken "months 1.5" "7: months: bad number '1.5' \(expected a whole number\)"
pol Asia/Shanghai "months = 1"
run svc-score --policy p.ini --period 2026-10
is "months = 1" "$rc" 0

### no zone named: TZ stays the zone
printf '[policy]\nname = x\n[kind.praise]\npoints = 2\n' >p.ini
svc-log --policy p.ini add praise G003 ts=2026-10-01T07:30:00+08:00 >/dev/null 2>&1
run env TZ=UTC svc-log --policy p.ini list
like "TZ without a zone" "$out" ',2026-09-30T23:30:00\+00:00,'
run env TZ=UTC svc-score --policy p.ini --period 2026-09
like "scored in TZ's September" "$out" '^2026-09,G003,'

finish
