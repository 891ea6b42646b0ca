#!/bin/sh
# svc-monthly, the documented monthly job as installed, on the group
# sample: run twice (the second run replaces the unpaid awards and mails
# again), the mails parsed back; a policy without award rules and a
# failing sendmail stop it with a non-zero status; a paid period is
# refused before any step, and so is an earlier month whose saving would
# change a paid one.
. "$SRC/tests/cli/lib.sh"
JOB=$(command -v svc-monthly)

cp "$SAMPLE/policies/group.ini" .
export SVC_DB=group.db SVC_USER=考核小组
run svc-log init
run svc-log roster "$SAMPLE/group/roster.csv"
run svc-log customers "$SAMPLE/group/customers.csv"
run svc-log --policy group.ini import "$SAMPLE/group/events.csv"
is "group sample imported" "$rc" 0

# Each message goes to mail/N.mail, numbered in the order sent.
mkdir mail
cat >sendmail <<'SH'
#!/bin/sh
n=$(ls mail | wc -l)
cat >mail/$((n + 1)).mail
SH
chmod +x sendmail
export SENDMAIL=$T/sendmail
# job ARGS...: the job for the month before 2026-09-05 (2026-08).
job() {
	sh "$JOB" --policy group.ini --to boss@example.com \
	    --cc "o'neil@example.com" --from svc@example.com \
	    --as-of 2026-09-05 "$@" >job.out 2>job.err
	rc=$?
	out=$(cat job.out)
	err=$(cat job.err)
}
# mails FIRST: the three mails from FIRST on parse, are addressed, carry
# the awards notice, the scores and the analysis of 2026-08, and the
# notice's text part is the one svc-report prints now.
mails() {
	svc-report awards --policy group.ini --period 2026-08 \
	    --as-of 2026-09-05 >awards.text
	python3 - "$1" <<'PY'
import email, email.policy, sys
first = int(sys.argv[1])
subjects = ['Awards posting notice 2026-08 — 集团服务窗口服务质量责任奖罚',
            'Scores 2026-08 — 集团服务窗口服务质量责任奖罚',
            'Service analysis 2026-08 — 集团服务窗口服务质量责任奖罚']
for i, subject in enumerate(subjects):
    raw = open('mail/%d.mail' % (first + i), 'rb').read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert m['From'] == 'svc@example.com', m['From']
    assert m['To'] == 'boss@example.com', m['To']
    assert m['Cc'] == "o'neil@example.com", m['Cc']
    assert m['Subject'] == subject, (m['Subject'], subject)
    assert m['Date'] == 'Sat, 05 Sep 2026 23:59:59 +0800', m['Date']
    assert m.get_content_type() == 'multipart/alternative'
    plain, html = m.get_payload()
    assert plain.get_content().startswith(subject + '\n')
    assert html.get_content_type() == 'text/html'
    assert '<script' not in html.get_content().lower()
    if i == 0:
        assert plain.get_content() == open('awards.text').read()
        # group.ini has no posting: no empty window in the notice
        assert 'Posted from' not in plain.get_content()
        assert 'withdrawn during the posting' not in plain.get_content()
        assert '张榜公布' in plain.get_content()
PY
}

### the first run: scores and awards saved, three mails
job
is "first run: exit status" "$rc" 0
is "first run: stdout" "$out" ""
like "first run: logs each step" "$err" 'svc-monthly: 2026-08: deciding, saving the awards as posted'
like "first run: done" "$err" 'svc-monthly: 2026-08: done$'
is "first run: three mails" "$(ls mail | wc -l)" 3
if mails 1; then ok; else not_ok "first run: mails parsed back"; fi
posted=$(svc-award --policy group.ini list --period 2026-08 --status posted |
    tail -n +2 | wc -l)
like "first run: awards posted" "$posted" '^[1-9][0-9]*$'
is "first run: scores saved" \
    "$(sql group.db "SELECT CAST(count(*) > 0 AS INTEGER) FROM score")" 1

### the second run replaces the unpaid awards and mails again
job
is "second run: exit status" "$rc" 0
is "second run: three more mails" "$(ls mail | wc -l)" 6
if mails 4; then ok; else not_ok "second run: mails parsed back"; fi
is "second run: the first awards replaced" \
    "$(svc-award --policy group.ini list --period 2026-08 --status replaced |
    tail -n +2 | wc -l)" "$posted"
is "second run: as many posted" \
    "$(svc-award --policy group.ini list --period 2026-08 --status posted |
    tail -n +2 | wc -l)" "$posted"

### --attach-xlsx: each mail carries its report as a workbook as well,
### which a spreadsheet reader opens
job --attach-xlsx
is "--attach-xlsx: exit status" "$rc" 0
is "--attach-xlsx: three more mails" "$(ls mail | wc -l)" 9
is "--attach-xlsx: workbooks read back" "$(/usr/bin/python3 - <<'PY' 2>&1
import email, email.policy, io, openpyxl
for n, sheet in ((7, 'awards'), (8, 'scores'), (9, 'monthly')):
    m = email.message_from_bytes(open('mail/%d.mail' % n, 'rb').read(),
                                 policy=email.policy.default)
    parts = [p for p in m.iter_attachments()
             if p.get_content_type() == 'application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.sheet']
    assert len(parts) == 1, (n, m.get_content_type())
    wb = openpyxl.load_workbook(io.BytesIO(parts[0].get_content()))
    assert wb.active['A1'].value, (n, wb.sheetnames)
PY
)" ""
sh "$JOB" --policy group.ini --to a@example.com --attach-xlsx --attach-csv \
    >job.out 2>job.err
is "two attachments: exit status" "$?" 2
like "two attachments: said" "$(cat job.err)" 'a mail carries one attachment'

### a typo in an address is found before anything is written (svc-report
### would refuse it too, but only after the scores and awards were saved)
before=$(digest group.db)
job --to 'boss@example,com'
is "--to typo: exit status" "$rc" 2
like "--to typo: said" "$err" \
    "^svc-monthly: --to: 'boss@example,com' is not a mail address"
if [ "$(digest group.db)" = "$before" ]; then ok
else not_ok "--to typo: the ledger changed"; fi
is "--to typo: no mail" "$(ls mail | wc -l)" 9

### a policy without award rules: svc-score works, svc-award cannot, and
### that is found before anything is saved
awk '/^\[/ { skip = $0 ~ /^\[(star|worst|tier)\./ } !skip' group.ini \
    >norules.ini
before=$(digest group.db)
sh "$JOB" --policy norules.ini --to boss@example.com --as-of 2026-09-05 \
    >job.out 2>job.err
is "no award rules: exit status" "$?" 1
like "no award rules: svc-award's message" "$(cat job.err)" \
    '^svc-award: .*no tier, star or worst rule'
like "no award rules: stopped there" "$(cat job.err)" \
    'deciding the awards \(nothing saved yet\) failed \(exit 1\); nothing written or mailed'
unlike "no award rules: no report built" "$(cat job.err)" 'building'
unlike "no award rules: nothing saved" "$(cat job.err)" 'saving'
if [ "$(digest group.db)" = "$before" ]; then ok
else not_ok "no award rules: the ledger changed"; fi
is "no award rules: no mail" "$(ls mail | wc -l)" 9
# a policy that does not load stops the first step
printf '[policy\nname = broken\n' >broken.ini
sh "$JOB" --policy broken.ini --to boss@example.com --as-of 2026-09-05 \
    >job.out 2>job.err
is "broken policy: exit status" "$?" 1
like "broken policy: stopped at the first step" "$(cat job.err)" \
    'svc-log check found errors \(exit 1\); nothing written or mailed$'
is "broken policy: no mail" "$(ls mail | wc -l)" 9
# sendmail failing is a failure of the job
printf '#!/bin/sh\ncat >/dev/null; exit 75\n' >fails
chmod +x fails
SENDMAIL=$T/fails job
is "sendmail fails: exit status" "$rc" 1
like "sendmail fails: said" "$err" \
    'sending the awards report failed \(exit 75\)'

### paid: the period is refused before any step
run svc-award --policy group.ini finalize --period 2026-08 --as-of 2026-12-01
is "finalize" "$rc" 0
run svc-award --policy group.ini pay --period 2026-08 --as-of 2026-12-02
is "pay" "$rc" 0
before=$(sql group.db "SELECT count(*) FROM score")
job
is "paid: exit status" "$rc" 1
like "paid: clear message" "$err" \
    'svc-monthly: 2026-08: awards already paid .*not scored, saved or mailed again'
unlike "paid: no step after the check" "$err" 'scoring'
is "paid: no mail" "$(ls mail | wc -l)" 9
is "paid: scores untouched" "$(sql group.db "SELECT count(*) FROM score")" \
    "$before"

### another month with --period: July, saved after August was paid,
### would change August's consecutive stars: refused, nothing mailed
job --period 2026-07
is "--period 2026-07: exit status" "$rc" 1
like "--period 2026-07: names the paid month" "$err" \
    '^svc-award: period: 2026-08 is paid: saving 2026-07 again would change it \(G004 star '
like "--period 2026-07: stopped there" "$err" \
    'svc-monthly: 2026-07: deciding, saving the awards as posted failed \(exit 1\); nothing mailed'
is "--period 2026-07: no mail" "$(ls mail | wc -l)" 9
is "--period 2026-07: no awards saved" \
    "$(sql group.db "SELECT count(*) FROM award WHERE period = '2026-07'")" 0
sh "$JOB" --policy group.ini >job.out 2>job.err
is "no recipient: exit status" "$?" 2
like "no recipient: said" "$(cat job.err)" 'no recipient'
sh "$JOB" --policy group.ini --to a@example.com --as-of 5.9.2026 \
    >job.out 2>job.err
is "bad --as-of: exit status" "$?" 2
sh "$JOB" --policy group.ini --to a@example.com --bogus x \
    >job.out 2>job.err
is "unknown option: exit status" "$?" 2
like "unknown option: usage on stderr" "$(cat job.err)" '^usage: svc-monthly '
run "$JOB" --help
is "--help: exit status" "$rc" 0
like "--help: usage on stdout" "$out" '^usage: svc-monthly --policy FILE'
is "--help: nothing on stderr" "$err" ""

finish
