# svc — a service-quality ledger for the Unix shell.
# Plain make: `make`, `make deps` (installs missing Debian packages, which
# `make check` leaves to it and to .ci/run), `make check`, `make check-pg`
# (the CLI tests against PostgreSQL alone), `make demo`, `make bench`,
# `make fuzz`, `make install PREFIX=... DESTDIR=...`, `make uninstall`,
# `make deb` (the Debian package, into build/deb).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
# Where objects and binaries go; the sanitizer build uses build-asan.
B ?= build

SVC_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -pthread -Ilib \
	$$($(PKG_CONFIG) --cflags sqlite3 libpq inih libedit xlsxwriter libzip expat)
# libxlsxwriter (lib/xlsx.c), libpq (lib/db-pg.c) and libzip
# (lib/xlsxread.c) are opened at run time, not linked
SVC_LIBS = $$($(PKG_CONFIG) --libs sqlite3 inih libedit expat) -lcsv -lm -pthread
CHECK_CFLAGS = $$($(PKG_CONFIG) --cflags check)
CHECK_LIBS = $$($(PKG_CONFIG) --libs check)

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined
# ThreadSanitizer, for the threaded code (csvpar, handoff, the ledger)
TSAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=thread

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
TOOLS = $(patsubst cmd/%.c,%,$(wildcard cmd/svc-*.c))
BINS = $(TOOLS:%=$(B)/%)
UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNIT_OBJ = $(UNIT_SRC:%.c=$(B)/%.o) $(B)/tests/unit/main.o \
	$(B)/tests/unit/scratch.o
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)

all: $(BINS) $(B)/gen-data

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(SVC_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/lib/libsvc.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(B)/svc-%: $(B)/cmd/svc-%.o $(B)/lib/libsvc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/lib/libsvc.a $(SVC_LIBS)

# svc-log's commands are in files of their own, named outside cmd/svc-*.c
# so that they are not taken for tools.
LOG_OBJ = $(B)/cmd/svc-log.o $(B)/cmd/log-events.o $(B)/cmd/log-order.o
$(B)/svc-log: $(LOG_OBJ) $(B)/lib/libsvc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LOG_OBJ) $(B)/lib/libsvc.a $(SVC_LIBS)

$(B)/gen-data: $(B)/scripts/gen-data.o $(B)/lib/libsvc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/lib/libsvc.a $(SVC_LIBS)

# The unit-test runner learns its suites from the file names; the list is
# written every time and replaces the header only when it changed, so a
# suite removed is seen as well as one added.
$(B)/tests/unit/suites.h: FORCE
	@mkdir -p $(@D)
	@for f in $(UNIT_SRC); do \
		n=$${f#tests/unit/test-}; echo "SUITE($${n%.c})"; \
	done > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

FORCE:

$(B)/tests/unit/main.o: tests/unit/main.c $(B)/tests/unit/suites.h
	$(CC) $(SVC_CFLAGS) $(CHECK_CFLAGS) -I$(B)/tests/unit $(CFLAGS) \
		-c -o $@ tests/unit/main.c

$(B)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(SVC_CFLAGS) $(CHECK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/unit-tests: $(UNIT_OBJ) $(B)/lib/libsvc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(B)/lib/libsvc.a \
		$(SVC_LIBS) $(CHECK_LIBS)

# Fuzz targets (tests/fuzz/fuzz-NAME.c): replay-NAME runs saved inputs
# through one in make check; fuzz-NAME is the libFuzzer binary that
# scripts/fuzz builds with clang into build-fuzz.
FUZZ_NAMES = $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
REPLAYS = $(FUZZ_NAMES:%=$(B)/replay-%)
# fuzz-xlsx builds its workbooks with libzip itself
FUZZ_LIBS = $(SVC_LIBS) $$($(PKG_CONFIG) --libs libzip)

$(B)/replay-%: $(B)/tests/fuzz/fuzz-%.o $(B)/tests/fuzz/replay.o \
    $(B)/lib/libsvc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/tests/fuzz/fuzz-$*.o \
		$(B)/tests/fuzz/replay.o $(B)/lib/libsvc.a $(FUZZ_LIBS)

$(B)/fuzz-%: $(B)/tests/fuzz/fuzz-%.o $(B)/lib/libsvc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/lib/libsvc.a $(FUZZ_LIBS)

# Installed copy the shell tests run, as a user would have it.
$(B)/stage: $(BINS) $(MAN1) $(MAN5) $(MAN7) scripts/monthly \
    scripts/completion.bash
	rm -rf $@
	$(MAKE) -s install B=$(B) DESTDIR=$(CURDIR)/$@ PREFIX=/usr
	touch $@

deps:
	@sh scripts/install-deps

check:
	@$(MAKE) -s check-build
	@sh tests/run-check

check-build:
	$(MAKE) all $(B)/unit-tests $(B)/stage $(REPLAYS)
	$(MAKE) all build-asan/unit-tests build-asan/stage B=build-asan \
		CC=gcc CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		$(FUZZ_NAMES:%=build-asan/replay-%)
	$(MAKE) build-tsan/unit-tests build-tsan/replay-csv B=build-tsan \
		CC=gcc CFLAGS="$(TSAN_FLAGS)" LDFLAGS="-fsanitize=thread"

# Only the CLI tests against PostgreSQL, on a throwaway server.
check-pg:
	$(MAKE) all $(B)/stage
	SVC_BUILD=$(CURDIR)/$(B) SVC_TEST_BACKEND=pg \
		sh tests/pg-server run sh tests/cli/run $(B)/stage/usr/bin

# Only the sanitizer half, for quick iteration.
check-asan:
	$(MAKE) all build-asan/unit-tests build-asan/stage B=build-asan \
		CC=gcc CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		$(FUZZ_NAMES:%=build-asan/replay-%)
	ONLY=build-asan sh tests/run-check

lint:
	mandoc -Tlint -W warning man/*

demo: deps
	@$(MAKE) -s all
	@sh scripts/demo

bench: deps
	@BENCH=1 sh scripts/install-deps
	@$(MAKE) -s all
	@sh scripts/bench

fuzz:
	@sh scripts/fuzz

# dpkg-buildpackage in a copy of the tree, and lintian; see scripts/deb.
deb:
	@DEB=1 sh scripts/install-deps
	@sh scripts/deb

# svc-monthly finds the tools beside itself at run time, so nothing of
# DESTDIR or BINDIR is written into it. The completion is one file, named
# for the first tool, with a link per other command (the loader looks a
# command's completion up by its name).
COMPLETE = svc-score svc-award svc-report svc-monthly

install: $(BINS)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(COMPDIR)
	for t in $(TOOLS); do cp $(B)/$$t $(DESTDIR)$(BINDIR)/$$t; \
		chmod 755 $(DESTDIR)$(BINDIR)/$$t; done
	cp scripts/monthly $(DESTDIR)$(BINDIR)/svc-monthly
	chmod 755 $(DESTDIR)$(BINDIR)/svc-monthly
	for m in $(MAN1); do cp $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do cp $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN7); do cp $$m $(DESTDIR)$(MANDIR)/man7/; done
	cp scripts/completion.bash $(DESTDIR)$(COMPDIR)/svc-log
	chmod 644 $(DESTDIR)$(COMPDIR)/svc-log
	for c in $(COMPLETE); do ln -sf svc-log $(DESTDIR)$(COMPDIR)/$$c; done

uninstall:
	for t in $(TOOLS) svc-monthly; do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done
	for c in svc-log $(COMPLETE); do rm -f $(DESTDIR)$(COMPDIR)/$$c; done

clean:
	rm -rf build build-asan build-tsan build-fuzz

.PHONY: FORCE all deps check check-build check-pg check-asan lint demo bench fuzz \
	deb install uninstall clean

-include $(shell find build build-asan build-tsan build-fuzz -name '*.d' \
	2>/dev/null)
