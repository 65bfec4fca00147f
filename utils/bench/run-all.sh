#!/bin/sh
# Runs every benchmark and prints its tables (Markdown), headed by the
# machine and the date: compile time on generated graphs, calibration
# throughput, size/quality/latency of each mode, and qnt's interpreter
# against the TFLite runtime (interpreter-throughput.py, when present).
#
#   utils/bench/run-all.sh [--no-build]
#
# Builds the tools it times first (cmake --build build) unless --no-build.
# Needs /usr/bin/python3 with numpy and PIL, Node.js with
# utils/tflite-runner set up, and build/test-models (utils/fetch-models.sh).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$(dirname "$HERE")")
PY=/usr/bin/python3
if [ "${1:-}" != "--no-build" ]; then
  cmake --build "$ROOT/build" --target qnt-opt qnt-translate qnt-calibrate \
    qnt-run qnt-bench-compile >/dev/null
fi
echo "# qnt benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $($PY -c "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, '$HERE'); import benchlib; print(benchlib.machine())")"
echo
$PY "$HERE/compile-time.py" --instructions
echo
$PY "$HERE/calibration-throughput.py"
echo
$PY "$HERE/modes.py"
if [ -f "$HERE/interpreter-throughput.py" ]; then
  echo
  $PY "$HERE/interpreter-throughput.py"
fi
