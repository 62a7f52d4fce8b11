#!/bin/sh
# startup.sh - one-shot conversion time against a C hello-world, with hyperfine.
# Usage: tests/bench/startup.sh [SARRAF]   (run by hand or by `make bench`; never a timed test)
set -eu
sarraf=${1:-./sarraf}
cc=${CC:-cc}
command -v hyperfine >/dev/null 2>&1 || { echo "startup.sh: needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$cc -O2 -o "$tmp/hello" "$(dirname "$0")/hello.c"
hyperfine -N --warmup 50 --runs 1000 --export-json "$tmp/r.json" \
	"$tmp/hello" \
	"$sarraf -t 1000000 UZS KZT" \
	"$sarraf -t -r data/rates.json 1000000 UZS KZT"
python3 - "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
for x in r:
    print("%-50s %7.3f ms  %.2fx hello" % (x["command"].split("/")[-1][:50], x["mean"] * 1e3, x["mean"] / base))
PY
