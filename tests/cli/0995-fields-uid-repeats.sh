#!/bin/sh
# A uid given twice is the same event only if the fields are the same
# too: a dry run says what the import will do, so two rows of one uid
# whose fields differ are an error there as in the import, not one event
# "already in the ledger". The visitor register (seeds/003: 外来人员登记并
# 测量体温), temperature 34.0-43.0.
. "$SRC/tests/cli/lib.sh"
mini_ledger
cat > f.ini <<'INI'
[policy]
name = fields
timezone = Asia/Shanghai
[kind.visitor]
field.visitor = text required
field.temperature = number 34.0..43.0 required
INI
export SVC_POLICY=$PWD/f.ini

cat > two.csv <<'CSV'
ts,staff,kind,uid,visitor,temperature
2026-11-16T09:03:00+08:00,G003,visitor,V1,刘洋,37.3
2026-11-16T09:03:00+08:00,G003,visitor,V1,刘洋,36.8
CSV
run svc-log import --dry-run two.csv
is "dry run: fields differ under one uid: exit" "$rc" 1
like "dry run: the line named" "$err" "two.csv:3: uid: line 2 has the same uid with other content"
run svc-log import two.csv
is "import: refused too" "$rc" 1
is "import: nothing written" "$(count)" 0
# the same fields, written two ways, are the same event
cat > same.csv <<'CSV'
ts,staff,kind,uid,visitor,temperature
2026-11-16T09:03:00+08:00,G003,visitor,V1,刘洋,37.3
2026-11-16T09:03:00+08:00,G003,visitor,V1,刘洋,37.30
CSV
run svc-log import --dry-run same.csv
is "dry run: same fields: exit" "$rc" 0
like "dry run: one event, one known" "$out" "2 rows read, 1 events would be stored, 1 already in the ledger, 0 errors"

# A time field is the same instant in any offset (svc-log(1) import), so
# a file imported again is skipped whatever TZ the second run has, when
# the policy names no timezone and TZ gives the canonical form's offset.
grep -v '^timezone' f.ini >notz.ini
printf '%s\n' 'field.left = time' >>notz.ini
cat > left.csv <<'CSV'
ts,staff,kind,uid,visitor,temperature,left
2026-11-16T09:03:00+08:00,G003,visitor,L1,刘洋,37.3,2026-11-16T09:30:00+08:00
CSV
run env TZ=UTC svc-log --policy notz.ini import left.csv
is "left: imported" "$rc" 0
run env TZ=Asia/Shanghai svc-log --policy notz.ini import left.csv
is "left: again under another TZ: exit" "$rc" 0
like "left: again: skipped" "$err" "0 added, 1 skipped"
run env TZ=Asia/Shanghai svc-log --policy notz.ini add visitor G003 uid=L1 ts=2026-11-16T09:03:00+08:00 visitor=刘洋 temperature=37.3 left=2026-11-16T01:30:00Z
is "left: add again: exit" "$rc" 0
like "left: add again: skipped" "$err" "already in the ledger: skipped"
run env TZ=Asia/Shanghai svc-log --policy notz.ini add visitor G003 uid=L1 ts=2026-11-16T09:03:00+08:00 visitor=刘洋 temperature=37.3 left=2026-11-16T09:31:00+08:00
is "left: another instant: refused" "$rc" 1
like "left: another instant: named" "$err" "uid: already stored as event 1 with a different fields"
finish
