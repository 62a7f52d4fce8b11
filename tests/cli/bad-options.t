# The catalogue of bad inputs (issue 5): options.
# Each case: the exact status, the message, and nothing on stdout (no expected lines = stdout must be empty).
# None may crash, hang or print a number; make valgrind runs them under memcheck too.

## missing values
$ 1 KZT USD --precision
2> sarraf: option '--precision' needs a value
=> 2

$ 1 KZT USD --round
2> sarraf: option '--round' needs a value
=> 2

$ 1 KZT USD --output
2> sarraf: option '--output' needs a value
=> 2

$ --from KZT --to
2> sarraf: option '--to' needs a value
=> 2

$ 1 KZT USD --timeout
2> sarraf: option '--timeout' needs a value
=> 2

$ --rates= 1 KZT USD
2> sarraf: option '--rates' needs a file name or URL
=> 2

$ -r '' 1 KZT USD
2> sarraf: option '-r' needs a file name or URL
=> 2

## out-of-range and malformed precision
$ -p 100 1 KZT USD
2> sarraf: invalid precision '100' (a whole number from 0 to 18)
=> 2

$ -p 18446744073709551617 1 KZT USD
2> sarraf: invalid precision '18446744073709551617'
=> 2

$ -p '' 1 KZT USD
2> sarraf: invalid precision ''
=> 2

$ -p +2 1 KZT USD
2> sarraf: invalid precision '+2'
=> 2

$ -p ' 2' 1 KZT USD
2> sarraf: invalid precision ' 2'
=> 2

## unknown rounding modes (names are exact, lower case)
$ --round HALF-UP 1 KZT USD
2> sarraf: invalid rounding mode 'HALF-UP' (half-up, half-even
=> 2

$ --round '' 1 KZT USD
2> sarraf: invalid rounding mode ''
=> 2

$ --round=half_even 1 KZT USD
2> sarraf: invalid rounding mode 'half_even'
=> 2

## other bad values
$ --output xml 1 KZT USD
2> sarraf: invalid value 'xml' for '--output' (text, json, csv, tsv, ledger, beancount)
=> 2

$ --invalid maybe --to USD
2> sarraf: invalid value 'maybe' for '--invalid' (abort, fail, warn, ignore)
=> 2

$ --max-age -1 1 KZT USD
2> sarraf: invalid age '-1' for '--max-age'
=> 2

$ --max-age 1y 1 KZT USD
2> sarraf: invalid age '1y' for '--max-age'
=> 2

$ --timeout 0 1 KZT USD
2> sarraf: invalid timeout '0'
=> 2

$ --timeout 601 1 KZT USD
2> sarraf: invalid timeout '601'
=> 2

$ -d ,, --to USD
2> sarraf: the delimiter must be a single character other than '"' and newline, not ',,'
=> 2

$ --field 0 --from KZT --to USD
2> sarraf: invalid field list '0'
=> 2

$ --field 3-1 --from KZT --to USD
2> sarraf: invalid field list '3-1'
=> 2

$ --from-field 0 --to USD
2> sarraf: invalid field number '0' for '--from-field'
=> 2

$ --header=x --to USD
2> sarraf: invalid header line count 'x'
=> 2

$ --to , --from KZT
2> sarraf: invalid currency '' for '--to'
=> 2

$ --help=x
2> sarraf: option '--help' takes no value
=> 2

$ -tx 1 KZT USD
2> sarraf: unknown option '-x'
=> 2

## conflicting options
$ --from KZT --from-field 2 --to USD
2> sarraf: --from and --from-field do not go together
=> 2

$ --from KZT 1 KZT USD
2> sarraf: --from needs at least one --to
=> 2

$ -t --from KZT --to USD
2> sarraf: --terse is for one-shot conversions
=> 2

$ --append 1 KZT USD
2> sarraf: stream options need --to
=> 2

$ -z 1 KZT USD
2> sarraf: stream options need --to
=> 2

$ --field 2 --to USD
2> sarraf: --field needs --from or --from-field
=> 2

$ list 1 KZT
2> sarraf: 'list' takes no operands
=> 2

$ rate KZT USD UZS
2> sarraf: 'rate' takes two currencies
=> 2


$ --explain list
2> sarraf: --explain is for one-shot conversions and 'rate', not 'list'
=> 2

$ --explain fetch
2> sarraf: --explain is for one-shot conversions and 'rate', not 'fetch'
=> 2

stdin: 1\n
$ --explain --from KZT --to USD
2> sarraf: --explain is for one-shot conversions and 'rate'
=> 2

## --date: a real day as YYYY-MM-DD or DD.MM.YYYY
$ --date 2026-02-30 -r official 1 USD KZT
2> sarraf: invalid date '2026-02-30' for '--date' (a real day as YYYY-MM-DD or DD.MM.YYYY)
=> 2

$ --date 30.02.2026 -r official 1 USD KZT
2> sarraf: invalid date '30.02.2026' for '--date' (a real day as YYYY-MM-DD or DD.MM.YYYY)
=> 2

## --date DD.MM.YYYY is read (the embedded table then says it has no dates)
$ --date 01.04.2026 1 USD KZT
2> sarraf: --date needs a dated source
=> 2

## --date: tomorrow is taken (the banks publish it the afternoon before), the day after is not
sh$ "$SARRAF" --date "$(date -u -d '+6 hours +2 days' +%d.%m.%Y)" -r official 1 USD KZT; echo "status $?"
status 2
2> is in the future (today is
=> 0

$ --date 2026-4-1 -r official 1 USD KZT
2> sarraf: invalid date '2026-4-1' for '--date'
=> 2

$ --date '' -r official 1 USD KZT
2> sarraf: invalid date '' for '--date'
=> 2

## --date: not after today
$ --date 2999-01-01 -r official 1 USD KZT
2> sarraf: date 2999-01-01 is in the future (today is
=> 2

## --date needs a dated source
$ --date 2026-04-01 1 USD KZT
2> sarraf: --date needs a dated source: -r official, -r official:BANK or a URL template with {YYYY}, {MM} and {DD} (the embedded table has no dates)
=> 2

$ --date 2026-04-01 -r @FIX@/tables/cli-both-ways.json 1 USD KZT
2> has no dates)
=> 2

$ --date 2026-04-01 -r http://127.0.0.1:9/latest/USD list
2> sarraf: --date needs a dated source
=> 2

## --date-field: streams only, with a currency, not with --date, on a dated source
$ --date-field 1 1 USD KZT
2> sarraf: stream options need --to
=> 2

$ --date-field 1 --to KZT -r official
2> sarraf: --date-field needs --from or --from-field
=> 2

$ --date-field 1 --date 2026-04-01 --from USD --to KZT -r official
2> sarraf: --date and --date-field do not go together
=> 2

$ --date-field 0 --from USD --to KZT -r official
2> sarraf: invalid field number '0' for '--date-field'
=> 2

$ --date-field 2 --from USD --to KZT
2> sarraf: --date-field needs a dated source
=> 2

## history: two currencies, --since, a range in the past of at most 366 days
$ -r official history USD KZT
2> sarraf: 'history' needs --since DATE
=> 2

$ -r official history USD --since 2026-04-01
2> sarraf: 'history' takes two currencies: history FROM TO --since DATE
=> 2

$ -r official history USD KZT --since 2026-04-10 --until 2026-04-01
2> sarraf: --since 2026-04-10 is after --until 2026-04-01
=> 2

$ -r official history USD KZT --since 2026-04-01 --until 2999-01-01
2> sarraf: date 2999-01-01 is in the future
=> 2

$ -r official history USD KZT --since 2026-13-01
2> sarraf: invalid date '2026-13-01' for '--since'
=> 2

$ history USD KZT --since 2026-04-01
2> sarraf: 'history' needs a dated source
=> 2

$ -r official history USD KZT --date 2026-04-01
2> sarraf: 'history' takes --since and --until, not --date
=> 2

$ -r official history USD K1 --since 2026-04-01 --until 2026-04-02
2> sarraf: invalid currency code 'K1'
=> 1

## --since, --until and the price formats belong to history
$ --since 2026-04-01 1 USD KZT
2> sarraf: --since and --until are for 'history'
=> 2

$ --output ledger 1 USD KZT
2> sarraf: --output ledger is for 'history'
=> 2

$ --output beancount -r official rate USD KZT
2> sarraf: --output beancount is for 'history'
=> 2

## a bad line of the configuration file is exit 2, naming the file and the line
env XDG_CONFIG_HOME=@FIX@/config/bad-key
$ 1 USD KZT
2> sarraf: @FIX@/config/bad-key/sarraf/config:1: unknown key 'precison' (rates, precision, round, offline, max-age, timeout, bank, decimal-comma)
=> 2

env XDG_CONFIG_HOME=@FIX@/config/bad-value
$ 1 USD KZT
2> sarraf: @FIX@/config/bad-value/sarraf/config:3: invalid rounding mode 'sideways'
=> 2

env XDG_CONFIG_HOME=@FIX@/config/no-equals
$ 1 USD KZT
2> sarraf: @FIX@/config/no-equals/sarraf/config:1: expected 'key = value', got 'precision 4'
=> 2

env XDG_CONFIG_HOME=@FIX@/config/bad-offline
$ --help
2> sarraf: @FIX@/config/bad-offline/sarraf/config:1: invalid value 'maybe' for 'offline' (true, false, yes, no, 1 or 0)
=> 2

## a configuration file that is a FIFO, a device or a folder is an error at once, never a hang
sh$ mkdir -p c/sarraf && mkfifo c/sarraf/config && XDG_CONFIG_HOME=$PWD/c timeout 5 "$SARRAF" 1 USD KZT; echo "status $?"
status 2
2> /sarraf/config': it is not a regular file
=> 0

sh$ mkdir -p c/sarraf && ln -s /dev/zero c/sarraf/config && XDG_CONFIG_HOME=$PWD/c timeout 5 "$SARRAF" 1 USD KZT; echo "status $?"
status 2
2> /sarraf/config': it is not a regular file
=> 0

sh$ mkdir -p c/sarraf/config && XDG_CONFIG_HOME=$PWD/c "$SARRAF" 1 USD KZT; echo "status $?"
status 2
2> /sarraf/config': it is a folder
=> 0

## a NUL byte in the configuration file is an error naming its line, not the rest of it ignored
sh$ mkdir -p c/sarraf && printf 'round = down\nprecision = 4\0garbage\n' > c/sarraf/config && XDG_CONFIG_HOME=$PWD/c "$SARRAF" 1 USD KZT; echo "status $?"
status 2
2> /sarraf/config:2: a NUL byte in the line (not a text file?)
=> 0

sh$ mkdir -p c/sarraf && head -c 70000 /dev/zero > c/sarraf/config && printf 'precision = 7\n' >> c/sarraf/config && XDG_CONFIG_HOME=$PWD/c "$SARRAF" 1 USD KZT; echo "status $?"
status 2
2> it is larger than 64 KiB
=> 0

## a UTF-8 byte-order mark before the first key is skipped
sh$ mkdir -p c/sarraf && printf '\357\273\277precision = 4\n' > c/sarraf/config && XDG_CONFIG_HOME=$PWD/c "$SARRAF" -t -r @FIX@/tables/exact.json 1 USD KZT
505.1200
=> 0

## a relative rates = in the configuration file is read from the file's folder, wherever the command runs
sh$ mkdir -p c/sarraf d && cp @FIX@/tables/exact.json c/sarraf/t.json && printf 'rates = t.json\n' > c/sarraf/config && cd d && XDG_CONFIG_HOME=$PWD/../c SARRAF_RATES= "$SARRAF" -t 1 USD KZT
505.12
=> 0

## offline = true in the configuration file: --no-offline undoes it, and 'fetch' is not refused for it
sh$ mkdir -p c/sarraf && printf 'offline = yes\n' > c/sarraf/config && XDG_CONFIG_HOME=$PWD/c "$SARRAF" -r http://127.0.0.1:9/r.json 1 USD KZT; echo "status $?"; XDG_CONFIG_HOME=$PWD/c "$SARRAF" --no-offline --timeout 2 -r http://127.0.0.1:9/r.json 1 USD KZT; echo "status $?"; XDG_CONFIG_HOME=$PWD/c "$SARRAF" --timeout 2 -r http://127.0.0.1:9/r.json fetch; echo "status $?"
status 3
status 3
status 3
2> no cached copy, and --offline forbids fetching it
2> cannot connect
=> 0

## official:BANK names one of the four banks
$ -r official:xyz 1 USD KZT
2> sarraf: unknown bank 'xyz' in 'official:xyz' (nbk, nbkr, nbt, cbu)
=> 2

$ -r official:xyz fetch
2> sarraf: unknown bank 'xyz' in 'official:xyz' (nbk, nbkr, nbt, cbu)
=> 2

## yes/no values: true, false, yes, no, 1, 0 in any case
sh$ mkdir -p c/sarraf && printf 'offline = YES\n' > c/sarraf/config && XDG_CONFIG_HOME=$PWD/c "$SARRAF" -r http://127.0.0.1:9/r.json 1 USD KZT; echo "status $?"; XDG_CONFIG_HOME=$PWD/c "$SARRAF" --offline=0 --timeout 1 -r http://127.0.0.1:9/r.json 1 USD KZT; echo "status $?"
status 3
status 3
2> no cached copy, and --offline forbids fetching it
2> cannot connect
=> 0
