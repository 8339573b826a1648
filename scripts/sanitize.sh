#!/usr/bin/env bash
# Builds the runtime and its GoogleTest suite with AddressSanitizer and UBSan (in build-asan/,
# PYBRIDGE_SANITIZE=address,undefined) and runs the suite; a sanitizer report fails it.
# Arguments go to the suite, e.g. --gtest_filter='FaultTest.*'. The Python workers are the
# usual interpreter: only the host's code is checked.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASAN_BUILD_DIR:-$root/build-asan}
"$root/scripts/install-deps.sh"
log="$build/build.log"
mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 -DPYBRIDGE_SANITIZE=address,undefined \
    -DPYBRIDGE_BUILD_BENCHMARKS=OFF -DPYBRIDGE_BUILD_FUZZERS=OFF >"$log" 2>&1 ||
    { cat "$log" >&2; exit 1; }
fi
cmake --build "$build" --target pybridge_runtime_unittests pybridge_host_helper pybridge_agent \
  >"$log" 2>&1 || { grep -E "error|FAILED" -A5 "$log" >&2; exit 1; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_stack_use_after_return=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/lsan-suppressions.txt}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export PYTHONPATH=$root/test/fixtures/python${PYTHONPATH:+:$PYTHONPATH}
# Thresholds of time and resident memory mean nothing under ASan (it keeps freed memory in
# quarantine and runs slower); leaks are its own to find.
skip=-PoolTest.WorkersStartInParallel:StressTest.TenThousandCallsLeakNothing
exec "$build/test/runtime/pybridge_runtime_unittests" --gtest_brief=1 --gtest_filter="$skip" "$@"
