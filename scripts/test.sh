#!/usr/bin/env bash
# Sets everything up (apt packages, CMake build) and runs the whole test
# suite: the lit tests (sg-opt, sgc + FileCheck), the unit and end-to-end
# tests (ctest) and the Python package's tests (pytest), then lit and ctest
# again with everything — compiler, runtime, apps and tests — built with
# AddressSanitizer and UndefinedBehaviorSanitizer (a second build folder,
# build-asan). Ends with one summary line counting every
# test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

results="$SG_BUILD/test-results"
rm -rf "$results" && mkdir -p "$results"

status=0
echo "== lit tests"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
  --xunit-xml-output="$results/lit.xml" "$SG_BUILD/test" || status=1

echo "== unit tests"
(cd "$SG_BUILD" && ctest --output-on-failure -j 2 \
  --output-junit "$results/ctest.xml") || status=1

echo "== Python package tests (pytest)"
# Debian's interpreter, which has python3-numpy, -pytest and -torch.
SGC="$SG_BUILD/bin/sgc" PYTHONPATH="$SG_ROOT/python" /usr/bin/python3 -m pytest \
  -q -p no:cacheprovider --junitxml="$results/pytest.xml" \
  "$SG_ROOT/test/python" || status=1

echo "== lit, unit and end-to-end tests again, everything built with ASan + UBSan"
asan_build="${SG_BUILD}-asan"
sg_configure "$asan_build" -DSG_SANITIZE=ON
cmake --build "$asan_build" -j 2
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -s \
  --xunit-xml-output="$results/lit-asan.xml" "$asan_build/test" || status=1
(cd "$asan_build" && ctest --output-on-failure -j 2 \
  --output-junit "$results/ctest-asan.xml") || status=1

python3 "$SG_ROOT/test/summarize.py" "$results/lit.xml" "$results/ctest.xml" \
  "$results/pytest.xml" "$results/lit-asan.xml" "$results/ctest-asan.xml" ||
  status=1
exit $status
