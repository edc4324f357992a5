#!/usr/bin/env bash
# Side by side: the sgc-compiled Certigrad VAE against its PyTorch reference
# (bench/vae_torch.py, Debian's python3-torch), same model, same Adam.
#   bash bench/vae_bench.sh            timing table (batch 1, 16, 250 x 1, 2 threads)
#   bash bench/vae_bench.sh quality E  also train both E epochs on Fashion-MNIST
#                                      and compare the per-example losses
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
SG_PACKAGES=(python3-torch python3-numpy)
sg_install
cmake --build "$SG_BUILD" -j 2 --target sg-bench-vae vae-train > /dev/null

bench="$SG_BUILD/bench/sg-bench-vae"
torch="$SG_ROOT/bench/vae_torch.py"
steps() { case $1 in 1) echo 400 ;; 16) echo 100 ;; *) echo 15 ;; esac; }

printf "Certigrad VAE training step (loss, gradient, Adam), ms/step\n"
printf "%5s %3s %9s %9s %7s %9s %8s %7s %8s %8s\n" batch thr sgc_ms torch_ms \
  speedup gemm_ms sgc/gemm GFLOP/s sgc_MB torch_MB
declare -A sgc_ms
for b in 1 16 250; do
  for t in 1 2; do
    n=$(steps $b)
    read -r _ _ s g gf smb < <("$bench" "$b" "$t" "$n")
    read -r _ _ p pmb < <(OMP_NUM_THREADS=$t /usr/bin/python3 "$torch" time "$b" "$t" "$n")
    sgc_ms[$b,$t]=$s
    awk -v b="$b" -v t="$t" -v s="$s" -v p="$p" -v g="$g" -v gf="$gf" \
        -v smb="$smb" -v pmb="$pmb" 'BEGIN {
      printf "%5d %3d %9.2f %9.2f %6.2fx %9.2f %7.2fx %7.1f %8.0f %8.0f\n",
             b, t, s, p, p / s, g, s / g, gf, smb, pmb }'
  done
done
for b in 1 16 250; do
  awk -v b="$b" -v a="${sgc_ms[$b,1]}" -v c="${sgc_ms[$b,2]}" \
      'BEGIN { printf "batch %d: 2 threads run %.2fx the 1-thread speed\n", b, a / c }'
done
echo "targets: >=1.3x PyTorch at batch 250/1 thread, >=5x at batch 1,"
echo "         sgc/gemm <= 1.15 at batch 250, 2 threads >= 1.8x"

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
