#!/usr/bin/env python3
"""Feeds sg-opt every prefix of a valid file (at a fixed stride) and a few
byte-level corruptions of it. Each run must end with exit code 0 (the prefix
happens to be valid) or 1 (a diagnostic) and print a located error when it
fails: never a signal, never a silent failure.

usage: truncations.py SG_OPT INPUT TMPDIR
"""
import os
import random
import subprocess
import sys


def run(sg_opt, path):
    proc = subprocess.run([sg_opt, path], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=60)
    err = proc.stderr.decode(errors="replace")
    if proc.returncode < 0:
        return f"killed by signal {-proc.returncode}"
    if proc.returncode not in (0, 1):
        return f"exit code {proc.returncode}"
    if proc.returncode == 1 and f"{path}:" not in err:
        return "failed without a located diagnostic: " + err[:200]
    return None


def main():
    sg_opt, src, tmp = sys.argv[1:4]
    os.makedirs(tmp, exist_ok=True)
    data = open(src, "rb").read()
    rng = random.Random(20261123)  # fixed: the same cases every run
    cases = [data[:n] for n in range(0, len(data), 23)]
    for _ in range(40):
        corrupt = bytearray(data)
        for _ in range(3):
            corrupt[rng.randrange(len(corrupt))] = rng.randrange(256)
        cases.append(bytes(corrupt))
    failures = 0
    for i, case in enumerate(cases):
        path = os.path.join(tmp, f"case{i}.mlir")
        with open(path, "wb") as f:
            f.write(case)
        problem = run(sg_opt, path)
        if problem:
            failures += 1
            print(f"{path}: {problem}")
    print(f"{len(cases)} inputs, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
