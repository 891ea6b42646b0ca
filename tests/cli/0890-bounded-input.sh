#!/bin/sh
# Bad input takes bounded memory and time, and is refused with the same
# message on one thread or several: a stray quote near the top of a big
# file, a quote never closed, a 100 MB field (fields are at most 1 MiB),
# and files whose lines end in a lone CR, refused as a whole.
. "$SRC/tests/cli/lib.sh"
mini_ledger
state() { digest svc.db; ls svc.db-wal 2>/dev/null; }
before=$(state)
hdr=ts,staff,kind,value,customer,note
row=2026-10-06T08:00:00+08:00,G003,praise.letter,,C001,好

# Peak memory in MB is only meaningful without the sanitizers' shadow.
asan=0
grep -q __asan_init "$(command -v svc-log)" && asan=1
# rss DESC ENV...: runs svc-log import FILE under time(1) with ENV set;
# $rc, $err as run sets them, and checks the peak under 64 MB
rss() {
	desc=$1; shift
	run /usr/bin/time -f %M -o "$T/.rss" env "$@"
	kb=$(tail -n 1 "$T/.rss")
	like "$desc: peak memory measured" "$kb" '^[0-9]+$'
	[ "$asan" = 1 ] && return
	if [ "$kb" -lt 65536 ]; then ok
	else not_ok "$desc: peak memory ${kb} KB, not under 64 MB"; fi
}
# big FILE LINE5: a header, three good records, LINE5, then good records
# to about 128 MB, none with a quote
big() {
	python3 -c 'import sys
row = sys.argv[2] + "\n"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(sys.argv[3] + "\n" + row * 3 + sys.argv[4] + "\n")
    f.write(row * (128 * 1024 * 1024 // len(row.encode())))' "$@" ||
		not_ok "python3 writes $1"
}

# a stray quote on line 5: the threads' chunks find no end to the quoted
# field that the quote seems to open; they stop at 2 MiB and the rest is
# read on one thread, which meets the quote at once
big stray.csv "$row" "$hdr" \
    2026-10-06T08:00:00+08:00,G0\"03,praise.letter,,C001,好
msg='^svc-log: stray.csv:5: staff: malformed quoting: quote inside an unquoted field$'
rss "stray quote, one thread" SVC_CSV_THREADS=0 svc-log --policy "$P" import stray.csv
refused "stray quote, one thread" 1 "$msg"
rss "stray quote, three threads" SVC_CSV_THREADS=3 svc-log --policy "$P" import stray.csv
refused "stray quote, three threads" 1 "$msg"
is "stray quote: nothing written" "$(state)" "$before"

# a quote opened on line 5 and never closed: the field would take in the
# rest of the file; it is refused once past 1 MiB
big open.csv "$row" "$hdr" \
    2026-10-06T08:00:00+08:00,G003,praise.letter,,C001,\"never closed
msg='^svc-log: open.csv:5: note: field longer than 1 MiB$'
rss "open quote, one thread" SVC_CSV_THREADS=0 svc-log --policy "$P" import open.csv
refused "open quote, one thread" 1 "$msg"
rss "open quote, three threads" SVC_CSV_THREADS=3 svc-log --policy "$P" import open.csv
refused "open quote, three threads" 1 "$msg"
run svc-score --policy "$P" --period 2026-10 open.csv
refused "open quote, svc-score" 1 '^svc-score: open.csv:5: note: field longer than 1 MiB$'
is "open quote: nothing written" "$(state)" "$before"
rm -f stray.csv open.csv

# one 100 MB note, quoted or not
for q in '' '"'; do
	python3 -c 'import sys
with open("long.csv", "w") as f:
    f.write(sys.argv[1] + "\n" + sys.argv[2] + sys.argv[3] + "x" * (100 * 1024 * 1024) + sys.argv[3] + "\n")' \
	    "$hdr" "${row%,*}," "$q" || not_ok "python3 writes long.csv"
	msg='^svc-log: long.csv:2: note: field longer than 1 MiB$'
	rss "100 MB note $q, one thread" SVC_CSV_THREADS=0 svc-log --policy "$P" import long.csv
	refused "100 MB note $q, one thread" 1 "$msg"
	rss "100 MB note $q, three threads" SVC_CSV_THREADS=3 svc-log --policy "$P" import long.csv
	refused "100 MB note $q, three threads" 1 "$msg"
done
rm -f long.csv
is "100 MB note: nothing written" "$(state)" "$before"
# a 1.5 MB note on line 1001, within what a chunk may grow to: refused by
# a worker, named at the same line
python3 -c 'import sys
row = sys.argv[2] + "\n"
with open("two.csv", "w") as f:
    f.write(sys.argv[1] + "\n" + row * 999 + sys.argv[2] + "z" * 1500000 + "\n" + row * 999)' \
    "$hdr" "$row" || not_ok "python3 writes two.csv"
msg='^svc-log: two.csv:1001: note: field longer than 1 MiB$'
for th in 0 3; do
	run env SVC_CSV_THREADS=$th SVC_CSV_CHUNK=4096 svc-log --policy "$P" import two.csv
	refused "1.5 MB note, $th threads" 1 "$msg"
done
# 1 MiB is the limit, not less: a note of just that is stored whole
python3 -c 'import sys
with open("mib.csv", "w") as f:
    f.write(sys.argv[1] + "\n" + sys.argv[2] + "," + "y" * (1024 * 1024) + "\n")' \
    "$hdr" "${row%,*}" || not_ok "python3 writes mib.csv"
run svc-log --policy "$P" import mib.csv
is "1 MiB note: imported" "$rc" 0
is "1 MiB note: stored whole" "$(sql svc.db 'SELECT length(note) FROM event')" 1048576
before=$(state)

# lone CRs as line ends: every line would be line 1; the file is refused
# before anything is read from it, threaded or not
{
	printf '%s\r' "$hdr"
	i=0
	while [ $i -lt 200 ]; do printf '%s\r' "$row"; i=$((i + 1)); done
	printf '2026-10-06T08:00:00+08:00,G999,praise.letter,,C001,x\r'
} > cr.csv
msg="^svc-log: cr.csv: CR line endings \\(old Mac format\\): convert them to LF first, e.g. with tr '\\\\r' '\\\\n'\$"
run env SVC_CSV_THREADS=0 svc-log --policy "$P" import cr.csv
refused "CR line ends, one thread" 1 "$msg"
run env SVC_CSV_THREADS=3 SVC_CSV_CHUNK=100 svc-log --policy "$P" import cr.csv
refused "CR line ends, three threads" 1 "$msg"
run env SVC_CSV_THREADS=3 SVC_CSV_CHUNK=100 svc-score --policy "$P" --period 2026-10 cr.csv
refused "CR line ends, svc-score" 1 "^svc-score: cr.csv: CR line endings"
printf 'id,name,supervisor,active,dept\rX1,新人,G002,1,开票室\r' > cr-roster.csv
run svc-log roster cr-roster.csv
refused "CR line ends, roster" 1 "^svc-log: cr-roster.csv: CR line endings"
is "CR line ends: nothing written" "$(state)" "$before"
# the same file with LF line ends is read, and its error placed
tr '\r' '\n' < cr.csv > lf.csv
run env SVC_CSV_THREADS=3 SVC_CSV_CHUNK=100 svc-log --policy "$P" import lf.csv
refused "converted with tr" 1 "^svc-log: lf.csv:202: staff: "
finish
