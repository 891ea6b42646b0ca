#!/bin/sh
# Scheme C's monthly service star (seeds/002, 附2 第3条): 各单位评出"服务明星"
# 一名, 没有按空额对待; 500 yuan, the k-th month running k x 500, reset
# after a break. One star per window unit each month among staff with no
# complaint that month, no praise asked for; every position of the unit
# competes (主管 too); vacant only when no one qualifies; the 集团领导 are
# not a window. The worst rating (第4条) is 张榜公布. A star's units key
# is checked when the policy loads.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/group.ini

### the sample: August's 原料保管(卸车班组) had a clean month; its best,
### the 主管 G006 (100, no praise), is star for the 2nd month running
export SVC_DB=g.db
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log --policy "$P" import "$SAMPLE/group/events.csv" 2>/dev/null
svc-score --policy "$P" --period 2026-07 >s07.csv
svc-score --policy "$P" --period 2026-08 >s08.csv
run svc-award --policy "$P" --as-of 2026-09-05 s07.csv s08.csv
is "sample status" "$rc" 0
star() { # star PERIOD UNIT: "staff,amount,consecutive" of that unit's star
	printf '%s\n' "$out" | awk -F, -v p="$1" -v u="$2" \
	    '$1 == p && $14 == "star" && index($16, "best of unit " u ":") == 1 { print $2 "," $6 "," $9 }'
}
is "07 原料保管: G006" "$(star 2026-07 '原料保管(卸车班组)')" "G006,500,1"
is "08 原料保管: G006 again, 2 x 500" "$(star 2026-08 '原料保管(卸车班组)')" "G006,1000,2"
is "08 six window stars" "$(printf '%s\n' "$out" | grep -c '^2026-08,.*,star,')" 6
is "no star for the 集团领导" "$(printf '%s\n' "$out" | grep -c ',star,.*集团领导')" 0
like "worst: 张榜公布" "$out" "^2026-08,G014,[^,]*,[^,]*,最差服务,-500,张榜公布,"

### the document's rule on scores made for it: unit u1 (the 主管 S1
### and two staff), u2, and the leaders' unit
cat >few.ini <<EOF
[policy]
name = 星
period = month
[kind.complaint]
counts_as = complaint
points = -5
[star.服务明星]
group_by = unit
units = u1, u2
amount = 500
consecutive = multiply
no_complaint = yes
action = 张榜公布
EOF
h=period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit
{
	echo "$h"
	# 07: a clean month for everyone: the tie goes to the lower id
	echo "2026-07,A1,甲,d,开票员,100,0,0,0,100,0,0,0,yes,,u1"
	echo "2026-07,A2,乙,d,开票员,100,0,0,0,100,0,0,0,yes,,u1"
	echo "2026-07,S1,丙,d,主管,100,0,0,0,100,0,0,0,yes,,u1"
	echo "2026-07,L1,丁,集团领导,副总裁,100,0,0,0,100,0,0,0,yes,,集团领导"
	# 08: A2 complained; A1 still best
	echo "2026-08,A1,甲,d,开票员,100,0,0,0,100,0,0,0,yes,,u1"
	echo "2026-08,A2,乙,d,开票员,100,-5,0,0,95,1,0,1,yes,,u1"
	echo "2026-08,S1,丙,d,主管,100,0,0,-3,97,0,0,0,yes,,u1"
	# 09: A1 complained, though praised above the rest: the 主管 (97,
	# a joint charge is not a complaint) beats A2 (96)
	echo "2026-09,A1,甲,d,开票员,100,-5,10,0,105,1,5,6,yes,,u1"
	echo "2026-09,A2,乙,d,开票员,100,-4,0,0,96,0,0,1,yes,,u1"
	echo "2026-09,S1,丙,d,主管,100,0,0,-3,97,0,0,0,yes,,u1"
	# 10: everyone in u1 complained: vacant; u2's one member is star
	echo "2026-10,A1,甲,d,开票员,100,-5,0,0,95,1,0,1,yes,,u1"
	echo "2026-10,A2,乙,d,开票员,100,-5,0,0,95,1,0,1,yes,,u1"
	echo "2026-10,S1,丙,d,主管,100,-5,0,0,95,1,0,1,yes,,u1"
	echo "2026-10,B1,戊,d,司磅员,100,0,0,0,100,0,0,0,yes,,u2"
	# 11: A1 again after the break: 500
	echo "2026-11,A1,甲,d,开票员,100,0,0,0,100,0,0,0,yes,,u1"
	echo "2026-11,B1,戊,d,司磅员,100,0,0,0,100,0,0,0,yes,,u2"
} >few.csv
run env -u SVC_DB svc-award --policy few.ini few.csv
is "few: status" "$rc" 0
is "few: the stars" "$(printf '%s\n' "$out" | awk -F, '$14 == "star" { print $1, $2, $6, $9 }')" \
"2026-07 A1 500 1
2026-08 A1 1000 2
2026-09 S1 500 1
2026-10 B1 500 1
2026-11 A1 500 1
2026-11 B1 1000 2"
like "few: the action" "$out" "^2026-07,A1,甲,d,服务明星,500,张榜公布,1,1,"
is "few: the leaders' unit has none" "$(printf '%s\n' "$out" | grep -c ',L1,')" 0
# without units, the leaders' unit is a unit like any other
sed '/^units/d' few.ini >all.ini
run env -u SVC_DB svc-award --policy all.ini few.csv
is "all units: L1" "$(printf '%s\n' "$out" | awk -F, '$2 == "L1" { print $1, $6 }')" "2026-07 500"

### units is checked at load
bad() { # bad DESC VALUE ERR-REGEX
	sed "s/^units = .*/units = $2/" few.ini >bad.ini
	run env -u SVC_DB svc-award --policy bad.ini few.csv
	refused "$1" 1 "$3"
}
bad "empty name" "u1, , u2" "bad\.ini:9: units: empty name in the list 'u1, , u2'"
bad "trailing comma" "u1," "bad\.ini:9: units: empty name in the list"
bad "twice" "u1, u2 , u1" "bad\.ini:9: units: 'u1' listed twice"

finish
