#!/bin/sh
# history.sh - `history` over three years of a bank's days, cold and warm, against the tests' local
# server (tests/net/server.py, 127.0.0.1 only: the pause between requests is for the banks' hosts
# and is not paid here). Cold: `fetch --since` fills the archive, one request per day not stored;
# warm: `history` from the archive, offline, timed (goal: under a second, no request).
# Usage: tests/bench/history.sh [SARRAF] [FIRST_DAY]
set -eu
sarraf=$(cd "$(dirname "${1:-./sarraf}")" && pwd)/$(basename "${1:-./sarraf}")
since=${2:-2023-05-01}
until=2026-04-30
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
. "$here/server.sh"
export SARRAF_NBK_URL="$srv_url/dated/nbk/{DD}.{MM}.{YYYY}.xml"

now() { date +%s.%N; }
t0=$(now)
"$sarraf" -r official:nbk fetch --since "$since" --until "$until"
t1=$(now)
echo "cold: $(echo "$t1 - $t0" | bc) s"
"$sarraf" -r official:nbk fetch --since "$since" --until "$until"
t2=$(now)
echo "again: $(echo "$t2 - $t1" | bc) s (nothing to ask)"
"$sarraf" --offline -r official:nbk history USD KZT --since "$since" --until "$until" --output ledger > "$tmp/out"
t3=$(now)
echo "warm history, offline: $(echo "$t3 - $t2" | bc) s, $(wc -l < "$tmp/out") prices"
