#!/bin/sh
# svc-log add: one event, validated against roster, customers and policy.
. "$SRC/tests/cli/lib.sh"
mini_ledger
# events are written under a policy: here $SVC_POLICY's, unless --policy
export SVC_POLICY="$P"

# add prints the new id; ts given with an offset is kept as that instant
run svc-log --policy "$P" add complaint.attitude G003 ts=2026-10-15T09:30:00+08:00 customer=C001 channel=phone "note=客户反映装车等待过长"
is "add status" "$rc" 0
is "add id" "$out" 1
is "stored instant" "$(sql svc.db 'SELECT t FROM event WHERE id=1')" 1792027800
is "listed ts" "$(svc-log list | awk -F, '$1 == 1 { print $2 }')" 2026-10-15T09:30:00+08:00
is "listed ts in UTC" "$(TZ=UTC svc-log list | awk -F, '$1 == 1 { print $2 }')" 2026-10-15T01:30:00+00:00
is "dept defaults to staff's" "$(sql svc.db 'SELECT dept FROM event WHERE id=1')" 销售管理中心
is "logged_by" "$(sql svc.db 'SELECT b.logged_by FROM event e JOIN batch b ON b.id = e.batch WHERE e.id=1')" "$(id -un)"

# ts defaults to now
run svc-log add praise.letter G004
is "default ts status" "$rc" 0
like "default ts is today" "$(svc-log list | awk -F, '$1 == 2 { print $2 }')" "^$(date +%Y-%m-%d)T"

# SVC_USER names the clerk
SVC_USER=clerk7 run svc-log add praise.letter G004
is "SVC_USER" "$(sql svc.db "SELECT b.logged_by FROM event e JOIN batch b ON b.id = e.batch WHERE e.id=$out")" clerk7

# unknown staff: exit 1, the field named, nothing written
n=$(count)
run svc-log add praise.letter G999
refused "unknown staff" 1 "^svc-log: staff: unknown staff 'G999'"
is "unknown staff wrote nothing" "$(count)" "$n"

# bad timestamps: impossible date, garbage
run svc-log add praise.letter G003 ts=2026-02-30T10:00
refused "impossible date" 1 "^svc-log: ts: .*2026-02-30"
run svc-log add praise.letter G003 ts=yesterdayish
refused "garbage ts" 1 "^svc-log: ts: "
is "bad ts wrote nothing" "$(count)" "$n"

# the kind must be defined in the policy, and well formed
run svc-log --policy "$P" add complaint.rude G003
refused "unknown kind" 1 "kind: unknown kind 'complaint.rude'"
run svc-log add "Bad Kind" G003
refused "malformed kind" 1 "kind: bad kind 'Bad Kind'"
# without a policy nothing is written: any kind would be stored, and its
# period would then fail to score
n=$(count)
like "events counted" "$n" '^[0-9]+$'
run env -u SVC_POLICY svc-log add praise.letter G003
refused "no policy" 2 "^svc-log: add: no policy \(use --policy or set SVC_POLICY\)"
is "no policy wrote nothing" "$(count)" "$n"
# reserved kinds are svc's own
run svc-log add void G003
refused "reserved kind" 1 "kind: kind 'void' is reserved"

# values follow the kind's rule
run svc-log --policy "$P" add assess G003
refused "value required" 1 "value: "
run svc-log --policy "$P" add assess G003 value=101
refused "value above max" 1 "value: .*101"
run svc-log --policy "$P" add assess G003 value=abc
refused "value not a number" 1 "value: .*abc"
run svc-log --policy "$P" add assess G003 value=92.5
is "value ok" "$rc" 0
is "value stored" "$(sql svc.db "SELECT value FROM event WHERE id=$out")" 92.5
SVC_POLICY=$P run svc-log add assess G003 value=-1
refused "SVC_POLICY applies" 1 "value: "

# customers must exist; channels are codes
run svc-log add praise.letter G003 customer=C404
refused "unknown customer" 1 "customer: unknown customer 'C404'"
run svc-log add praise.letter G003 channel=微信
refused "bad channel" 1 "channel: bad channel"

# a malformed field argument is usage (2)
run svc-log add praise.letter G003 colour=red
refused "unknown field" 2 "bad field 'colour=red'"
run svc-log add praise.letter G003 justtext
refused "field without =" 2 "bad field 'justtext'"

# a note that looks like SQL is stored verbatim
run svc-log add praise.letter G003 "note=x'); DROP TABLE event; --"
is "sql-looking note status" "$rc" 0
is "sql-looking note verbatim" "$(sql svc.db "SELECT note FROM event WHERE id=$out")" "x'); DROP TABLE event; --"

# a repeated uid with the same content is a no-op, said on stderr (the
# time is given: "now" a second later would be other content)
run svc-log add praise.letter G003 uid=EXT-1 ts=2026-10-15T10:00:00+08:00
id1=$out
run svc-log add praise.letter G003 uid=EXT-1 ts=2026-10-15T10:00:00+08:00
is "repeat uid status" "$rc" 0
is "repeat uid no id" "$out" ""
like "repeat uid said" "$err" "already in the ledger"
is "repeat uid one row" "$(sql svc.db "SELECT count(*) FROM event WHERE uid='EXT-1'")" 1

# each add is its own batch
is "batches" "$(sql svc.db "SELECT count(DISTINCT batch) FROM event")" "$(count)"

finish
