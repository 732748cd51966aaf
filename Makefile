# radar — a technology radar and ADRs kept in Git.
#   make            build ./build/radar (and the `adr` name beside it)
#   make demo       install what is missing, build, run on the bundled example radar
#   make test       install what is missing, build, run every test (plain and ASan+UBSan)
#   make bench      benchmark against the git CLI on generated repositories
# Options: PREFIX, DESTDIR, DEVELOPER=1 (warnings are errors), SANITIZE=address,undefined

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = libgit2 yaml-0.1 jansson cairo pangocairo libcmark-gfm
# `radar` itself links only these; drawing and publishing live in radar-draw.
CORE_PKGS = libgit2 yaml-0.1 jansson
LIBEXECDIR ?= $(PREFIX)/libexec/radar

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -pthread -I. -Iradar $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread -lm
CORE_LIBS = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) -pthread -lm
ifeq ($(DEVELOPER),1)
ALL_CFLAGS += -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
endif

BUILD ?= build
ifneq ($(SANITIZE),)
BUILD = build-san
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
endif

LIB_SRC = $(wildcard radar/util/*.c) $(filter-out radar/cli/%,$(wildcard radar/*.c)) \
	$(wildcard adr/*.c) $(wildcard renderer/*.c)
CLI_SRC = $(wildcard radar/cli/*.c)
DRAW_SRC = radar/cli/cmd-render.c radar/cli/cmd-layout.c radar/cli/cmd-publish.c radar/cli/cmd-review.c
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ = $(filter-out $(DRAW_SRC:%.c=$(BUILD)/obj/%.o),$(CLI_SRC:%.c=$(BUILD)/obj/%.o))
DRAW_OBJ = $(filter-out $(BUILD)/obj/radar/cli/main.o,$(CLI_SRC:%.c=$(BUILD)/obj/%.o)) \
	$(BUILD)/obj/radar/cli/main-draw.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test check unit e2e test-plain test-sanitize bench install uninstall clean \
	browser-test \
	fuzz fuzz-build fuzz-smoke check-valgrind
all: $(BUILD)/radar $(BUILD)/radar-draw $(BUILD)/adr

$(BUILD)/obj/%.o: %.c $(wildcard radar/*.h radar/util/*.h radar/cli/*.h adr/*.h renderer/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libradar.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/radar/cli/main.o: ALL_CFLAGS += -DRADAR_LIBEXECDIR='"$(LIBEXECDIR)"'
# The parse cache trusts only trees built by these very sources (radar/util/ytcache.c).
YT_SOURCES = radar/util/yamltree.c radar/util/yamltree-pack.c radar/util/yamltree-private.h
$(BUILD)/obj/radar/util/ytcache.o: $(YT_SOURCES)
$(BUILD)/obj/radar/util/ytcache.o: ALL_CFLAGS += -DYT_SOURCES_ID='"$(shell cat $(YT_SOURCES) | cksum | cut -d" " -f1)"'
$(BUILD)/obj/radar/cli/main-draw.o: radar/cli/main.c $(wildcard radar/*.h radar/util/*.h radar/cli/*.h adr/*.h renderer/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DRADAR_DRAW -c $< -o $@

$(BUILD)/radar: $(CLI_OBJ) $(BUILD)/libradar.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libradar.a $(CORE_LIBS)

$(BUILD)/radar-draw: $(DRAW_OBJ) $(BUILD)/libradar.a
	$(CC) $(LDFLAGS) -o $@ $(DRAW_OBJ) $(BUILD)/libradar.a $(LIBS)

$(BUILD)/adr: $(BUILD)/radar
	ln -sf radar $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libradar.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell $(PKG_CONFIG) --cflags cmocka) -Iradar $< -o $@ \
		$(LDFLAGS) $(BUILD)/libradar.a $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

# Installs the Debian packages the build and the tests need, when missing.
deps:
	@sh .ci/install-deps

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

e2e: all
	@RADAR=$(CURDIR)/$(BUILD)/radar sh tests/e2e/run.sh

test-plain: DEVELOPER = 1
test-plain:
	$(MAKE) DEVELOPER=1 unit e2e browser-test

# `radar publish` in headless chromium (tests/browser; ~10 s). Screenshots: build/browser-shots.
browser-test: all
	@RADAR=$(CURDIR)/$(BUILD)/radar SHOTS=$(CURDIR)/$(BUILD)/browser-shots sh tests/browser/run.sh

demo: deps
	$(MAKE) all
	@sh examples/demo.sh $(CURDIR)/$(BUILD)/radar

bench: deps
	$(MAKE) all
	$(MAKE) -C bench RADAR=$(CURDIR)/$(BUILD)/radar

test-sanitize:
	$(MAKE) DEVELOPER=1 SANITIZE=address,undefined unit e2e

test check: deps
	$(MAKE) test-plain
	$(MAKE) test-sanitize
	$(MAKE) fuzz-smoke
	@echo "all tests passed (plain and ASan+UBSan, fuzz smoke)"

# Fuzzing with clang's libFuzzer: tests/fuzz/fuzz_*.c, one parser each, built
# into build-fuzz/ with ASan+UBSan. `make fuzz FUZZ_SECONDS=N` runs each target
# N seconds; `make fuzz-smoke` (part of `make test`) runs the regression inputs
# of tests/regress/ and a few seconds of each. See tests/fuzz/run.sh.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 8
FUZZ_BIN = $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

fuzz-build:
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) DEVELOPER=0 SANITIZE= \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		$(FUZZ_BIN)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/fuzz/fuzz_adr.inc build-fuzz/libradar.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $< -o $@ build-fuzz/libradar.a $(LIBS)

fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

# The end-to-end suite with every radar run under valgrind (tests/e2e/valgrind-radar.sh;
# radar-draw too, followed through radar's exec): zero memory errors and no definite
# leaks (still-reachable caches of fontconfig and pango are fine; tests/e2e/valgrind.supp
# holds the definite leaks inside third-party libraries). Every test runs; with
# E2E_VALGRIND=1 the few loops that exist for timing run fewer times or natively
# (t-faults-kill's 240 kills, t-adr-git's race). About 12 minutes on 2 cores; not part of
# `make test`. Each wrapped run appends its reports to one log, vg.PID: a log whose
# ERROR SUMMARY is not 0 is printed at the end.
check-valgrind: all
	@command -v valgrind >/dev/null || { echo "check-valgrind: valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
	@logs=$$(mktemp -d); t0=$$(date +%s); \
	E2E_VALGRIND=1 RADAR=$(CURDIR)/tests/e2e/valgrind-radar.sh RADAR_REAL=$(CURDIR)/$(BUILD)/radar \
		VALGRIND_LOGS=$$logs E2E_TIMEOUT=300 E2E_TEST_TIMEOUT=1800 E2E_TIME_FACTOR=10 \
		sh tests/e2e/run.sh; rc=$$?; \
	bad=$$(grep -lE 'ERROR SUMMARY: [1-9]|^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and dest)' \
		$$logs/vg.* 2>/dev/null); \
	for f in $$bad; do echo "== valgrind: $$f"; cat $$f; done; \
	echo "valgrind: $$(ls $$logs | wc -l) wrapped runs, $$(cat $$logs/vg.* | grep -c 'Command: ') processes" \
		"($$(cat $$logs/vg.* | grep -c 'Command: .*radar-draw') radar-draw)," \
		"$$(echo $$bad | wc -w) with errors or definite leaks," \
		"$$(grep -L 'ERROR SUMMARY' $$logs/vg.* | wc -l) cut short (killed, or past t-faults' ulimit -f: there the exit status 99 speaks)," \
		"$$(( $$(date +%s) - t0 )) s"; \
	rm -rf $$logs; [ $$rc = 0 ] && [ -z "$$bad" ]

# The binary, the adr name, man pages (mdoc: docs/man) and completions (docs/completions).
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BUILD)/radar $(DESTDIR)$(BINDIR)/radar
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 755 $(BUILD)/radar-draw $(DESTDIR)$(LIBEXECDIR)/radar-draw
	ln -sf radar $(DESTDIR)$(BINDIR)/adr
	install -m 644 docs/man/radar.1 docs/man/adr.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/man/radar-files.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 docs/completions/radar.bash $(DESTDIR)$(BASHCOMPDIR)/radar
	ln -sf radar $(DESTDIR)$(BASHCOMPDIR)/adr
	install -m 644 docs/completions/_radar $(DESTDIR)$(ZSHCOMPDIR)/_radar
	install -m 644 docs/completions/radar.fish docs/completions/adr.fish $(DESTDIR)$(FISHCOMPDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/radar $(DESTDIR)$(BINDIR)/adr $(DESTDIR)$(LIBEXECDIR)/radar-draw \
		$(DESTDIR)$(MANDIR)/man1/radar.1 $(DESTDIR)$(MANDIR)/man1/adr.1 \
		$(DESTDIR)$(MANDIR)/man5/radar-files.5 \
		$(DESTDIR)$(BASHCOMPDIR)/radar $(DESTDIR)$(BASHCOMPDIR)/adr $(DESTDIR)$(ZSHCOMPDIR)/_radar \
		$(DESTDIR)$(FISHCOMPDIR)/radar.fish $(DESTDIR)$(FISHCOMPDIR)/adr.fish

clean:
	rm -rf build build-san build-fuzz
