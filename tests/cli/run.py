#!/usr/bin/env python3
"""End-to-end tests of the sarraf binary, driven by the cases in tests/cli/*.t.

A case is a block of lines ending at a blank line:

    ## what it checks                  a title (optional)
    env NAME=VALUE                     environment for the command (optional, repeatable)
    stdin: TEXT                        standard input, with \\n escapes (optional)
    $ ARGS                             sarraf's arguments, split as a shell would (no expansion)
    sh$ COMMAND                        or: a shell command, with $SARRAF the binary under test
    LINE                               expected stdout, line by line, exactly (none: stdout empty)
    2> FRAGMENT                        stderr contains FRAGMENT (none: stderr must be empty)
    => N                               the exit status

@FIX@ anywhere in a case stands for tests/fixtures. Usage: run.py SARRAF [FILE.t...]
"""
import os
import shlex
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
            cur = {"title": "", "env": {}, "stdin": None, "argv": None, "sh": None,
                   "out": [], "err": [], "status": None, "where": "%s:%d" % (os.path.basename(path), no)}
        if line.startswith("## "):
            cur["title"] = line[3:]
        elif line.startswith("env ") and cur["argv"] is None and cur["sh"] is None:
            k, _, v = line[4:].partition("=")
            cur["env"][k] = v.replace("@FIX@", FIX)
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


def run(binary, case, tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SARRAF_")}
    env.update({"SARRAF": binary, "LC_ALL": "C", "TMP": tmp, "XDG_CACHE_HOME": os.path.join(tmp, "cache")})
    env.update(case["env"])
    if case["sh"] is not None:
        cmd, shell = ["bash", "-c", case["sh"]], "sh$ " + case["sh"]
    else:
        cmd, shell = [binary] + case["argv"], "$ " + shlex.join(case["argv"])
    p = subprocess.run(cmd, input=case["stdin"] or b"", capture_output=True, env=env, timeout=60, cwd=tmp)
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
    return shell, problems


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py SARRAF [FILE.t...]")
    binary = os.path.abspath(sys.argv[1])
    files = sys.argv[2:] or sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".t"))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            for case in parse(path):
                shell, problems = run(binary, case, tmp)
                if problems:
                    failed += 1
                    print("FAIL %s %s\n  %s\n  %s" % (case["where"], case["title"], shell,
                                                   "\n  ".join(problems)))
                else:
                    passed += 1
    print("cli: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
