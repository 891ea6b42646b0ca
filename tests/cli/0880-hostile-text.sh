#!/bin/sh
# Text a ledger may already hold (stored before entry refused it, or by
# another program) is shown to people as text: control characters as
# visible escapes (\x1b) in text, md, html, mail and messages, and on a
# terminal even in CSV; Markdown markup and HTML in a name show as the
# characters they are. CSV to a file or pipe stays byte for byte.
. "$SRC/tests/cli/lib.sh"
F=$SRC/tests/cli/fixtures
P=$F/mini.ini
HOME=$T
export HOME
svc-log init 2>/dev/null
svc-log roster "$F/roster.csv" 2>/dev/null
svc-log customers "$F/customers.csv" 2>/dev/null
svc-log --policy "$P" add praise.letter G003 ts=2026-10-06T08:00:00+08:00 \
    note=n >/dev/null 2>&1
ESC=$(printf '\033')
CR=$(printf '\r')
# written past svc's checks, as an older ledger may hold it (the control
# characters as they are in the SQL: char() is SQLite's, chr() PostgreSQL's)
sql svc.db "UPDATE staff SET name = 'x
\`\`\`
<script>alert(1)</script> ![i](http://e/i.png) [l](http://e/) a|b **B**$ESC[31m'
    WHERE id = 'G003';
    UPDATE event SET note = 'n$ESC[2J${CR}m'"
raw() { grep -c "[$ESC$CR]" "$1"; }
R="--period 2026-10 --policy $P"

# text, md and html: escapes, never the raw characters
for f in text md html; do
	svc-report scores $R --format $f --width 400 >s.$f 2>err
	is "scores $f: status" "$?" 0
	is "scores $f: no raw control characters" "$(raw s.$f)" 0
	like "scores $f: shown as \\x1b" "$(cat s.$f)" 'x1b\\?\[31m'
	svc-report staff G003 $R --format $f >st.$f 2>err
	is "staff $f: status" "$?" 0
	is "staff $f: no raw control characters" "$(raw st.$f)" 0
done
# Markdown: the exact escaped cell, and a fence the name cannot close
is "md: the name cell" \
    "$(grep '| G003 |' s.md | sed 's/^.* G003 | //; s/ | 业务员 .*//')" \
'x\\x0a\`\`\`\\x0a&lt;script>alert(1)&lt;/script> \!\[i\](http://e/i.png) \[l\](http://e/) a\|b \*\*B\*\*\\x1b\[31m'
is "md staff: a four-backtick fence around the name's three" \
    "$(grep -c '^````$' st.md) $(grep -c '^```$' st.md)" "2 1"
# rendered, the name is text: no element from it, no link, no image
if /usr/bin/python3 -c 'import markdown' 2>/dev/null; then
	for f in s st; do
		/usr/bin/python3 -c 'import markdown, sys
sys.stdout.write(markdown.markdown(open(sys.argv[1]).read(),
    extensions=["tables", "fenced_code"]))' $f.md >$f.md.html
		unlike "$f.md rendered: no script element" "$(cat $f.md.html)" \
		    '<script|<img|<a |<em>'
		like "$f.md rendered: the name as text" "$(cat $f.md.html)" \
		    '&lt;script&gt;alert\(1\)&lt;/script&gt; !\[i\]\(http://e/i.png\) \[l\]\(http://e/\) a\|b \*\*B\*\*\\x1b\[31m'
	done
else
	not_ok "python3-markdown is missing (scripts/install-deps installs it)"
fi
unlike "html: no script element" "$(cat s.html st.html)" '<script'

# mail: the subject comes from the title, escaped; no --subject blamed
run svc-report staff G003 $R --format mail --to a@example.org
is "mail: status" "$rc" 0
unlike "mail: no --subject blamed" "$err" "subject"
like "mail: the subject, escaped" "$out" \
    '^Subject: Statement G003 x\\x0a```\\x0a<script>'
printf '%s\n' "$out" >m.eml
is "mail: no raw control characters" "$(raw m.eml)" 0
# a --subject given with a control character is still refused, as such
run svc-report staff G003 $R --format mail --to a@example.org \
    --subject "a${ESC}b"
refused "--subject with ESC" 2 "--subject: control characters"

# CSV is data: kept byte for byte in a file or a pipe
svc-report scores $R --format csv >s.csv
is "csv report: the raw name kept" "$(grep -c "$ESC\[31m" s.csv)" 1
svc-log list >l.csv
is "svc-log list to a file: raw note kept" "$(grep -c "$ESC\[2J" l.csv)" 1
# ... but a terminal gets escapes (pty-drive would strip a raw ESC [2J)
python3 "$SRC/tests/cli/pty-drive" svc-log list </dev/null >tty.out
like "svc-log list on a terminal: escaped" "$(cat tty.out)" \
    'n\\x1b\[2J\\x0dm'

# the clerk's entry loop shows the roster entry it picked
python3 "$SRC/tests/cli/pty-drive" svc-log --policy "$P" >entry.out <<'IN'
expect kind: $
send praise.letter\r
expect staff: $
send G003\r
expect customer: $
send \x04
wait
IN
like "entry: the picked name, escaped" "$(cat entry.out)" \
    'G003 x\\x0a```\\x0a<script>.*\*\*B\*\*\\x1b\[31m · '

# svc-score --explain is text for people too
svc-score $R --explain G003 >x.txt
is "explain: status" "$?" 0
is "explain: no raw control characters" "$(raw x.txt)" 0
like "explain: the name, escaped" "$(cat x.txt)" '\*\*B\*\*\\x1b\[31m'

# messages quoting user data: no raw control characters on stderr (an
# events file svc-score streams is not refused for them, so its unknown
# kind is quoted; svc-log refuses them at entry)
printf 'ts,staff,kind\n2026-10-06T08:00:00+08:00,G003,praise%s[31m\n' \
    "$ESC" >ev.csv
run svc-score --policy "$P" --roster "$SAMPLE/group/roster.csv" \
    --period 2026-10 ev.csv
is "message: status" "$rc" 1
like "message: escaped" "$err" "ev.csv:2: kind: unknown kind 'praise\\\\x1b\\[31m'"
printf '%s\n' "$err" >err.txt
is "message: no raw control characters" "$(raw err.txt)" 0

finish
