#!/bin/sh
# svc-monthly's default --as-of is today in the policy's timezone: on
# a UTC server (cron's zone) at 07:00 on 1 October in Shanghai, the job
# closes September, not August. date(1) is replaced by one that answers by
# TZ, as the real one would at 2026-09-30T23:00:00Z.
. "$SRC/tests/cli/lib.sh"
JOB=$(command -v svc-monthly)

cp "$SAMPLE/policies/group.ini" .
export SVC_DB=group.db SVC_USER=考核小组
svc-log init 2>/dev/null
svc-log roster "$SAMPLE/group/roster.csv" 2>/dev/null
svc-log --policy group.ini import "$SAMPLE/group/events.csv" 2>/dev/null
mkdir bin mail
cat >bin/date <<'SH'
#!/bin/sh
[ "$1" = +%Y-%m-%d ] || exit 1
case ${TZ:-} in
Asia/Shanghai) echo 2026-10-01 ;;
*) echo 2026-09-30 ;;
esac
SH
chmod +x bin/date
printf '#!/bin/sh\nn=$(ls mail | wc -l)\ncat >mail/$((n + 1)).mail\n' >sendmail
chmod +x sendmail
export SENDMAIL=$T/sendmail
run env TZ=UTC PATH="$T/bin:$PATH" sh "$JOB" --policy group.ini \
    --to boss@example.com
is "job: exit status" "$rc" 0
like "September, as of 1 October in Shanghai" "$err" \
    "^svc-monthly: 2026-09: policy group.ini, ledger $(ledger_re group.db), as of 2026-10-01\$"
is "three mails" "$(ls mail | wc -l)" 3
# a policy naming no zone: TZ's today
sed '/^timezone/d' group.ini >nozone.ini
run env TZ=UTC PATH="$T/bin:$PATH" sh "$JOB" --policy nozone.ini \
    --to boss@example.com
like "no zone: TZ's today" "$err" "svc-monthly: 2026-08: policy nozone.ini, ledger $(ledger_re group.db), as of 2026-09-30"

finish
