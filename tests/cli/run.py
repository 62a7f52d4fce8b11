#!/usr/bin/env python3
"""End-to-end tests of the sarraf binary, driven by the cases in tests/cli/*.t.

A case is a block of lines ending at a blank line:

    ## what it checks                  a title (optional)
    env NAME=VALUE                     environment for the command (optional, repeatable)
    need COMMAND (WHY)                 a program the case needs: without it on PATH the case is
                                       skipped, and the run says so and why (optional)
    stdin: TEXT                        standard input, with \\n escapes (optional)
    $ ARGS                             sarraf's arguments, split as a shell would (no expansion)
    sh$ COMMAND                        or: a shell command, with $SARRAF the binary under test
    LINE                               expected stdout, line by line, exactly (none: stdout empty)
    2> FRAGMENT                        stderr contains FRAGMENT (none: stderr must be empty)
    => N                               the exit status

@FIX@ anywhere in a case stands for tests/fixtures.

Usage: run.py [-j N] [-k PATTERN] SARRAF [FILE.t | NAME ...]

    run.py ./sarraf                       every tests/cli/*.t
    run.py ./sarraf convert               tests/cli/convert.t alone (or its path)
    run.py -k 'half-even' ./sarraf        the cases whose file:line, title or command
                                          contains PATTERN (case-insensitive)

Cases run in a pool of N threads (default: the number of CPUs), each in a
directory of its own: its working directory (also $TMP), $XDG_CACHE_HOME and
$HOME are fresh and empty, so no case sees another's files. Failures and the
summary print in file order.

SARRAF_WRAP, when set, is a command that runs the binary, such as
"valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect". Every
case then runs sarraf through it, in `$ ARGS` cases and as $SARRAF in `sh$`
pipelines alike (a small script in the case's directory). The wrapper's own
report goes to a log file per process (valgrind's --log-file), not to stderr,
so the cases' stderr expectations still hold; a log that does not say
"ERROR SUMMARY: 0 errors" fails the case.
"""
import argparse
import concurrent.futures
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(os.path.dirname(HERE), "fixtures")


def parse(path):
    cases, cur = [], None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, line in enumerate(lines, 1):
        if line.strip() == "":
            if cur:
                cases.append(cur)
            cur = None
            continue
        if line.startswith("#") and not line.startswith("##"):
            continue
        if cur is None:
            cur = {"title": "", "env": {}, "need": None, "stdin": None, "argv": None, "sh": None,
                   "out": [], "err": [], "status": None, "where": "%s:%d" % (os.path.basename(path), no)}
        if line.startswith("## "):
            cur["title"] = line[3:]
        elif line.startswith("env ") and cur["argv"] is None and cur["sh"] is None:
            k, _, v = line[4:].partition("=")
            cur["env"][k] = v.replace("@FIX@", FIX)
        elif line.startswith("need ") and cur["argv"] is None and cur["sh"] is None:
            cur["need"] = line[5:]
        elif line.startswith("stdin: "):
            cur["stdin"] = line[7:].encode().decode("unicode_escape").encode("latin-1")
        elif line.startswith("$ ") or line == "$":
            cur["argv"] = [a.replace("@FIX@", FIX) for a in shlex.split(line[2:])]
        elif line.startswith("sh$ "):
            cur["sh"] = line[4:].replace("@FIX@", FIX)
        elif line.startswith("2> "):
            cur["err"].append(line[3:].replace("@FIX@", FIX))
        elif line.startswith("=> "):
            cur["status"] = int(line[3:])
        else:
            cur["out"].append(line.replace("@FIX@", FIX))
    if cur:
        cases.append(cur)
    for c in cases:
        if c["status"] is None or (c["argv"] is None and c["sh"] is None):
            sys.exit("%s: a case needs '$ ARGS' or 'sh$ COMMAND' and '=> STATUS'" % c["where"])
    return cases


def wrap(binary, wdir):
    """A script that runs binary under $SARRAF_WRAP, logging to wdir/logs/PID."""
    logs = os.path.join(wdir, "logs")
    os.makedirs(logs)
    script = os.path.join(wdir, "sarraf-wrapped")
    with open(script, "w") as f:
        f.write("#!/bin/sh\nexec %s --log-file=%s %s \"$@\"\n" % (
            os.environ["SARRAF_WRAP"], shlex.quote(os.path.join(logs, "%p")), shlex.quote(binary)))
    os.chmod(script, 0o755)
    return script, logs


def wrap_problems(logs):
    problems = []
    for log in sorted(glob.glob(os.path.join(logs, "*"))):
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "ERROR SUMMARY: 0 errors" not in text:
            problems.append("%s reports:\n    %s" % (os.environ["SARRAF_WRAP"].split()[0],
                                                   "\n    ".join(text.strip().split("\n")[-40:])))
    return problems


def run(binary, case, top):
    """Runs one case in a directory of its own under top: work/ (the working directory and
    $TMP), cache/ ($XDG_CACHE_HOME), home/ ($HOME) and wrap/ (the wrapper and its logs)."""
    root = tempfile.mkdtemp(dir=top)
    try:
        work, cache, home = (os.path.join(root, d) for d in ("work", "cache", "home"))
        os.mkdir(work)
        os.mkdir(home)
        logs = None
        if os.environ.get("SARRAF_WRAP"):
            wdir = os.path.join(root, "wrap")
            os.mkdir(wdir)
            binary, logs = wrap(binary, wdir)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SARRAF_")}
        env.update({"SARRAF": binary, "LC_ALL": "C", "TMP": work, "XDG_CACHE_HOME": cache,
                    "HOME": home})
        env.update(case["env"])
        return check(binary, case, env, work, logs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def check(binary, case, env, cwd, logs):
    if case["sh"] is not None:
        cmd, shell = ["bash", "-c", case["sh"]], "sh$ " + case["sh"]
    else:
        cmd, shell = [binary] + case["argv"], "$ " + shlex.join(case["argv"])
    try:
        p = subprocess.run(cmd, input=case["stdin"] or b"", capture_output=True, env=env,
                           timeout=300 if logs else 60, cwd=cwd)
    except subprocess.TimeoutExpired as e:
        return shell, ["timed out after %d s" % e.timeout]
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    problems = []
    want = "".join(l + "\n" for l in case["out"])
    if out != want:
        problems.append("stdout:\n  want %r\n  got  %r" % (want, out))
    if case["err"]:
        for frag in case["err"]:
            if frag not in err:
                problems.append("stderr lacks %r:\n  got %r" % (frag, err))
    elif err:
        problems.append("stderr should be empty, got %r" % err)
    if p.returncode != case["status"]:
        problems.append("exit status: want %d, got %d" % (case["status"], p.returncode))
    if logs:
        problems += wrap_problems(logs)
    return shell, problems


def case_file(arg):
    """A .t file by path, or by name: convert, convert.t."""
    if os.path.exists(arg):
        return arg
    name = arg if arg.endswith(".t") else arg + ".t"
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        return path
    sys.exit("run.py: no such case file: %s" % arg)


def main():
    ap = argparse.ArgumentParser(usage="run.py [-j N] [-k PATTERN] SARRAF [FILE.t | NAME ...]")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="cases run at once (default: the number of CPUs)")
    ap.add_argument("-k", dest="pattern", default="",
                    help="only the cases whose file:line, title or command contains PATTERN")
    ap.add_argument("sarraf")
    ap.add_argument("files", nargs="*", metavar="FILE")
    a = ap.parse_args()
    binary = os.path.abspath(a.sarraf)
    files = [case_file(f) for f in a.files] or \
        sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".t"))
    cases = [c for path in files for c in parse(path)]
    if a.pattern:
        k = a.pattern.lower()
        cases = [c for c in cases if k in " ".join((c["where"], c["title"], c["sh"] or "",
                                                    shlex.join(c["argv"] or []))).lower()]
    name = "cli"
    if os.environ.get("SARRAF_WRAP"):
        name = "cli (under %s)" % os.environ["SARRAF_WRAP"].split()[0]
    passed = failed = 0
    skipped = [c for c in cases if c["need"] and not shutil.which(c["need"].split()[0])]
    for c in skipped:
        print("SKIP %s %s: needs %s, which is not installed" % (c["where"], c["title"], c["need"]))
    cases = [c for c in cases if c not in skipped]
    with tempfile.TemporaryDirectory(prefix="sarraf-cli-") as top, \
            concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        for case, (shell, problems) in zip(cases, pool.map(lambda c: run(binary, c, top), cases)):
            if problems:
                failed += 1
                print("FAIL %s %s\n  %s\n  %s" % (case["where"], case["title"], shell,
                                               "\n  ".join(problems)), flush=True)
            else:
                passed += 1
    if not cases and not skipped:
        print("%s: no case matches" % name)
    if skipped:
        print("%s: %d skipped (a program they need is not installed)" % (name, len(skipped)))
    print("%s: %d passed, %d failed" % (name, passed, failed))
    sys.exit(1 if failed or not (cases or skipped) else 0)


if __name__ == "__main__":
    main()
