#!/usr/bin/env bash
# Installs what is missing, builds PyBridge and runs every test suite (lit: plugin diagnostics
# and end-to-end runs; GoogleTest: runtime; pytest: agent). Ends with lit's summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
python=$(sed -n 's/^PYBRIDGE_PYTHON:FILEPATH=//p' "$build/CMakeCache.txt")
lit=$(sed -n 's/^PYBRIDGE_LIT:FILEPATH=//p' "$build/CMakeCache.txt")
exec "$python" "$lit" -sv "$build/test"
