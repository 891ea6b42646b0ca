#!/bin/sh
# The clerk's entry loop refuses a control character where it is typed
# (here BEL, inserted with ^V) and asks that field again.
. "$SRC/tests/cli/lib.sh"
HOME=$T
export HOME
drive() { python3 "$SRC/tests/cli/pty-drive" "$@"; }
printf 'id,name,dept,position\nP003,张三,装车班组,班长\n' > roster.csv
svc-log init 2>/dev/null
svc-log roster roster.csv 2>/dev/null
printf '[policy]\nname = t\nbase = 100\n[kind.visit]\npoints = 0\n' > t.ini
drive svc-log --policy t.ini >s.txt <<'EOF2'
expect kind: $
send visit\r
expect staff: $
send P003\r
expect time \[now\]: $
send \r
expect value \(optional\): $
send \r
expect channel: $
send \r
expect customer: $
send \r
expect note: $
send red\x16\x07 alert\r
expect control character U\+0007 not allowed
expect note: $
send fine\r
expect save\?
send \r
expect saved #1
expect kind \[visit\]: $
send q\r
wait
EOF2
s=$(cat s.txt)
like "session ends" "$s" '^EXIT 0$'
is "note re-asked" "$(grep -A1 'control character U+0007' s.txt | tail -n 1)" 'note: fine'
is "stored note" "$(sql svc.db 'SELECT note FROM event')" fine
finish
