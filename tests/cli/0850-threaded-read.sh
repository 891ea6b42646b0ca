#!/bin/sh
# Big CSV files are parsed on threads (lib/csvpar.c): svc-score's output,
# svc-log import's database and every error message are the same as with
# one thread, wherever the chunks are cut. SVC_CSV_THREADS and
# SVC_CSV_CHUNK force either way, whatever the machine has; the chunk
# sizes below cut inside records, next to quoted line feeds and at the
# line of the error.
. "$SRC/tests/cli/lib.sh"
P=$SAMPLE/policies/group.ini
need_gen_data
"$G" -p group -s 5 -n 60 -e 20000 all -d data || not_ok "gen-data"
# every 997th record's note becomes two lines, quoted: line numbers and
# records part ways, and some cuts would fall inside a quoted field
python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
for i in range(1, len(rows), 997):
    rows[i][7] = "第一行\n第二行, \"引号\""
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)' data/events.csv ev.csv ||
	not_ok "python3 rewrite"
lines=$(wc -l < ev.csv)
is "multi-line notes: physical lines" "$lines" $((20001 + 21))

svc-log init 2>/dev/null
svc-log --policy "$P" roster data/roster.csv 2>/dev/null
svc-log --policy "$P" customers data/customers.csv 2>/dev/null
copy_ledger svc.db base.db

one() { SVC_CSV_THREADS=0 "$@"; }
many() { SVC_CSV_THREADS=3 SVC_CSV_CHUNK=$chunk "$@"; }
score() { svc-score --policy "$P" --period 2026 --roster data/roster.csv "$@"; }
# every column of schema 5 but logged (the time of the import)
dump() { sql "$1" "SELECT id, t, staff, kind, value, customer, channel, dept, note, uid, void_of, batch FROM event ORDER BY id" | md5sum; }

run one score ev.csv
want_score=$out
is "one thread: status" "$rc" 0
like "one thread: rows" "$(printf '%s\n' "$out" | wc -l)" "^[0-9]{2,}$"
run one score --explain S00007 ev.csv
want_explain=$out
like "one thread: explanation" "$out" "^S00007 "
rm -f svc.db-wal svc.db-shm; copy_ledger base.db svc.db
run one svc-log --policy "$P" import ev.csv
is "one thread: import" "$rc" 0
is "one thread: events stored" "$(sql svc.db 'SELECT count(*) FROM event')" 20000
want_db=$(dump svc.db)
# md5sum of nothing: the comparisons below would pass on two empty dumps
unlike "one thread: the dump is not empty" "$want_db" "^d41d8cd98f00b204e9800998ecf8427e "

for chunk in 1 700 4096 65536 1000000; do
	run many score ev.csv
	is "chunk $chunk: score status" "$rc" 0
	is "chunk $chunk: same scores" "$out" "$want_score"
	run many score --explain S00007 ev.csv
	is "chunk $chunk: same explanation" "$out" "$want_explain"
	rm -f svc.db-wal svc.db-shm; copy_ledger base.db svc.db
	run many svc-log --policy "$P" import ev.csv
	is "chunk $chunk: import" "$rc" 0
	is "chunk $chunk: same events" "$(dump svc.db)" "$want_db"
done

# bad records at the first record, inside, and at the last line: the
# message names the physical line (computed here, not by svc) and is the
# same both ways; the database is left as it was
bad() { # bad LINE FILE: ev.csv with physical line LINE's staff unknown
	awk -v n="$1" 'NR == n { sub(/,S[0-9]+,/, ",S99999,") } { print }' ev.csv > "$2"
}
# a physical line that starts a record (not inside a two-line note)
first=2
middle=$(awk -F, 'NR > 10000 && $2 ~ /^S[0-9]+$/ { print NR; exit }' ev.csv)
last=$lines
for at in $first $middle $last; do
	bad "$at" bad.csv
	rm -f svc.db-wal svc.db-shm; copy_ledger base.db svc.db
	run one score bad.csv
	refused "score, bad line $at, one thread" 1 "^svc-score: bad.csv:$at: staff: unknown staff 'S99999'"
	want_err=$err
	run one svc-log --policy "$P" import bad.csv
	refused "import, bad line $at, one thread" 1 "^svc-log: bad.csv:$at: staff: "
	want_ierr=$err
	for chunk in 1 333 65536; do
		run many score bad.csv
		is "score, bad line $at, chunk $chunk: status" "$rc" 1
		is "score, bad line $at, chunk $chunk: message" "$err" "$want_err"
		run many svc-log --policy "$P" import bad.csv
		is "import, bad line $at, chunk $chunk: status" "$rc" 1
		is "import, bad line $at, chunk $chunk: message" "$err" "$want_ierr"
		is "import, bad line $at, chunk $chunk: nothing written" "$(sql svc.db 'SELECT count(*) FROM event')" 0
	done
done

# broken CSV deep in the file: a quote opened and never closed (in the
# middle it runs on into later records, and the quote count that places
# the cuts is off from there on), a stray quote, a wrong field count,
# invalid UTF-8, and a quote left open at the end
mid=$middle
awk -v n="$mid" 'NR == n { $0 = $0 ",\"never closed" } { print }' ev.csv > open.csv
awk -v n="$mid" 'NR == n { sub(/,S[0-9]+,/, ",S0\"1,") } { print }' ev.csv > stray.csv
awk -v n="$mid" 'NR == n { $0 = $0 ",extra" } { print }' ev.csv > wide.csv
awk -v n="$mid" 'NR == n { sub(/,S[0-9]+,/, ",S\377,") } { print }' ev.csv > utf8.csv
awk -v n="$last" 'NR == n { $0 = $0 ",\"never closed" } { print }' ev.csv > end.csv
for f in open stray wide utf8 end; do
	case $f in
	open)	where="1000[0-9]: malformed quoting" ;;
	end)	where="$last: unterminated quoted field" ;;
	*)	where="$mid: " ;;
	esac
	run one score $f.csv
	is "$f: one thread: status" "$rc" 1
	like "$f: one thread: names the line" "$err" "^svc-score: $f.csv:$where"
	want_err=$err
	for chunk in 1 4096 65536; do
		run many score $f.csv
		is "$f, chunk $chunk: status" "$rc" 1
		is "$f, chunk $chunk: message" "$err" "$want_err"
	done
done
finish
