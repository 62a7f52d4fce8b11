#!/usr/bin/env python3
"""Exactness of stream mode: a large random stream through `sarraf --from X --to Y`, every line
checked against exact integer arithmetic in Python (an independent computation). Covers the plain lane (plain
numbers), the column lane (a CSV with the currency in a column of its own, appended results; a
spreadsheet's export with a quoted description before the amount, quoted amounts with a decimal
comma, ';' or ',' between fields, a byte-order mark and CRLF) and the general path (exponents,
many digits, currencies written in lower case). The CSV output is read back with Python's csv
module, so that quoting is checked too.

Usage: check_stream.py SARRAF [--lines N] [--seed S]
"""
import argparse
import csv
import io
import random
import subprocess
import sys

# The embedded table (data/rates.json): value of one unit in USD, in units of 10^-5.
VALUES = {"USD": 100000, "KGS": 1144, "KZT": 192, "TJS": 10134, "UZS": 8, "TMT": 28571}
MODES = ["half-up", "half-even", "half-down", "up", "down", "ceiling", "floor"]


def ratio(text):
    """An amount's exact value as (numerator, denominator), integers, read here by hand (sign,
    digits, a point, an exponent): as exact as fractions.Fraction, and several times faster."""
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    mant, _, exp = text.partition("e")
    whole, _, frac = mant.partition(".")
    num = sign * int(whole + frac or "0")
    e = (int(exp) if exp else 0) - len(frac)
    return (num * 10 ** e, 1) if e >= 0 else (num, 10 ** -e)


def convert(text, frm, to, p, mode):
    """text FROM in TO, rounded to p digits after the point, as an integer count of 10^-p."""
    num, den = ratio(text)
    return round_div(num * VALUES[frm] * 10 ** p, den * VALUES[to], mode)


def round_div(n, d, mode):
    """n / d (d > 0) rounded to an integer by mode."""
    neg = n < 0
    q, r = divmod(-n if neg else n, d)
    if r == 0:
        inc = False
    elif mode == "half-up":
        inc = 2 * r >= d
    elif mode == "half-down":
        inc = 2 * r > d
    elif mode == "half-even":
        inc = 2 * r > d or (2 * r == d and q % 2 == 1)
    elif mode == "up":
        inc = True
    elif mode == "down":
        inc = False
    elif mode == "ceiling":
        inc = not neg
    else:
        inc = neg
    q += inc
    return -q if neg else q


def fmt(q, p):
    neg = q < 0
    s = str(abs(q)).rjust(p + 1, "0")
    if p:
        s = s[:-p] + "." + s[-p:]
    return ("-" if neg and q != 0 else "") + s


def amount(rng):
    sign = rng.choice(["", "", "-", "+"])
    form = rng.random()
    if form < 0.6:
        return "%s%d.%02d" % (sign, rng.randrange(10 ** rng.randint(1, 9)), rng.randrange(100))
    if form < 0.8:
        frac = rng.randint(0, 18)
        i = str(rng.randrange(10 ** rng.randint(1, 12)))
        return sign + i + ("." + "".join(rng.choice("0123456789") for _ in range(frac)) if frac else "")
    return "%s%d.%de%d" % (sign, rng.randrange(10), rng.randrange(1000), rng.randint(-8, 8))


def out_of_range(results, p):
    """A result of 20 digits or more before the point: the line is out of range."""
    return any(abs(q) >= 10 ** (20 + p) for q in results)


class Tally:
    """Lines checked, and the first ten mismatches and every bad exit status shown."""

    def __init__(self):
        self.passed = self.failed = 0

    def line(self, argv, where, want, got, n):
        have = got[n] if n < len(got) else None
        if have == want:
            self.passed += 1
            return
        self.failed += 1
        if self.failed <= 10:
            print("MISMATCH %s %s: want %r got %r" % (" ".join(argv[1:]), where, want, have))

    def status(self, argv, out):
        if out.returncode != 0:
            self.failed += 1
            print("exit %d from %s: %s" % (out.returncode, " ".join(argv[1:]), out.stderr[:200]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sarraf")
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20250501)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    codes = sorted(VALUES)
    tally = Tally()
    runs = [("KZT", ["UZS"]), ("UZS", ["KZT"]), ("KGS", ["TJS"])] + \
           [(rng.choice(codes), rng.sample(codes, rng.randint(1, 3))) for _ in range(5)]
    for frm, tos in runs:
        p = rng.randint(0, 18)
        mode = rng.choice(MODES)
        lines = [amount(rng) for _ in range(a.lines)]
        argv = [a.sarraf, "--from", frm, "--to", ",".join(tos), "-p", str(p), "--round", mode]
        out = subprocess.run(argv, input="\n".join(lines) + "\n", capture_output=True, text=True)
        got = out.stdout.split("\n")
        for n, line in enumerate(lines):
            results = [convert(line, frm, t, p, mode) for t in tos]
            if out_of_range(results, p):
                continue  # out of range: the line is bad, not a number (checked in stream.t)
            tally.line(argv, "line %d %r" % (n + 1, line), " ".join(fmt(q, p) for q in results), got, n)
        tally.status(argv, out)
    # A CSV with the currency in its own column: -d , --header --field 2 --from-field 3 --append.
    csv_runs = 0
    for _ in range(4):
        tos = rng.sample(codes, rng.randint(1, 2))
        p = rng.randint(0, 6)
        mode = rng.choice(MODES)
        rows = []
        for n in range(a.lines // 2):
            code = rng.choice(codes)
            rows.append((str(n), amount(rng), code.lower() if rng.random() < 0.05 else code))
        text = "id,amount,currency\n" + "".join(",".join(r) + "\n" for r in rows)
        argv = [a.sarraf, "-d", ",", "--header", "--field", "2", "--from-field", "3", "--append",
                "--to", ",".join(tos), "-p", str(p), "--round", mode, "--invalid", "ignore"]
        out = subprocess.run(argv, input=text, capture_output=True, text=True)
        got = out.stdout.split("\n")[1:]
        csv_runs += 1
        for n, row in enumerate(rows):
            results = [convert(row[1], row[2].upper(), t, p, mode) for t in tos]
            line = ",".join(row)
            if out_of_range(results, p):
                want = line  # out of range: passed through as it was (--invalid ignore)
            else:
                want = line + "," + ",".join(fmt(q, p) for q in results)
            tally.line(argv, "line %d" % (n + 2), want, got, n)
        tally.status(argv, out)
    # A spreadsheet's export: a quoted description (the delimiter, doubled quotes, a line break
    # inside) before the amount, amounts with a decimal comma (quoted with -d ','), a currency
    # column, a BOM and CRLF: --decimal-comma -d D --header --field 3 --from-field 4 --append.
    words = ["rent", "May", "услуги", "связи", "счёт № 7", 'say ""hi""', "two\r\nlines"]
    for delim in [";", ",", ";", ","]:
        tos = rng.sample(codes, rng.randint(1, 2))
        p = rng.randint(0, 6)
        mode = rng.choice(MODES)
        rows = []
        for n in range(a.lines // 2):
            code = rng.choice(codes)
            amt = amount(rng).replace(".", ",")
            desc = "%s%s %s" % (rng.choice(words), delim, rng.choice(words))
            quoted = delim == "," or rng.random() < 0.3
            rows.append((str(n), desc, amt, '"%s"' % amt if quoted else amt, code))
        text = "\ufeffid%sdescription%samount%scurrency\r\n" % (delim, delim, delim) + "".join(
            delim.join((r[0], '"%s"' % r[1], r[3], r[4])) + "\r\n" for r in rows)
        argv = [a.sarraf, "--decimal-comma", "-d", delim, "--header", "--field", "3", "--from-field", "4",
                "--append", "--to", ",".join(tos), "-p", str(p), "--round", mode, "--invalid", "ignore"]
        out = subprocess.run(argv, input=text.encode(), capture_output=True)
        got = list(csv.reader(io.StringIO(out.stdout.decode(), newline=""), delimiter=delim))[1:]
        csv_runs += 1
        if not out.stdout.startswith("\ufeff".encode()) or out.stdout.count(b"\n") != text.count("\n") or \
                out.stdout.count(b"\r\n") != out.stdout.count(b"\n"):
            tally.failed += 1
            print("BOM or CRLF lost: %s" % " ".join(argv[1:]))
        for n, row in enumerate(rows):
            results = [convert(row[2].replace(",", "."), row[4], t, p, mode) for t in tos]
            desc = row[1].replace('""', '"')
            if out_of_range(results, p):
                want = [row[0], desc, row[2], row[4]] + [""] * len(tos)  # a kept row: its columns, empty
            else:
                want = [row[0], desc, row[2], row[4]] + [fmt(q, p).replace(".", ",") for q in results]
            tally.line(argv, "row %d" % (n + 2), want, got, n)
        tally.status(argv, out)
    print("stream-exact: %d lines over %d runs (seed %d)" %
          (tally.passed + tally.failed, len(runs) + csv_runs, a.seed))
    print("stream-exact: %d passed, %d failed" % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
