# bash completion for sarraf(1): options, their values, commands, and the
# currency codes of the active table (`sarraf -t list`, never fetching:
# --offline, so a Tab never waits on the network).
# Installed as share/bash-completion/completions/sarraf.

_sarraf_codes()
{
	local i w rates=()
	# The table the command line names, as sarraf would read it.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-r | --rates)
			if [[ ${COMP_WORDS[i + 1]} == = ]]; then
				rates=(-r "${COMP_WORDS[i + 2]}")
			else
				rates=(-r "${COMP_WORDS[i + 1]}")
			fi
			;;
		--rates=?*) rates=(-r "${w#--rates=}") ;;
		esac
	done
	"${COMP_WORDS[0]}" --offline "${rates[@]}" -t list 2>/dev/null
}

# Completions of $2 among the words of $1, in the case the user started typing.
_sarraf_words()
{
	local IFS=$'\n' words=$1 cur=$2
	if [[ $cur == [a-z]* ]]; then
		words=${words,,}
	fi
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

_sarraf()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local opts='-r --rates --max-age --offline --timeout --official --bank --base --date -t --terse
	            -p --precision --round --output --explain --from --to --field -d --delimiter
	            --from-field --header --append -z --zero-terminated --invalid --date-field --grouped
	            --decimal-comma --since --until -h --help -V --version'
	local takes_value=' -r --rates --max-age --timeout --bank -p --precision --round --output --from --to
	                    --field -d --delimiter --from-field --invalid --base --date --date-field
	                    --since --until '

	# "--round=h" reaches us as "--round" "=" "h" (= is in COMP_WORDBREAKS).
	local eq=
	if [[ $cur == = ]]; then
		cur= eq=1
	elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]} eq=1
	fi
	case $prev in
	--official)
		# The bank is given only as --official=BANK: "--official 100 ..." takes no value.
		if [[ -n $eq ]]; then
			COMPREPLY=($(compgen -W 'nbk nbkr nbt cbu' -- "$cur"))
			return
		fi
		;;
	--bank)
		COMPREPLY=($(compgen -W 'nbk nbkr nbt cbu' -- "$cur"))
		return
		;;
	--round)
		COMPREPLY=($(compgen -W 'half-up half-even half-down up down ceiling floor' -- "$cur"))
		return
		;;
	--output)
		COMPREPLY=($(compgen -W 'text json csv tsv ledger beancount' -- "$cur"))
		return
		;;
	--invalid)
		COMPREPLY=($(compgen -W 'abort fail warn ignore' -- "$cur"))
		return
		;;
	-p | --precision)
		COMPREPLY=($(compgen -W '0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18' -- "$cur"))
		return
		;;
	--from | --to)
		_sarraf_words "$(_sarraf_codes)" "$cur"
		return
		;;
	-r | --rates)
		# A file, or the central banks' table (official:BANK is typed: ':' breaks words).
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur") $(compgen -W 'official' -- "$cur"))
		return
		;;
	--max-age | --timeout | --field | -d | --delimiter | --from-field | --date | --date-field | \
	--since | --until)
		return
		;;
	--base)
		_sarraf_words "$(_sarraf_codes)" "$cur"
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	# The operands before this one, options and their values left out.
	local i w ops=() stream= dashdash=
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -z $dashdash && $w == -- ]]; then
			dashdash=1
		elif [[ -z $dashdash && $w == -[!0-9.]* ]]; then
			[[ $w == --to || $w == --to=* ]] && stream=1
			[[ $takes_value == *" $w "* && ${COMP_WORDS[i + 1]} != = ]] && ((i++))
		elif [[ $w == = ]]; then
			((i++))
		else
			ops+=("$w")
		fi
	done
	if [[ -n $stream ]]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return
	fi
	case ${#ops[@]} in
	0)
		COMPREPLY=($(compgen -W 'list rate fetch history' -- "$cur"))
		;;
	*)
		case ${ops[0]} in
		list | fetch) ;;
		rate | history)
			((${#ops[@]} < 3)) && _sarraf_words "$(_sarraf_codes)" "$cur"
			;;
		*)
			# AMOUNT FROM [to] TO...: codes, and "to" right after FROM.
			local extra=
			((${#ops[@]} == 2)) && extra=$'\nto'
			_sarraf_words "$(_sarraf_codes)$extra" "$cur"
			;;
		esac
		;;
	esac
}

complete -F _sarraf sarraf
