#!/bin/sh
# Control characters (C0, DEL, C1) are refused where text enters: events
# (add, import), rosters, customer lists, void reasons, work orders, the
# clerk's name and policies; a note or reason may hold TAB and line feeds.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
ESC=$(printf '\033')
CSI=$(printf '\302\233')	# U+009B, C1
TAB=$(printf '\t')
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null
count() { sql svc.db 'SELECT count(*) FROM event'; }
TS=ts=2026-10-15T09:30:00+08:00

# add: every text field
run svc-log --policy "$P" add praise.letter G003 $TS "note=red ${ESC}[31malert"
refused "ESC in a note" 1 "^svc-log: note: control character U\+001B not allowed$"
run svc-log --policy "$P" add praise.letter G003 $TS "note=x${CSI}31m"
refused "C1 in a note" 1 "^svc-log: note: control character U\+009B not allowed$"
run svc-log --policy "$P" add praise.letter G003 $TS "uid=a${ESC}b"
refused "ESC in a uid" 1 "^svc-log: uid: control character U\+001B not allowed$"
run svc-log --policy "$P" add praise.letter G003 $TS "dept=x${TAB}y"
refused "TAB in a dept" 1 "^svc-log: dept: control character U\+0009 not allowed$"
run svc-log --policy "$P" add praise.letter "G003${ESC}" $TS
refused "ESC in a staff id" 1 "^svc-log: staff: control character U\+001B not allowed$"
run svc-log --policy "$P" add praise.letter G003 $TS "note=$(printf 'bell\a')"
refused "BEL in a note" 1 "note: control character U\+0007 not allowed"
run svc-log --policy "$P" add praise.letter G003 $TS "note=$(printf 'a\rb')"
refused "lone CR in a note" 1 "note: control character U\+000D not allowed"
is "nothing written by add" "$(count)" 0
# a note keeps TAB and line feeds
run svc-log --policy "$P" add praise.letter G003 $TS "note=$(printf 'one\ttwo\nthree')"
is "TAB and LF in a note" "$rc" 0
is "note stored as given" "$(sql svc.db "SELECT CASE WHEN note = 'one	two
three' THEN 1 ELSE 0 END FROM event")" 1

# import: the file and line named, nothing written
n=$(count)
{ printf 'ts,staff,kind,note,uid\n'
  printf '2026-10-15T10:00:00+08:00,G003,praise.letter,"tab\there\nand a line",I1\n'
  printf '2026-10-15T11:00:00+08:00,G003,praise.letter,"x\033]0;pwned\007",I2\n'; } > esc.csv
run svc-log --policy "$P" import esc.csv
refused "ESC in an imported note" 1 "^svc-log: esc.csv:4: note: control character U\+001B not allowed$"
is "nothing imported" "$(count)" "$n"
head -3 esc.csv > ok.csv
run svc-log --policy "$P" import ok.csv
is "TAB and LF in an imported note" "$rc" 0

# void reasons
id=$(sql svc.db 'SELECT max(id) FROM event')
run svc-log void "$id" --reason "typo${ESC}[2J"
refused "ESC in a void reason" 1 "^svc-log: --reason: control character U\+001B not allowed$"
is "not voided" "$(sql svc.db "SELECT count(*) FROM event WHERE void_of = $id")" 0
run svc-log void --batch 1 --reason "typo${ESC}[2J"
refused "ESC in a batch void reason" 1 "^svc-log: --reason: control character U\+001B not allowed$"

# rosters and customer lists: every column
printf 'id,name,dept\nG100,王%s[5m五,开票室\n' "$ESC" > r.csv
run svc-log roster r.csv
refused "ESC in a roster name" 1 "^svc-log: r.csv:2: name: control character U\+001B not allowed$"
printf 'id,name,dept,position\nG100,王五,开票室,"a\nb"\n' > r2.csv
run svc-log roster r2.csv
refused "LF in a roster position" 1 "^svc-log: r2.csv:2: position: control character U\+000A not allowed$"
is "roster unchanged" "$(sql svc.db "SELECT count(*) FROM staff WHERE id = 'G100'")" 0
printf 'id,name,contact\nC100,x,"1380%s"\n' "$CSI" > c.csv
run svc-log customers c.csv
refused "C1 in a customer contact" 1 "^svc-log: c.csv:2: contact: control character U\+009B not allowed$"
is "customers unchanged" "$(sql svc.db "SELECT count(*) FROM customer WHERE id = 'C100'")" 0
# svc-score's own roster file
printf 'id,name\nG100,x%s\n' "$ESC" > r3.csv
run svc-score --policy "$P" --period 2026-10 --roster r3.csv ok.csv
refused "ESC in svc-score's roster" 1 "^svc-score: r3.csv:2: name: control character U\+001B not allowed$"

# work orders: matter, resolution, reason
run svc-log order open --customer C001 --matter "leak${ESC}[8m" --first G003
refused "ESC in a matter" 1 "^svc-log: --matter: control character U\+001B not allowed$"
is "no order" "$(sql svc.db 'SELECT count(*) FROM work_order')" 0
run svc-log order open --customer C001 --matter "$(printf 'leak\nin the hall')" --first G003
is "LF in a matter" "$rc" 0
o=$out
run svc-log order close "$o" --resolution "fixed${ESC}"
refused "ESC in a resolution" 1 "^svc-log: --resolution: control character U\+001B not allowed$"
run svc-log order cancel "$o" --reason "dup${ESC}"
refused "ESC in a cancel reason" 1 "^svc-log: --reason: control character U\+001B not allowed$"
is "order still open" "$(sql svc.db "SELECT status FROM work_order WHERE id = $o")" open

# the clerk's name, recorded with every batch
n=$(count)
SVC_USER="clerk${ESC}[31m" run svc-log --policy "$P" add praise.letter G003 $TS
refused "ESC in SVC_USER" 1 "^svc-log: SVC_USER: control character U\+001B not allowed$"
is "nothing written for that clerk" "$(count)" "$n"

# policies: names, labels, actions, section names
mk() { { echo '[policy]'; echo "name = $1"; echo '[kind.praise]'; echo "label = $2"
  echo "[tier.$3]"; echo 'min = 0'; echo "action = $4"; } > p.ini; }
mk "月报${ESC}]0;x" ok ok ok
run svc-score --policy p.ini --period 2026-10
refused "ESC in the policy name" 1 "^svc-score: p.ini:2: name: control character U\+001B not allowed$"
mk ok "表扬${CSI}" ok ok
run svc-log --policy p.ini kinds
refused "C1 in a label" 1 "^svc-log: p.ini:4: label: control character U\+009B not allowed$"
mk ok ok ok "smile${TAB}wave"
run svc-score --policy p.ini --period 2026-10
refused "TAB in an action" 1 "^svc-score: p.ini:7: action: control character U\+0009 not allowed$"
mk ok ok "gold${ESC}" ok
run svc-score --policy p.ini --period 2026-10
refused "ESC in a section name" 1 "^svc-score: p.ini:5: control character U\+001B not allowed in a section name$"
mk ok ok ok ok
run svc-log --policy p.ini kinds
is "the same policy, clean" "$rc" 0
# svc-award's reasons (an objection, a --replace) are shown in lists and
# mail: refused like a void's, before anything is read or written
before=$(digest svc.db)
run svc-award --policy "$P" object 1 --reason "x${ESC}[2Jy"
refused "ESC in an objection" 1 "^svc-award: --reason: control character U\+001B not allowed$"
run svc-award --policy "$P" --period 2026-10 --save --replace --reason "r${CSI}"
refused "C1 in a replace reason" 1 "^svc-award: --reason: control character U\+009B not allowed$"
is "svc-award: ledger unchanged" "$(digest svc.db)" "$before"

finish
