#!/usr/bin/env python3
"""Checks that a training run's loss went down: the mean of the last N steps
of steps.csv (columns step, epoch, loss, ...) must be below the mean of the
first N by at least MARGIN.

usage: elbo-drop.py STEPS_CSV N MARGIN
Prints the two means; exits 1 if the drop is smaller than MARGIN.
"""
import csv
import sys


def main():
    path, n, margin = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    with open(path) as f:
        losses = [float(row["loss"]) for row in csv.DictReader(f)]
    if len(losses) < 2 * n:
        print(f"{path}: {len(losses)} steps, fewer than {2 * n}")
        return 1
    first = sum(losses[:n]) / n
    last = sum(losses[-n:]) / n
    print(f"{len(losses)} steps: first {n} {first:.2f}, last {n} {last:.2f} "
          f"nats/example, down {first - last:.2f} (at least {margin:g} "
          f"expected)")
    return 0 if first - last >= margin else 1


if __name__ == "__main__":
    sys.exit(main())
