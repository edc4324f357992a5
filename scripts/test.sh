#!/usr/bin/env bash
# Sets everything up (apt packages, CMake build) and runs the whole test
# suite: the lit tests (sg-opt, sgc + FileCheck), the same lit tests with the
# compiler built with AddressSanitizer and UndefinedBehaviorSanitizer (a
# second build folder, build-asan), and the unit and end-to-end tests
# (ctest). Ends with one summary line counting every test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

results="$SG_BUILD/test-results"
rm -rf "$results" && mkdir -p "$results"

status=0
echo "== lit tests"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
  --xunit-xml-output="$results/lit.xml" "$SG_BUILD/test" || status=1
echo "== lit tests again, with the compiler built with ASan + UBSan"
asan_build="${SG_BUILD}-asan"
sg_configure "$asan_build" -DSG_SANITIZE=ON
cmake --build "$asan_build" -j 2 --target sg-opt sgc sg_runtime vae-train
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -s \
  --xunit-xml-output="$results/lit-asan.xml" "$asan_build/test" || status=1

echo "== unit tests"
(cd "$SG_BUILD" && ctest --output-on-failure -j 2 \
  --output-junit "$results/ctest.xml") || status=1

python3 "$SG_ROOT/test/summarize.py" "$results/lit.xml" \
  "$results/lit-asan.xml" "$results/ctest.xml" ||
  status=1
exit $status
