#!/usr/bin/env bash
# Installs everything qnt needs to build and test on Debian 12 (bookworm):
# LLVM/MLIR 22, flatbuffers, GoogleTest, Eigen, image/zip libraries, Python
# with numpy for test reference scripts, Node.js and the npm packages of the
# TFLite runtime used to check qnt's output, clang for the fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

PACKAGES=(
  cmake ninja-build g++ python3 python3-numpy python3-pil python3-sklearn
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  libflatbuffers-dev flatbuffers-compiler
  libgtest-dev libeigen3-dev libzip-dev libstb-dev
  libonnx-dev libprotobuf-dev python3-onnx python3-torch libonnx-testdata
  nodejs npm chromium
  clang-22 libclang-rt-22-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from outside Debian (e.g. a newer node already on PATH).
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=()
for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done
if [ ${#filtered[@]} -gt 0 ]; then
  echo "installing: ${filtered[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${filtered[@]}"
fi

# The TFLite runtime (WebAssembly) and its loader, pinned in package-lock.json.
if [ -f utils/tflite-runner/package-lock.json ]; then
  (cd utils/tflite-runner && npm ci --no-audit --no-fund --loglevel=error)
fi

# ONNX Runtime for the ONNX import tests. Its install script only downloads
# optional GPU libraries; the CPU build ships in the package.
if [ -f utils/onnx-runner/package-lock.json ]; then
  (cd utils/onnx-runner && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
