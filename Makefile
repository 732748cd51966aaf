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
PKGS = libgit2 yaml-0.1 jansson cairo pangocairo

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -pthread -I. -Iradar $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread -lm
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
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test check unit e2e test-plain test-sanitize bench install uninstall clean
all: $(BUILD)/radar $(BUILD)/adr

$(BUILD)/obj/%.o: %.c $(wildcard radar/*.h radar/util/*.h radar/cli/*.h adr/*.h renderer/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libradar.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/radar: $(CLI_OBJ) $(BUILD)/libradar.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libradar.a $(LIBS)

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
	$(MAKE) DEVELOPER=1 unit e2e

test-sanitize:
	$(MAKE) DEVELOPER=1 SANITIZE=address,undefined unit e2e

test check: deps
	$(MAKE) test-plain
	$(MAKE) test-sanitize
	@echo "all tests passed (plain and ASan+UBSan)"

demo: deps
	$(MAKE) all
	@sh examples/demo.sh $(CURDIR)/$(BUILD)/radar

bench: deps
	$(MAKE) all
	$(MAKE) -C bench RADAR=$(CURDIR)/$(BUILD)/radar

install: all
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BUILD)/radar $(DESTDIR)$(BINDIR)/radar
	ln -sf radar $(DESTDIR)$(BINDIR)/adr

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/radar $(DESTDIR)$(BINDIR)/adr

clean:
	rm -rf build build-san
