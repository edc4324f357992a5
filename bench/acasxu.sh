#!/usr/bin/env bash
# ACAS Xu with sgc verify: imports the 45 networks and runs every instance
# of ../shared/data/acasxu/acasxu_instances.csv with its time limit (116 s),
# then prints one line per instance and the totals. Every `sat` answer's
# counterexample is confirmed by the compiled network (sgc verify does it).
#
#   bash bench/acasxu.sh [BUILD_DIR] [--timeout S] [--filter REGEX]
#                        [--flags "SGC VERIFY FLAGS"]
#
# --timeout overrides the CSV's limit (e.g. for a quick pass); --filter
# keeps the instances whose "network,property" line matches REGEX; --flags
# replaces the bound options passed to sgc verify (default: CROWN alone for
# 5 s, then, if undecided, from the start with optimized relu slopes, 10
# steps, intermediate bounds optimized on boxes up to 64 splits deep;
# --flags "" is plain CROWN).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build
timeout=""
filter="."
flags="--alpha-steps 10 --alpha-depth 64 --alpha-after 5"
while [[ $# -gt 0 ]]; do
  case $1 in
    --timeout) timeout=$2; shift 2 ;;
    --filter) filter=$2; shift 2 ;;
    --flags) flags=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
data=$here/../shared/data/acasxu
sgc=$build/bin/sgc
out=$build/acasxu
mkdir -p "$out"
[[ -x $sgc ]] || { echo "acasxu.sh: no $sgc (build first)" >&2; exit 1; }

for nnet in "$data"/*.nnet; do
  mlir=$out/$(basename "${nnet%.nnet}").mlir
  [[ $mlir -nt $nnet && $mlir -nt $sgc ]] || "$sgc" import-nnet "$nnet" -o "$mlir"
done

results=$out/results.csv
echo "network,property,result,seconds,boxes" > "$results"
printf '%-34s %-14s %-8s %9s %10s\n' network property result seconds boxes
grep -v '^\s*$' "$data/acasxu_instances.csv" | grep -E -- "$filter" |
while IFS=, read -r onnx prop limit; do
  limit=${limit//[$'\r ']/}
  net=$(basename "$onnx" .onnx)
  t=${timeout:-$limit}
  log=$out/$net.${prop%.vnnlib}.log
  # shellcheck disable=SC2086 # the flags are words
  "$sgc" verify "$out/$net.mlir" --property "$data/$prop" --timeout "$t" \
    $flags --quiet > "$log" 2>&1 || true
  result=$(head -n 1 "$log")
  case $result in unsat|sat|unknown) ;; *) result=error ;; esac
  secs=$(sed -n 's/^  \([0-9.]*\) s, \([0-9]*\) boxes bounded$/\1/p' "$log")
  boxes=$(sed -n 's/^  \([0-9.]*\) s, \([0-9]*\) boxes bounded$/\2/p' "$log")
  printf '%-34s %-14s %-8s %9s %10s\n' "$net" "$prop" "$result" "${secs:--}" "${boxes:--}"
  echo "$net,$prop,$result,${secs:-},${boxes:-}" >> "$results"
done

python3 - "$results" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
count = {k: sum(r["result"] == k for r in rows) for k in ("unsat", "sat", "unknown", "error")}
times = [float(r["seconds"]) for r in rows if r["seconds"]]
solved = count["unsat"] + count["sat"]
print(f"\ninstances: {len(rows)}  solved: {solved}  unsat: {count['unsat']}  "
      f"sat: {count['sat']}  unknown: {count['unknown']}  errors: {count['error']}")
if times:
    print(f"time: total {sum(times):.1f} s, median {statistics.median(times):.3f} s, "
          f"mean {statistics.mean(times):.3f} s, max {max(times):.1f} s")
PY
