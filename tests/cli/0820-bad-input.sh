#!/bin/sh
# Bad-input torture over every CSV svc reads: events (svc-log import),
# rosters, customer lists and svc-score's streamed events. Each broken file
# is refused with status 1 and "FILE:LINE: FIELD: ..." (the bad record
# comes after a good one, so a line number and all-or-nothing both show),
# and the database file is left byte for byte as it was. The same content
# in other clothes (CRLF, BOM, GB18030, a 1 MB field, text that looks like
# SQL) is accepted and stored verbatim. Finally the disk fills up.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
# events are written under a policy
export SVC_POLICY="$P"
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null
# the database's state: its bytes, and no WAL left behind
state() { digest svc.db; ls svc.db-wal 2>/dev/null; }
refused_files=0

# target NAME: sets the command, a header, a good record and its last
# (free-text) column for the input NAME
target() {
	case $1 in
	import)	cmd="svc-log --policy $P import"
		hdr=ts,staff,kind,value,customer,note
		row=2026-10-06T08:00:00+08:00,G003,praise.letter,,C001,好
		last=note second=staff rest=,, ;;
	roster)	cmd="svc-log roster"
		hdr=id,name,supervisor,active,dept
		row=X1,新人,G002,1,开票室
		last=dept second=name ;;
	customers)
		cmd="svc-log customers"
		hdr=id,name,owner,tier,contact
		row=C9,某公司,G003,key,电话
		last=contact second=name ;;
	score)	cmd="svc-score --policy $P --period 2026-10"
		hdr=ts,staff,kind,value,note
		row=2026-10-06T08:00:00+08:00,G003,praise.letter,,好
		last=note second=staff rest=, ;;
	esac
	base=${row%,*}
	ncol=$(echo "$hdr" | awk -F, '{ print NF }')
}
# torture NAME FILE REGEX: FILE is refused by the current target, the
# message matches REGEX, stdout is empty and the database is unchanged
torture() {
	s0=$(state)
	# shellcheck disable=SC2086
	run $cmd "$2"
	refused "$tname: $1" 1 "$3"
	is "$tname: $1: database unchanged" "$(state)" "$s0"
	refused_files=$((refused_files + 1))
}

# what only some inputs have: numbers, dates and references
bad_row() { # bad_row NAME FIELD RECORD (without the trailing $rest)
	printf '%s\n%s\n%s%s\n' "$hdr" "$row" "$3" "$rest" > "$f-$2.csv"
	torture "$1" "$f-$2.csv" "^[a-z-]+: $f-$2.csv:3: $2: "
}
# every broken file, read on one thread and then, for big files, on
# several (tiny chunks make these files "big": lib/csvpar.c)
tortures() {
	for tname in import roster customers score; do
		target $tname
		f=$tname
		# the classes every CSV input shares
		printf '%s\n%s\n%s,"never closed\n' "$hdr" "$row" "$base" > $f-quote.csv
		torture "unterminated quote" $f-quote.csv "^[a-z-]+: $f-quote.csv:3: $last: unterminated quoted field"
		printf '%s\n%s\n%s,x"y"\n' "$hdr" "$row" "$base" > $f-stray.csv
		torture "stray quote" $f-stray.csv "^[a-z-]+: $f-stray.csv:3: $last: "
		printf '%s\n%s\n%s,extra\n' "$hdr" "$row" "$row" > $f-many.csv
		torture "too many fields" $f-many.csv "^[a-z-]+: $f-many.csv:3: record has $((ncol + 1)) fields, header has $ncol"
		printf '%s\n%s\n%s\n' "$hdr" "$row" "$base" > $f-few.csv
		torture "too few fields" $f-few.csv "^[a-z-]+: $f-few.csv:3: record has $((ncol - 1)) fields, header has $ncol"
		printf '%s\n%s\n%s,bad \377 byte\n' "$hdr" "$row" "$base" > $f-utf8.csv
		torture "invalid UTF-8" $f-utf8.csv "^[a-z-]+: $f-utf8.csv:3: $last: invalid UTF-8"
		printf '%s\n%s\n%s,\344\270' "$hdr" "$row" "$base" > $f-cut.csv
		torture "UTF-8 cut at the end" $f-cut.csv "^[a-z-]+: $f-cut.csv:3: $last: invalid UTF-8"
		printf '%s\n%s\n%s,a\000b\n' "$hdr" "$row" "$base" > $f-nul.csv
		torture "NUL byte" $f-nul.csv "^[a-z-]+: $f-nul.csv:3: $last: NUL byte"
		: > $f-empty.csv
		torture "empty file" $f-empty.csv "^[a-z-]+: $f-empty.csv: empty file: no header row"
		printf '\n\n' > $f-blank.csv
		torture "blank lines only" $f-blank.csv "^[a-z-]+: $f-blank.csv: empty file: no header row"
		echo "$hdr" | sed "s/,$second,/,/" > $f-missing.csv
		torture "missing required column" $f-missing.csv "^[a-z-]+: $f-missing.csv:1: $second: missing required column"
		printf '%s,%s\n%s,x\n' "$hdr" "$last" "$row" > $f-dup.csv
		torture "duplicated column" $f-dup.csv "^[a-z-]+: $f-dup.csv:1: $last: duplicate column"
		printf '%s,,x\n%s,,x\n' "$hdr" "$row" > $f-nameless.csv
		torture "nameless column" $f-nameless.csv "^[a-z-]+: $f-nameless.csv:1: "
		printf '%s,colour\n%s,red\n' "$hdr" "$row" > $f-extra.csv
		torture "unknown column" $f-extra.csv "^[a-z-]+: $f-extra.csv:1: colour: unknown column"
	done
	for tname in import score; do
		target $tname
		f=$tname
		bad_row "non-numeric value" value "2026-10-06T08:00:00+08:00,G003,assess,ninety"
		bad_row "value out of range" value "2026-10-06T08:00:00+08:00,G003,assess,101"
		bad_row "impossible date" ts "2026-02-30T08:00:00+08:00,G003,praise.letter,"
		bad_row "impossible time" ts "2026-10-06T24:30:00+08:00,G003,praise.letter,"
		bad_row "unknown staff" staff "2026-10-06T08:00:00+08:00,G999,praise.letter,"
		bad_row "unknown kind" kind "2026-10-06T08:00:00+08:00,G003,complaint.rude,"
	done
	target import
	f=import
	rest=,
	bad_row "unknown customer" customer "2026-10-06T08:00:00+08:00,G003,praise.letter,,C404"
	bad_row "missing timestamp" ts ",G003,praise.letter,,"
	target roster
	f=roster
	rest=
	bad_row "unknown supervisor" supervisor "X2,新人二,G404,1,开票室"
	bad_row "bad active flag" active "X2,新人二,G002,maybe,开票室"
	bad_row "repeated id" id "X1,新人二,G002,1,开票室"
	target customers
	f=customers
	rest=
	bad_row "unknown owner" owner "C8,某公司,G404,key,电话"
}
SVC_CSV_THREADS=0 tortures
SVC_CSV_THREADS=2 SVC_CSV_CHUNK=3 tortures
unset SVC_CSV_THREADS SVC_CSV_CHUNK
echo "bad input: $refused_files files refused"

# valid in other clothes: accepted, and stored as given
big=$(awk 'BEGIN { for (i = 0; i < 349525; i++) printf "备"; printf "x" }')
sqlish="x'); DROP TABLE event; --"
# import, roster and customers: CRLF + BOM, a 1 MB field, SQL-looking text
printf '\357\273\277ts,staff,kind,note,uid\r\n2026-10-07T08:00:00+08:00,G003,praise.letter,"a\r\nb",W1\r\n' > ev-crlf.csv
run svc-log import ev-crlf.csv
is "import CRLF + BOM" "$rc" 0
is "import CRLF + BOM: quoted line end kept" "$(hex "$(sql svc.db "SELECT note FROM event WHERE uid='W1'")")" 610D0A62
printf 'ts,staff,kind,note,uid\n2026-10-07T08:00:00+08:00,G003,praise.letter,"%s",W2\n' "$sqlish" > ev-sql.csv
run svc-log import ev-sql.csv
is "import SQL-looking note" "$(sql svc.db "SELECT note FROM event WHERE uid='W2'")" "$sqlish"
is "import SQL-looking note: table still there" "$(sql svc.db "SELECT count(*) FROM event")" 2
printf '\357\273\277id,name,dept\r\nY1,"%s",开票室\r\nY2,"%s",开票室\r\n' "$sqlish" "$big" > st.csv
run svc-log roster st.csv
is "roster CRLF + BOM" "$rc" 0
is "roster SQL-looking name" "$(sql svc.db "SELECT name FROM staff WHERE id='Y1'")" "$sqlish"
is "roster 1 MB name" "$(printf %s "$(sql svc.db "SELECT name FROM staff WHERE id='Y2'")" | wc -c)" 1048576
is "roster CRLF: no CR kept" "$(sql svc.db "SELECT count(*) FROM staff WHERE dept LIKE '%$(printf '\r')'")" 0
printf '\357\273\277id,name,contact\r\nD1,"%s",电话\r\nD2,某公司,"%s"\r\n' "$sqlish" "$big" > cu.csv
run svc-log customers cu.csv
is "customers CRLF + BOM" "$rc" 0
is "customers SQL-looking name" "$(sql svc.db "SELECT name FROM customer WHERE id='D1'")" "$sqlish"
is "customers 1 MB contact" "$(printf %s "$(sql svc.db "SELECT contact FROM customer WHERE id='D2'")" | wc -c)" 1048576
printf 'id,name,tier\nD3,恒通物流（天津）有限公司,key\n' | iconv -f UTF-8 -t GB18030 > cu-gb.csv
run svc-log customers --encoding gb18030 cu-gb.csv
is "customers GB18030" "$(sql svc.db "SELECT name FROM customer WHERE id='D3'")" 恒通物流（天津）有限公司
# svc-score: a 1 MB note and an SQL-looking one are just notes
printf '\357\273\277ts,staff,kind,value,note\r\n2026-10-06T08:00:00+08:00,G003,praise.letter,,"%s"\r\n2026-10-06T09:00:00+08:00,G003,praise.letter,,"%s"\r\n' "$big" "$sqlish" > sc.csv
run svc-score --policy "$P" --period 2026-10 sc.csv
is "score: big and SQL-looking notes" "$(printf '%s\n' "$out" | awk -F, '$2 == "G003" { print $8 }')" 20

# The disk fills up. A file size limit (RLIMIT_FSIZE, which any user may
# lower; SIGXFSZ ignored so writes fail with EFBIG) stands in for a full
# disk: the import stops, says so, and the database is as before.
limited() { # limited BYTES CMD...
	python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execvp(sys.argv[2], sys.argv[2:])' "$@"
}
fill() { # fill UID-PREFIX: 8000 events, some 2 MB in the database
	awk -v p="$1" 'BEGIN { print "ts,staff,kind,note,uid"; for (i = 1; i <= 8000; i++) printf "2026-10-%02dT10:00:00+08:00,G004,praise.letter,填满磁盘 %d,%s%d\n", i % 28 + 1, i, p, i }'
}
fill FULL > full.csv
fill NOSPACE > full2.csv
n=$(sql svc.db 'SELECT count(*) FROM event')
s0=$(state)
if on_sqlite "a file size limit on the ledger's file"; then
	run limited 500000 svc-log import full.csv
	refused "file size limit: import" 1 "^svc-log: svc.db: cannot [a-z ]+: disk I/O error"
	is "file size limit: import: database unchanged" "$(state)" "$s0"
	is "file size limit: integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
	is "file size limit: nothing added" "$(sql svc.db 'SELECT count(*) FROM event')" "$n"
fi
run svc-log import full.csv
is "the same import with room" "$rc" 0
# below the 32 kB of SQLite's shared-memory file even opening fails, and
# the message says why
if on_sqlite "SQLite's shared-memory file under a file size limit"; then
	run limited 16384 svc-log list
	refused "file size limit: open" 1 "^svc-log: svc.db: cannot open database: disk I/O error \(File too large\)$"
fi
# output to a full device: svc-score's scores, svc-log's list
svc-score --policy "$P" --period 2026-10 >/dev/full 2>"$T/e"
is "svc-score to /dev/full: status" "$?" 1
like "svc-score to /dev/full: message" "$(cat "$T/e")" "write error"

# A really full disk (ENOSPC) needs a small file system: a tmpfs with 512 kB
# to spare in a private mount namespace, where unprivileged user
# namespaces are allowed.
if ! on_sqlite "the ledger's file on a full file system"; then :
elif unshare -rm true 2>/dev/null; then
	mkdir small
	cp svc.db small/
	# room for the database and 512 kB more
	room=$(( $(stat -c %s svc.db) / 1024 + 512 ))k
	s0=$(cd small && state)
	unshare -rm sh -c 'mount -t tmpfs -o size="$1" tmpfs small || exit 9
		cp svc.db small/ && cd small || exit 9
		svc-log import ../full2.csv 2>../enospc.err
		echo "$?" > ../enospc.rc
		md5sum svc.db | cut -c1-32 > ../enospc.state
		ls svc.db-wal >> ../enospc.state 2>/dev/null
		svc-log add praise.letter G003 >/dev/null 2>>../enospc.err
		echo "$?" >> ../enospc.rc' sh "$room"
	is "full disk: import status, then an add" "$(cat enospc.rc | tr '\n' ' ')" "1 0 "
	like "full disk: message" "$(cat enospc.err)" "^svc-log: svc.db: cannot .*: database or disk is full"
	is "full disk: database unchanged" "$(cat enospc.state)" "$s0"
else
	echo "0820: no user namespaces here: ENOSPC on a small tmpfs not tried"
fi

finish
