#!/usr/bin/env bash
# Data-parallel VAE training: steps/s of vae-train (batch 250, Fashion-MNIST)
# on 1 process and on 2 MPI processes on this machine (loopback), read from
# vae-train's own progress line (training only, not the evaluation).
#   bash bench/vae_mpi.sh [STEPS]      (default 40 steps, one epoch)
# The cost model for N machines is in bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
sg_openblas_core
cmake --build "$SG_BUILD" -j 2 --target vae-train > /dev/null
steps=${1:-40}
batch=250
train="$SG_BUILD/examples/vae/vae-train"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A small test set: the evaluation after the epoch is not what is measured.
python3 - "$work/test.idx" <<'PY'
import gzip, struct, sys
with gzip.open("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz") as f:
    magic, n, r, c = struct.unpack(">IIII", f.read(16))
    pixels = f.read(250 * r * c)
open(sys.argv[1], "wb").write(struct.pack(">IIII", magic, 250, r, c) + pixels)
PY
args=(--epochs 1 --batch-size "$batch" --max-train $((steps * batch))
      --test-images "$work/test.idx")
mpirun=(mpirun --allow-run-as-root --oversubscribe --bind-to none
        --mca btl self,tcp --mca btl_tcp_if_include lo
        --mca oob_tcp_if_include lo)
rate() { # examples/s of the progress line -> steps/s
  grep -o '[0-9]* ex/s' | tail -1 | awk -v b="$batch" '{ printf "%.2f", $1 / b }'
}
echo "vae-train, batch $batch, $steps steps, $(nproc) cores" \
  "(load average $(cut -d' ' -f1 /proc/loadavg) at the start:" \
  "shared with other jobs)"
one1=$("$train" "${args[@]}" --threads 1 --out "$work/a" | rate)
one2=$("$train" "${args[@]}" --threads 2 --out "$work/b" | rate)
two1=$("${mpirun[@]}" -np 2 "$train" "${args[@]}" --threads 1 \
  --out "$work/c" | rate)
printf "%-34s %8s steps/s\n" "1 process, 1 BLAS thread" "$one1" \
  "1 process, 2 BLAS threads" "$one2" \
  "2 processes (MPI), 1 thread each" "$two1"
awk -v a="$one1" -v b="$one2" -v c="$two1" 'BEGIN {
  printf "2 processes: %.2fx 1 process with 1 thread, %.2fx with 2 threads\n",
         c / a, c / b }'
