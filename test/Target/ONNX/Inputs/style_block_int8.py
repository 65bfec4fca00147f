#!/usr/bin/python3
"""A style-transfer block (reflection pad, 3x3 convolution, instance norm,
ReLU; reflect_instance_norm_models.py's style_block) through qnt-convert
--mode int8-only, run by qnt-run and by the TFLite runtime on the same int8
inputs. Each op of the int8 graph agrees within one step given the same
inputs, but a step of a per-channel statistic (the variance, a mean of 64
values) moves a whole channel, so the outputs may differ by up to 3 steps;
the runtime's must follow ONNX Runtime on the float model within 8.

usage: style_block_int8.py TOOLS_DIR TFLITE_RUNNER_JS ONNX_RUNNER_JS WORK_DIR
"""
import os
import re
import sys

import numpy as np
import onnx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reflect_instance_norm_models as models  # noqa: E402
from onnx_cases import params, run  # noqa: E402


def main():
    tools, tflite_runner, onnx_runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    path = lambda name: os.path.join(work, name)
    fn, opset = models.CASES["style_block"]
    model, _ = models.build("style_block", fn, opset)
    onnx.save(model, path("style.onnx"))

    rng = np.random.RandomState(7)
    x = rng.uniform(-1, 1, (12, 1, 3, 8, 8)).astype(np.float32)
    # qnt-convert imports ONNX images as NHWC.
    nhwc = np.ascontiguousarray(x.transpose(0, 1, 3, 4, 2))
    np.save(path("calib.npy"), nhwc[:8, 0])
    run(os.path.join(tools, "qnt-convert"), path("style.onnx"), "--mode",
        "int8-only", "--calibration-data", path("calib.npy"), "--eval-split",
        "0", "--quiet", "-o", path("style_int8.tflite"))
    mlir = run(os.path.join(tools, "qnt-translate"), "--import-tflite",
               path("style_int8.tflite"))
    if "qnt.mirror_pad" not in mlir:
        sys.exit("no qnt.mirror_pad in the int8 model")
    body = mlir[mlir.index("{"):]
    if re.search(r"-> tensor<[0-9x]*f32>", body):
        sys.exit("the int8 model kept float ops:\n" + mlir)
    in_scale, in_zp = params(mlir, r"func\.func @main\(")
    out_scale, out_zp = params(mlir, r"\) -> \(?")

    worst_rt, worst_ref = 0, 0.0
    for i in range(8, 12):
        q = np.clip(np.round(nhwc[i] / in_scale) + in_zp, -128, 127)
        np.save(path("q%d.npy" % i), q.astype(np.int8))
        np.save(path("x%d.npy" % i), x[i])
        run("node", tflite_runner, path("style_int8.tflite"), "--input",
            path("q%d.npy" % i), "-o", path("tfl%d" % i))
        run(os.path.join(tools, "qnt-run"), path("style_int8.tflite"),
            "--data", path("q%d.npy" % i), "-o", path("qnt%d" % i))
        run("node", onnx_runner, path("style.onnx"), "--input",
            path("x%d.npy" % i), "-o", path("ort%d" % i))
        tfl = np.load(path("tfl%d/output_0.npy" % i)).astype(np.int64)
        got = np.load(path("qnt%d/output_0.npy" % i)).astype(np.int64)
        want = np.load(path("ort%d/output_0.npy" % i)).transpose(0, 2, 3, 1)
        worst_rt = max(worst_rt, int(np.max(np.abs(tfl - got))))
        ref = (tfl - out_zp) * out_scale
        worst_ref = max(worst_ref, float(np.max(np.abs(ref - want))) /
                        out_scale)
    print("qnt-run vs TFLite runtime: max %d steps" % worst_rt)
    print("TFLite runtime vs ONNX Runtime float: max %.2f output steps" %
          worst_ref)
    ok = worst_rt <= 3 and worst_ref <= 8
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
