#!/usr/bin/env python3
"""Compile time against graph size: a chain of N 8x8 ops (mul by a
parameter, tanh, matmul by a parameter, repeated) summed into one cost,
compiled by sgc (loss and gradient, -O3, linked .so) with --mlir-timing.
Prints the wall seconds of the whole compile and of each stage per N, the
CPU seconds of the whole compile (user + system, the linker included: on a
shared machine wall time grows with the load, CPU time much less), and the
growth exponent k of time ~ N^k between the smallest and the largest N
(least squares on the logs). usage: compile_time.py SGC [N...] [--timeout S]"""
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

STAGES = ["1. graph passes", "2. lowering", "3. LLVM IR and -O", "4. object code",
          "5. link"]


def chain(n):
    lines = ["sg.graph @chain(%x: tensor<8x8xf32> {sg.input}, "
             "%w0: tensor<8x8xf32> {sg.param}, %w1: tensor<8x8xf32> {sg.param}) {"]
    h = "%x"
    for i in range(n):
        o = f"%h{i}"
        if i % 3 == 0:
            lines.append(f"  {o} = sg.mul {h}, %w0 : tensor<8x8xf32>")
        elif i % 3 == 1:
            lines.append(f"  {o} = sg.tanh {h} : tensor<8x8xf32>")
        else:
            lines.append(f"  {o} = sg.matmul {h}, %w1 : tensor<8x8xf32>, "
                         "tensor<8x8xf32>")
        h = o
    lines += [f"  %s = sg.sum {h} : tensor<8x8xf32>", "  sg.cost %s : tensor<f32>", "}"]
    return "\n".join(lines) + "\n"


def compile_once(sgc, n, folder, timeout, stages=True):
    src = os.path.join(folder, f"chain{n}.mlir")
    with open(src, "w") as f:
        f.write(chain(n))
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        # An sgc from before --mlir-timing existed gives only the total.
        r = subprocess.run([sgc, src, "-w"] + (["--mlir-timing"] if stages else []) +
                           ["-o", os.path.join(folder, f"chain{n}.so")],
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    total = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0 and stages and "--mlir-timing" in r.stderr:
        return compile_once(sgc, n, folder, timeout, stages=False)
    if r.returncode != 0:
        sys.exit(f"sgc failed on {n} ops:\n{r.stderr}")
    stages = {}
    for line in r.stderr.splitlines():
        m = re.match(r"\s*([0-9.]+) \(\s*[0-9.]+%\)(?:\s+[0-9.]+ \(\s*[0-9.]+%\))?\s+(.*\S)\s*$", line)
        if m and m.group(2) in STAGES and m.group(2) not in stages:
            stages[m.group(2)] = float(m.group(1))
    return total, cpu, stages


def exponent(points):
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def main():
    args = sys.argv[1:]
    timeout = 600
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = float(args[i + 1])
        del args[i:i + 2]
    sgc = args[0]
    sizes = [int(a) for a in args[1:]] or [100, 200, 400, 1000, 2000]
    short = ["graph", "lower", "llvm-O", "obj", "link"]
    print(f"{'ops':>5} {'total_s':>8} {'cpu_s':>7} " + " ".join(f"{s:>7}" for s in short))
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            got = compile_once(sgc, n, folder, timeout)
            if got is None:
                print(f"{n:>5} {'>' + str(int(timeout)):>8}  (stopped)")
                continue
            total, cpu, stages = got
            results.append((n, total, cpu, stages))
            print(f"{n:>5} {total:8.2f} {cpu:7.2f} " +
                  " ".join(f"{stages.get(s, float('nan')):7.2f}" for s in STAGES),
                  flush=True)
    if len(results) >= 2:
        print(f"growth exponent k (time ~ ops^k), {results[0][0]}..{results[-1][0]} ops:"
              f" total {exponent([(n, t) for n, t, _, _ in results]):.2f}, cpu"
              f" {exponent([(n, c) for n, _, c, _ in results]):.2f}; " +
              ", ".join(f"{name} {exponent([(n, st[s]) for n, _, _, st in results if st.get(s, 0) > 0]):.2f}"
                        for name, s in zip(short, STAGES)
                        if sum(1 for _, _, _, st in results if st.get(s, 0) > 0) >= 2))
        by = {n: (t, c) for n, t, c, _ in results}
        if 100 in by and 1000 in by:
            print(f"1000 ops: {by[1000][0]:.2f} s wall, {by[1000][1]:.2f} s CPU (target <= 10 s),"
                  f" {by[1000][0] / by[100][0]:.1f}x the 100-op chain in wall time,"
                  f" {by[1000][1] / by[100][1]:.1f}x in CPU time (target <= 12x)")


if __name__ == "__main__":
    main()
