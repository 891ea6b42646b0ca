#!/bin/sh
# make install puts every tool, svc-monthly, the man pages and the bash
# completion (a file and its links) under DESTDIR and PREFIX, the
# installed tools run, and make uninstall takes back exactly what install
# put there: no file or link of svc is left, and nothing else in the tree
# is touched.
. "$SRC/tests/cli/lib.sh"

# this test runs under make check: the child make must not join its jobs
unset MAKEFLAGS MFLAGS MAKELEVEL
root=$T/root
mkdir -p "$root/usr/local/bin"
echo keep >"$root/usr/local/bin/other-tool"

run make -s -C "$SRC" install DESTDIR="$root" PREFIX=/usr/local
is "install: exit status" "$rc" 0
for t in svc-log svc-score svc-award svc-report; do
	[ -x "$root/usr/local/bin/$t" ] && ok || not_ok "install: $t missing"
	run "$root/usr/local/bin/$t" --version
	like "install: $t --version" "$out" "^$t "
	[ -f "$root/usr/local/share/man/man1/$t.1" ] && ok ||
	    not_ok "install: $t.1 missing"
done
[ -x "$root/usr/local/bin/svc-monthly" ] && ok ||
    not_ok "install: svc-monthly missing"
run "$root/usr/local/bin/svc-monthly" --help
like "install: svc-monthly --help" "$out" '^usage: svc-monthly '
# nothing of DESTDIR is written into the installed job
is "install: svc-monthly knows nothing of DESTDIR" \
    "$(grep -c "$root" "$root/usr/local/bin/svc-monthly")" 0
[ -f "$root/usr/local/share/man/man1/svc-monthly.1" ] && ok ||
    not_ok "install: svc-monthly.1 missing"
comp=$root/usr/local/share/bash-completion/completions
[ -f "$comp/svc-log" ] && ok || not_ok "install: completion missing"
for t in svc-score svc-award svc-report svc-monthly; do
	is "install: $t completion" "$(readlink "$comp/$t")" svc-log
done
[ -f "$root/usr/local/share/man/man5/svc-policy.5" ] && ok ||
    not_ok "install: svc-policy.5 missing"
[ -f "$root/usr/local/share/man/man5/svc-ledger.5" ] && ok ||
    not_ok "install: svc-ledger.5 missing"
[ -f "$root/usr/local/share/man/man7/svc.7" ] && ok ||
    not_ok "install: svc.7 missing"
is "install: nothing but tools, pages and completions" \
    "$(cd "$root" && find . ! -type d | grep -Ev '/bin/svc-[a-z]+$|/man[157]/svc[-a-z]*\.[157]$|/bash-completion/completions/svc-[a-z]+$' | sort)" \
    "./usr/local/bin/other-tool"

# packages are installed by make deps (and .ci/run, and make demo for
# the quick start), never by make check; -n shows what each would run
run make -n -C "$SRC" check
is "make check installs nothing" "$(printf '%s\n' "$out" | grep -c install-deps)" 0
like "make check runs the suite" "$out" "tests/run-check"
run make -n -C "$SRC" demo
like "make demo installs what is missing" "$out" "scripts/install-deps"

run make -s -C "$SRC" uninstall DESTDIR="$root" PREFIX=/usr/local
is "uninstall: exit status" "$rc" 0
is "uninstall: only the other file is left" \
    "$(cd "$root" && find . ! -type d | sort)" "./usr/local/bin/other-tool"
is "uninstall: no file of svc, under any name" \
    "$(cd "$root" && find . -name '*svc*')" ""

finish
