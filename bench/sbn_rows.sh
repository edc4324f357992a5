#!/usr/bin/env bash
# Per-row against scalar score terms in training: the sigmoid belief network
# of examples/sbn trained twice by sbn-train for the same steps, with the
# same seeds, data order and initialization, once from the library built
# with sgc's default --score-rows=per-row and once compiled with
# --score-rows=scalar (both with per-row/scalar moving-average baselines).
# Writes both curves to one CSV and one PNG and prints the final figures.
#
# usage: bash bench/sbn_rows.sh [BUILD_DIR] [STEPS]   (default build, 3000;
# about 2.5 minutes)
set -euo pipefail

build=${1:-build}
steps=${2:-3000}
train="$build/examples/sbn/sbn-train"
out="$build/bench/sbn-rows"
if [[ ! -x "$train" ]]; then
  echo "sbn_rows.sh: $train not found (ninja -C $build sbn-train)" >&2
  exit 1
fi
mkdir -p "$out"

for scheme in per-row scalar; do
  echo "== $scheme score terms, $steps steps"
  "$train" --steps "$steps" --epochs 1000000 --score-rows "$scheme" \
    --seed 1 --print-every 500 --out "$out/$scheme"
done

# One CSV with both curves (per step: the batch's negative ELBO and the mean
# of the last 100 batches), the plot, and the summary.
python3 - "$out" <<'PY'
import csv
import os
import sys

out = sys.argv[1]
schemes = ["per-row", "scalar"]
steps, tests = {}, {}
for s in schemes:
    with open(os.path.join(out, s, "steps.csv")) as f:
        steps[s] = list(csv.DictReader(f))
    with open(os.path.join(out, s, "loss.csv")) as f:
        tests[s] = list(csv.DictReader(f))
n = min(len(steps[s]) for s in schemes)
with open(os.path.join(out, "curves.csv"), "w") as f:
    f.write("step,per_row,per_row_mean100,scalar,scalar_mean100\n")
    for i in range(n):
        a, b = steps["per-row"][i], steps["scalar"][i]
        f.write(f"{a['step']},{a['loss']},{a['mean100']},"
                f"{b['loss']},{b['mean100']}\n")
with open(os.path.join(out, "test.csv"), "w") as f:
    f.write("step,per_row_test,scalar_test\n")
    for a, b in zip(tests["per-row"], tests["scalar"]):
        f.write(f"{a['step']},{a['test_loss']},{b['test_loss']}\n")

print()
print(f"{'score terms':<12} {'steps':>6} {'last 100 steps':>15} "
      f"{'test (final)':>13} {'best test':>10} {'seconds':>8}")
for s in schemes:
    last = [float(r["loss"]) for r in steps[s][n - 100:n]]
    test = [float(r["test_loss"]) for r in tests[s][1:]]
    seconds = float(tests[s][-1]["seconds"])
    print(f"{s:<12} {n:>6} {sum(last) / len(last):>15.2f} {test[-1]:>13.2f} "
          f"{min(test):>10.2f} {seconds:>8.1f}")
print("(negative ELBO per example in nats; 'last 100 steps' is the mean of "
      "the training batches' single-draw estimates, 'test' one draw per "
      "test image after each epoch and at the end)")
PY

cat > "$out/curves.gp" <<'GP'
set terminal pngcairo size 1000,600
set output 'curves.png'
set datafile separator ','
set title 'sgc: SBN on binarized Fashion-MNIST, per-row vs scalar score terms (same seeds)'
set xlabel 'training step'
set ylabel 'negative ELBO per example (nats)'
set yrange [*:400]
set grid
plot 'curves.csv' using 1:2 every ::1 with lines lc rgb '#a6c8e6' notitle, \
     'curves.csv' using 1:4 every ::1 with lines lc rgb '#f2b8a2' notitle, \
     'curves.csv' using 1:3 every ::1 with lines lw 2 lc rgb '#1f5fa8' title 'per-row (default), mean of 100 batches', \
     'curves.csv' using 1:5 every ::1 with lines lw 2 lc rgb '#c0392b' title 'scalar (--score-rows=scalar), mean of 100 batches', \
     'test.csv' using 1:2 every ::1 with points pt 7 lc rgb '#1f5fa8' title 'per-row, test', \
     'test.csv' using 1:3 every ::1 with points pt 5 lc rgb '#c0392b' title 'scalar, test'
GP
if (cd "$out" && gnuplot curves.gp); then
  echo "plot: $out/curves.png, data: $out/curves.csv, $out/test.csv"
else
  echo "(gnuplot failed: no plot; data in $out/curves.csv)"
fi
