#!/bin/sh
# svc-log list --excel: a UTF-8 BOM first, and every cell a spreadsheet
# would run as a formula (starting with = + - @ TAB or CR) neutralised
# with a leading apostrophe, while numbers, negative ones included, stay
# numbers. The plain CSV between svc tools is never altered.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
# events are written under a policy: the fixture's, with a deduction whose
# value is its points
cat "$F/mini.ini" - >pol.ini <<'INI'

[kind.deduct.dept]
label = 部门扣分
counts_as = deduction
points = value
value = required
INI
export SVC_POLICY="$T/pol.ini"
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
printf 'ts,staff,kind,value,note,uid\n' > ev.csv
n=0
# note NOTE: an event carrying that (CSV-quoted) note, uid X<n>
note() { n=$((n + 1)); printf '2026-10-01T08:00:00+08:00,G003,praise.letter,,"%s",X%d\n' "$1" "$n" >> ev.csv; }
note '=1+2'
note '+cmd|'"'"' /C calc'"'"'!A0'
note '-2+3'
note '@SUM(A1:A2)'
note '	tab first'
# a lone CR is refused at entry; CR LF is a line break in a note
note "$(printf '\r\ncarriage return first')"
note '-5'
note '1e3'
note 'plain text'
printf '2026-10-01T08:00:00+08:00,G003,deduct.dept,-5,,X%d\n' $((n + 1)) >> ev.csv
svc-log import ev.csv 2>/dev/null
svc-log list --excel > x.csv
is "BOM first" "$(head -c 3 x.csv | od -An -tx1 | tr -d ' ')" efbbbf
# cell UID: the note of that event as a spreadsheet would read it
cell() { python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
    if r["uid"] == sys.argv[2]: print(repr(r[sys.argv[3]]))' x.csv "$1" "${2:-note}"; }
is "= neutralised" "$(cell X1)" "\"'=1+2\""
is "+ neutralised" "$(cell X2)" "\"'+cmd|' /C calc'!A0\""
is "- neutralised" "$(cell X3)" "\"'-2+3\""
is "@ neutralised" "$(cell X4)" "\"'@SUM(A1:A2)\""
is "TAB neutralised" "$(cell X5)" "\"'\\ttab first\""
is "CR neutralised" "$(cell X6)" "\"'\\r\\ncarriage return first\""
is "negative number kept" "$(cell X7)" "'-5'"
is "number kept" "$(cell X8)" "'1e3'"
is "text kept" "$(cell X9)" "'plain text'"
is "negative value kept" "$(cell X10 value)" "'-5'"
# the plain list is the data as stored
svc-log list > plain.csv
is "plain list: no BOM" "$(head -c 3 plain.csv)" "id,"
is "plain list: = kept" "$(grep -c "'=" plain.csv)" 0
finish
