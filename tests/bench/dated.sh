#!/bin/sh
# dated.sh - a stream with a date column (--date-field) against the plain stream and mawk, in one
# run: 1,000,000 CSV lines whose dates cover a year (365 days), converted at each day's rates from
# a URL template served by the tests' local server (tests/net/server.py, 127.0.0.1 only). The first
# run fetches each day once (a weekend steps back to Friday); the timed runs read the cache.
# The results are checked against Python's decimal with the same rates and rounding.
# Usage: tests/bench/dated.sh [SARRAF] [LINES]
set -eu
sarraf=$(cd "$(dirname "${1:-./sarraf}")" && pwd)/$(basename "${1:-./sarraf}")
lines=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
command -v hyperfine >/dev/null 2>&1 || { echo "dated.sh: needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 2; }
command -v mawk >/dev/null 2>&1 || { echo "dated.sh: needs mawk (Debian: apt-get install mawk)" >&2; exit 2; }
. "$here/server.sh"
tmpl="$srv_url/dated/usd/{YYYY}-{MM}-{DD}.json"

python3 - "$tmp/in.csv" "$lines" <<'PY'
import datetime, random, sys
r = random.Random(20260401)
first = datetime.date(2025, 4, 1)
with open(sys.argv[1], "w") as f:
    for _ in range(int(sys.argv[2])):
        d = first + datetime.timedelta(days=r.randrange(365))
        f.write("%s,%d.%02d\n" % (d.isoformat(), r.randrange(10**6), r.randrange(100)))
PY

dated="$sarraf -r $tmpl -d , --field 2 --date-field 1 --from USD --to KZT $tmp/in.csv"
plain="$sarraf -d , --field 2 --from USD --to KZT $tmp/in.csv"
printf '{printf "%%s,%%.2f\\n", $1, $2*520.83}\n' > "$tmp/prog.awk"
start=$(date +%s.%N)
$dated > "$tmp/sarraf.out"
warm=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/r.json" "$dated" "$plain" \
	"mawk -F, -f $tmp/prog.awk $tmp/in.csv" >/dev/null

python3 - "$tmp/in.csv" "$tmp/python.out" <<'PY'
import datetime, decimal, sys
q = decimal.Decimal("0.01")
def rate(d):
    while d.weekday() >= 5:  # the server's weekends: 404, so sarraf steps back to Friday
        d -= datetime.timedelta(days=1)
    return decimal.Decimal("500.%02d" % d.day)
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        day, amount = line.strip().split(",")
        v = decimal.Decimal(amount) * rate(datetime.date.fromisoformat(day))
        out.write("%s,%s\n" % (day, v.quantize(q, rounding=decimal.ROUND_HALF_UP)))
PY
if cmp -s "$tmp/sarraf.out" "$tmp/python.out"; then same=yes; else same=NO; fi
peak=$( { /usr/bin/time -f "%M" $dated >/dev/null; } 2>&1 | tail -1)
entries=$(ls "$XDG_CACHE_HOME/sarraf" | wc -l)

python3 - "$tmp/r.json" "$lines" "$same" "$peak" "$warm" "$entries" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
lines, same, peak, warm, entries = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
d, p, m = r[0]["mean"], r[1]["mean"], r[2]["mean"]
print("stream of %d CSV lines with a date column over 365 days (USD -> KZT):" % lines)
print("  first run   %s s (fetches each day once: %s cache entries)" % (warm, entries))
print("  --date-field %7.1f ms  %5.1f M lines/s  peak %s KiB" % (d * 1e3, lines / d / 1e6, peak))
print("  plain lines  %7.1f ms  %5.1f M lines/s (one rate, the same file)" % (p * 1e3, lines / p / 1e6))
print("  mawk         %7.1f ms  %5.1f M lines/s (one rate, floating point)" % (m * 1e3, lines / m / 1e6))
print("  ratio        %.2fx the plain stream, %.1fx mawk" % (p / d, m / d))
print("  exact        same digits as Python's decimal at each day's rate: %s" % same)
PY
[ "$same" = yes ]
