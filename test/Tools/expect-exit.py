#!/usr/bin/env python3
"""Runs a command and checks how it ended: a diagnostic and a normal exit
with the expected code, never a signal (a crash or a failed assertion).

usage: expect-exit.py CODE -- COMMAND [ARGS...]
The command's stdout and stderr are passed through so FileCheck can read them.
"""
import subprocess
import sys


def main():
    sep = sys.argv.index("--")
    expected = int(sys.argv[1])
    proc = subprocess.run(sys.argv[sep + 1:], stdout=None,
                          stderr=subprocess.PIPE, timeout=60)
    sys.stderr.buffer.write(proc.stderr)
    if proc.returncode < 0:
        print(f"expect-exit: killed by signal {-proc.returncode}",
              file=sys.stderr)
        return 1
    if proc.returncode != expected:
        print(f"expect-exit: exit code {proc.returncode}, expected {expected}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
