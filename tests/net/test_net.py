#!/usr/bin/env python3
"""End-to-end tests of fetching, the cache and the feeds' shapes, against tests/net/server.py.

Every request goes to 127.0.0.1 (or to the local server acting as a proxy); nothing touches the
internet. Each test gets its own empty cache directory. Usage: test_net.py SARRAF
"""
import datetime
import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import server as srvmod  # noqa: E402

BIN = None
SRV = None
TMP = None
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Run:
    def __init__(self, p, elapsed):
        self.rc, self.elapsed = p.returncode, elapsed
        self.out = p.stdout.decode("utf-8", "replace")
        self.err = p.stderr.decode("utf-8", "replace")

    def __repr__(self):
        return "rc=%d out=%r err=%r" % (self.rc, self.out, self.err)


def cache_home(name):
    d = os.path.join(TMP, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def env_for(cache, extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SARRAF_") and k.lower() not in
           ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    env.update({"LC_ALL": "C", "XDG_CACHE_HOME": cache, "HOME": os.path.join(TMP, "home")})
    env.update(extra or {})
    return env


def sarraf(cache, *args, env=None, timeout=30):
    t0 = time.monotonic()
    p = subprocess.run([BIN] + list(args), capture_output=True, env=env_for(cache, env), timeout=timeout)
    return Run(p, time.monotonic() - t0)


def entries(cache):
    d = os.path.join(cache, "sarraf")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def age_cache(cache, seconds):
    """Make every cached copy older by rewriting its fetch time (the body stays as it was)."""
    d = os.path.join(cache, "sarraf")
    for name in os.listdir(d):
        path = os.path.join(d, name)
        with open(path, "rb") as f:
            data = f.read()
        head, sep, body = data.partition(b"\n\n")
        lines = [(b"fetched %d" % (int(l.split()[1]) - seconds)) if l.startswith(b"fetched ") else l
                 for l in head.split(b"\n")]
        with open(path, "wb") as f:
            f.write(b"\n".join(lines) + sep + body)


def expect(cond, what, run=None):
    if not cond:
        raise AssertionError(what + ("\n    %r" % run if run is not None else ""))


def ok(run, out, what):
    expect(run.rc == 0 and run.out == out and run.err == "", what + ": want %r" % out, run)


def fails(run, fragment, what, status=3):
    expect(run.rc == status and run.out == "" and fragment in run.err and run.err.count("\n") == 1,
           what + ": want exit %d and one line with %r" % (status, fragment), run)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- the feeds' shapes, over HTTP ------------------------------------------------------------

@test
def each_feed_shape_converts_from_a_url():
    cases = [
        ("/latest/USD", ["-t", "100", "USD", "KZT", "UZS"], "50512.00\n1205050.00\n"),
        ("/feeds/er-api.json", ["-t", "100", "KZT", "UZS"], "2385.67\n"),
        ("/feeds/fawazahmed0.json", ["-t", "100", "USD", "KZT", "UZS"], "50512.00\n1205050.00\n"),
        ("/feeds/floatrates/usd.json", ["-t", "1", "XAU", "USD"], "4166.67\n"),
        ("/feeds/cbu.json", ["-t", "10", "IDR", "UZS"], "7.18\n"),
        ("/feeds/cbu.json", ["-t", "-p", "6", "1", "USD", "IDR"], "16783.426184\n"),
        ("/feeds/cbu.json", ["-t", "1", "USD", "KZT"], "505.26\n"),
        ("/feeds/frankfurter.json", ["-t", "100", "USD", "KZT", "KGS"], "50512.00\n8745.00\n"),
    ]
    for path, args, out in cases:
        ok(sarraf(cache_home("shapes"), "-r", SRV.url + path, *args), out, path)


@test
def the_table_keeps_the_feeds_date_and_source():
    url = SRV.url + "/feeds/cbu.json"
    r = sarraf(cache_home("date"), "-r", url, "list")
    expect(r.rc == 0 and "date:    2026-01-02\n" in r.out and "table:   " + url in r.out and
           "Central Bank of Uzbekistan" in r.out and "IDR/UZS 0.718" in r.out, "list of a CBU feed", r)


@test
def sarraf_rates_accepts_a_url():
    r = sarraf(cache_home("env"), "-t", "100", "USD", "KZT", env={"SARRAF_RATES": SRV.url + "/latest/USD"})
    ok(r, "50512.00\n", "SARRAF_RATES=URL")


@test
def a_compressed_response_is_accepted():
    ok(sarraf(cache_home("gzip"), "-r", SRV.url + "/gzip/er-api.json", "-t", "1", "USD", "TMT"), "3.50\n",
       "gzip")


@test
def the_user_agent_names_sarraf_and_its_version():
    ok(sarraf(cache_home("ua"), "-r", SRV.url + "/feeds/frankfurter.json?ua", "-t", "1", "USD", "USD"),
       "1.00\n", "ua")
    ua = [h.get("User-Agent", "") for p, h in SRV.requests if p == "/feeds/frankfurter.json?ua"]
    expect(ua and ua[-1].startswith("sarraf/0.1.0"), "User-Agent %r" % ua)


@test
def proxy_variables_are_honoured():
    proxy = srvmod.Server().start()
    try:
        r = sarraf(cache_home("proxy"), "-r", "http://rates.example.invalid/latest/USD", "-t", "1", "USD",
                   "KZT", env={"http_proxy": proxy.url})
        ok(r, "505.12\n", "through http_proxy")
        expect(proxy.proxied == ["http://rates.example.invalid/latest/USD"], "proxied %r" % proxy.proxied)
    finally:
        proxy.close()


# ---- failures: exit 3, one line naming the URL and the reason ------------------------------------

@test
def http_404_and_500_are_errors():
    for code in (404, 500):
        url = SRV.url + "/status/%d" % code
        fails(sarraf(cache_home("status"), "-r", url, "1", "USD", "KZT"),
              "sarraf: cannot load rate table '%s': HTTP %d" % (url, code), "HTTP %d" % code)


@test
def a_stalled_server_times_out():
    url = SRV.url + "/stall"
    r = sarraf(cache_home("stall"), "--timeout", "0.5", "-r", url, "1", "USD", "KZT")
    fails(r, "sarraf: cannot load rate table '%s': timed out after 0.5 s" % url, "stall")
    expect(r.elapsed < 5, "the timeout took %.1f s" % r.elapsed)


@test
def a_body_over_one_mebibyte_is_refused():
    for path in ("/huge", "/huge-declared"):
        fails(sarraf(cache_home("huge"), "-r", SRV.url + path, "1", "USD", "KZT"),
              "response larger than 1 MiB", path)


@test
def a_truncated_body_is_an_error():
    fails(sarraf(cache_home("trunc"), "-r", SRV.url + "/truncated", "1", "USD", "KZT"), "truncated response",
          "truncated")


@test
def invalid_json_is_refused_and_not_cached():
    cache = cache_home("invalid")
    url = SRV.url + "/invalid"
    fails(sarraf(cache, "-r", url, "1", "USD", "KZT"),
          "sarraf: cannot load rate table '%s': not a valid rate table: not valid JSON near byte 1" % url,
          "invalid JSON")
    expect(entries(cache) == [], "nothing cached: %r" % entries(cache))


@test
def an_error_from_the_feed_is_named():
    SRV.mutable = (200, b'{"result":"error","error-type":"unsupported-code"}')
    fails(sarraf(cache_home("feederr"), "-r", SRV.url + "/mutable", "1", "USD", "KZT"),
          "the feed reports an error: 'unsupported-code'", "feed error")


@test
def redirects_are_followed_at_most_five_times():
    ok(sarraf(cache_home("hops"), "-r", SRV.url + "/hops/4", "-t", "1", "USD", "KZT"), "505.12\n", "5 hops")
    fails(sarraf(cache_home("hops"), "-r", SRV.url + "/hops/5", "1", "USD", "KZT"), "more than 5 redirects",
          "6 hops")
    fails(sarraf(cache_home("loop"), "-r", SRV.url + "/loop", "1", "USD", "KZT"), "more than 5 redirects",
          "a redirect loop")


@test
def a_redirect_to_file_is_refused():
    fails(sarraf(cache_home("file"), "-r", SRV.url + "/to-file", "1", "USD", "KZT"),
          "not an http or https URL", "redirect to file://")


@test
def connection_refused_is_an_error():
    url = "http://127.0.0.1:%d/latest/USD" % free_port()
    fails(sarraf(cache_home("refused"), "-r", url, "1", "USD", "KZT"),
          "sarraf: cannot load rate table '%s': cannot connect" % url, "refused")


@test
def tls_certificates_are_verified():
    if shutil.which("openssl") is None:
        print("  (skipped: no openssl to make a certificate)")
        return
    import ssl
    d = os.path.join(TMP, "tls")
    os.makedirs(d, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-keyout", d + "/key.pem", "-out", d + "/cert.pem"],
                   check=True, capture_output=True)
    tls = srvmod.Server()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(d + "/cert.pem", d + "/key.pem")
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
    tls.start()
    try:
        url = "https://127.0.0.1:%d/latest/USD" % tls.server_address[1]
        fails(sarraf(cache_home("tls"), "--timeout", "5", "-r", url, "1", "USD", "KZT"), "TLS failure",
              "self-signed certificate")
    finally:
        tls.close()


@test
def libcurl_that_cannot_be_loaded_is_named():
    fails(sarraf(cache_home("nocurl"), "-r", SRV.url + "/latest/USD", "1", "USD", "KZT",
                 env={"SARRAF_LIBCURL": "libcurl-missing.so.4"}),
          "cannot load libcurl (libcurl-missing.so.4)", "no libcurl")


@test
def libxml2_that_cannot_be_loaded_is_named():
    fails(sarraf(cache_home("noxml"), "-r", SRV.url + "/official/nbk.xml", "1", "USD", "KZT",
                 env={"SARRAF_LIBXML2": "libxml2-missing.so.2"}),
          "cannot load libxml2 (libxml2-missing.so.2)", "no libxml2")


@test
def a_conversion_that_needs_no_network_does_not_load_libcurl():
    cache = cache_home("lazy")
    ok(sarraf(cache, "-r", SRV.url + "/latest/USD", "-t", "1", "USD", "KZT"), "505.12\n", "first fetch")
    # With a fresh copy, even a library that cannot be loaded is never asked for.
    for args in (["-r", SRV.url + "/latest/USD"], []):
        ok(sarraf(cache, *args, "-t", "1", "USD", "KZT", env={"SARRAF_LIBCURL": "libcurl-missing.so.4"}),
           "505.12\n" if args else "520.83\n", "cached or embedded, no libcurl")


# ---- the cache ----------------------------------------------------------------------------------

@test
def a_fresh_copy_is_used_without_the_network():
    cache = cache_home("fresh")
    url = SRV.url + "/feeds/er-api.json?fresh"
    for _ in range(3):
        ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "fresh copy")
    expect(SRV.hits.get("/feeds/er-api.json?fresh") == 1, "hits %r" % SRV.hits.get("/feeds/er-api.json?fresh"))
    expect(len(entries(cache)) == 1, "one entry: %r" % entries(cache))


@test
def the_cache_lives_under_xdg_cache_home_or_home():
    cache = cache_home("xdg")
    ok(sarraf(cache, "-r", SRV.url + "/latest/USD", "-t", "1", "USD", "KZT"), "505.12\n", "xdg")
    expect(len(entries(cache)) == 1, "under XDG_CACHE_HOME/sarraf")
    home = os.path.join(TMP, "home")
    shutil.rmtree(home, ignore_errors=True)
    r = sarraf(cache, "-r", SRV.url + "/latest/USD", "-t", "1", "USD", "KZT", env={"XDG_CACHE_HOME": ""})
    ok(r, "505.12\n", "home")
    expect(len(os.listdir(os.path.join(home, ".cache", "sarraf"))) == 1, "under HOME/.cache/sarraf")


@test
def an_old_copy_is_revalidated_and_a_304_renews_it():
    cache = cache_home("etag")
    path = "/feeds/er-api.json?etag"
    url = SRV.url + path
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "first")
    age_cache(cache, 13 * 3600)
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "revalidated")
    sent = [h for p, h in SRV.requests if p == path]
    expect(len(sent) == 2 and sent[1].get("If-None-Match", "").startswith('"'), "If-None-Match sent")
    # the 304 renewed the copy's time: the next run does not ask again
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "renewed")
    expect(SRV.hits[path] == 2, "hits %d" % SRV.hits[path])
    r = sarraf(cache, "fetch", url)
    expect(r.rc == 0 and "not modified (HTTP 304)" in r.out and r.err == "", "fetch -> 304", r)


@test
def last_modified_alone_makes_a_conditional_request():
    cache = cache_home("lastmod")
    path = "/lastmod/cbu.json"
    ok(sarraf(cache, "-r", SRV.url + path, "-t", "10", "IDR", "UZS"), "7.18\n", "first")
    ok(sarraf(cache, "--max-age", "0", "-r", SRV.url + path, "-t", "10", "IDR", "UZS"), "7.18\n", "second")
    sent = [h for p, h in SRV.requests if p == path]
    expect(len(sent) == 2 and sent[1].get("If-Modified-Since") == srvmod.LAST_MODIFIED, "If-Modified-Since")


@test
def a_changed_feed_replaces_the_copy():
    cache = cache_home("changed")
    url = SRV.url + "/mutable"
    SRV.mutable = (200, b'{"base_code":"USD","rates":{"KZT":500}}')
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "500.00\n", "first")
    SRV.mutable = (200, b'{"base_code":"USD","rates":{"KZT":510}}')
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "500.00\n", "still fresh")
    ok(sarraf(cache, "--max-age", "0", "-r", url, "-t", "1", "USD", "KZT"), "510.00\n", "refetched")


@test
def a_stale_copy_is_used_with_a_warning_when_the_fetch_fails():
    cache = cache_home("stale")
    url = SRV.url + "/mutable"
    SRV.mutable = (200, srvmod.fixture("er-api.json"))
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "first")
    age_cache(cache, 2 * 86400 + 3 * 3600)
    SRV.mutable = (500, b"")
    for terse in (["-t"], []):
        r = sarraf(cache, "-r", url, *terse, "1", "USD", "KZT")
        want = "505.12\n" if terse else "1 USD = 505.12 KZT\n"
        # a human answer adds a note on the table's age (2026-01-02)
        expect(r.rc == 0 and r.out == want and r.err.count("\n") == (1 if terse else 2) and
               (terse or "sarraf: note: the rates of '%s' are of 2026-01-02" % url in r.err) and
               ("sarraf: warning: cannot refresh '%s' (HTTP 500); using the copy cached 2 d 3 h ago "
                "(table date 2026-01-02T00:02:31Z)" % url) in r.err, "stale fallback", r)
    # an invalid answer does not replace the copy either
    SRV.mutable = (200, b"garbage")
    r = sarraf(cache, "-r", url, "-t", "1", "USD", "KZT")
    expect(r.rc == 0 and r.out == "505.12\n" and "not a valid rate table" in r.err, "invalid -> stale", r)


@test
def done_when_er_api_url_then_server_stopped():
    s = srvmod.Server().start()
    url = s.url + "/latest/USD"
    cache = cache_home("done")
    try:
        ok(sarraf(cache, "-r", url, "-t", "100", "KZT", "UZS"), "2385.67\n", "server up")
    finally:
        s.close()
    # a fresh copy: used without trying the network
    ok(sarraf(cache, "-r", url, "-t", "100", "KZT", "UZS"), "2385.67\n", "server down, fresh copy")
    # an old copy: the fetch fails, the copy is used, with a warning naming its age
    age_cache(cache, 13 * 3600)
    r = sarraf(cache, "-r", url, "-t", "100", "KZT", "UZS")
    expect(r.rc == 0 and r.out == "2385.67\n" and "warning: cannot refresh" in r.err and
           "cannot connect" in r.err and "cached 13 h 0 min ago" in r.err, "server down, old copy", r)


@test
def offline_uses_the_copy_whatever_its_age():
    cache = cache_home("offline")
    path = "/feeds/frankfurter.json?offline"
    url = SRV.url + path
    fails(sarraf(cache, "--offline", "-r", url, "1", "USD", "KZT"),
          "sarraf: cannot load rate table '%s': no cached copy, and --offline forbids fetching it" % url,
          "offline, no copy")
    expect(SRV.hits.get(path) is None, "offline touched the network")
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "fetch")
    ok(sarraf(cache, "--offline", "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "offline, fresh copy")
    age_cache(cache, 30 * 86400)
    r = sarraf(cache, "--offline", "-r", url, "-t", "1", "USD", "KZT")
    expect(r.rc == 0 and r.out == "505.12\n" and "cached 30 d 0 h ago" in r.err and "--offline" in r.err,
           "offline, old copy", r)
    expect(SRV.hits.get(path) == 1, "offline touched the network")


@test
def a_damaged_entry_is_fetched_again():
    cache = cache_home("damaged")
    url = SRV.url + "/latest/USD"
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "first")
    path = os.path.join(cache, "sarraf", entries(cache)[0])
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[:-20])
    fails(sarraf(cache, "--offline", "-r", url, "1", "USD", "KZT"), "no cached copy", "damaged, offline")
    ok(sarraf(cache, "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "refetched")
    ok(sarraf(cache, "--offline", "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "repaired")


@test
def twenty_concurrent_fetches_leave_a_valid_cache():
    cache = cache_home("concurrent")
    env = env_for(cache)
    for url, args in ((SRV.url + "/big-table", ["fetch"]),
                      (SRV.url + "/slow/cbu.json", ["--max-age", "0", "-t", "10", "IDR", "UZS"])):
        procs = [subprocess.Popen([BIN, "-r", url] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=env) for _ in range(20)]
        results = [(p.wait(60), p.stdout.read(), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        bad = [r for r in results if r[0] != 0 or r[2] != b""]
        expect(not bad, "%d of 20 failed: %r" % (len(bad), bad[:1]))
    names = entries(cache)
    expect(len(names) == 2 and not any("." in n.split("-")[-1] for n in names), "entries %r" % names)
    ok(sarraf(cache, "--offline", "-r", SRV.url + "/big-table", "-t", "1", "USD", "AAA"), "2.00\n", "big")
    ok(sarraf(cache, "--offline", "-r", SRV.url + "/slow/cbu.json", "-t", "10", "IDR", "UZS"), "7.18\n", "cbu")


# ---- sarraf fetch ---------------------------------------------------------------------------------

@test
def fetch_reports_what_it_got():
    cache = cache_home("fetch")
    url = SRV.url + "/feeds/cbu.json"
    r = sarraf(cache, "fetch", url)
    expect(r.rc == 0 and r.err == "" and "table:   %s\n" % url in r.out and "status:  fetched\n" in r.out and
           "date:    2026-01-02\n" in r.out and "base:    UZS\n" in r.out and
           "codes:   9: UZS USD EUR KZT KGS TJS TMT IDR IRR\n" in r.out and
           "cached:  " + os.path.join(cache, "sarraf") in r.out, "fetch", r)
    # the URL may come from -r or SARRAF_RATES
    r = sarraf(cache, "fetch", env={"SARRAF_RATES": url})
    expect(r.rc == 0 and "status:  not modified" in r.out, "fetch from SARRAF_RATES", r)


@test
def fetch_failure_keeps_the_copy():
    cache = cache_home("fetchfail")
    url = SRV.url + "/mutable"
    SRV.mutable = (200, srvmod.fixture("er-api.json"))
    expect(sarraf(cache, "fetch", url).rc == 0, "first fetch")
    SRV.mutable = (404, b"")
    fails(sarraf(cache, "fetch", url), "sarraf: cannot fetch '%s': HTTP 404" % url, "fetch 404")
    ok(sarraf(cache, "--offline", "-r", url, "-t", "1", "USD", "KZT"), "505.12\n", "copy kept")


# ---- nothing lost: a fetch killed mid-transfer, a disk that fills up ---------------------------

def cache_files(cache):
    d = os.path.join(cache, "sarraf")
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            out[name] = f.read()
    return out


@test
def a_fetch_killed_mid_transfer_leaves_the_cache_as_it_was():
    url = SRV.url + "/switch"
    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
        cache = cache_home("killed")
        SRV.switch = "good"
        ok(sarraf(cache, "-t", "-r", url, "100", "USD", "KZT"), "50512.00\n", "first fetch")
        before = cache_files(cache)
        SRV.switch = "half"
        SRV.half_sent.clear()
        # a shell that started the tests in the background leaves SIGINT ignored: restore it
        p = subprocess.Popen([BIN, "fetch", url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env_for(cache),
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            expect(SRV.half_sent.wait(20), "the server never sent half the body")
            time.sleep(0.1)
            p.send_signal(sig)
            p.communicate(timeout=20)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        SRV.switch = "good"
        expect(p.returncode == -sig, "%s: killed by the signal, got %r" % (sig.name, p.returncode))
        after = cache_files(cache)
        expect(after == before, "%s: the cache changed (or kept a partial file): %r -> %r" %
               (sig.name, sorted(before), sorted(after)))
        ok(sarraf(cache, "--offline", "-t", "-r", url, "100", "USD", "KZT"), "50512.00\n",
           "%s: the old copy still converts" % sig.name)


def fsize_limit(limit):
    def set_limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return set_limit


@test
def a_full_disk_leaves_the_cache_as_it_was():
    """RLIMIT_FSIZE stands for a full disk: the new copy (200 KB) cannot be written."""
    url = SRV.url + "/mutable"
    cache = cache_home("full")
    SRV.mutable = (200, b'{"base_code":"USD","rates":{"KZT":500}}')
    ok(sarraf(cache, "-t", "-r", url, "1", "USD", "KZT"), "500.00\n", "first fetch")
    before = cache_files(cache)
    SRV.mutable = (200, SRV.big)
    p = subprocess.run([BIN, "fetch", url], capture_output=True, env=env_for(cache),
                       preexec_fn=fsize_limit(64 * 1024), timeout=30)
    err = p.stderr.decode("utf-8", "replace")
    expect(p.returncode == 3 and "could not be stored in the cache: cannot write cache entry" in err and
           "File too large" in err and p.stdout == b"",
           "fetch on a full disk: want exit 3 naming the error, got %d %r" % (p.returncode, err))
    expect(cache_files(cache) == before, "the cache changed (or kept a partial file)")
    # A conversion that asks the server and cannot store the answer still converts with it.
    p = subprocess.run([BIN, "--max-age", "0", "-t", "-r", url, "1", "USD", "AAB"], capture_output=True,
                       env=env_for(cache), preexec_fn=fsize_limit(64 * 1024), timeout=30)
    expect(p.returncode == 0 and p.stdout == b"3.00\n" and b"File too large" in p.stderr,
           "conversion on a full disk: %r" % (p,))
    expect(cache_files(cache) == before, "the cache changed after a conversion")
    ok(sarraf(cache, "--offline", "-t", "-r", url, "1", "USD", "KZT"), "500.00\n", "the old copy still converts")


# ---- official rates from the central banks (tests/fixtures/official) ------------------------

def official_env(**over):
    env = {"SARRAF_NBK_URL": SRV.url + "/official/nbk.xml?fdate=01.04.2026",
           "SARRAF_NBKR_URL": SRV.url + "/official/nbkr-daily.xml",
           "SARRAF_NBKR_WEEKLY_URL": SRV.url + "/official/nbkr-weekly.xml",
           "SARRAF_NBT_URL": SRV.url + "/official/nbt.xml?date=2026-04-01&export=xmlout",
           "SARRAF_CBU_URL": SRV.url + "/official/cbu.json"}
    env.update(over)
    return env


@test
def official_pairs_are_answered_by_the_quote_the_law_names():
    from fractions import Fraction as F
    cache = cache_home("official-pairs")

    def t(*args):
        return sarraf(cache, "-r", "official", "-t", *args, env=official_env())

    def ok(run, out, what):  # the fixtures' CBU TMT is 14% off the peg: that warning is expected
        expect(run.rc == 0 and run.out == out and
               all("warning: CBU's rates give" in l for l in run.err.splitlines()), what + ": want %r" % out, run)
    # one local currency: that country's bank's own quote, nominal and all (NBK: 12.72 per 10 AMD)
    ok(t("100", "AMD", "KZT"), "127.20\n", "AMD in KZT: the NBK's AMD")
    ok(t("100", "EUR", "KGS"), "10150.76\n", "EUR in KGS: the NBKR's EUR")
    # two local currencies: the target's bank (the NBK's 4.14 per 100 UZS; the CBU's 24.14 KZT)
    ok(t("1000", "UZS", "KZT"), "41.40\n", "UZS in KZT: the NBK's UZS")
    ok(t("1000", "KZT", "UZS"), "24140.00\n", "KZT in UZS: the CBU's KZT")
    # TMT: the CBU quotes it; the NBK does not, so the peg
    ok(t("1", "TMT", "UZS"), "4037.68\n", "TMT in UZS: the CBU's TMT")
    ok(t("1", "TMT", "KZT"), "144.32\n", "TMT in KZT: the peg, 505.12 / 3.50")
    # neither local: one bank's cross (the NBKR's EUR and JPY), named in a note
    want = F("101.5076") / (F("5.4969") / 10)
    r = sarraf(cache, "-r", "official", "-p", "6", "1", "EUR", "JPY", env=official_env())
    expect(r.rc == 0 and ("%.6f" % want) in r.out.replace("\u202f", "").replace(" ", "") and
           "a cross of two NBKR quotes" in r.err and "EUR/KGS 101.5076 per 1" in r.err, "EUR in JPY", r)
    # --bank: one bank answers every pair it can
    ok(t("1", "USD", "KGS"), "87.45\n", "USD in KGS: the NBKR's USD")
    ok(t("--bank", "nbk", "1", "USD", "KGS"), "%.2f\n" % (F("505.12") / F("5.77")), "--bank nbk: its cross")
    # records and --explain say which quote answered
    r = sarraf(cache, "-r", "official", "--output", "json", "100", "AMD", "KZT", env=official_env())
    rec = json.loads(r.out)
    expect(r.rc == 0 and rec["result"] == "127.20" and rec["bank"] == "NBK" and rec["answer"] == "quote" and
           rec["quotes"].startswith("AMD/KZT 12.72 per 10 (2026-04-01"), "the record names the quote", r)
    r = sarraf(cache, "-r", "official", "--explain", "100", "AMD", "KZT", env=official_env())
    expect(r.rc == 0 and "NBK's official quote" in r.out and "AMD/KZT 1.272" in r.out, "--explain", r)
    ok(t("rate", "AMD", "KZT"), "1.272\n", "rate AMD KZT: the NBK's figure")
    # a stream: each line's pair answered the same way, in the lane and the general path
    p = subprocess.run([BIN, "-r", "official", "--to", "KZT"], input=b"100 AMD\n1000 UZS\n1 TMT\n",
                       capture_output=True, env=env_for(cache, official_env()), timeout=30)
    expect(p.returncode == 0 and p.stdout == b"127.20 KZT\n41.40 KZT\n144.32 KZT\n", "a stream of pairs", Run(p, 0))
    for extra in ([], ["--field", "1"]):  # the lane, and the general path
        p = subprocess.run([BIN, "-r", "official", "--from", "AMD", "--to", "KZT,UZS"] + extra, input=b"100\n",
                           capture_output=True, env=env_for(cache, official_env()), timeout=30)
        expect(p.returncode == 0 and p.stdout.startswith(b"127.20 "), "--from AMD %r" % extra, Run(p, 0))
    # list: every currency of every bank, with the banks that quote it, nominal and day
    r = sarraf(cache, "-r", "official", "list", env=official_env())
    expect(r.rc == 0 and "AMD  NBK AMD/KZT 12.72 per 10 (2026-04-01)" in r.out and
           "KZT  NBKR KZT/KGS 0.1731 per 1 (2026-04-01); NBT KZT/TJS 0.1850 per 10 (2026-04-01); CBU KZT/UZS 24.14 per 1"
           in r.out and "JPY  NBKR JPY/KGS 5.4969 per 10 (2026-03-28)" in r.out, "list names each bank's quotes", r)
    r = sarraf(cache, "-r", "official", "-t", "list", env=official_env())
    expect(r.rc == 0 and "\nAMD\n" in r.out and "\nJPY\n" in r.out and r.out.count("\nKZT\n") == 1, "list -t", r)


@test
def fetch_official_builds_the_usd_table_from_each_bank():
    cache = cache_home("official")
    r = sarraf(cache, "fetch", "--official", env=official_env())
    expect(r.rc == 0 and "codes:   6: USD KZT KGS TJS UZS TMT" in r.out and "date:    2026-04-01" in r.out,
           "fetch --official", r)
    # the CBU's TMT (4037.68 UZS: 3.02 per USD) against the 3.50 peg, and nothing else
    expect("CBU's rates give 3.0201 TMT per USD" in r.err and r.err.count("\n") == 1, "TMT outlier", r)
    ok(sarraf(cache, "-r", "official", "-t", "-p", "4", "1", "USD", "KZT", "KGS", "TJS", "UZS", "TMT",
              env=official_env()), "505.1200\n87.4500\n9.3450\n12194.2100\n3.5000\n", "the quotes exactly")
    r = sarraf(cache, "list", env=official_env(SARRAF_RATES="official"))
    expect(r.rc == 0 and "USD/KZT 505.12" in r.out and "USD/TMT 3.50" in r.out and
           "KZT  National Bank of Kazakhstan, 2026-04-01" in r.out and
           "UZS  Central Bank of Uzbekistan, 2026-04-01" in r.out and "TMT  the Turkmen manat's official peg"
           in r.out, "list names each quote's bank and date", r)
    # a pair the target's bank does not quote (the CBU has no KGS): through USD, each bank's USD
    r = sarraf(cache, "-r", "official", "--explain", "1000", "KGS", "UZS", env=official_env())
    expect(r.rc == 0 and "UZS      USD/UZS 12194.21 (Central Bank of Uzbekistan, 2026-04-01; exact)" in r.out and
           "KGS      USD/KGS 87.4500 (" in r.out and "a cross through USD" in r.err and
           "-> UZS   1000 * 12194.21 / 87.4500 = 139442.08118925100057175" in r.out,
           "--explain names each quote's bank and date", r)
    # the target's bank quotes the source: its quote, as published (the NBK's 4.14 per 100 UZS)
    r = sarraf(cache, "-r", "official", "--explain", "1000000", "UZS", "KZT", env=official_env())
    expect(r.rc == 0 and r.out.startswith("1 000 000 UZS = 41 400.00 KZT\n") and "NBK's official quote" in r.out
           and "UZS/KZT 0.0414" in r.out and "table    official:nbk, base KZT" in r.out, "--explain: NBK's UZS", r)
    r = sarraf(cache, "-r", "official", "--output", "json", "1", "KGS", "TJS", env=official_env())
    rec = json.loads(r.out)
    expect(r.rc == 0 and rec["from_source"].startswith("National Bank of the Kyrgyz Republic") and
           rec["from_date"] == "2026-04-01" and rec["to_source"] == "National Bank of Tajikistan" and
           rec["to_date"] == "2026-04-01", "JSON records name each quote's bank and date", r)
    # a conversion reads the cached table: no request, even with the server's feeds gone
    before = sum(v for k, v in SRV.hits.items() if k.startswith("/official/"))
    ok(sarraf(cache, "--official", "-t", "100", "USD", "TJS", env=official_env()), "934.50\n", "--official")
    expect(sum(v for k, v in SRV.hits.items() if k.startswith("/official/")) == before, "no fetch when fresh")


@test
def fetch_official_speaks_the_users_language():
    """In Russian, Uzbek and Kazakh (LANGUAGE, LC_ALL=C.UTF-8: no generated locale): fetch's lines
    aligned with the table block, the banks named in the language, the warnings' sources too."""
    cache = cache_home("official-lang")
    want = {"ru": ("источник: ", "ЦБ Узбекистана", "официальный фиксированный курс туркменского маната"),
            "uz": ("manba:   ", "Markaziy bank", "Turkmaniston manatining rasmiy"),
            "kk": ("дереккөз: ", "Өзбекстан ОБ", "түрікмен манатының ресми")}
    for lang, (feed, cbu, peg) in want.items():
        r = sarraf(cache, "fetch", "--official", env=official_env(LANGUAGE=lang, LC_ALL="C.UTF-8"))
        lines = r.out.splitlines()
        starts = {len(l) - len(l.split(":", 1)[1].lstrip()) for l in lines}
        expect(r.rc == 0 and len(starts) == 1, "%s: fetch's lines do not align" % lang, r)
        feeds = [l for l in lines if l.startswith(feed) and "  2026-04-01  " in l]
        expect(len(feeds) == 4 and len({l.index("2026-04-01") for l in feeds}) == 1 and
               any(cbu in l for l in feeds), "%s: the feeds' lines" % lang, r)
        expect(peg in r.err and "Turkmen" not in r.err and "tolerance" not in r.err,
               "%s: the warning's source" % lang, r)


@test
def one_bank_down_comes_from_its_cached_feed_with_a_warning():
    cache = cache_home("official-down")
    expect(sarraf(cache, "fetch", "--official", env=official_env()).rc == 0, "first fetch")
    r = sarraf(cache, "fetch", "--official", env=official_env(SARRAF_NBT_URL=SRV.url + "/status/500"))
    expect(r.rc == 0 and "cannot refresh NBT" in r.err and "HTTP 500" in r.err and "cached" in r.err and
           "ago (rates of 2026-04-01)" in r.err and "TJS" in r.out, "NBT down: its cached feed", r)
    # no copy at all: the bank's currency is missing, with a warning
    r = sarraf(cache_home("official-down2"), "fetch", "--official",
               env=official_env(SARRAF_NBKR_URL=SRV.url + "/status/404"))
    expect(r.rc == 0 and "NBKR" in r.err and "unavailable: HTTP 404" in r.err and " KGS" not in r.out,
           "NBKR down, no copy", r)


@test
def official_failures_are_named():
    cases = [("malformed.xml", "malformed XML"), ("bomb.xml", "DOCTYPE is not accepted"),
             ("xxe.xml", "DOCTYPE is not accepted")]
    for name, frag in cases:
        r = sarraf(cache_home("official-bad"), "--official=nbk", "list",
                   env=official_env(SARRAF_NBK_URL=SRV.url + "/official/" + name))
        expect(r.rc == 3 and frag in r.err and r.out == "", name, r)
    r = sarraf(cache_home("official-timeout"), "--timeout", "0.5", "--official=nbt", "list",
               env=official_env(SARRAF_NBT_URL=SRV.url + "/stall"))
    expect(r.rc == 3 and "timed out" in r.err, "timeout", r)
    r = sarraf(cache_home("official-none"), "-r", "official", "list",
               env=official_env(**{k: SRV.url + "/status/503" for k in official_env()}))
    expect(r.rc == 3 and "no bank gave a USD rate" in r.err, "every bank down", r)


@test
def official_dates_are_checked_and_mixed_dates_warned():
    r = sarraf(cache_home("official-date"), "fetch", "--official", env=official_env(
        SARRAF_NBT_URL=SRV.url + "/official/nbt-2026-04-02.xml?date=2026-04-05&export=xmlout"))
    expect(r.rc == 0 and "NBT answered with its rates of 2026-04-02, not of the requested 2026-04-05"
           in r.err and "mixes dates: NBK 2026-04-01, NBKR 2026-04-01, NBT 2026-04-02, CBU 2026-04-01"
           in r.err and "date:    2026-04-02" in r.out, "wrong and mixed dates", r)


@test
def a_banks_own_table_in_its_own_base():
    cases = [("nbk", ["-t", "-p", "4", "10", "AMD", "KZT"], "12.7200\n"),
             ("nbkr", ["-t", "-p", "6", "100", "BYR", "KGS"], "0.340200\n"),
             ("nbkr", ["-t", "1", "USD", "KGS"], "87.45\n"),
             ("nbt", ["-t", "-p", "6", "100", "UZS", "TJS"], "0.078000\n"),
             ("cbu", ["-t", "1", "TMT", "UZS"], "4037.68\n")]
    for bank, args, out in cases:
        ok(sarraf(cache_home("own-" + bank), "--official=" + bank, *args, env=official_env()), out, bank)
    r = sarraf(cache_home("own-list"), "-r", "official:nbk", "list", env=official_env())
    expect(r.rc == 0 and "base:    KZT" in r.out and "National Bank of Kazakhstan" in r.out, "NBK list", r)


@test
def tmt_peg_can_be_overridden():
    ok(sarraf(cache_home("peg"), "--official", "-t", "1", "USD", "TMT",
              env=official_env(SARRAF_TMT_PEG="3.02")), "3.02\n", "SARRAF_TMT_PEG")


@test
def real_official_feeds_when_present():
    real = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                        "..", "shared", "fixtures", "official")
    if not os.path.isdir(real):
        print("skipped: real_official_feeds_when_present (%s is not there)" % real)
        return
    srvmod.OFFICIAL_REAL = os.path.realpath(real)
    env = official_env(SARRAF_NBK_URL=SRV.url + "/official-real/nbk-2026-04-01.xml",
                       SARRAF_NBKR_URL=SRV.url + "/official-real/nbkr-daily-2026-05-24.xml",
                       SARRAF_NBT_URL=SRV.url + "/official-real/nbt-2026-05-18.xml",
                       SARRAF_CBU_URL=SRV.url + "/official-real/cbu-2026-04-01.json")
    cache = cache_home("real")
    r = sarraf(cache, "fetch", "--official", env=env)
    expect(r.rc == 0 and "codes:   6: USD KZT KGS TJS UZS TMT" in r.out and "mixes dates" in r.err and
           "CBU's rates give 3.0201 TMT per USD" in r.err, "the real feeds", r)
    ok(sarraf(cache, "-r", "official", "-t", "-p", "4", "1", "USD", "KGS", "UZS", env=env),
       "87.4500\n12194.2100\n", "the real quotes")


def dated_env(srv=None, **over):
    u = (srv or SRV).url + "/dated"
    env = {"SARRAF_NBK_URL": u + "/nbk/{DD}.{MM}.{YYYY}.xml",
           "SARRAF_NBKR_URL": SRV.url + "/official/nbkr-daily.xml",
           "SARRAF_NBKR_WEEKLY_URL": SRV.url + "/official/nbkr-weekly.xml",
           "SARRAF_NBKR_ARCHIVE_URL": u + "/nbkr?valuta_id={ID}&beg_day={FROM_DD}&beg_month={FROM_MM}"
                                          "&beg_year={FROM_YYYY}&end_day={DD}&end_month={MM}&end_year={YYYY}",
           "SARRAF_NBT_URL": u + "/nbt/{YYYY}-{MM}-{DD}.xml",
           "SARRAF_CBU_URL": u + "/cbu/{YYYY}-{MM}-{DD}/"}
    env.update(over)
    return env


@test
def a_date_is_answered_by_each_bank_with_its_rates_of_that_day():
    cache = cache_home("dated")
    ok(sarraf(cache, "-r", "official", "--date", "2026-04-01", "-t", "-p", "4", "1", "USD", "KZT", "UZS",
              "TJS", "KGS", env=dated_env()), "500.0100\n12001.0100\n9.3001\n87.4501\n", "2026-04-01")
    ok(sarraf(cache, "-r", "official", "--date", "2026-04-02", "-t", "1", "USD", "KZT", env=dated_env()),
       "500.02\n", "another day, another table")
    r = sarraf(cache, "-r", "official", "--date", "2026-04-01", "list", env=dated_env())
    expect(r.rc == 0 and "KZT" in r.out and "2026-04-01" in r.out, "list on a date", r)
    ok(sarraf(cache, "-r", "official", "--date", "2026-04-01", "-t", "rate", "USD", "UZS", env=dated_env()),
       "12001.01\n", "rate on a date")


@test
def a_day_without_rates_steps_back_and_says_which_day_it_used():
    cache = cache_home("dated-weekend")
    r = sarraf(cache, "-r", "official", "--date", "2026-04-05", "-t", "1", "USD", "KZT", "UZS", "TJS",
               env=dated_env())
    expect(r.rc == 0 and r.out == "500.03\n12003.03\n9.30\n" and
           "sarraf: note: CBU: rates of 2026-04-03 (none published for 2026-04-05)\n" in r.err and
           "sarraf: note: NBK: rates of 2026-04-03 (none published for 2026-04-05)\n" in r.err and
           "NBT:" not in r.err, "Sunday: Friday's rates, named", r)
    hits = [p for p, _ in SRV.requests if p.startswith("/dated/cbu/")]
    expect(hits[-3:] == ["/dated/cbu/2026-04-05/", "/dated/cbu/2026-04-04/", "/dated/cbu/2026-04-03/"],
           "one day back at a time", hits)
    # an answer dated after the day asked for (the NBT's today for a day out of its range)
    r = sarraf(cache, "-r", "official:nbt", "--date", "2000-12-30", "-t", "1", "USD", "TJS", env=dated_env())
    expect(r.rc == 3 and "no rates for 2000-12-30 or the 7 days before" in r.err and r.out == "",
           "only later rates: refused", r)


@test
def a_url_template_is_a_dated_source():
    cache = cache_home("template")
    tmpl = SRV.url + "/dated/usd/{YYYY}-{MM}-{DD}.json"
    ok(sarraf(cache, "-r", tmpl, "--date", "2026-04-02", "-t", "1", "USD", "KZT"), "500.02\n", "a weekday")
    r = sarraf(cache, "-r", tmpl, "--date", "2026-04-05", "-t", "1", "USD", "KZT")
    expect(r.rc == 0 and r.out == "500.03\n" and
           r.err == "sarraf: note: '%s': rates of 2026-04-03 (none published for 2026-04-05)\n" % tmpl,
           "template steps back", r)


@test
def a_bank_missing_for_the_day_leaves_the_others_with_a_warning():
    cache = cache_home("dated-down")
    SRV.dated_down.add("nbt")
    try:
        r = sarraf(cache, "-r", "official", "--date", "2026-04-06", "-t", "1", "USD", "KZT", env=dated_env())
        expect(r.rc == 0 and r.out == "500.06\n" and "NBT at" in r.err and "unavailable: HTTP 500" in r.err,
               "NBT down: the others answer", r)
        r = sarraf(cache, "-r", "official", "--date", "2026-04-06", "-t", "1", "USD", "TJS", env=dated_env())
        expect(r.rc == 1 and "unknown currency 'TJS'" in r.err, "TJS missing that day", r)
    finally:
        SRV.dated_down.discard("nbt")
    # the table of that day was not kept without the NBT: now that it answers, TJS is there
    ok(sarraf(cache, "-r", "official", "--date", "2026-04-06", "-t", "1", "USD", "TJS", env=dated_env()),
       "9.30\n", "a missing bank is asked again")


@test
def a_past_day_comes_from_the_cache_with_the_server_gone():
    cache = cache_home("dated-cache")
    s = srvmod.Server().start()
    env = dated_env(s)
    ok(sarraf(cache, "-r", "official", "--date", "2026-04-07", "-t", "1", "USD", "KZT", env=env), "500.07\n",
       "first")
    tmpl = s.url + "/dated/usd/{YYYY}-{MM}-{DD}.json"
    ok(sarraf(cache, "-r", tmpl, "--date", "2026-04-07", "-t", "1", "USD", "KZT"), "500.07\n", "template first")
    s.close()
    age_cache(cache, 400 * 86400)
    for extra in ([], ["--max-age", "0"]):
        ok(sarraf(cache, *extra, "-r", "official", "--date", "2026-04-07", "-t", "1", "USD", "KZT", env=env),
           "500.07\n", "from the cache %s" % extra)
        ok(sarraf(cache, *extra, "-r", tmpl, "--date", "2026-04-07", "-t", "1", "USD", "KZT"), "500.07\n",
           "template from the cache %s" % extra)
    ok(sarraf(cache, "--offline", "-r", "official", "--date", "2026-04-07", "-t", "1", "USD", "KZT", env=env),
       "500.07\n", "--offline, cached")
    r = sarraf(cache, "--offline", "-r", "official", "--date", "2026-04-08", "-t", "1", "USD", "KZT", env=env)
    expect(r.rc == 3 and "2026-04-08" in r.err and "--offline" in r.err and r.out == "", "--offline, missing day", r)


# ---- the archive: days as published, resolutions, notes, offline, receipts ----------------------

def region_today():
    """Today in Bishkek (UTC+6), the day sarraf calls today."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=6)).date()


def days(n):
    return datetime.timedelta(days=n)


def cbu_body(day, usd):
    """A CBU archive answer for day (the shape of cbu.uz's json/all/DAY/), USD at usd UZS."""
    d = day.strftime("%d.%m.%Y")
    return ('[{"Ccy":"USD","Nominal":"1","Rate":"%s","Date":"%s"},'
            '{"Ccy":"KZT","Nominal":"1","Rate":"24.14","Date":"%s"}]' % (usd, d, d)).encode()


def publish(tag, day, body, status=200):
    """The server's /days/TAG/DAY/ answers body from now on."""
    SRV.days["%s/%s/" % (tag, day.isoformat())] = (status, body)


def cbu_days(tag):
    return {"SARRAF_CBU_URL": SRV.url + "/days/%s/{YYYY}-{MM}-{DD}/" % tag}


def day_hits(tag, day):
    return SRV.hits.get("/days/%s/%s/" % (tag, day.isoformat()), 0)


def note(label, got, asked):
    return "sarraf: note: %s: rates of %s (none published for %s)\n" % (label, got, asked)


@test
def a_day_published_after_it_was_first_asked_for_is_asked_again():
    """Asked before the bank published it, a day is answered with the day before and a note; that
    answer is kept only for --max-age (today, or a day of the last 7), then the day is asked again."""
    today = region_today()
    for tag, d in (("later-today", today), ("later-past", today - days(3))):
        cache = cache_home(tag)
        env = cbu_days(tag)
        publish(tag, d - days(1), cbu_body(d - days(1), "12000.50"))
        args = ["-r", "official:cbu", "--date", d.isoformat(), "-t", "1", "USD", "UZS"]
        r = sarraf(cache, *args, env=env)
        expect(r.rc == 0 and r.out == "12000.50\n" and r.err == note("CBU", d - days(1), d),
               "%s: not yet published: the day before, named" % tag, r)
        publish(tag, d, cbu_body(d, "12100.00"))
        asked = day_hits(tag, d)
        r = sarraf(cache, *args, env=env)
        expect(r.rc == 0 and r.out == "12000.50\n" and r.err == note("CBU", d - days(1), d) and
               day_hits(tag, d) == asked, "%s: within --max-age, the stored answer, named again" % tag, r)
        ok(sarraf(cache, "--max-age", "0", *args, env=env), "12100.00\n", "%s: --max-age 0 asks again" % tag)
        ok(sarraf(cache, *args, env=env), "12100.00\n", "%s: the day's own rates, stored" % tag)
        names = entries(cache)
        expect(any(n.startswith("day_CBU_%s-" % d) for n in names) and
               any(n.startswith("day_CBU_%s-" % (d - days(1))) for n in names) and
               any(n.startswith("asked_CBU_%s-" % d) for n in names), "stored days and resolution", names)
    # a URL template the same way
    tag = "later-template"
    cache = cache_home(tag)
    tmpl = SRV.url + "/days/%s/{YYYY}-{MM}-{DD}/" % tag
    publish(tag, today - days(1), b'{"date":"%s","usd":{"kzt":500.5}}' % str(today - days(1)).encode())
    args = ["-r", tmpl, "--date", today.isoformat(), "-t", "1", "USD", "KZT"]
    r = sarraf(cache, *args)
    expect(r.rc == 0 and r.out == "500.50\n" and r.err == note("'%s'" % tmpl, today - days(1), today),
           "template: the day before, named", r)
    publish(tag, today, b'{"date":"%s","usd":{"kzt":501}}' % str(today).encode())
    ok(sarraf(cache, "--max-age", "0", *args), "501.00\n", "template: --max-age 0 asks again")


@test
def an_answer_older_than_7_days_is_final_and_fetch_asks_again():
    today = region_today()
    tag, d = "final", today - days(10)
    cache = cache_home(tag)
    env = cbu_days(tag)
    publish(tag, d - days(1), cbu_body(d - days(1), "11000.00"))
    args = ["-r", "official:cbu", "--date", d.isoformat(), "-t", "1", "USD", "UZS"]
    r = sarraf(cache, *args, env=env)
    expect(r.rc == 0 and r.out == "11000.00\n" and r.err == note("CBU", d - days(1), d), "first", r)
    publish(tag, d, cbu_body(d, "11500.00"))
    r = sarraf(cache, "--max-age", "0", *args, env=env)
    expect(r.rc == 0 and r.out == "11000.00\n" and r.err == note("CBU", d - days(1), d) and
           day_hits(tag, d) == 1, "a day more than 7 days past: final, not asked again", r)
    r = sarraf(cache, "-r", "official:cbu", "--date", d.isoformat(), "fetch", env=env)
    expect(r.rc == 0 and day_hits(tag, d) == 2 and r.err == "", "fetch --date asks again", r)
    ok(sarraf(cache, *args, env=env), "11500.00\n", "and the day's own rates are stored")


@test
def tomorrow_is_asked_for_and_steps_back_until_published():
    today = region_today()
    tomorrow = today + days(1)
    tag = "tomorrow"
    cache = cache_home(tag)
    env = cbu_days(tag)
    publish(tag, today, cbu_body(today, "12200.00"))
    args = ["-r", "official:cbu", "--date", tomorrow.isoformat(), "-t", "1", "USD", "UZS"]
    r = sarraf(cache, *args, env=env)
    expect(r.rc == 0 and r.out == "12200.00\n" and r.err == note("CBU", today, tomorrow),
           "before publication: today's rates, named", r)
    publish(tag, tomorrow, cbu_body(tomorrow, "12250.00"))
    ok(sarraf(cache, "--max-age", "0", *args, env=env), "12250.00\n", "after publication: tomorrow's")
    r = sarraf(cache, "-r", "official:cbu", "--date", (today + days(2)).isoformat(), "1", "USD", "UZS",
               env=env)
    expect(r.rc == 2 and "is in the future" in r.err, "the day after tomorrow: exit 2", r)


@test
def a_server_error_is_never_taken_for_nothing_published():
    today = region_today()
    tag, d = "5xx", today - days(2)
    cache = cache_home(tag)
    env = cbu_days(tag)
    publish(tag, d - days(1), cbu_body(d - days(1), "12300.00"))
    publish(tag, d, b"", status=500)
    args = ["-r", "official:cbu", "--date", d.isoformat(), "-t", "1", "USD", "UZS"]
    r = sarraf(cache, *args, env=env)
    expect(r.rc == 3 and r.out == "" and "HTTP 500" in r.err and
           day_hits(tag, d - days(1)) == 0, "5xx: exit 3, not the day before", r)
    tmpl = SRV.url + "/days/%s/{YYYY}-{MM}-{DD}/" % tag
    r = sarraf(cache, "-r", tmpl, "--date", d.isoformat(), "-t", "1", "USD", "UZS")
    expect(r.rc == 3 and r.out == "" and "HTTP 500" in r.err, "a template too", r)
    # a body that does not load is not "nothing published" either
    publish(tag, d, b"<html>maintenance</html>")
    r = sarraf(cache, *args, env=env)
    expect(r.rc == 3 and r.out == "", "an invalid body: exit 3", r)
    # a stored answer stands in for a failure, with a warning (and its note)
    publish(tag, d, b"", status=404)
    ok_run = sarraf(cache, *args, env=env)
    expect(ok_run.rc == 0 and ok_run.out == "12300.00\n", "404: the day before", ok_run)
    publish(tag, d, b"", status=503)
    r = sarraf(cache, "--max-age", "0", *args, env=env)
    expect(r.rc == 0 and r.out == "12300.00\n" and "cannot refresh CBU for %s (HTTP 503)" % d in r.err and
           note("CBU", d - days(1), d) in r.err, "503: the stored answer, with a warning", r)


@test
def an_answer_of_another_day_says_so_from_the_cache_too():
    cache = cache_home("notes-cached")
    cases = [("official:nbk", "KZT", ["NBK"]), ("official:cbu", "UZS", ["CBU"]),
             ("official:nbkr", "KGS", ["NBKR"]), ("official", "KZT", ["NBK", "NBKR", "CBU"]),
             (SRV.url + "/dated/usd/{YYYY}-{MM}-{DD}.json", "KZT", ["'%s'" % (SRV.url +
                                                                            "/dated/usd/{YYYY}-{MM}-{DD}.json")])]
    for which, cur, labels in cases:
        for n in range(2):
            before = len(SRV.requests)
            r = sarraf(cache, "-r", which, "--date", "2026-04-05", "-t", "1", "USD", cur, env=dated_env())
            notes = [l for l in r.err.splitlines() if "note:" in l]
            expect(r.rc == 0 and notes == [note(l, "2026-04-03", "2026-04-05").rstrip("\n") for l in labels],
                   "%s, run %d: one note per source" % (which, n + 1), r)
            if n == 1:
                expect(len(SRV.requests) == before, "%s: the second run from the cache" % which)


@test
def offline_answers_from_the_stored_days_of_each_bank():
    cache = cache_home("offline-days")
    s = srvmod.Server().start()
    env = dated_env(s)
    ok(sarraf(cache, "-r", "official", "--date", "2026-04-02", "-t", "1", "USD", "UZS", env=env), "12002.02\n",
       "online")
    s.close()
    for which in ("official:cbu", "official"):
        ok(sarraf(cache, "-r", which, "--offline", "--date", "2026-04-02", "-t", "1", "USD", "UZS", env=env),
           "12002.02\n", "%s --offline" % which)
    r = sarraf(cache, "-r", "official", "--offline", "--date", "2026-04-02", "-t", "1", "USD", "KZT", "KGS",
               "TJS", env=env)
    expect(r.rc == 0 and r.out == "500.02\n87.45\n9.30\n", "every bank from its stored day", r)


@test
def offline_for_a_day_not_stored_names_the_nearest_stored_day():
    cache = cache_home("offline-missing")
    ok(sarraf(cache, "-r", "official:nbk", "--date", "2026-04-03", "-t", "1", "USD", "KZT", env=dated_env()),
       "500.03\n", "Friday stored")
    ok(sarraf(cache, "-r", "official:cbu", "--date", "2026-04-01", "-t", "1", "USD", "UZS", env=dated_env()),
       "12001.01\n", "CBU: Wednesday stored")
    # Sunday: Friday's table is stored, and within 7 days, but nothing says Sunday resolved to it
    fails(sarraf(cache, "-r", "official:nbk", "--offline", "--date", "2026-04-05", "1", "USD", "KZT",
                 env=dated_env()),
          "sarraf: cannot load rate table 'official:nbk': no stored rates of 2026-04-05 (the cache holds NBK "
          "2026-04-03), and --offline forbids fetching it", "offline, a bank")
    fails(sarraf(cache, "-r", "official:nbt", "--offline", "--date", "2026-04-05", "1", "USD", "TJS",
                 env=dated_env()), "no stored rates of 2026-04-05 (the cache holds no earlier day)",
          "offline, a bank with nothing stored")
    r = sarraf(cache, "-r", "official", "--offline", "--date", "2026-04-05", "1", "USD", "KZT", env=dated_env())
    expect(r.rc == 3 and r.out == "" and r.err.endswith(
        "sarraf: cannot load rate table 'official': no stored rates of 2026-04-05 (the cache holds NBK "
        "2026-04-03, CBU 2026-04-01), and --offline forbids fetching it\n"), "offline, official", r)
    tmpl = SRV.url + "/dated/usd/{YYYY}-{MM}-{DD}.json"
    ok(sarraf(cache, "-r", tmpl, "--date", "2026-04-02", "-t", "1", "USD", "KZT"), "500.02\n", "template")
    fails(sarraf(cache, "-r", tmpl, "--offline", "--date", "2026-04-06", "1", "USD", "KZT"),
          "no stored rates of 2026-04-06 (the cache holds '%s' 2026-04-02)" % tmpl, "offline, a template")


@test
def a_receipt_names_the_body_an_answer_came_from():
    tag, d = "receipt", datetime.date(2026, 3, 10)
    cache = cache_home(tag)
    body = cbu_body(d, "12010.00")
    publish(tag, d, body)
    url = SRV.url + "/days/%s/%s/" % (tag, d)
    want = {"url": url, "asked": str(d), "published": str(d), "sha256": hashlib.sha256(body).hexdigest()}
    for n in range(2):  # fetched, then from the cache
        r = sarraf(cache, "-r", "official:cbu", "--date", str(d), "--output", "json", "1", "USD", "UZS",
                   env=cbu_days(tag))
        rec = json.loads(r.out)
        got = dict(rec.get("receipt", {}))
        fetched = got.pop("fetched", "")
        expect(r.rc == 0 and got == want and len(fetched) == 20 and fetched.endswith("Z"),
               "run %d: the receipt of the CBU's body" % (n + 1), r)
    r = sarraf(cache, "-r", "official:cbu", "--date", str(d), "--explain", "1", "USD", "UZS", env=cbu_days(tag))
    expect(r.rc == 0 and "  receipt  %s (asked %s, published %s, fetched " % (url, d, d) in r.out and
           "sha256 %s\n" % want["sha256"] in r.out, "--explain prints it", r)
    # the official table: a receipt for each side's quote, of the bank that gave it
    env = dated_env(SARRAF_CBU_URL=SRV.url + "/days/%s/{YYYY}-{MM}-{DD}/" % tag)
    r = sarraf(cache, "-r", "official", "--date", str(d), "--output", "json", "1", "UZS", "KZT", env=env)
    rec = json.loads(r.out)
    nbk = srvmod.dated("nbk", d, "")[1]
    expect(r.rc == 0 and "receipt" not in rec and rec["from_receipt"]["sha256"] == want["sha256"] and
           rec["to_receipt"]["sha256"] == hashlib.sha256(nbk).hexdigest() and
           rec["to_receipt"]["url"] == SRV.url + "/dated/nbk/%s.xml" % d.strftime("%d.%m.%Y"),
           "official: from_receipt and to_receipt", r)
    r = sarraf(cache, "-r", "official", "--date", str(d), "--explain", "1", "UZS", "KZT", env=env)
    expect(r.rc == 0 and r.out.count("sha256 ") == 2, "--explain: one receipt per quote", r)
    # a stored day's entry holds its receipt beside the body
    name = [n for n in entries(cache) if n.startswith("day_CBU_%s-" % d)][0]
    with open(os.path.join(cache, "sarraf", name), "rb") as f:
        head, _, stored = f.read().partition(b"\n\n")
    expect(stored == body and (b"\nreceipt * %s %s %s " % (url.encode(), str(d).encode(), str(d).encode()))
           in head, "the entry: body as received, receipt beside it", head)
    # a plain URL and a file have theirs too
    r = sarraf(cache, "-r", SRV.url + "/feeds/cbu.json", "--output", "json", "1", "USD", "UZS")
    rec = json.loads(r.out)
    expect(rec["receipt"]["sha256"] == hashlib.sha256(srvmod.fixture("cbu.json")).hexdigest() and
           rec["receipt"]["url"] == SRV.url + "/feeds/cbu.json", "a URL's receipt", r)


@test
def date_field_converts_each_line_at_its_days_rates():
    cache = cache_home("date-field")
    before = len(SRV.requests)
    path = os.path.join(cache, "in.csv")
    with open(path, "w") as f:
        f.write("date,amount\n2026-04-01,100\n02.04.2026,100\n2026-04-01,2\n2026-04-05,100\n")
    r = sarraf(cache, "-r", "official", "-d", ",", "--header", "--field", "2", "--date-field", "1",
               "--from", "USD", "--to", "KZT", "--append", path, env=dated_env())
    expect(r.rc == 0 and r.out == "date,amount\n2026-04-01,100,50001.00\n02.04.2026,100,50002.00\n"
           "2026-04-01,2,1000.02\n2026-04-05,100,50003.00\n", "each line its day", r)
    nbk = [p for p, _ in SRV.requests[before:] if p.startswith("/dated/nbk/")]
    expect(sorted(nbk) == ["/dated/nbk/01.04.2026.xml", "/dated/nbk/02.04.2026.xml", "/dated/nbk/05.04.2026.xml"],
           "each day fetched once", nbk)
    with open(path, "a") as f:
        f.write("2026-02-30,5\n")
    r = sarraf(cache, "-r", "official", "-d", ",", "--header", "--field", "2", "--date-field", "1",
               "--from", "USD", "--to", "KZT", "--invalid", "warn", path, env=dated_env())
    expect(r.rc == 0 and "invalid date '2026-02-30'" in r.err and r.out.endswith("2026-02-30,\n"),
           "a bad date is a bad line, its converted field empty (the row keeps its columns)", r)


@test
def date_field_lane_writes_what_the_general_path_writes():
    """The column lane takes dated lines too: the same bytes, out and err, as the general path
    (a field named twice, --field 2,2, takes the general path)."""
    cache = cache_home("date-field-lane")
    path = os.path.join(cache, "in.csv")
    with open(path, "w") as f:
        f.write("date,amount,cur\n2026-04-01,100,USD\n02.04.2026,7.5,usd\n2026-04-04,1,USD\n"
                "\"2026-04-01\",3,USD\n 2026-04-02,4,USD\n2026-04-01,5,KZT\n2099-01-01,6,USD\n"
                "2026-02-30,7,USD\n2026-04-03,x,USD\n2026-04-03,8\n2026-04-06,-0.01,USD\n"
                "2026-04-07,12345678901234567890,USD\n2026-04-01,9,XYZ\n2026-04-02,10,dollar\n")
    # A first run fetches the days (and warns of the official table's mixed dates); the runs
    # compared read them from the cache.
    sarraf(cache, "-r", "official", "-d", ",", "--header", "--field", "2", "--date-field", "1",
           "--from", "USD", "--to", "KZT,UZS", "--invalid", "ignore", path, env=dated_env())
    outs = []
    for fields in ("2", "2,2"):
        for cur in (["--from", "USD"], ["--from-field", "3"]):
            r = sarraf(cache, "-r", "official", "-d", ",", "--header", "--field", fields, "--date-field", "1",
                       *cur, "--to", "KZT,UZS", "--append", "--invalid", "warn", path, env=dated_env())
            outs.append((r.rc, r.out, r.err))
    expect(outs[0] == outs[2] and outs[1] == outs[3], "lane and general path agree", outs)
    expect(outs[0][1].startswith("date,amount,cur\n2026-04-01,100,USD,50001.00,"), "converted", outs[0])
    expect("2026-04-04,1,USD,500.03," in outs[0][1], "a Saturday at Friday's rate", outs[0])
    expect("invalid date '2026-02-30'" in outs[1][2] and "unknown currency 'XYZ'" in outs[1][2],
           "bad lines reported", outs[1])


@test
def history_lists_each_published_day_in_every_format():
    cache = cache_home("history")
    base = ["-r", "official", "history", "USD", "KZT", "--since", "2026-04-01", "--until", "2026-04-07"]
    days = ["2026-04-01", "2026-04-02", "2026-04-03", "2026-04-06", "2026-04-07"]
    r = sarraf(cache, *base, "--output", "ledger", env=dated_env())
    expect(r.rc == 0 and r.out == "".join("P %s USD 500.%s KZT\n" % (d, d[-2:]) for d in days),
           "ledger: weekends not repeated", r)
    ok(sarraf(cache, *base, "--output", "beancount", env=dated_env()),
       "".join("%s price USD 500.%s KZT\n" % (d, d[-2:]) for d in days), "beancount")
    ok(sarraf(cache, *base, "--output", "csv", env=dated_env()),
       "date,from,to,rate\n" + "".join("%s,USD,KZT,500.%s\n" % (d, d[-2:]) for d in days), "csv")
    r = sarraf(cache, *base, "--output", "json", env=dated_env())
    recs = [json.loads(l) for l in r.out.splitlines()]
    expect(r.rc == 0 and [x["date"] for x in recs] == days and recs[0]["rate"] == "500.01", "json", r)
    r = sarraf(cache, *base, env=dated_env())
    expect(r.rc == 0 and r.out.splitlines()[0] == "2026-04-01  1 USD = 500.01 KZT", "text", r)
    # --decimal-comma: the text form with a comma; ledger keeps the point its readers need
    r = sarraf(cache, "--decimal-comma", *base, env=dated_env())
    expect(r.rc == 0 and r.out.splitlines()[0] == "2026-04-01  1 USD = 500,01 KZT", "text, decimal comma", r)
    r = sarraf(cache, "--decimal-comma", "-t", *base, env=dated_env())
    expect(r.rc == 0 and r.out.splitlines()[0] == "2026-04-01 500,01", "terse, decimal comma", r)
    ok(sarraf(cache, "--decimal-comma", *base, "--output", "ledger", env=dated_env()),
       "".join("P %s USD 500.%s KZT\n" % (d, d[-2:]) for d in days), "ledger, decimal comma")
    r = sarraf(cache, "-r", "official", "history", "KZT", "UZS", "--since", "2026-04-01", "--until",
               "2026-04-02", "--output", "tsv", env=dated_env())
    expect(r.rc == 0 and r.out.startswith("date\tfrom\tto\trate\n2026-04-01\tKZT\tUZS\t") and
           len(r.out.splitlines()) == 3, "a cross rate, tsv", r)


@test
def history_skips_a_day_without_the_currency_and_goes_on():
    cache = cache_home("history-missing")
    tmpl = SRV.url + "/dated/usd/{YYYY}-{MM}-{DD}.json"
    r = sarraf(cache, "-r", tmpl, "history", "USD", "UZS", "--since", "2026-04-13", "--until", "2026-04-17",
               "--output", "csv")
    expect(r.rc == 1 and r.out == "date,from,to,rate\n" + "".join("2026-04-%s,USD,UZS,12000.50\n" % d
                                                                   for d in ("13", "14", "16", "17")) and
           r.err.count("\n") == 1 and "2026-04-15: no UZS in the table of that day; the day is skipped" in r.err,
           "the 15th skipped, the range goes on, exit 1", r)


@test
def history_names_an_unreachable_host_once_and_does_not_ask_it_again():
    cache = cache_home("history-down")
    port = free_port()  # nothing listens there
    env = official_env(SARRAF_NBK_URL="http://127.0.0.1:%d/nbk/{DD}.{MM}.{YYYY}.xml" % port)
    r = sarraf(cache, "-r", "official", "history", "USD", "KZT", "--since", "2026-02-01", "--until", "2026-04-02",
               env=env)
    expect(r.rc == 3 and r.out == "" and r.err.count("\n") == 1 and
           ("127.0.0.1:%d could not be reached: 61 days without rates: 2026-02-01..2026-04-02" % port) in r.err
           and r.elapsed < 10, "one line, the days as a range, exit 3", r)


@test
def fetch_since_fills_the_archive_and_history_then_needs_no_network():
    cache = cache_home("fetch-since")
    r = sarraf(cache, "-r", "official:nbk", "fetch", "--since", "2026-03-01", "--until", "2026-03-31",
               env=dated_env())
    expect(r.rc == 0 and r.out.startswith("official:nbk: 2026-03-01..2026-03-31: 31 days stored, ") and
           "requests" in r.out, "fetch --since", r)
    online = sarraf(cache, "-r", "official:nbk", "history", "USD", "KZT", "--since", "2026-03-01",
                    "--until", "2026-03-31", "--output", "ledger", env=dated_env())
    offline = sarraf(cache, "--offline", "-r", "official:nbk", "history", "USD", "KZT", "--since", "2026-03-01",
                     "--until", "2026-03-31", "--output", "ledger", env=dated_env(srv=type("Dead", (), {"url": "http://127.0.0.1:%d" % free_port()})()))
    expect(online.rc == 0 and online.out.count("\n") == 22 and offline.rc == 0 and offline.out == online.out,
           "the stored days answer offline, the same lines (22 weekdays)", (online, offline))
    again = sarraf(cache, "-r", "official:nbk", "fetch", "--since", "2026-03-01", "--until", "2026-03-31",
                   env=dated_env())
    expect(again.rc == 0 and ", 0 requests" in again.out, "a second fetch --since asks nothing", again)


@test
def a_fifo_in_the_cache_is_not_a_hang():
    cache = cache_home("fifo")
    url = SRV.url + "/latest/USD"
    ok(sarraf(cache, "-t", "-r", url, "1", "USD", "KZT"), "505.12\n", "first, stored")
    d = os.path.join(cache, "sarraf")
    for name in os.listdir(d):
        os.unlink(os.path.join(d, name))
        os.mkfifo(os.path.join(d, name))
    r = sarraf(cache, "--offline", "-t", "-r", url, "1", "USD", "KZT", timeout=10)
    expect(r.rc == 3 and r.out == "" and r.elapsed < 5, "offline with a FIFO for the copy: exit 3 at once", r)
    r = sarraf(cache, "-t", "-r", url, "1", "USD", "KZT", timeout=10)
    expect(r.rc == 0 and r.out == "505.12\n" and r.elapsed < 5, "online: asked again", r)


@test
def fetch_that_stores_nothing_fails():
    url = SRV.url + "/latest/USD"
    home = cache_home("unwritable")
    blocker = os.path.join(home, "xdg")
    with open(blocker, "w") as f:
        f.write("a file where the cache directory would be")
    r = sarraf(home, "fetch", url, env={"XDG_CACHE_HOME": blocker})
    expect(r.rc == 3 and "could not be stored in the cache" in r.err and r.out == "", "fetch, cache a file", r)
    # a conversion still works uncached
    r = sarraf(home, "-t", "-r", url, "1", "USD", "KZT", env={"XDG_CACHE_HOME": blocker})
    expect(r.rc == 0 and r.out == "505.12\n", "conversion, cache a file", r)


@test
def an_unasked_304_is_named():
    url = SRV.url + "/mutable"
    SRV.mutable = (304, b"")
    r = sarraf(cache_home("unasked-304"), "-r", url, "-t", "1", "USD", "KZT")
    expect(r.rc == 3 and "the server answered 304 Not Modified without being asked" in r.err, "304", r)


@test
def libxml2_prints_nothing_of_its_own_and_long_values_are_shown_cut():
    body = (b'<?xml version="1.0" encoding="windows-1251"?>\n<CurrencyRates Date="01.04.2026">'
            b'<Currency ISOCode="USD"><Nominal>1</Nominal><Value>87,45\x98\x98</Value></Currency>'
            b'</CurrencyRates>\n')
    SRV.mutable = (200, body)
    r = sarraf(cache_home("xml-enc"), "--official=nbkr", "list",
               env=official_env(SARRAF_NBKR_URL=SRV.url + "/mutable"))
    lines = [l for l in r.err.splitlines() if l]
    expect(r.rc == 3 and lines and all(l.startswith("sarraf: ") for l in lines), "every line sarraf's", r)
    SRV.mutable = (200, b'<rates><date>01.04.2026</date><item><title>USD</title><description>505.' +
                   b"1" * 100000 + b'</description><quant>1</quant></item></rates>')
    r = sarraf(cache_home("xml-long"), "--official=nbk", "list",
               env=official_env(SARRAF_NBK_URL=SRV.url + "/mutable"))
    expect(r.rc == 3 and "rate '505.1111111111" in r.err and "...'" in r.err, "a long value shown cut", r)


def main():
    global BIN, SRV, TMP
    if len(sys.argv) != 2:
        sys.exit("usage: test_net.py SARRAF")
    BIN = os.path.abspath(sys.argv[1])
    passed = failed = 0
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as TMP:
        SRV = srvmod.Server().start()
        try:
            for fn in TESTS:
                try:
                    fn()
                    passed += 1
                except (AssertionError, subprocess.SubprocessError, OSError) as e:
                    failed += 1
                    print("FAIL %s\n  %s" % (fn.__name__, e))
        finally:
            SRV.close()
    print("net: %.1f s" % (time.monotonic() - t0))
    print("net: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
