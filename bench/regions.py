#!/usr/bin/env python3
"""Certified regions on ACAS Xu: today's greedy box, the activation-pattern
box and the region grown from it, compared by log-volume on a fixed set of
points inside the properties' input regions.

    python3 bench/regions.py [BUILD_DIR] [--per-pair K] [--seed S]
                             [--jobs J] [--flags "SGC VERIFY FLAGS"]

For each (network, property) pair below, K points (default 8) are drawn
uniformly from the property's input box with a fixed seed; each runs
`sgc verify --find-region --around x` (every reported box certified by
the bounds and branch and bound). A point where the property fails (a
counterexample: possible for the pairs where the property is violated
somewhere) has no region and is listed but not counted. Prints one line
per point and the median gains; the networks and properties are in
../shared/data/acasxu (see bench/acasxu.sh).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

# Properties 1-4 share the networks' inputs but differ in region and output
# condition; the pairs mix properties that hold on the whole region (unsat)
# with ones violated elsewhere in it (sat: N2,1 prop 2, N1,7 prop 3).
PAIRS = [("1_1", 1), ("2_2", 1), ("1_1", 2), ("2_1", 2),
         ("1_1", 3), ("2_2", 3), ("1_7", 3), ("1_1", 4)]


def input_box(path):
    """The X_i bounds of a VNN-LIB file with one input box."""
    lo, hi = {}, {}
    for m in re.finditer(r"\(assert \((<=|>=) X_(\d+) ([-0-9.eE+]+)\)\)",
                         open(path).read()):
        (hi if m.group(1) == "<=" else lo)[int(m.group(2))] = float(m.group(3))
    n = len(lo)
    return [lo[i] for i in range(n)], [hi[i] for i in range(n)]


def run_point(sgc, mlir, prop, x, flags):
    cmd = [sgc, "verify", mlir, "--property", prop, "--find-region",
           "--around", ",".join(repr(v) for v in x)] + flags
    start = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.time() - start
    if p.returncode != 0:
        return {"error": (p.stderr.strip().splitlines() or ["?"])[-1],
                "seconds": secs}
    out = p.stdout
    def grab(pattern):
        m = re.search(pattern, out)
        return float(m.group(1)) if m else None
    return {
        "region": grab(r"\n  log-volume (\S+) \(the property"),
        "pattern": grab(r"activation-pattern box \(.*\): log-volume (\S+)"),
        "greedy": grab(r"greedy box \(grown from the point\): log-volume (\S+)"),
        "seconds": secs,
    }


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(here, "build"))
    ap.add_argument("--per-pair", type=int, default=8)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--flags", default="")
    args = ap.parse_args()
    data = os.path.join(here, "..", "shared", "data", "acasxu")
    sgc = os.path.join(args.build, "bin", "sgc")
    out = os.path.join(args.build, "regions")
    os.makedirs(out, exist_ok=True)
    if not os.access(sgc, os.X_OK):
        sys.exit(f"regions.py: no {sgc} (build first)")

    rng = random.Random(args.seed)
    work = []
    for net, prop in PAIRS:
        nnet = os.path.join(data, f"ACASXU_run2a_{net}_batch_2000.nnet")
        mlir = os.path.join(out, f"N{net}.mlir")
        subprocess.run([sgc, "import-nnet", nnet, "-o", mlir], check=True)
        vnnlib = os.path.join(data, f"prop_{prop}.vnnlib")
        lo, hi = input_box(vnnlib)
        for k in range(args.per_pair):
            x = [a + rng.random() * (b - a) for a, b in zip(lo, hi)]
            work.append((f"N{net.replace('_', ',')}", prop, k, mlir, vnnlib, x))

    flags = args.flags.split()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(
            lambda w: run_point(sgc, w[3], w[4], w[5], flags), work))

    print(f"{'network':8} {'prop':>4} {'pt':>3} {'greedy':>10} {'pattern':>10}"
          f" {'region':>10} {'gain':>8} {'seconds':>8}")
    gains, over_pattern, skipped = [], [], 0
    for (net, prop, k, *_), r in zip(work, results):
        if "error" in r:
            skipped += 1
            print(f"{net:8} {prop:>4} {k:>3}   no region: {r['error']}")
            continue
        g, p, reg = r["greedy"], r["pattern"], r["region"]
        gain = reg - g
        gains.append(gain)
        if p is not None:
            over_pattern.append(reg - p)
        ps = f"{p:10.3f}" if p is not None else f"{'none':>10}"
        print(f"{net:8} {prop:>4} {k:>3} {g:10.3f} {ps} {reg:10.3f}"
              f" {gain:+8.3f} {r['seconds']:8.1f}")
    n = len(gains)
    print(f"\n{n} points with a region ({skipped} counterexample points "
          f"skipped), seed {args.seed}")
    if n:
        better = sum(1 for g in gains if g > 1e-3)
        worse = sum(1 for g in gains if g < -1e-3)
        print(f"region vs greedy box: median gain {statistics.median(gains):+.4f}"
              f" in log-volume (volume x{2.718281828459045 ** statistics.median(gains):.3f}),"
              f" mean {statistics.mean(gains):+.4f}; larger on {better},"
              f" smaller on {worse}, equal (within 1e-3) on {n - better - worse}")
    if over_pattern:
        print(f"region vs activation-pattern box: median gain "
              f"{statistics.median(over_pattern):+.3f} in log-volume")
        pat = [r["pattern"] - r["greedy"] for r in results
               if "error" not in r and r["pattern"] is not None]
        print(f"activation-pattern box vs greedy box: median "
              f"{statistics.median(pat):+.3f} in log-volume")


if __name__ == "__main__":
    main()
