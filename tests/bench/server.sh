# server.sh - sourced by the benchmarks that need the tests' local server (tests/net/server.py,
# 127.0.0.1 only): starts it in the background, sets $tmp (a temporary folder, removed at exit,
# with the cache under it) and $srv_url, and stops the server at exit.
tmp=$(mktemp -d)
export XDG_CACHE_HOME="$tmp/cache"
python3 - "$here/../net" "$tmp/url" <<'PY' &
import sys, time
sys.path.insert(0, sys.argv[1])
import server
s = server.Server().start()
open(sys.argv[2], "w").write(s.url)
time.sleep(3600)
PY
srv=$!
trap 'kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
while [ ! -s "$tmp/url" ]; do sleep 0.1; done
srv_url=$(cat "$tmp/url")
