#!/bin/sh
# svc-score: the command-line contract, on a small group-style scenario:
# progressive complaints and joint penalties, month edges in local time,
# voided events, database and streaming modes, --explain, --save, --excel.
. "$SRC/tests/cli/lib.sh"

cat > p.ini <<'INI'
[policy]
name = 窗口考核
period = month
base = 100

[kind.complaint.verified]
counts_as = complaint
points = -5
escalation = progressive
supervisor_points = -3
supervisor_from = 2
supervisor_escalation = progressive
leader_points = -3
leader_from = 3
leader_escalation = progressive

[kind.complaint.attitude]
counts_as = complaint
points = -5

[kind.praise]
counts_as = praise
points = 2
INI
P=p.ini

# L1 leads; S1 supervises E1 and E2; E3 is inactive and has no events.
cat > roster.csv <<'CSV'
id,name,dept,position,unit,supervisor,leader,active
L1,韩立群,集团领导,副总裁,集团领导,,,1
S1,彭玉梅,开票室,主管,开票室,,L1,1
E1,沈国庆,开票室,开票员,开票室,S1,L1,1
E2,蒋欣,开票室,开票员,开票室,S1,L1,1
E3,任小兵,开票室,开票员,开票室,S1,L1,0
CSV

# E1: three verified complaints in August, the first at its first second
# and the last at its last second (local time, TZ=Asia/Shanghai); one at
# 23:59:59 on 31 July and one at 00:00:00 on 1 September (written in UTC:
# 16:00Z on the 31st) belong to those months. E2: an attitude complaint
# (voided below) and a praise.
cat > events.csv <<'CSV'
ts,staff,kind,value,customer,channel,dept,note,uid
2026-07-31T23:59:59+08:00,E1,complaint.verified,,,phone,,七月最后一秒,U0
2026-08-01T00:00:00+08:00,E1,complaint.verified,,,phone,,"开票品种不符, 客户往返两次",U1
2026-08-10T09:00:00+08:00,E2,complaint.attitude,,,visit,,错录,U2
2026-08-11T09:00:00+08:00,E2,praise,,,letter,,表扬信,U3
2026-08-14T11:19:00+08:00,E1,complaint.verified,,,visit,,"未按顺序开票, 客户""等了一上午""",U4
2026-08-31T23:59:59+08:00,E1,complaint.verified,,,site,,八月最后一秒,U5
2026-08-31T16:00:00Z,E1,complaint.verified,,,site,,九月第一秒,U6
CSV

svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null
svc-log --policy "$P" import events.csv 2>/dev/null
A=$(sql svc.db "SELECT id FROM event WHERE uid='U2'")
svc-log void "$A" --reason 错录 >/dev/null 2>&1
score() { svc-score --policy "$P" "$@"; }
# cell PERIOD-CSV STAFF N: column N of a staff member's row
cell() { printf '%s\n' "$1" | awk -F, -v s="$2" -v n="$3" '$2 == s { print $n }'; }

# --help: usage on stdout, status 0, every option named
run svc-score --help
is "--help status" "$rc" 0
like "--help usage" "$out" "^usage: svc-score --policy FILE --period P"
for o in --policy --period --db --roster --explain --save --excel \
    --encoding --ignore-extra --version; do
	like "--help names $o" "$out" "$o"
done
is "--help stderr" "$err" ""
# -h is --help
run svc-score -h
is "-h status" "$rc" 0
# --version: one line naming the tool, status 0
run svc-score --version
is "--version status" "$rc" 0
like "--version text" "$out" "^svc-score \(svc\) [0-9]"
run svc-score -V
is "-V status" "$rc" 0

# usage errors: status 2, a message and a hint, nothing on stdout
run svc-score --period 2026-08
refused "no policy" 2 "no policy"
like "usage hint" "$err" "Try 'svc-score --help'"
run svc-score --policy "$P"
refused "no period" 2 "no period"
run svc-score --policy "$P" --period 2026-13
refused "bad period" 2 "period.*2026-13"
run svc-score --policy "$P" --period 2026-Q5
refused "bad quarter" 2 "period.*2026-Q5"
run svc-score --policy "$P" --period 2026-08 --roster roster.csv
refused "--roster without files" 2 "--roster"
run svc-score --policy "$P" --period 2026-08 --save --explain E1
refused "--save with --explain" 2 "--save"
run svc-score --policy "$P" --period 2026-08 --frobnicate
refused "unknown option" 2 "frobnicate"

# bad data or a missing file: status 1, nothing on stdout
run svc-score --policy "$P" --period 2026-08 --db nope.db
refused "database missing" 1 "nope.db"
test -e nope.db
is "missing database not created" "$?" 1
run svc-score --policy nope.ini --period 2026-08
refused "policy missing" 1 "nope.ini"
printf '[policy]\nname = x\n[kind.a]\npionts = 1\n' > badp.ini
run svc-score --policy badp.ini --period 2026-08
refused "bad policy names file:line:key" 1 "badp.ini:4: pionts: "

# DB mode, August: progressive 5 + 10 + 15 for E1's three, the first and
# last seconds of the month included
run score --period 2026-08
aug=$out
is "DB mode status" "$rc" 0
is "header" "$(printf '%s\n' "$aug" | head -n 1)" \
    "period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit"
# progressive: E1's three verified complaints cost 5 + 10 + 15 = 30
is "E1 row" "$(printf '%s\n' "$aug" | grep '^2026-08,E1,')" \
    "2026-08,E1,沈国庆,开票室,开票员,100,-30,0,0,70,3,0,3,yes,,开票室"
# joint: the supervisor pays 3 + 6 from E1's 2nd complaint, in his own
# row's joint column, with no events of his own
is "S1 row" "$(printf '%s\n' "$aug" | grep '^2026-08,S1,')" \
    "2026-08,S1,彭玉梅,开票室,主管,100,0,0,-9,91,0,0,0,yes,,开票室"
# joint: the leader pays 3 from E1's 3rd complaint
is "L1 row" "$(printf '%s\n' "$aug" | grep '^2026-08,L1,')" \
    "2026-08,L1,韩立群,集团领导,副总裁,100,0,0,-3,97,0,0,0,yes,,集团领导"
# voided: E2's attitude complaint does not count, the praise does
is "E2 row" "$(printf '%s\n' "$aug" | grep '^2026-08,E2,')" \
    "2026-08,E2,蒋欣,开票室,开票员,100,0,2,0,102,0,1,1,yes,,开票室"
# inactive with no events: no row; rows in staff id order
is "rows" "$(printf '%s\n' "$aug" | sed 1d | cut -d, -f2 | tr '\n' ' ')" \
    "E1 E2 L1 S1 "

# month edges: 23:59:59 on 31 July is July's, and July's 1st complaint
run score --period 2026-07
is "July E1 score" "$(cell "$out" E1 10)" 95
is "July S1 joint" "$(cell "$out" S1 9)" 0
# month edges: 00:00:00 on 1 September (16:00Z the day before) is
# September's, and the count starts again at 1: 5, no joint charges
run score --period 2026-09
is "September E1 score" "$(cell "$out" E1 10)" 95
is "September E1 complaints" "$(cell "$out" E1 11)" 1
is "September S1 joint" "$(cell "$out" S1 9)" 0
is "September L1 joint" "$(cell "$out" L1 9)" 0
# a quarter counts its whole span: 5 verified for E1 in Q3
run score --period 2026-Q3
is "Q3 E1 deductions" "$(cell "$out" E1 7)" -75
is "Q3 S1 joint (3+6+9+12)" "$(cell "$out" S1 9)" -30
is "Q3 L1 joint (3+6+9)" "$(cell "$out" L1 9)" -18
# a period with no events: every active staff member at the base
run score --period 2026-06
is "empty month rows" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f2,10 | tr '\n' ' ')" \
    "E1,100 E2,100 L1,100 S1,100 "

# streaming: svc-log list's CSV as a file (roster from the database), and
# on standard input with --roster, give the same bytes as DB mode
svc-log list > all.csv
score --period 2026-08 > db.out
score --period 2026-08 all.csv > file.out
is "file mode status" "$?" 0
[ -s db.out ] && cmp -s db.out file.out
is "DB and file mode identical" "$?" 0
score --period 2026-08 --roster roster.csv - < all.csv > stdin.out
is "stdin mode status" "$?" 0
[ -s db.out ] && cmp -s db.out stdin.out
is "DB and stdin --roster mode identical" "$?" 0
# the same for a quarter and for the next month
for per in 2026-Q3 2026-09; do
	score --period $per > db.out
	score --period $per --roster roster.csv all.csv > file.out
	[ -s db.out ] && cmp -s db.out file.out
	is "DB and file mode identical for $per" "$?" 0
done
# streaming needs no database with --roster
mkdir nodb
(cd nodb && svc-score --policy ../p.ini --period 2026-08 \
    --roster ../roster.csv ../all.csv) > nodb.out
is "--roster without a database" "$?" 0
score --period 2026-08 > db.out
[ -s db.out ] && cmp -s db.out nodb.out
is "--roster without a database: same output" "$?" 0
# streaming the import file itself: the voided row is not marked there,
# so E2's attitude complaint counts
run score --period 2026-08 --roster roster.csv events.csv
is "import CSV: E2 score" "$(cell "$out" E2 10)" 97
is "import CSV: E1 score" "$(cell "$out" E1 10)" 70

# a bad event in a CSV stream: file:line:field, status 1, and no CSV at
# all on stdout (scores are written only after all input is read)
printf 'ts,staff,kind\n2026-08-02 09:00,E1,praise\n2026-08-03 09:00,E9,praise\n' > badstaff.csv
run score --period 2026-08 badstaff.csv
refused "unknown staff in stream" 1 "^svc-score: badstaff.csv:3: staff: unknown staff 'E9'"
printf 'ts,staff,kind\n2026-08-02 09:00,E1,praise\n2026-08-03 09:00,E1,complaint.rude\n' > badkind.csv
run score --period 2026-08 badkind.csv
refused "unknown kind in stream" 1 "^svc-score: badkind.csv:3: kind: unknown kind 'complaint.rude'"
printf 'ts,staff,kind,value\n2026-08-03 09:00,E1,praise,ten\n' > badval.csv
run score --period 2026-08 badval.csv
refused "bad value in stream" 1 "^svc-score: badval.csv:2: value: "
printf 'ts,staff,kind\n2026-02-30 09:00,E1,praise\n' > baddate.csv
run score --period 2026-08 baddate.csv
refused "bad timestamp in stream" 1 "^svc-score: baddate.csv:2: ts: "
# the error stops the run even after a good file
runin badstaff.csv score --period 2026-08 all.csv -
refused "bad stdin after a good file" 1 "^svc-score: stdin:3: staff: unknown staff 'E9'"

# DB mode: an event whose kind the policy does not define is named by its
# id; status 1, nothing on stdout
grep -v '^\[kind.praise\]$' p.ini | sed 's/^points = 2$//; s/^counts_as = praise$//' > nopraise.ini
A3=$(sql svc.db "SELECT id FROM event WHERE uid='U3'")
run svc-score --policy nopraise.ini --period 2026-08
refused "unknown kind in the database" 1 "^svc-score: event $A3: kind: unknown kind 'praise'"
# ... but only when the event is in the period
run svc-score --policy nopraise.ini --period 2026-07
is "unknown kind outside the period" "$rc" 0

# streaming the spreadsheet form of the list (BOM, CRLF) and a GB18030
# copy gives the same scores
svc-log list --excel > all-excel.csv
score --period 2026-08 > db.out
score --period 2026-08 all-excel.csv > excel.out
[ -s db.out ] && cmp -s db.out excel.out
is "streaming svc-log list --excel" "$?" 0
iconv -f UTF-8 -t GB18030 all.csv > all-gb.csv
score --period 2026-08 --encoding gb18030 all-gb.csv > gb.out
[ -s db.out ] && cmp -s db.out gb.out
is "streaming GB18030 with --encoding" "$?" 0

# --explain E1: every event with its progressive factor, and the sum
run score --period 2026-08 --explain E1
is "--explain status" "$rc" 0
like "--explain header" "$out" "^E1 沈国庆 · 开票室 · 开票员 · 开票室$"
like "--explain period and policy" "$out" "^period 2026-08, policy 窗口考核"
like "--explain count" "$out" "^events counted \(3\):$"
like "--explain 1st" "$out" "^  2026-08-01T00:00:00\+08:00  complaint.verified +progressive, 1st: 1 x -5 = -5  \[event [0-9]+\]$"
like "--explain 2nd" "$out" "^  2026-08-14T11:19:00\+08:00  complaint.verified +progressive, 2nd: 2 x -5 = -10  \[event [0-9]+\]$"
like "--explain 3rd" "$out" "^  2026-08-31T23:59:59\+08:00  complaint.verified +progressive, 3rd: 3 x -5 = -15  \[event [0-9]+\]$"
like "--explain score" "$out" "^score +70$"
like "--explain arithmetic" "$out" "^ += 100 \+ \(-30\) \+ 0 \+ \(0\)$"
like "--explain eligible" "$out" "^eligible +yes$"
unlike "--explain leaves out July" "$out" "2026-07-31"
# --explain S1: the joint charges and whose they are
# (S1 and L1 have no events of their own: an empty event list to explain,
# on which the sanitizer build once stopped with qsort(NULL, 0, ...).)
run score --period 2026-08 --explain S1
is "--explain S1 status" "$rc" 0
like "--explain joint heading" "$out" "^joint charges received:$"
like "--explain joint from E1" "$out" "^  E1 沈国庆: complaint.verified occurrences 2..3, as supervisor, progressive from the 2nd: -9$"
like "--explain joint total" "$out" "^joint +-9$"
run score --period 2026-08 --explain L1
like "--explain leader" "$out" "^  E1 沈国庆: complaint.verified occurrences 3..3, as leader, progressive from the 3rd: -3$"
# --explain of E2 leaves out the voided complaint
run score --period 2026-08 --explain E2
like "--explain voided left out" "$out" "^events counted \(1\):$"
unlike "--explain voided left out: no attitude" "$out" "complaint.attitude"
# --explain someone without a row: status 1, nothing on stdout
run score --period 2026-08 --explain E3
refused "--explain inactive" 1 "--explain: 'E3' has no score"
run score --period 2026-08 --explain E9
refused "--explain unknown" 1 "--explain: 'E9'"
# --explain works in streaming mode, with the file's places as refs
run score --period 2026-08 --roster roster.csv --explain E1 events.csv
like "--explain stream ref" "$out" "\[events.csv:3\]$"

# --save: the rows go to stdout and into the score table, with the
# policy's name and hash
run score --period 2026-08 --save
is "--save status" "$rc" 0
is "--save stdout" "$out" "$aug"
is "--save rows" "$(sql svc.db "SELECT count(*) FROM score WHERE period='2026-08'")" 4
is "--save E1" "$(sql svc.db "SELECT policy, staff, base, deductions, joint, score, complaints, eligible FROM score WHERE period='2026-08' AND staff='E1'" | wholes)" \
    "窗口考核|E1|100|-30|0|70|3|1"
is "--save S1 joint" "$(sql svc.db "SELECT joint, score FROM score WHERE period='2026-08' AND staff='S1'" | wholes)" "-9|91"
like "--save policy hash" "$(sql svc.db "SELECT DISTINCT policy_hash FROM score")" "^[0-9a-f]{16}$"
# --save again: replaces the run of the same period and policy
run score --period 2026-08 --save
is "second --save status" "$rc" 0
is "second --save replaces" "$(sql svc.db "SELECT count(*) FROM score WHERE period='2026-08'")" 4
# another period is kept beside it
run score --period 2026-09 --save
is "--save another period" "$(sql svc.db "SELECT count(*) FROM score")" 8
# an edited policy file (same name, new hash) replaces its period's run
h1=$(sql svc.db "SELECT DISTINCT policy_hash FROM score WHERE period='2026-08'")
sed 's/^points = 2$/points = 3/' p.ini > p2.ini
run svc-score --policy p2.ini --period 2026-08 --save
is "--save edited policy" "$(sql svc.db "SELECT count(*) FROM score WHERE period='2026-08'")" 4
is "--save edited policy: E2" "$(sql svc.db "SELECT score FROM score WHERE period='2026-08' AND staff='E2'" | wholes)" 103
h2=$(sql svc.db "SELECT DISTINCT policy_hash FROM score WHERE period='2026-08'")
unlike "--save edited policy: new hash" "$h2" "^$h1\$"
# a failed --save writes nothing, on stdout either: a roster file naming
# someone the database does not know cannot be saved
# BUG (cmd/svc-score.c): the CSV is written before svc_db_scores_save
# runs, so a failing save leaves the scores on stdout with status 1.
printf 'id,name\nX1,新人\n' > new.csv
printf 'ts,staff,kind\n2026-10-03 09:00,X1,praise\n' > newev.csv
run score --period 2026-10 --roster new.csv --save newev.csv
refused "failed --save" 1 "cannot save"
is "failed --save: nothing stored" "$(sql svc.db "SELECT count(*) FROM score WHERE period='2026-10'")" 0

# environment: SVC_POLICY and SVC_DB stand in for the options
mkdir elsewhere
cp svc.db elsewhere/ledger.db
run env SVC_POLICY="$T/p.ini" SVC_DB="$T/elsewhere/ledger.db" svc-score --period 2026-08
is "SVC_POLICY and SVC_DB" "$out" "$aug"

# --excel: a UTF-8 BOM and CRLF line ends, same cells
score --period 2026-08 --excel > x.csv
is "--excel BOM" "$(head -c 3 x.csv | od -An -tx1 | tr -d ' \n')" efbbbf
is "--excel CRLF" "$(head -n 1 x.csv | tail -c 2 | od -An -tx1 | tr -d ' \n')" 0d0a
is "--excel cells" "$(tail -c +4 x.csv | tr -d '\r')" "$aug"

finish
