#!/bin/sh
# check_po.sh - every message of the sources is translated, and the translations reach the user.
# Usage: check_po.sh SARRAF "XGETTEXT COMMAND" LANG...
#   - for each LANG: data/po/LANG.po merged with a template made now from src/ has no fuzzy and
#     no untranslated message (msgfmt --statistics), and passes msgfmt --check;
#   - end to end: LANGUAGE=ru gives Russian with a UTF-8 locale (C.UTF-8 too), no setting gives
#     English, and numbers, -t and --output never change with the language;
#   - each LANG end to end from the build tree (tests/po/speaks.py: an error, a note, a plural,
#     --help, list and --explain in that language with their columns by display width, with
#     LANGUAGE and LC_ALL=C.UTF-8 and with LANG=xx_YY.UTF-8 alone).
set -u
sarraf=$1
xgettext=$2
shift 2
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

$xgettext -o "$tmp/sarraf.pot" $(ls src/*.c src/*/*.c | sort) || { echo "FAIL xgettext"; exit 1; }
for l in "$@"; do
	msgmerge -q --no-fuzzy-matching -o "$tmp/$l.po" "data/po/$l.po" "$tmp/sarraf.pot"
	stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$l.po" 2>&1)
	case "$stats" in
	*untranslated* | *fuzzy* | *error*) fail "$l.po is not complete: $stats" ;;
	*translated*) ok ;;
	*) fail "$l.po: $stats" ;;
	esac
done

# $1: what; $2: expected fragment; the rest: the command (stderr and stdout together)
expect() {
	what=$1 want=$2
	shift 2
	got=$("$@" 2>&1)
	case "$got" in
	*"$want"*) ok ;;
	*) fail "$what: want '$want', got: $(printf '%s' "$got" | head -3)" ;;
	esac
}
# $1: what; the rest: the command, whose output must not hold Cyrillic
english() {
	what=$1
	shift
	# Cyrillic in UTF-8 starts with the byte 0xD0 or 0xD1; byte-wise, whatever the locale
	if "$@" 2>&1 | LC_ALL=C grep -q "$(printf '[\320\321]')"; then fail "$what: not English"; else ok; fi
}

expect "Russian error" "неизвестная валюта" env LANGUAGE=ru LC_ALL=C.UTF-8 "$sarraf" 100 XYZ KZT
expect "Russian help" "Использование" env LANGUAGE=ru LC_ALL=C.UTF-8 "$sarraf" --help
expect "Russian usage error" "sarraf: " env LANGUAGE=ru LC_ALL=C.UTF-8 "$sarraf" --precision x 1 USD KZT
expect "Russian, another UTF-8 locale" "неизвестная валюта" env LANGUAGE=ru LANG=C.UTF-8 "$sarraf" 1 XYZ KZT
expect "Russian list heading" "КОД" env LANGUAGE=ru LC_ALL=C.UTF-8 "$sarraf" list
english "no setting" env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$sarraf" 100 XYZ KZT
english "LC_ALL=C ignores LANGUAGE" env LANGUAGE=ru LC_ALL=C "$sarraf" 100 XYZ KZT
expect "numbers keep their point" "41666.67" env LANGUAGE=ru LC_ALL=C.UTF-8 "$sarraf" -t 1000000 UZS KZT
expect "records stay as they are" '"result":"41666.67"' env LANGUAGE=ru LC_ALL=C.UTF-8 "$sarraf" --output json 1000000 UZS KZT
expect "a Russian answer keeps its numbers" "41 666.67 KZT" env LANGUAGE=ru LC_ALL=C "$sarraf" 1000000 UZS KZT

# The catalogues beside the binary, where make puts them (build/locale, build/san/build/locale).
if python3 tests/po/speaks.py "$sarraf" "$(dirname "$sarraf")/build/locale" "$@"; then ok; else fail "speaks.py $*"; fi

echo "po: $passed passed, $failed failed"
[ "$failed" = 0 ]
