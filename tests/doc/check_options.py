#!/usr/bin/env python3
"""The man page against the binary: data/sarraf.1 passes `mandoc -Tlint`, and every option that
`sarraf --help` shows is documented in the man page's OPTIONS, and every option the man page
names is one that --help shows. Usage: check_options.py SARRAF [MANPAGE]
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# An option: '-x' or '--name', not inside a word ("half-up", "currency-api") nor a number ("-5").
OPTION = re.compile(r"(?<![\w\-/.])(--?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)")

# mandoc's messages that depend on which manuals this machine has, not on the page.
ENVIRONMENTAL = ("referenced manual not found", "mandoc.db")


def options(text):
    return set(OPTION.findall(text))


def render(page, fmt="ascii"):
    out = subprocess.run(["mandoc", "-T" + fmt, page], capture_output=True, check=True).stdout
    return re.sub(r".\x08", "", out.decode("utf-8", "replace"))


FL = re.compile(r'<code class="Fl">(-[^<]+)</code>')


def man_options(page):
    """The page's options (its Fl macros), and those that head an entry of a tagged list."""
    html = render(page, "html")
    named = set(FL.findall(html)) - {"--"}
    headed = set()
    for dt in re.findall(r"<dt\b.*?</dt>", html, re.S):
        headed |= set(FL.findall(dt))
    return named, headed


def section(text, name):
    """The lines of a top-level section of the rendered page, up to the next one."""
    m = re.search(r"^%s\n(.*?)(?=^[A-Z][A-Z ]+\n|\Z)" % re.escape(name), text, re.M | re.S)
    return m.group(1) if m else ""


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: check_options.py SARRAF [MANPAGE]")
    binary = os.path.abspath(sys.argv[1])
    page = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data", "sarraf.1")
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL " + what)

    lint = subprocess.run(["mandoc", "-Tlint", page], capture_output=True, text=True)
    msgs = [l for l in (lint.stdout + lint.stderr).splitlines()
            if l.strip() and not any(e in l for e in ENVIRONMENTAL)]
    check(not msgs, "mandoc -Tlint %s:\n  %s" % (page, "\n  ".join(msgs)))

    env = {k: v for k, v in os.environ.items() if not k.startswith("SARRAF_")}
    env["LC_ALL"] = "C"
    h = subprocess.run([binary, "--help"], capture_output=True, text=True, env=env)
    check(h.returncode == 0 and h.stderr == "" and h.stdout.startswith("Usage: sarraf"),
          "sarraf --help: status %d, stderr %r" % (h.returncode, h.stderr))
    in_help = options(h.stdout)
    check(len(in_help) >= 8, "--help shows too few options: %s" % sorted(in_help))


    text = render(page)
    in_man, documented = man_options(page)
    for o in sorted(in_help):
        check(o in documented, "option %s of --help has no entry in the man page's OPTIONS" % o)
    # The man page's --no-NAME entry (and its --NAME) stands for the off form of each on/off
    # option, --no-X for an X that --help shows.
    off_forms = {"--NAME", "--no-NAME"} | {"--no-" + o[2:] for o in in_help if o.startswith("--")}
    check({"--NAME", "--no-NAME"} <= documented, "the man page has no --no-NAME entry")
    for o in sorted(in_man - in_help - off_forms):
        check(False, "the man page names %s, which --help does not show" % o)
    for name in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "RATE TABLES", "EXIT STATUS",
                 "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"):
        check(section(text, name).strip() != "", "the man page has no %s section" % name)
    see_also = section(text, "SEE ALSO")
    for ref in ("units(1)", "numfmt(1)"):
        check(ref in see_also, "SEE ALSO lacks %s" % ref)

    print("doc: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
