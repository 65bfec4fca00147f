#!/usr/bin/env bash
# qnt's main job on a real model: fetch face_detection_short_range.tflite
# (float, from the @mediapipe/face_detection npm package), make calibration
# and evaluation images from the scikit-learn sample photos, quantize it to
# int8 with qnt-convert (which prints its summary and writes an HTML report),
# and run the result in the TFLite runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/example
utils/fetch-models.sh "$work"
/usr/bin/python3 utils/example_crops.py "$work" 32 8
build/bin/qnt-convert "$work/face_detection_short_range.tflite" --mode int8 \
  --calibration-data "$work/calib.npy" --eval-data "$work/eval.npy" \
  --report "$work/report.html" -o "$work/face_detection_int8.tflite"
node utils/tflite-runner/run.js "$work/face_detection_int8.tflite" \
  --input "$work/eval.npy" -o "$work/tflite-out" 2>/dev/null
/usr/bin/python3 - "$work" <<'PY'
import os, sys
import numpy as np
work = sys.argv[1]
out = os.path.join(work, "tflite-out")
for name in sorted(os.listdir(out)):
    a = np.load(os.path.join(out, name))
    print("TFLite runtime: %s %s %s, range [%.3g, %.3g]" % (name, a.dtype, list(a.shape), a.min(), a.max()))
print("report: %s" % os.path.join(work, "report.html"))
PY
