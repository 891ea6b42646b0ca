#!/bin/sh
# svc-award --save reads the award history inside its saving transaction:
# saves run at once give what they give one after the other; saving an
# earlier month decides the later saved months again (said on stderr),
# refused when that would change a paid month or, without --replace
# --reason, a finalised one; a finalised month is re-saved only with
# --replace --reason, which stays in the history; a paid one never.
. "$SRC/tests/cli/lib.sh"

cp "$SAMPLE/policies/group.ini" .
export SVC_POLICY=group.ini SVC_USER=clerk
svc-log --db base.db init 2>/dev/null
svc-log --db base.db roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log --db base.db customers "$SAMPLE/group/customers.csv" 2>/dev/null
svc-log --db base.db import "$SAMPLE/group/events.csv" 2>/dev/null
for m in 07 08 09; do
	svc-score --db base.db --period "2026-$m" --save >"s$m.csv"
done
is "scores saved" "$(sql base.db 'SELECT count(DISTINCT period) FROM score')" 3

# fresh NAME: a copy of base.db as NAME.db
fresh() { rm -f "$1.db"*; copy_ledger base.db "$1.db"; }
# save DB MONTH [ARGS...]: svc-award --save of 2026-MONTH from its saved scores
save() {
	db=$1 m=$2; shift 2
	svc-award --db "$db" --period "2026-$m" --as-of 2026-10-05 --save "$@"
}
# awards DB: what stands, without ids, dates or status
awards() {
	svc-award --db "$1" list | tail -n +2 | cut -d, -f2-10,15-17 | sort
}
# stars DB: the sum paid in stars
stars() {
	sql "$1" "SELECT coalesce(sum(a.amount), 0) FROM award a WHERE a.type = 'star' AND (SELECT s.status FROM award_status s WHERE s.award = a.id ORDER BY s.id DESC LIMIT 1) NOT IN ('replaced', 'withdrawn')"
}

### one after the other: the reference
fresh seq
for m in 07 08 09; do save seq.db $m >/dev/null 2>&1; done
want=$(awards seq.db)
like "sequential: G004 third star" "$want" '^2026-09,G004,.*,服务明星,1500,张榜公布,1,3,'
like "sequential: stars paid" "$(stars seq.db)" '^[1-9][0-9]*(\.0)?$'

### July and August at once, several rounds: the sequential result
n=0
while [ "$n" -lt 6 ]; do
	n=$((n + 1))
	fresh par
	save par.db 07 >p7.out 2>p7.err & a=$!
	save par.db 08 >p8.out 2>p8.err & b=$!
	wait "$a"; ra=$?
	wait "$b"; rb=$?
	is "round $n: both saved" "$ra $rb" "0 0"
	save par.db 09 >/dev/null 2>&1
	is "round $n: awards as one after the other" "$(awards par.db)" "$want"
	is "round $n: stars" "$(stars par.db)" "$(stars seq.db)"
done

### August first, then July: August decided again, the change said
fresh rev
save rev.db 08 >/dev/null 2>&1
run save rev.db 07
is "earlier saved: status" "$rc" 0
like "earlier saved: change said" "$err" \
    '^svc-award: 2026-08: G004 star 服务明星 500 -> 1000 \(consecutive 1 -> 2\)$'
like "earlier saved: worst rating said" "$err" \
    '^svc-award: 2026-08: G008 worst 最差服务 -500 -> -500 \(consecutive 1 -> 2\)$'
like "earlier saved: July's awards out" "$out" '^2026-07,G004,.*,服务明星,500,'
save rev.db 09 >/dev/null 2>&1
is "earlier saved: as one after the other" "$(awards rev.db)" "$want"
like "earlier saved: August's old awards replaced, said why" \
    "$(svc-award --db rev.db list --history --period 2026-08 --status replaced)" \
    ',replaced,star,.*,decided again: 2026-07 saved again'

### a finalised month: re-saved only with --replace --reason
fresh fin
save fin.db 07 >/dev/null 2>&1
svc-award --db fin.db finalize --period 2026-07 --as-of 2026-10-06 >/dev/null 2>&1
before=$(sql fin.db 'SELECT count(*) FROM award_status')
like "finalised: statuses counted" "$before" '^[1-9][0-9]*$'
run save fin.db 07
refused "finalised: refused" 1 \
    '^svc-award: period: 2026-07: finalised on 2026-10-06 by clerk: saving it again replaces its approved awards only with --replace --reason TEXT$'
is "finalised: nothing written" "$(sql fin.db 'SELECT count(*) FROM award_status')" "$before"
run save fin.db 07 --replace
is "--replace without --reason" "$rc" 2
run save fin.db 07 --replace --reason "wrong roster"
is "--replace --reason: status" "$rc" 0
is "--replace --reason: posted again" "$(svc-award --db fin.db list --period 2026-07 --status posted | tail -n +2 | wc -l)" 7
is "--replace --reason: the approved ones kept as replaced, with the reason" \
    "$(sql fin.db "SELECT count(*) FROM award_status s WHERE s.status = 'replaced' AND s.note = 'wrong roster' AND EXISTS (SELECT 1 FROM award_status x WHERE x.award = s.award AND x.status = 'approved')")" 7
# paid: never replaced, --replace or not
svc-award --db fin.db finalize --period 2026-07 --as-of 2026-10-06 >/dev/null 2>&1
svc-award --db fin.db pay --period 2026-07 --as-of 2026-10-07 >/dev/null 2>&1
run save fin.db 07 --replace --reason again
refused "paid: refused" 1 "2026-07: 7 awards are already paid"

### a later month finalised, or paid: named, nothing saved
fresh lat
save lat.db 08 >/dev/null 2>&1
svc-award --db lat.db finalize --period 2026-08 --as-of 2026-10-06 >/dev/null 2>&1
before=$(sql lat.db 'SELECT count(*) FROM award_status')
run save lat.db 07
refused "later finalised: refused" 1 \
    '^svc-award: period: 2026-08 was finalised on 2026-10-06 by clerk: saving 2026-07 again changes it \(G004 star 服务明星 500 -> 1000 \(consecutive 1 -> 2\)\); with --replace --reason TEXT it is replaced too; nothing saved$'
is "later finalised: nothing written" "$(sql lat.db 'SELECT count(*) FROM award_status')" "$before"
run save lat.db 07 --replace --reason "July was missing"
is "later finalised, --replace: status" "$rc" 0
like "later finalised, --replace: change said" "$err" '2026-08: G004 star 服务明星 500 -> 1000'
is "later finalised, --replace: August posted again" \
    "$(svc-award --db lat.db list --period 2026-08 --status approved | tail -n +2 | wc -l)" 0
svc-award --db lat.db finalize --period 2026-08 --as-of 2026-10-06 >/dev/null 2>&1
svc-award --db lat.db pay --period 2026-08 --as-of 2026-10-07 >/dev/null 2>&1
# July as decided: August stays as it is; July without G004: refused
run save lat.db 07
is "later paid, unchanged: saved" "$rc" 0
sed '/^2026-07,G004,/d' s07.csv >no4.csv
before=$(sql lat.db 'SELECT count(*) FROM award_status')
run svc-award --db lat.db --as-of 2026-10-05 --save no4.csv
refused "later paid: refused" 1 \
    '^svc-award: period: 2026-08 is paid: saving 2026-07 again would change it \(G004 star 服务明星 1000 -> 500 \(consecutive 2 -> 1\)\); nothing saved$'
is "later paid: nothing written" "$(sql lat.db 'SELECT count(*) FROM award_status')" "$before"

### a later month saved from a file, without saved scores: refused
fresh fil
svc-award --db fil.db --as-of 2026-10-05 --save s08.csv >/dev/null 2>&1
sql fil.db "DELETE FROM score WHERE period = '2026-08'"
run save fil.db 07
refused "later without scores" 1 \
    "2026-08, saved after 2026-07, has no saved scores to be decided again from \(svc-score --period 2026-08 --save stores them\); nothing saved"
is "later without scores: nothing saved" "$(sql fil.db "SELECT count(*) FROM award WHERE period = '2026-07'")" 0
finish
