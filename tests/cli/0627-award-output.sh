#!/bin/sh
# svc-award writes its results before it commits: --save (the awards),
# object (the objection's id), finalize (the period's awards) and pay
# (the payroll) with standard output on /dev/full exit 1 and leave the
# ledger as it was; run again with an output, they succeed.
. "$SRC/tests/cli/lib.sh"

cp "$SAMPLE/policies/group.ini" .
export SVC_DB=g.db SVC_POLICY=group.ini SVC_USER=clerk
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/group/events.csv" 2>/dev/null
svc-score --period 2026-07 --save >/dev/null 2>&1

# state: every award, status, objection and outcome, to compare
state() {
	sql g.db 'SELECT count(*) FROM award'
	sql g.db 'SELECT * FROM award_status ORDER BY id'
	sql g.db 'SELECT * FROM objection ORDER BY id'
	sql g.db 'SELECT * FROM objection_outcome ORDER BY objection'
}
# full WHAT CMD...: CMD with stdout on /dev/full fails and changes nothing
full() {
	what=$1; shift
	before=$(state)
	"$@" >/dev/full 2>full.err
	is "$what > /dev/full: status" "$?" 1
	like "$what > /dev/full: said" "$(cat full.err)" \
	    'write error on standard output, nothing stored'
	is "$what > /dev/full: nothing written" "$(state)" "$before"
}

full "save" svc-award --period 2026-07 --as-of 2026-08-05 --save
is "save: no awards" "$(sql g.db 'SELECT count(*) FROM award')" 0
run svc-award --period 2026-07 --as-of 2026-08-05 --save
is "save again: status" "$rc" 0
like "save again: the awards" "$out" '^2026-07,G004,.*,posted,star,'
saved=$(sql g.db 'SELECT count(*) FROM award')
like "save again: saved" "$saved" '^[1-9][0-9]*$'

id=$(svc-award list | awk -F, '$3 == "G004" { print $1 }')
like "an award id" "$id" '^[0-9]+$'
full "object" svc-award object "$id" --reason "too low" --as-of 2026-08-05
is "object: none" "$(sql g.db 'SELECT count(*) FROM objection')" 0
run svc-award object "$id" --reason "too low" --as-of 2026-08-05
is "object again" "$rc $out" "0 1"

full "finalize" svc-award finalize --period 2026-07 --as-of 2026-08-05
is "finalize: still posted" "$(svc-award list --status posted | tail -n +2 | wc -l)" "$saved"
run svc-award finalize --period 2026-07 --as-of 2026-08-05
is "finalize again: status" "$rc" 0
like "finalize again: the awards" "$out" ',approved,star,'

full "pay" svc-award pay --period 2026-07 --as-of 2026-09-01
is "pay: none paid" "$(svc-award list --status paid | tail -n +2 | wc -l)" 0
run svc-award pay --period 2026-07 --as-of 2026-09-01
is "pay again: status" "$rc" 0
like "pay again: the payroll" "$out" '^staff,name,dept,amount
G004,'
is "pay again: paid" "$(svc-award list --status paid | tail -n +2 | wc -l)" "$saved"
finish
