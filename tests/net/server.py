"""A local HTTP server for sarraf's network tests: every way a rate feed can answer.

Runs on 127.0.0.1 with an ephemeral port, in a thread of the test driver, which reads its
counters (hits per path, request headers). Nothing here touches the internet.

    /feeds/NAME            a fixture from tests/fixtures/feeds (ETag, Last-Modified, 304)
    /official/NAME         a central bank's feed from tests/fixtures/official (query ignored)
    /latest/USD            the open.er-api.com-shaped fixture, as in the README's example
    /lastmod/NAME          like /feeds, but only Last-Modified (If-Modified-Since -> 304)
    /gzip/NAME             the fixture, gzip-compressed (Content-Encoding: gzip)
    /slow/NAME             the fixture after 0.2 s (for concurrent fetches)
    /big-table             a valid er-api table of about 200 KB (for concurrent fetches)
    /mutable               whatever server.mutable holds: (status, body)
    /status/N              an empty response with status N
    /stall                 headers and a few bytes, then nothing until the server stops
    /huge                  2 MiB without Content-Length (aborted while downloading)
    /huge-declared         Content-Length: 2 MiB (refused before the body)
    /truncated             Content-Length: 1000, then 300 bytes and the connection closes
    /invalid               200 with a body that is not JSON
    /switch                server.switch: "good" serves the er-api fixture; "half" sends its
                           headers and half the body, sets server.half_sent and waits
    /loop                  a redirect to itself
    /hops/N                N redirects, then /latest/USD
    /to-file               a redirect to file:///etc/passwd
    /dated/BANK/DAY...     a bank's rates of a day, made up from the day (see dated()):
                           /dated/nbk/DD.MM.YYYY.xml, /dated/cbu/YYYY-MM-DD/, /dated/nbt/YYYY-MM-DD.xml,
                           /dated/nbkr?valuta_id=..&beg_day=.. (the archive page),
                           /dated/usd/YYYY-MM-DD.json (fawazahmed0's shape)
    /days/NAME/REST        whatever server.days holds for "NAME/REST": (status, body), else 404 and
                           an empty body (a day nobody published; the tests publish days as they go)
    http://ANY/PATH        a proxy request (absolute URL): served as PATH
"""
import datetime
import gzip
import hashlib
import http.server
import os
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FEEDS = os.path.join(os.path.dirname(HERE), "fixtures", "feeds")
OFFICIAL = os.path.join(os.path.dirname(HERE), "fixtures", "official")
OFFICIAL_REAL = OFFICIAL  # the real feeds' folder, set by the test that reads them
LAST_MODIFIED = "Fri, 02 Jan 2026 00:05:00 GMT"


def fixture(name, folder=FEEDS):
    path = os.path.normpath(os.path.join(folder, name))
    if not path.startswith(folder + os.sep) or not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def big_table():
    codes = []
    for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            for c in "ABCDEFGHIJ":
                codes.append(a + b + c)
    rates = ",".join('"%s":%d.%03d' % (code, k + 2, k % 1000) for k, code in enumerate(codes) if code != "USD")
    return ('{"result":"success","base_code":"USD","rates":{"USD":1,%s}}' % rates).encode()


# The dated feeds' "today": later days are answered as the NBT does, with this day's table.
DATED_TODAY = datetime.date(2026, 4, 30)


def weekday(d):
    return d.weekday() < 5


def friday_before(d):
    while not weekday(d):
        d -= datetime.timedelta(days=1)
    return d


def dated(bank, day, query):
    """(status, body) of BANK for DAY: rates that tell the day apart (the USD rate grows by a
    hundredth of the day of the month). Weekends: the NBK answers with Friday's rates, dated
    Friday; the CBU and fawazahmed0 answer 404; the NBT has a table for every day, and answers
    a day after DATED_TODAY with DATED_TODAY's table, as the real one does."""
    if bank == "nbk":
        d = friday_before(day)
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rates><date>%s</date>\n'
                '<item><title>USD</title><description>%d.%02d</description><quant>1</quant></item>\n'
                '<item><title>KGS</title><description>5.77</description><quant>1</quant></item>\n'
                '</rates>\n' % (d.strftime("%d.%m.%Y"), 500, d.day)).encode()
        return 200, body
    if bank == "cbu":
        if not weekday(day):
            return 404, b""
        return 200, ('[{"Ccy":"USD","Nominal":"1","Rate":"12%03d.%02d","Date":"%s"},'
                     '{"Ccy":"KZT","Nominal":"1","Rate":"24.14","Date":"%s"}]' %
                     (day.day, day.day, day.strftime("%d.%m.%Y"), day.strftime("%d.%m.%Y"))).encode()
    if bank == "nbt":
        d = day if datetime.date(2001, 1, 1) <= day <= DATED_TODAY else DATED_TODAY
        return 200, ('<?xml version="1.0" encoding="utf-8" ?>\n<ValCurs Date="%s">\n'
                     '<Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>9.%04d</Value></Valute>\n'
                     '</ValCurs>\n' % (d.isoformat(), 3000 + d.day)).encode()
    if bank == "usd":
        if not weekday(day):
            return 404, b""
        # the 15th of a month lacks the sum, as a feed that drops a currency for a day
        uzs = '' if day.day == 15 else ',"uzs":12000.5'
        return 200, ('{"date":"%s","usd":{"kzt":%d.%02d%s}}' % (day.isoformat(), 500, day.day, uzs)).encode()
    return 404, b""


def nbkr_archive(query):
    """The NBKR's archive page for the window of the query: a row for each weekday."""
    q = dict(kv.split("=", 1) for kv in query.split("&") if "=" in kv)
    try:
        beg = datetime.date(int(q["beg_year"]), int(q["beg_month"]), int(q["beg_day"]))
        end = datetime.date(int(q["end_year"]), int(q["end_month"]), int(q["end_day"]))
        vid = int(q["valuta_id"])
    except (KeyError, ValueError):
        return 400, b""
    base = {15: 87, 20: 101, 40: 0, 44: 1, 24: 12}.get(vid)
    if base is None:
        return 200, b"<html><body><table></table></body></html>"
    rows = []
    d = beg
    while d <= end and d <= DATED_TODAY:
        if weekday(d):
            rows.append("<tr><td><!--date-->%s<!--date--></td><td><!--value-->%d,%04d<!--value--></td></tr>"
                        % (d.strftime("%d.%m.%Y"), base, 4500 + d.day))
        d += datetime.timedelta(days=1)
    return 200, ("<html><head><title>NBKR</title></head><body><table>\n<tr><th>Date</th><th>Rate</th></tr>\n"
                 + "\n".join(rows) + "\n</table></body></html>\n").encode()


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "sarraf-test/1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def send_body(self, body, status=200, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        srv = self.server
        path = self.path
        if path.startswith("http://"):  # a proxy request
            srv.proxied.append(path)
            path = "/" + path.split("/", 3)[3]
        with srv.lock:
            srv.hits[path] = srv.hits.get(path, 0) + 1
            srv.requests.append((path, dict(self.headers.items())))
        path, _, query = path.partition("?")
        parts = path.split("/", 2)
        head = parts[1] if len(parts) > 1 else ""
        rest = parts[2] if len(parts) > 2 else ""

        if head in ("feeds", "latest", "slow", "lastmod") or path == "/big-table":
            if head == "latest":
                body = fixture("er-api.json")
            elif path == "/big-table":
                body = srv.big
            else:
                body = fixture(rest)
            if body is None:
                return self.send_body(b"not found", 404)
            if head == "slow":
                time.sleep(0.2)
            if head == "lastmod":
                if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    return self.send_body(b"", 304)
                return self.send_body(body, headers=[("Last-Modified", LAST_MODIFIED)])
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            return self.send_body(body, headers=[("ETag", etag), ("Last-Modified", LAST_MODIFIED)])
        if head in ("official", "official-real"):
            body = fixture(rest, OFFICIAL if head == "official" else OFFICIAL_REAL)
            if body is None:
                return self.send_body(b"not found", 404)
            return self.send_body(body, headers=[("Content-Type", "text/xml")])
        if head == "dated":
            bank, _, day = rest.partition("/")
            if bank in srv.dated_down:
                return self.send_body(b"", 500)
            if bank == "nbkr":
                status, body = nbkr_archive(query)
                return self.send_body(body, status, headers=[("Content-Type", "text/html")])
            text = day.rstrip("/").replace(".xml", "").replace(".json", "")
            try:
                if "." in text:
                    dd, mm, yy = text.split(".")
                    when = datetime.date(int(yy), int(mm), int(dd))
                else:
                    when = datetime.date.fromisoformat(text)
            except ValueError:
                return self.send_body(b"bad date", 400)
            status, body = dated(bank, when, query)
            return self.send_body(body, status)
        if head == "days":
            status, body = srv.days.get(rest, (404, b""))
            return self.send_body(body, status)
        if head == "gzip":
            body = fixture(rest)
            return self.send_body(gzip.compress(body), headers=[("Content-Encoding", "gzip")])
        if path == "/mutable":
            status, body = srv.mutable
            return self.send_body(body, status)
        if head == "status":
            return self.send_body(b"", int(rest))
        if path == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'{"base_code"')
            self.wfile.flush()
            srv.stop.wait(30)
            return
        if path == "/huge":
            self.send_response(200)
            self.end_headers()  # HTTP/1.0, no length: the body ends when the connection closes
            chunk = b" " * 65536
            try:
                self.wfile.write(b"{")
                for _ in range(32):
                    self.wfile.write(chunk)
            except OSError:
                pass
            return
        if path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Length", str(2 * 1024 * 1024))
            self.end_headers()
            try:
                self.wfile.write(b"{" + b" " * (2 * 1024 * 1024 - 1))
            except OSError:
                pass
            return
        if path == "/truncated":
            body = fixture("er-api.json")
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(body[:300])
            return
        if path == "/switch":
            body = fixture("er-api.json")
            if srv.switch == "good":
                return self.send_body(body)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            srv.half_sent.set()
            srv.stop.wait(30)
            return
        if path == "/invalid":
            return self.send_body(b"<html>rates: 1.5</html>")
        if path == "/loop":
            return self.redirect("/loop")
        if head == "hops":
            n = int(rest)
            return self.redirect("/hops/%d" % (n - 1) if n > 0 else "/latest/USD")
        if path == "/to-file":
            return self.redirect("file:///etc/passwd")
        return self.send_body(b"not found", 404)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port=0):
        super().__init__(("127.0.0.1", port), Handler)
        self.lock = threading.Lock()
        self.hits = {}
        self.requests = []
        self.proxied = []
        self.stop = threading.Event()
        self.switch = "good"
        self.half_sent = threading.Event()
        self.mutable = (200, fixture("er-api.json"))
        self.big = big_table()
        self.dated_down = set()
        self.days = {}
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def start(self):
        self.thread.start()
        return self

    def close(self):
        self.stop.set()
        self.shutdown()
        self.server_close()
        self.thread.join(5)
