#!/usr/bin/env bash
# qnt's main job on an example: fold float16 weights of a small graph.
set -euo pipefail
cd "$(dirname "$0")/.."
build/bin/qnt-opt docs/examples/mobile-block.mlir --qnt-fold-float16-weights
