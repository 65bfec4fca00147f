#!/bin/sh
# The benchmark ratios only, with smaller batches and one round, in under
# two minutes on a 2-core machine: compile time growth (10,000 / 1,000 ops)
# and the 10,000-op time, calibration and interpreter throughput against
# the TFLite runtime, size and latency of each mode against float.
#
#   utils/bench/quick.sh [--no-build]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$(dirname "$HERE")")
PY=/usr/bin/python3
if [ "${1:-}" != "--no-build" ]; then
  cmake --build "$ROOT/build" --target qnt-opt qnt-translate qnt-calibrate \
    qnt-run qnt-bench-compile >/dev/null
fi
$PY "$HERE/compile-time.py" --sizes 1000,10000 --repeat 2 --cli-repeat 1 \
  --ratios-only
$PY "$HERE/calibration-throughput.py" --samples 100 --rounds 1 --ratios-only
$PY "$HERE/modes.py" --calib-samples 16 --eval-samples 8 --iterations 20 \
  --rounds 1 --ratios-only
if [ -f "$HERE/interpreter-throughput.py" ]; then
  $PY "$HERE/interpreter-throughput.py" --samples 40 --rounds 1 | grep ratio
fi
