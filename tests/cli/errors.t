# Every error class of the SPEC: one line on stderr, nothing on stdout, the documented status.

## bad amounts: exit 1
$ 1,5,5 KZT USD
2> sarraf: invalid amount '1,5,5'
=> 1

$ 12abc KZT USD
2> sarraf: invalid amount '12abc'
=> 1

$ -- --5 KZT USD
2> sarraf: invalid amount '--5'
=> 1

$ 1.2.3 KZT USD
2> sarraf: invalid amount '1.2.3'
=> 1

$ nan KZT USD
2> sarraf: invalid amount 'nan'
=> 1

$ inf KZT USD
2> sarraf: invalid amount 'inf'
=> 1

$ '' KZT USD
2> sarraf: invalid amount ''
=> 1

$ 0x10 KZT USD
2> sarraf: invalid amount '0x10'
=> 1

$ '1.000,50' KZT USD
2> sarraf: invalid amount '1.000,50'
=> 1

$ '1,234' KZT USD
2> sarraf: ambiguous amount '1,234': a thousands comma or a decimal comma? (write 1234 or 1.234)
=> 1

$ 123456789012345678901234567890123456789 KZT USD
2> sarraf: amount '123456789012345678901234567890123456789' is out of range
=> 1

## unknown and malformed currencies: exit 1
$ 1 KZX USD
2> sarraf: unknown currency 'KZX'
=> 1

$ 1 KZT EUR
2> sarraf: unknown currency 'EUR'
=> 1

$ 1 KZ USD
2> sarraf: invalid currency code 'KZ'
=> 1

$ 1 KZT US1
2> sarraf: invalid currency code 'US1'
=> 1

$ rate KZT XYZ
2> sarraf: unknown currency 'XYZ'
=> 1

## command-line errors: exit 2, with a pointer to --help
$
2> sarraf: missing operand
2> Try 'sarraf --help'
=> 2

$ 100
2> sarraf: missing currencies after '100'
=> 2

$ 100 KZT
100 KZT =     0.19 USD
100 KZT ~    16.78 KGS
100 KZT ~     1.89 TJS
100 KZT ~ 2 400.00 UZS
100 KZT =     0.67 TMT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

$ 100 KZT to
2> sarraf: missing target currency after 'to'
=> 2

$ --bogus 1 KZT USD
2> sarraf: unknown option '--bogus'
=> 2

$ -x 1 KZT USD
2> sarraf: unknown option '-x'
=> 2

$ -p 19 1 KZT USD
2> sarraf: invalid precision '19'
=> 2

$ -p -1 1 KZT USD
2> sarraf: invalid precision '-1'
=> 2

$ -p abc 1 KZT USD
2> sarraf: invalid precision 'abc'
=> 2

$ -p 1.5 1 KZT USD
2> sarraf: invalid precision '1.5'
=> 2

$ 1 KZT USD -p
2> sarraf: option '-p' needs a value
=> 2

$ --round bankers 1 KZT USD
2> sarraf: invalid rounding mode 'bankers'
=> 2

$ --round 1 KZT USD
2> sarraf: invalid rounding mode '1'
=> 2

$ --terse=maybe 1 KZT USD
2> sarraf: invalid value 'maybe' for '--terse' (true, false, yes, no, 1 or 0)
=> 2

## a boolean takes --no-NAME and --NAME=true|false|yes|no; the last one given wins
$ --terse=yes 1 KZT USD
0.00
=> 0

$ -t --no-terse -r @FIX@/tables/exact.json 1 USD KZT
1 USD = 505.12 KZT
2> are of 2026-04-01
=> 0

$ --no-terse=yes 1 KZT USD
2> sarraf: option '--no-terse' takes no value
=> 2

$ --no-rates 1 KZT USD
2> sarraf: unknown option '--no-rates'
=> 2

$ list extra
2> sarraf: 'list' takes no operands
=> 2

$ rate KZT
2> sarraf: 'rate' takes two currencies
=> 2

$ 1 KZT USD -r
2> sarraf: option '-r' needs a value
=> 2

## rate tables that cannot be loaded: exit 3
$ -r /nonexistent/rates.json 1 KZT USD
2> sarraf: cannot read rate table '/nonexistent/rates.json': No such file or directory
=> 3

$ -r @FIX@ 1 KZT USD
2> is a directory
=> 3

env SARRAF_RATES=/nonexistent/rates.json
$ 1 KZT USD
2> sarraf: cannot read rate table '/nonexistent/rates.json'
=> 3

sh$ printf 'not json' | "$SARRAF" -r - 1 KZT USD
2> sarraf: invalid rate table '-': not valid JSON
=> 3

sh$ : | "$SARRAF" -r - 1 KZT USD
2> sarraf: invalid rate table '-'
=> 3

sh$ head -c 1048577 /dev/zero | tr '\0' ' ' | "$SARRAF" -r - 1 KZT USD
2> larger than 1 MiB
=> 3

$ -r @FIX@/tables/invalid-zero.json 1 KZT USD
2> quote 'KZT/USD': value is zero
=> 3

$ -r @FIX@/tables/invalid-negative.json 1 KZT USD
2> value is negative
=> 3

$ -r @FIX@/tables/invalid-not-decimal.json 1 KZT USD
2> is not a decimal number
=> 3

$ -r @FIX@/tables/invalid-no-base.json 1 KZT USD
2> neither side is the base
=> 3

$ -r @FIX@/tables/invalid-twice.json 1 KZT USD
2> is quoted twice
=> 3

$ -r @FIX@/tables/invalid-code.json 1 KZT USD
2> malformed currency code
=> 3

$ -r http://127.0.0.1:9/rates.json 1 KZT USD
2> sarraf: cannot load rate table 'http://127.0.0.1:9/rates.json'
=> 3

## a write error is reported, not lost
sh$ "$SARRAF" 1 KZT USD > /dev/full
2> sarraf: write error
=> 1
