# The catalogue of bad inputs (issue 5): currency codes.
# Each case: the exact status, the message, and nothing on stdout (no expected lines = stdout must be empty).
# None may crash, hang or print a number; make valgrind runs them under memcheck too.

## Cyrillic look-alikes: Қ, К and Т are not Latin letters
$ 1 ҚZТ USD
2> sarraf: invalid currency code 'ҚZТ'
=> 1

$ 1 КZT USD
2> sarraf: invalid currency code 'КZT'
=> 1

$ 1 KZТ USD
2> sarraf: invalid currency code 'KZТ'
=> 1

$ 1 KZT ҚZТ
2> sarraf: invalid currency code 'ҚZТ'
=> 1

$ rate ҚZТ USD
2> sarraf: invalid currency code 'ҚZТ'
=> 1

## fullwidth letters
$ 1 ＵＳＤ KZT
2> sarraf: invalid currency code 'ＵＳＤ'
=> 1

## wrong length
$ 1 USDD KZT
2> sarraf: invalid currency code 'USDD'
=> 1

$ 1 US KZT
2> sarraf: invalid currency code 'US'
=> 1

$ 1 U KZT
2> sarraf: invalid currency code 'U'
=> 1

$ 1 '' KZT
2> sarraf: invalid currency code ''
=> 1

$ rate KZT KZ
2> sarraf: invalid currency code 'KZ'
=> 1

## digits and punctuation
$ 1 K2T USD
2> sarraf: invalid currency code 'K2T'
=> 1

$ 1 K-T USD
2> sarraf: invalid currency code 'K-T'
=> 1

$ 1 K.T USD
2> sarraf: invalid currency code 'K.T'
=> 1

$ 1 KZT,USD USD
2> sarraf: invalid currency code 'KZT,USD'
=> 1

$ 1 'KZ T' USD
2> sarraf: invalid currency code 'KZ T'
=> 1

## three digits continue the amount: "1 123 USD" is 1123 USD in every currency of the table
$ 1 123 USD
1 123 USD ~     98 164.34 KGS
1 123 USD ~    584 895.83 KZT
1 123 USD ~     11 081.51 TJS
1 123 USD ~ 14 037 500.00 UZS
1 123 USD ~      3 930.56 TMT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## unknown: well formed, not in the table
$ 1 XXX USD
2> sarraf: unknown currency 'XXX' (not in the rate table
=> 1

$ 1 KZT USD ZZZ
2> sarraf: unknown currency 'ZZZ'
=> 1

$ rate ABC KZT
2> sarraf: unknown currency 'ABC'
=> 1

## a known name of a currency the table lacks
$ 1 euro USD
2> sarraf: unknown currency 'euro' (EUR is not in the rate table
=> 1

## ambiguous words
$ 1 som USD
2> sarraf: ambiguous currency 'som': KGS or UZS (write the code)
=> 1

$ 1 ¥ USD
2> sarraf: ambiguous currency '¥': CNY or JPY (write the code)
=> 1

## a misspelt name
$ 1 tengee USD
2> sarraf: invalid currency code 'tengee'
=> 1

## a symbol doubled
$ 1 €€ USD
2> sarraf: invalid currency code '€€'
=> 1

## non-UTF-8 bytes
sh$ "$SARRAF" 1 "$(printf 'K\377T')" USD
2> sarraf: invalid currency code 'K
=> 1

## a code in a stream option
sh$ printf '1000\n' | "$SARRAF" --from ҚZТ --to USD
2> sarraf: invalid currency code 'ҚZТ'
=> 1

sh$ printf '1000\n' | "$SARRAF" --from KZT --to XYZ
2> sarraf: unknown currency 'XYZ'
=> 1

