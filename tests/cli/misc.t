# help, version, list.

## --help goes to stdout with status 0
sh$ "$SARRAF" --help | head -1
Usage: sarraf [OPTIONS] [--] AMOUNT FROM [to] TO...
=> 0

sh$ "$SARRAF" -h | grep -c -- '--round MODE'
1
=> 0

## --version names sarraf and its libraries (libcurl is not loaded for it)
sh$ "$SARRAF" --version | cut -d' ' -f1
sarraf
cJSON
libcurl:
=> 0

## list: the table, its source, the quotes and how precise each is
sh$ "$SARRAF" list | head -4
table:   embedded
source:  The Times of Central Asia currency ticker (undated; page of April-May 2025)
date:    (not given)
base:    USD
=> 0

sh$ "$SARRAF" list | grep '^UZS'
UZS  Uzbekistani sum     UZS/USD 0.00008  1 digit, +/-6.3%
=> 0

sh$ "$SARRAF" list | grep '^KGS'
KGS  Kyrgyzstani som     KGS/USD 0.01144  4 digits, +/-0.044%
=> 0

$ -t list
USD
KGS
KZT
TJS
UZS
TMT
=> 0

sh$ "$SARRAF" -r @FIX@/tables/cli-both-ways.json list | grep -E '^(date|UZS)'
date:    2026-04-01
UZS  Uzbekistani sum    USD/UZS 12850.50  7 digits, +/-0.000039%
=> 0
