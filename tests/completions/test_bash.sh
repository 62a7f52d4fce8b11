#!/usr/bin/env bash
# The bash completion, driven as bash drives it: COMP_WORDS/COMP_CWORD, then the
# function that `complete -p sarraf` names, then COMPREPLY. And the zsh and fish
# ones parse, where those shells are installed.
# Usage: test_bash.sh SARRAF
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
fix=$root/tests/fixtures/tables
unset SARRAF_RATES
export LC_ALL=C XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
passed=0 failed=0

# shellcheck source=../../data/completions/sarraf.bash
. "$root/data/completions/sarraf.bash"

# complete LINE WANT: the words of LINE (the last one, maybe empty, is being completed)
# complete to exactly WANT (space-separated, in order).
expect()
{
	local line=$1 want=$2 fn
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=('')
	COMP_WORDS[0]=$bin
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line COMP_POINT=${#line}
	COMPREPLY=()
	fn=$(complete -p sarraf | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
	"$fn" sarraf "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	local got="${COMPREPLY[*]}"
	if [[ $got == "$want" ]]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL completing %q\n  want: %s\n  got:  %s\n' "$line" "$want" "$got"
	fi
}

six='USD KGS KZT TJS UZS TMT'

expect 'sarraf ' 'list rate fetch history'
expect 'sarraf l' 'list'
expect 'sarraf --r' '--rates --round'
expect 'sarraf --round ' 'half-up half-even half-down up down ceiling floor'
expect 'sarraf --round h' 'half-up half-even half-down'
expect 'sarraf --round = h' 'half-up half-even half-down'
expect 'sarraf --output ' 'text json csv tsv ledger beancount'
expect 'sarraf --invalid w' 'warn'
expect 'sarraf -p 1' '1 10 11 12 13 14 15 16 17 18'
expect 'sarraf --official = ' 'nbk nbkr nbt cbu'
expect 'sarraf --official = nb' 'nbk nbkr nbt'
expect 'sarraf --official = c' 'cbu'
expect 'sarraf --official ' 'list rate fetch history'
expect 'sarraf --official 100 ' "$six"
expect 'sarraf 100 ' "$six"
expect 'sarraf 100 K' 'KGS KZT'
expect 'sarraf 100 k' 'kgs kzt'
expect 'sarraf 100 KZT ' "$six to"
expect 'sarraf 100 KZT t' 'tjs tmt to'
expect 'sarraf 100 KZT to ' "$six"
expect 'sarraf -t -p 4 100 KZT USD ' "$six"
expect 'sarraf --round floor 100 U' 'USD UZS'
expect 'sarraf rate ' "$six"
expect 'sarraf rate KZT ' "$six"
expect 'sarraf rate KZT USD ' ''
expect 'sarraf list ' ''
expect 'sarraf --from ' "$six"
expect 'sarraf --to U' 'USD UZS'
expect "sarraf -r $fix/cli-both-ways.json 1 " 'USD UZS KZT KGS'
expect "sarraf --rates = $fix/cli-both-ways.json 1 " 'USD UZS KZT KGS'
expect 'sarraf -r /nonexistent.json 1 ' ''
expect "sarraf --from KZT --to USD $fix/cli-both-w" "$fix/cli-both-ways.json"
expect "sarraf -r $fix/cli-both-w" "$fix/cli-both-ways.json"

# The options offered are exactly those --help shows.
help_opts=$("$bin" --help | grep -oE '(^|[ ,[])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[ ,[]//' | sort -u | tr '\n' ' ')
read -r -a COMP_WORDS <<<'sarraf -'
COMP_WORDS[0]=$bin COMP_CWORD=1 COMPREPLY=()
_sarraf sarraf - sarraf
offered=$(printf '%s\n' "${COMPREPLY[@]}" | sort -u | tr '\n' ' ')
if [[ $offered == "$help_opts" ]]; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
	printf 'FAIL the completion offers other options than --help:\n  help: %s\n  offered: %s\n' \
		"$help_opts" "$offered"
fi

# zsh and fish: at least they parse (skipped when the shell is not installed).
for sh in zsh fish; do
	f=$root/data/completions/$([[ $sh == zsh ]] && echo _sarraf || echo sarraf.fish)
	if [[ ! -f $f ]]; then
		failed=$((failed + 1))
		echo "FAIL $f is missing"
	elif command -v "$sh" >/dev/null 2>&1; then
		if "$sh" -n "$f"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "FAIL $sh -n $f"
		fi
	else
		echo "skipped: $sh is not installed, $f not parsed"
	fi
done

echo "completions: $passed passed, $failed failed"
[[ $failed == 0 ]]
