#!/bin/sh
# man/svc-report.1 EXAMPLES: every literal block that shows commands and
# their output is run, in order, on the sample ledgers the golden tests
# build (0900, 0945, 0950), and the output shown must be what the commands
# print. A line "..." in the page (\&... in mdoc) stands for one or more
# lines left out; anything else must match verbatim, line for line.
# Blocks without a "$ " command, or whose commands print nothing shown,
# are prose and are not run.
. "$SRC/tests/cli/lib.sh"

load_sample water
load_sample smile
load_sample warehouse
load_sample plans
cp "$SAMPLE/smile/posting-complaints.csv" .
export SVC_USER=考核小组
# the desk's orders 6-9 on the water sample, as 0950 opens them
o() {
	svc-log --db water.db --policy water.ini order open "$@" ||
	    not_ok "order open $*"
}
a=$(o --customer 0101023 --matter 水表漏水 --channel phone --first KF007 \
    --ts 2026-09-21T10:00)
svc-log --db water.db order assign "$a" KF015 --ts 2026-09-21T11:00
svc-log --db water.db order close "$a" --resolution 更换水表 \
    --ts 2026-09-23T16:00
o --customer 0101187 --matter 水压偏低 --first KF005 \
    --ts 2026-09-25T09:00 >/dev/null
o --customer 0101023 --matter 账单疑问 --first KF005 \
    --ts 2026-09-29T14:30 >/dev/null
c=$(o --customer 0101187 --matter 重复登记 --first KF005 \
    --ts 2026-09-29T15:00)
svc-log --db water.db order cancel "$c" --reason 重复 --ts 2026-09-29T15:10

# block N: N.sh the commands, N.want the output shown (mdoc escapes undone)
python3 - "$SRC/man/svc-report.1" <<'PY'
import sys
n = 0
block = None
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.rstrip('\n')
    if line.startswith('.Bd -literal'):
        block = []
        continue
    if line == '.Ed' and block is not None:
        cmds, want, cont = [], [], False
        for l in block:
            l = l.replace('\\e', '\\').replace('\\&', '')
            if cont or (not want and l.startswith('$ ')):
                cmds.append(l[2:] if not cont else l)
                cont = l.endswith('\\')
            else:
                want.append(l)
        if cmds and want:
            n += 1
            open('%d.sh' % n, 'w', encoding='utf-8').write(
                '\n'.join(cmds) + '\n')
            open('%d.want' % n, 'w', encoding='utf-8').write(
                '\n'.join(want) + '\n')
        block = None
        continue
    if block is not None:
        block.append(line)
PY

# match WANT GOT: GOT's lines are WANT's, a "..." in WANT standing for one
# or more lines; the first difference is said on stdout
match() {
	python3 - "$1" "$2" <<'PY'
import sys
want = open(sys.argv[1], encoding='utf-8').read().split('\n')[:-1]
got = open(sys.argv[2], encoding='utf-8').read().split('\n')[:-1]
def m(i, j):
    if i == len(want):
        return j == len(got)
    if want[i].strip() == '...':
        return any(m(i + 1, k) for k in range(j + 1, len(got) + 1))
    return j < len(got) and want[i] == got[j] and m(i + 1, j + 1)
if not m(0, 0):
    # the first line shown that is in no place of the output, for the message
    bad = [w for w in want if w.strip() != '...' and w not in got]
    print('first line not in the output: %r' % (bad[0] if bad else
          '(the lines are there, not in that order or not all of them)'))
PY
}

i=1
while [ -f $i.sh ]; do
	# the ledger is the scheme's sample unless the commands name one
	p=$(sed -n 's/.*--policy \([a-z]*\)\.ini.*/\1/p' $i.sh | head -n 1)
	# (stderr is not compared: svc-log import says what it added there)
	SVC_DB=$p.db sh -e $i.sh >$i.got 2>$i.err
	is "example $i ($(head -n 1 $i.sh)): exit status $(cat $i.err)" "$?" 0
	is "example $i: the output shown" "$(match $i.want $i.got)" ""
	i=$((i + 1))
done
# scores, awards, staff, monthly, monthly's CSV, orders, schedule,
# revisits, kpi, register, reminders (the week, the year's end), mail
is "examples checked" "$((i - 1))" 13

finish
