#!/bin/sh
# make install into a temporary DESTDIR (with a blank in its name), run the installed binary,
# check every file, make uninstall, check that no file is left. Then the same with BINDIR and
# MANDIR moved, and the default PREFIX. Usage: check_install.sh MAKE SARRAF (the tree's binary,
# left alone: the installs build in build/install-test)
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
# A build of its own (build/install-test): the installs below build for other prefixes, and must
# not relink the tree's ./sarraf while other tests run it (make check runs them side by side).
build=build/install-test
mk() { (cd "$root" && $make --no-print-directory BUILD="$build" BIN="$build/sarraf" "$@"); }

dest="$tmp/dest dir"
check "make install DESTDIR=... PREFIX=/opt/sarraf" mk install DESTDIR="$dest" PREFIX=/opt/sarraf
p="$dest/opt/sarraf"
for f in bin/sarraf share/man/man1/sarraf.1 share/man/ru/man1/sarraf.1 share/sarraf/rates.json \
	share/bash-completion/completions/sarraf share/zsh/site-functions/_sarraf \
	share/fish/vendor_completions.d/sarraf.fish share/locale/ru/LC_MESSAGES/sarraf.mo \
	share/locale/uz/LC_MESSAGES/sarraf.mo share/locale/kk/LC_MESSAGES/sarraf.mo; do
	if [ -f "$p/$f" ]; then ok; else fail "not installed: $f"; fi
done
if [ -x "$p/bin/sarraf" ]; then ok; else fail "bin/sarraf is not executable"; fi
check "installed files are the sources" cmp "$root/data/rates.json" "$p/share/sarraf/rates.json"
# The manuals name the files of this prefix (FILES), not those of the default one.
for m in man1/sarraf.1 ru/man1/sarraf.1; do
	if grep -q '/opt/sarraf/share/sarraf/rates.json' "$p/share/man/$m" && ! grep -q /usr/local/share "$p/share/man/$m" &&
		grep -q '/opt/sarraf/share/locale/' "$p/share/man/$m"; then
		ok
	else
		fail "the installed $m does not name the paths of PREFIX=/opt/sarraf"
	fi
done

# The installed binary works from anywhere, on its embedded table and on the installed copy.
got=$(cd / && "$p/bin/sarraf" -t 1 USD UZS)
if [ "$got" = "12500.00" ]; then ok; else fail "installed sarraf -t 1 USD UZS: got '$got'"; fi
got=$(cd / && "$p/bin/sarraf" -t -r "$p/share/sarraf/rates.json" 1000000 UZS KZT)
if [ "$got" = "41666.67" ]; then ok; else fail "installed sarraf on the installed rates.json: got '$got'"; fi
check "installed sarraf --version" "$p/bin/sarraf" --version
if command -v mandoc >/dev/null 2>&1; then
	check "the installed man page renders" sh -c "mandoc -Thtml '$p/share/man/man1/sarraf.1' | grep -q 'numfmt'"
	check "the installed Russian man page renders" sh -c "mandoc -Tutf8 '$p/share/man/ru/man1/sarraf.1' | grep -q 'Команды пользователя'"
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
check "make install BINDIR MANDIR" mk install DESTDIR="$dest2" BINDIR=/b MANDIR=/m ZSHDIR=/z PREFIX=/p
for f in b/sarraf m/man1/sarraf.1 m/ru/man1/sarraf.1 p/share/sarraf/rates.json z/_sarraf; do
	if [ -f "$dest2/$f" ]; then ok; else fail "BINDIR/MANDIR: not installed: $f"; fi
done
for m in man1/sarraf.1 ru/man1/sarraf.1; do
	if grep -q '^\.It Pa /z/_sarraf$\|^\.I /z/_sarraf$' "$dest2/m/$m" && grep -q '/m/ru/man1/sarraf\.1' "$dest2/m/$m"; then
		ok
	else
		fail "the installed $m does not name ZSHDIR=/z and MANDIR=/m"
	fi
done
check "make uninstall BINDIR MANDIR" mk uninstall DESTDIR="$dest2" BINDIR=/b MANDIR=/m ZSHDIR=/z PREFIX=/p
left=$(find "$dest2" ! -type d)
if [ -z "$left" ]; then ok; else fail "left after uninstall: $left"; fi

# Built for /usr, as a package is: staged under DESTDIR, the binary speaks Russian from the staged
# catalogue ($SARRAF_LOCALEDIR, as it cannot look in /usr/share/locale before it is there); it was
# built to look in /usr/share/locale. LANGUAGE with LC_ALL=C.UTF-8: no generated locale is needed.
dest3="$tmp/usr dest"
check "make install DESTDIR=... PREFIX=/usr" mk install DESTDIR="$dest3" PREFIX=/usr
for l in ru uz kk; do
	if [ -f "$dest3/usr/share/locale/$l/LC_MESSAGES/sarraf.mo" ]; then ok; else fail "PREFIX=/usr: no $l catalogue"; fi
done
got=$(LANGUAGE=ru LC_ALL=C.UTF-8 SARRAF_LOCALEDIR="$dest3/usr/share/locale" "$dest3/usr/bin/sarraf" 1 XYZ KZT 2>&1)
case $got in *"неизвестная валюта 'XYZ'"*) ok ;; *) fail "staged /usr binary in Russian: got '$got'" ;; esac
if grep -aq '/usr/share/locale' "$dest3/usr/bin/sarraf"; then ok; else fail "the /usr binary does not look in /usr/share/locale"; fi
check "make uninstall DESTDIR=... PREFIX=/usr" mk uninstall DESTDIR="$dest3" PREFIX=/usr
left=$(find "$dest3" ! -type d)
if [ -z "$left" ]; then ok; else fail "left after uninstall: $left"; fi

# Installed for real under a prefix, after the plain build: it speaks from PREFIX/share/locale with
# no help, and takes nothing beside itself for its catalogues but a folder build/locale: a program
# named locale (glibc's, in /usr/bin) and a file build/locale are passed over.
pre="$tmp/prefix"
check "make install PREFIX=..." mk install PREFIX="$pre"
printf '#!/bin/sh\n' >"$pre/bin/locale" && chmod 755 "$pre/bin/locale"
mkdir -p "$pre/bin/build" && : >"$pre/bin/build/locale"
for want in "ru неизвестная валюта 'XYZ'" "uz nomaʼlum valyuta 'XYZ'" "kk белгісіз валюта 'XYZ'"; do
	l=${want%% *}
	got=$(cd / && env -u SARRAF_LOCALEDIR LANGUAGE=$l LC_ALL=C.UTF-8 "$pre/bin/sarraf" 1 XYZ KZT 2>&1)
	case $got in *"${want#* }"*) ok ;; *) fail "installed under PREFIX, LANGUAGE=$l: got '$got'" ;; esac
done
got=$(cd / && env -u SARRAF_LOCALEDIR LANGUAGE=ru LC_ALL=C.UTF-8 "$pre/bin/sarraf" -t 1000000 UZS KZT 2>&1)
if [ "$got" = "41666.67" ]; then ok; else fail "installed, LANGUAGE=ru: -t changed: '$got'"; fi
# Each language end to end from the installed tree: an error, a note, --help, list, --explain.
if (cd / && env -u SARRAF_LOCALEDIR python3 "$root/tests/po/speaks.py" "$pre/bin/sarraf" "$pre/share/locale" ru uz kk) \
	>"$tmp/out" 2>&1; then
	ok
else
	fail "the installed sarraf in ru, uz, kk (speaks.py)"
	sed 's/^/  /' "$tmp/out"
fi
rm -f "$pre/bin/locale" "$pre/bin/build/locale" && rmdir "$pre/bin/build"
check "make uninstall PREFIX=..." mk uninstall PREFIX="$pre"
left=$(find "$pre" ! -type d)
if [ -z "$left" ]; then ok; else fail "left after uninstall: $left"; fi

# The default PREFIX is /usr/local (a dry run: nothing is written).
if mk -n install DESTDIR=/x | grep -q '"/x/usr/local/bin/sarraf"'; then ok; else fail "default PREFIX is not /usr/local"; fi

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
