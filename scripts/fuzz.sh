#!/usr/bin/env bash
# Runs every fuzz target (fuzz/) for a while, each in turn, from a corpus kept between runs
# (build/fuzz-corpus/<target>, seeded by fuzz/make_seeds.py), and prints each one's executions.
# A crash stops with libFuzzer's report and leaves the input as build/fuzz-corpus/crash-*.
#   scripts/fuzz.sh [SECONDS per target, default 600] [libFuzzer options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
seconds=${1:-600}
shift || true
"$root/scripts/build.sh"
python=$(sed -n 's/^PYBRIDGE_PYTHON:FILEPATH=//p' "$build/CMakeCache.txt")
corpus=$build/fuzz-corpus
[ -d "$corpus" ] || PYTHONPATH=$build/share/pybridge/python "$python" "$root/fuzz/make_seeds.py" "$corpus"
for target in frame_reader value_decoder descriptor_reader; do
  fuzzer=$build/fuzz/pybridge_fuzz_$target
  [ -x "$fuzzer" ] || { echo "fuzz: $fuzzer was not built (no libFuzzer?)" >&2; exit 1; }
  log=$build/fuzz-$target.log
  "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$corpus/" "$@" "$corpus/$target" >"$log" 2>&1 || {
    tail -40 "$log" >&2
    echo "fuzz: $target failed (log: $log)" >&2
    exit 1
  }
  runs=$(sed -n 's/^stat::number_of_executed_units: //p' "$log")
  echo "$target: $runs executions in $seconds s, no failure"
done
