"""Every built-in target profile end to end on a real model.

face_detection_short_range.tflite is calibrated once, quantized for each
built-in target, exported, and run in the TFLite runtime on held-out crops
next to the float model. Prints each target's size, output SQNR and the
precision report's summary, and checks what the profile promises: power-of-
two scales for int16-pow2-dsp, per-tensor weights for int8-per-tensor,
integer I/O for int8-mcu, f16 weights for fp16-gpu.

usage: face_detection_targets.py TOOLS_DIR MODEL RUNNER_JS WORK_DIR
"""
import json
import math
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from face_detection_int8 import crops, outputs, run  # noqa: E402

TARGETS = ["tflite-cpu", "int8-per-tensor", "int16-pow2-dsp", "fp16-gpu", "int8-mcu"]
SCALE = re.compile(r"!quant\.uniform<[^>]*?:f32(?::\d+)?, (\{[^}]*\}|[-0-9.eE+]+)")


def scales_in(text):
    found = []
    for m in SCALE.finditer(text):
        for part in m.group(1).strip("{}").split(","):
            found.append(float(part.split(":")[0]))
    return found


def main():
    tools, model, runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    tool = lambda name: os.path.join(tools, name)
    path = lambda name: os.path.join(work, name)
    np.save(path("calib.npy"), crops("china.jpg", 16, seed=1))
    data = crops("flower.jpg", 4, seed=2)
    np.save(path("eval.npy"), data)
    run(tool("qnt-translate"), "--import-tflite", model, "--mlir-print-debuginfo", "-o", path("float.mlir"))
    run(tool("qnt-opt"), path("float.mlir"), "--qnt-fold-float16-weights", "--mlir-print-debuginfo",
        "-o", path("float32.mlir"))
    run(tool("qnt-translate"), "--export-tflite", path("float32.mlir"), "-o", path("float32.tflite"))
    run("node", runner, path("float32.tflite"), "--input", path("eval.npy"), "-o", path("out_float"))
    reference = outputs(path("out_float"))
    float_size = os.path.getsize(path("float32.tflite"))
    run(tool("qnt-calibrate"), path("float32.mlir"), "--data", path("calib.npy"), "-o", path("calibrated.mlir"))

    ok = True
    for target in TARGETS:
        mlir, tflite = path(target + ".mlir"), path(target + ".tflite")
        import subprocess
        result = subprocess.run([tool("qnt-opt"), path("calibrated.mlir"),
                                 "--quantize-target=target=" + target, "-o", mlir],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit("qnt-opt failed for %s:\n%s" % (target, result.stderr))
        report = [l for l in result.stderr.splitlines() if l.startswith("  qnt.")]
        run(tool("qnt-translate"), "--export-tflite", mlir, "-o", tflite)
        text = open(mlir).read()
        feed = path("eval.npy")
        if target == "int8-mcu":
            meta = json.loads(run("node", runner, tflite, "--info"))
            q = meta["inputs"][0]["quantization"]
            ok &= meta["inputs"][0]["dtype"] == "int8" and all(o["dtype"] == "int8" for o in meta["outputs"])
            np.save(path("eval_int8.npy"),
                    np.clip(np.round(data / q["scale"][0]) + q["zero_point"][0], -128, 127).astype(np.int8))
            feed = path("eval_int8.npy")
        run("node", runner, tflite, "--input", feed, "-o", path("out_" + target))
        got = outputs(path("out_" + target))
        if target == "int8-mcu":
            meta = json.loads(run("node", runner, tflite, "--info"))
            got = [(g.astype(np.float64) - o["quantization"]["zero_point"][0]) * o["quantization"]["scale"][0]
                   for g, o in zip(got, meta["outputs"])]
        sqnrs = []
        for r, g in zip(reference, got):
            r = r.astype(np.float64)
            sqnrs.append(10 * np.log10(np.sum(r ** 2) / max(np.sum((r - g) ** 2), 1e-30)))
        ratio = os.path.getsize(tflite) / float_size
        scales = scales_in(text)
        checks = []
        if target == "int16-pow2-dsp":
            pow2 = bool(scales) and all(math.log2(s) == round(math.log2(s)) for s in scales)
            checks.append("all %d scales powers of two: %s" % (len(scales), pow2))
            ok &= pow2 and "i16:f32" in text
        if target == "int8-per-tensor":
            per_axis = re.search(r"!quant\.uniform<i8<-127:127>:f32:\d", text) is not None
            checks.append("per-axis weights: %s" % per_axis)
            ok &= not per_axis
        if target == "fp16-gpu":
            f16 = text.count("xf16>")
            checks.append("f16 constants: %d" % f16)
            ok &= f16 > 0 and "quant.uniform" not in text
        print("%-16s size %.3fx  SQNR %s  report lines %d  %s" % (
            target, ratio, ", ".join("%.1f dB" % s for s in sqnrs), len(report), "; ".join(checks)))
        ok &= min(sqnrs) >= (100.0 if target == "fp16-gpu" else 8.0)
        if target != "fp16-gpu":
            ok &= len(report) > 50
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
