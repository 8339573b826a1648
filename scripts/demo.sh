#!/usr/bin/env bash
# Installs what is missing, builds PyBridge, then compiles the stdlib demo with the plugin
# (through the build tree's pybridge-config, as a user would) and runs it against real Python.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
config="$build/bin/pybridge-config"
mkdir -p "$build/demo"
cd "$build/demo"
clang++-19 -std=c++20 -Wall -Wextra $("$config" --cxxflags) "$root/examples/stdlib/main.cpp" \
  -o stdlib-demo $("$config" --ldflags)
./stdlib-demo
