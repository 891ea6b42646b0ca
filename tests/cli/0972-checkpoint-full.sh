#!/bin/sh
# A commit whose checkpoint fails: the WAL took the data, but the ledger
# file cannot grow to take it (a file size limit here, as a full disk
# would). The command succeeds (the data is committed, safe in the WAL),
# says so on stderr, and a later command copies it into the ledger file.
. "$SRC/tests/cli/lib.sh"
sqlite_only "SQLite's WAL checkpoint into a file that cannot grow"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
# rows: events.csv of N rows in month M
rows() {
	awk -v n="$1" -v m="$2" 'BEGIN {
		print "ts,staff,kind,value,customer,note"
		for (i = 0; i < n; i++)
			printf "2026-%s-%02dT08:%02d:%02d+08:00,G003,praise.letter,,,note %d %s\n",
			    m, 1 + i % 28, int(i / 60) % 60, i % 60, i,
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	}'
}
rows 10000 10 >big.csv
rows 3000 11 >small.csv
svc-log --policy "$P" import big.csv 2>/dev/null
is "base ledger: no WAL left" "$(ls svc.db-wal 2>/dev/null)" ""
size=$(wc -c <svc.db)
# room for the WAL (about 0.6 MB) but not for the ledger's growth by it
limit=$(( (size + 100000) / 512 ))
run sh -c "trap '' XFSZ; ulimit -f $limit; exec svc-log --policy '$P' import small.csv"
is "import: committed, so status 0" "$rc" 0
like "import: the summary" "$err" "import: 3000 added"
like "import: warns that the copy failed" "$err" \
    "svc-log: warning: svc.db: cannot copy what was committed into the ledger file: .*; it is safe in svc.db-wal, which a later command copies"
is "ledger file stopped at the limit" "$(wc -c <svc.db)" $((limit * 512))
# a later command without the limit copies it, quietly
run svc-log list --period 2026-11
is "later: all events there" "$(printf '%s\n' "$out" | grep -c praise.letter)" 3000
is "later: no warning" "$err" ""
is "later: WAL copied and gone" "$(ls svc.db-wal 2>/dev/null)" ""
is "integrity" "$(sql svc.db 'PRAGMA integrity_check')" ok
is "every event" "$(sql svc.db 'SELECT count(*) FROM event')" 13000
finish
