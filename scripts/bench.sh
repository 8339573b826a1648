#!/usr/bin/env bash
# Builds and runs every run-time benchmark in one go (bench/, docs/performance.md): prints the
# machine, then one table with absolute figures and the ratios to baselines measured in the
# same run. Arguments go to the benchmark (--quick, --only latency|throughput|ndarray|stream|startup,
# --rounds N, --per-round N, --seconds S, --threads N, --ndarray-mib N, --stream-items N).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
exec "$build/bench/pybridge_bench" "$@"
