# One-shot conversions on the embedded table and on fixture tables.

## the issue's examples
$ -t 1000000 UZS KZT
41666.67
=> 0

$ -t 1 USD UZS
12500.00
=> 0

$ -t -p 6 1000 KGS KZT
5958.333333
=> 0

## the human form names both sides, its digits grouped by three
$ 1000000 UZS KZT
1 000 000 UZS ~ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## the optional word "to"
$ 1000000 UZS to KZT
1 000 000 UZS ~ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## codes are case-insensitive
$ -t 1000000 uzs kzt
41666.67
=> 0

## several targets, one line each, in order
$ -t 100 USD KZT UZS KGS TJS TMT USD
52083.33
1250000.00
8741.26
986.78
350.01
100.00
=> 0

$ 100 USD to KZT UZS
100 USD ~    52 083.33 KZT
100 USD ~ 1 250 000.00 UZS
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## the same currency only rounds
$ -t 12.345 KZT KZT
12.35
=> 0

$ -t -p 0 --round half-even 2.5 USD USD
2
=> 0

## negative amounts after -- and directly
$ -t -- -12.5 KZT USD
-0.02
=> 0

$ -t -12.5 KZT USD
-0.02
=> 0

## never -0
$ -t -0.001 USD USD
0.00
=> 0

$ -t -- -0 KZT USD
0.00
=> 0

## exponent forms from awk
$ -t 1e6 UZS KZT
41666.67
=> 0

$ -t 2.5E-3 USD UZS
31.25
=> 0

$ 1e6 UZS KZT
1 000 000 UZS ~ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## the amount is shown as written
$ 1000.50 KZT USD
1 000.50 KZT ~ 1.92 USD
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: KZT/USD 0.00192 has 3 significant digits, +/-0.26%: the answer cannot carry all the digits shown
=> 0

## rounding modes
$ -t --round up 1 UZS KZT
0.05
=> 0

$ -t --round=down 1 UZS KZT
0.04
=> 0

$ -t --round ceiling -- -1 UZS KZT
-0.04
=> 0

$ -t --round floor -- -1 UZS KZT
-0.05
=> 0

$ -t --round half-down 0.125 USD USD
0.12
=> 0

$ -t --round half-even 0.135 USD USD
0.14
=> 0

## precision 0 and 18
$ -t -p 0 1000000 UZS KZT
41667
=> 0

$ -t -p 18 1 UZS KZT
0.041666666666666667
=> 0

$ -t --precision=3 1 KZT USD
0.002
=> 0

$ -t -p3 1 KZT USD
0.002
=> 0

$ -tp 3 1 KZT USD
0.002
=> 0

## options after the operands
$ 1 KZT USD -t -p 5
0.00192
=> 0

## the largest result in range, and the first out of it
$ -t 99999999999999999999.99 USD USD
99999999999999999999.99
=> 0

$ -t 99999999999999999999.995 USD USD
2> sarraf: result of 99999999999999999999.995 USD in USD is out of range
=> 1

$ -t 1e19 USD UZS
2> out of range
=> 1

## all or nothing: one bad target prints nothing
$ -t 1 USD KZT XXX
2> sarraf: unknown currency 'XXX'
=> 1

$ -t 1e17 USD KZT UZS
2> sarraf: result of 1e17 USD in UZS is out of range
=> 1

## rate: one unit of FROM in TO
$ rate USD UZS
1 USD ~ 12 500.00 UZS
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

$ -t rate UZS KZT
0.04166666667
=> 0

$ -t rate KZT USD
0.00192
=> 0

$ -t rate kzt uzs
24.00
=> 0

$ -t -p 4 rate UZS KZT
0.0417
=> 0

$ -t -p 4 --round down rate UZS KZT
0.0416
=> 0

## a table file, with the base on either side and a non-USD base
$ -t -r @FIX@/tables/cli-both-ways.json 1 USD UZS
12850.50
=> 0

$ -t --rates=@FIX@/tables/cli-both-ways.json 12850.50 UZS USD
1.00
=> 0

$ -t -r @FIX@/tables/uzs-base.json 1 USD UZS
12850.50
=> 0

## SARRAF_RATES, and -r winning over it
env SARRAF_RATES=@FIX@/tables/cli-both-ways.json
$ -t 1 USD UZS
12850.50
=> 0

env SARRAF_RATES=/nonexistent/rates.json
$ -t -r @FIX@/tables/cli-both-ways.json 1 USD UZS
12850.50
=> 0

env SARRAF_RATES=
$ -t 1 USD UZS
12500.00
=> 0

## a table from a pipe and from stdin
sh$ "$SARRAF" -t -r <(cat @FIX@/tables/cli-both-ways.json) 1 USD UZS
12850.50
=> 0

sh$ "$SARRAF" -t -r - 1 USD UZS < @FIX@/tables/cli-both-ways.json
12850.50
=> 0

## --decimal-comma writes the answer with a comma, aligned as ever; -t too; records keep the point
$ --decimal-comma 100 USD UZS KZT KGS
100 USD ~ 1 250 000,00 UZS
100 USD ~    52 083,33 KZT
100 USD ~     8 741,26 KGS
2> sarraf: note: the rates of 'embedded' are undated
=> 0

$ --decimal-comma 1234,5 USD USD
1 234,5 USD = 1 234,50 USD
2> sarraf: note: the rates of 'embedded' are undated
=> 0

$ --decimal-comma -t 1 USD KZT UZS
520,83
12500,00
=> 0

$ --decimal-comma -t -p 0 -- -1,5 USD KZT
-781
=> 0

$ --decimal-comma --output csv 1,5 USD KZT
amount,from,to,result
1.5,USD,KZT,781.25
=> 0

## --decimal-comma in rate, list and --explain: the numbers shown to a person with a comma; records keep the point
$ --decimal-comma rate USD KZT
1 USD ~ 520,8333333 KZT
2> sarraf: note: the rates of 'embedded' are undated
=> 0

$ --decimal-comma -t rate UZS KZT
0,04166666667
=> 0

$ --decimal-comma --output csv rate USD KZT
from,to,rate,uncertainty,table,source,date
USD,KZT,520.8333333,0.0026,embedded,The Times of Central Asia currency ticker (undated; page of April-May 2025),
=> 0

sh$ "$SARRAF" --decimal-comma list | grep -E '^(KZT|UZS) '
KZT  Kazakhstani tenge   KZT/USD 0,00192  3 digits, +/-0,26%
UZS  Uzbekistani sum     UZS/USD 0,00008  1 digit, +/-6,3%
=> 0

## --decimal-comma in the notes: the least precise quote and the precision that shows a zero answer
$ --decimal-comma 1000 UZS KZT
1 000 UZS ~ 41,67 KZT
2> sarraf: note: UZS/USD 0,00008 has 1 significant digit, +/-6,3%
=> 0

$ --decimal-comma -p 0 1 UZS KZT
1 UZS = 0 KZT
2> sarraf: note: the answer in KZT rounds to zero; -p 3: 0,042
=> 0

sh$ "$SARRAF" --decimal-comma --explain 1,5 USD KZT 2>/dev/null | tail -3
  KZT      KZT/USD 0,00192 (the table's source and date; relative uncertainty +/-0,26%)
  -> KZT   1,5 / 0,00192 = 781,25
           exact at 2 digits after the point: 781,25
=> 0

## decimal-comma = true in the configuration file; --no-decimal-comma undoes it
sh$ mkdir -p cfg/sarraf && echo 'decimal-comma = yes' > cfg/sarraf/config && XDG_CONFIG_HOME=$PWD/cfg "$SARRAF" -t 1,500 USD USD && XDG_CONFIG_HOME=$PWD/cfg "$SARRAF" --no-decimal-comma -t 1.5 USD USD
1,50
1.50
=> 0
