# Honest answers: how old the rates are, and whether the quotes can carry the digits shown.
# Scripts' output (-t, --output) never changes; only a human answer adds its notes.

## the embedded table: undated, and UZS/USD 0.00008 has one significant digit
$ 1000000 UZS KZT
1 000 000 UZS ~ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker
2> current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## where the terminal takes UTF-8: the sign is U+2248, the margin U+00B1
env LC_ALL=C.UTF-8
$ 1000000 UZS KZT
1 000 000 UZS ≈ 41 666.67 KZT
2> sarraf: note: the rates of 'embedded' are undated
2> UZS/USD 0.00008 has 1 significant digit, ±6.3%
=> 0

## an answer the quotes support keeps "=" (0.52 KZT: the quote's 0.26% is 0.14 of a hundredth)
$ 0.001 USD KZT
0.001 USD = 0.52 KZT
2> sarraf: note: the rates of 'embedded' are undated
=> 0

## -t and --output stay as they were: no sign, no note
$ -t 1000000 UZS KZT
41666.67
=> 0

$ --output csv 1000000 UZS KZT
amount,from,to,result
1000000,UZS,KZT,41666.67
=> 0

## JSON records carry the quotes' relative uncertainty (UZS 1/16 + KZT 1/384)
$ --output json 1000000 UZS KZT
{"amount":"1000000","from":"UZS","to":"KZT","result":"41666.67","rate":"0.041666666666666667","precision":"2","rounding":"half-up","uncertainty":"0.065","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
=> 0

$ --output json -r @FIX@/tables/exact.json 1 USD KZT
{"amount":"1","from":"USD","to":"KZT","result":"505.12","rate":"505.12","precision":"2","rounding":"half-up","uncertainty":"0","table":"@FIX@/tables/exact.json","source":"a table whose quotes are exact by definition","date":"2026-04-01","receipt":{"url":"@FIX@/tables/exact.json","published":"2026-04-01","sha256":"cce47559bcc93abc8c516a92a0725c5fd39db611f60eca8809aed38d0f1e16cc"}}
=> 0

## exact quotes are never marked; an old table is named with its date
$ -r @FIX@/tables/exact.json 1000000 UZS KZT
1 000 000 UZS = 41 422.94 KZT
2> sarraf: note: the rates of '@FIX@/tables/exact.json' are of 2026-04-01,
=> 0

$ -r @FIX@/tables/exact.json rate UZS KZT
1 UZS = 0.04142293761 KZT
2> are of 2026-04-01,
=> 0

## a table dated today says nothing more
sh$ printf '{"date":"%s","exact":true,"quotes":{"USD/KZT":"505.12"}}' "$(date +%F)" > today.json && "$SARRAF" -r today.json 2 USD KZT
2 USD = 1 010.24 KZT
=> 0

## list: an exact quote is "exact", and so is a peg at par (a quote of exactly 1)
sh$ "$SARRAF" -r @FIX@/tables/exact.json list | tail -n 3
USD  US dollar          (base)            exact
KZT  Kazakhstani tenge  USD/KZT 505.12    exact
UZS  Uzbekistani sum    USD/UZS 12194.21  exact
=> 0

sh$ "$SARRAF" -r @FIX@/tables/peg-at-par.json list | tail -n 2
PAB                     PAB/USD 1        exact
KZT  Kazakhstani tenge  KZT/USD 0.00192  3 digits, +/-0.26%
=> 0

## an amount and one currency: every other currency of the table, in its order, aligned
$ 100 USD
100 USD ~     8 741.26 KGS
100 USD ~    52 083.33 KZT
100 USD ~       986.78 TJS
100 USD ~ 1 250 000.00 UZS
100 USD ~       350.01 TMT
2> sarraf: note: the rates of 'embedded' are undated
2> UZS/USD 0.00008 has 1 significant digit
=> 0

$ -t 100 USD
8741.26
52083.33
986.78
1250000.00
350.01
=> 0

$ -t -r @FIX@/tables/exact.json 1 KZT
0.00
24.14
=> 0

## a rate that rounds to zero says so, as a conversion does
$ rate UZS KZT -p 0
1 UZS = 0 KZT
2> sarraf: note: the answer in KZT rounds to zero; -p 3: 0.042
=> 0
