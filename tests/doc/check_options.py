#!/usr/bin/env python3
"""The man pages against the binary: data/sarraf.1 (mdoc) and each translation, data/sarraf.LANG.1
(man(7), whose section names are in its language), pass `mandoc -Tlint`, and every option that
`sarraf --help` shows is documented in the page's OPTIONS, and every option the page names is one
that --help shows. Usage: check_options.py SARRAF [MANPAGE...]
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# An option: '-x' or '--name', not inside a word ("half-up", "currency-api") nor a number ("-5"),
# nor the start of a longer word ("--no-ИМЯ" of a translation names no option "--no").
OPTION = re.compile(r"(?<![\w\-/.])(--?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w-])")

# mandoc's messages that depend on which manuals this machine has, not on the page.
ENVIRONMENTAL = ("referenced manual not found", "mandoc.db")


def options(text):
    return set(OPTION.findall(text))


def render(page, fmt="utf8"):
    out = subprocess.run(["mandoc", "-T" + fmt, page], capture_output=True, check=True).stdout
    return re.sub(r".\x08", "", out.decode("utf-8", "replace"))


FL = re.compile(r'<code class="Fl">(-[^<]+)</code>')


# The sections every page has, in the page's language (a translation's name: sarraf.LANG.1).
SECTIONS = {
    None: ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "RATE TABLES", "EXIT STATUS",
           "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"),
    "ru": ("ИМЯ", "ОБЗОР", "ОПИСАНИЕ", "ПАРАМЕТРЫ", "ТАБЛИЦЫ КУРСОВ", "КОД ВОЗВРАТА",
           "ОКРУЖЕНИЕ", "ФАЙЛЫ", "ПРИМЕРЫ", "СМОТРИТЕ ТАКЖЕ"),
}


def man_options(page):
    """The page's options, and those that head an entry of a tagged list: in mdoc its Fl macros,
    in man(7) (the translations) the options of its text and of its .TP tags."""
    html = render(page, "html")
    if '<code class="Fl">' in html:
        named = set(FL.findall(html)) - {"--"}
        headed = set()
        for dt in re.findall(r"<dt\b.*?</dt>", html, re.S):
            headed |= set(FL.findall(dt))
        return named, headed
    strip = lambda h: re.sub(r"<[^>]+>", "", h).replace("&#x2010;", "-").replace("&#x2212;", "-")
    named = set()  # options are set in bold
    for b in re.findall(r"<b>(.*?)</b>", html, re.S):
        named |= options(strip(b))
    named -= {"--"}
    headed = set()
    for dt in re.findall(r"<dt\b.*?</dt>", html, re.S):
        headed |= options(strip(dt))
    return named, headed


def section(text, name):
    """The lines of a top-level section of the rendered page, up to the next one."""
    m = re.search(r"^%s\n(.*?)(?=^[A-ZА-ЯЁ][A-ZА-ЯЁ ]+\n|\Z)" % re.escape(name), text, re.M | re.S)
    return m.group(1) if m else ""


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: check_options.py SARRAF [MANPAGE]")
    binary = os.path.abspath(sys.argv[1])
    pages = sys.argv[2:] or [os.path.join(ROOT, "data", "sarraf.1")]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL " + what)

    env = {k: v for k, v in os.environ.items() if not k.startswith("SARRAF_")}
    env["LC_ALL"] = "C"
    h = subprocess.run([binary, "--help"], capture_output=True, text=True, env=env)
    check(h.returncode == 0 and h.stderr == "" and h.stdout.startswith("Usage: sarraf"),
          "sarraf --help: status %d, stderr %r" % (h.returncode, h.stderr))
    in_help = options(h.stdout)
    check(len(in_help) >= 8, "--help shows too few options: %s" % sorted(in_help))

    for page in pages:
        lint = subprocess.run(["mandoc", "-Tlint", page], capture_output=True, text=True)
        msgs = [l for l in (lint.stdout + lint.stderr).splitlines()
                if l.strip() and not any(e in l for e in ENVIRONMENTAL)]
        check(not msgs, "mandoc -Tlint %s:\n  %s" % (page, "\n  ".join(msgs)))

        m = re.search(r"\.([a-z][a-z])\.1$", page)
        names = SECTIONS[m.group(1) if m else None]
        text = render(page)
        in_man, documented = man_options(page)
        for o in sorted(in_help):
            check(o in documented, "%s: option %s of --help has no entry in %s" % (page, o, names[3]))
        # --NAME and --no-NAME stand for every on/off option, --no-X turns off an X of --help.
        negated = {"--no-" + o[2:] for o in in_help if o.startswith("--")} | {"--NAME", "--no-NAME"}
        for o in sorted(in_man - in_help - negated):
            check(False, "%s names %s, which --help does not show" % (page, o))
        for name in names:
            check(section(text, name).strip() != "", "%s has no %s section" % (page, name))
        see_also = section(text, names[-1])
        for ref in ("units(1)", "numfmt(1)"):
            check(ref in see_also, "%s: %s lacks %s" % (page, names[-1], ref))
        # What an installed manual names is the installed file, never one of the source tree.
        for src in re.findall(r"\b(?:src|data)/[\w./-]+", text):
            check(False, "%s points at a file of the source tree: %s" % (page, src))

    print("doc: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
