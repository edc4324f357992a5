#!/usr/bin/env bash
# Sets everything up (apt packages, CMake build) and runs the whole test
# suite: the lit tests (sg-opt + FileCheck) and the unit tests (ctest). Ends
# with one summary line counting every test.
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

python3 "$SG_ROOT/test/summarize.py" "$results/lit.xml" "$results/ctest.xml" ||
  status=1
exit $status
