#!/bin/sh
# svc-report awards and staff from the awards saved in the ledger, and the
# pipeline svc-score | svc-award | svc-report awards --format mail.
#
# tests/cli/fixtures/awards-smile.csv (the input of 0900's awards and staff
# golden files) is what svc-award finalize prints for the smile sample
# below; this test regenerates it and fails when it drifts. After a
# deliberate change of svc-award, update it with
#   SVC_GOLDEN=update sh tests/cli/run build/stage/usr/bin 0945
# then regenerate 0900's golden files and read both diffs.
. "$SRC/tests/cli/lib.sh"
G=$SRC/tests/cli/golden/report
FIXTURE=$SRC/tests/cli/fixtures/awards-smile.csv

cp "$SAMPLE/policies/smile.ini" .
export SVC_DB=smile.db SVC_POLICY=smile.ini SVC_USER=考核小组
run svc-log init
run svc-log roster "$SAMPLE/smile/roster.csv"
run svc-log customers "$SAMPLE/smile/customers.csv"
run svc-log import "$SAMPLE/smile/events.csv"
is "smile sample imported" "$rc" 0
MAIL="--to boss@example.com --cc hr@example.com --from svc@example.com"
ASOF=2026-10-01T09:00:00+08:00

### the pipeline, nothing saved: every award proposed, not yet dated
### (smile.ini asks for approval: the posting starts at the approval)
svc-score --period 2026-Q3 | svc-award --as-of 2026-10-01 >proposed.csv
svc-report awards --format text <proposed.csv >proposed.text
svc-score --period 2026-Q3 | svc-award --as-of 2026-10-01 |
    svc-report awards --format mail --as-of "$ASOF" $MAIL >pipe.mail
is "pipeline: exit status" "$?" 0
if python3 - <<'PY'
import email, email.policy
raw = open('pipe.mail', 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
text = open('proposed.text', encoding='utf-8').read()
assert m['From'] == 'svc@example.com', m['From']
assert m['To'] == 'boss@example.com' and m['Cc'] == 'hr@example.com'
assert m['Subject'] == 'Awards posting notice 2026-Q3 — 精准化微笑服务考核评比', \
    m['Subject']
assert m['Date'] == 'Thu, 01 Oct 2026 09:00:00 +0800', m['Date']
assert m.get_content_type() == 'multipart/alternative'
plain, html = m.get_payload()
assert plain.get_content() == text
p = plain.get_content()
# the sample's expected results (sample-data/README.md)
for who in ('P004', 'P001', 'P003', 'P007', 'P005', 'P013', 'P010', 'P014',
            'P011', 'P015', 'P006'):
    assert who in p, who
for who in ('P002', 'P009', 'P012', 'P008'):
    assert who not in p, who
assert 'Posted from' not in p and 'Payable in' not in p, p
assert 'Objections by phone: 6264368.' in p
assert p.count('proposed') == 11, p
for total in ('total of 3                1500', 'total of 4                1200',
              'total of 3                 600'):
    assert total in p, total
h = html.get_content()
assert html.get_content_type() == 'text/html'
assert '<script' not in h.lower() and '张海涛' in h
PY
then ok; else not_ok "pipeline mail: parsed back"; fi

### saved, a complaint in the posting window, finalized: the fixture
run svc-score --period 2026-Q3 --save
run svc-award --period 2026-Q3 --as-of 2026-09-30 --save
is "save" "$rc" 0
run svc-award approve --period 2026-Q3 --as-of 2026-10-01
is "approve" "$rc" 0
svc-report awards --format csv <proposed.csv >proposed.rep
svc-report awards --period 2026-Q3 --format csv >posted.rep
like "saved: posted rows" "$(cat posted.rep)" ',posted$'
is "saved: as proposed, now posted" \
    "$(sed 's/,proposed$/,posted/' proposed.rep)" "$(cat posted.rep)"
run svc-log import "$SAMPLE/smile/posting-complaints.csv"
# posted for one month (张榜公示一个月): through 31 October, the
# complaint of 15 October inside it
run svc-award finalize --period 2026-Q3 --as-of 2026-10-31
refused "finalize on the posting's last day" 1 \
    "--as-of: the posting of 2026-Q3 ends with 2026-10-31: finalize on or after 2026-11-01$"
run svc-award finalize --period 2026-Q3 --as-of 2026-11-01
is "finalize" "$rc" 0
printf '%s\n' "$out" >awards-smile.csv
if [ "${SVC_GOLDEN:-}" = update ]; then
	cp awards-smile.csv "$FIXTURE"
elif cmp -s awards-smile.csv "$FIXTURE"; then
	ok
else
	not_ok "svc-award finalize differs from the fixture:"
	diff -u "$FIXTURE" awards-smile.csv | head -n 20
fi

# From the ledger, the report is the golden one built from the fixture,
# and the statement shows the saved awards as --awards FILE does.
for f in text csv md html mail; do
	set -- --format "$f" --as-of "$ASOF"
	[ "$f" = mail ] && set -- "$@" $MAIL --attach-csv
	svc-report awards --period 2026-Q3 "$@" >awards.$f
	is "awards $f from the ledger: exit status" "$?" 0
	is "awards $f from the ledger = golden" \
	    "$(cmp awards.$f "$G/awards.$f" && echo same)" same
	svc-report staff P005 --period 2026-Q3 "$@" >staff.$f
	is "staff $f from the ledger: exit status" "$?" 0
	is "staff $f from the ledger = golden" \
	    "$(cmp staff.$f "$G/staff.$f" && echo same)" same
done

### paid, then saved again: refused; the paid awards still reported
run svc-award pay --period 2026-Q3 --as-of 2026-12-01
is "pay" "$rc" 0
svc-report awards --period 2026-Q3 --format csv >paid.csv
is "paid: 10 paid rows" "$(grep -c ',paid$' paid.csv)" 10
is "paid: P005 still withdrawn" "$(grep -c 'P005.*,withdrawn$' paid.csv)" 1
run svc-report staff P004 --period 2026-Q3 --format csv
like "staff P004: paid" "$out" 'P004,张海涛,装卸作业部,500,,,paid'

### re-saved before payment: the replaced awards are not shown
rm smile.db
run svc-log init
run svc-log roster "$SAMPLE/smile/roster.csv"
run svc-log customers "$SAMPLE/smile/customers.csv"
run svc-log import "$SAMPLE/smile/events.csv"
run svc-score --period 2026-Q3 --save
run svc-award --period 2026-Q3 --as-of 2026-10-01 --save
run svc-award --period 2026-Q3 --as-of 2026-10-02 --save
is "saved twice" "$rc" 0
run svc-award approve --period 2026-Q3 --as-of 2026-10-02
is "approved" "$rc" 0
is "replaced awards kept" \
    "$(svc-award list --status replaced | grep -c ',replaced,')" 11
run svc-report awards --period 2026-Q3 --format csv
is "re-saved: 11 rows + totals, none replaced" \
    "$(printf '%s\n' "$out" | grep -c ',posted$')" 11
unlike "re-saved: no replaced row" "$out" replaced
run svc-report awards --period 2026-Q3 --format text
like "re-saved: window" "$out" 'Posted from 2026-10-02 through 2026-11-01\.'

### nothing saved for a period; usage
run svc-report awards --period 2026-Q2
is "no awards: exit status" "$rc" 0
like "no awards: said" "$out" 'No awards\.'
like "no awards: the period in the title" "$out" '^Awards posting notice 2026-Q2'
run svc-report awards --period 2026-Q3 proposed.csv
refused "a CSV and --period" 2 'a CSV carries its period'
run env -u SVC_POLICY svc-report awards --period 2026-Q3
refused "from the ledger without a policy" 2 'no policy'
run svc-report awards --period 2026-Q3 --db missing.db
refused "no ledger" 1 'missing\.db'

finish
