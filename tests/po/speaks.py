#!/usr/bin/env python3
"""sarraf speaks each language end to end, from wherever it is (the build tree, an installed
prefix, the unpacked .deb). Usage: speaks.py SARRAF MO_DIR LANG...

MO_DIR is where the binary's catalogues are (LANG/LC_MESSAGES/sarraf.mo): what the binary says
is compared with what its catalogue says, read here with Python's gettext. The binary finds them
itself; set SARRAF_LOCALEDIR before running this when it cannot (a staged /usr tree).

For each language, with LANGUAGE=xx and LC_ALL=C.UTF-8 (C.UTF-8 is built into glibc: no
generated locale is needed), then with LANG=xx_YY.UTF-8 alone:
  - an error, a note, --help, list and --explain in that language, and no English word of the
    messages in them outside codes, option names and their values, commands and URLs;
  - the columns of list, of the table block, of --explain and of --help where they start, by
    display width (a Cyrillic letter is two bytes and one column);
  - numbers, -t, --output and a stream the same bytes as in English.
LANG=xx_YY.UTF-8 needs that locale: it is used when `locale -a` has it, else built with
localedef into a LOCPATH (no root needed), else the LANG checks are skipped, saying so. That
LOCPATH is $SPEAKS_LOCPATH when set (make passes build/locales: built once, about 1.7 s a
locale, and kept for the next run), else a temporary folder removed at the end.
"""
import datetime
import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

REGION = {"ru": "ru_RU", "uz": "uz_UZ", "kk": "kk_KZ"}
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(ROOT, "tests", "fixtures")

# Words that stay as they are in every language: codes, option values, commands, units, names.
KEPT = set("""sarraf list rate fetch history official to json csv tsv text ledger beancount half up
even down ceiling floor abort fail warn ignore true false yes no rates max age timeout precision
round offline s m h d json lines nul url http https xml doctype dtd entity tls libcurl libxml cjson
yyyy mm dd floatrates stdin ccy nominal date base quote amount exact quotes code source kib mib
nbk nbkr nbt cbu operand""".split())
# Words that a language writes as English does.
SAME = {"uz": {"bank", "dollar", "tenge", "operand", "server", "status", "format"}}
# The placeholders of the usage and the help: English words even in capitals (codes are not).
METAVARS = set("""FILE SOURCE DATE AMOUNT CODE FROM TO BANK MODE FORMAT LIST SECONDS AGE NAME TEXT
KEY VALUE OPTIONS USAGE""".split())

passed = failed = 0


def ok(good, what):
    global passed, failed
    if good:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)


def width(s):
    """Columns of s on a terminal: none for a combining mark, two for a wide character."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in s)


def col(line, sub):
    """The display column where sub starts in line, or -1."""
    i = line.find(sub)
    return width(line[:i]) if i >= 0 else -1


def cformat(fmt, args):
    """printf's formatting of the conversions the messages use, positional (%2$s) or not."""
    n = iter(range(len(args)))

    def one(m):
        if m.group(0) == "%%":
            return "%"
        v = args[int(m.group(1)) - 1] if m.group(1) else args[next(n)]
        return ("%" + (m.group(2) or "") + {"s": "s", "f": "f"}.get(m.group(3), "d")) % v
    return re.sub(r"%%|%(?:(\d+)\$)?([-+0 #]*\d*(?:\.\d+)?)(?:hh|h|ll|l|z|j|t)?([sduif])", one, fmt)


def run(binary, args, env, stdin=b""):
    p = subprocess.run([binary] + args, input=stdin, capture_output=True, env=env, cwd="/")
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def english_words(msgids):
    words = set()
    for m in msgids:
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", m)}
    return words - KEPT


def strays(text, english, lang):
    """English words of the messages left in text, outside quotes, options, codes, file names and
    URLs (a word with an apostrophe, so'm, is one word)."""
    found = set()
    for line in text.splitlines():
        t = re.sub(r"([A-Za-z\u02bb\u02bc])'([A-Za-z])", "\\1\\2", line)
        t = re.sub(r"'[^']*'|\"[^\"]*\"|https?://\S+|\S*/\S*|\S+\.(csv|json|txt)\b|--?[a-z][a-z0-9-]*|"
                   r"\$[A-Z_]+|\{[A-Z]+\}", " ", t)
        t = re.sub(r"\([^()]*(ticker|undated)[^()]*\)|The Times of Central Asia.*", " ", t)
        for w in re.findall(r"(?<![0-9])[A-Za-z\u02bb\u02bc]+", t):
            if (w.lower() in english and w.lower() not in SAME.get(lang, ()) and len(w) > 1
                    and (not re.fullmatch(r"[A-Z]{2,}", w) or w in METAVARS)):
                found.add(w)
    return found


def check_language(binary, modir, lang, env, english, label):
    t = gettext.translation("sarraf", modir, languages=[lang])
    _ = t.gettext
    tag = "%s (%s)" % (lang, label)

    # An error: unknown currency, exit status 1, the catalogue's words.
    rc, out, err = run(binary, ["1", "XYZ", "KZT"], env)
    want = cformat(_("unknown currency '%s' (not in the rate table; 'sarraf list' shows it)"), ["XYZ"])
    ok(rc == 1 and err == "sarraf: " + want + "\n", "%s: the error: got %r" % (tag, err))
    ok(not strays(err, english, lang), "%s: English in the error: %s" % (tag, strays(err, english, lang)))

    # A note under a human answer, and the answer's numbers as in English.
    rc, out, err = run(binary, ["1000000", "UZS", "KZT"], env)
    ok(rc == 0 and out == "1\u202f000\u202f000 UZS \u2248 41\u202f666.67 KZT\n",
       "%s: the human answer: got %r" % (tag, out))
    note = _("note: the rates of 'embedded' are undated (%s); %s").split("%s")[0]
    ok(note in err and note != "note: the rates of 'embedded' are undated (",
       "%s: the note: want %r in %r" % (tag, note, err))
    ok(not strays(err, english, lang), "%s: English in the notes: %s" % (tag, strays(err, english, lang)))

    # A plural: the days a dated table is older than today, in the form the catalogue gives.
    path = os.path.join(FIX, "tables", "exact.json")
    rc, out, err = run(binary, ["-r", path, "1", "USD", "KZT"], env)
    wants = []
    # sarraf's today is Bishkek's (UTC+6); around midnight there, either side of it
    bishkek = datetime.timezone(datetime.timedelta(hours=6))
    for today in (datetime.datetime.now(bishkek).date(), datetime.datetime.now(datetime.timezone.utc).date()):
        days = (today - datetime.date(2026, 4, 1)).days
        form = t.ngettext("note: the rates of '%s' are of %.10s, %ld day before %s; %s",
                          "note: the rates of '%s' are of %.10s, %ld days before %s; %s", days)
        wants.append("sarraf: " + cformat(form, [path, "2026-04-01", days, today.isoformat(),
                                                 _("current rates: -r official, or -r URL and 'sarraf fetch'")]))
    ok(days <= 7 or err in [w + "\n" for w in wants], "%s: the note of an old table: want %r, got %r"
       % (tag, wants[0], err))

    # A stream's message, whole (a line's message has room for 160 bytes).
    rc, out, err = run(binary, ["--from", "KZT", "--to", "USD"], env, b"1 500 000 000\n")
    want = cformat(_("'%s' looks like a grouped number: write it without blanks, or use --grouped"),
                   ["1 500 000 000"])
    ok(err == "sarraf: stdin:1: %s\n" % want, "%s: the grouped number's message: want %r, got %r"
       % (tag, want, err))

    # --help: the catalogue's text, its option descriptions at column 25, the usage lines'
    # "sarraf" one under the other.
    rc, out, err = run(binary, ["--help"], env)
    helptext = _(HELP_MSGID)
    ok(rc == 0 and out == helptext and helptext != HELP_MSGID, "%s: --help is not the catalogue's" % tag)
    ok(not strays(out, english, lang), "%s: English in --help: %s" % (tag, strays(out, english, lang)))
    lines = out.splitlines()
    usage = [l for l in lines[:8] if "sarraf [" in l]
    ok(len(usage) >= 6 and len({col(l, "sarraf [") for l in usage}) == 1,
       "%s: the usage lines do not align: %s" % (tag, usage))
    for l in lines:
        m = re.match(r"^  (-[A-Za-z], )?(    )?--?[A-Za-z][^ ]*( [^ ]+)?( +)(\S.*)$", l)
        if m and l.startswith(("  -", "      --")) and len(m.group(4)) >= 2:
            ok(col(l, m.group(5)) == 25, "%s: --help: description not at column 25: %r" % (tag, l))
        elif l.startswith(" " * 20) and not l.strip().startswith(("sarraf", "--since")):
            ok(width(l) - width(l.lstrip()) == 25, "%s: --help: continuation not at column 25: %r"
               % (tag, l))
    ok(all(width(l) <= 80 for l in lines), "%s: --help has lines over 80 columns" % tag)

    # list: the table block's values in one column, the four columns by display width.
    for table in (None, os.path.join(FIX, "tables", "official.json")):
        args = (["-r", table] if table else []) + ["list"]
        rc, out, err = run(binary, args, env)
        ok(rc == 0, "%s: list %s: status %d" % (tag, args, rc))
        ok(not strays(out, english, lang), "%s: English in list: %s" % (tag, strays(out, english, lang)))
        block, rest = out.split("\n\n", 1)
        starts = set()
        for l in block.splitlines():
            m = re.match(r"^(\S.*?:)( +)(\S.*)$", l)
            starts.add(width(m.group(1) + m.group(2)) if m else -1)
        ok(len(starts) == 1 and -1 not in starts, "%s: list's table block does not align:\n%s" % (tag, block))
        rows = rest.split("\n\n")[0].splitlines()
        names = {c["code"]: _(c["name"]) for c in CURRENCIES}
        head = rows[0]
        want = {"name": col(head, _("NAME")), "quote": col(head, _("QUOTE")),
                "prec": col(head, _("PRECISION OF THE QUOTE"))}
        ok(head.startswith(_("CODE")) and min(want.values()) > 0, "%s: list's heading: %r" % (tag, head))
        for r in rows[1:]:
            code = r[:3]
            q = re.search(r"[A-Z]{3}/[A-Z]{3} \S+|" + re.escape(_("(base)")), r)
            ok(col(r, names[code]) == want["name"], "%s: list: the name of %s not under its heading:\n%s\n%s"
               % (tag, code, head, r))
            ok(q is not None and width(r[:q.start()]) == want["quote"],
               "%s: list: the quote of %s not under its heading:\n%s\n%s" % (tag, code, head, r))
            if q is not None:
                tail = r[q.end():]
                ok(width(r[:q.end()]) + width(tail) - width(tail.lstrip()) == want["prec"],
                   "%s: list: the precision of %s not under its heading:\n%s\n%s" % (tag, code, head, r))
        for name in ("National Bank of Kazakhstan", "Central Bank of Uzbekistan"):
            if table:
                ok(_(name) in rest and _(name) != name, "%s: list: %s not in %s" % (tag, name, lang))

    # --explain: the labels' column, the values after it.
    rc, out, err = run(binary, ["--explain", "-r", os.path.join(FIX, "tables", "official.json"),
                                "1000000", "UZS", "KZT", "TMT"], env)
    ex = [l for l in out.splitlines() if l.startswith("  ")]
    starts = set()
    for l in ex:
        if l.startswith("   "):  # the rounding, under the values
            starts.add(width(l) - width(l.lstrip()))
        else:
            m = re.match(r"^  (-> \S+|\S+)( +)\S", l)
            starts.add(width("  " + m.group(1) + m.group(2)) if m else -1)
    ok(rc == 0 and len(ex) >= 7 and len(starts) == 1, "%s: --explain does not align:\n%s" % (tag, out))
    ok(not strays(out, english, lang), "%s: English in --explain: %s" % (tag, strays(out, english, lang)))


HELP_MSGID = None
CURRENCIES = []


def main():
    global HELP_MSGID, CURRENCIES
    if len(sys.argv) < 4:
        sys.exit("usage: speaks.py SARRAF MO_DIR LANG...")
    binary, modir, langs = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
    base = {k: v for k, v in os.environ.items() if k not in ("SARRAF_RATES",)}
    tmp = tempfile.mkdtemp()
    base.update(XDG_CACHE_HOME=os.path.join(tmp, "cache"), XDG_CONFIG_HOME=os.path.join(tmp, "config"))
    try:
        english_env = dict(base, LC_ALL="C.UTF-8")
        english_env.pop("LANGUAGE", None)
        msgids = messages()
        english = english_words(msgids)
        HELP_MSGID = run(binary, ["--help"], dict(base, LC_ALL="C"))[1]
        CURRENCIES = [{"code": c, "name": n} for c, n in
                      (l.split(",")[:2] for l in run(binary, ["--output", "csv", "list"], english_env)[1]
                       .splitlines()[1:])]
        CURRENCIES += [{"code": c, "name": n} for c, n in
                       (l.split(",")[:2] for l in run(binary, ["-r", os.path.join(FIX, "tables", "official.json"),
                                                               "--output", "csv", "list"], english_env)[1]
                        .splitlines()[1:])]
        scripts = [["-t", "1000000", "UZS", "KZT"], ["--output", "json", "1000000", "UZS", "KZT"],
                   ["--output", "csv", "list"], ["-r", os.path.join(FIX, "tables", "official.json"),
                                                  "--output", "tsv", "rate", "USD", "KZT"],
                   ["--from", "KZT", "--to", "USD,UZS"], ["-t", "-p", "4", "250", "KGS", "USD", "KZT"]]
        stdin = b"1000\n2500.50 x\n"
        expected = [run(binary, a, english_env, stdin) for a in scripts]
        for lang in langs:
            runs = [("LANGUAGE=%s LC_ALL=C.UTF-8" % lang, {"LANGUAGE": lang, "LC_ALL": "C.UTF-8"})]
            loc = locale_for(REGION[lang], tmp)
            if loc is None:
                print("skipped: LANG=%s.UTF-8 (no such locale, and localedef could not build it)"
                      % REGION[lang])
            else:
                runs.append(("LANG=" + loc[0], dict(loc[1], LANG=loc[0])))
            for label, settings in runs:
                env = {k: v for k, v in base.items()
                       if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
                env.update(settings)
                check_language(binary, modir, lang, env, english, label)
                for args, want in zip(scripts, expected):
                    got = run(binary, args, env, stdin)
                    ok(got[:2] == want[:2], "%s (%s): %s changed with the language:\n  %r\n  %r"
                       % (lang, label, " ".join(args), want[1], got[1]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("speaks: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


def messages():
    """The English of the template (data/po/sarraf.pot)."""
    text = open(os.path.join(ROOT, "data", "po", "sarraf.pot"), encoding="utf-8").read()
    out = []
    for m in re.finditer(r'^msgid(?:_plural)? ((?:".*"\n)+)', text, re.M):
        out.append("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
    return out


def locale_for(region, tmp):
    """(LANG value, extra environment) for region.UTF-8, or None."""
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    for name in (region + ".utf8", region + ".UTF-8"):
        if name in have:
            return (region + ".UTF-8", {})
    path = os.environ.get("SPEAKS_LOCPATH") or os.path.join(tmp, "locales")
    want = os.path.join(path, region + ".UTF-8")
    if not os.path.isdir(want):
        if shutil.which("localedef") is None:
            return None
        os.makedirs(path, exist_ok=True)
        # Built aside and renamed into place: two runs at once (po-test and install-test) each
        # build their own, and the first rename wins.
        part = tempfile.mkdtemp(dir=path, prefix=".part-")
        subprocess.run(["localedef", "-i", region, "-f", "UTF-8", os.path.join(part, "l")],
                       capture_output=True)
        try:
            os.rename(os.path.join(part, "l"), want)
        except OSError:
            pass
        shutil.rmtree(part, ignore_errors=True)
    if not os.path.isdir(want):
        return None
    return (region + ".UTF-8", {"LOCPATH": path})


if __name__ == "__main__":
    main()
