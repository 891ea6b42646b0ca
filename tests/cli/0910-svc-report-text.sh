#!/bin/sh
# svc-report text: alignment by display width (CJK two columns, combining
# marks none, ambiguous characters such as · one, as glibc wcwidth says),
# cutting with … at --width, the terminal's width and colour (only on a
# terminal, never with NO_COLOR), the C locale of cron, HTML escaping.
. "$SRC/tests/cli/lib.sh"

# Names: Han, ambiguous ·, ASCII, a combining diaeresis, fullwidth Latin,
# an emoji, and markup that HTML must escape.
cat > scores.csv <<'CSV'
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason,unit
2026-08,A01,张三,营业厅,收费员,100,0,0,0,100,0,0,3,yes,,营业厅
2026-08,A02,阿卜杜·热合曼,营业厅,收费员,100,-5,0,0,95,1,0,4,yes,,营业厅
2026-08,A03,Smith,营业厅,clerk,100,0,2,0,102,0,1,2,yes,,营业厅
2026-08,A04,Zoë,热线调度班,接线员,100,-12.5,0,0,87.5,2,0,5,no,"disqualified by complaint.verified: event 7",热线
2026-08,A05,ＡＢ😀,热线调度班,接线员,100,0,0,0,100,0,0,1,yes,,热线
2026-08,A06,<script>alert(1)</script>,热线调度班,接线员,100,0,0,0,100,0,0,1,yes,,热线
CSV

# Display width by Unicode's own tables (an oracle independent of glibc):
# wide and fullwidth 2, combining 0, everything else (ambiguous too) 1.
cat > width.py <<'PY'
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
mode = sys.argv[1]
lines = open(sys.argv[2], encoding='utf-8').read().split('\n')
if mode == 'max':
    print(max(w(l) for l in lines))
elif mode == 'score-end':
    # where the score column ends on each data row: one value if aligned
    ends = set()
    for l in lines:
        for tok in ('100.00', '95.00', '102.00', '87.50'):
            i = l.find(' ' + tok + ' ')
            if i >= 0 and l[:4].strip().isdigit():
                ends.add(w(l[:i + 1 + len(tok)]))
    print(' '.join(str(e) for e in sorted(ends)))
PY

runin scores.csv svc-report scores --width 200
is "wide: exit" "$rc" 0
printf '%s\n' "$out" >wide.txt
is "scores line up whatever the names' widths (one end column)" \
    "$(python3 width.py score-end wide.txt | wc -w | tr -d ' ')" 1
like "combining mark kept whole" "$out" 'Zoë'
like "ambiguous dot kept" "$out" '阿卜杜·热合曼'
like "ineligible with its reason" "$out" \
    'no: disqualified by complaint.verified: event 7'
like "a bar for the top score" "$out" '####################$'

for wd in 100 80 70; do
	runin scores.csv svc-report scores --width $wd
	printf '%s\n' "$out" >w$wd.txt
	is "width $wd: nothing wider" \
	    "$(python3 width.py max w$wd.txt)" \
	    "$(python3 width.py max w$wd.txt | awk -v m=$wd '$1 <= m {print}')"
	is "width $wd: still aligned" \
	    "$(python3 width.py score-end w$wd.txt | wc -w | tr -d ' ')" 1
done
like "cut cells end in an ellipsis" "$(cat w70.txt)" '…'
unlike "numbers are never cut" "$(cat w70.txt)" '[0-9]…'
# names are cut last, once bars are gone and other text is down to 4
like "a cut name keeps whole characters" "$(cat w70.txt)" '阿卜杜·热… '
unlike "70: no bar left" "$(cat w70.txt)" '#'
# too narrow for the numbers: they overflow rather than lie
runin scores.csv svc-report scores --width 40
like "width 40: numbers whole" "$out" ' 87\.50 +-12\.5 '
is "not a terminal: 80 columns" "$(svc-report scores <scores.csv)" \
    "$(cat w80.txt)"

# cron runs with env -i: LC_CTYPE falls back to C.UTF-8, widths hold
is "env -i gives the same text" \
    "$(env -i PATH="$PATH" svc-report scores --width 200 <scores.csv)" \
    "$(cat wide.txt)"
is "LANG=zh_CN.UTF-8 (not generated) changes nothing" \
    "$(LANG=zh_CN.UTF-8 LC_ALL= svc-report scores --width 200 <scores.csv)" \
    "$(cat wide.txt)"

# A terminal gives its width and colour, NO_COLOR only its width.
cat > term.py <<'PY'
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 100, 0, 0))
out = b''
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b'\r\n', b'\n'))
PY
# the pty is sized before the child reads it: wait for that in the child
cat > slow.sh <<'SH'
sleep 0.3; exec svc-report scores scores.csv
SH
out=$(env -u NO_COLOR TERM=xterm python3 term.py sh slow.sh)
like "terminal: bold" "$out" "$(printf '\033')\\[1m"
# columns, not bytes or characters: awk's length() is either, by awk
printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' >term.txt
like "terminal: its width (a 100-column row)" \
    "$(python3 width.py max term.txt)" '^(8[1-9]|9[0-9]|100)$'
# each shows the table (no escape in no output proves nothing)
out=$(NO_COLOR=1 TERM=xterm python3 term.py sh slow.sh)
like "NO_COLOR: the table" "$out" 'A05 '
unlike "NO_COLOR: no escape" "$out" "$(printf '\033')"
out=$(env -u NO_COLOR TERM=dumb python3 term.py sh slow.sh)
like "TERM=dumb: the table" "$out" 'A05 '
unlike "TERM=dumb: no escape" "$out" "$(printf '\033')"
runin scores.csv env -u NO_COLOR TERM=xterm svc-report scores
like "a pipe: the table" "$out" 'A05 '
unlike "a pipe: no escape" "$out" "$(printf '\033')"

# HTML and Markdown escape what the data says
runin scores.csv svc-report scores --format html
unlike "html: no script element from the data" "$out" '<script'
like "html: escaped" "$out" '&lt;script&gt;alert\(1\)&lt;/script&gt;'
runin scores.csv svc-report scores --format md
like "md: markup escaped" "$out" '&lt;script>alert\(1\)&lt;/script>'

finish
