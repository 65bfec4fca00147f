"""End-to-end int8 check of qnt on a real trained TFLite model with one
image input: calibrated on crops of one photo, converted with qnt-convert
(float I/O and integer-only), run in the TFLite runtime on crops of another
photo next to the float model. Prints the SQNR of every output of the
float-I/O model against the float model (each must reach its bound), and
checks qnt's interpreter against the runtime op by op on the integer-only
model (within 1 LSB, see per_op_agreement.py).

usage: real_model_int8.py TOOLS_DIR MODEL RUNNER_JS WORK_DIR SIZE LOW HIGH
           MIN_SQNR[,MIN_SQNR...]
  SIZE      the model's square input side; LOW HIGH its pixel value range
  MIN_SQNR  one bound (dB) per output, in the model's output order
"""
import json
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "utils"))
from example_crops import crops  # noqa: E402
from face_detection_int8 import outputs, run  # noqa: E402


def main():
    tools, model, runner, work = sys.argv[1:5]
    size, low, high = int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
    bounds = [float(b) for b in sys.argv[8].split(",")]
    os.makedirs(work, exist_ok=True)
    tool = lambda name: os.path.join(tools, name)
    path = lambda name: os.path.join(work, name)
    node = ["node", runner]

    np.save(path("calib.npy"), crops("china.jpg", 32, seed=1, size=size, low=low, high=high))
    np.save(path("eval.npy"), crops("flower.jpg", 8, seed=2, size=size, low=low, high=high))
    run(tool("qnt-convert"), model, "--mode", "int8", "--calibration-data", path("calib.npy"),
        "--eval-split", "0", "-o", path("int8.tflite"))
    run(tool("qnt-convert"), model, "--mode", "int8-only", "--calibration-data", path("calib.npy"),
        "--eval-split", "0", "-o", path("int8_only.tflite"))

    run(*node, model, "--input", path("eval.npy"), "-o", path("out_float"))
    run(*node, path("int8.tflite"), "--input", path("eval.npy"), "-o", path("out_int8"))
    reference, quantized = outputs(path("out_float")), outputs(path("out_int8"))
    ok = len(reference) == len(bounds) == len(quantized)
    if not ok:
        print("expected %d outputs, the models have %d and %d"
              % (len(bounds), len(reference), len(quantized)))
    for i, (ref, q, bound) in enumerate(zip(reference, quantized, bounds)):
        ref = ref.astype(np.float64)
        noise = np.sum((ref - q) ** 2)
        sqnr = 10 * np.log10(np.sum(ref ** 2) / max(noise, 1e-30))
        print("output %d: SQNR %.1f dB (bound %.1f)" % (i, sqnr, bound))
        ok &= sqnr >= bound
    print("size: %.3fx the original file" % (os.path.getsize(path("int8.tflite")) / os.path.getsize(model)))

    # Op by op on the integer-only model, on one sample quantized as its
    # input parameters say.
    meta = json.loads(run(*node, path("int8_only.tflite"), "--info"))
    q = meta["inputs"][0]["quantization"]
    data = np.load(path("eval.npy"))[:1]
    sample = np.clip(np.round(data / q["scale"][0]) + q["zero_point"][0], -128, 127).astype(np.int8)
    np.save(path("sample_int8.npy"), sample)
    run(tool("qnt-translate"), "--import-tflite", path("int8_only.tflite"), "-o", path("int8_only.mlir"))
    agreement = subprocess.run(
        [sys.executable, os.path.join(HERE, "per_op_agreement.py"), tools, path("int8_only.mlir"),
         runner, path("sample_int8.npy"), path("per_op")], capture_output=True, text=True)
    sys.stdout.write(agreement.stdout + agreement.stderr)
    ok &= agreement.returncode == 0

    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
