#!/bin/sh
# svc-log import: all or nothing, idempotent on uid, and every bad input
# refused with file:line:field, status 1 and nothing written.
. "$SRC/tests/cli/lib.sh"
mini_ledger
# events are written under a policy: here $SVC_POLICY's, unless --policy
export SVC_POLICY="$P"
count() { sql svc.db 'SELECT count(*) FROM event'; }

cat > ok.csv <<'CSV'
ts,staff,kind,value,customer,channel,dept,note,uid
2026-10-01T08:00:00+08:00,G003,complaint.verified,,C001,phone,,"客户投诉：装车慢, 等待2小时",U1
2026-10-02T09:00:00+08:00,G003,complaint.verified,,,visit,,"多行
备注",U2
2026-10-03 10:00,G004,assess,95,,,,,U3
CSV
run svc-log --policy "$P" import ok.csv
is "import status" "$rc" 0
like "import counts" "$err" "3 added, 0 skipped"
is "rows" "$(count)" 3
is "one batch" "$(sql svc.db 'SELECT count(DISTINCT batch) FROM event')" 1
# one import is one moment: every row carries the same logged_at
is "one logged_at" "$(sql svc.db 'SELECT count(DISTINCT logged) FROM event')" 1
is "quoted comma kept" "$(sql svc.db "SELECT note FROM event WHERE uid='U1'")" "客户投诉：装车慢, 等待2小时"

# importing the same file again adds nothing: idempotent on uid
run svc-log --policy "$P" import ok.csv
like "re-import counts" "$err" "0 added, 3 skipped"
is "rows after re-import" "$(count)" 3

# stdin with "-", columns in any order
printf 'uid,kind,staff,ts\nU4,praise.letter,G004,2026-10-05T12:00:00+08:00\n' > order.csv
runin order.csv svc-log import -
is "stdin import" "$rc" 0
is "rows after stdin" "$(count)" 4

n=$(count)
# bad row in the middle: the rows before it are not kept either
printf 'ts,staff,kind,uid\n2026-10-06T08:00:00+08:00,G003,praise.letter,B1\n2026-10-06T09:00:00+08:00,G999,praise.letter,B2\n' > mid.csv
run svc-log import mid.csv
refused "unknown staff mid-file" 1 "^svc-log: mid.csv:3: staff: unknown staff 'G999'"
is "all or nothing" "$(count)" "$n"

# each class of bad input: file:line:field, status 1, nothing written
bad() { # bad NAME FILE REGEX [import options]
	name=$1; file=$2; re=$3; shift 3
	run svc-log "$@" import "$file"
	refused "$name" 1 "$re"
	is "$name: nothing written" "$(count)" "$n"
}
printf 'ts,staff,kind\n2026-02-30T08:00:00+08:00,G003,praise.letter\n' > date.csv
bad "impossible date" date.csv "date.csv:2: ts: "
printf 'ts,staff,kind\n2026-10-06T08:00,G003,praise.letter,extra\n' > many.csv
bad "too many fields" many.csv "many.csv:2: .*field"
printf 'ts,staff,kind\n2026-10-06T08:00,G003\n' > few.csv
bad "too few fields" few.csv "few.csv:2: .*field"
printf 'ts,staff,kind,note\n2026-10-06T08:00,G003,praise.letter,"never closed\n' > quote.csv
bad "unterminated quote" quote.csv "quote.csv:2: .*quote"
printf 'ts,staff,kind,note\n2026-10-06T08:00,G003,praise.letter,bad \377 byte\n' > utf.csv
bad "invalid UTF-8" utf.csv "utf.csv:2: .*UTF-8"
printf 'ts,staff,kind,note\n2026-10-06T08:00,G003,praise.letter,a\000b\n' > nul.csv
bad "NUL byte" nul.csv "nul.csv:2: .*NUL"
: > empty.csv
bad "empty file" empty.csv "empty.csv.*(empty|no header)"
printf 'ts,staff,note\n2026-10-06T08:00,G003,x\n' > nokind.csv
bad "missing column" nokind.csv "nokind.csv:1: kind: "
printf 'ts,staff,kind,kind\n2026-10-06T08:00,G003,a,b\n' > dupcol.csv
bad "duplicated column" dupcol.csv "dupcol.csv:1: kind: .*(twice|duplicate)"
printf 'ts,staff,kind,value\n2026-10-06T08:00,G003,praise.letter,ten\n' > num.csv
bad "non-numeric value" num.csv "num.csv:2: value: "
printf 'ts,staff,kind\n2026-10-06T08:00,G003,complaint.rude\n' > kind.csv
bad "unknown kind" kind.csv "kind.csv:2: kind: unknown kind" --policy "$P"
printf 'ts,staff,kind,customer\n2026-10-06T08:00,G003,praise.letter,C404\n' > cust.csv
bad "unknown customer" cust.csv "cust.csv:2: customer: unknown customer"
printf 'ts,staff,kind,colour\n2026-10-06T08:00,G003,praise.letter,red\n' > extra.csv
bad "unknown column" extra.csv "extra.csv:1: colour: "
# a quoted newline earlier keeps the line numbers physical
printf 'ts,staff,kind,note\n2026-10-06T08:00,G003,praise.letter,"a\nb\nc"\n2026-10-06T08:00,G999,praise.letter,x\n' > lines.csv
bad "line after quoted newlines" lines.csv "lines.csv:5: staff: "

# header only: nothing to add, not an error
printf 'ts,staff,kind\n' > header.csv
run svc-log import header.csv
is "header only status" "$rc" 0
like "header only counts" "$err" "0 added, 0 skipped"

# no policy: refused before the file is read, nothing written
n=$(sql svc.db 'SELECT count(*) FROM event')
like "events counted" "$n" '^[0-9]+$'
printf 'ts,staff,kind,uid\n2026-10-08T08:00:00+08:00,G003,praise.letter,NP1\n' > nopolicy.csv
run env -u SVC_POLICY svc-log import nopolicy.csv
refused "no policy" 2 "^svc-log: import: no policy \(use --policy or set SVC_POLICY\)"
is "no policy wrote nothing" "$(sql svc.db 'SELECT count(*) FROM event')" "$n"

# valid in other clothes: CRLF, BOM, GB18030, a 1 MB note
printf 'ts,staff,kind,uid\r\n2026-10-07T08:00:00+08:00,G003,praise.letter,CR1\r\n' > crlf.csv
run svc-log import crlf.csv
is "CRLF status" "$rc" 0
is "CRLF uid clean" "$(sql svc.db "SELECT count(*) FROM event WHERE uid='CR1'")" 1
printf '\357\273\277ts,staff,kind,uid\n2026-10-07T08:00:00+08:00,G003,praise.letter,BOM1\n' > bom.csv
run svc-log import bom.csv
is "BOM status" "$rc" 0
printf 'ts,staff,kind,note,uid\n2026-10-07T08:00:00+08:00,G003,praise.letter,客户来电表扬张三,GB1\n' | iconv -f UTF-8 -t GB18030 > gb.csv
run svc-log import --encoding gb18030 gb.csv
is "GB18030 status" "$rc" 0
is "GB18030 note" "$(sql svc.db "SELECT note FROM event WHERE uid='GB1'")" 客户来电表扬张三
run svc-log import gb.csv
refused "GB18030 without --encoding" 1 "gb.csv:2: .*UTF-8"
# an unknown encoding is a bad option value: usage
run svc-log import --encoding klingon gb.csv
refused "unknown encoding" 2 "encoding.*klingon"
awk 'BEGIN { printf "ts,staff,kind,note,uid\n2026-10-07T08:00:00+08:00,G003,praise.letter,"; for (i = 0; i < 1048576; i++) printf "x"; printf ",BIG1\n" }' > big.csv
run svc-log import big.csv
is "1 MB note status" "$rc" 0
is "1 MB note length" "$(sql svc.db "SELECT length(note) FROM event WHERE uid='BIG1'")" 1048576

finish
