#!/bin/sh
# Text reports at 80 columns never cut a name, an id or a date while a
# bar could give way: the bars shrink, then go, before 欧阳娜娜 or
# Yang Fan lose a character; at the width of the terminal too. The
# posting notice reads its contact as a phone number.
. "$SRC/tests/cli/lib.sh"

# svc-score's CSV of a desk with long reasons beside short names
cat >scores.csv <<'CSV'
period,staff,name,dept,position,base,deductions,bonuses,joint,score,complaints,praises,events,eligible,reason
2026-08,KF007,欧阳娜娜,热线调度班,接线员,100,0,0,0,100,0,0,3,yes,
2026-08,KF008,Yang Fan,热线调度班,接线员,100,-10,0,0,90,2,0,5,no,"disqualified by complaint.verified: event 175, complaint.verified: event 176"
2026-08,KF009,何晓庆,热线调度班,接线员,100,0,0,0,100,0,0,4,yes,
2026-08,KF002,田秀芳,营业厅,班长,100,0,0,0,100,0,0,2,yes,
CSV

# width.py FILE: the widest line of FILE in display columns (Unicode's
# tables: wide and fullwidth 2, combining 0, else 1)
cat >width.py <<'PY'
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
print(max(w(l) for l in open(sys.argv[1], encoding='utf-8').read().split('\n')))
PY

for how in default --width=80; do
	if [ $how = default ]; then
		runin scores.csv svc-report scores
	else
		runin scores.csv svc-report scores $how
	fi
	printf '%s\n' "$out" >$how.txt
	is "$how: exit status" "$rc" 0
	like "$how: 欧阳娜娜 whole" "$out" 'KF007  +欧阳娜娜  '
	like "$how: Yang Fan whole" "$out" 'KF008  +Yang Fan  '
	like "$how: the other names whole" "$out" '何晓庆.*田秀芳|田秀芳'
	like "$how: the reason gives way" "$out" 'no: dis[^ ]*…'
	unlike "$how: no id cut" "$out" 'KF0…|KF…'
	is "$how: 80 columns" "$(python3 width.py $how.txt)" \
	    "$(python3 width.py $how.txt | awk '$1 <= 80')"
done
# wider, the bars come back
runin scores.csv svc-report scores --width 200
like "200 columns: bars" "$out" '####################$'
like "200 columns: the whole reason" "$out" 'complaint.verified: event 176$|event 176 +#'

# a terminal 80 columns wide
cat >term.py <<'PY'
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 80, 0, 0))
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
cat >slow.sh <<'SH'
sleep 0.3; exec svc-report scores scores.csv
SH
python3 term.py sh slow.sh >tty.txt
like "terminal: 欧阳娜娜 whole" "$(cat tty.txt)" 'KF007  +欧阳娜娜  '
like "terminal: Yang Fan whole" "$(cat tty.txt)" 'KF008  +Yang Fan  '
is "terminal: 80 columns" "$(python3 width.py tty.txt)" \
    "$(python3 width.py tty.txt | awk '$1 <= 80')"

# orders: customer ids and owners stay whole, the matter gives way
load_sample water
run svc-report orders --db water.db --policy water.ini \
    --as-of 2026-10-01T09:00:00+08:00
like "orders: ids whole" "$out" 'OVERDUE +1  2026-07-09  0301021  .*  KF009 '
unlike "orders: no customer cut" "$out" ' 0[0-9]*… '

# The posting notice: the scheme's complaint line, 6264368, as a number to
# call, at 80 columns as anywhere
load_sample smile
runin "$SRC/tests/cli/fixtures/awards-smile.csv" svc-report awards \
    --policy smile.ini
like "posting: objections by phone" "$out" '^Objections by phone: 6264368\.$'

finish
