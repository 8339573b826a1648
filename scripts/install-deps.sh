#!/usr/bin/env bash
# Installs the Debian 12 packages PyBridge needs (only the missing ones). Idempotent, quiet.
set -euo pipefail

packages=(
  cmake ninja-build pkg-config
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clangd-19
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev libsimdjson-dev
  libgtest-dev libbenchmark-dev
  libfuzzer-19-dev libclang-rt-19-dev openssl
  python3 python3-dev python3-venv python3-grpcio python3-protobuf python3-pytest python3-hypothesis
  python3-psutil
  python3-numpy python3-sympy python3-networkx python3-mypy python3-pandas
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
log=$(mktemp)
echo "Installing ${missing[*]}"
if ! { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get failed (log above)" >&2
  exit 1
fi
rm -f "$log"
