#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install dependencies, configure,
# build, and run qnt on the example in docs/examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
utils/install-deps.sh
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build
utils/run-example.sh
