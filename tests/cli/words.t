# Input the way people type it (src/words.c): symbols and names, glued amounts, digit groups.
# And the human output: grouped digits, aligned targets.

## symbols and names, Latin and Cyrillic, any case
$ -t 1000 ₸ $
1.92
=> 0

$ -t 1000 tenge dollar
1.92
=> 0

$ -t 1000 ТЕНГЕ доллар
1.92
=> 0

$ -t 1000 теңге USD
1.92
=> 0

$ -t 1000000 сўм to сом
6993.01
=> 0

$ -t 1000000 "so'm" KGS
6993.01
=> 0

$ -t 1000000 soʻm KGS
6993.01
=> 0

$ -t 1000000 сум KGS
6993.01
=> 0

$ -t 100 somoni манат
35.47
=> 0

$ -t 100 СОМОНӢ TMT
35.47
=> 0

## a word that names two currencies is refused, naming both
$ -t 100 som KZT
2> sarraf: ambiguous currency 'som': KGS or UZS (write the code)
=> 1

$ -t 100 KZT ¥
2> sarraf: ambiguous currency '¥': CNY or JPY
=> 1

## a known name of a currency the table lacks, and an unknown word
$ -t 100 euro KZT
2> sarraf: unknown currency 'euro' (EUR is not in the rate table
=> 1

$ -t 100 tengé KZT
2> sarraf: invalid currency code 'tengé'
=> 1

## amounts glued to a code or a symbol, before or after
$ -t 100kzt USD
0.19
=> 0

$ -t ₸1500 to USD
2.88
=> 0

$ -t 1500₸ USD
2.88
=> 0

$ -t '1 500 ₸' USD
2.88
=> 0

$ -t $5 KZT
2604.17
=> 0

$ -t -- -$5 KZT
-2604.17
=> 0

$ -t '5 000 сум' KZT
208.33
=> 0

$ -t 1e6uzs KZT
41666.67
=> 0

## letters glued to an amount that are not a currency are a bad amount, not a currency
$ -t 12abc KZT
2> sarraf: invalid amount '12abc'
=> 1

$ -t 100kzt
0.19
16.78
1.89
2400.00
0.67
=> 0

## digit groups: spaces, thin spaces, apostrophes, underscores, commas when unambiguous
$ -t '1 000 000' UZS KZT
41666.67
=> 0

$ -t 1 000 000 UZS KZT
41666.67
=> 0

$ -t 5 000 сум KZT
208.33
=> 0

$ -t 1 000.50 KZT USD
1.92
=> 0

$ -t '1 000 000' UZS KZT
41666.67
=> 0

$ -t '1 000 000' UZS KZT
41666.67
=> 0

$ -t "1'000'000" UZS KZT
41666.67
=> 0

$ -t 1_000_000 UZS KZT
41666.67
=> 0

$ -t 1,000,000 UZS KZT
41666.67
=> 0

$ -t 1,234.50 KZT KZT
1234.50
=> 0

## never an ambiguous or malformed group
$ -t 1,234 KZT USD
2> sarraf: ambiguous amount '1,234'
=> 1

$ -t 12,500kzt USD
2> sarraf: ambiguous amount '12,500kzt': a thousands comma or a decimal comma? (write 12500kzt or 12.500kzt)
=> 1

$ -t 1,5,5 KZT USD
2> sarraf: invalid amount '1,5,5'
=> 1

$ -t '1.000,50' KZT USD
2> sarraf: invalid amount '1.000,50'
=> 1

$ -t 1.000.000 KZT USD
2> sarraf: invalid amount '1.000.000'
=> 1

$ -t '1 00' KZT USD
2> sarraf: invalid amount '1 00'
=> 1

$ -t 1 00 KZT USD
2> sarraf: invalid currency code '00'
=> 1

$ -t "1 000'000" KZT USD
2> sarraf: invalid amount '1 000'000'
=> 1

## three digits after an amount always continue it: never taken for a currency
$ -t 100 200 USD KZT
52187500.00
=> 0

## the human form: grouped by spaces (ASCII unless the terminal is UTF-8), points aligned
$ 1 000 000 UZS KZT
1 000 000 UZS ~ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

$ 100 USD UZS KZT KGS
100 USD ~ 1 250 000.00 UZS
100 USD ~    52 083.33 KZT
100 USD ~     8 741.26 KGS
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

$ -p 0 -- -100 USD UZS KZT
-100 USD ~ -1 250 000 UZS
-100 USD ~    -52 083 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

$ -p 4 0.5 USD USD KZT
0.5 USD =   0.5000 USD
0.5 USD ~ 260.4167 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: KZT/USD 0.00192 has 3 significant digits, +/-0.26%: the answer cannot carry all the digits shown
=> 0

env LC_ALL=C.UTF-8
$ 1000000 UZS KZT
1 000 000 UZS ≈ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, ±6.3%: the answer cannot carry all the digits shown
=> 0

env LANG=kk_KZ.UTF-8
env LC_ALL=
$ rate USD UZS
1 USD ≈ 12 500.00 UZS
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, ±6.3%: the answer cannot carry all the digits shown
=> 0

## what the human form prints with U+202F reads back as an amount
$ -t '41 666.67' KZT KZT
41666.67
=> 0

## terse output never changes: plain ASCII, no grouping
env LC_ALL=C.UTF-8
$ -t 1 000 000 UZS KZT UZS
41666.67
1000000.00
=> 0

## a comma that can only be a decimal point is one: 1,5  0,25  12,5  1 000,50  1234,5
$ -t 1,5 USD KZT
781.25
=> 0

$ -t 0,25 USD KZT
130.21
=> 0

$ -t 12,5 KZT KZT
12.50
=> 0

$ -t '1 000,50' KZT KZT
1000.50
=> 0

$ -t 1 000,50 KZT KZT
1000.50
=> 0

$ -t 1234,500 KZT KZT
1234.50
=> 0

$ -t 0,500 KZT KZT
0.50
=> 0

$ -t -- -1,5 USD KZT
-781.25
=> 0

$ -t 1,5kzt USD
0.00
=> 0

## a comma that could be either is exit 1, naming both readings
$ 1,500 KZT USD
2> sarraf: ambiguous amount '1,500': a thousands comma or a decimal comma? (write 1500 or 1.500)
=> 1

$ -t 1,500 млн UZS KZT
2> sarraf: ambiguous amount '1,500 млн': a thousands comma or a decimal comma? (write 1500 млн or 1.500 млн)
=> 1

## comma groups stay as they were
$ -t 1,500,000 UZS KZT
62500.00
=> 0

## --decimal-comma: every comma is the decimal point, and a point is refused
$ -t --decimal-comma 1,500 KZT KZT
1,50
=> 0

$ --decimal-comma 1.5 KZT USD
2> sarraf: invalid amount '1.5' (--decimal-comma reads a comma as the decimal point, and a point is not one)
=> 1

$ --decimal-comma 1,500,000 KZT USD
2> sarraf: invalid amount '1,500,000'
=> 1

## multipliers after the number, apart or joined, exact; the answer shows the amount read
$ 1,5 млн UZS KZT
1 500 000 UZS ~ 62 500.00 KZT
2> sarraf: note: the rates of 'embedded' are undated
=> 0

$ -t 1.5 млн UZS KZT
62500.00
=> 0

$ -t 1,5млн UZS KZT
62500.00
=> 0

$ -t '1,5 МЛН' UZS KZT
62500.00
=> 0

$ -t 2k USD KZT
1041666.67
=> 0

$ -t 2K USD KZT
1041666.67
=> 0

$ -t 1.5m UZS KZT
62500.00
=> 0

$ -t 1.5M UZS KZT
62500.00
=> 0

$ -t 1 mln UZS KZT
41666.67
=> 0

$ -t 3 bn UZS USD
240000.00
=> 0

$ -t 0,25 mlrd UZS USD
20000.00
=> 0

$ -t 2 млрд UZS USD
160000.00
=> 0

$ -t 5 тыс. сум KZT
208.33
=> 0

$ -t 5тыс UZS KZT
208.33
=> 0

$ -t 7 ming UZS KZT
291.67
=> 0

$ -t 10 мың KZT USD
19.20
=> 0

$ -t 1 thousand USD KZT
520833.33
=> 0

$ -t 1.5 million UZS KZT
62500.00
=> 0

$ -t 0.001 billion UZS KZT
41666.67
=> 0

$ -t '$2k' KZT
1041666.67
=> 0

$ -t 2k$ KZT
1041666.67
=> 0

$ -t '1.5 mln сум' KZT
62500.00
=> 0

$ -t 1 000 k UZS KZT
41666.67
=> 0

$ -p 6 -t 0.0000001k USD USD
0.000100
=> 0

$ --output json 1,5k USD KZT
{"amount":"1500","from":"USD","to":"KZT","result":"781250.00","rate":"520.833333333333333","precision":"2","rounding":"half-up","uncertainty":"0.0026","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
=> 0

## a word glued to a number is a currency before it is a multiplier: 5manat is 5 TMT, 5kzt is 5 KZT
$ -t 5manat USD
1.43
=> 0

$ -t 5000kzt USD
9.60
=> 0

## an exponent and a multiplier, a multiplier twice, a multiplier alone: refused
$ -t 1e3k USD KZT
2> sarraf: invalid amount '1e3k'
=> 1

$ -t 2kk USD KZT
2> sarraf: invalid amount '2kk'
=> 1

$ -t 2 k k USD
2> sarraf: invalid currency code 'k'
=> 1

$ -t k USD KZT
2> sarraf: invalid amount 'k'
=> 1
