#!/bin/sh
# svc-report: every kind in every format on the sample data, compared byte
# for byte with tests/cli/golden/report/KIND.FORMAT. After a deliberate
# change of a report, regenerate with
#   SVC_GOLDEN=update sh tests/cli/run build/stage/usr/bin 0900
# and read the diff (git diff tests/cli/golden) before committing it.
. "$SRC/tests/cli/lib.sh"
G=$SRC/tests/cli/golden/report

load_sample water
load_sample smile
export SVC_DB=water.db
AWARDS=$SRC/tests/cli/fixtures/awards-smile.csv
MAIL="--to boss@example.com --cc hr@example.com --from svc@example.com"
ASOF=2026-10-01T09:00:00+08:00

# report KIND FORMAT [OPTION]: the command behind golden KIND.FORMAT,
# output in KIND.FORMAT here (KIND.FORMAT.OPTION with an option such as
# --excel, which has no golden file).
report() {
	k=$1 f=$2 x=${3:-}
	set -- --format "$f" --as-of "$ASOF" $x
	[ "$f" = mail ] && set -- "$@" $MAIL --attach-csv
	case $k in
	scores) svc-report scores --policy water.ini --period 2026-08 "$@" ;;
	awards) svc-report awards --policy smile.ini "$@" <"$AWARDS" ;;
	staff) svc-report staff P005 --db smile.db --policy smile.ini \
	    --period 2026-Q3 --awards "$AWARDS" "$@" ;;
	monthly) svc-report monthly --policy water.ini --period 2026-08 "$@" ;;
	esac >"$k.$f$x" 2>"$k.$f.err"
	echo $?
}

for k in scores awards staff monthly; do
	for f in text csv md html mail; do
		is "$k $f: exit status" "$(report $k $f)" 0
		is "$k $f: stderr" "$(cat "$k.$f.err")" ""
		if [ "${SVC_GOLDEN:-}" = update ]; then
			cp "$k.$f" "$G/$k.$f"
		elif cmp -s "$k.$f" "$G/$k.$f"; then
			ok
		else
			not_ok "$k $f differs from the golden file:"
			diff -u "$G/$k.$f" "$k.$f" | head -n 40
		fi
	done
	# the mail carries exactly the text and HTML reports and the CSV in
	# its --excel form
	is "$k csv --excel: exit status" "$(report $k csv --excel)" 0
	if python3 - "$k" <<'PY'
import email, email.policy, sys
k = sys.argv[1]
raw = open(k + '.mail', 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
text = open(k + '.text', encoding='utf-8').read()
assert m['From'] == 'svc@example.com', m['From']
assert m['To'] == 'boss@example.com' and m['Cc'] == 'hr@example.com'
assert m['Subject'] == text.split('\n')[0], m['Subject']
assert m['Date'] == 'Thu, 01 Oct 2026 09:00:00 +0800', m['Date']
assert m['Message-ID'].endswith('@example.com>'), m['Message-ID']
assert m['MIME-Version'] == '1.0'
assert m.get_content_type() == 'multipart/mixed'
alt = m.get_payload()[0]
assert alt.get_content_type() == 'multipart/alternative'
plain, html = alt.get_payload()
assert plain.get_content_type() == 'text/plain'
assert plain.get_content() == text
assert html.get_content_type() == 'text/html'
assert html.get_content() == open(k + '.html', encoding='utf-8').read()
att = m.get_payload()[1]
assert att.get_filename() == k + '.csv'
assert att.get_payload(decode=True) == open(k + '.csv--excel', 'rb').read()
assert att.get_payload(decode=True).startswith(b'\xef\xbb\xbf')
assert max(len(l) for l in raw.split(b'\n')) <= 76
assert all(b < 128 for b in raw), 'the message is not 7-bit'
PY
	then ok; else not_ok "$k mail: parsed back"; fi
	unlike "$k html: no script" "$(cat "$k.html")" '<[sS][cC][rR][iI][pP][tT]'
done

# The pipeline reads what svc-score writes and reports the same.
svc-score --policy water.ini --period 2026-08 | svc-report scores \
    --policy water.ini >piped.text
is "scores from svc-score's CSV = from the ledger" \
    "$(cmp piped.text scores.text && echo same)" same

finish
