#!/usr/bin/env python3
"""Interrupts a training run once it has finished `epochs` epochs and checks
that it stops cleanly: the conventional exit status of the signal, and the
results written so far on disk.

usage: interrupt.py SIGNAL EPOCHS OUTDIR -- COMMAND [ARGS...]
Prints the command's output, then the exit status, so FileCheck can read
them. The command is stopped as soon as OUTDIR/loss.csv has a row for epoch
EPOCHS (the app replaces it after every epoch), whatever the machine's speed.
"""
import os
import signal
import subprocess
import sys
import time


def main():
    sep = sys.argv.index("--")
    sig = getattr(signal, sys.argv[1])
    epochs, out = int(sys.argv[2]), sys.argv[3]
    proc = subprocess.Popen(sys.argv[sep + 1:], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    loss = os.path.join(out, "loss.csv")
    # A generous bound that only a hung app reaches, not a slow machine.
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with open(loss) as f:
                rows = f.read().splitlines()
            if len(rows) >= epochs + 2:  # header, epoch 0, ..., epoch EPOCHS
                break
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    proc.send_signal(sig)
    output, _ = proc.communicate()
    sys.stdout.write(output.decode(errors="replace"))
    print(f"exit status {proc.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
