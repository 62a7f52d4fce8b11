#!/bin/sh
# stream.sh - stream throughput against mawk, side by side in one run, and exactness against
# Python's decimal on the same 1,000,000 amounts. Run by hand or by `make bench`.
# Usage: tests/bench/stream.sh [SARRAF] [LINES]
set -eu
sarraf=${1:-./sarraf}
lines=${2:-1000000}
command -v hyperfine >/dev/null 2>&1 || { echo "stream.sh: needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 2; }
command -v mawk >/dev/null 2>&1 || { echo "stream.sh: needs mawk (Debian: apt-get install mawk)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Amounts of tenge with two decimals, 0 to 10^7: KZT/UZS is 24 in the embedded table.
python3 - "$tmp/amounts" "$lines" <<'PY'
import random, sys
r = random.Random(20250501)
with open(sys.argv[1], "w") as f:
    for _ in range(int(sys.argv[2])):
        f.write("%d.%02d\n" % (r.randrange(10**7), r.randrange(100)))
PY

# The awk one-liner people write today: mawk '{printf "%.2f\n", $1*24}'
printf '{printf "%%.2f\\n", $1*24}\n' > "$tmp/prog.awk"
hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/r.json" \
	"$sarraf --from KZT --to UZS $tmp/amounts" \
	"mawk -f $tmp/prog.awk $tmp/amounts" >/dev/null

# Exact: the same digits as Python's decimal with the same rounding (half-up).
"$sarraf" --from KZT --to UZS "$tmp/amounts" > "$tmp/sarraf.out"
python3 - "$tmp/amounts" "$tmp/python.out" <<'PY'
import decimal, sys
q = decimal.Decimal("0.01")
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        out.write(str((decimal.Decimal(line) * 24).quantize(q, rounding=decimal.ROUND_HALF_UP)) + "\n")
PY
if cmp -s "$tmp/sarraf.out" "$tmp/python.out"; then same=yes; else same=NO; fi

peak=$( { /usr/bin/time -f "%M" "$sarraf" --from KZT --to UZS "$tmp/amounts" >/dev/null; } 2>&1 | tail -1)

# The other modes, each against the awk one-liner that does the same job, in the same run:
# JSON records, a CSV with the currency in its own column, and two targets.
python3 - "$tmp/invoices.csv" "$lines" <<'PY'
import random, sys
r = random.Random(20250502)
with open(sys.argv[1], "w") as f:
    f.write("id,date,client,amount,currency\n")
    for i in range(int(sys.argv[2])):
        f.write("%d,2026-04-01,c%d,%d.%02d,KZT\n" % (i, i % 50, r.randrange(10**6), r.randrange(100)))
PY
printf 'NR>1{printf "%%s,%%.2f\\n", $0, $4*0.00192}\n' > "$tmp/csv.awk"
printf '{printf "%%.2f %%.2f\\n", $1*24, $1*0.00192}\n' > "$tmp/two.awk"
hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/modes.json" \
	"$sarraf --from KZT --to UZS --output json $tmp/amounts" \
	"$sarraf -d , --header --field 4 --from-field 5 --to USD --append $tmp/invoices.csv" \
	"mawk -F, -f $tmp/csv.awk $tmp/invoices.csv" \
	"$sarraf --from KZT --to UZS,USD $tmp/amounts" \
	"mawk -f $tmp/two.awk $tmp/amounts" >/dev/null
peak_json=$( { /usr/bin/time -f "%M" "$sarraf" --from KZT --to UZS --output json "$tmp/amounts" >/dev/null; } 2>&1 | tail -1)
peak_csv=$( { /usr/bin/time -f "%M" "$sarraf" -d , --header --field 4 --from-field 5 --to USD --append "$tmp/invoices.csv" >/dev/null; } 2>&1 | tail -1)
peak_two=$( { /usr/bin/time -f "%M" "$sarraf" --from KZT --to UZS,USD "$tmp/amounts" >/dev/null; } 2>&1 | tail -1)

python3 - "$tmp/r.json" "$lines" "$same" "$peak" "$tmp/modes.json" "$peak_json" "$peak_csv" "$peak_two" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
lines, same, peak = int(sys.argv[2]), sys.argv[3], sys.argv[4]
modes = json.load(open(sys.argv[5]))["results"]
pj, pc, pt = sys.argv[6], sys.argv[7], sys.argv[8]
s, m = r[0]["mean"], r[1]["mean"]
print("stream of %d amounts (KZT -> UZS):" % lines)
print("  sarraf  %7.1f ms  %5.1f M lines/s  peak %s KiB" % (s * 1e3, lines / s / 1e6, peak))
print("  mawk    %7.1f ms  %5.1f M lines/s" % (m * 1e3, lines / m / 1e6))
print("  ratio   %.1fx mawk (target >= 10)" % (m / s))
print("  exact   same digits as Python's decimal: %s" % same)
j, c, cm, t, tm = (x["mean"] for x in modes)
print("the other modes, each against mawk doing the same job in this run:")
print("  JSON records      %7.1f ms  %5.1fx mawk's plain one-liner (target >= 1.5)  peak %s KiB" % (j * 1e3, m / j, pj))
print("  CSV, currency col %7.1f ms  %5.1fx mawk -F, (target >= 8)                 peak %s KiB" % (c * 1e3, cm / c, pc))
print("  two targets       %7.1f ms  %5.1fx mawk printing two columns (target >= 10) peak %s KiB" % (t * 1e3, tm / t, pt))
PY
[ "$same" = yes ]
