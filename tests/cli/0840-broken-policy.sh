#!/bin/sh
# A broken policy file stops every tool that reads it before anything is
# read or written: status 1, "FILE:LINE: KEY: ..." on stderr (the key
# empty for a syntax error, "[section]" for a whole section), nothing on
# stdout, the database unchanged.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
printf 'ts,staff,kind\n2026-10-06T08:00:00+08:00,G003,praise\n' > ev.csv
state() { digest svc.db; }
s0=$(state)
n=0
# broken REGEX: the policy in p.ini is refused by svc-score, svc-log
# import and svc-log add, each naming p.ini and matching REGEX
broken() {
	n=$((n + 1))
	run svc-score --policy p.ini --period 2026-10
	refused "svc-score: $1" 1 "^svc-score: p.ini:$2"
	run svc-log --policy p.ini import ev.csv
	refused "svc-log import: $1" 1 "^svc-log: p.ini:$2"
	run svc-log --policy p.ini add praise G003
	refused "svc-log add: $1" 1 "^svc-log: p.ini:$2"
	is "$1: database unchanged" "$(state)" "$s0"
}
head='[policy]
name = 测试'
printf '%s\n[kind.praise]\npionts = 2\n' "$head" > p.ini
broken "misspelt key" "4: pionts: unknown key"
printf '%s\n[kind.praise]\npoints = two\n' "$head" > p.ini
broken "non-numeric points" "4: points: "
printf '%s\n[kind.praise]\npoints = 2\npoints = 3\n' "$head" > p.ini
broken "duplicated key" "5: points: duplicate key \(first at line 4\)"
printf '%s\n[kind.praise]\ncounts_as = compliment\n' "$head" > p.ini
broken "unknown choice" "4: counts_as: "
printf '%s\n[kind.praise]\nescalation = progressive\npoints 2\n' "$head" > p.ini
broken "line without =" "5: syntax error"
printf '%s\n[kind.praise\npoints = 2\n' "$head" > p.ini
broken "unclosed section header" "3: syntax error: missing '\]'"
printf '%s\n[bonus.x]\n' "$head" > p.ini
broken "unknown section" "3: \[bonus.x\]: "
printf '%s\n[kind.praise]\n[kind.praise]\n' "$head" > p.ini
broken "duplicated section" "4: \[kind.praise\]: "
printf '%s\n[kind.praise]\nnote = \377\n' "$head" > p.ini
broken "invalid UTF-8" "4: invalid UTF-8"
printf '%s\n[kind.praise]\n[tier.gold]\namount = 500\n' "$head" > p.ini
broken "tier without bounds" "4: \[tier.gold\]: "
printf '%s\n[worst.w]\nthreshold = 2\nkinds = complaint.nope\n' "$head" > p.ini
broken "undefined kind" "5: kinds: undefined kind 'complaint.nope'"
printf '[kind.praise]\npoints = 2\n' > p.ini
broken "no [policy] section" ".*\[policy\]: required section missing"
echo "broken policy: $n files refused by three commands each"
finish
