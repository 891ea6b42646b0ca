#!/bin/sh
# A file saved as "CSV (逗号分隔)" by Excel or WPS on Chinese Windows is
# GB18030, not UTF-8: refused as invalid UTF-8 with the hint to give
# --encoding gb18030, which then reads it; bytes that are not GB18030
# either get no hint.
. "$SRC/tests/cli/lib.sh"
mini_ledger
printf 'ts,staff,kind,note\n2026-10-15T09:30:00+08:00,G003,praise.letter,表扬信 锦旗\n' >utf8.csv
iconv -f UTF-8 -t GB18030 utf8.csv >gb.csv || not_ok "iconv"
run svc-log --policy "$P" import gb.csv
refused "GB18030 file" 1 "^svc-log: gb.csv:2: note: invalid UTF-8 \(byte 0x[0-9a-f]{2}\); it reads as GB18030: try --encoding gb18030$"
is "nothing written" "$(count)" 0
run svc-log --policy "$P" import --encoding gb18030 gb.csv
is "with --encoding gb18030: status" "$rc" 0
is "with --encoding gb18030: the note" "$(sql svc.db 'SELECT note FROM event')" "表扬信 锦旗"
# the same through svc-score's streamed events, on one thread and several
run svc-score --policy "$P" --period 2026-10 --roster "$F/roster.csv" gb.csv
refused "svc-score: GB18030 file" 1 "gb.csv:2: note: invalid UTF-8 .*try --encoding gb18030$"
{ head -n 1 utf8.csv
  for i in $(seq 300); do echo 2026-10-15T09:30:00+08:00,G003,praise.letter,ok; done
  tail -n 1 gb.csv; } >gb2.csv
SVC_CSV_THREADS=3 SVC_CSV_CHUNK=700 run svc-score --policy "$P" \
    --period 2026-10 --roster "$F/roster.csv" gb2.csv
refused "svc-score on threads: GB18030 line" 1 "gb2.csv:302: note: invalid UTF-8 .*try --encoding gb18030$"
printf 'ts,staff,kind,note\n2026-10-15T09:30:00+08:00,G003,praise.letter,x\377y\n' >bad.csv
run svc-log --policy "$P" import bad.csv
refused "not GB18030 either" 1 "^svc-log: bad.csv:2: note: invalid UTF-8 \(byte 0xff\)$"
finish
