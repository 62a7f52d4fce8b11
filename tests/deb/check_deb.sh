#!/bin/sh
# The Debian package: dpkg-buildpackage -us -uc -b in a copy of the tree (it writes to ../ and
# into debian/, so the working tree is left as it is), then the .deb's files, its control
# fields, the unpacked binary run in each language, lintian (fails on errors) and blhc (the
# build flags). The .deb is kept in build/deb/ (ignored by git) and its path printed.
# Usage: check_deb.sh   (from the repository root; make deb installs what it needs)
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
passed=0 failed=0
tree_state() { git -C "$root" status --porcelain --ignored 2>/dev/null; }
before=$(tree_state)

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# The copy: the files git knows, tracked or new, as they are in the working tree (so that
# uncommitted changes are built too); outside a git checkout, everything but the build output.
src="$tmp/sarraf"
mkdir "$src"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$root" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf -) | tar -xf - -C "$src"
else
	(cd "$root" && tar --exclude=./build --exclude=./sarraf --exclude=./debian/sarraf \
		--exclude=./debian/.debhelper -cf - .) | tar -xf - -C "$src"
fi

version=$(cd "$src" && dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
deb="$tmp/sarraf_${version}_${arch}.deb"
changes="$tmp/sarraf_${version}_${arch}.changes"

start=$(date +%s)
if (cd "$src" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then
	ok
	echo "deb: built $(basename "$deb") in $(($(date +%s) - start)) s, $(stat -c %s "$deb") bytes"
else
	fail "dpkg-buildpackage -us -uc -b"
	tail -n 40 "$tmp/build.log" | sed 's/^/  /'
	echo "deb: $passed passed, $failed failed"
	exit 1
fi

# The files of the package.
dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/bin/sarraf /usr/share/man/man1/sarraf.1.gz /usr/share/man/ru/man1/sarraf.1.gz \
	/usr/share/bash-completion/completions/sarraf /usr/share/zsh/vendor-completions/_sarraf \
	/usr/share/fish/vendor_completions.d/sarraf.fish /usr/share/sarraf/rates.json \
	/usr/share/doc/sarraf/copyright /usr/share/doc/sarraf/README.Debian; do
	if grep -qx "$f" "$tmp/files"; then ok; else fail "not in the package: $f"; fi
done
if grep -q '^/usr/local' "$tmp/files"; then fail "files under /usr/local"; else ok; fi
if grep -q 'site-functions' "$tmp/files"; then fail "zsh completion outside vendor-completions"; else ok; fi

# Its relations: cJSON found by dpkg-shlibdeps, the dlopen()ed libraries declared by hand.
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
case $depends in *libcjson1*) ok ;; *) fail "Depends lacks libcjson1: $depends" ;; esac
case $recommends in *libcurl4*) ok ;; *) fail "Recommends lacks libcurl4: $recommends" ;; esac
case $recommends in *libxml2*) ok ;; *) fail "Recommends lacks libxml2: $recommends" ;; esac

# The copyright file is machine-readable.
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/share/doc/sarraf/copyright >"$tmp/copyright"
if head -n 1 "$tmp/copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/'; then
	ok
else
	fail "copyright is not DEP-5"
fi

# The unpacked binary runs, on its embedded table and on the packaged rates.json.
x="$tmp/root"
dpkg-deb -x "$deb" "$x"
export XDG_CACHE_HOME="$tmp/cache"
got=$(cd / && "$x/usr/bin/sarraf" -t 100 USD KZT)
if printf '%s\n' "$got" | grep -Eqx -- '-?[0-9]+(\.[0-9]+)?'; then ok; else fail "sarraf -t 100 USD KZT: got '$got'"; fi
got=$(cd / && "$x/usr/bin/sarraf" -t -r "$x/usr/share/sarraf/rates.json" 1000000 UZS KZT)
if [ "$got" = "41666.67" ]; then ok; else fail "sarraf on the packaged rates.json: got '$got'"; fi
got=$("$x/usr/bin/sarraf" --version 2>&1)
case $got in *"${version%-*}"*) ok ;; *) fail "sarraf --version: got '$got'" ;; esac
if zcat "$x/usr/share/man/man1/sarraf.1.gz" | grep -q '^\.Dt SARRAF 1'; then ok; else fail "man page"; fi

# It speaks Russian where it is installed: built for /usr, it looks in /usr/share/locale, where the
# package puts the catalogue (here unpacked under $x, so SARRAF_LOCALEDIR points there).
for l in ru uz kk; do
	if grep -qx /usr/share/locale/$l/LC_MESSAGES/sarraf.mo "$tmp/files"; then ok; else fail "no $l catalogue"; fi
done
if grep -aq '/usr/share/locale' "$x/usr/bin/sarraf" && ! grep -aq '/usr/local/share/locale' "$x/usr/bin/sarraf"; then
	ok
else
	fail "the packaged binary does not look in /usr/share/locale"
fi
got=$(LANGUAGE=ru LC_ALL=C.UTF-8 SARRAF_LOCALEDIR="$x/usr/share/locale" "$x/usr/bin/sarraf" --help 2>&1 | head -1)
case $got in *Использование*|*СУММА*) ok ;; *) fail "LANGUAGE=ru sarraf --help: got '$got'" ;; esac
# Russian, Uzbek and Kazakh end to end (tests/po/speaks.py), from the packaged catalogues.
if (cd / && SARRAF_LOCALEDIR="$x/usr/share/locale" python3 "$root/tests/po/speaks.py" "$x/usr/bin/sarraf" \
	"$x/usr/share/locale" ru uz kk) >"$tmp/speaks" 2>&1; then
	ok
else
	fail "the packaged sarraf in ru, uz, kk (speaks.py)"
	sed 's/^/  /' "$tmp/speaks"
fi
# The Russian manual, with the packaged paths.
if zcat "$x/usr/share/man/ru/man1/sarraf.1.gz" | grep -q '^\.I /usr/share/sarraf/rates.json$' &&
	zcat "$x/usr/share/man/man1/sarraf.1.gz" | grep -q '^\.It Pa /usr/share/zsh/vendor-completions/_sarraf$'; then
	ok
else
	fail "the packaged manuals do not name the package's paths"
fi
if grep -q '^/usr/include\|libsarraf\|pkgconfig' "$tmp/files"; then fail "the library's files in the program's package"; else ok; fi

# lintian on the .changes (the .debs and the .buildinfo): errors fail, the rest is shown.
if lintian --fail-on error --display-info --pedantic "$changes" >"$tmp/lintian" 2>&1; then ok; else fail "lintian reports errors"; fi
grep -v '^running with root privileges' "$tmp/lintian" | sed 's/^/  lintian: /'

# blhc: the hardening flags of dpkg-buildflags reach every compile and link line.
if command -v blhc >/dev/null 2>&1; then
	if blhc "$tmp/build.log" >"$tmp/blhc" 2>&1; then ok; else fail "blhc"; sed 's/^/  /' "$tmp/blhc"; fi
fi

# The working tree is as it was (nothing built or written there).
if [ "$(tree_state)" = "$before" ]; then ok; else fail "the working tree changed"; fi

# The package is kept under build/ (ignored by git; make clean removes it), never at the top.
mkdir -p "$root/build/deb" && cp "$deb" "$root/build/deb/" && echo "deb: $root/build/deb/$(basename "$deb")"

echo "deb: $passed passed, $failed failed"
[ "$failed" = 0 ]
