#!/usr/bin/env bash
# Sets everything up (apt packages, CMake build) and runs the main job:
# compile Certigrad's VAE (examples/vae/vae.mlir) with sgc and train it on
# Fashion-MNIST with the app that links the compiled library, showing
# progress. Extra arguments go to the app (e.g. --epochs 100; see --help).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sg_openblas_core

out="$SG_BUILD/vae-out"
echo "== sgc examples/vae/vae.mlir (what the certified rewrites did):"
"$SG_BUILD/bin/sgc" "$SG_ROOT/examples/vae/vae.mlir" --remarks --emit=mlir \
  -o /dev/null 2>&1 | grep "remark:" || true
echo "== training (build/examples/vae/vae-train --out $out $*)"
"$SG_BUILD/examples/vae/vae-train" --out "$out" "$@"
echo "== done: the loss curve is $out/loss.png (and loss.csv),"
echo "   reconstructions $out/reconstructions.png, samples $out/samples.png"
