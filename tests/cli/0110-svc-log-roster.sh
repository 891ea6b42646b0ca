#!/bin/sh
# Rosters and customer lists: upsert, references, and refusal of bad rows
# with nothing written.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
svc-log init 2>/dev/null

# a roster loads, and names a supervisor defined on a later line
run svc-log roster "$F/roster.csv"
is "roster status" "$rc" 0
like "roster count" "$err" "5 staff stored"
is "staff rows" "$(sql svc.db 'SELECT count(*) FROM staff')" 5
is "inactive kept" "$(sql svc.db "SELECT active FROM staff WHERE id='G005'")" 0

# loading again updates in place (upsert), no duplicates
sed 's/张三丰,开票室/张三丰,地磅房/' "$F/roster.csv" > r2.csv
run svc-log roster r2.csv
is "upsert status" "$rc" 0
is "upsert count" "$(sql svc.db 'SELECT count(*) FROM staff')" 5
is "upsert changed dept" "$(sql svc.db "SELECT dept FROM staff WHERE id='G004'")" 地磅房

# an unknown supervisor is refused at its line, nothing written
printf 'id,name,supervisor\nX1,新人,\nX2,新人二,NOPE\n' > bad.csv
run svc-log roster bad.csv
refused "unknown supervisor" 1 "^svc-log: bad.csv:3: supervisor: unknown staff 'NOPE'$"
is "nothing written" "$(sql svc.db "SELECT count(*) FROM staff WHERE id LIKE 'X%'")" 0

# a duplicated id in one file is refused
printf 'id,name\nX1,甲\nX1,乙\n' > dup.csv
run svc-log roster dup.csv
refused "duplicate id" 1 "dup.csv:3: id: 'X1' appears twice"

# a bad active flag names the field
printf 'id,name,active\nX1,甲,maybe\n' > act.csv
run svc-log roster act.csv
refused "bad active" 1 "act.csv:2: active: bad value 'maybe'"

# a missing required column is refused
printf 'id,dept\nX1,甲\n' > nocol.csv
run svc-log roster nocol.csv
refused "missing name column" 1 "nocol.csv:1: name: missing required column|nocol.csv:1:.*name"

# an unknown column is refused, and accepted with --ignore-extra
printf 'id,name,shoe_size\nX1,甲,42\n' > extra.csv
run svc-log roster extra.csv
refused "unknown column" 1 "extra.csv:1: shoe_size"
run svc-log roster --ignore-extra extra.csv
is "ignore-extra status" "$rc" 0

# customers load and their owner must be staff
run svc-log customers "$F/customers.csv"
is "customers status" "$rc" 0
is "customer rows" "$(sql svc.db 'SELECT count(*) FROM customer')" 2
printf 'id,name,owner\nC9,某公司,NOPE\n' > badc.csv
run svc-log customers badc.csv
refused "unknown owner" 1 "badc.csv:2: owner: unknown staff 'NOPE'"
is "customer not written" "$(sql svc.db "SELECT count(*) FROM customer WHERE id='C9'")" 0

# a roster in GB18030 (as WPS/Excel save it) loads with --encoding
if printf 'id,name\nX7,张三\n' | iconv -f UTF-8 -t GB18030 > gb.csv 2>/dev/null; then
	run svc-log roster --encoding gb18030 gb.csv
	is "gb18030 status" "$rc" 0
	is "gb18030 name" "$(sql svc.db "SELECT name FROM staff WHERE id='X7'")" 张三
fi

finish
