#!/bin/sh
# Scheme A's approval before posting (seeds/000, 三/9.9: departments
# nominate, the assessment group 核准, then the list is posted for a month):
# with [posting] approval = yes, svc-award --save keeps the awards
# proposed, without dates; objections, finalize and pay wait; approve
# posts them from its as-of date (one transaction, the awards written
# before the commit); saving again replaces proposed awards. A policy
# without approval posts at once and has nothing to approve. A ledger of
# schema 5 takes the new status after its migration.
. "$SRC/tests/cli/lib.sh"

P=$SAMPLE/policies/smile.ini
export SVC_DB=s.db SVC_POLICY=$P SVC_USER=考核小组
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/smile/roster.csv" 2>/dev/null
svc-log customers "$SAMPLE/smile/customers.csv" 2>/dev/null
svc-log import "$SAMPLE/smile/events.csv" 2>/dev/null
svc-score --period 2026-Q3 --save >/dev/null

# statuses: "status count" of what stands, one a line
statuses() {
	svc-award list | tail -n +2 | awk -F, '{ n[$14]++ } END { for (s in n) print s, n[s] }' | sort
}

### the departments' list, saved on 10-05: proposed, no posting yet
run svc-award --period 2026-Q3 --as-of 2026-10-05 --save
is "save" "$rc" 0
like "saved as proposed, undated" "$out" "^2026-Q3,P004,[^,]*,[^,]*,最佳微笑奖,500,,1,,,,,proposed,tier,"
is "nothing posted" "$(printf '%s\n' "$out" | grep -c ',posted,')" 0
is "list: proposed" "$(statuses)" "proposed 11"
is "list --status proposed" "$(svc-award list --status proposed | tail -n +2 | wc -l)" 11
id=$(svc-award list | awk -F, '$3 == "P004" { print $1 }')
run svc-award object "$id" --reason "分数有误" --as-of 2026-10-06
refused "no objection before the posting" 1 "award $id is proposed: objections are taken while it is posted"
run svc-award finalize --period 2026-Q3 --as-of 2026-12-01
refused "finalize before approval" 1 "--period: 2026-Q3: 11 awards are not approved yet: svc-award approve --period 2026-Q3"
run svc-award pay --period 2026-Q3 --as-of 2026-12-01
refused "pay before approval" 1 "--period: 2026-Q3: 11 awards are not approved yet: svc-award approve --period 2026-Q3"

### saving again before the approval replaces the proposal
run svc-award --period 2026-Q3 --as-of 2026-10-06 --save
is "save again" "$rc" 0
is "save again: proposed" "$(statuses)" "proposed 11"
is "save again: replaced" "$(svc-award list --status replaced | tail -n +2 | wc -l)" 11

### approval on 10-08: the month's posting starts that day; P001's
### complaint on 10-07 is before it, P003's on 10-09 inside it
svc-log add complaint.company P001 ts=2026-10-07T10:00:00+08:00 >/dev/null 2>&1
svc-log add complaint.company P003 ts=2026-10-09T10:00:00+08:00 >/dev/null 2>&1
before=$(sql s.db 'SELECT count(*) FROM award_status')
svc-award approve --period 2026-Q3 --as-of 2026-10-08 >/dev/full 2>full.err
is "approve > /dev/full: status" "$?" 1
like "approve > /dev/full: said" "$(cat full.err)" 'write error on standard output, nothing stored'
is "approve > /dev/full: nothing changed" "$(sql s.db 'SELECT count(*) FROM award_status')" "$before"
is "approve > /dev/full: still proposed" "$(statuses)" "proposed 11"
is "approve > /dev/full: still undated" "$(sql s.db "SELECT count(*) FROM award WHERE posted_from <> ''")" 0
run svc-award approve --period 2026-Q3 --as-of 2026-10-08
is "approve" "$rc" 0
is "approve: said" "$err" "svc-award: 2026-Q3: 11 posted"
like "approve: the period's awards" "$out" "^id,period,staff,"
like "approve: dated from the approval" "$out" ",P004,.*,2026-10-08,2026-11-08,2026-12,posted,tier,"
is "approve: every one" "$(printf '%s\n' "$out" | grep -c ',2026-10-08,2026-11-08,2026-12,posted,')" 11
is "approve: list" "$(statuses)" "posted 11"
run svc-award list --history --period 2026-Q3
like "history: proposed by the clerk" "$out" ",P004,.*,proposed,tier,.*,2026-10-06,考核小组,$"
like "history: approved" "$out" ",P004,.*,posted,tier,.*,2026-10-08,考核小组,approved for posting$"
run svc-award approve --period 2026-Q3 --as-of 2026-10-09
refused "approve twice" 1 "--period: 2026-Q3: nothing proposed to approve \(approved already\)"
run svc-award approve --period 2026-Q2 --as-of 2026-10-09
refused "approve nothing saved" 1 "--period: 2026-Q2: no saved awards of policy '精准化微笑服务考核评比'"

### then the posting as before: objections, finalize after it, pay
id=$(svc-award list | awk -F, '$3 == "P004" { print $1 }')
run svc-award object "$id" --reason "分数有误" --as-of 2026-10-10
is "object while posted" "$rc $out" "0 1"
run svc-award finalize --period 2026-Q3 --as-of 2026-11-07
refused "finalize during the posting" 1 "the posting of 2026-Q3 ends with 2026-11-07: finalize on or after 2026-11-08"
run svc-award finalize --period 2026-Q3 --as-of 2026-11-08
is "finalize" "$rc" 0
like "finalize: counts" "$err" "2026-Q3: 10 approved, 1 withdrawn"
like "complaint before the approval: kept" "$out" ",P001,.*,approved,tier,"
like "complaint in the posting: withdrawn" "$out" ",P003,.*,withdrawn,tier,"
run svc-award pay --period 2026-Q3 --as-of 2026-12-01
is "pay" "$rc" 0

### usage
run svc-award approve --as-of 2026-10-08
refused "approve needs --period" 2 "approve needs --period P"
run env -u SVC_POLICY svc-award approve --period 2026-Q3
refused "approve needs a policy" 2 "no policy"
run svc-award list --status proposd
refused "status names" 2 "--status: 'proposd' is not proposed, posted, approved, withdrawn, paid or replaced"
run svc-award --help
like "help: approve" "$out" "svc-award approve --period P"

### a policy without approval: posted at once, nothing to approve
sed '/^approval/d' "$P" >noappr.ini
svc-log --db n.db init 2>/dev/null
svc-log --db n.db roster "$SAMPLE/smile/roster.csv" 2>/dev/null
svc-score --period 2026-Q3 | sed 's/^2026-Q3,/2026-Q4,/' >q4.csv
run svc-award --db n.db --policy noappr.ini --as-of 2027-01-05 --save q4.csv
is "no approval: posted" "$(printf '%s\n' "$out" | grep -c ',2027-01-05,2027-02-05,2027-03,posted,')" 11
run svc-award --db n.db --policy noappr.ini approve --period 2026-Q4 --as-of 2027-01-06
refused "no approval: nothing to approve" 1 "2026-Q4: nothing proposed to approve \(the policy asks for no approval: saved awards are posted\)"

### a ledger of schema 5 (made at 4, as the fixture, then opened by an
### svc of schema 5 is what 0230 checks): its award statuses are kept
sqlite_only "a SQLite ledger of schema 4 migrated"
load_sql() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$1" <"$2"
	else
		python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2], encoding="utf-8").read())' "$1" "$2"
	fi
}
load_sql old.db "$SRC/tests/cli/fixtures/ledger-v4.sql"
staff=$(sql old.db 'SELECT id FROM staff ORDER BY id LIMIT 1')
sql old.db "INSERT INTO award VALUES (7, '2026-07', 'p', 'h', '$staff', 'n', 'd', 'star', 's', 500, '', 1, 1, '', 'r', '2026-08-01', '2026-08-01', '2026-09', 'x'); INSERT INTO award_status VALUES (3, 7, 'posted', '2026-08-01', 'c', 'x', ''), (4, 7, 'approved', '2026-08-02', 'c', 'x', 'ok')"
run env -u SVC_POLICY svc-award --db old.db list --history
is "migrated: status" "$rc" 0
is "migrated: schema" "$(sql old.db 'PRAGMA user_version')" 11
is "migrated: statuses kept" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,14,18,20)" \
"7,posted,2026-08-01,
7,approved,2026-08-02,ok"
is "migrated: ids kept" "$(sql old.db 'SELECT group_concat(id) FROM award_status')" "3,4"
sql old.db "INSERT INTO award_status VALUES (5, 7, 'proposed', '2026-08-03', 'c', 'x', '')"
is "migrated: proposed allowed" "$(sql old.db 'SELECT status FROM award_status WHERE id = 5')" proposed
is "migrated: index" "$(sql old.db "SELECT name FROM sqlite_schema WHERE tbl_name = 'award_status' AND type = 'index'")" award_status_award

finish
