#!/bin/sh
# The four sample schemes of sample-data/ load into svc-log as shipped:
# every event of each quarter goes in under its policy, once, and each
# policy defines the kinds of its source document with the points SPEC §2
# gives them.
. "$SRC/tests/cli/lib.sh"
POL=$SAMPLE/policies
# records FILE: the number of CSV records after the header, counted by
# python3's csv module (notes hold quoted commas, quotes and line breaks).
records() {
	python3 -c 'import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(sum(1 for _ in csv.DictReader(f)))' "$1"
}

for s in group smile warehouse water; do
	d=$SAMPLE/$s
	db=$s.db
	ne=$(records "$d/events.csv")
	ns=$(records "$d/roster.csv")
	nc=$(records "$d/customers.csv")

	# init creates each scheme's ledger
	run svc-log --db "$db" init
	is "$s: init status" "$rc" 0

	# the roster loads whole: supervisors and leaders resolve
	run svc-log --db "$db" roster "$d/roster.csv"
	is "$s: roster status" "$rc" 0
	is "$s: staff rows" "$(sql "$db" 'SELECT count(*) FROM staff')" "$ns"

	# the customer list loads whole (water's ids keep their leading zeros)
	run svc-log --db "$db" customers "$d/customers.csv"
	is "$s: customers status" "$rc" 0
	is "$s: customer rows" "$(sql "$db" 'SELECT count(*) FROM customer')" "$nc"

	# every event is valid under the scheme's policy: all go in
	run svc-log --db "$db" --policy "$POL/$s.ini" import "$d/events.csv"
	is "$s: import status" "$rc" 0
	like "$s: import counts" "$err" "import: $ne added, 0 skipped"
	# (not counting the order.open events of follow-up work orders,
	# which water's dissatisfied revisits open: see 0710-orders-revisits)
	is "$s: events in the ledger = CSV records" \
	    "$(sql "$db" "SELECT count(*) FROM event WHERE kind NOT LIKE 'order.%'")" "$ne"

	# importing the same file again adds nothing: idempotent on uid
	run svc-log --db "$db" --policy "$POL/$s.ini" import "$d/events.csv"
	is "$s: re-import status" "$rc" 0
	like "$s: re-import counts" "$err" "import: 0 added, $ne skipped"
	is "$s: events after re-import" \
	    "$(sql "$db" "SELECT count(*) FROM event WHERE kind NOT LIKE 'order.%'")" "$ne"

	# the whole quarter is listed, nothing left out by --period 2026-Q3
	n=$(svc-log --db "$db" list --period 2026-Q3 >q3.csv &&
	    grep -v ',order\.open,' q3.csv >q3-events.csv && records q3-events.csv)
	is "$s: events listed in 2026-Q3" "$n" "$ne"
done

# the 0 in water's account numbers is text, not a number
is "water: account id kept as text" \
    "$(sql water.db "SELECT count(*) FROM customer WHERE id LIKE '0%'")" \
    "$(python3 -c 'import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(sum(r["id"].startswith("0") for r in csv.DictReader(f)))' \
    "$SAMPLE/water/customers.csv")"
# water's two-line note (uid WS-2026-0250) keeps its line break
is "water: multi-line note" \
    "$(sql water.db "SELECT CASE WHEN note LIKE '%
%' THEN 1 ELSE 0 END FROM event WHERE uid='WS-2026-0250'")" 1
# smile's posting-month complaint (October) imports on top of Q3
run svc-log --db smile.db --policy "$POL/smile.ini" import \
    "$SAMPLE/smile/posting-complaints.csv"
is "smile: posting complaint status" "$rc" 0
like "smile: posting complaint count" "$err" \
    "import: $(records "$SAMPLE/smile/posting-complaints.csv") added, 0 skipped"

# kind SCHEME CODE COUNTS_AS POINTS ESCALATION: `svc-log kinds` lists the
# kind with that class, points and escalation (the label is free text).
kind() {
	k=$(svc-log kinds --policy "$POL/$1.ini" 2>&1 |
	    grep -E "^$(printf '%s' "$2" | sed 's/\./\\./g'),")
	like "$1: kind $2" "$k" ",$3,$4,$5\$"
}

# A (smile): the daily assessment is averaged, not added
kind smile assess assessment 0 flat
# A: praise letter / banner / company praise +10; WeChat praise +10
kind smile praise.letter praise 10 flat
kind smile praise.wechat praise 10 flat
# A: group, company, internal and WeChat complaints cost no points, they
# disqualify; so does a monthly department deduction of 15 or more
kind smile complaint.group complaint 0 flat
kind smile complaint.company complaint 0 flat
kind smile complaint.internal complaint 0 flat
kind smile complaint.wechat complaint 0 flat
kind smile deduct.dept deduction 0 flat

# B (warehouse): warehouse operator's sheet
kind warehouse late.operation deduction -5 flat
kind warehouse data.discrepancy deduction -10 flat
kind warehouse site.disorder deduction -10 flat
kind warehouse control.anomaly deduction -10 flat
# B: shelving sheet (data discrepancy is shared, -10 on both sheets)
kind warehouse late.shelving deduction -10 flat
kind warehouse stack.tilted deduction -2 flat
kind warehouse hygiene.poor deduction -5 flat
kind warehouse slot.planning deduction -5 flat
# B: order clerk's sheet (orderentry.late: "order." is reserved)
kind warehouse orderentry.late deduction -5 flat
kind warehouse entry.error deduction -10 flat
kind warehouse picking.error deduction -10 flat
kind warehouse complaint.customer complaint -10 flat
kind warehouse office.untidy deduction -5 flat
# B: revisits by tier and the loading crew's unloading times are recorded
kind warehouse revisit revisit 0 flat
kind warehouse unload operation 0 flat

# C (group): attitude -5 each, quarrel -10 each, verified n x 5
kind group complaint.attitude complaint -5 flat
kind group complaint.quarrel complaint -10 flat
kind group complaint.verified complaint -5 progressive

# D (water): the service record book's visits, calls and letters
kind water contact.visit contact 0 flat
kind water contact.call contact 0 flat
kind water contact.letter contact 0 flat
# D: complaints -5 and entry errors -2 (local figures, sample-data/README)
kind water complaint.customer complaint -5 flat
kind water entry.error deduction -2 flat
# D: revisits and the satisfaction survey
kind water revisit revisit 0 flat

finish
