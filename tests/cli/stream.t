# Stream mode: --from/--to over lines and fields (numfmt's model).

## one number a line, from stdin
stdin: 1000\n2500.50\n-3\n
$ --from KZT --to UZS
24000.00
60012.00
-72.00
=> 0

## several files, and - for stdin between them
stdin: 5\n
$ --from KZT --to UZS @FIX@/streams/a.txt - @FIX@/streams/b.txt
2400.00
4800.00
120.00
7200.00
=> 0

## several --to targets give several columns
stdin: 1000\n
$ --from KZT --to UZS --to USD
24000.00 1.92
=> 0

stdin: 1000\n
$ --from KZT --to UZS,USD
24000.00 1.92
=> 0

## blanks around the number are kept, as numfmt keeps them
stdin:   1000   note here\n
$ --from KZT --to UZS
  24000.00   note here
=> 0

## lines that name their own currency: AMOUNT CODE or CODE AMOUNT
stdin: 1000 KZT\nUSD 5\n2 usd\n
$ --to UZS
24000.00 UZS
UZS 62500.00
25000.00 UZS
=> 0

stdin: 1000 KZT\n
$ --to UZS --to USD
24000.00 UZS 1.92 USD
=> 0

stdin: 1000 KZT\n
$ --to UZS --append
1000 KZT 24000.00 UZS
=> 0

## CSV: quoted fields, embedded delimiters and quotes, a header, the currency from a field; a bad row keeps its columns, the converted field empty
$ -d , --header --field 2 --from-field 3 --to UZS @FIX@/streams/invoices.csv --invalid=warn
invoice,amount,currency,note
17,24000.00,KZT,"rent, May"
18,60012.00,KZT,plain
19,,KZT,bad
20,1250000.00,USD,"say ""hi"""
2> sarraf: @FIX@/streams/invoices.csv:4: bad amount '12,5'
=> 0

$ -d , --header --field 2 --from-field 3 --to UZS --append --invalid=ignore @FIX@/streams/invoices.csv
invoice,amount,currency,note
17,"1000",KZT,"rent, May",24000.00
18,2500.50,KZT,plain,60012.00
19,"12,5",KZT,bad,
20,100,USD,"say ""hi""",1250000.00
=> 0

## field lists and ranges
stdin: 1 2 3 4 5\n
$ --from USD --to KZT --field 2,4-5
1 1041.67 3 2083.33 2604.17
=> 0

stdin: 1 2 3\n
$ --from USD --to KZT --field -2
520.83 1041.67 3
=> 0

stdin: 1 2 3\n
$ --from USD --to KZT --field 2-
1 1041.67 1562.50
=> 0

stdin: a;1;b\n
$ --from USD --to KZT -d ; --field 2
a;520.83;b
=> 0

## --header=N passes N lines through
stdin: h1\nh2\n10\n
$ --from USD --to UZS --header=2
h1
h2
125000.00
=> 0

## CRLF line ends and a byte-order mark are kept, and do not spoil the numbers
sh$ printf '\357\273\2771000\r\n2000\r\n' | "$SARRAF" --from KZT --to UZS | od -An -c -w64 | tr -s ' '
 357 273 277 2 4 0 0 0 . 0 0 \r \n 4 8 0 0 0 . 0 0 \r \n
=> 0

## empty lines pass through; a last line without its end keeps none
sh$ printf '1\n\n2' | "$SARRAF" --from USD --to UZS | od -An -c -w64 | tr -s ' '
 1 2 5 0 0 . 0 0 \n \n 2 5 0 0 0 . 0 0
=> 0

## -z: NUL-terminated records
sh$ printf '1\0002\000' | "$SARRAF" -z --from USD --to UZS | tr '\0' '|'; echo
12500.00|25000.00|
=> 0

## --invalid: abort (the default) stops at the first bad line
stdin: 1\nabc\n2\n
$ --from USD --to UZS
12500.00
2> sarraf: stdin:2: bad amount 'abc'
=> 1

## fail: goes on, leaves the line, exits 1
stdin: 1\nabc\n2\n
$ --from USD --to UZS --invalid=fail
12500.00
abc
25000.00
2> sarraf: stdin:2: bad amount 'abc'
=> 1

## warn: goes on, exits 0
stdin: 1\n1,5\n2\n
$ --from USD --to UZS --invalid warn
12500.00
1,5
25000.00
2> sarraf: stdin:2: bad amount '1,5'
=> 0

## ignore: no message
stdin: 1\nx\n1e30\n
$ --from USD --to UZS --invalid=ignore
12500.00
x
1e30
=> 0

## bad lines of every kind name the file and line
stdin: 1e19\n
$ --from USD --to UZS
2> sarraf: stdin:1: result of 1e19 USD in UZS is out of range
=> 1

stdin: 5 XYZ\n
$ --to UZS
2> sarraf: stdin:1: unknown currency 'XYZ'
=> 1

stdin: 5 6 7\n
$ --to UZS
2> sarraf: stdin:1: expected 'AMOUNT CODE' or 'CODE AMOUNT', got 3 fields
=> 1

stdin: 1 2\n
$ --from USD --to UZS --field 3
2> sarraf: stdin:1: no field 3
=> 1

stdin: 1,KZ1\n
$ -d , --from-field 2 --to UZS
2> sarraf: stdin:1: invalid currency code 'KZ1'
=> 1

## machine-readable output: JSON Lines, every number a string
stdin: 1000\n
$ --from KZT --to UZS --output=json
{"file":"stdin","line":"1","amount":"1000","from":"KZT","to":"UZS","result":"24000.00","rate":"24","precision":"2","rounding":"half-up","uncertainty":"0.065","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
=> 0

stdin: 1\nbad\n
$ --from USD --to KZT --output json --invalid=warn -p 4 --round floor -r @FIX@/tables/cli-both-ways.json
{"file":"stdin","line":"1","amount":"1","from":"USD","to":"KZT","result":"520.8333","rate":"520.833333333333333","precision":"4","rounding":"floor","uncertainty":"0.0026","table":"@FIX@/tables/cli-both-ways.json","source":"test fixture: quotes in both orientations","date":"2026-04-01","receipt":{"url":"@FIX@/tables/cli-both-ways.json","published":"2026-04-01","sha256":"62ab55151b382a462a4e79222c368d6b37d09c98584a7b4411efcb1541dfbc18"}}
{"file":"stdin","line":"2","amount":"bad","from":"","to":"","error":"bad amount 'bad'","table":"@FIX@/tables/cli-both-ways.json","source":"test fixture: quotes in both orientations","date":"2026-04-01","receipt":{"url":"@FIX@/tables/cli-both-ways.json","published":"2026-04-01","sha256":"62ab55151b382a462a4e79222c368d6b37d09c98584a7b4411efcb1541dfbc18"}}
2> sarraf: stdin:2: bad amount 'bad'
=> 0

stdin: 1000 KZT\n
$ --to UZS --to USD --output csv
amount,from,to,result
1000,KZT,UZS,24000.00
1000,KZT,USD,1.92
=> 0

stdin: 1000\n
$ --from KZT --to UZS --output tsv
amount	from	to	result
1000	KZT	UZS	24000.00
=> 0

## one-shot conversions have the same records
$ --output=csv 1 USD KZT UZS
amount,from,to,result
1,USD,KZT,520.83
1,USD,UZS,12500.00
=> 0

$ --output json 1000000 UZS KZT
{"amount":"1000000","from":"UZS","to":"KZT","result":"41666.67","rate":"0.041666666666666667","precision":"2","rounding":"half-up","uncertainty":"0.065","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
=> 0

## a closed pipe ends the stream quietly, with status 0
sh$ seq 1 200000 | "$SARRAF" --from USD --to UZS | head -1; echo "status ${PIPESTATUS[1]}"
12500.00
status 0
=> 0

## a line longer than 256 KiB fails cleanly, and is passed through in the modes that go on
sh$ { echo 1; head -c 300000 /dev/zero | tr '\0' 7; echo; echo 2; } | "$SARRAF" --from USD --to UZS --invalid=warn | cut -c1-10
12500.00
7777777777
25000.00
2> sarraf: stdin:2: line longer than 262144 bytes
=> 0

sh$ { echo 1; head -c 300000 /dev/zero | tr '\0' 7; echo; echo 2; } | "$SARRAF" --from USD --to UZS
12500.00
2> sarraf: stdin:2: line longer than 262144 bytes
=> 1

## a missing file is named, the others still converted
$ --from USD --to UZS /nonexistent/a.txt @FIX@/streams/b.txt
3750000.00
2> sarraf: /nonexistent/a.txt: No such file or directory
=> 1

## command-line errors in stream mode: exit 2
$ --from USD
2> sarraf: --from needs at least one --to
=> 2

$ --to UZS --field 2
2> sarraf: --field needs --from or --from-field
=> 2

$ --from USD --to UZS --field 0
2> sarraf: invalid field list '0'
=> 2

$ --from USD --to UZS --invalid=sometimes
2> sarraf: invalid value 'sometimes' for '--invalid' (abort, fail, warn, ignore)
=> 2

$ --output=xml 1 USD KZT
2> sarraf: invalid value 'xml' for '--output' (text, json, csv, tsv, ledger, beancount)
=> 2

$ --from USD --to UZS -d ''
2> sarraf: the delimiter must be a single character
=> 2

$ --from USD --to U2S
2> sarraf: invalid currency code 'U2S'
=> 1

$ --from USD --to som
2> sarraf: ambiguous currency 'som'
=> 1

## currencies by symbol and name, in --from, --to and in the lines
stdin: 1000 ₸\n5 dollar\nсум 25000\n
$ --to сум --to usd
24000.00 UZS 1.92 USD
62500.00 UZS 5.00 USD
UZS 25000.00 USD 2.00
=> 0

stdin: 1\n
$ --from $ --to тенге
520.83
=> 0

stdin: 1,₸\n
$ -d , --from-field 2 --to UZS --append
1,₸,24.00
=> 0

$ --from USD --to UZS -t
2> sarraf: --terse is for one-shot conversions
=> 2

$ --field 2 1 USD KZT
2> sarraf: stream options need --to
=> 2

$ --from XYZ --to UZS
2> sarraf: unknown currency 'XYZ'
=> 1

## --grouped: digit groups after a number are part of it, and the whole span is replaced
stdin: total 1 500 000 UZS\n1 000.50 x\n-12 345\n7\n
$ --grouped --field 2 --from UZS --to KZT
total 62500.00 UZS
1 0.02 x
-12 14.38
2> sarraf: stdin:4: no field 2
=> 1

stdin: 1 000.50 x\n5\n-12 345\n
$ --grouped --from KZT --to UZS
24012.00 x
120.00
-296280.00
=> 0

## numbers that are not groups stay apart: four digits, a point, a letter
stdin: 1000 10\n1 0001\n1 00a\n
$ --from KZT --to USD
1.92 10
0.00 0001
0.00 00a
=> 0

## a CSV's currency column takes the column lane: the same bytes, out and err, as the general path (--field 4,4 forces it), appended or in place, one target or two
sh$ for a in --append ""; do for to in USD USD,UZS; do "$SARRAF" -d , --header --field 4 --from-field 5 --to $to $a --invalid=warn @FIX@/streams/lane.csv > lane.out 2> lane.err; "$SARRAF" -d , --header --field 4,4 --from-field 5 --to $to $a --invalid=warn @FIX@/streams/lane.csv > general.out 2> general.err; cmp lane.out general.out && cmp lane.err general.err || exit 1; done; done; tr -d '\r' < lane.out; cat lane.err >&2
id,date,client,amount,currency
1,2026-04-01,c1,1.92,24012.00,KZT
2,2026-04-01,"c, 2",0.38,4800.00,KZT
3,2026-04-01,c3,0.38,4800.00,kzt
4,2026-04-01,c4,0.00,-7.50,UZS
5,2026-04-01,c5,0.02,288.00,KZT
6,2026-04-01,c6,1.92,24000.00,tenge
7,2026-04-01,c7,,,KZT
8,2026-04-01,c8,0.50,6250.00,USD
9,2026-04-01,c9,0.51,6333.75,TJS
10,2026-04-01,c10,0.58,7200.00,KZT
11,2026-04-01,c11,0.58,7200.00,"KZT"
12,2026-04-01,c12,,,KZT
13,2026-04-01,c13,,,XYZ
14,2026-04-01,c14,,
15,2026-04-01,c15,0.19,2400.00,KZT,extra
16,2026-04-01,c16,80000000000000.00,999999999999999999.90,UZS
17,2026-04-01,c17,0.00,0.00,KZT
18,2026-04-01,c18,0.00,-0.14,KGS
19,2026-04-01,c19,0.01,168.00,kzt
2> lane.csv:8: result of 12345678901234567890 KZT in UZS is out of range
2> lane.csv:13: bad amount 'abc'
2> lane.csv:14: unknown currency 'XYZ'
2> lane.csv:15: no field 5 for the currency
=> 0

## with --from, a delimited stream's first field takes the column lane too: the same bytes as the general path
sh$ printf '100,a\n"5",b\n 7,c\n-0.004\n1e2,d\nx,e\n,f\n12,"g,h"\n' > in.csv && "$SARRAF" -d , --from KZT --to UZS,USD --invalid=warn in.csv > lane.out 2> lane.err; "$SARRAF" -d , --field 1,1 --from KZT --to UZS,USD --invalid=warn in.csv > general.out 2> general.err; cmp lane.out general.out && cmp lane.err general.err && cat lane.out && cat lane.err >&2
2400.00,0.19,a
120.00,0.01,b
168.00,0.01,c
-0.10,0.00
2400.00,0.19,d
,,e
,,f
288.00,0.02,"g,h"
2> in.csv:6: bad amount 'x'
2> in.csv:7: bad amount ''
=> 0

## more source currencies than the pair cache keeps (512): it starts again, and every line is still converted at its own currency's rate (each of the 700 has another)
sh$ python3 -c 'import itertools, json; codes = ["".join(c) for c in itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=3)][1000:1700]; json.dump({"base": "USD", "quotes": {c + "/USD": "%d.%02d" % divmod(k + 1, 100) for k, c in enumerate(codes)}}, open("big.json", "w")); open("in.txt", "w").write("".join("2 %s\n" % c for c in codes * 2)); open("want.txt", "w").write("".join("%d.%02d USD\n" % divmod(2 * ((k % 700) + 1), 100) for k in range(1400)))' && "$SARRAF" -r big.json --to USD in.txt > got.txt && cmp got.txt want.txt && sort -u got.txt | wc -l && "$SARRAF" -r big.json --to USD --output json in.txt | grep -c '"result":"14.00"'
700
2
=> 0

## several targets take the fast lane: the same bytes as the general path (--field 1 forces it)
sh$ printf '100\n 5.5 x\n-0.004\n12345678901234567\n.5\n7 8 9\n' > in.txt && "$SARRAF" --from KZT --to UZS,USD,KGS in.txt > fast.out && "$SARRAF" --field 1 --from KZT --to UZS,USD,KGS in.txt > general.out && cmp fast.out general.out && cat fast.out
2400.00 0.19 16.78
 132.00 0.01 0.92 x
-0.10 0.00 0.00
296296293629629608.00 23703703490370.37 2072002053354053.20
12.00 0.00 0.08
168.00 0.01 1.17 8 9
=> 0

## CSV as RFC 4180 has it: quoted fields with the delimiter, doubled quotes and a line break (CRLF) inside, a quote inside an unquoted field, a quoted amount and code; the byte-order mark and CRLF kept. The column lane writes the general path's bytes (--field 4,4 forces it), out and err
sh$ for a in --append ""; do "$SARRAF" -d , --header --field 4 --from-field 5 --to USD,UZS $a --invalid=warn @FIX@/streams/quoted.csv > lane.out 2> lane.err; "$SARRAF" -d , --header --field 4,4 --from-field 5 --to USD,UZS $a --invalid=warn @FIX@/streams/quoted.csv > general.out 2> general.err; cmp lane.out general.out && cmp lane.err general.err || exit 1; done; cmp -n 3 lane.out @FIX@/streams/quoted.csv && grep -c $'\r$' lane.out && tr -d '\r' < lane.out | sed '1s/^\xef\xbb\xbf/BOM/'; cat lane.err >&2
9
BOMid,date,description,amount,currency
1,2026-04-01,"rent, May",1.92,24000.00,KZT
2,2026-04-01,"two
lines; ""quoted""",2500.50,31256250.00,USD
3,2026-04-01,plain,0.19,2400.00,kzt
4,2026-04-01,"x",,,KZT
5,2026-04-01,"a""b",0.00,7.00,"UZS"
6,2026-04-01,"""",10.13,126675.00,TJS
7,2026-04-01,q"uote,0.01,120.00,KZT
2> quoted.csv:6: bad amount 'abc'
=> 0

## a record that a quoted field carries over lines: one record, named by its first line; JSON records too
stdin: h,"head\ner"\n1,"a\nb\nc",100\n2,x,bad\n3,"",200\n
$ -d , --header --field 3 --from KZT --to UZS --invalid warn --output json
{"file":"stdin","line":"3","amount":"100","from":"KZT","to":"UZS","result":"2400.00","rate":"24","precision":"2","rounding":"half-up","uncertainty":"0.065","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
{"file":"stdin","line":"6","amount":"2,x,bad","from":"","to":"","error":"bad amount 'bad'","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
{"file":"stdin","line":"7","amount":"200","from":"KZT","to":"UZS","result":"4800.00","rate":"24","precision":"2","rounding":"half-up","uncertainty":"0.065","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
2> sarraf: stdin:6: bad amount 'bad'
=> 0

## the first field quoted over lines, with --from (the column lane, then the general path)
stdin: "a\nb",1\n"c",2\n
$ -d , --field 2 --from USD --to UZS --append
"a
b",1,12500.00
"c",2,25000.00
=> 0

## a record longer than one read: the lines a quoted field joins are read on until it closes
sh$ { printf '"'; yes 'ab,cd' | head -n 30000; printf '",5\n7,8\n'; } > long.csv && "$SARRAF" -d , --field 2 --from USD --to KZT long.csv | tail -n 2
",2604.17
7,4166.67
=> 0

## --invalid warn, fail and ignore keep a delimited row's columns: each field a good row converts or appends is there, empty
stdin: a;1;USD\nb;x;USD\nc;2;XYZ\n
$ -d ; --field 2 --from-field 3 --to KZT,UZS --invalid=warn
a;520.83;12500.00;USD
b;;;USD
c;;;XYZ
2> sarraf: stdin:2: bad amount 'x'
2> sarraf: stdin:3: unknown currency 'XYZ'
=> 0

stdin: a;1;7\nb;x;7\n
$ -d ; --field 2- --from USD --to KZT,UZS --append --invalid=ignore
a;1;7;520.83;12500.00;3645.83;87500.00
b;x;7;;;;
=> 0

stdin: a;1;7\nb;x;7\n
$ -d ; --field 2,4 --from USD --to KZT --append --invalid=fail
a;1;7;;
b;x;7;;
2> sarraf: stdin:1: no field 4
=> 1

stdin: 1;KZT\nx;KZT\n
$ -d ; --to UZS,USD --invalid=warn
24.00;UZS;0.00;USD
;;;
2> sarraf: stdin:2: bad amount 'x'
=> 0

## without -d a bad line is left as it was: blank-separated fields cannot be empty
stdin: 1 a\nx b\n
$ --from USD --to KZT,UZS --invalid=warn
520.83 12500.00 a
x b
2> sarraf: stdin:2: bad amount 'x'
=> 0

## a Russian-locale spreadsheet export (Excel, LibreOffice, 1C): ';', decimal commas, quoted text with ';', doubled quotes and a line break inside, a byte-order mark and CRLF. Every figure exact, the columns intact, the BOM and CRLF kept; the lane writes the general path's bytes
sh$ f=@FIX@/streams/excel-ru.csv; "$SARRAF" --decimal-comma -d ';' --header --field 4 --from-field 5 --to USD --append $f > lane.out && "$SARRAF" --decimal-comma -d ';' --header --field 4,4 --from-field 5 --to USD --append $f > general.out && cmp lane.out general.out && cmp -n 3 lane.out $f && grep -c $'\r$' lane.out && tr -d '\r' < lane.out | sed '1s/^\xef\xbb\xbf/BOM/'
8
BOMДата;Контрагент;Назначение платежа;Сумма;Валюта
01.04.2026;"ТОО ""Алтын Дала""";"Оплата по счёту № 15; аренда за апрель";1500000,50;KZT;2880,00
02.04.2026;ИП Каримов;"Услуги связи
за март";25000;UZS;2,00
03.04.2026;"ООО ""Восток""";Поставка;"350,75";KGS;4,01
04.04.2026;Возврат;"Возврат; частичный";-12,5;TJS;-1,27
05.04.2026;Банк;Комиссия;0,01;USD;0,01
06.04.2026;"Туркмен ""Нефть""";"Аванс";999999999,99;TMT;285710000,00
=> 0

## the same in place, two targets: the amount column becomes two, written with decimal commas
sh$ "$SARRAF" --decimal-comma -d ';' --header --field 4 --from-field 5 --to USD,KZT @FIX@/streams/excel-ru.csv | tr -d '\r' | sed -n '2p;6p'
01.04.2026;"ТОО ""Алтын Дала""";"Оплата по счёту № 15; аренда за апрель";2880,00;1500000,50;KZT
04.04.2026;Возврат;"Возврат; частичный";-1,27;-659,77;TJS
=> 0

## --decimal-comma on plain lines, blanks kept, several targets; a point is refused with it
stdin: 1500000,50\n  -0,5 note\n1.5\n
$ --decimal-comma --from KZT --to USD,UZS --invalid warn
2880,00 36000012,00
  0,00 -12,00 note
1.5
2> sarraf: stdin:3: bad amount '1.5': --decimal-comma reads a comma as the decimal point, and a point is not one
=> 0

## with -d , the amounts are quoted ("1500,50"), and so are the results that hold the comma; the lane and the general path agree
sh$ printf 'id,amount,code\n1,"1500000,50",KZT\n2,"2,5",USD\n3,"7",KGS\n' > in.csv && "$SARRAF" -d , --decimal-comma --header --field 2 --from-field 3 --to USD,KZT in.csv > lane.out && "$SARRAF" -d , --decimal-comma --header --field 2,2 --from-field 3 --to USD,KZT in.csv > general.out && cmp lane.out general.out && cat lane.out
id,amount,code
1,"2880,00","1500000,50",KZT
2,"2,50","1302,08",USD
3,"0,08","41,71",KGS
=> 0

## -p 0: a result without a comma needs no quotes
stdin: "2,5"\n
$ -d , --decimal-comma -p 0 --from USD --to KZT,USD --append
"2,5",1302,3
=> 0

## --grouped reads a grouped amount in one field, quoted or not, with spaces or no-break spaces (U+00A0, U+202F), as spreadsheets write them
sh$ printf 'a;"1 200 000";KZT\nb;-1 500 000,50;USD\nc;1\302\240000;KZT\nd;2\342\200\257500,5;UZS\n' | "$SARRAF" -d ';' --grouped --decimal-comma --field 2 --from-field 3 --to USD,KZT
a;2304,00;1200000,00;KZT
b;-1500000,50;-781250260,42;USD
c;1,92;1000,00;KZT
d;0,20;104,19;UZS
=> 0

sh$ printf 'id,amount\n1,"1 200 000"\n2,"1 000.50"\n' | "$SARRAF" -d , --grouped --header --field 2 --from UZS --to KZT --append
id,amount
1,"1 200 000",50000.00
2,"1 000.50",41.69
=> 0

## JSON records keep the amount as written and the result with a point
stdin: 1500000,50\n
$ --decimal-comma --from KZT --to USD --output json
{"file":"stdin","line":"1","amount":"1500000,50","from":"KZT","to":"USD","result":"2880.00","rate":"0.00192","precision":"2","rounding":"half-up","uncertainty":"0.0026","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
=> 0

## decimal-comma = true in the configuration file, and --no-decimal-comma on the command line
sh$ mkdir -p cfg/sarraf && echo 'decimal-comma = true' > cfg/sarraf/config && printf '2,5\n' | XDG_CONFIG_HOME=$PWD/cfg "$SARRAF" --from USD --to KZT && printf '2.5\n' | XDG_CONFIG_HOME=$PWD/cfg "$SARRAF" --no-decimal-comma --from USD --to KZT
1302,08
1302.08
=> 0

## the column lane finds its lines' ends itself: over many reads (lines cut by the buffer's edge), with quoted fields, line breaks in them, CRLF, bad rows and six currencies mixed, the same bytes as the general path
sh$ python3 -c 'import random; r = random.Random(7); c = ["KZT", "UZS", "usd", "\"KGS\"", "TJS", "TMT", "XYZ"]; d = ["a", "\"b, c\"", "\"say \"\"hi\"\"\"", "\"two\r\nlines\"", "q\"x"]; a = ["%d.%02d" % (r.randrange(10**6), r.randrange(100)), "\"%d\"" % r.randrange(1000), "x", "-0.5", ""]; open("big.csv", "w", newline="").write("".join("%d,%s,%s,%s\r\n" % (i, r.choice(d), r.choice(a), r.choice(c)) for i in range(150000)))' && "$SARRAF" -d , --field 3 --from-field 4 --to USD,UZS --append --invalid ignore big.csv > lane.out && "$SARRAF" -d , --field 3,3 --from-field 4 --to USD,UZS --append --invalid ignore big.csv > general.out && cmp lane.out general.out && "$SARRAF" -d , --field 3 --from-field 4 --to USD --invalid ignore big.csv | cmp - <("$SARRAF" -d , --field 3,3 --from-field 4 --to USD --invalid ignore big.csv) && echo same
same
=> 0

## -z with the column lane
sh$ printf 'a,100,KZT\000b,"x\000y",5,USD\000c,7,USD' | "$SARRAF" -z -d , --field 2 --from-field 3 --to UZS --invalid warn | tr '\0' '|'; echo
a,2400.00,KZT|b,,5,USD|c,87500.00,USD
2> sarraf: stdin:2: invalid currency code '5'
=> 0

## split with GNU parallel (README: a stream too big for one core): parallel --pipe --keep-order gives the bytes of one process, for a plain stream and for a CSV whose header each block gets (job 1 keeps it in its output, the others drop theirs)
need parallel (GNU parallel, Debian package parallel)
sh$ seq 1 1500 | sed 's/$/.25/' > plain.txt && "$SARRAF" --from KZT --to UZS,USD plain.txt > one.out && parallel --will-cite --pipe --keep-order --block 4k "$SARRAF" --from KZT --to UZS,USD < plain.txt > par.out && cmp one.out par.out && printf '\357\273\277id,date,description,amount,currency\r\n' > in.csv && python3 -c 'import random; r = random.Random(3); c = ["KZT", "UZS", "KGS", "TJS", "USD", "TMT"]; open("in.csv", "a", newline="").write("".join("%d,2026-04-01,\"a, b %d\",%d.%02d,%s\r\n" % (i, i, r.randrange(10**6), r.randrange(100), r.choice(c)) for i in range(250)))' && "$SARRAF" -d , --header --field 4 --from-field 5 --to USD --append in.csv > one.csv && parallel --will-cite --pipe --keep-order --block 4k --header '.*\n' "$SARRAF"' -d , --header --field 4 --from-field 5 --to USD --append | if [ {#} -gt 1 ]; then tail -n +2; else cat; fi' < in.csv > par.csv && cmp one.csv par.csv && wc -l < par.csv && head -c 3 par.csv | od -An -tx1
251
 ef bb bf
=> 0

## a regular file of 256 KiB or more is read ahead by a thread (src/stream/prefetch.c): the same bytes as from a pipe, quoted fields and all, and a run that stops early (| head, --invalid abort at line 70000 of 150000) ends at once
sh$ seq 1 150000 | sed 's/.*/&,"a, b ""q""",&.25,KZT/; 70000s/KZT/XYZ/' > big.csv && "$SARRAF" -d , --field 3 --from-field 4 --to USD --append --invalid ignore big.csv > a.out && cat big.csv | "$SARRAF" -d , --field 3 --from-field 4 --to USD --append --invalid ignore | cmp - a.out && echo same && "$SARRAF" -d , --field 3 --from-field 4 --to USD big.csv | head -2; timeout 10 "$SARRAF" --invalid abort -d , --field 3 --from-field 4 --to USD big.csv | tail -1; echo "exit ${PIPESTATUS[0]}"
same
1,"a, b ""q""",0.00,KZT
2,"a, b ""q""",0.00,KZT
69999,"a, b ""q""",134.40,KZT
exit 1
2> sarraf: big.csv:70000: unknown currency 'XYZ'
=> 0
