# URL sources without the network (tests/net/test_net.py runs a local server for the rest),
# and the feeds' shapes read from files.

## the feeds' shapes are recognised from files too
$ -r @FIX@/feeds/er-api.json -t 100 USD KZT UZS
50512.00
1205050.00
=> 0

$ -r @FIX@/feeds/fawazahmed0.json -t 1 BTC USD
90909.09
=> 0

$ -r @FIX@/feeds/floatrates/usd.json -t 1 USD TMT
3.50
=> 0

$ -r @FIX@/feeds/frankfurter.json -t 100 USD EUR
85.12
=> 0

## CBU: Nominal honoured, IDR is quoted per 10
$ -r @FIX@/feeds/cbu.json -t 10 IDR UZS
7.18
=> 0

$ -r @FIX@/feeds/cbu.json -t -p 4 100 IRR UZS
9.0500
=> 0

sh$ "$SARRAF" -r @FIX@/feeds/cbu.json list | grep -E '^(date|base|IDR)'
date:    2026-01-02
base:    UZS
IDR  Indonesian rupiah   IDR/UZS 0.718     exact
=> 0

## a FloatRates body read from a file not named after its base
sh$ cp @FIX@/feeds/floatrates/usd.json rates.json && "$SARRAF" -r rates.json 1 USD KZT
2> sarraf: invalid rate table 'rates.json': a FloatRates table does not name its base
=> 3

## --offline with a URL and no cached copy: exit 3, the network untouched
## a URL's scheme in any case is a URL, never a file name
$ --offline -r HTTPS://127.0.0.1:9/latest/USD 1 USD KZT
2> sarraf: cannot load rate table 'HTTPS://127.0.0.1:9/latest/USD': no cached copy, and --offline forbids fetching it
=> 3

$ --offline -r Http://127.0.0.1:9/latest/USD 1 USD KZT
2> sarraf: cannot load rate table 'Http://127.0.0.1:9/latest/USD': no cached copy, and --offline forbids fetching it
=> 3

$ --offline -r http://127.0.0.1:9/latest/USD 1 USD KZT
2> sarraf: cannot load rate table 'http://127.0.0.1:9/latest/USD': no cached copy, and --offline forbids fetching it
=> 3

env SARRAF_RATES=http://127.0.0.1:9/latest/USD
$ --offline -t 1 USD KZT
2> sarraf: cannot load rate table 'http://127.0.0.1:9/latest/USD': no cached copy, and --offline forbids fetching it
=> 3

## without a URL source the network options change nothing
$ --offline --max-age 1d --timeout 2.5 -t 1 USD KZT
520.83
=> 0

## bad values for the network options: exit 2
$ --max-age 12x 1 USD KZT
2> sarraf: invalid age '12x' for '--max-age'
=> 2

$ --max-age=-1 1 USD KZT
2> sarraf: invalid age '-1' for '--max-age'
=> 2

$ --timeout 0 1 USD KZT
2> sarraf: invalid timeout '0'
=> 2

$ --timeout 1h 1 USD KZT
2> sarraf: invalid timeout '1h'
=> 2

$ --offline=perhaps 1 USD KZT
2> sarraf: invalid value 'perhaps' for '--offline' (true, false, yes, no, 1 or 0)
=> 2

## fetch needs a URL
$ fetch
2> sarraf: 'fetch' needs a URL (as its operand, -r URL or $SARRAF_RATES)
=> 2

$ fetch @FIX@/feeds/cbu.json
2> sarraf: 'fetch' needs an http:// or https:// URL, not
=> 2

$ -r data/rates.json fetch
2> sarraf: 'fetch' needs an http:// or https:// URL, not 'data/rates.json'
=> 2

$ --offline fetch http://127.0.0.1:9/x
2> sarraf: 'fetch' and --offline do not go together
=> 2

$ fetch http://127.0.0.1:9/a http://127.0.0.1:9/b
2> sarraf: 'fetch' takes at most one URL, got 'http://127.0.0.1:9/b'
=> 2

## --help names every network option
sh$ "$SARRAF" --help | grep -cE -- '--max-age AGE|--offline|--timeout SECONDS|fetch \[URL\]|http\(s\) URL'
5
=> 0

## a bank that cannot be reached is named so, not as having no rates
sh$ SARRAF_CBU_URL=http://127.0.0.1:9/cbu.json "$SARRAF" -r official:cbu --timeout 2 1 USD UZS; echo "status $?"
status 3
2> sarraf: cannot load rate table 'official:cbu': CBU cannot be reached (127.0.0.1:9)
=> 0
