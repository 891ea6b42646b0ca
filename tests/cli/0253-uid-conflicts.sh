#!/bin/sh
# uid: the same record again is an idempotent skip; the same uid with
# other content (stored already, or earlier in the same file) is refused,
# naming the event or line and the fields that differ, and nothing is
# written.
. "$SRC/tests/cli/lib.sh"
mini_ledger
TS=ts=2026-10-15T09:30:00+08:00

# add: identical repeats are skipped, also with the value written
# otherwise and the dept left to default
run svc-log --policy "$P" add assess G003 $TS value=90 note=ok uid=A1
is "first add" "$rc" 0
id=$out
run svc-log --policy "$P" add assess G003 ts=2026-10-15T01:30:00Z value=90.0 note=ok uid=A1 dept=销售管理中心
is "identical add status" "$rc" 0
like "identical add skipped" "$err" "uid 'A1' is already in the ledger: skipped"
run svc-log --policy "$P" add assess G003 $TS value=91 note=ok uid=A1
refused "add with another value" 1 "^svc-log: uid: already stored as event $id with a different value$"
run svc-log --policy "$P" add assess G004 ts=2026-10-15T09:31:00+08:00 value=90 uid=A1
refused "add with other fields" 1 "^svc-log: uid: already stored as event $id with a different ts, staff, dept and note$"
is "nothing written by refused adds" "$(count)" 1

# import: a row conflicting with a stored event names it
cat > a.csv <<'CSV'
ts,staff,kind,value,customer,channel,note,uid
2026-10-16T09:00:00+08:00,G003,praise.letter,,,,,B1
2026-10-15T09:30:00+08:00,G003,assess,90,,,ok,A1
2026-10-15T09:30:00+08:00,G003,assess,90,C001,,ok,A1
CSV
run svc-log --policy "$P" import a.csv
refused "import against the ledger" 1 "^svc-log: a.csv:4: uid: already stored as event $id with a different customer$"
is "nothing imported" "$(count)" 1

# a repeat within the file names the earlier line
cat > b.csv <<'CSV'
ts,staff,kind,value,channel,note,uid
2026-10-16T09:00:00+08:00,G003,praise.letter,,phone,"two
lines",B1
2026-10-16T10:00:00+08:00,G003,praise.letter,,phone,,B2
2026-10-16T09:00:00+08:00,G003,praise.letter,,phone,"two
lines",B1
2026-10-16T09:00:00+08:00,G003,complaint.attitude,,phone,"two
lines",B1
CSV
run svc-log --policy "$P" import b.csv
refused "repeat in the file" 1 "^svc-log: b.csv:7: uid: line 2 has the same uid with a different kind$"
is "nothing imported (repeat)" "$(count)" 1
# from standard input the file cannot be read again
runin b.csv svc-log --policy "$P" import -
refused "repeat on stdin" 1 "^svc-log: [^:]*:7: uid: an earlier line has the same uid with a different kind$"
# identical repeats stay skips
sed '$d' b.csv | sed '$d' > c.csv
run svc-log --policy "$P" import c.csv
is "identical repeat imported" "$rc" 0
like "identical repeat counted" "$err" "2 added, 1 skipped"
run svc-log --policy "$P" import c.csv
like "re-import counted" "$err" "0 added, 3 skipped"

# many rows, as an import stores them: 32 to a statement
{ echo 'ts,staff,kind,note,uid'
  i=1; while [ $i -le 100 ]; do
	printf '2026-10-17T08:%02d:00+08:00,G003,praise.letter,n%d,M%d\n' $((i % 60)) $i $i
	i=$((i + 1)); done; } > m.csv
run svc-log --policy "$P" import m.csv
like "100 rows" "$err" "100 added, 0 skipped"
n=$(count)
# in the first statement, against the ledger
sed '6s/,n5,/,changed,/' m.csv > m1.csv
run svc-log --policy "$P" import m1.csv
refused "conflict in a full statement" 1 "^svc-log: m1.csv:6: uid: already stored as event [0-9]+ with a different note$"
# among the last rows, stored one by one
sed '100s/,n99,/,changed,/' m.csv > m2.csv
run svc-log --policy "$P" import m2.csv
refused "conflict in the tail" 1 "^svc-log: m2.csv:100: uid: already stored as event [0-9]+ with a different note$"
# repeated inside one statement of a new file
{ echo 'ts,staff,kind,note,uid'
  i=1; while [ $i -le 40 ]; do
	printf '2026-10-18T08:%02d:00+08:00,G003,praise.letter,x,N%d\n' $i $i
	i=$((i + 1)); done
  echo '2026-10-18T08:03:00+08:00,G003,praise.letter,y,N3'; } > n.csv
sed -n '1,20p' n.csv > n1.csv; echo '2026-10-18T08:03:00+08:00,G003,praise.letter,y,N3' >> n1.csv; sed -n '21,41p' n.csv >> n1.csv
run svc-log --policy "$P" import n1.csv
refused "repeat inside a statement" 1 "^svc-log: n1.csv:21: uid: line 4 has the same uid with a different note$"
run svc-log --policy "$P" import n.csv
refused "repeat across statements" 1 "^svc-log: n.csv:42: uid: line 4 has the same uid with a different note$"
is "nothing written by refused imports" "$(count)" "$n"
# an add without a time is "now": its retry a second later is the same
# event, not other content
run svc-log --policy "$P" add praise.letter G003 uid=NOW-1
is "add now: stored" "$rc" 0
sleep 1
run svc-log --policy "$P" add praise.letter G003 uid=NOW-1
is "add now, retried: status" "$rc" 0
like "add now, retried: skipped" "$err" "uid 'NOW-1' is already in the ledger"
is "add now, retried: one row" "$(sql svc.db "SELECT count(*) FROM event WHERE uid = 'NOW-1'")" 1
run svc-log --policy "$P" add praise.letter G004 uid=NOW-1
refused "add now, other staff" 1 "uid: already stored as event [0-9]+ with a different staff"

finish
