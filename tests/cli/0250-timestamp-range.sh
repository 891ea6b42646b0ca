#!/bin/sh
# Timestamps: real instants only (no second 60), offsets -12:00..+14:00,
# and only instants whose local time in any offset every tool reads back.
. "$SRC/tests/cli/lib.sh"
mini_ledger

# a leap second is refused, not stored as :59
run svc-log --policy "$P" add praise.letter G003 ts=2026-10-15T10:00:60+08:00
refused "second 60" 1 "^svc-log: ts: bad timestamp '2026-10-15T10:00:60\+08:00': second must be 00 to 59"
# offsets no zone has are refused
run svc-log --policy "$P" add praise.letter G003 ts=2026-10-15T10:00:00+14:59
refused "offset +14:59" 1 "ts: .*offset must be -12:00 to \+14:00"
run svc-log --policy "$P" add praise.letter G003 ts=2026-10-15T10:00:00-12:30
refused "offset -12:30" 1 "ts: .*offset must be -12:00 to \+14:00"
# the last day of year 9999 would list as year 10000 east of UTC
run svc-log --policy "$P" add praise.letter G003 ts=9999-12-31T23:59:59-12:00
refused "year 10000 east" 1 "ts: .*outside 1970-01-02 to 9999-12-30 UTC"
run svc-log --policy "$P" add praise.letter G003 ts=1970-01-01T00:00:00+08:00
refused "1969 west" 1 "ts: .*outside 1970-01-02 to 9999-12-30 UTC"
is "nothing written" "$(count)" 0
printf 'ts,staff,kind\n2026-10-15T10:00:60+08:00,G003,praise.letter\n' > leap.csv
run svc-log --policy "$P" import leap.csv
refused "second 60 in a file" 1 "^svc-log: leap.csv:2: ts: .*second must be 00 to 59"

# the extremes: stored, listed in the farthest offsets, imported again
# into a fresh ledger, and scored from the export
run svc-log --policy "$P" add praise.letter G003 ts=9999-12-30T23:59:59Z uid=last
is "last instant" "$rc" 0
run svc-log --policy "$P" add praise.letter G003 ts=1970-01-02T00:00:00Z uid=first
is "first instant" "$rc" 0
for zone in Etc/GMT-14 Etc/GMT+12; do
	TZ=$zone svc-log list > "list-${zone#Etc/}.csv"
	unlike "listed in $zone in years 1970..9999" "$(cut -d, -f2 "list-${zone#Etc/}.csv")" "^(1969|10000)-"
	run svc-log --db "fresh-${zone#Etc/}.db" init
	run svc-log --db "fresh-${zone#Etc/}.db" roster "$F/roster.csv"
	TZ=$zone run svc-log --db "fresh-${zone#Etc/}.db" --policy "$P" import --ignore-extra "list-${zone#Etc/}.csv"
	is "re-import from $zone" "$rc" 0
	is "same instants from $zone" "$(sql "fresh-${zone#Etc/}.db" 'SELECT t FROM event ORDER BY t' | paste -sd, -)" "86400,253402214399"
	TZ=$zone run svc-score --policy "$P" --period 9999 --roster "$F/roster.csv" "list-${zone#Etc/}.csv"
	is "svc-score reads the export from $zone" "$rc" 0
	like "scored the last praise from $zone" "$(printf '%s\n' "$out" | awk -F, '$2 == "G003" { print $8 }')" '^10$'
done
finish
