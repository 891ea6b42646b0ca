#!/bin/sh
# scripts/gen-data, the synthetic data behind the benchmark and the larger
# tests: deterministic, the sizes asked for, importable under the scheme's
# policy, and a usage contract like the tools'. It is not installed: it
# runs from the build directory tests/run-check names in SVC_BUILD.
. "$SRC/tests/cli/lib.sh"
POL=$SAMPLE/policies
# records FILE: CSV records after the header, by python3's csv module.
records() {
	python3 -c 'import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(sum(1 for _ in csv.DictReader(f)))' "$1"
}
# same DESC A B / differ DESC A B: byte comparison of two files (two
# empty ones are no evidence of sameness)
same() {
	if [ ! -s "$2" ]; then not_ok "$1: $2 is empty"
	elif cmp -s "$2" "$3"; then ok
	else not_ok "$1: $2 and $3 differ"; fi
}
differ() { if cmp -s "$2" "$3"; then not_ok "$1: $2 = $3"; else ok; fi; }

need_gen_data

# --help to stdout, status 0
run "$G" --help
is "help status" "$rc" 0
like "help usage line" "$out" "gen-data \[OPTIONS\] all --dir DIR"
is "help stderr" "$err" ""

# same options and seed: the same bytes, file by file
run "$G" -p group -n 200 -e 5000 -s 7 all --dir a
is "all status" "$rc" 0
run "$G" -p group -n 200 -e 5000 -s 7 all --dir b
for f in roster customers events; do
	same "same seed, same $f.csv" "a/$f.csv" "b/$f.csv"
done
# and on stdout the same bytes as in --dir
"$G" -p group -n 200 -e 5000 -s 7 events >stdout.csv
same "events on stdout = events in --dir" a/events.csv stdout.csv

# another seed: other data
"$G" -p group -n 200 -e 5000 -s 8 all --dir c
differ "other seed, other events" a/events.csv c/events.csv
differ "other seed, other roster" a/roster.csv c/roster.csv

# the roster depends only on scheme, seed and staff, not on --events
"$G" -p group -n 200 -e 10 -s 7 roster >r10.csv
same "roster independent of --events" a/roster.csv r10.csv

# the numbers asked for: staff, customers (default: as many as staff),
# events
is "200 staff" "$(records a/roster.csv)" 200
is "customers default to staff" "$(records a/customers.csv)" 200
is "5000 events" "$(records a/events.csv)" 5000
"$G" -p group -n 200 -c 50 customers >c50.csv
is "--customers 50" "$(records c50.csv)" 50
"$G" -p group -n 5 customers >c5.csv
is "at least 20 customers by default" "$(records c5.csv)" 20

# the generated group data imports cleanly under the group policy
svc-log init 2>/dev/null
run svc-log roster a/roster.csv
is "import roster status" "$rc" 0
like "import roster count" "$err" "200 staff stored"
run svc-log customers a/customers.csv
is "import customers status" "$rc" 0
run svc-log --policy "$POL/group.ini" import a/events.csv
is "import events status" "$rc" 0
like "import events count" "$err" "5000 added, 0 skipped"
is "events in the ledger" "$(sql svc.db 'SELECT count(*) FROM event')" 5000
# its uids are unique and stable: a second import adds nothing
run svc-log --policy "$POL/group.ini" import a/events.csv
like "re-import adds nothing" "$err" "0 added, 5000 skipped"

# every other scheme's data fits its own policy, two-line notes included
for s in smile warehouse water; do
	"$G" -p "$s" -n 40 -e 800 -s 3 --multiline all --dir "$s"
	is "$s: 800 events with --multiline" "$(records "$s/events.csv")" 800
	svc-log --db "$s.db" init 2>/dev/null
	svc-log --db "$s.db" roster "$s/roster.csv" 2>/dev/null
	svc-log --db "$s.db" customers "$s/customers.csv" 2>/dev/null
	run svc-log --db "$s.db" --policy "$POL/$s.ini" import "$s/events.csv"
	is "$s: import status" "$rc" 0
	# (order.open events of follow-up work orders not counted)
	is "$s: events in the ledger" \
	    "$(sql "$s.db" "SELECT count(*) FROM event WHERE kind NOT LIKE 'order.%'")" 800
done

# bad usage: status 2, a message and a hint on stderr, nothing on stdout
run "$G" -p nope events
refused "unknown scheme" 2 "unknown scheme 'nope'"
run "$G" --staff 0 events
refused "zero staff" 2 "--staff: '0'"
run "$G" --events many events
refused "non-numeric events" 2 "--events: 'many'"
run "$G"
refused "nothing to write" 2 "missing what to write"
run "$G" frob
refused "unknown data" 2 "unknown data 'frob'"
run "$G" all
refused "all without --dir" 2 "'all' needs --dir"
run "$G" --dir d events
refused "--dir without all" 2 "--dir goes with 'all' only"
run "$G" --frobnicate events
refused "unknown option" 2 "Try 'gen-data --help'"
run "$G" --start 2026-02-30 events
refused "impossible start date" 2 "--start: '2026-02-30'"

finish
