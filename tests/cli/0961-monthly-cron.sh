#!/bin/sh
# svc-monthly as installed, run the way cron runs it: the README's crontab
# line under env -i with cron's PATH (/usr/bin:/bin, where no svc tool
# is), so it works only with the tools beside it. Everything is checked
# before anything is written: a bad --to, a missing sendmail, a missing
# ledger and svc-log check's errors leave the ledger byte for byte as it
# was; --dry-run prints the mails' recipients and subjects and writes
# nothing.
. "$SRC/tests/cli/lib.sh"
STAGE=$(dirname "$(command -v svc-log)")
JOB=$STAGE/svc-monthly

if env -i PATH=/usr/bin:/bin sh -c 'command -v svc-award' >/dev/null; then
	not_ok "svc-award is on cron's PATH: this test cannot tell"
fi

cp "$SAMPLE/policies/group.ini" .
export SVC_DB=group.db SVC_USER=考核小组
run svc-log init
run svc-log roster "$SAMPLE/group/roster.csv"
run svc-log customers "$SAMPLE/group/customers.csv"
run svc-log --policy group.ini import "$SAMPLE/group/events.csv"
is "group sample imported" "$rc" 0
unset SVC_DB SVC_USER
mkdir mail
cat >sendmail <<'SH'
#!/bin/sh
n=$(ls "$HOME/mail" | wc -l)
cat >"$HOME/mail/$((n + 1)).mail"
SH
chmod +x sendmail

# The sanitizers' settings, under make check, are the harness's, not the
# user's: they go through env -i (one word each; they hold no blank).
san="${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS}"
# cron ARGS...: the README's crontab line, its paths moved into $T, with
# ARGS appended, run as cron runs it: /bin/sh -c under env -i.
line=$(sed -n 's/^0 7 1 \* \* //p' "$SRC/README.md")
like "README: the crontab line" "$line" \
    '^cd /srv/svc && SVC_DB=/srv/svc/svc.db /usr/local/bin/svc-monthly --policy /etc/svc/group.ini --to leader@example.com '
cron() {
	cmd=$(printf '%s\n' "$line" | sed "s|/srv/svc/svc.db|$T/group.db|;
	    s|/srv/svc|$T|; s|/usr/local/bin/|$STAGE/|; s|/etc/svc/|$T/|")
	for a in "$@"; do
		cmd="$cmd '$a'"
	done
	env -i PATH=/usr/bin:/bin HOME="$T" LOGNAME=test $san SHELL=/bin/sh \
	    SENDMAIL="${SENDMAIL:-$T/sendmail}" /bin/sh -c "$cmd" \
	    >"$T/.out" 2>"$T/.err" </dev/null
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}
# unchanged DESC: the ledger is as digested in $before
unchanged() {
	if [ "$(digest group.db)" = "$before" ]; then ok
	else not_ok "$1: the ledger changed"; fi
}

### a typo in --to: refused before anything is written
before=$(digest group.db)
cron --as-of 2026-09-05 --to 'boss@example.com,'
is "--to with a comma: exit status" "$rc" 2
like "--to with a comma: said" "$err" \
    "^svc-monthly: --to: 'boss@example.com,' is not a mail address"
unchanged "--to with a comma"
cron --as-of 2026-09-05 --to 'boss@example..com'
is "--to with two dots: exit status" "$rc" 2
unchanged "--to with two dots"
cron --as-of 2026-09-05 --cc 'boss@example.com
Bcc: x@example.com'
is "--cc with a header in it: exit status" "$rc" 2
unchanged "--cc with a header in it"
is "bad addresses: no mail" "$(ls mail | wc -l)" 0

### no sendmail, no ledger: refused before anything is written
SENDMAIL="$T/nosuch -t" cron --as-of 2026-09-05
is "no sendmail: exit status" "$rc" 1
like "no sendmail: said" "$err" "SENDMAIL: '$T/nosuch' is not an executable"
unchanged "no sendmail"
SENDMAIL=mailx-nosuch cron --as-of 2026-09-05
is "sendmail not on PATH: exit status" "$rc" 1
like "sendmail not on PATH: said" "$err" \
    "SENDMAIL: 'mailx-nosuch' is not found in PATH \(/usr/bin:/bin\)"
cron --as-of 2026-09-05 --db "$T/none.db"
is "no ledger: exit status" "$rc" 1
like "no ledger: said" "$err" "none.db: no ledger \(create it with 'svc-log init'\)"
[ -e none.db ] && not_ok "no ledger: one was made" || ok

cron --as-of 2026-09-05 --period 2026-13
is "bad period: exit status" "$rc" 1
like "bad period: the tool's message" "$err" "^svc-monthly: svc-log: --period: bad period '2026-13'"
like "bad period: nothing written" "$err" \
    'svc-log check failed \(exit 2\); nothing written or mailed$'
unchanged "bad period"

### --dry-run: the steps and the mails, nothing written or sent
cron --as-of 2026-09-05 --dry-run
is "dry run: exit status" "$rc" 0
is "dry run: what it would do" "$(printf '%s\n' "$out" | sed 1d)" \
"would save 20 scores: svc-score --period 2026-08 --save
would save 8 awards: svc-award --period 2026-08 --as-of 2026-09-05 --save
would mail the awards report: Awards posting notice 2026-08 — 集团服务窗口服务质量责任奖罚
  to: leader@example.com
  cc: hr@example.com
would mail the scores report: Scores 2026-08 — 集团服务窗口服务质量责任奖罚
  to: leader@example.com
  cc: hr@example.com
would mail the monthly report: Service analysis 2026-08 — 集团服务窗口服务质量责任奖罚
  to: leader@example.com
  cc: hr@example.com
through: $T/sendmail"
like "dry run: first line" "$out" \
    "^2026-08: a dry run: policy $T/group.ini, ledger $(ledger_re "$T/group.db"), as of 2026-09-05$"
unchanged "dry run"
is "dry run: no mail" "$(ls mail | wc -l)" 0

### the crontab line itself: scores and awards saved, three mails
cron --as-of 2026-09-05
is "cron: exit status" "$rc" 0
like "cron: done" "$err" '^svc-monthly: 2026-08: done$'
is "cron: three mails" "$(ls mail | wc -l)" 3
for f in mail/*.mail; do
	like "cron: $f addressed" "$(sed -n '/^$/q; p' "$f")" \
	    '^To: leader@example.com$'
done
like "cron: the scores mailed" "$(sed -n '/^Subject/p' mail/2.mail)" \
    '^Subject: =\?UTF-8\?B\?U2NvcmVzIDIwMjYtMDg'
is "cron: scores saved" "$(sql group.db "SELECT count(*) FROM score")" 20
is "cron: awards posted, as the dry run said" \
    "$(sql group.db "SELECT count(*) FROM award WHERE period = '2026-08'")" 8

### through a symbolic link (/usr/local/bin/svc-monthly -> /opt/...)
mkdir links
ln -s "$JOB" links/svc-monthly
before=$(digest group.db)
env -i PATH=/usr/bin:/bin HOME="$T" LOGNAME=test $san SENDMAIL="$T/sendmail" \
    links/svc-monthly --db group.db --policy group.ini --to a@example.com \
    --as-of 2026-09-05 --dry-run >job.out 2>job.err
is "symbolic link: exit status" "$?" 0
unchanged "symbolic link"

### svc-log check first: its errors stop the job before anything is
### written. A copy of the install whose svc-log answers check as told.
mkdir fake
# (the tools themselves, where under pg the ones on PATH stand in front of
# them, and so the ledger as they are to be given it)
REAL=${SVC_TEST_BIN:-$STAGE}
for t in svc-score svc-award svc-report svc-monthly; do
	cp "$REAL/$t" fake/
done
cp "$REAL/svc-log" fake/svc-log.real
cat >fake/svc-log <<'SH'
#!/bin/sh
d=$(dirname "$0")
case ${1:-} in
--help) "$d/svc-log.real" --help; echo "       svc-log check" ;;
check) cat "$HOME/check.out"; exit "$(cat "$HOME/check.rc")" ;;
*) exec "$d/svc-log.real" "$@" ;;
esac
SH
chmod +x fake/svc-log
echo "error: roster.csv:4: supervisor: G099 is not in the roster" >check.out
echo 1 >check.rc
before=$(digest group.db)
env -i PATH=/usr/bin:/bin HOME="$T" LOGNAME=test $san SENDMAIL="$T/sendmail" \
    fake/svc-monthly --db "$(ledger_arg group.db)" --policy group.ini --to a@example.com \
    --as-of 2026-09-05 >job.out 2>job.err
is "check errors: exit status" "$?" 1
like "check errors: its finding" "$(cat job.err)" \
    '^svc-monthly: error: roster.csv:4: supervisor: G099 is not in the roster$'
like "check errors: stopped" "$(cat job.err)" \
    'svc-log check found errors \(exit 1\); nothing written or mailed$'
unlike "check errors: no step after it" "$(cat job.err)" 'scoring'
unchanged "check errors"
is "check errors: no mail" "$(ls mail | wc -l)" 3
echo "warning: tier: 80-84 is in no tier" >check.out
echo 0 >check.rc
env -i PATH=/usr/bin:/bin HOME="$T" LOGNAME=test $san SENDMAIL="$T/sendmail" \
    fake/svc-monthly --db "$(ledger_arg group.db)" --policy group.ini --to a@example.com \
    --as-of 2026-09-05 >job.out 2>job.err
is "check warnings: exit status" "$?" 0
like "check warnings: passed on" "$(cat job.err)" \
    '^svc-monthly: warning: tier: 80-84 is in no tier$'
is "check warnings: three more mails" "$(ls mail | wc -l)" 6

finish
