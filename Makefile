# sarraf - exact currency conversion for Central Asia.
#
#   make              build ./sarraf (installs missing Debian packages when root)
#   make check        the warnings gate (gcc, clang, cppcheck), every test, again under ASan +
#                     UBSan, the CLI tests under valgrind, each fuzzer FUZZ_SECONDS (default 60)
#   make fuzz         the libFuzzer targets only (FUZZ_SECONDS each); make valgrind, make warnings
#   make bench        start-up time against a C hello-world (needs hyperfine)
#   make install      the binary, man page, completions and rates.json under PREFIX
#                     (DESTDIR, BINDIR, MANDIR, DATADIR, ZSHDIR honoured); make uninstall
#   make deb          the Debian package, built in a copy of the tree, checked and linted
#   make clean

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
ZSHDIR ?= $(DATADIR)/zsh/site-functions
BUILD ?= build
BIN ?= sarraf

# Required flags live apart from CFLAGS so that `make CFLAGS=-O0` still builds.
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wwrite-strings -Wformat=2
SARRAF_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -I$(BUILD) -MMD -MP $(WARN)
LIBS = -lcjson
TEST_LIBS = -lcmocka

# The core, libsarraf.a: every .c of src/ and src/feeds/ but the command line's. The command
# line (CLI_SRC) is the only code that knows argv, stdout and exit codes; the unit tests link
# the library alone, so a core module that calls into the command line fails to link.
CLI_SRC = src/cli.c src/stream.c src/explain.c $(wildcard src/cli_*.c)
LIB_SRC = $(filter-out $(CLI_SRC) src/main.c,$(wildcard src/*.c src/feeds/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
LIB = $(BUILD)/libsarraf.a
UNIT = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT:%=$(BUILD)/%)

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Rates from the network. libcurl is not linked: src/fetch.c dlopen()s libcurl.so.4 on the first
# fetch, so that start-up does not pay for it; its header gives types and constants only.
# dlopen is in libc since glibc 2.34; --as-needed keeps -ldl only where it is still needed.
LIBS += -Wl,--as-needed -ldl -Wl,--no-as-needed

# Official rates from the central banks' XML. libxml2 is not linked either: linking it doubles a
# C hello-world's start-up (0.8 -> 1.7 ms, measured), so src/official.c dlopen()s libxml2.so.2 on
# the first parse (a fetch of the feeds); conversions read the official table cached as JSON.
SARRAF_CFLAGS += -I/usr/include/libxml2

# Debian packages: to build, and to run the tests.
DEB_BUILD = libcjson-dev libcurl4-openssl-dev libxml2-dev
DEB_TEST = libcmocka-dev python3 mandoc clang libclang-rt-dev valgrind cppcheck
NEED_BUILD = $(if $(and $(wildcard /usr/include/cjson/cJSON.h),$(wildcard /usr/include/curl/curl.h \
	/usr/include/*/curl/curl.h),$(wildcard /usr/include/libxml2/libxml/parser.h)),,deps-build)
NEED_TEST = $(if $(and $(wildcard /usr/include/cmocka.h),$(shell command -v python3),$(shell command -v mandoc),\
	$(shell command -v clang),$(shell command -v valgrind),$(shell command -v cppcheck)),,deps-test)

.PHONY: all check check-fast check-sanitize unit cli exact net bench deps-build deps-test clean
.PHONY: doc completions install-test install uninstall
.PHONY: fuzz fuzz-bins valgrind warnings cppcheck

all: $(BIN)

$(BIN): $(CLI_OBJ) $(BUILD)/main.o $(LIB)
	$(CC) $(SARRAF_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(LIB): $(LIB_OBJ) Makefile
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: src/%.c | $(BUILD) $(NEED_BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(SARRAF_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The embedded table: data/rates.json as a byte array, so the binary needs no files.
$(BUILD)/embedded.c: data/rates.json | $(BUILD)
	{ echo '/* generated from data/rates.json by make: do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo 'const unsigned char sarraf_embedded_rates[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t sarraf_embedded_rates_len = sizeof sarraf_embedded_rates - 1;'; } > $@.tmp
	mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(SARRAF_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $@

# Unit tests link the library alone. (Only the .c and .a prerequisites: the -MMD file of a test
# names its headers as prerequisites too, and clang refuses them with -o.)
$(BUILD)/test_%: tests/unit/test_%.c $(LIB) | $(NEED_TEST)
	$(CC) $(SARRAF_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS) $(TEST_LIBS)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; ./$$t; done

cli: $(BIN) | $(NEED_TEST)
	python3 tests/cli/run.py ./$(BIN)

exact: $(BIN) | $(NEED_TEST)
	python3 tests/exact/check_exact.py ./$(BIN)
	python3 tests/exact/check_stream.py ./$(BIN)

# Fetching, the cache and the feeds against a local HTTP server (never the internet).
net: $(BIN) | $(NEED_TEST)
	python3 tests/net/test_net.py ./$(BIN)

# The man page: mandoc -Tlint clean, and the same options as --help.
doc: $(BIN) | $(NEED_TEST)
	python3 tests/doc/check_options.py ./$(BIN) data/sarraf.1

completions: $(BIN) | $(NEED_TEST)
	bash tests/completions/test_bash.sh ./$(BIN)

# make install into a temporary DESTDIR, run what it installed, make uninstall.
install-test: $(BIN)
	sh tests/install/check_install.sh "$(MAKE)" ./$(BIN)

# The one binary (the table is embedded), its manual, the completions, and a copy of the
# embedded table under share/sarraf/ to start one's own table from.
INSTALLED = $(BINDIR)/sarraf $(MANDIR)/man1/sarraf.1 $(DATADIR)/sarraf/rates.json \
	$(DATADIR)/bash-completion/completions/sarraf $(ZSHDIR)/_sarraf \
	$(DATADIR)/fish/vendor_completions.d/sarraf.fish

install: $(BIN)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(DATADIR)/sarraf" \
	  "$(DESTDIR)$(DATADIR)/bash-completion/completions" "$(DESTDIR)$(ZSHDIR)" \
	  "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d"
	install -m 755 $(BIN) "$(DESTDIR)$(BINDIR)/sarraf"
	install -m 644 data/sarraf.1 "$(DESTDIR)$(MANDIR)/man1/sarraf.1"
	install -m 644 data/rates.json "$(DESTDIR)$(DATADIR)/sarraf/rates.json"
	install -m 644 data/completions/sarraf.bash "$(DESTDIR)$(DATADIR)/bash-completion/completions/sarraf"
	install -m 644 data/completions/_sarraf "$(DESTDIR)$(ZSHDIR)/_sarraf"
	install -m 644 data/completions/sarraf.fish "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/sarraf.fish"

# Removes what install put there, and share/sarraf/ (ours alone); shared directories stay.
uninstall:
	rm -f $(foreach f,$(INSTALLED),"$(DESTDIR)$(f)")
	rmdir "$(DESTDIR)$(DATADIR)/sarraf" 2>/dev/null || true

# One pass of every test with the build in $(BUILD).
check-fast: unit cli exact net doc completions install-test

# The same tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-sanitize:
	$(MAKE) --no-print-directory BUILD=build/san BIN=build/san/sarraf CFLAGS="$(SAN_FLAGS)" check-fast

# Everything: the warnings gate, every test plain, again under ASan + UBSan, the CLI tests under
# valgrind, and each fuzzer for FUZZ_SECONDS (60: five minutes in all; make check FUZZ_SECONDS=10
# for a quicker run).
check: warnings cppcheck check-fast
	$(MAKE) --no-print-directory check-sanitize
	$(MAKE) --no-print-directory valgrind
	$(MAKE) --no-print-directory fuzz
	@echo "make check: all tests passed (warnings, plain, sanitized, valgrind and fuzz runs)"

# Fuzzing with libFuzzer (clang): tests/fuzz/fuzz_*.c link the core objects, all built with
# ASan + UBSan in build/fuzz. Each target runs FUZZ_SECONDS from its seed corpus
# tests/fuzz/corpus/TARGET (new inputs go to build/fuzz/corpus/, findings to build/fuzz/artifacts/).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = decimal format load stream cli
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# The core's fuzzers link the library alone; fuzz_cli and fuzz_stream drive the command line, so
# they link its objects (never main.o) before the library.
FUZZ_CLI_TARGETS = cli stream
$(FUZZ_CLI_TARGETS:%=$(BUILD)/fuzz_%): $(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(CLI_OBJ) $(LIB) | $(NEED_TEST)
	$(CC) $(SARRAF_CFLAGS) -Isrc $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $(filter %.c %.o %.a,$^) $(LIBS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB) | $(NEED_TEST)
	$(CC) $(SARRAF_CFLAGS) -Isrc $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $(filter %.c %.a,$^) $(LIBS)

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

fuzz: | $(NEED_TEST)
	$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_FLAGS)" fuzz-bins
	sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The end-to-end CLI tests again, every run of the plain build under valgrind (memcheck): no
# errors and no definite or indirect leaks. run.py reads valgrind's log of each process (so that
# the cases' stderr stays as it is) and fails a case whose log reports anything; the exit status
# is left to the case (99, not 1, so that it is never taken for sarraf's own status 1).
VALGRIND = valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect

valgrind: $(BIN) | $(NEED_TEST)
	SARRAF_WRAP="$(VALGRIND)" python3 tests/cli/run.py ./$(BIN)

# The warnings gate: the binary and the unit tests built with gcc and with clang, each into a
# BUILD of its own, with -Wconversion on top of WARN and -Werror; and cppcheck on src/.
# (cppcheck's ctuuninitvar on words.c is a false positive: words_operands() takes the address of
# out->text, an output, before anything is read from it.)
STRICT = -O2 -Wconversion -Werror
CPPCHECK = cppcheck -q --error-exitcode=1 --enable=warning,portability,performance --std=c11 \
	--suppress=ctuuninitvar:src/words.c -Iinclude -Isrc

warnings: | $(NEED_BUILD) $(NEED_TEST)
	@set -e; for cc in gcc clang; do \
	  b=build/warn-$$cc; \
	  $(MAKE) --no-print-directory -s BUILD=$$b BIN=$$b/sarraf CC=$$cc CFLAGS="$(STRICT)" \
	    $$b/sarraf $(UNIT:%=$$b/%); \
	  echo "warnings: $$cc clean ($(WARN) -Wconversion -Werror)"; done

cppcheck: | $(NEED_TEST)
	$(CPPCHECK) src/
	@echo "cppcheck: src/ clean"

# Benchmarks are run by hand, never as timed tests.
bench: $(BIN)
	sh tests/bench/startup.sh ./$(BIN)
	sh tests/bench/stream.sh ./$(BIN)

deps-build:
	@sh -c '. ./tests/deps.sh; need_debs $(DEB_BUILD)'

deps-test:
	@sh -c '. ./tests/deps.sh; need_debs $(DEB_TEST)'

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
