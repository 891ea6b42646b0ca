#!/bin/sh
# Numbers: every policy number and every event value is within 1e9 in
# size, so no score is ever inf or NaN; strtod's other forms are refused.
. "$SRC/tests/cli/lib.sh"
mini_ledger

# a policy base of 1e308 gave inf scores that svc-score saved
{ echo '[policy]'; echo 'name = big'; echo 'base = 1e308'
  echo '[kind.praise]'; echo 'points = 1e308'; } > big.ini
run svc-score --policy big.ini --period 2026-10
refused "base 1e308" 1 "^svc-score: big.ini:3: base: '1e308' out of range \(expected -1000000000 to 1000000000\)"
sed -i 's/^base = .*/base = 100/' big.ini
run svc-score --policy big.ini --period 2026-10
refused "points 1e308" 1 "^svc-score: big.ini:5: points: '1e308' out of range"
printf '[policy]\nname = h\nbase = 0x1p3\n' > hex.ini
run svc-score --policy hex.ini --period 2026-10
refused "hex base" 1 "^svc-score: hex.ini:3: base: bad number '0x1p3'"

# event values: one at a time and in a file
{ echo '[policy]'; echo 'name = v'; echo 'base = 100'
  echo '[kind.adj]'; echo 'points = value'; } > v.ini
run svc-log --policy v.ini add adj G003 ts=2026-10-15T10:00:00+08:00 value=1e308
refused "value 1e308" 1 "^svc-log: value: value '1e308' out of range \(expected -1000000000 to 1000000000\)"
run svc-log --policy v.ini add adj G003 ts=2026-10-15T10:00:00+08:00 value=-2e9
refused "value -2e9" 1 "^svc-log: value: value '-2e9' out of range"
for bad in inf nan infinity 0x1p3 -Infinity; do
	run svc-log --policy v.ini add adj G003 ts=2026-10-15T10:00:00+08:00 value=$bad
	refused "value $bad" 1 "^svc-log: value: bad number '$bad'"
done
printf 'ts,staff,kind,value\n2026-10-15T10:00:00+08:00,G003,adj,5\n2026-10-15T11:00:00+08:00,G003,adj,1e10\n' > big.csv
run svc-log --policy v.ini import big.csv
refused "value 1e10 in a file" 1 "^svc-log: big.csv:3: value: value '1e10' out of range"
is "nothing written" "$(count)" 0
# svc-score reading a file refuses the same
run svc-score --policy v.ini --period 2026-10 --roster "$F/roster.csv" big.csv
refused "svc-score file value 1e10" 1 "^svc-score: big.csv:3: value: value '1e10' out of range"
# the largest value is taken and scores finitely
run svc-log --policy v.ini add adj G003 ts=2026-10-15T10:00:00+08:00 value=1e9
is "value 1e9 taken" "$rc" 0
run svc-log --policy v.ini add adj G003 ts=2026-10-15T11:00:00+08:00 value=1e9
run svc-score --policy v.ini --period 2026-10
is "score of two largest" "$(printf '%s\n' "$out" | awk -F, '$2 == "G003" { print $10 }')" 2000000100
finish
