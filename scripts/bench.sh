#!/usr/bin/env bash
# Builds and runs every benchmark in one go (bench/, docs/performance.md): prints the machine,
# then one table with absolute figures and the ratios to baselines measured in the same run, then
# the compile-time cost of <pybridge/pybridge.hpp> beside <vector>+<string>+<optional>.
# Arguments go to the run-time benchmark (--quick, --only latency|throughput|ndarray|stream|startup,
# --rounds N, --per-round N, --seconds S, --threads N, --ndarray-mib N, --stream-items N);
# --only header runs only the header row.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
header_row() { /usr/bin/python3 "$root/bench/compile_time.py" --build "$build" --only header; }
"$root/scripts/build.sh"
case " $* " in
*" --only header "*) header_row ;;
*" --only "*) exec "$build/bench/pybridge_bench" "$@" ;;
*) "$build/bench/pybridge_bench" "$@" && header_row ;;
esac
