#!/usr/bin/env bash
# Runs the libFuzzer harness of the sg parser and verifiers (built with ASan
# and UBSan in build-fuzz/) for a given time, seeded with every .mlir file of
# the tests and examples and a dictionary of sg keywords, and prints the
# executions and the crashes found. Each crash input stays in
# build-fuzz/fuzz-artifacts/ to become a regression test.
#   bash bench/fuzz.sh [SECONDS]       (default 120)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
seconds="${1:-120}"
fuzz_build="${SG_BUILD}-fuzz"
sg_configure "$fuzz_build" -DSG_FUZZ=ON
cmake --build "$fuzz_build" -j 2 --target sg-parse-fuzzer

work="$fuzz_build/fuzz-work"
artifacts="$fuzz_build/fuzz-artifacts"
mkdir -p "$work/corpus" "$artifacts"
find "$SG_ROOT/test" "$SG_ROOT/examples" -name '*.mlir' -exec cp {} "$work/corpus/" \;
log="$work/parse.log"
"$fuzz_build/bin/sg-parse-fuzzer" "$work/corpus" \
  -dict="$SG_ROOT/tools/sg-fuzz/sg.dict" -max_len=4096 -timeout=10 \
  -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$artifacts/" > "$log" 2>&1 || true
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
crashes=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \) | wc -l)
echo "sg-parse-fuzzer: $runs executions in $seconds s, $crashes crashing inputs (in $artifacts)"
grep -m3 "ERROR\|SUMMARY" "$log" || true
