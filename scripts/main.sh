#!/usr/bin/env bash
# Sets everything up (apt packages, CMake build) and runs the main job.
#
# Until VAE training lands, the main job compiles the hand-written Certigrad
# VAE (examples/vae/vae.mlir) with sgc into build/vae.so and prints the C
# interface of its loss-and-gradient function.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "== sgc examples/vae/vae.mlir -o build/vae.so"
"$SG_BUILD/bin/sgc" "$SG_ROOT/examples/vae/vae.mlir" --remarks \
  -o "$SG_BUILD/vae.so"
"$SG_BUILD/bin/sgc" "$SG_ROOT/examples/vae/vae.mlir" --emit=header \
  -o "$SG_BUILD/vae.h"
grep -A2 "^void vae_" "$SG_BUILD/vae.h"
echo "== compiled: $SG_BUILD/vae.so, header $SG_BUILD/vae.h"
