# The catalogue of bad inputs (issue 5): rate tables.
# Each case: the exact status, the message, and nothing on stdout (no expected lines = stdout must be empty).
# None may crash, hang or print a number; make valgrind runs them under memcheck too.

## each invalid class of the SPEC: zero, negative, not a decimal
sh$ printf '%s' '{"quotes":{"KZT/USD":"0"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value is zero
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":0}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value is zero
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":1e-400}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value is zero
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"-1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value is negative
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":-0.5}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value is negative
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"abc"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value 'abc' is not a decimal number
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"1,5"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value '1,5' is not a decimal number
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":""}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value '' is not a decimal number
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":null}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value must be a string or a number
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":[1]}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value must be a string or a number
=> 3

## a pair without the base
sh$ printf '%s' '{"base":"USD","quotes":{"KZT/EUR":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/EUR': neither side is the base 'USD'
=> 3

sh$ printf '%s' '{"base":"EUR","quotes":{"KZT/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': neither side is the base 'EUR'
=> 3

## a currency quoted twice, both ways, and a duplicate key
sh$ printf '%s' '{"quotes":{"KZT/USD":"1","USD/KZT":"2"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'USD/KZT': KZT is quoted twice
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"1","KZT/USD":"2"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': KZT is quoted twice
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"1"},"quotes":{"UZS/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': duplicate key 'quotes'
=> 3

## malformed codes, a Cyrillic look-alike among them
sh$ printf '%s' '{"quotes":{"KZ/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZ/USD': malformed currency code
=> 3

sh$ printf '%s' '{"quotes":{"KZTUSD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZTUSD': malformed currency code
=> 3

sh$ printf '%s' '{"quotes":{"ҚZТ/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'ҚZТ/USD': malformed currency code
=> 3

sh$ printf '%s' '{"quotes":{"K1T/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'K1T/USD': malformed currency code
=> 3

sh$ printf '%s' '{"base":"usdd","quotes":{"KZT/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': 'base' 'usdd' is not a currency code
=> 3

## a date that is not ISO 8601
sh$ printf '%s' '{"quotes":{"KZT/USD":"1"},"date":"yesterday"}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': 'date' 'yesterday' is not an ISO 8601 date
=> 3

## not JSON: garbage, trailing text, a trailing comma, single quotes
sh$ printf '%s' 'not json' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 1
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"1"}} trailing' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 28
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"1"},}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 27
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":1}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON
=> 3

## JSON, but not a table
sh$ printf '%s' '[]' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': the table is not a JSON object
=> 3

sh$ printf '%s' '"x"' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': the table is not a JSON object
=> 3

sh$ printf '%s' '{}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': no 'quotes' object
=> 3

sh$ printf '%s' '{"quotes":{}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': 'quotes' is empty
=> 3

sh$ printf '%s' '{"quotes":[]}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': 'quotes' must be an object
=> 3

## huge numbers: past the double range, 39 digits, a million-digit exponent
sh$ printf '%s' '{"quotes":{"KZT/USD":1e999}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value is out of range
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"123456789012345678901234567890123456789"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value '123456789012345678901234567890123456789' is out of range
=> 3

sh$ printf '%s' '{"quotes":{"KZT/USD":"1e999999"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': quote 'KZT/USD': value '1e999999' is out of range
=> 3

## a huge JSON number that loads makes the result out of range, never wrong
sh$ printf '{"quotes":{"KZT/USD":123456789012345678901234567890123456789012}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: result of 1 KZT in USD is out of range
=> 1

## deep nesting: past cJSON's limit, and inside an ignored key
sh$ python3 -c 'print("[" * 100000)' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 1001
=> 3

sh$ python3 -c 'print("{\"quotes\":{\"KZT/USD\":\"1\"},\"x\":" + "[" * 5000 + "]" * 5000 + "}")' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 1030
=> 3

## 1 MiB + 1 byte: a file, and a valid table padded to 1 MiB + 25
sh$ head -c 1048577 /dev/zero | tr '\0' ' ' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: cannot read rate table 't.json': larger than 1 MiB
=> 3

sh$ { printf '{"quotes":{"KZT/USD":"0.00192"},"pad":"'; head -c 1048560 /dev/zero | tr '\0' x; printf '"}'; } > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: cannot read rate table 't.json': larger than 1 MiB
=> 3

## non-UTF-8 and NUL bytes
sh$ printf '{"quotes":{"K\377T/USD":"0.00192"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> malformed currency code
=> 3

sh$ printf '{"quotes":{"KZT/USD":"0.0\00019"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 26
=> 3

sh$ printf '\000' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 1
=> 3

sh$ printf '\377\376{"quotes":{"KZT/USD":"1"}}' > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': not valid JSON near byte 1
=> 3

## an empty file, /dev/null, a directory, /dev/zero
sh$ : > t.json && "$SARRAF" -r t.json 1 KZT USD
2> sarraf: invalid rate table 't.json': the table is empty
=> 3

$ -r /dev/null 1 KZT USD
2> sarraf: invalid rate table '/dev/null': the table is empty
=> 3

sh$ mkdir -p d && "$SARRAF" -r d 1 KZT USD
2> sarraf: cannot read rate table 'd': is a directory
=> 3

$ -r /dev/zero 1 KZT USD
2> sarraf: cannot read rate table '/dev/zero': larger than 1 MiB
=> 3

## a pipe that delivers nothing, NULs, or binary garbage
sh$ "$SARRAF" -r <(true) 1 KZT USD
2> sarraf: invalid rate table '/dev/fd/
=> 3

sh$ "$SARRAF" -r <(head -c 100 /dev/zero) 1 KZT USD
2> not valid JSON near byte 1
=> 3

sh$ printf '\177ELF\002\001\001\000\377\376' | "$SARRAF" -r - 1 KZT USD
2> sarraf: invalid rate table '-': not valid JSON near byte 8
=> 3

## while a pipe that delivers a valid table keeps working, as -r <(curl -s URL)
sh$ "$SARRAF" -r <(cat @FIX@/../../data/rates.json) -t 1000000 UZS KZT
41666.67
=> 0

## an unreadable file: root reads past chmod 000, but not /proc/self/mem at offset 0 (EIO)
$ -r /proc/self/mem 1 KZT USD
2> sarraf: cannot read rate table '/proc/self/mem': Input/output error
=> 3

## a missing file, and a file name that is an empty directory path
$ -r nonexistent.json 1 KZT USD
2> sarraf: cannot read rate table 'nonexistent.json': No such file or directory
=> 3
