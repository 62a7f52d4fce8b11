# The catalogue of bad inputs (issue 5): streams.
# Each case: the exact status, the message, and nothing on stdout (no expected lines = stdout must be empty).
# None may crash, hang or print a number; make valgrind runs them under memcheck too.

## binary garbage: stops at the first bad line, or passes it through in warn mode
sh$ printf '\177ELF\002\001\001\000\377\376\n\001\002 \303\050\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: bad amount '
=> 1

sh$ printf '\177ELF\002\001\001\000\377\376\n\001\002 \303\050\n' | "$SARRAF" --from KZT --to USD --invalid=ignore | od -An -tx1 | tr -d ' \n'; echo
7f454c4602010100fffe0a010220c3280a
=> 0

## a NUL inside a number
sh$ printf '10\00000\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: bad amount '10?00'
=> 1

sh$ printf '\000\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: bad amount '?'
=> 1

## non-ASCII digits, an exponent out of range, a decimal comma
sh$ printf '１２３\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: bad amount '１２３'
=> 1

sh$ printf '1e999999\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: amount '1e999999' is out of range
=> 1

sh$ printf '12,5\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: bad amount '12,5'
=> 1

sh$ printf '1234567890123456789012345678901234567890\n' | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: amount '1234567890123456789012345678901234567890' is out of range
=> 1

## 1 MB lines: from a pipe and from a file (the whole line and its end in one read)
sh$ head -c 1000000 /dev/zero | tr '\0' 5 | "$SARRAF" --from KZT --to USD
2> sarraf: stdin:1: line longer than 262144 bytes
=> 1

sh$ { head -c 1000000 /dev/zero | tr '\0' 5; echo; } > l.txt && "$SARRAF" --from KZT --to USD l.txt
2> sarraf: l.txt:1: line longer than 262144 bytes
=> 1

## a 300 KB line that fits one read is still too long (found under valgrind, where the pipe filled faster)
sh$ { echo 1; head -c 300000 /dev/zero | tr '\0' 7; echo; echo 2; } > l.txt && "$SARRAF" --from USD --to UZS l.txt
12500.00
2> sarraf: l.txt:2: line longer than 262144 bytes
=> 1

sh$ { echo 1; head -c 300000 /dev/zero | tr '\0' 7; echo; echo 2; } > l.txt && "$SARRAF" --from USD --to UZS --invalid=warn --output json l.txt | cut -c1-60
{"file":"l.txt","line":"1","amount":"1","from":"USD","to":"U
{"file":"l.txt","line":"2","amount":"","from":"","to":"","er
{"file":"l.txt","line":"3","amount":"2","from":"USD","to":"U
2> sarraf: l.txt:2: line longer than 262144 bytes
=> 0

## missing fields
sh$ printf '1000\n' | "$SARRAF" --from KZT --to USD --field 3
2> sarraf: stdin:1: no field 3
=> 1

sh$ printf '1000\n' | "$SARRAF" --from-field 2 --to USD
2> sarraf: stdin:1: no field 2 for the currency
=> 1

sh$ printf '1000,KZT\n' | "$SARRAF" -d , --field 2 --from-field 5 --to USD
2> sarraf: stdin:1: no field 5 for the currency
=> 1

sh$ printf '1000\n' | "$SARRAF" --to USD
2> sarraf: stdin:1: expected 'AMOUNT CODE' or 'CODE AMOUNT', got 1 field
=> 1

sh$ printf 'KZT\n' | "$SARRAF" --to USD
2> sarraf: stdin:1: expected 'AMOUNT CODE' or 'CODE AMOUNT', got 1 field
=> 1

## a look-alike code in a line
sh$ printf '1000 ҚZТ\n' | "$SARRAF" --to USD
2> sarraf: stdin:1: no currency code in '1000 ҚZТ'
=> 1

## files that cannot be read
$ --from KZT --to USD nonexistent.txt
2> sarraf: nonexistent.txt: No such file or directory
=> 1

sh$ mkdir -p d && "$SARRAF" --from KZT --to USD d
2> sarraf: d: Is a directory
=> 1

## a full disk (RLIMIT_FSIZE, SIGXFSZ ignored): a write error and exit 1, and what reached the file is an exact prefix of the right output
sh$ seq 1 200000 > in.txt && "$SARRAF" --from KZT --to UZS in.txt > full.txt && (trap '' XFSZ; ulimit -f 100; "$SARRAF" --from KZT --to UZS in.txt > out.txt); echo "status $?"; head -c "$(stat -c %s out.txt)" full.txt | cmp - out.txt && stat -c %s out.txt
status 1
102400
2> sarraf: write error: File too large
=> 0


## a grouped number is never converted as its first group
stdin: 1 000\n
$ --from KZT --to USD
2> sarraf: stdin:1: '1 000' looks like a grouped number: write it without blanks, or use --grouped
=> 1

stdin: total 1 500 000 UZS\n
$ --field 2 --from UZS --to KZT
2> sarraf: stdin:1: '1 500 000' looks like a grouped number: write it without blanks, or use --grouped
=> 1

stdin: -12 345.50\n
$ --from KZT --to UZS
2> sarraf: stdin:1: '-12 345.50' looks like a grouped number
=> 1

stdin: 1 100\n
$ --from KZT --to USD --output json --invalid warn
{"file":"stdin","line":"1","amount":"1 100","from":"","to":"","error":"'1 100' looks like a grouped number: write it without blanks, or use --grouped","table":"embedded","source":"The Times of Central Asia currency ticker (undated; page of April-May 2025)"}
2> sarraf: stdin:1: '1 100' looks like a grouped number
=> 0

## --grouped is a stream option
$ --grouped 1 USD KZT
2> sarraf: stream options need --to
=> 2

## --grouped joins a grouped number of any length, never a cut one: 45 groups are 0.5, as without the blanks
sh$ echo "0$(printf ' 000%.0s' $(seq 1 45)).5" | timeout 5 "$SARRAF" --grouped --from USD --to USD
0.50
=> 0

sh$ echo "0$(printf '000%.0s' $(seq 1 45)).5" | timeout 5 "$SARRAF" --from USD --to USD
0.50
=> 0

## 60 000 groups (240 KB) are still one number; past the line limit the line is bad, naming the limit
sh$ { printf 0; yes ' 000' | head -n 60000 | tr -d '\n'; printf '.5\n'; } | timeout 5 "$SARRAF" --grouped --from USD --to USD
0.50
=> 0

sh$ { printf 0; yes ' 000' | head -n 70000 | tr -d '\n'; printf '.5\n'; } | timeout 5 "$SARRAF" --grouped --from USD --to USD
2> sarraf: stdin:1: line longer than 262144 bytes
=> 1

## a long grouped number that is too large is out of range, never its first groups
sh$ echo "1$(printf ' 000%.0s' $(seq 1 45)).5" | timeout 5 "$SARRAF" --grouped --from USD --to USD --invalid warn | cut -c1-12
1 000 000 00
2> sarraf: stdin:1: amount '1 000 000 000 000 000 000 000 000 000 00...' is out of range
=> 0

## a line's fields are limited only by its length: 5 000 blank-separated fields, an open range and the last one
sh$ seq 1 5000 | paste -sd' ' > many.txt && timeout 5 "$SARRAF" --field 4998- --from USD --to USD many.txt | tr ' ' '\n' | tail -4
4997
4998.00
4999.00
5000.00
=> 0

sh$ seq 1 5000 | paste -sd' ' > many.txt && timeout 5 "$SARRAF" --field 5000 --from USD --to KZT many.txt | tr ' ' '\n' | tail -2
4999
2604166.67
=> 0

## 100 000 delimited fields (200 KB): the last one, and every field of an open range
sh$ yes 2 | head -n 100000 | paste -sd, > many.csv && timeout 5 "$SARRAF" -d , --field 100000 --from USD --to USD many.csv | tr , '\n' | sort | uniq -c | sed 's/^ *//'
99999 2
1 2.00
=> 0

sh$ yes 2 | head -n 100000 | paste -sd, > many.csv && timeout 5 "$SARRAF" -d , --field 3- --from USD --to USD many.csv | tr , '\n' | sort | uniq -c | sed 's/^ *//'
2 2
99998 2.00
=> 0

sh$ yes 2 | head -n 100000 | paste -sd, > many.csv && timeout 5 "$SARRAF" -d , --field 100001 --from USD --to USD many.csv
2> sarraf: many.csv:1: no field 100001
=> 1

## a quoted field that the file never closes: a bad line from its first line on, never a figure
stdin: 1,a\n2,"open\n3,b\n
$ -d , --from USD --to KZT
520.83,a
2> sarraf: stdin:2: quoted field not closed before the end of the file
=> 1

stdin: 1,a\n2,"open\n3,b\n
$ -d , --from USD --to KZT --invalid warn
520.83,a
2,"open
3,b
2> sarraf: stdin:2: quoted field not closed before the end of the file
=> 0

## a quoted field still open 256 KiB on: a bad record, passed through in warn mode; the lines after it are read again, and named by their own numbers
sh$ { echo 1,a; printf '2,"'; yes ab | head -n 150000; echo 3,b; } > open.csv && timeout 5 "$SARRAF" -d , --from USD --to KZT --invalid warn open.csv 2> err.txt | sed -n '1p;$p'; wc -l < open.csv; head -n 2 err.txt >&2; tail -n 1 err.txt >&2
520.83,a
1562.50,b
150002
2> sarraf: open.csv:2: record longer than 262144 bytes (a quoted field not closed?)
2> sarraf: open.csv:150001: bad amount 'ab'
=> 0

sh$ { echo 1,a; printf '2,"'; yes ab | head -n 150000; echo 3,b; } > open.csv && timeout 5 "$SARRAF" -d , --from USD --to KZT open.csv
520.83,a
2> sarraf: open.csv:2: record longer than 262144 bytes (a quoted field not closed?)
=> 1

## a decimal comma without --decimal-comma: a bad line that says what to do, never a figure
stdin: 12,5\n
$ --from KZT --to USD
2> sarraf: stdin:1: bad amount '12,5' (if its comma is the decimal point: use --decimal-comma)
=> 1

stdin: a;1500000,50;KZT\n
$ -d ; --field 2 --from-field 3 --to USD
2> sarraf: stdin:1: bad amount '1500000,50' (if its comma is the decimal point: use --decimal-comma)
=> 1

## a grouped number with a decimal comma is never converted as its first group
stdin: 1 000,50\n
$ --from KZT --to USD
2> sarraf: stdin:1: '1 000,50' looks like a grouped number: write it without blanks, or use --grouped
=> 1

stdin: 1 000,50\n
$ --grouped --from KZT --to USD
2> sarraf: stdin:1: bad amount '1 000,50' (if its comma is the decimal point: use --decimal-comma)
=> 1

## with --decimal-comma and -d ',' an unquoted amount is cut in two by its own comma: refused, never read as its integer part
stdin: a,1500000,50,KZT\n
$ -d , --decimal-comma --field 2 --from-field 4 --to USD
2> sarraf: stdin:1: amount '1500000' is not quoted (with --decimal-comma and -d ',' an amount is quoted, as in "1500,50")
=> 1

stdin: a,1500000,50,KZT\n
$ -d , --decimal-comma --field 2 --from-field 4 --to USD --invalid warn
a,,50,KZT
2> sarraf: stdin:1: amount '1500000' is not quoted
=> 0

## with --decimal-comma a point is not a decimal point
stdin: 1.5\n
$ --decimal-comma --from KZT --to USD
2> sarraf: stdin:1: bad amount '1.5': --decimal-comma reads a comma as the decimal point, and a point is not one
=> 1

stdin: 1,500,000\n
$ --decimal-comma --from KZT --to USD
2> sarraf: stdin:1: bad amount '1,500,000'
=> 1

## a grouped amount inside a field, without --grouped
stdin: a;"1 200 000";KZT\n
$ -d ; --field 2 --from-field 3 --to USD
2> sarraf: stdin:1: '1 200 000' looks like a grouped number: write it without blanks, or use --grouped
=> 1
