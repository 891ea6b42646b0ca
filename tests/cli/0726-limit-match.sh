#!/bin/sh
# No operation silently uncounted: an event of a kind that has time limits
# must match exactly one of them (every match word of the limit in its
# note), else svc-log refuses it at entry (import, add, interactive) with
# the known types, and writes nothing. The warehouse document's words
# (seeds/001 四.4): 和路雪 30 min; 13-15米挂车 泡货 100, 重货 120;
# 7-9米箱车 泡货 60, 重货 90. (The sample policy matches on the unload's
# customer and fields, 0770; here its limits are turned back into note
# words.)
. "$SRC/tests/cli/lib.sh"
python3 - "$SAMPLE/policies/warehouse.ini" > w.ini <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?m)^field\.(vehicle|cargo) = .*\n", "", s)
s = re.sub(r"(?m)^match = customer=KH001 .*$", "match = 和路雪", s)
s = re.sub(r"(?m)^match = vehicle=(\S+), cargo=(\S+)$", r"match = \1, \2", s)
sys.stdout.write(s)
PY
POL=$PWD/w.ini
is "policy rewritten" "$(grep -c '^match = [^=]*$' w.ini)" 5
export SVC_POLICY=$POL
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/warehouse/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/warehouse/customers.csv" 2>/dev/null
KNOWN="known: 和路雪, 13-15米挂车 泡货, 13-15米挂车 重货, 7-9米箱车 泡货, 7-9米箱车 重货"
count() { sql svc.db "SELECT count(*) FROM event"; }

# import: the old shorthand matches no limit; all or nothing
cat > ev.csv <<'CSV'
ts,staff,kind,value,customer,note,uid
2026-09-01T09:00:00+08:00,W006,unload,125,KH002,13-15米挂车 重货 泰森入库,U1
2026-09-01T10:00:00+08:00,W007,unload,125,KH002,13-15m重货 泰森入库,U2
CSV
run svc-log import ev.csv
refused "import: no limit" 1 "^svc-log: ev.csv:3: note: matches no limit of kind 'unload'; $KNOWN$"
is "import: nothing written" "$(count)" 0
# two limits at once
sed 's/13-15m重货 泰森入库/和路雪 13-15米挂车 重货/' ev.csv > two.csv
run svc-log import two.csv
refused "import: two limits" 1 "^svc-log: two.csv:3: note: matches 2 limits of kind 'unload' \(和路雪, 13-15米挂车 重货\); $KNOWN$"
is "import two: nothing written" "$(count)" 0
# no note at all
printf 'ts,staff,kind,value\n2026-09-01T09:00:00+08:00,W006,unload,30\n' > bare.csv
run svc-log import bare.csv
refused "import: no note" 1 "^svc-log: bare.csv:2: note: matches no limit"

# the document's words, in any order and spacing: counted, and the
# 125-minute heavy trailer is a breach in the KPI
sed 's/13-15m重货 泰森入库/重货，13-15米挂车 泰森/' ev.csv > good.csv
run svc-log import good.csv
is "import: document's words" "$rc" 0
is "import: two written" "$(count)" 2
run svc-report kpi --period 2026-09 --format csv
like "kpi: both counted" "$(printf '%s\n' "$out" | pick 'limits( total)?' \
    limit kind minutes charge counted within breaches 'share %' longest)" "^13-15米挂车: 重货120分钟内完成,unload,120,none,2,0,2,"
like "kpi: the breach listed" "$(printf '%s\n' "$out" |
    pick 'worst cases' limit time staff ref minutes over note)" ",W006,U1,125,5,13-15米挂车 重货 泰森入库$"

# add: refused the same way, nothing written
run svc-log add unload W006 value=95 note="7-9m重货 龙凤"
refused "add: no limit" 1 "^svc-log: note: matches no limit of kind 'unload'; $KNOWN$"
run svc-log add unload W006 value=95 note="7-9米箱车 重货 龙凤"
is "add: matched" "$rc" 0
is "add: written" "$(count)" 3
# a kind without limits needs no match
run svc-log add late.operation W006
is "kind without limits" "$rc" 0

# interactive: the note is re-asked until it matches one limit
HOME=$T
export HOME
python3 "$SRC/tests/cli/pty-drive" svc-log >s.txt <<'PTY'
expect kind: $
send unload\r
expect staff: $
send W008\r
expect time \[now\]: $
send \r
expect value .*: $
send 61\r
expect channel: $
send \r
expect customer: $
send KH003\r
expect note: $
send 7-9m泡货\r
expect matches no limit of kind 'unload'; known: 和路雪,
expect note: $
send 7-9米箱车 泡货\r
expect save\? \[Y/n\] $
send \r
expect saved #
expect kind \[unload\]: $
send \x04
expect 1 events? saved
wait
PTY
like "interactive: ends cleanly" "$(cat s.txt)" '^EXIT 0$'
is "interactive: saved once" "$(sql svc.db "SELECT note FROM event WHERE staff = 'W008'")" "7-9米箱车 泡货"
finish
