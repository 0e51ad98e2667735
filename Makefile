# backcheck: build, test and install.
#
#   make                    debug build, ./backcheck linked to it
#   make VARIANT=san        AddressSanitizer + UndefinedBehaviorSanitizer
#   make VARIANT=release    optimised
#   make test               build and run every test program and end-to-end suite
#   make test-durable       the saving check killed with SIGKILL 1,000 times (make test: 50)
#   make deps               install the Debian packages the build and tests need, and the
#                           pinned npm tools of package-lock.json (the JSON Schema check)
#   make run                build and start an interview
#   make install            build the release variant (whatever VARIANT is) and install it under
#                           $(DESTDIR)$(PREFIX): binary, questionnaires, man page, bash
#                           completion, docs; `make uninstall` removes them again
#   make bench              the benchmarks of bench/ against the release build, one table
#   make verify-mutants     the named mutants `backcheck verify` must catch (issue 15)
#   make mutation-score     the mutation score of the default questionnaire's rules (slow)
#   make deb                the Debian package (dpkg-buildpackage -us -uc -b in a clean copy)
#   make pot                po/backcheck.pot from the C sources (xgettext); `make update-po`
#                           merges it into every po/LANG.po; `make po-check` fails when a
#                           catalogue is stale, untranslated or broken (tests/test_po.sh)
#
# Every file in src/ except main.c goes into a static library; each tests/test_NAME.c is
# one cmocka program linked against it.

VARIANT ?= debug
CC ?= cc
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/backcheck
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/backcheck
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
LOCALEDIR = $(PREFIX)/share/locale
VERSION = 0.1.0

BUILD = build/$(VARIANT)

PKGS = readline yaml-0.1 jansson nettle
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

WARN = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wold-style-definition -Wformat=2 -Wwrite-strings \
       -Wcast-qual -Wvla -Wundef -Wredundant-decls -Wnull-dereference \
       -Wimplicit-fallthrough -Wswitch-enum

CFLAGS_debug = -O0 -g3
CFLAGS_san = -O1 -g3 -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
CFLAGS_release = -O2 -g -DNDEBUG
# The allocation-failure test build (tests/alloc-failure): sanitizers with leak detection,
# $BACKCHECK_FAIL_ALLOC honoured, and libyaml's allocations counted (tests/oom/yaml_alloc.c).
CFLAGS_oom = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all -DBACKCHECK_ALLOC_TEST
LDFLAGS_oom = -fsanitize=address,undefined
EXTRA_OBJ_oom = $(BUILD)/oom/yaml_alloc.o
LDFLAGS_san = -fsanitize=address,undefined,float-cast-overflow

# Ours, then the caller's CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS (dpkg's hardening flags, say).
# The caller's variables are left as they came, so that a make started from a recipe (make
# install's release build, tests/test_install.sh) sees them unchanged, not with ours twice.
# Every compile and link rule uses the ALL_ variables.
ALL_CPPFLAGS = -Iinclude -D_DEFAULT_SOURCE -DBACKCHECK_VERSION='"$(VERSION)"' \
               -DBACKCHECK_DATADIR='"$(DATADIR)"' -DBACKCHECK_LOCALEDIR='"$(LOCALEDIR)"' $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS_$(VARIANT)) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS_$(VARIANT)) $(LDFLAGS)
ALL_LDLIBS = $(PKG_LIBS) -lm $(LDLIBS)

LIB_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(BUILD)/obj/main.o
LIB = $(BUILD)/libbackcheck.a
BIN = $(BUILD)/backcheck

TEST_SRC = $(wildcard tests/test_*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
# What every test program shares (tests/lib/testlib.h), linked into each.
TESTLIB_OBJ = $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(wildcard tests/lib/*.c))
TEST_SH = $(wildcard tests/test_*.sh)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

HEADERS = $(wildcard include/*.h)

# The interface's catalogues (po/LANG.po), compiled for build/VARIANT/backcheck (below).
PO = $(wildcard po/*.po)
PO_LANGS = $(PO:po/%.po=%)
MO = $(PO_LANGS:%=build/locale/%/LC_MESSAGES/backcheck.mo)

.SECONDARY:

.PHONY: FORCE deb all test unit e2e deps run check-headers clean install uninstall bench test-fhir \
        test-browser fuzz fuzz-build fuzz-ci alloc-failure check test-durable pot update-po \
        po-check verify-mutants mutation-score

all: $(BIN) $(TOOL_BIN) $(MO) backcheck

backcheck: $(BIN)
	ln -sf $(BIN) backcheck

$(BIN): $(MAIN_OBJ) $(EXTRA_OBJ_$(VARIANT)) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/oom/%.o: tests/oom/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# The verify search runs in make test on the default questionnaire: optimised in every variant.
$(BUILD)/obj/verify_search.o $(BUILD)/obj/expr_range.o: CFLAGS += -O2

# The data folder is compiled into qpath.o: rebuild it when PREFIX changes.
$(BUILD)/datadir: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@

$(BUILD)/obj/qpath.o $(BUILD)/obj/i18n.o: $(BUILD)/datadir

# The interface's texts (include/i18n.h): po/backcheck.pot lists every message of the C
# sources; po/LANG.po translates it; msgfmt --check compiles each into build/locale, where
# build/VARIANT/backcheck finds it (../locale beside itself), so tests need no install.
# diag_error(), diag_warning(), diag_note(), ld_error() and expr_error() translate their own
# format: keywords too, the format being argument 3, or 5 after a compound literal
# `(struct srcpos){ f, l, c }` (whose commas xgettext counts).
DIAG_KEYWORDS = $(foreach f,diag_error diag_warning diag_note ld_error expr_error,\
                  $(foreach n,3 5,--keyword=$(f):$(n) --flag=$(f):$(n):c-format))
XGETTEXT_KEYWORDS = --keyword=_ --keyword=N_ --keyword=P_:1c,2 --keyword=NP_:1c,2 $(DIAG_KEYWORDS)
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C $(XGETTEXT_KEYWORDS) \
                 --add-comments=TRANSLATORS: --add-location=file --sort-output \
                 --package-name=backcheck --package-version=$(VERSION) \
                 --msgid-bugs-address=backcheck@example.org

build/locale/%/LC_MESSAGES/backcheck.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

pot:
	xgettext $(XGETTEXT_FLAGS) -o po/backcheck.pot $(sort $(LIB_SRC) src/main.c)

update-po: pot
	for p in $(PO); do msgmerge --quiet --update --backup=none $$p po/backcheck.pot || exit 1; done

# Fails when po/backcheck.pot is not what the sources give (run make pot), or a catalogue
# lacks a message, has one untranslated or fuzzy, or does not compile (msgfmt --check).
po-check:
	@mkdir -p build/po
	xgettext $(XGETTEXT_FLAGS) -o build/po/backcheck.pot $(sort $(LIB_SRC) src/main.c)
	@grep -v '^"POT-Creation-Date:' po/backcheck.pot >build/po/committed.pot
	@grep -v '^"POT-Creation-Date:' build/po/backcheck.pot >build/po/sources.pot
	@cmp -s build/po/committed.pot build/po/sources.pot || \
	  { echo "po/backcheck.pot is stale: run make update-po and translate po/*.po"; exit 1; }
	@for p in $(PO); do \
	  msgfmt --check -o /dev/null $$p || exit 1; \
	  msgcmp $$p po/backcheck.pot || \
	  { echo "$$p: translate every message of po/backcheck.pot (make update-po)"; exit 1; }; \
	done; echo "po-check: $(words $(PO)) catalogue(s) complete"

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests/lib $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(TESTLIB_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) $(LDFLAGS_test_$*) -o $@ $< $(TESTLIB_OBJ) $(LIB) $(CMOCKA_LIBS) \
	  $(ALL_LDLIBS)

$(BUILD)/tools/%.o: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tools/%: $(BUILD)/tools/%.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(ALL_LDLIBS)

# Fuzzing (libFuzzer, clang with ASan and UBSan, float-cast-overflow included): one program
# per tests/fuzz/fuzz_NAME.c. `make fuzz` runs each for FUZZ_SECONDS (default 10 minutes)
# at nice 19, one at a time, and keeps the minimised corpus and the final statistics under
# tests/fuzz/ (see tests/fuzz/run-fuzz and docs/reliability.md).
FUZZ_CC = clang
FUZZ_BUILD = build/fuzz
FUZZ_SECONDS = 600
FUZZ_SAN = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) $(PKG_CFLAGS) -Werror \
              -Wall -Wextra
FUZZ_SRC = $(filter-out tests/fuzz/fuzz_util.c,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BIN = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_LIB_OBJ = $(LIB_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o)

$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< tests/fuzz/fuzz_util.c \
	  $(FUZZ_LIB_OBJ) $(ALL_LDLIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	tests/fuzz/run-fuzz $(FUZZ_SECONDS) --keep $(FUZZ_NAMES)

# CI's short fuzz: every committed regression input through the clang-built targets (UBSan
# there checks what GCC's does not, such as NULL + 0), then each target for 60 seconds on its
# committed corpus, which stays as it is: two targets at a time, one a core, so that the stage
# takes three minutes of .ci/run's thirty, not six.
fuzz-ci: $(FUZZ_BIN)
	@for t in $(FUZZ_NAMES); do \
	  if [ -d tests/fuzz/regressions/$$t ]; then \
	    $(FUZZ_BUILD)/fuzz_$$t -runs=0 tests/fuzz/regressions/$$t >/dev/null 2>&1 || \
	    { echo "fuzz_$$t: a regression input fails again"; exit 1; }; \
	  fi; \
	done; echo "fuzz regressions replayed"
	@mkdir -p build/fuzz-logs; \
	tests/fuzz/run-fuzz 60 $(FUZZ_CI_A) > build/fuzz-logs/a.txt 2>&1 & a=$$!; \
	tests/fuzz/run-fuzz 60 $(FUZZ_CI_B) > build/fuzz-logs/b.txt 2>&1; b=$$?; \
	wait $$a; a=$$?; cat build/fuzz-logs/a.txt build/fuzz-logs/b.txt; \
	[ $$a -eq 0 ] && [ $$b -eq 0 ]

# The two halves of the targets that fuzz-ci runs side by side, one a core.
FUZZ_CI_A = $(wordlist 1,3,$(FUZZ_NAMES))
FUZZ_CI_B = $(wordlist 4,$(words $(FUZZ_NAMES)),$(FUZZ_NAMES))

# The allocation-failure test (tests/alloc-failure); CI runs it with --quick.
alloc-failure:
	$(MAKE) VARIANT=oom build/oom/backcheck
	tests/alloc-failure $(ALLOC_FAILURE_FLAGS)

# Static analysis; any finding fails. The configurations are committed: .clang-tidy and
# .check/cppcheck.cfg; GCC's analyzer runs without its leak checker, which does not follow
# ownership through xalloc_die() and out-parameters (LSan, valgrind and the
# allocation-failure test check leaks at run time).
ANALYZE_FLAGS = -std=c11 -Iinclude -D_DEFAULT_SOURCE -DBACKCHECK_VERSION='"0"' \
                -DBACKCHECK_DATADIR='"/"' $(PKG_CFLAGS)
check:
	@printf '%s\n' $(LIB_SRC) src/main.c | xargs -P 2 -I{} \
	  gcc $(ANALYZE_FLAGS) -fanalyzer -Wno-analyzer-malloc-leak -Werror -c -o /dev/null {} \
	  && echo "gcc -fanalyzer: clean"
	cppcheck -q --std=c11 --enable=warning,portability --error-exitcode=1 --inline-suppr \
	  --library=.check/cppcheck.cfg -Iinclude src/ && echo "cppcheck: clean"
	@printf '%s\n' $(LIB_SRC) src/main.c | xargs -P 2 -I{} \
	  clang-tidy -quiet {} -- $(ANALYZE_FLAGS) 2>/dev/null && echo "clang-tidy: clean"

# The fuzz targets' replay program: every committed corpus and regression file through each
# target, in the ordinary test build (part of make test).
FUZZ_REPLAY_OBJ = $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(BUILD)/tests/fuzz/fuzz_util.o

$(BUILD)/tests/fuzz/fuzz_%.o: tests/fuzz/fuzz_%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -DFUZZ_ENTRY=fuzz_$* -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_fuzz: $(BUILD)/tests/test_fuzz.o $(FUZZ_REPLAY_OBJ) $(TESTLIB_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(ALL_LDLIBS)

# Unit test programs run from the top of the tree so that they find tests/data.
# tests/run-tests prints one summary line per program and a total. The shell tests
# (tests/test_*.sh: manual page, install, completion) drive this variant's binary.
test: all $(TEST_BIN)
	BUILD=$(BUILD) KILLS=$(KILLS) tests/run-tests $(TEST_BIN) $(TEST_SH)

# tests/test_durable.c kills a saving check with SIGKILL KILLS times: 50 in make test, so that
# it takes a few seconds; `make test-durable` runs that program alone with 1,000 (.ci/run's
# durable stage). docs/reliability.md says what runs where.
KILLS = 50
test-durable: KILLS = 1000
test-durable: all $(BUILD)/tests/test_durable
	BUILD=$(BUILD) KILLS=$(KILLS) tests/run-tests $(BUILD)/tests/test_durable

# The named mutants of issue 15 (tests/verify-mutants): each a deliberate mistake in the default
# questionnaire that `backcheck verify` must catch with a counter-example that replays. On the
# release build, beside make test (one full verify per mutant); .ci/run runs it.
verify-mutants:
	$(MAKE) VARIANT=release build/release/backcheck
	tests/verify-mutants build/release/backcheck

# The mutation score (tests/mutation-score): every single-operator mutant of every rule
# condition, equivalent ones told apart by `verify --against`, each other killed by verify or
# the vignettes. Slow (a verify per mutant, about half an hour); the figures are in
# docs/verify.md.
mutation-score:
	$(MAKE) VARIANT=release build/release/backcheck
	tests/mutation-score build/release/backcheck

# FHIR R4: every shipped questionnaire, fixture and vignette through npm's `fhir` validator,
# content checks against the JSON results, and negative controls (tests/fhir/run.sh).
test-fhir: all
	tests/fhir/run.sh $(CURDIR)/$(BIN) $(BUILD)

# The printable pages in headless Chromium: A4, at most 2 pages, the title on page one,
# nothing wider than the page, with negative controls (tests/browser/run.sh).
test-browser: all
	tests/browser/run.sh $(CURDIR)/$(BIN) $(BUILD)

# Benchmarks (never run by make test): bench/run.sh prints one table against the release
# build, with bench/'s helpers built beside it (measure, floor, rawparse). bench/load.sh and
# bench/history.sh remain for larger loads and the record commands.
BENCH = build/release/bench

bench:
	$(MAKE) VARIANT=release
	@mkdir -p $(BENCH)
	$(CC) -O2 -o $(BENCH)/measure bench/measure.c
	$(CC) -O2 $(PKG_CFLAGS) -o $(BENCH)/floor bench/floor.c $(PKG_LIBS)
	$(CC) -O2 $(PKG_CFLAGS) -o $(BENCH)/rawparse bench/rawparse.c $(PKG_LIBS)
	bench/run.sh build/release/backcheck $(BENCH)

check-headers:
	@mkdir -p $(BUILD)/hdr
	@for h in $(HEADERS); do \
	  printf '#include "%s"\n' $$(basename $$h) > $(BUILD)/hdr/check.c; \
	  $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsyntax-only $(BUILD)/hdr/check.c || exit 1; \
	  printf '#include "%s"\n#include "%s"\n' $$(basename $$h) $$(basename $$h) > $(BUILD)/hdr/check.c; \
	  $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsyntax-only $(BUILD)/hdr/check.c || exit 1; \
	done; echo "check-headers: $(words $(HEADERS)) headers compile on their own"

deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update && \
	$$SUDO apt-get install -y --no-install-recommends build-essential pkg-config \
	  libreadline-dev libyaml-dev libjansson-dev nettle-dev libcmocka-dev valgrind \
	  clang libclang-rt-dev cppcheck clang-tidy chromium poppler-utils \
	  man-db groff-base debhelper dpkg-dev fakeroot lintian python3-yaml gettext locales bash-completion && \
	{ command -v npm >/dev/null || \
	  $$SUDO apt-get install -y --no-install-recommends nodejs npm; } && \
	npm ci --no-audit --no-fund

run: all
	./backcheck

# install always installs the release build (-O2, no sanitizers), whatever VARIANT is. The
# binary finds its questionnaires as ../share/backcheck/questionnaires beside itself, so the
# installed tree may be moved as a whole.
RELEASE_BIN = build/release/backcheck
DOCS = README.md $(wildcard docs/*.md) docs/output.schema.json

install: $(MO)
	$(MAKE) VARIANT=release $(RELEASE_BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/questionnaires \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR) $(DESTDIR)$(DOCDIR)/docs
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(BINDIR)/backcheck
	install -m 0644 questionnaires/*.yaml $(DESTDIR)$(DATADIR)/questionnaires/
	install -m 0644 docs/backcheck.1 $(DESTDIR)$(MANDIR)/man1/backcheck.1
	install -m 0644 completion/backcheck.bash $(DESTDIR)$(COMPLETIONDIR)/backcheck
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 0644 $(filter docs/%,$(DOCS)) $(DESTDIR)$(DOCDIR)/docs/
	for l in $(PO_LANGS); do \
	  install -D -m 0644 build/locale/$$l/LC_MESSAGES/backcheck.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/backcheck.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/backcheck $(DESTDIR)$(MANDIR)/man1/backcheck.1 \
	  $(DESTDIR)$(COMPLETIONDIR)/backcheck \
	  $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/backcheck.mo)
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

# The Debian package, built from a copy of the tree (what git tracks, and new files it does
# not ignore) in build/deb, so that dpkg-buildpackage's files stay out of the tree; lintian
# then fails on any error. Set DEB_BUILD_OPTIONS=nocheck to skip the release tests.
DEB_SRC = build/deb/backcheck-$(VERSION)

deb:
	rm -rf build/deb
	mkdir -p $(DEB_SRC)
	git ls-files -z --cached --others --exclude-standard | \
	  tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C $(DEB_SRC) -xf -
	if [ -d node_modules ]; then ln -s $(CURDIR)/node_modules $(DEB_SRC)/node_modules; fi
	cd $(DEB_SRC) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error --info build/deb/backcheck_$(VERSION)_*.changes

clean:
	rm -rf build backcheck

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_BIN:=.d) $(TESTLIB_OBJ:.o=.d) $(TOOL_BIN:=.d) $(FUZZ_LIB_OBJ:.o=.d) \
  $(FUZZ_REPLAY_OBJ:.o=.d)
