# sarraf - exact currency conversion for Central Asia.
#
#   make              build ./sarraf (installs missing Debian packages when root)
#   make check        every test once: unit, cli, exact and net on the build with ASan + UBSan
#                     (build/san), the unit tests plain too, doc, completions, install-test and
#                     po-test on the plain build, each fuzzer over its seed corpus (-runs=0);
#                     side by side (JOBS, default nproc): about 50 s warm on 2 cores
#   make check-all    make check, plus cli, exact and net on the plain build, the warnings gate
#                     (gcc and clang, -Wconversion -Werror), cppcheck, the stream lanes without
#                     SIMD, the core from two threads under ThreadSanitizer, the CLI tests under
#                     valgrind, and each fuzzer FUZZ_SECONDS (default 60): what CI runs
#                     (.ci/run: make check, then make gate), about 10 minutes on 2 cores
#
#   One test at a time:
#   make unit T=decimal             build and run build/test_decimal (T="decimal date": several)
#   make cli T=convert              the cases of tests/cli/convert.t
#   make cli K=half-even            the cases whose file:line, title or command has "half-even"
#                                   (or: python3 tests/cli/run.py -k half-even ./sarraf convert)
#   make exact | net | doc | completions | install-test     one runner, on the plain build
#   make unit T=decimal SAN=1       any of the above built with ASan + UBSan (in build/san)
#   make check-plain | check-sanitize | fuzz-corpus          every runner plain; the sanitized ones
#   make warnings | cppcheck | nosimd | tsan | valgrind | fuzz   one part of make check-all
#                                   (make valgrind T=convert K=...; make fuzz FUZZ_SECONDS=10)
#
#   make bench        start-up and streams against a C hello-world and mawk (needs hyperfine)
#   make install      the binary, man pages, translations, completions and rates.json under PREFIX
#                     (DESTDIR, BINDIR, MANDIR, DATADIR, ZSHDIR honoured); make uninstall
#   make deb          the Debian package, built in a copy of the tree, checked and linted;
#                     kept in build/deb/ (its path printed)
#   make clean

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
ZSHDIR ?= $(DATADIR)/zsh/site-functions
LIBDIR ?= $(PREFIX)/lib
VERSION := $(shell sed -n 's/^#define SARRAF_VERSION "\(.*\)"/\1/p' src/cli/cli.h)
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BUILD ?= build
BIN ?= sarraf

# Required flags live apart from CFLAGS so that `make CFLAGS=-O0` still builds.
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wwrite-strings -Wformat=2
SARRAF_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -I$(BUILD) -MMD -MP $(WARN)
LIBS = -lcjson
TEST_LIBS = -lcmocka

# The core, libsarraf.a: every .c of src/ and src/feeds/ but the command line's. The command
# line (CLI_SRC) is the only code that knows argv, stdout and exit codes; the unit tests link
# the library alone, so a core module that calls into the command line fails to link.
CLI_SRC = $(wildcard src/cli/*.c src/stream/*.c)
LIB_SRC = $(filter-out $(CLI_SRC) src/main.c,$(wildcard src/*.c src/feeds/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
LIB = $(BUILD)/libsarraf.a
UNIT = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT:%=$(BUILD)/%)

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# SAN=1: the build with AddressSanitizer and UndefinedBehaviorSanitizer, in a BUILD of its own,
# by clang (SAN_CC): a process starts under its AddressSanitizer in 15 ms where gcc's takes 21 ms
# (sarraf 1 USD KZT, measured), and make check starts some 2,000 of them.
SAN_CC ?= clang
ifdef SAN
BUILD = build/san
BIN = build/san/sarraf
CC = $(SAN_CC)
CFLAGS = $(SAN_FLAGS)
endif

# Jobs for make check and make check-all (their parallel make, run.py's pool, the fuzzers).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Processes a runner (run.py, check_exact.py) starts at once: JOBS alone, 1 under make check, whose
# parallel make already runs JOBS runners side by side (more only adds to the machine's work).
RUN_JOBS ?= $(JOBS)

# T and K pick tests: make unit T=decimal, make cli T=convert K=half-even (see the top).
UNIT_RUN = $(if $(T),$(patsubst %,$(BUILD)/test_%,$(patsubst test_%,%,$(T))),$(UNIT_BIN))
CLI_ARGS = -j $(RUN_JOBS)$(if $(K), -k '$(K)') ./$(BIN)$(if $(T), $(T))

# Rates from the network. libcurl is not linked: src/fetch.c dlopen()s libcurl.so.4 on the first
# fetch, so that start-up does not pay for it; its header gives types and constants only.
# dlopen is in libc since glibc 2.34; --as-needed keeps -ldl only where it is still needed.
LIBS += -Wl,--as-needed -ldl -Wl,--no-as-needed

# The core may be used from several threads at once (include/sarraf/context.h): it loads libcurl
# and libxml2 once per process under pthread_once. -pthread for compiling and linking (libpthread
# is part of libc since glibc 2.34: nothing more is loaded at start-up).
SARRAF_CFLAGS += -pthread

# Official rates from the central banks' XML. libxml2 is not linked either: linking it doubles a
# C hello-world's start-up (0.8 -> 1.7 ms, measured), so src/official.c dlopen()s libxml2.so.2 on
# the first parse (a fetch of the feeds); conversions read the official table cached as JSON.
SARRAF_CFLAGS += -I/usr/include/libxml2

# Messages in the user's language (gettext): data/po/sarraf.pot is made from the sources by
# xgettext (make pot), each data/po/LANG.po is compiled to build/locale/LANG/LC_MESSAGES/sarraf.mo
# beside the binary (MO_DIR: build/locale for ./sarraf, build/san/build/locale for
# build/san/sarraf), the one folder the binary looks at beside itself (src/main.c); make install
# puts them under $(LOCALEDIR).
LINGUAS = ru uz kk
LOCALEDIR ?= $(DATADIR)/locale
MO_DIR = $(patsubst ./%,%,$(dir $(BIN))build/locale)
MO = $(LINGUAS:%=$(MO_DIR)/%/LC_MESSAGES/sarraf.mo)
XGETTEXT = xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 \
	--add-comments=TRANSLATORS --package-name=sarraf --package-version=0.1.0 --sort-by-file

# Debian packages: to build, to run the tests (make check: GNU parallel for the case that splits a
# stream with it, which says it is skipped where parallel is missing), and for make check-all's
# valgrind and cppcheck on top.
DEB_BUILD = libcjson-dev libcurl4-openssl-dev libxml2-dev gettext
DEB_TEST = libcmocka-dev python3 mandoc clang libclang-rt-dev pkg-config parallel
DEB_GATE = valgrind cppcheck
NEED_BUILD := $(if $(and $(wildcard /usr/include/cjson/cJSON.h),$(wildcard /usr/include/curl/curl.h \
	/usr/include/*/curl/curl.h),$(wildcard /usr/include/libxml2/libxml/parser.h),\
	$(shell command -v msgfmt)),,deps-build)
NEED_TEST := $(if $(and $(wildcard /usr/include/cmocka.h),$(shell command -v python3),$(shell command -v pkg-config),$(shell command -v mandoc),$(shell command -v parallel),\
	$(shell command -v clang),$(wildcard /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a)),,deps-test)
NEED_GATE := $(if $(and $(shell command -v valgrind),$(shell command -v cppcheck)),,deps-gate)

.PHONY: all check check-all check-passes check-plain check-sanitize unit cli exact net bench nosimd
.PHONY: deps-build deps-test deps-gate clean FORCE doc completions install-test install uninstall
.PHONY: sanitize-build sanitize-bins sanitize-cli sanitize-net sanitize-exact sanitize-unit
.PHONY: fuzz fuzz-bins fuzz-corpus valgrind warnings cppcheck pot po-test gate gate-rest deb tree tsan

all: $(BIN) $(MO)

# Where make install puts the catalogues, for the binary to look (after $SARRAF_LOCALEDIR and
# the build tree's build/locale).
$(BUILD)/main.o: SARRAF_CFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'

$(MO_DIR)/%/LC_MESSAGES/sarraf.mo: data/po/%.po | $(BUILD) $(NEED_BUILD)
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The template of the messages, made anew from the sources (commit it with the translations).
pot: | $(NEED_BUILD)
	$(XGETTEXT) -o data/po/sarraf.pot $(sort $(wildcard src/*.c src/*/*.c))

# The locales ru_RU, uz_UZ and kk_KZ that tests/po/speaks.py builds with localedef where the
# system lacks them: built once into build/locales and kept (1.7 s each).
SPEAKS_LOCPATH = $(CURDIR)/build/locales

# Every message of the sources translated: the .po against a template made now, no fuzzy and
# no untranslated entry; and a few messages in Russian end to end.
po-test: $(BIN) $(MO) | $(NEED_BUILD)
	SPEAKS_LOCPATH=$(SPEAKS_LOCPATH) \
	sh tests/po/check_po.sh ./$(BIN) "$(XGETTEXT)" $(LINGUAS)

$(BIN): $(CLI_OBJ) $(BUILD)/main.o $(LIB)
	$(CC) $(SARRAF_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(LIB): $(LIB_OBJ) Makefile
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# $(BUILD)/flags holds the compiler and flags the objects were built with; it changes (and the
# objects are rebuilt) when they do, so that no object built with other flags is kept: the
# warnings gate never passes on an object compiled without -Werror.
$(BUILD)/flags: FORCE | $(BUILD)
	@printf '%s\n' "$$BUILD_FLAGS" | cmp -s - $@ || printf '%s\n' "$$BUILD_FLAGS" > $@
$(BUILD)/flags: export BUILD_FLAGS = $(CC) $(SARRAF_CFLAGS) $(CFLAGS) $(LDFLAGS)

# main.o alone holds LOCALEDIR: it is rebuilt when LOCALEDIR (or PREFIX) changes, and nothing else.
$(BUILD)/localedir: FORCE | $(BUILD)
	@printf '%s\n' '$(LOCALEDIR)' | cmp -s - $@ || printf '%s\n' '$(LOCALEDIR)' > $@
$(BUILD)/main.o: $(BUILD)/localedir
FORCE:

$(BUILD)/%.o: src/%.c $(BUILD)/flags | $(BUILD) $(NEED_BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(SARRAF_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(HOT_CFLAGS) -c -o $@ $<

# The column and plain lanes, the stream's inner loop, at -O3 whatever CFLAGS says: 7% of a
# CSV's time in the column lane (measured: tests/bench/stream.sh), none elsewhere.
$(BUILD)/stream/lanes.o: HOT_CFLAGS = -O3

# The embedded table: data/rates.json as a byte array, so the binary needs no files.
$(BUILD)/embedded.c: data/rates.json | $(BUILD)
	{ echo '/* generated from data/rates.json by make: do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo 'const unsigned char sarraf_embedded_rates[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t sarraf_embedded_rates_len = sizeof sarraf_embedded_rates - 1;'; } > $@.tmp
	mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c $(BUILD)/flags
	$(CC) $(SARRAF_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $@

# Unit tests link the library alone. (Only the .c and .a prerequisites: the -MMD file of a test
# names its headers as prerequisites too, and clang refuses them with -o.)
$(BUILD)/test_%: tests/unit/test_%.c $(LIB) | $(NEED_TEST)
	$(CC) $(SARRAF_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS) $(TEST_LIBS)

unit: $(UNIT_RUN)
	@passed=0 failed=0; for t in $(UNIT_RUN); do echo "== $$t"; \
	  if ./$$t; then passed=$$((passed + 1)); else failed=$$((failed + 1)); echo "FAIL $$t"; fi; \
	done; echo "unit: $$passed passed, $$failed failed (test files)"; [ $$failed = 0 ]

cli: $(BIN) $(MO) | $(NEED_TEST)
	python3 tests/cli/run.py $(CLI_ARGS)

exact: $(BIN) | $(NEED_TEST)
	python3 tests/exact/check_exact.py --jobs $(RUN_JOBS) ./$(BIN)
	python3 tests/exact/check_stream.py ./$(BIN)

# Fetching, the cache and the feeds against a local HTTP server (never the internet).
net: $(BIN) $(MO) | $(NEED_TEST)
	python3 tests/net/test_net.py ./$(BIN)

# The man pages: mandoc -Tlint clean, and the same options as --help.
doc: $(BIN) | $(NEED_TEST)
	python3 tests/doc/check_options.py ./$(BIN) data/sarraf.1 $(MAN_LINGUAS:%=data/sarraf.%.1)

completions: $(BIN) | $(NEED_TEST)
	bash tests/completions/test_bash.sh ./$(BIN)

# make install into a temporary DESTDIR, run what it installed, make uninstall.
install-test: $(BIN)
	SPEAKS_LOCPATH=$(SPEAKS_LOCPATH) sh tests/install/check_install.sh "$(MAKE)" ./$(BIN)

# The library for other programs (data/doc/API.md): libsarraf.a, the public headers and
# sarraf.pc, so that `pkg-config --cflags --libs sarraf` builds against it.
HEADERS = $(notdir $(wildcard include/sarraf/*.h))
# Made anew each time: it holds PREFIX, LIBDIR and INCLUDEDIR, which change from one make to the next.
$(BUILD)/sarraf.pc: FORCE | $(BUILD)
	{ echo 'prefix=$(PREFIX)'; echo 'libdir=$(LIBDIR)'; echo 'includedir=$(INCLUDEDIR)'; echo; \
	  echo 'Name: sarraf'; \
	  echo 'Description: exact currency conversion for Central Asia (the core of sarraf)'; \
	  echo 'Version: $(VERSION)'; \
	  echo 'Cflags: -I$${includedir}'; \
	  echo 'Libs: -L$${libdir} -lsarraf -lcjson -ldl -lpthread'; } > $@

# The manuals as installed: their FILES name the paths of the default prefix (/usr/local/share),
# replaced by those of this one. Made anew each time, as PREFIX and the others change from one
# make to the next. MAN_LINGUAS: the translated manuals, data/sarraf.LANG.1.
MAN_LINGUAS = ru
MAN_PATHS = sed -e 's|/usr/local/share/zsh/site-functions|$(ZSHDIR)|g' \
	-e 's|/usr/local/share/zsh/site\\-functions|$(ZSHDIR)|g' \
	-e 's|/usr/local/share/locale|$(LOCALEDIR)|g' -e 's|/usr/local/share/man|$(MANDIR)|g' \
	-e 's|/usr/local/share|$(DATADIR)|g'
$(BUILD)/man/%.1: FORCE | $(BUILD)
	@mkdir -p $(dir $@)
	$(MAN_PATHS) data/$*.1 > $@.tmp && mv $@.tmp $@
MAN_PAGES = $(BUILD)/man/sarraf.1 $(MAN_LINGUAS:%=$(BUILD)/man/sarraf.%.1)

# The one binary (the table is embedded), its manuals, the completions, and a copy of the
# embedded table under share/sarraf/ to start one's own table from; and the library.
INSTALLED = $(BINDIR)/sarraf $(MANDIR)/man1/sarraf.1 $(DATADIR)/sarraf/rates.json \
	$(MAN_LINGUAS:%=$(MANDIR)/%/man1/sarraf.1) \
	$(LIBDIR)/libsarraf.a $(PKGCONFIGDIR)/sarraf.pc $(HEADERS:%=$(INCLUDEDIR)/sarraf/%) \
	$(DATADIR)/bash-completion/completions/sarraf $(ZSHDIR)/_sarraf \
	$(DATADIR)/fish/vendor_completions.d/sarraf.fish \
	$(LINGUAS:%=$(LOCALEDIR)/%/LC_MESSAGES/sarraf.mo)

install: $(BIN) $(MO) $(BUILD)/sarraf.pc $(MAN_PAGES)
	for l in $(LINGUAS); do \
	  install -d "$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES" && \
	  install -m 644 $(MO_DIR)/$$l/LC_MESSAGES/sarraf.mo "$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/sarraf.mo" \
	  || exit 1; done
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(DATADIR)/sarraf" \
	  "$(DESTDIR)$(DATADIR)/bash-completion/completions" "$(DESTDIR)$(ZSHDIR)" \
	  "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d"
	install -m 755 $(BIN) "$(DESTDIR)$(BINDIR)/sarraf"
	install -m 644 $(BUILD)/man/sarraf.1 "$(DESTDIR)$(MANDIR)/man1/sarraf.1"
	for l in $(MAN_LINGUAS); do \
	  install -d "$(DESTDIR)$(MANDIR)/$$l/man1" && \
	  install -m 644 $(BUILD)/man/sarraf.$$l.1 "$(DESTDIR)$(MANDIR)/$$l/man1/sarraf.1" || exit 1; done
	install -m 644 data/rates.json "$(DESTDIR)$(DATADIR)/sarraf/rates.json"
	install -m 644 data/completions/sarraf.bash "$(DESTDIR)$(DATADIR)/bash-completion/completions/sarraf"
	install -m 644 data/completions/_sarraf "$(DESTDIR)$(ZSHDIR)/_sarraf"
	install -m 644 data/completions/sarraf.fish "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/sarraf.fish"
	install -d "$(DESTDIR)$(LIBDIR)" "$(DESTDIR)$(PKGCONFIGDIR)" "$(DESTDIR)$(INCLUDEDIR)/sarraf"
	install -m 644 $(LIB) "$(DESTDIR)$(LIBDIR)/libsarraf.a"
	install -m 644 $(BUILD)/sarraf.pc "$(DESTDIR)$(PKGCONFIGDIR)/sarraf.pc"
	install -m 644 $(addprefix include/sarraf/,$(HEADERS)) "$(DESTDIR)$(INCLUDEDIR)/sarraf"

# Removes what install put there, and share/sarraf/ (ours alone); shared directories stay.
uninstall:
	rm -f $(foreach f,$(INSTALLED),"$(DESTDIR)$(f)")
	rmdir "$(DESTDIR)$(DATADIR)/sarraf" "$(DESTDIR)$(INCLUDEDIR)/sarraf" 2>/dev/null || true

# make check runs every test once, in the build that sees most for its time on the 2-core machine:
# the runners that drive C code (the unit tests, the end-to-end cases, exactness, the network)
# on the build with AddressSanitizer and UndefinedBehaviorSanitizer (build/san), which checks the
# same outputs and statuses as the plain build and every memory access besides; the unit tests
# also plain; the man page, completions, install and catalogue checks (they drive no more C) on
# the plain build, as installed; the fuzzers' seed corpora; the tree. make gate (CI) runs the
# plain build's end-to-end cases, exactness and network too (check-plain: the shipped -O2 build),
# and the end-to-end cases again under valgrind.
check-plain: unit cli exact net doc completions install-test po-test

# A sanitizer's finding exits 86, a status no case expects (its default, 1, is sarraf's own).
# LeakSanitizer checks the unit tests; for the runners that start sarraf (some 1,500 processes)
# it is off: it costs 40 ms at each exit on a 2-core virtual machine, 60 s in all, and make gate runs every
# end-to-end case under valgrind's leak check.
SAN_EXIT = exitcode=86
SAN_RUNNERS = cli net exact unit
check-sanitize: $(SAN_RUNNERS:%=sanitize-%)
sanitize-build:
	$(MAKE) --no-print-directory SAN=1 sanitize-bins
sanitize-bins: $(BIN) $(MO) $(UNIT_BIN)
$(SAN_RUNNERS:%=sanitize-%): sanitize-%: sanitize-build
	ASAN_OPTIONS=$(SAN_EXIT)$(if $(filter unit,$*),,:detect_leaks=0) UBSAN_OPTIONS=$(SAN_EXIT) \
	  $(MAKE) --no-print-directory SAN=1 $*

# The tests, side by side in one parallel make (-O: each runner's output in one piece). The
# Debian packages come first: two apt-get at once would fight over dpkg's lock.
check: | $(NEED_BUILD) $(NEED_TEST)
	@$(MAKE) --no-print-directory $(PARALLEL) RUN_JOBS=1 check-passes
	@echo "make check: all tests passed (sanitized, plain, fuzz seed corpora)"

check-passes: check-sanitize unit doc completions install-test po-test fuzz-corpus tree

# The top level holds the project's own folders and files only (a test's output committed by hand
# shows here); .gitignore keeps the rest out of git status.
TOP_LEVEL = .ci .gitignore LICENSE Makefile README.md data debian include src tests
tree:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  extra=$$(git ls-files | cut -d/ -f1 | sort -u | grep -vxF "$$(printf '%s\n' $(TOP_LEVEL))"); \
	  if [ -n "$$extra" ]; then echo "tree: unexpected at the top level:" $$extra; exit 1; fi; \
	  echo "tree: 1 passed, 0 failed"; \
	else echo "tree: skipped (not a git checkout: nothing to compare)"; fi

# Everything CI runs: make check's passes and the warnings gate side by side, then the CLI tests
# under valgrind, then each fuzzer for FUZZ_SECONDS (60: with 2 jobs, about three minutes).
check-all: | $(NEED_BUILD) $(NEED_TEST) $(NEED_GATE)
	@$(MAKE) --no-print-directory $(PARALLEL) check-passes cli exact net warnings cppcheck nosimd tsan
	@$(MAKE) --no-print-directory gate-rest
	@echo "make check: all tests passed (check-all: warnings, cppcheck, plain, sanitized," \
	  "tsan, valgrind, fuzzing $(FUZZ_SECONDS) s per target, the Debian package)"

# What check-all adds to make check, for a CI that has run make check already (.ci/run).
gate: | $(NEED_BUILD) $(NEED_TEST) $(NEED_GATE)
	@$(MAKE) --no-print-directory $(PARALLEL) cli exact net warnings cppcheck nosimd tsan
	@$(MAKE) --no-print-directory gate-rest
	@echo "make gate: passed (plain cli, exact and net, warnings, cppcheck, tsan, valgrind," \
	  "fuzzing $(FUZZ_SECONDS) s per target, the Debian package)"

gate-rest:
	@$(MAKE) --no-print-directory valgrind
	@$(MAKE) --no-print-directory fuzz
	@$(MAKE) --no-print-directory deb

# -j JOBS unless a jobserver is already on (make -jN check), and -O.
PARALLEL = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(JOBS)) -O

# Fuzzing with libFuzzer (clang): tests/fuzz/fuzz_*.c link the core objects, all built with
# ASan + UBSan in build/fuzz. Each target runs FUZZ_SECONDS from its seed corpus
# tests/fuzz/corpus/TARGET (new inputs go to build/fuzz/corpus/, findings to build/fuzz/artifacts/).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = decimal format load stream cli date nbkr_archive config archive
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# The core's fuzzers link the library alone; fuzz_cli and fuzz_stream drive the command line, so
# they link its objects (never main.o) before the library.
FUZZ_CLI_TARGETS = cli stream config
$(FUZZ_CLI_TARGETS:%=$(BUILD)/fuzz_%): $(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(CLI_OBJ) $(LIB) | $(NEED_TEST)
	$(CC) $(SARRAF_CFLAGS) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $(filter %.c %.o %.a,$^) $(LIBS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB) | $(NEED_TEST)
	$(CC) $(SARRAF_CFLAGS) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS)

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

FUZZ_VARS = BUILD=build/fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_FLAGS)"

fuzz: | $(NEED_TEST)
	$(MAKE) --no-print-directory $(FUZZ_VARS) fuzz-bins
	FUZZ_JOBS=$(JOBS) sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# A regression pass: each target over its seed corpus once, no fuzzing (part of make check).
fuzz-corpus: | $(NEED_TEST)
	$(MAKE) --no-print-directory $(FUZZ_VARS) fuzz-bins
	FUZZ_JOBS=$(JOBS) sh tests/fuzz/run.sh build/fuzz 0 $(FUZZ_TARGETS)

# The end-to-end CLI tests again, every run of the plain build under valgrind (memcheck): no
# errors and no definite or indirect leaks. run.py reads valgrind's log of each process (so that
# the cases' stderr stays as it is) and fails a case whose log reports anything; the exit status
# is left to the case (99, not 1, so that it is never taken for sarraf's own status 1). The cases
# run JOBS at a time, each in a directory of its own; T and K pick cases as for make cli.
VALGRIND = valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect

valgrind: $(BIN) | $(NEED_TEST) $(NEED_GATE)
	SARRAF_WRAP="$(VALGRIND)" python3 tests/cli/run.py $(CLI_ARGS)

# The warnings gate: the binary and the unit tests built with gcc and with clang, each into a
# BUILD of its own, with -Wconversion on top of WARN and -Werror; and cppcheck on src/.
# (cppcheck's ctuuninitvar on words.c is a false positive: words_operands() takes the address of
# out->text, an output, before anything is read from it.)
STRICT = -O2 -Wconversion -Werror
CPPCHECK = cppcheck -q --error-exitcode=1 --enable=warning,portability,performance --std=c11 \
	--suppress=ctuuninitvar:src/words.c -Iinclude -Isrc

WARN_CCS = gcc clang
.PHONY: $(WARN_CCS:%=warnings-%)
warnings: $(WARN_CCS:%=warnings-%)

$(WARN_CCS:%=warnings-%): warnings-%: | $(NEED_BUILD) $(NEED_TEST)
	@$(MAKE) --no-print-directory -s BUILD=build/warn-$* BIN=build/warn-$*/sarraf CC=$* \
	  CFLAGS="$(STRICT)" build/warn-$*/sarraf $(UNIT:%=build/warn-$*/%)
	@echo "warnings: $* clean ($(WARN) -Wconversion -Werror)"

# The stream lanes' portable code (no SSE2): the binary built with SARRAF_NO_SIMD, through the
# stream cases and the exactness of streams.
nosimd: | $(NEED_BUILD) $(NEED_TEST)
	@$(MAKE) --no-print-directory -s BUILD=build/nosimd BIN=build/nosimd/sarraf \
	  CFLAGS="-O2 -DSARRAF_NO_SIMD" build/nosimd/sarraf
	python3 tests/cli/run.py -j $(JOBS) build/nosimd/sarraf stream
	python3 tests/exact/check_stream.py build/nosimd/sarraf

cppcheck: | $(NEED_GATE)
	$(CPPCHECK) src/
	@echo "cppcheck: src/ clean"

# The core from two threads at once (tests/unit/test_threads.c), the library and the test built
# with ThreadSanitizer in a BUILD of their own: a data race fails the run. Then the library's
# symbols: no getenv, and no writable static but the once-per-process loading of libcurl and
# libxml2 and the i18n setup's once-flag (tests/unit/check_core_state.sh). Then the stream
# cases on the command line so built: a big file is read ahead by a thread (src/stream/prefetch.c).
TSAN_FLAGS = -O1 -g -fsanitize=thread -fno-omit-frame-pointer

tsan: | $(NEED_BUILD) $(NEED_TEST)
	@$(MAKE) --no-print-directory -s BUILD=build/tsan BIN=build/tsan/sarraf CFLAGS="$(TSAN_FLAGS)" \
	  build/tsan/test_threads build/tsan/sarraf
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 $$TSAN_OPTIONS" build/tsan/test_threads
	sh tests/unit/check_core_state.sh build/tsan/libsarraf.a
	TSAN_OPTIONS="halt_on_error=1 exitcode=86 $$TSAN_OPTIONS" \
	  python3 tests/cli/run.py -j $(RUN_JOBS) build/tsan/sarraf stream bad-streams

# Benchmarks are run by hand, never as timed tests.
bench: $(BIN)
	sh tests/bench/startup.sh ./$(BIN)
	sh tests/bench/stream.sh ./$(BIN)
	sh tests/bench/dated.sh ./$(BIN)
	sh tests/bench/history.sh ./$(BIN)

deps-build:
	@sh -c '. ./tests/deps.sh; need_debs $(DEB_BUILD)'

# One after the other, never side by side: one apt-get at a time.
deps-test: | $(NEED_BUILD)
	@sh -c '. ./tests/deps.sh; need_debs $(DEB_TEST)'

deps-gate: | $(NEED_BUILD) $(NEED_TEST)
	@sh -c '. ./tests/deps.sh; need_debs $(DEB_GATE)'

clean:
	rm -rf $(BUILD) build $(BIN)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(BUILD)/main.d $(UNIT_BIN:=.d)

# The Debian package (debian/): built with dpkg-buildpackage in a copy of the tree, then its
# files, its dependencies, the unpacked binary, lintian and blhc (tests/deb/check_deb.sh).
DEB_PKG = build-essential debhelper dpkg-dev fakeroot lintian blhc $(DEB_BUILD) \
	libcmocka-dev python3 mandoc

.PHONY: deb deps-deb
deb: deps-deb
	sh tests/deb/check_deb.sh

deps-deb:
	@sh -c '. ./tests/deps.sh; need_debs $(DEB_PKG)'
