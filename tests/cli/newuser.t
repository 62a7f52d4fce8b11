# What a new user tripped over: never a silently wrong number, and feeds read as they come.

## an answer that rounds to nothing says so, and the precision that shows it
$ 1 UZS USD
1 UZS = 0.00 USD
2> sarraf: note: the answer in USD rounds to zero; -p 6: 0.000080
2> sarraf: note: the rates of 'embedded' are undated
=> 0

$ -t 1 UZS USD
0.00
=> 0

## a target named twice is answered once
$ -t 100 USD KZT KZT tenge
52083.33
=> 0

## a central bank's XML from a file or a pipe, as from --official
$ -r @FIX@/official/nbk.xml -t 1 USD KZT
505.12
=> 0

stdin: <?xml version="1.0" encoding="utf-8" ?>\n<ValCurs Date="2026-04-01"><Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>9.3450</Value></Valute></ValCurs>\n
$ -r - -t 100 USD TJS
934.50
=> 0

sh$ "$SARRAF" -r @FIX@/official/nbkr-daily.xml list | grep -E '^(source|base)'
source:  National Bank of the Kyrgyz Republic
base:    KGS
=> 0

## a bank's feed from a file is refused whole, naming what is wrong
$ -r @FIX@/official/malformed.xml 1 USD KZT
2> sarraf: invalid rate table '@FIX@/official/malformed.xml': NBK feed: malformed XML
=> 3

$ -r @FIX@/official/bomb.xml 1 USD KZT
2> a DOCTYPE is not accepted
=> 3

## XML that is no bank's is not a table
stdin: <html><body>captive portal</body></html>\n
$ -r - 1 USD KZT
2> sarraf: invalid rate table '-': not valid JSON near byte 1
=> 3

## a Frankfurter v1 body is named as such; rates for another amount than 1 are refused
sh$ "$SARRAF" -r @FIX@/feeds/frankfurter-v1.json list | grep -E '^source'
source:  Frankfurter JSON, @FIX@/feeds/frankfurter-v1.json
=> 0

$ -r @FIX@/feeds/frankfurter-v1-amount.json 1 USD KZT
2> sarraf: invalid rate table '@FIX@/feeds/frankfurter-v1-amount.json': 'amount' must be 1 (the rates of one unit of the base)
=> 3

## list and rate speak --output json, csv and tsv (one record a currency; rate one record)
sh$ "$SARRAF" list --output json | head -n 2
{"code":"USD","name":"US dollar","value":"1","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)","uncertainty":"0","table":"embedded"}
{"code":"KGS","name":"Kyrgyzstani som","quote":"KGS/USD","value":"0.01144","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)","uncertainty":"0.00044","table":"embedded"}
=> 0

sh$ "$SARRAF" -r @FIX@/official/nbk.xml list --output csv | grep -E '^(code|KZT|USD|AMD),'
code,name,quote,value,source,date,uncertainty,table
KZT,Kazakhstani tenge,,1,National Bank of Kazakhstan,2026-04-01,0,@FIX@/official/nbk.xml
USD,US dollar,USD/KZT,505.12,National Bank of Kazakhstan,2026-04-01,0,@FIX@/official/nbk.xml
AMD,Armenian dram,AMD/KZT,1.272,National Bank of Kazakhstan,2026-04-01,0,@FIX@/official/nbk.xml
=> 0

$ rate USD KZT --output tsv
from	to	rate	uncertainty	table	source	date
USD	KZT	520.8333333	0.0026	embedded	The Times of Central Asia currency ticker (undated; page of April-May 2025)	
=> 0

$ -r @FIX@/official/nbk.xml --output json rate USD KZT
{"from":"USD","to":"KZT","rate":"505.12","uncertainty":"0","table":"@FIX@/official/nbk.xml","source":"National Bank of Kazakhstan","date":"2026-04-01"}
=> 0

## --base gives a FloatRates body read from a pipe its base; without it the error says how
sh$ "$SARRAF" -r - -t 1 USD KZT < @FIX@/feeds/floatrates/usd.json
2> sarraf: invalid rate table '-': a FloatRates table does not name its base: give it with --base (--base USD), or read it from a file or URL named after it, such as 'usd.json'
=> 3

sh$ "$SARRAF" --base usd -r - -t 1 USD KZT < @FIX@/feeds/floatrates/usd.json
505.12
=> 0

$ --base 12 1 USD KZT
2> sarraf: invalid currency code '12' for '--base' (three letters, such as USD)
=> 2

## the configuration file: defaults that the command line overrides
env XDG_CONFIG_HOME=@FIX@/config/good
sh$ cd / && "$SARRAF" -t 1 USD KZT && "$SARRAF" -t -p 2 --round up 1 KZT USD && SARRAF_RATES= "$SARRAF" -t -r @FIX@/tables/exact.json 1 USD UZS
505.1200
0.01
12194.2100
=> 0

## $SARRAF_RATES wins over the file's rates
env XDG_CONFIG_HOME=@FIX@/config/good
env SARRAF_RATES=@FIX@/tables/cli-both-ways.json
$ -t list
USD
UZS
KZT
KGS
=> 0

## no file, no defaults
env XDG_CONFIG_HOME=@FIX@/config/none
$ -t 1000000 UZS KZT
41666.67
=> 0
