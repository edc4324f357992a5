#!/usr/bin/env bash
# Side by side: the sgc-compiled Certigrad VAE against its PyTorch reference
# (bench/vae_torch.py, Debian's python3-torch), same model, same Adam, same
# batches of Fashion-MNIST, each against the "GEMM + streaming Adam" bound
# measured in the same process (bench/vae_step.cpp).
#   bash bench/vae_bench.sh            steady-state steps (after a warm-up part
#                                      of an epoch) at batch 1, 16, 250 x 1, 2
#                                      threads, then a training pass and the
#                                      evaluation pass over the 10k test set
#   bash bench/vae_bench.sh quality E  also train both E epochs on Fashion-MNIST
#                                      and compare the per-example losses
# Environment: BATCHES ("1 16 250"), THREADS ("1 2"), STEPS (10: timed steps
# at batch 250; x5 at batch 16, x20 at batch 1; as many warm-up steps before),
# EPOCH_ROWS (10000: training rows timed, scaled to a 60k epoch),
# EPOCH_THREADS ("1"), ROUNDS (3: sgc's steps and its bound are measured in
# this many alternating rounds, PyTorch's steps in as many rounds, and each
# keeps its least time; sgc's passes are cut into this many parts, each
# part's steps or batches followed by as many passes of their bound, and
# count whole).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
sg_openblas_core
SG_PACKAGES=(python3-torch python3-numpy)
sg_install
cmake --build "$SG_BUILD" -j 2 --target sg-bench-vae vae-train > /dev/null

bench="$SG_BUILD/bench/sg-bench-vae"
torch="$SG_ROOT/bench/vae_torch.py"
STEPS=${STEPS:-10}
rounds=${ROUNDS:-3}
steps() { case $1 in 1) echo $((STEPS * 20)) ;; 16) echo $((STEPS * 5)) ;; *) echo "$STEPS" ;; esac; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "Certigrad VAE training step (loss, gradient, Adam) on Fashion-MNIST, ms/step\n"
printf "bound = OpenBLAS time of the step's 21 products + a streaming Adam pass (same process)\n"
printf "sgc, its bound and torch: the least of %d rounds each (sgc's alternating with its bound)\n" "$rounds"
printf "%5s %3s %9s %9s %7s %8s %8s %8s %9s %9s\n" batch thr sgc_ms torch_ms \
  speedup gemm_ms adam_ms bound_ms sgc/bound torch/bnd
declare -A sgc_ms
for b in ${BATCHES:-1 16 250}; do
  for t in ${THREADS:-1 2}; do
    n=$(steps "$b")
    read -r _ _ s g a bound < <("$bench" step "$b" "$t" "$n" "$n" "$rounds")
    read -r _ _ p _ < <(OMP_NUM_THREADS=$t /usr/bin/python3 "$torch" time "$b" "$t" "$n" "$n" "$rounds")
    sgc_ms[$b,$t]=$s
    awk -v b="$b" -v t="$t" -v s="$s" -v p="$p" -v g="$g" -v a="$a" \
        -v bd="$bound" 'BEGIN {
      printf "%5d %3d %9.2f %9.2f %6.2fx %8.2f %8.2f %8.2f %8.2fx %8.2fx\n",
             b, t, s, p, p / s, g, a, bd, s / bd, p / bd }'
  done
done
for b in ${BATCHES:-1 16 250}; do
  if [ -n "${sgc_ms[$b,1]:-}" ] && [ -n "${sgc_ms[$b,2]:-}" ]; then
    awk -v b="$b" -v a="${sgc_ms[$b,1]}" -v c="${sgc_ms[$b,2]}" \
        'BEGIN { printf "batch %d: 2 threads run %.2fx the 1-thread speed\n", b, a / c }'
  fi
done

rows=${EPOCH_ROWS:-10000}
printf "\nTraining pass (batch 250, %d rows after 20 warm-up steps, scaled to a 60k epoch)\n" "$rows"
printf "and evaluation pass (forward over the 10k test set), seconds; bound_ep and fwd_gemm:\n"
printf "the least bound of %d parts (x steps or batches); /pair: against the bound passes\n" "$rounds"
printf "run right after each part's steps or batches (as many as the pass has)\n"
printf "%3s %8s %8s %8s %8s %8s %9s | %6s %7s %8s %8s %8s %9s\n" thr sgc_ep torch_ep \
  bound_ep sgc/bnd sgc/pair torch/bnd sgc_ev torch_ev fwd_gemm sgc/gemm sgc/pair torch/gemm
for t in ${EPOCH_THREADS:-1}; do
  read -r _ n se sb sp sv fg fp < <("$bench" epoch "$t" "$rows" "$rounds")
  read -r _ _ pe pv < <(OMP_NUM_THREADS=$t /usr/bin/python3 "$torch" epoch "$t" "$rows")
  awk -v t="$t" -v n="$n" -v se="$se" -v sb="$sb" -v sp="$sp" -v sv="$sv" \
      -v fg="$fg" -v fp="$fp" -v pe="$pe" -v pv="$pv" 'BEGIN { k = 240 / n
    printf "%3d %8.2f %8.2f %8.2f %7.2fx %7.2fx %8.2fx | %6.2f %7.2f %8.2f %7.2fx %7.2fx %8.2fx\n",
           t, se * k, pe * k, sb * k, se / sb, se / sp, pe / sb, sv, pv, fg,
           sv / fg, sv / fp, pv / fg }'
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "targets (issue 16): step/bound <= 1.2 at batch 1, <= 1.05 at batch 250 (1 thread);"
echo "  2 threads >= 1.8x at batch 250, >= 1.3x at batch 16, never < 1.0x;"
echo "  epoch <= 1.05x its bound, evaluation <= 1.1x the forward GEMM time"

if [ "${1:-}" = quality ]; then
  epochs="${2:-5}"
  out="$SG_BUILD/bench/quality"
  mkdir -p "$out"
  echo "== quality: both trained $epochs epochs on Fashion-MNIST (batch 250)"
  "$SG_BUILD/examples/vae/vae-train" --epochs "$epochs" --out "$out/sgc" \
    | grep "^epoch [0-9]*:"
  /usr/bin/python3 "$torch" train "$epochs" 0 "$out/torch.csv"
  s=$(tail -1 "$out/sgc/loss.csv" | cut -d, -f4)
  p=$(tail -1 "$out/torch.csv" | cut -d, -f2)
  awk -v s="$s" -v p="$p" 'BEGIN {
    d = (s - p) / p * 100; if (d < 0) d = -d
    printf "final train loss per example: sgc %.2f, pytorch %.2f (%.2f%% apart; target < 2%%)\n", s, p, d }'
  gnuplot -e "set terminal pngcairo size 800,500; set output '$out/curves.png';
    set datafile separator ','; set key autotitle columnhead;
    set xlabel 'epoch'; set ylabel 'train loss per example'; set grid;
    plot '$out/sgc/loss.csv' using 1:4 every ::1 with linespoints lw 2 title 'sgc',
         '$out/torch.csv' using 1:2 with linespoints lw 2 title 'PyTorch'" &&
    echo "both curves: $out/curves.png"
fi
