#!/usr/bin/env bash
# run.sh BUILD WORK CONSUMER GENERATOR CC: installs BUILD into WORK/prefix,
# builds the CONSUMER project against it and runs its app, then compiles a
# model through the installed Python package (no $SGC, no source tree on
# the path). Fails on the first error.
set -euo pipefail
build=$1 work=$2 consumer=$3 generator=$4 cc=$5
rm -rf "$work" && mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
for f in bin/sgc bin/sg-opt lib/libsg_runtime.a lib/libsg_runtime.so \
         include/sg_runtime.h include/sgc_model_info.h \
         lib/cmake/sgc/sgcConfig.cmake \
         lib/cmake/sgc/SGCompile.cmake lib/python3/dist-packages/sgc/__init__.py; do
  test -e "$prefix/$f" || { echo "run.sh: $f was not installed"; exit 1; }
done

# Out of tree: nothing from the sgc source or build tree is visible.
cmake -S "$consumer" -B "$work/consumer" -G "$generator" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$prefix" > "$work/configure.log"
cmake --build "$work/consumer" > "$work/build.log"
"$work/consumer/app"

cd "$work"
env -u SGC -u SGC_RUNTIME PYTHONPATH="$prefix/lib/python3/dist-packages" \
  SGC_CACHE_DIR="$work/cache" /usr/bin/python3 - "$consumer/model.mlir" <<'PY'
import sys
import numpy as np
import sgc
m = sgc.compile(sys.argv[1], batch_size=6)
assert sgc.find_sgc().endswith("prefix/bin/sgc"), sgc.find_sgc()
x = np.full((6, 3), 0.5, np.float32)
w = np.full((3, 5), 0.25, np.float32)
loss, grads = m.loss_grad(seed=1, step=0, x=x, w=w)
sgc.SGD({"w": w}, lr=0.1).step(grads)
assert np.isfinite(loss) and not (w == 0.25).all()
print("python: ok", m)
PY
