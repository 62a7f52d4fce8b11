#!/bin/sh
# stream.sh - stream throughput against mawk, side by side in one run, and exactness against
# Python's decimal on the same 1,000,000 amounts; then a realistic CSV export (and its
# Russian-locale form) against mawk -F and wc -l of the same file. Run by hand or by `make bench`.
# Times are hyperfine's medians: on a shared virtual machine a pause of the host lands in
# one run of ten and moves a mean by a fifth.
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

# A realistic export: an id, a date, a quoted description with the delimiter inside, the amount
# and its currency, six currencies mixed in the column; and the same as a Russian-locale
# spreadsheet writes it (';', decimal commas, a byte-order mark, CRLF). Each against mawk -F doing
# the same job (the dollars appended, each currency at its rate) and wc -l, on the same file in
# the same run, and checked to give the general path's bytes (--field 4,4 forces it).
python3 - "$tmp/export.csv" "$tmp/export-ru.csv" "$lines" <<'PY'
import random, sys
r = random.Random(20250503)
codes = ["KZT", "UZS", "KGS", "TJS", "USD", "TMT"]
words = ["rent", "office", "May", "services", "goods", "transport", "invoice", "payment"]
with open(sys.argv[1], "w", newline="") as en, open(sys.argv[2], "w", newline="") as ru:
    en.write("id,date,description,amount,currency\n")
    ru.write("\ufeffid;date;description;amount;currency\r\n")
    for i in range(int(sys.argv[3])):
        w1, w2, c = r.choice(words), r.choice(words), r.choice(codes)
        a, f = r.randrange(10**6), r.randrange(100)
        en.write('%d,2026-04-%02d,"%s, %s %d",%d.%02d,%s\n' % (i, 1 + i % 28, w1, w2, i % 97, a, f, c))
        ru.write('%d;%02d.04.2026;"%s; %s %d";%d,%02d;%s\r\n' % (i, 1 + i % 28, w1, w2, i % 97, a, f, c))
PY
rates='BEGIN{r["KZT"]=0.00192;r["UZS"]=0.00008;r["KGS"]=0.01144;r["TJS"]=0.10134;r["USD"]=1;r["TMT"]=0.28571}'
# The description holds one delimiter, so the amount is $(NF-1) and the code $NF.
printf '%s\nNR>1{printf "%%s,%%.2f\\n", $0, $(NF-1)*r[$NF]}\n' "$rates" > "$tmp/export.awk"
printf '%s\nNR>1{sub(/\\r$/,""); a=$(NF-1); sub(/,/,".",a); x=sprintf("%%.2f",a*r[$NF]); sub(/\\./,",",x); printf "%%s;%%s\\r\\n", $0, x}\n' \
	"$rates" > "$tmp/export-ru.awk"
en="-d , --header --field 4 --from-field 5 --to USD --append"
ru="--decimal-comma -d ; --header --field 4 --from-field 5 --to USD --append"
hyperfine -N --warmup 2 --runs 10 --export-json "$tmp/export.json" \
	"$sarraf $en $tmp/export.csv" \
	"mawk -F, -f $tmp/export.awk $tmp/export.csv" \
	"wc -l $tmp/export.csv" \
	"$sarraf $ru $tmp/export-ru.csv" \
	"mawk -F; -f $tmp/export-ru.awk $tmp/export-ru.csv" \
	"wc -l $tmp/export-ru.csv" >/dev/null
"$sarraf" $en "$tmp/export.csv" > "$tmp/lane.out"
"$sarraf" $en --field 4,4 "$tmp/export.csv" > "$tmp/general.out"
if cmp -s "$tmp/lane.out" "$tmp/general.out"; then same_en=yes; else same_en=NO; fi
"$sarraf" $ru "$tmp/export-ru.csv" > "$tmp/lane.out"
"$sarraf" $ru --field 4,4 "$tmp/export-ru.csv" > "$tmp/general.out"
if cmp -s "$tmp/lane.out" "$tmp/general.out"; then same_ru=yes; else same_ru=NO; fi
peak_export=$( { /usr/bin/time -f "%M" "$sarraf" $en "$tmp/export.csv" >/dev/null; } 2>&1 | tail -1)

python3 - "$tmp/r.json" "$lines" "$same" "$peak" "$tmp/modes.json" "$peak_json" "$peak_csv" "$peak_two" \
	"$tmp/export.json" "$same_en" "$same_ru" "$peak_export" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
lines, same, peak = int(sys.argv[2]), sys.argv[3], sys.argv[4]
modes = json.load(open(sys.argv[5]))["results"]
pj, pc, pt = sys.argv[6], sys.argv[7], sys.argv[8]
s, m = r[0]["median"], r[1]["median"]
print("stream of %d amounts (KZT -> UZS):" % lines)
print("  sarraf  %7.1f ms  %5.1f M lines/s  peak %s KiB" % (s * 1e3, lines / s / 1e6, peak))
print("  mawk    %7.1f ms  %5.1f M lines/s" % (m * 1e3, lines / m / 1e6))
print("  ratio   %.1fx mawk (target >= 10)" % (m / s))
print("  exact   same digits as Python's decimal: %s" % same)
j, c, cm, t, tm = (x["median"] for x in modes)
print("the other modes, each against mawk doing the same job in this run:")
print("  JSON records      %7.1f ms  %5.1fx mawk's plain one-liner (target >= 1.5)  peak %s KiB" % (j * 1e3, m / j, pj))
print("  CSV, currency col %7.1f ms  %5.1fx mawk -F, (target >= 8)                 peak %s KiB" % (c * 1e3, cm / c, pc))
print("  two targets       %7.1f ms  %5.1fx mawk printing two columns (target >= 10) peak %s KiB" % (t * 1e3, tm / t, pt))
e, em, ew, u, um, uw = (x["median"] for x in json.load(open(sys.argv[9]))["results"])
print("a realistic export (%d rows: a quoted description with the delimiter, six currencies mixed):" % lines)
print("  ',' and '.'       %7.1f ms  %5.1fx mawk -F, (target >= 8)  %4.1fx wc -l (target <= 8)  lane = general path: %s  peak %s KiB"
      % (e * 1e3, em / e, e / ew, sys.argv[10], sys.argv[12]))
print("  ';', decimal ','  %7.1f ms  %5.1fx mawk -F; (target >= 8)  %4.1fx wc -l (target <= 8)  lane = general path: %s"
      % (u * 1e3, um / u, u / uw, sys.argv[11]))
PY
[ "$same" = yes ] && [ "$same_en" = yes ] && [ "$same_ru" = yes ]
