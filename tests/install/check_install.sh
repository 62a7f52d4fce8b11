#!/bin/sh
# make install into a temporary DESTDIR (with a blank in its name), run the installed binary,
# check every file, make uninstall, check that no file is left. Then the same with BINDIR and
# MANDIR moved, and the default PREFIX. Usage: check_install.sh MAKE SARRAF
make=${1:-make}
bin=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset PREFIX DESTDIR BINDIR MANDIR DATADIR SARRAF_RATES
export LC_ALL=C XDG_CACHE_HOME="$tmp/cache"
passed=0 failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # check WHAT COMMAND...
	what=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok; else fail "$what"; sed 's/^/  /' "$tmp/out"; fi
}
mk() { (cd "$root" && $make --no-print-directory BIN="$bin" "$@"); }

dest="$tmp/dest dir"
check "make install DESTDIR=... PREFIX=/opt/sarraf" mk install DESTDIR="$dest" PREFIX=/opt/sarraf
p="$dest/opt/sarraf"
for f in bin/sarraf share/man/man1/sarraf.1 share/sarraf/rates.json \
	share/bash-completion/completions/sarraf share/zsh/site-functions/_sarraf \
	share/fish/vendor_completions.d/sarraf.fish; do
	if [ -f "$p/$f" ]; then ok; else fail "not installed: $f"; fi
done
if [ -x "$p/bin/sarraf" ]; then ok; else fail "bin/sarraf is not executable"; fi
check "installed files are the sources" cmp "$root/data/rates.json" "$p/share/sarraf/rates.json"
check "installed man page" cmp "$root/data/sarraf.1" "$p/share/man/man1/sarraf.1"

# The installed binary works from anywhere, on its embedded table and on the installed copy.
got=$(cd / && "$p/bin/sarraf" -t 1 USD UZS)
if [ "$got" = "12500.00" ]; then ok; else fail "installed sarraf -t 1 USD UZS: got '$got'"; fi
got=$(cd / && "$p/bin/sarraf" -t -r "$p/share/sarraf/rates.json" 1000000 UZS KZT)
if [ "$got" = "41666.67" ]; then ok; else fail "installed sarraf on the installed rates.json: got '$got'"; fi
check "installed sarraf --version" "$p/bin/sarraf" --version
if command -v mandoc >/dev/null 2>&1; then
	check "the installed man page renders" sh -c "mandoc -Thtml '$p/share/man/man1/sarraf.1' | grep -q 'numfmt'"
fi
check "the installed bash completion registers" bash -c ". '$p/share/bash-completion/completions/sarraf' && complete -p sarraf"

# The library: a program of someone else's built against the installed copy with pkg-config.
for f in lib/libsarraf.a lib/pkgconfig/sarraf.pc include/sarraf/convert.h include/sarraf/tables.h; do
	if [ -f "$p/$f" ]; then ok; else fail "not installed: $f"; fi
done
if command -v pkg-config >/dev/null 2>&1; then
	# A DESTDIR without a blank (pkg-config's flags are split at blanks), then the .pc, which
	# names PREFIX=/opt/sarraf, pointed at that copy as a packager's sysroot would.
	lib="$tmp/libdest"
	check "make install DESTDIR=... (for pkg-config)" mk install DESTDIR="$lib" PREFIX=/opt/sarraf
	pc() { PKG_CONFIG_PATH="$lib/opt/sarraf/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$lib" pkg-config "$@"; }
	check "pkg-config knows sarraf" pc --exists sarraf
	check "an outside program builds with pkg-config --cflags --libs sarraf" \
		sh -c "cc -std=c11 -o '$tmp/example' '$root/tests/install/example.c' $(pc --cflags --libs sarraf)"
	got=$("$tmp/example" 2>&1)
	if [ "$got" = "41666.67" ]; then ok; else fail "the outside program: 1000000 UZS in KZT: got '$got'"; fi
else
	fail "pkg-config is not installed (tests/deps.sh installs it)"
fi

check "make uninstall" mk uninstall DESTDIR="$dest" PREFIX=/opt/sarraf
left=$(find "$dest" ! -type d)
if [ -z "$left" ]; then ok; else fail "left after uninstall: $left"; fi
if [ ! -e "$p/share/sarraf" ]; then ok; else fail "share/sarraf/ left after uninstall"; fi

# BINDIR and MANDIR on their own.
dest2="$tmp/dest2"
check "make install BINDIR MANDIR" mk install DESTDIR="$dest2" BINDIR=/b MANDIR=/m PREFIX=/p
for f in b/sarraf m/man1/sarraf.1 p/share/sarraf/rates.json; do
	if [ -f "$dest2/$f" ]; then ok; else fail "BINDIR/MANDIR: not installed: $f"; fi
done
check "make uninstall BINDIR MANDIR" mk uninstall DESTDIR="$dest2" BINDIR=/b MANDIR=/m PREFIX=/p
left=$(find "$dest2" ! -type d)
if [ -z "$left" ]; then ok; else fail "left after uninstall: $left"; fi

# The default PREFIX is /usr/local (a dry run: nothing is written).
if mk -n install DESTDIR=/x | grep -q '"/x/usr/local/bin/sarraf"'; then ok; else fail "default PREFIX is not /usr/local"; fi

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
