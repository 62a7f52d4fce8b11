# --explain: the table, each quote with its own source and date, the formula, the exact value, the rounding.

## the embedded table: quotes written as the table writes them, the value to 18 decimals and "..."
$ --explain 1000000 UZS KZT
1 000 000 UZS ~ 41 666.67 KZT
  table    embedded, base USD
  source   The Times of Central Asia currency ticker (undated; page of April-May 2025)
  date     (not given)
  UZS      UZS/USD 0.00008 (the table's source and date; relative uncertainty +/-6.3%)
  KZT      KZT/USD 0.00192 (the table's source and date; relative uncertainty +/-0.26%)
  -> KZT   1000000 * 0.00008 / 0.00192 = 41666.666666666666666666...
           rounded half-up to 2 digits after the point: 41666.67
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## the base on one side; an exact value needs no rounding; a target named twice is answered once
$ --explain -p 3 --round down 100 USD KZT UZS KZT
100 USD ~    52 083.333 KZT
100 USD ~ 1 250 000.000 UZS
  table    embedded, base USD
  source   The Times of Central Asia currency ticker (undated; page of April-May 2025)
  date     (not given)
  USD      the table's base
  KZT      KZT/USD 0.00192 (the table's source and date; relative uncertainty +/-0.26%)
  UZS      UZS/USD 0.00008 (the table's source and date; relative uncertainty +/-6.3%)
  -> KZT   100 / 0.00192 = 52083.333333333333333333...
           rounded down to 3 digits after the point: 52083.333
  -> UZS   100 / 0.00008 = 1250000
           exact at 3 digits after the point: 1250000.000
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## a negative amount, rounded half-even (never -0)
$ --explain --round half-even -- -0.005 USD USD
-0.005 USD = 0.00 USD
  table    embedded, base USD
  source   The Times of Central Asia currency ticker (undated; page of April-May 2025)
  date     (not given)
  USD      the table's base
  -> USD   -0.005 = -0.005
           rounded half-even to 2 digits after the point: 0.00
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
=> 0

## quotes with their own source and date; a quote the other way round lands on the other side
$ --explain -r @FIX@/tables/per-quote.json 1000000 UZS KZT TMT
1 000 000 UZS ~ 41 422.94 KZT
1 000 000 UZS ~    287.03 TMT
  table    @FIX@/tables/per-quote.json, base USD
  source   test fixture: quotes from two banks
  date     2026-04-01
  receipt  @FIX@/tables/per-quote.json (published 2026-04-01)
           sha256 c0d02929673b3498a22367b581060a534cdd3aaa9ff879b5158e5b26a4acbf67
  UZS      USD/UZS 12194.21 (Bank B, 2026-03-31; relative uncertainty +/-0.000041%)
  KZT      USD/KZT 505.12 (Bank A, 2026-04-01; relative uncertainty +/-0.00099%)
  TMT      TMT/USD 0.28571 (the table's source and date; relative uncertainty +/-0.0018%)
  -> KZT   1000000 * 505.12 / 12194.21 = 41422.937607274271970057...
           rounded half-up to 2 digits after the point: 41422.94
  -> TMT   1000000 / (12194.21 * 0.28571) = 287.025768851570689095...
           rounded half-up to 2 digits after the point: 287.03
2> sarraf: note: the rates of '@FIX@/tables/per-quote.json' are of 2026-03-31,
2> sarraf: note: USD/KZT 505.12 has 5 significant digits, +/-0.00099%: the answer cannot carry all the digits shown
=> 0

## rate: the ratio alone, rounded as shown
$ --explain rate UZS KZT
1 UZS ~ 0.04166666667 KZT
  table    embedded, base USD
  source   The Times of Central Asia currency ticker (undated; page of April-May 2025)
  date     (not given)
  UZS      UZS/USD 0.00008 (the table's source and date; relative uncertainty +/-6.3%)
  KZT      KZT/USD 0.00192 (the table's source and date; relative uncertainty +/-0.26%)
  -> KZT   1 UZS = 0.00008 / 0.00192 = 0.041666666666666666... KZT
           rounded half-up to 11 digits after the point: 0.04166666667
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## rate: an exact ratio says so once
$ --explain rate USD UZS
1 USD ~ 12 500.00 UZS
  table    embedded, base USD
  source   The Times of Central Asia currency ticker (undated; page of April-May 2025)
  date     (not given)
  USD      the table's base
  UZS      UZS/USD 0.00008 (the table's source and date; relative uncertainty +/-6.3%)
  -> UZS   1 USD = 1 / 0.00008 = 12500 UZS
2> sarraf: note: the rates of 'embedded' are undated (The Times of Central Asia currency ticker (undated; page of April-May 2025)); current rates: -r official, or -r URL and 'sarraf fetch'
2> sarraf: note: UZS/USD 0.00008 has 1 significant digit, +/-6.3%: the answer cannot carry all the digits shown
=> 0

## with --terse the explanation goes to stderr and stdout keeps the bare number
$ --explain -t 1000000 UZS KZT
41666.67
2> -> KZT   1000000 * 0.00008 / 0.00192 = 41666.666666666666666666...
=> 0

## likewise with --output
$ --explain --output csv 1 USD KZT
amount,from,to,result
1,USD,KZT,520.83
2> KZT      KZT/USD 0.00192 (the table's source and date; relative uncertainty +/-0.26%)
=> 0

## JSON records carry each quote's own source and date when it has them
$ --output json -r @FIX@/tables/per-quote.json 1000000 UZS KZT TMT
{"amount":"1000000","from":"UZS","to":"KZT","result":"41422.94","rate":"0.041422937607274272","precision":"2","rounding":"half-up","uncertainty":"0.000010","table":"@FIX@/tables/per-quote.json","source":"test fixture: quotes from two banks","date":"2026-04-01","from_source":"Bank B","from_date":"2026-03-31","to_source":"Bank A","to_date":"2026-04-01","receipt":{"url":"@FIX@/tables/per-quote.json","published":"2026-04-01","sha256":"c0d02929673b3498a22367b581060a534cdd3aaa9ff879b5158e5b26a4acbf67"}}
{"amount":"1000000","from":"UZS","to":"TMT","result":"287.03","rate":"0.000287025768851571","precision":"2","rounding":"half-up","uncertainty":"0.000018","table":"@FIX@/tables/per-quote.json","source":"test fixture: quotes from two banks","date":"2026-04-01","from_source":"Bank B","from_date":"2026-03-31","receipt":{"url":"@FIX@/tables/per-quote.json","published":"2026-04-01","sha256":"c0d02929673b3498a22367b581060a534cdd3aaa9ff879b5158e5b26a4acbf67"}}
=> 0

## and in streams
stdin: 5\n
$ --output json -r @FIX@/tables/per-quote.json --from UZS --to KZT
{"file":"stdin","line":"1","amount":"5","from":"UZS","to":"KZT","result":"0.21","rate":"0.041422937607274272","precision":"2","rounding":"half-up","uncertainty":"0.000010","table":"@FIX@/tables/per-quote.json","source":"test fixture: quotes from two banks","date":"2026-04-01","from_source":"Bank B","from_date":"2026-03-31","to_source":"Bank A","to_date":"2026-04-01","receipt":{"url":"@FIX@/tables/per-quote.json","published":"2026-04-01","sha256":"c0d02929673b3498a22367b581060a534cdd3aaa9ff879b5158e5b26a4acbf67"}}
=> 0
