#!/usr/bin/env bash
# Runs each libFuzzer harness (tools/sg-fuzz, built with ASan and UBSan in
# build-fuzz/) for a given time, one after the other on one core, and prints
# per harness the executions, the coverage and the crashing inputs it found,
# then the totals:
#   sg-parse-fuzzer     parse + verify sg IR
#   sg-pipeline-fuzzer  sgc's passes up to LLVM IR, on inputs that verify
#   sg-header-fuzzer    sgc's graph passes, then the C header emitter
#   sg-flags-fuzzer     sgc's flags: option parsing and validation
#   sg-nnet-fuzzer      the .nnet reader
#   sg-vnnlib-fuzzer    the VNN-LIB reader
#   sg-idx-fuzzer       the runtime's IDX reader
#
#   bash bench/fuzz.sh [SECONDS [HARNESS...]]   (default 120 s, every harness)
#
# With FUZZ_RUNS=N in the environment a harness also stops after N
# executions (whichever comes first: N executions or SECONDS). FUZZ_TIMEOUT=S
# replaces the harness's per-input limit (a run at low priority on a busy
# machine needs more wall time per input, and -timeout counts wall time).
#
# Each corpus (build-fuzz/fuzz-work/<harness>/corpus) keeps growing from run
# to run; the seeds are copied in each time. libFuzzer stops a harness at
# its first crash, hang (-timeout) or oversized allocation; the input stays
# in build-fuzz/fuzz-artifacts/<harness>/ to become a regression test.
set -euo pipefail
SG_SKIP_BUILD=1 source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
seconds="${1:-120}"
shift || true
all=(sg-parse-fuzzer sg-pipeline-fuzzer sg-header-fuzzer sg-flags-fuzzer
  sg-nnet-fuzzer sg-vnnlib-fuzzer sg-idx-fuzzer)
if [ $# -gt 0 ]; then harnesses=("$@"); else harnesses=("${all[@]}"); fi

fuzz_build="${SG_BUILD}-fuzz"
sg_configure "$fuzz_build" -DSG_FUZZ=ON
cmake --build "$fuzz_build" -j 2 --target "${harnesses[@]}"

fuzz_src="$SG_ROOT/tools/sg-fuzz"
work="$fuzz_build/fuzz-work"
acasxu="$SG_ROOT/../shared/data/acasxu"

# seed_mlir DIR: every .mlir file of the tests and examples, split at the
# "// -----" separators of -split-input-file tests (each piece is a module of
# its own to the parser), and the small hand-made seeds with sgc options.
seed_mlir() {
  local dir="$1" file
  while IFS= read -r file; do
    awk -v out="$dir/$(basename "$file" .mlir)" '
      /^\/\/ -----/ { ++n; next }
      { print > (out "-" n+0 ".mlir") }' "$file"
  done < <(find "$SG_ROOT/test" "$SG_ROOT/examples" -name '*.mlir')
  cp "$fuzz_src"/seeds/mlir/*.mlir "$dir/"
}

# seed_idx DIR: small IDX files of every element type, one gzip-compressed.
seed_idx() {
  local dir="$1"
  printf '\0\0\x08\x02\0\0\0\x02\0\0\0\x03\1\2\3\4\5\xff' > "$dir/u8.idx"
  printf '\0\0\x09\x01\0\0\0\x02\x80\x7f' > "$dir/i8.idx"
  printf '\0\0\x0b\x01\0\0\0\x02\x12\x34\xff\xfe' > "$dir/i16.idx"
  printf '\0\0\x0c\x01\0\0\0\x01\x80\0\0\1' > "$dir/i32.idx"
  printf '\0\0\x0d\x01\0\0\0\x01\x3f\x80\0\0' > "$dir/f32.idx"
  printf '\0\0\x0e\x03\0\0\0\x01\0\0\0\x01\0\0\0\x01\x3f\xf0\0\0\0\0\0\0' \
    > "$dir/f64.idx"
  printf '\0\0\x08\x02\0\0\0\0\0\0\0\x05' > "$dir/empty.idx"
  gzip -9 -c "$dir/u8.idx" > "$dir/u8.idx.gz"
}

# setup HARNESS: fills the corpus and sets dict and options for HARNESS.
setup() {
  corpus="$work/$1/corpus"
  mkdir -p "$corpus"
  case "$1" in
  sg-parse-fuzzer)
    seed_mlir "$corpus"
    dict="$fuzz_src/sg.dict"
    options=(-max_len=4096 -timeout=10) ;;
  sg-pipeline-fuzzer)
    seed_mlir "$corpus"
    # The harness ignores inputs above 8 kB; keep none in the corpus.
    find "$corpus" -type f -size +8k -delete
    dict="$work/$1/pipeline.dict"
    cat "$fuzz_src/pipeline.dict" "$fuzz_src/sg.dict" > "$dict"
    options=(-max_len=8192 -timeout=30) ;;
  sg-header-fuzzer)
    seed_mlir "$corpus"
    find "$corpus" -type f -size +8k -delete
    dict="$work/$1/pipeline.dict"
    cat "$fuzz_src/pipeline.dict" "$fuzz_src/sg.dict" > "$dict"
    options=(-max_len=8192 -timeout=30) ;;
  sg-flags-fuzzer)
    cp "$fuzz_src"/seeds/flags/*.txt "$corpus/"
    dict="$fuzz_src/flags.dict"
    # sgc's refusals (stderr) and --print-options (stdout): keep only
    # libFuzzer's report.
    options=(-max_len=1024 -timeout=10 -close_fd_mask=3) ;;
  sg-nnet-fuzzer)
    cp "$fuzz_src"/seeds/nnet/*.nnet "$corpus/"
    # One real ACAS Xu network (167 kB) when the data is there.
    cp "$acasxu/ACASXU_run2a_1_1_batch_2000.nnet" "$corpus/" 2>/dev/null || true
    dict="$fuzz_src/nnet.dict"
    options=(-max_len=196608 -timeout=10) ;;
  sg-vnnlib-fuzzer)
    cp "$fuzz_src"/seeds/vnnlib/*.vnnlib "$corpus/"
    cp "$acasxu"/*.vnnlib "$corpus/" 2>/dev/null || true
    dict="$fuzz_src/vnnlib.dict"
    options=(-max_len=8192 -timeout=10) ;;
  sg-idx-fuzzer)
    seed_idx "$corpus"
    dict=""
    # A header may announce any size: an allocation beyond 256 MB for an
    # input of at most 64 kB counts as a bug (libFuzzer reports it).
    options=(-max_len=4096 -timeout=10 -malloc_limit_mb=256) ;;
  *)
    echo "fuzz.sh: unknown harness $1" >&2
    exit 2 ;;
  esac
}

count_artifacts() {
  find "$1" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l
}

total_runs=0
total_new=0
rows=()
for h in "${harnesses[@]}"; do
  setup "$h"
  artifacts="$fuzz_build/fuzz-artifacts/$h"
  mkdir -p "$artifacts"
  before=$(count_artifacts "$artifacts")
  log="$work/$h/fuzz.log"
  echo "== $h: $seconds s on $(find "$corpus" -type f | wc -l) corpus inputs"
  start=$(date +%s)
  # One process (no -jobs/-workers): the machine has two shared cores.
  "$fuzz_build/bin/$h" "$corpus" ${dict:+-dict="$dict"} "${options[@]}" \
    ${FUZZ_TIMEOUT:+-timeout="$FUZZ_TIMEOUT"} \
    -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
    -print_final_stats=1 \
    -artifact_prefix="$artifacts/" > "$log" 2>&1 || true
  elapsed=$(($(date +%s) - start))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
    grep -o '[0-9]*$' || echo 0)
  # The last status line ("#N ... cov: E ft: F corp: C/...") has the coverage.
  status=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<< "$status")
  ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<< "$status")
  corp=$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<< "$status")
  after=$(count_artifacts "$artifacts")
  new=$((after - before))
  total_runs=$((total_runs + runs))
  total_new=$((total_new + new))
  rows+=("$(printf '%-20s %12s %6s %8s %8s %6s %8s %8s' "$h" "$runs" \
    "$elapsed" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$new" "$after")")
  grep -m3 "ERROR\|SUMMARY\|invariant broken" "$log" || true
done

echo
printf '%-20s %12s %6s %8s %8s %6s %8s %8s\n' harness executions secs \
  edges features corpus crashes "all-time"
printf '%s\n' "${rows[@]}"
printf '%-20s %12s %6s %8s %8s %6s %8s\n' total "$total_runs" "" "" "" "" \
  "$total_new"
echo "(crashes: crash-/leak-/timeout-/oom- inputs written by this run, in" \
  "$fuzz_build/fuzz-artifacts/<harness>/; all-time: every one there)"
