#!/usr/bin/python3
"""The 1-D networks of conv1d_models.py (conv1d_net: Conv1d, ReLU, MaxPool1d,
Conv1d, GlobalAveragePool, Flatten, Gemm; torch_net: the same kind of
network exported by torch, with BatchNorm1d, a depthwise Conv1d and
AvgPool1d) through qnt-convert --mode int8-only on random calibration data,
run by qnt-run and by the TFLite runtime on the same int8 inputs: the two
must agree within one step, and the runtime's output must follow ONNX
Runtime on the float model within a few output steps.

usage: conv1d_int8.py TOOLS_DIR TFLITE_RUNNER_JS ONNX_RUNNER_JS WORK_DIR
"""
import os
import re
import sys

import numpy as np

from onnx_cases import params, run

HERE = os.path.dirname(os.path.abspath(__file__))


def check(name, tools, tflite_runner, onnx_runner, work):
    path = lambda f: os.path.join(work, name + "." + f)
    run(sys.executable, os.path.join(HERE, "conv1d_models.py"), work, name)
    shape = np.load(path("input.npy")).shape
    # Samples of the [1, C, W] input, stacked on the batch axis.
    x = np.random.RandomState(3).standard_normal(
        (24,) + shape[1:]).astype(np.float32)
    # Calibrated on every sample it runs, so that nothing saturates.
    np.save(path("calib.npy"), x)
    run(os.path.join(tools, "qnt-convert"), path("onnx"), "--mode",
        "int8-only", "--calibration-data", path("calib.npy"), "--eval-split",
        "0", "--quiet", "-o", path("int8.tflite"))
    mlir = run(os.path.join(tools, "qnt-translate"), "--import-tflite",
               path("int8.tflite"))
    body = mlir[mlir.index("{"):]
    if re.search(r"-> tensor<[0-9x]*f32>", body):
        sys.exit("%s: the int8 model kept float ops:\n%s" % (name, mlir))
    if "qnt.conv_2d" not in body:
        sys.exit("%s: no qnt.conv_2d in the int8 model" % name)
    in_scale, in_zp = params(mlir, r"func\.func @main\(")
    out_scale, out_zp = params(mlir, r"\) -> \(?")

    worst_rt, worst_ref = 0, 0.0
    for i in range(16, 24):
        q = np.clip(np.round(x[i:i + 1] / in_scale) + in_zp, -128, 127)
        np.save(path("q%d.npy" % i), q.astype(np.int8))
        np.save(path("x%d.npy" % i), x[i:i + 1])
        run("node", tflite_runner, path("int8.tflite"), "--input",
            path("q%d.npy" % i), "-o", path("tfl%d" % i))
        run(os.path.join(tools, "qnt-run"), path("int8.tflite"), "--data",
            path("q%d.npy" % i), "-o", path("qnt%d" % i))
        run("node", onnx_runner, path("onnx"), "--input",
            path("x%d.npy" % i), "-o", path("ort%d" % i))
        tfl = np.load(path("tfl%d/output_0.npy" % i)).astype(np.int64)
        got = np.load(path("qnt%d/output_0.npy" % i)).astype(np.int64)
        want = np.load(path("ort%d/output_0.npy" % i))
        worst_rt = max(worst_rt, int(np.max(np.abs(tfl - got))))
        worst_ref = max(worst_ref, float(np.max(np.abs(
            (tfl - out_zp) * out_scale - want))) / out_scale)
    print("%s: qnt-run vs TFLite runtime: max %d steps" % (name, worst_rt))
    print("%s: TFLite runtime vs ONNX Runtime float: max %.2f output steps" %
          (name, worst_ref))
    return worst_rt <= 1 and worst_ref <= 4


def main():
    tools, tflite_runner, onnx_runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    ok = all([check(name, tools, tflite_runner, onnx_runner, work)
              for name in ("conv1d_net", "torch_net")])
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
