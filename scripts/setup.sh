#!/usr/bin/env bash
# Sourced by main.sh and test.sh: installs what sgc needs from Debian's archive
# (only when something is missing), then configures and builds incrementally.
set -euo pipefail

SG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SG_BUILD="${SG_BUILD:-$SG_ROOT/build}"

SG_PACKAGES=(
  cmake ninja-build g++ make python3
  llvm-19-dev libmlir-19-dev mlir-19-tools clang-19 lld-19 llvm-19-tools
  libopenblas-dev libgtest-dev zlib1g-dev libzstd-dev
  dataset-fashion-mnist gnuplot-nox libclang-rt-19-dev
  libopenmpi-dev openmpi-bin
  python3-numpy python3-pytest python3-torch
)

sg_missing_packages() {
  local pkg
  for pkg in "${SG_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
      grep -q "install ok installed" || echo "$pkg"
  done
}

sg_install() {
  local missing
  missing="$(sg_missing_packages)"
  if [ -z "$missing" ]; then
    echo "sgc setup: all packages present"
    return
  fi
  echo "sgc setup: installing" $missing
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y \
    --no-install-recommends $missing
}

# sg_configure DIR [cmake options...]: configures DIR once.
sg_configure() {
  local dir="$1"
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$SG_ROOT" -B "$dir" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
      -DLLVM_USE_LINKER=lld "$@"
  fi
}

sg_build() {
  sg_configure "$SG_BUILD"
  # Two cores: more jobs only add memory pressure on MLIR translation units.
  cmake --build "$SG_BUILD" -j 2
}

# OpenBLAS picks its kernels for the CPU at load time, but Debian 12's
# OpenBLAS 0.3.21 does not know CPUs newer than itself (the project machine's
# Xeon, family 6 model 207) and then falls back to its Prescott kernels
# (SSE3, no FMA): the VAE's batch-250 products ran 4-6x slower than with
# the AVX-512 ones (bench/README.md). Unless the caller chose a core, name
# the newest kernels this CPU can run when OpenBLAS would fall back. Only the
# main job and the benchmarks call this: tests and CI leave the environment's
# OPENBLAS_CORETYPE as it is.
sg_openblas_core() {
  [ -z "${OPENBLAS_CORETYPE:-}" ] || return 0
  local core flags
  core="$(OPENBLAS_VERBOSE=2 python3 -c \
    'import ctypes; ctypes.CDLL("libopenblas.so.0")' 2>&1 |
    sed -n 's/^Core: //p' | tail -1)"
  [ "$core" = Prescott ] || return 0
  flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  if [[ $flags == *" avx512f "* && $flags == *" avx512bw "* &&
        $flags == *" avx512vl "* && $flags == *" avx512dq "* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif [[ $flags == *" avx2 "* && $flags == *" fma "* ]]; then
    export OPENBLAS_CORETYPE=Haswell
  fi
}

sg_install
# Scripts that build only a build directory of their own (bench/fuzz.sh) set
# SG_SKIP_BUILD=1: building build/ as well would double their first run.
[ "${SG_SKIP_BUILD:-0}" = 1 ] || sg_build
