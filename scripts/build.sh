#!/usr/bin/env bash
# Configures and builds PyBridge in build/ with clang 19 (the plugin's compiler). Quiet unless
# something fails. BUILD_DIR overrides the directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
log="$build/build.log"
mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  if ! cmake -S "$root" -B "$build" -G Ninja \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >"$log" 2>&1; then
    cat "$log" >&2; echo "build: configuring failed (log above)" >&2; exit 1
  fi
fi
if ! cmake --build "$build" >"$log" 2>&1; then
  grep -E "error|FAILED" -A5 "$log" >&2 || cat "$log" >&2
  echo "build: compiling failed (full log: $log)" >&2
  exit 1
fi
