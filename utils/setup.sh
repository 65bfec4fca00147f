#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install dependencies, configure,
# build, and run the example: quantize face_detection_short_range.tflite to
# int8 with qnt-convert and run it in the TFLite runtime (utils/run-example.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
utils/install-deps.sh
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build
utils/run-example.sh
