#!/usr/bin/env python3
"""Exactness property check for sarraf (SPEC: "Exactness").

Usage: python3 tests/exact/check_exact.py PATH_TO_SARRAF [--cases N] [--seed S]

Random rate tables (about 30 made-up currencies, quotes in either orientation,
1 to 18 significant digits, magnitudes 1e-12..1e7, as decimal strings in plain
or exponent form and a few as JSON numbers) and random amounts are converted by
the binary in terse mode,

    sarraf -t -p P --round MODE -r TABLE -- AMOUNT FROM TO1 ... TOn

and every printed line is compared with an independent exact computation:
fractions.Fraction for amount * value(FROM) / value(TO), rounded once by this
file's own implementation of the seven modes, formatted with exactly P digits
after the point and never as "-0".  When any target rounds to a magnitude of at
least 10^20 the whole invocation must fail: exit 1, empty stdout, one stderr
line "sarraf: ... out of range".

Standard library only.  All cases are generated up front from
random.Random(seed), so a run is repeatable; the seed is printed.
"""

import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

MODES = ["half-up", "half-even", "half-down", "up", "down", "ceiling", "floor"]
LIMIT = 10 ** 20          # |rounded result| must stay below this
MAX_SCALE = 18            # digits after the point: amounts and precision
DEFAULT_SEED = 20250501
DEFAULT_CASES = 6000      # conversions (lines) to check
HALF = Fraction(1, 2)
MAX_REPORTED = 10


# ---------------------------------------------------------------------------
# The reference: exact rounding, written from the mode definitions.

def round_scaled(x, p, mode):
    """Round the rational x to an integer count of 10^-p units, per `mode`.

    Returns a signed integer R with R * 10^-p the rounded value."""
    y = x * 10 ** p
    neg = y < 0
    mag = -y if neg else y
    q = mag.numerator // mag.denominator      # truncated magnitude
    rem = mag - q                             # 0 <= rem < 1
    if rem == 0:
        r = q
    elif mode == "down":                      # toward zero
        r = q
    elif mode == "up":                        # away from zero
        r = q + 1
    elif mode == "ceiling":                   # toward +infinity
        r = q if neg else q + 1
    elif mode == "floor":                     # toward -infinity
        r = q + 1 if neg else q
    elif mode == "half-up":                   # nearest, ties away from zero
        r = q + 1 if rem >= HALF else q
    elif mode == "half-down":                 # nearest, ties toward zero
        r = q + 1 if rem > HALF else q
    elif mode == "half-even":                 # nearest, ties to even
        if rem > HALF:
            r = q + 1
        elif rem < HALF:
            r = q
        else:
            r = q + 1 if q % 2 == 1 else q
    else:
        raise ValueError(mode)
    return -r if neg else r


def format_scaled(r, p):
    """r * 10^-p with exactly p digits after '.', '-' sign, never '-0'."""
    sign = "-" if r < 0 else ""
    digits = str(abs(r))
    if p == 0:
        return sign + digits
    digits = digits.rjust(p + 1, "0")
    return sign + digits[:-p] + "." + digits[-p:]


def is_tie(x, p):
    y = abs(x * 10 ** p)
    return y - (y.numerator // y.denominator) == HALF


# ---------------------------------------------------------------------------
# Number text.

def plain(m, e):
    """The decimal text of m * 10^e (m >= 0 an integer), no exponent."""
    if e >= 0:
        return str(m) + "0" * e
    s = str(m).rjust(-e + 1, "0")
    return s[:e] + "." + s[e:]


def scientific(m, e, rng):
    """m * 10^e in an exponent form: 'D.DDDe-K', 'DDDe-K', '1.5E+3', ..."""
    s = str(m)
    style = rng.randrange(3)
    if style == 0 and len(s) > 1:             # one digit before the point
        mant, exp = s[0] + "." + s[1:], e + len(s) - 1
    elif style == 1:                          # integer mantissa
        mant, exp = s, e
    else:                                     # point somewhere inside
        k = rng.randint(1, len(s))
        mant = s[:k] + ("." + s[k:] if k < len(s) else "")
        exp = e + len(s) - k
    mark = rng.choice(["e", "e", "E"])
    if exp >= 0 and rng.random() < 0.3:
        return "%s%s+%d" % (mant, mark, exp)
    return "%s%s%d" % (mant, mark, exp)


def scale_of(f):
    """Digits after the point needed to write the terminating decimal f."""
    d = f.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    assert d == 1, "not a terminating decimal"
    return max(twos, fives)


# ---------------------------------------------------------------------------
# Rate tables.

class Table:
    def __init__(self, base, codes, values, text):
        self.base = base            # base code
        self.codes = codes          # every code, the base included
        self.values = values        # code -> Fraction (value in base units)
        self.text = text            # JSON text
        self.path = None


def random_code(rng, taken):
    while True:
        c = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
        if c not in taken:
            return c


def random_rate(rng, as_number):
    """A rate text v (plain, exponent or JSON number) and its exact value."""
    max_digits = 15 if as_number else 18
    d = rng.randint(1, max_digits) if rng.random() < 0.7 else rng.randint(1, 5)
    m = rng.randint(10 ** (d - 1), 10 ** d - 1)
    k = rng.randint(-12, 6)                   # v in [10^k, 10^(k+1))
    e = k - (d - 1)
    if rng.random() < 0.02:                   # the ends of the promised range
        m, e = 1, rng.choice([-12, 7])
    value = Fraction(m) * Fraction(10) ** e
    if rng.random() < 0.3:
        text = scientific(m, e, rng)
    else:
        text = plain(m, e)
        # trailing zeros as a ticker may write them ("12850.50")
        if not as_number and "." in text and rng.random() < 0.2:
            extra = rng.randint(1, 3)
            if len(str(m)) + extra <= 18:
                text += "0" * extra
    assert Fraction(text) == value
    assert Fraction(1, 10 ** 12) <= value <= 10 ** 7
    return text, value


def make_table(rng, n_currencies=30):
    base = "USD" if rng.random() < 0.5 else random_code(rng, set())
    taken = {base}
    values = {base: Fraction(1)}
    entries = []
    for _ in range(n_currencies - 1):
        code = random_code(rng, taken)
        taken.add(code)
        as_number = rng.random() < 0.1
        text, v = random_rate(rng, as_number)
        literal = text if as_number else json.dumps(text)
        if rng.random() < 0.5:                # "X/BASE": v  -> value(X) = v
            key, values[code] = code + "/" + base, v
        else:                                 # "BASE/X": v  -> value(X) = 1/v
            key, values[code] = base + "/" + code, 1 / v
        entries.append("    %s: %s" % (json.dumps(key), literal))
    text = '{\n  "base": %s,\n  "quotes": {\n%s\n  }\n}\n' % (
        json.dumps(base), ",\n".join(entries))
    json.loads(text)                          # well-formed
    return Table(base, [base] + sorted(taken - {base}), values, text)


# ---------------------------------------------------------------------------
# Amounts.

# Multipliers after a number (SPEC "Amounts"), by power of ten; a multiplier moves the point.
MULTIPLIERS = {3: ["k", "K", "thousand", "тыс", "тыс.", "ming", "мың"],
               6: ["m", "M", "mln", "million", "млн"],
               9: ["bn", "billion", "mlrd", "млрд"]}


def decimal_comma(t, rng):
    """t with its point written as a comma, when that comma can only be a decimal point (the
    SPEC's one-shot rule: not 1 to 3 digits without a leading zero followed by exactly 3)."""
    if "." not in t or rng.random() < 0.5:
        return t
    i, f = t.split(".")
    if i and len(f) == 3 and len(i) <= 3 and i[0] != "0":
        return t                              # "1,500" would be ambiguous
    return i + "," + f if i else t


def amount_text(value_m, frac_digits, neg, rng, allow_exp=True):
    """Text for (-1)^neg * value_m * 10^-frac_digits, in a random spelling: plain, with an
    exponent, with a decimal comma, or times a multiplier ("1,5 млн", "2k"; '|' between two
    operands)."""
    sign = "-" if neg else ""
    if allow_exp and rng.random() < 0.15:
        # exponent form; the effective scale stays frac_digits (<= 18)
        return sign + scientific(value_m, -frac_digits, rng)
    if rng.random() < 0.15:
        e = rng.choice(sorted(MULTIPLIERS))
        t = decimal_comma(plain(value_m, -(frac_digits + e)), rng)
        return sign + t + rng.choice(["", " ", "|"]) + rng.choice(MULTIPLIERS[e])
    t = plain(value_m, -frac_digits)
    if t.startswith("0.") and rng.random() < 0.3:
        t = t[1:]                             # ".75"
    return sign + decimal_comma(t, rng)


def value_of(text):
    """The exact value of an amount_text() spelling, read here on its own."""
    t = text.replace("|", " ")
    e = 0
    for exp, words in MULTIPLIERS.items():
        for w in sorted(words, key=len, reverse=True):
            if t.endswith(w) and (t[:-len(w)][-1:].isdigit() or t[:-len(w)][-1:] in " ."):
                e, t = exp, t[:-len(w)].rstrip(" ")
                break
        if e:
            break
    return Fraction(t.replace(",", ".")) * 10 ** e


def random_amount(rng, max_int_digits=20):
    """(text, Fraction) with |amount| < 10^20 and <= 18 fraction digits."""
    r = rng.random()
    if r < 0.03:
        t = rng.choice(["0", "-0", "0.000", "-0.0", ".0", "0e5", "-0E-3", "-0.00e+2"])
        return t, Fraction(0)
    if max_int_digits < 1:
        max_int_digits = 1
    int_digits = rng.randint(1, max_int_digits)
    frac_digits = rng.randint(0, MAX_SCALE)
    if rng.random() < 0.2:
        ip = 0
    else:
        ip = rng.randint(10 ** (int_digits - 1), 10 ** int_digits - 1)
    fp = rng.randint(0, 10 ** frac_digits - 1) if frac_digits else 0
    m = ip * 10 ** frac_digits + fp
    neg = rng.random() < 0.4
    text = amount_text(m, frac_digits, neg, rng)
    value = Fraction(m, 10 ** frac_digits) * (-1 if neg else 1)
    assert value_of(text) == value, (text, value)
    return text, value


def tie_amount(rng, ratio, p, limit_mag):
    """An amount A with A * ratio exactly halfway between two multiples of
    10^-p: A = m * b / (2 * a25 * 10^p) for ratio = a/b, a = a25 * a',
    a25 the 2- and 5-part of a, m odd.  None if no such A fits the range."""
    a, b = ratio.numerator, ratio.denominator
    a25 = 1
    rest = a
    for f in (2, 5):
        while rest % f == 0:
            rest //= f
            a25 *= f
    for _ in range(6):
        digits = rng.randint(1, 12)
        m = rng.randrange(10 ** (digits - 1), 10 ** digits) | 1
        if rng.random() < 0.3:
            m = 1
        A = Fraction(m * b, 2 * a25 * 10 ** p)
        if scale_of(A) > MAX_SCALE or A >= LIMIT or abs(A * ratio) >= limit_mag:
            continue
        assert is_tie(A * ratio, p)
        return A
    return None


# ---------------------------------------------------------------------------
# Cases.

class Invocation:
    def __init__(self, table, p, mode, amount_t, amount_v, src, targets,
                 pass_mode=True, tie_target=None):
        self.table = table
        self.p = p
        self.mode = mode
        self.amount_t = amount_t
        self.amount_v = amount_v
        self.src = src
        self.targets = targets
        # a target named twice is answered once (the first time it is named)
        seen = set()
        self.answered = [t for t in targets if not (t.upper() in seen or seen.add(t.upper()))]
        self.pass_mode = pass_mode
        self.expect_lines = None
        self.expect_oor = False
        self.ties = 0
        self.compute()

    def exact(self, tgt):
        vals = self.table.values
        return self.amount_v * vals[self.src.upper()] / vals[tgt.upper()]

    def compute(self):
        lines = []
        self.expect_oor = False
        self.ties = 0
        for t in self.answered:
            x = self.exact(t)
            if is_tie(x, self.p):
                self.ties += 1
            r = round_scaled(x, self.p, self.mode)
            if abs(r) >= LIMIT * 10 ** self.p:
                self.expect_oor = True
            lines.append(format_scaled(r, self.p))
        self.expect_lines = lines

    def argv(self, binary):
        a = [binary, "-t", "-p", str(self.p)]
        if self.pass_mode:
            a += ["--round", self.mode]
        if self.table.path is not None:
            a += ["-r", self.table.path]
        return a + ["--"] + self.amount_t.split("|") + [self.src] + list(self.targets)


def maybe_lower(rng, code):
    return code.lower() if rng.random() < 0.03 else code


def gen_random_invocation(rng, tables, want_oor):
    table = rng.choice(tables)
    vals = table.values
    p = rng.randint(0, MAX_SCALE)
    mode = rng.choice(MODES)
    pass_mode = True
    if mode == "half-up" and rng.random() < 0.2:
        pass_mode = False                     # the default mode
    src = rng.choice(table.codes)
    n = rng.randint(20, 30)
    pool = table.codes
    if rng.random() < 0.4:
        # only targets worth at least about as much as src, so that large
        # amounts (up to 20 integer digits) still give in-range results
        bound = Fraction(10) ** rng.randint(-3, 2)
        narrow = [t for t in table.codes if vals[src] / vals[t] <= bound]
        if len(narrow) >= 3:
            pool = narrow
    targets = [rng.choice(pool) for _ in range(n)]
    if rng.random() < 0.5 and src in pool:
        targets[rng.randrange(n)] = src
    if rng.random() < 0.5 and table.base in pool:
        targets[rng.randrange(n)] = table.base
    # the largest |result| per unit of amount among the targets
    max_ratio = max(vals[src] / vals[t] for t in targets)
    # 10^20 / max_ratio bounds the amount for an in-range invocation
    room = LIMIT / max_ratio
    room_digits = len(str(room.numerator // room.denominator))  # int digits
    inv = None
    tie_kind = rng.random()
    for attempt in range(40):
        if tie_kind < 0.4:
            # an exact tie at digit p+1 for one target (often src itself)
            tgt = src if rng.random() < 0.25 else rng.choice(targets)
            if tgt not in targets:
                targets[rng.randrange(n)] = tgt
            ratio = vals[src] / vals[tgt]
            A = tie_amount(rng, ratio, p, LIMIT if want_oor else min(LIMIT, room * ratio))
            if A is None:
                tie_kind = 1.0
                continue
            neg = rng.random() < 0.4
            s = scale_of(A)
            m = A.numerator * 10 ** s // A.denominator
            text = amount_text(m, s, neg, rng)
            value = -A if neg else A
        else:
            cap = 20 if (want_oor or attempt < 3) else min(20, room_digits)
            text, value = random_amount(rng, cap)
        inv = Invocation(table, p, mode, text, value, maybe_lower(rng, src),
                         [maybe_lower(rng, t) for t in targets], pass_mode)
        if inv.expect_oor == want_oor:
            return inv
    return inv


def gen_boundary_invocation(rng, tables):
    """Amounts just below 10^20 converted into their own currency: whether
    the rounded result reaches 10^20 depends on mode and precision."""
    table = rng.choice(tables)
    src = rng.choice(table.codes)
    p = rng.randint(0, MAX_SCALE - 1)
    mode = rng.choice(MODES)
    s = rng.randint(p, MAX_SCALE)
    k = rng.randint(1, 12)
    A = Fraction(LIMIT) - Fraction(k, 10 ** s)
    if rng.random() < 0.2:
        A = Fraction(LIMIT) - Fraction(5, 10 ** (p + 1))      # a tie
    neg = rng.random() < 0.5
    sc = scale_of(A)
    m = A.numerator * 10 ** sc // A.denominator
    text = amount_text(m, sc, neg, rng)
    return Invocation(table, p, mode, text, -A if neg else A, src, [src])


def fixed_invocations():
    """The issue's examples on the embedded table (no -r)."""
    emb = Table("USD", ["USD", "KGS", "KZT", "TJS", "UZS", "TMT"], {
        "USD": Fraction(1),
        "KGS": Fraction("0.01144"),
        "KZT": Fraction("0.00192"),
        "TJS": Fraction("0.10134"),
        "UZS": Fraction("0.00008"),
        "TMT": Fraction("0.28571"),
    }, None)
    out = []
    for amount, src, dst, p, want in [("1000000", "UZS", "KZT", None, "41666.67"),
                                      ("1", "USD", "UZS", None, "12500.00"),
                                      ("1000", "KGS", "KZT", 6, "5958.333333")]:
        inv = Invocation(emb, 2 if p is None else p, "half-up", amount,
                         Fraction(amount), src, [dst], pass_mode=False)
        assert inv.expect_lines == [want], (inv.expect_lines, want)
        inv.fixed_argv = ["-t"] + (["-p", str(p)] if p is not None else []) + \
            [amount, src, dst]
        out.append(inv)
    return out


# ---------------------------------------------------------------------------
# Running.

def run(binary, inv):
    if hasattr(inv, "fixed_argv"):
        argv = [binary] + inv.fixed_argv
    else:
        argv = inv.argv(binary)
    env = dict(os.environ)
    env.pop("SARRAF_RATES", None)
    env["LC_ALL"] = "C"
    try:
        cp = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, timeout=120)
        return argv, cp.returncode, cp.stdout.decode("utf-8", "replace"), \
            cp.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return argv, None, "", "(timed out)"


_tables_shown = set()


def show_table(inv):
    """Print a failing invocation's table once, since the file is temporary."""
    t = inv.table
    if t.path is None or t.path in _tables_shown:
        return
    _tables_shown.add(t.path)
    print("  table %s (deleted at exit):" % t.path)
    for line in t.text.rstrip("\n").split("\n"):
        print("    " + line)


def show_cmd(argv):
    def q(a):
        if a and all(c.isalnum() or c in "-_./+=:" for c in a):
            return a
        return "'" + a.replace("'", "'\\''") + "'"
    return " ".join(q(a) for a in argv)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--cases", type=int, default=DEFAULT_CASES,
                    help="conversions to check (default %d)" % DEFAULT_CASES)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help="random seed (default %d)" % DEFAULT_SEED)
    ap.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1))
    args = ap.parse_args()
    binary = os.path.abspath(args.binary) if os.sep in args.binary else args.binary
    print("exact: seed %d, %d cases (python3 %s %s --seed %d --cases %d to repeat)"
          % (args.seed, args.cases, sys.argv[0], args.binary, args.seed, args.cases))
    t0 = time.monotonic()

    rng = random.Random(args.seed)
    n_tables = max(3, min(24, args.cases // 250 + 1))
    tables = [make_table(rng) for _ in range(n_tables)]

    invs = fixed_invocations()
    n_boundary = max(2, min(24, args.cases // 250))
    invs += [gen_boundary_invocation(rng, tables) for _ in range(n_boundary)]
    def checks(inv):          # an out-of-range invocation is one check
        return 1 if inv.expect_oor else len(inv.answered)
    planned = sum(checks(i) for i in invs)
    while planned < args.cases:
        inv = gen_random_invocation(rng, tables, want_oor=rng.random() < 0.06)
        invs.append(inv)
        planned += checks(inv)

    passed = failed = reported = 0
    lines_checked = oor_invs = ties = exp_amounts = 0
    modes_hit, precs_hit = set(), set()
    with tempfile.TemporaryDirectory(prefix="sarraf-exact-") as tmp:
        for i, t in enumerate(tables):
            t.path = os.path.join(tmp, "table%02d.json" % i)
            with open(t.path, "w", encoding="utf-8") as f:
                f.write(t.text)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            results = list(ex.map(lambda inv: run(binary, inv), invs))

    for inv, (argv, rc, out, err) in zip(invs, results):
        modes_hit.add(inv.mode)
        precs_hit.add(inv.p)
        ties += inv.ties
        if "e" in inv.amount_t.lower():
            exp_amounts += 1
        if inv.expect_oor:
            oor_invs += 1
            ok = (rc == 1 and out == "" and err.startswith("sarraf: ")
                  and "out of range" in err and err.count("\n") <= 1)
            lines_checked += 1
            if ok:
                passed += 1
                continue
            failed += 1
            if reported < MAX_REPORTED:
                reported += 1
                print("MISMATCH: %s" % show_cmd(argv))
                show_table(inv)
                print("  expected: exit 1, no stdout, 'sarraf: ... out of range' on stderr")
                print("  actual:   exit %s, stdout %r, stderr %r" % (rc, out, err))
            continue
        got = out.split("\n")
        if got and got[-1] == "":
            got.pop()
        n = len(inv.answered)
        lines_checked += n
        if rc != 0 or len(got) != n or not out.endswith("\n"):
            failed += n
            if reported < MAX_REPORTED:
                reported += 1
                print("MISMATCH: %s" % show_cmd(argv))
                show_table(inv)
                print("  expected: exit 0,\n    " + "\n    ".join(inv.expect_lines))
                print("  actual:   exit %s, stderr %r,\n    %s"
                      % (rc, err, "\n    ".join(got)))
            continue
        shown = False
        for tgt, want, have in zip(inv.answered, inv.expect_lines, got):
            if want == have:
                passed += 1
                continue
            failed += 1
            if reported < MAX_REPORTED:
                reported += 1
                if not shown:
                    print("MISMATCH: %s" % show_cmd(argv))
                    show_table(inv)
                    shown = True
                x = inv.exact(tgt)
                print("  target %s: expected %s, actual %s (exact %s%s)"
                      % (tgt, want, have, x, ", a tie" if is_tie(x, inv.p) else ""))

    if failed > reported:
        print("(%d more mismatches not shown)" % (failed - reported))
    elapsed = time.monotonic() - t0
    print("exact: covered %d invocations over %d tables, %d target conversions, "
          "modes %d/7, precisions %d/19, %d exact ties, %d exponent-form amounts, "
          "%d with a multiplier, %d with a decimal comma, %d out-of-range invocations; %.1f s"
          % (len(invs), len(tables), sum(len(i.targets) for i in invs),
             len(modes_hit), len(precs_hit), ties, exp_amounts,
             sum(any(i.amount_t.endswith(w) for ws in MULTIPLIERS.values() for w in ws) for i in invs),
             sum("," in i.amount_t for i in invs), oor_invs, elapsed))
    print("exact: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
