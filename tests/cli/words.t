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

$ -t 1,5 KZT USD
2> sarraf: invalid amount '1,5'
=> 1

$ -t '1 000,50' KZT USD
2> sarraf: invalid amount '1 000,50'
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
