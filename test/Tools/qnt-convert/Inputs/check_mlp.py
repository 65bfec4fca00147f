"""Runs a model qnt-convert wrote from mlp.mlir in the TFLite runtime and
compares it with the float model computed by numpy from the weights written
in mlp.mlir. Integer inputs are quantized and integer outputs dequantized with
the parameters the runtime reports. Prints SQNR, max abs error and top-1
agreement; exits 1 when they miss the mode's bound.

usage: check_mlp.py MLP_MLIR MODEL_TFLITE DATA_NPY RUNNER_JS WORK_DIR MODE
"""
import json
import os
import re
import subprocess
import sys

import numpy as np


def constant(text, name):
    """The dense<...> value of the qnt.const located at loc(NAME)."""
    match = re.search(r'qnt\.const dense<(.*?)> : tensor<[^>]*> loc\("%s"\)' % name, text)
    return np.array(json.loads(match.group(1)), dtype=np.float64)


def reference(text, x):
    w1, b1 = constant(text, "w1"), constant(text, "b1")
    w2, b2 = constant(text, "w2"), constant(text, "b2")
    hidden = np.maximum(x @ w1.T + b1, 0.0)
    return hidden @ w2.T + b2


def run(*args):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)), result.stdout, result.stderr))
    return result.stdout


def main():
    mlir, model, data, runner, work, mode = sys.argv[1:7]
    os.makedirs(work, exist_ok=True)
    # One sample per row: the runner runs a [1, 4] model once per row.
    x = np.load(data).astype(np.float32).reshape(-1, 4)
    info = json.loads(run("node", runner, model, "--info"))
    inp, out = info["inputs"][0], info["outputs"][0]
    feed = x
    if inp["dtype"] in ("int8", "uint8"):
        q = inp["quantization"]
        lo, hi = (-128, 127) if inp["dtype"] == "int8" else (0, 255)
        feed = np.clip(np.round(x / q["scale"][0]) + q["zero_point"][0], lo, hi).astype(inp["dtype"])
    np.save(os.path.join(work, "in.npy"), feed)
    run("node", runner, model, "--input", os.path.join(work, "in.npy"), "-o", os.path.join(work, "out"))
    y = np.load(os.path.join(work, "out", "output_0.npy")).astype(np.float64)
    if out["dtype"] in ("int8", "uint8"):
        q = out["quantization"]
        y = (y - q["zero_point"][0]) * q["scale"][0]
    print("%s: input %s, output %s" % (mode, inp["dtype"], out["dtype"]))

    ref = reference(open(mlir).read(), x.astype(np.float64))
    y = y.reshape(ref.shape)
    noise = np.sum((ref - y) ** 2)
    sqnr = 10 * np.log10(np.sum(ref ** 2) / max(noise, 1e-300))
    err = float(np.max(np.abs(ref - y)))
    top1 = float(np.mean(np.argmax(ref, 1) == np.argmax(y, 1)))
    print("%s: SQNR %.1f dB, max abs error %.3g, top-1 agreement %.2f" % (mode, sqnr, err, top1))
    # f16 weights: relative error about 2^-11 per weight. 8-bit activations
    # of a [-1, 1] input through two layers: about 35-40 dB.
    bounds = {"none": 1e-5, "float16": 5e-3, "dynamic-range": 1e-5}
    if mode in bounds:
        ok = err <= bounds[mode]
    else:
        ok = sqnr >= 28.0 and top1 >= 0.9
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
