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
# A URL source whose cached copy is fresh: the cache is seeded by one `sarraf fetch` from the test
# server (tests/net/server.py, on 127.0.0.1), which is stopped before the timing starts, so the
# timed runs read the cache and never load libcurl.
XDG_CACHE_HOME="$tmp/cache"
export XDG_CACHE_HOME
url=$(python3 - "$sarraf" "$(dirname "$0")/../net" <<'PY'
import subprocess, sys
sys.path.insert(0, sys.argv[2])
import server
s = server.Server().start()
try:
    url = s.url + "/latest/USD"
    subprocess.run([sys.argv[1], "fetch", url], check=True, stdout=subprocess.DEVNULL)
finally:
    s.close()
print(url)
PY
)
hyperfine -N --warmup 50 --runs 1000 --export-json "$tmp/r.json" \
	"$tmp/hello" \
	"$sarraf -t 1000000 UZS KZT" \
	"$sarraf -t -r data/rates.json 1000000 UZS KZT" \
	"$sarraf -t -r $url 100 KZT UZS"
python3 - "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
for x in r:
    print("%-55s %7.3f ms  %.2fx hello" % (x["command"].split(" ", 1)[-1][-55:], x["mean"] * 1e3, x["mean"] / base))
PY
