#!/usr/bin/python3
"""ONNX models of the operators qnt composes from other ops at import:
activations (Softplus, Mish as Softplus -> Tanh -> Mul, Elu with any alpha,
Selu) and reductions (ReduceLogSumExp, ReduceL2, ReduceL1, ReduceSumSquare,
ReduceLogSum), each after a convolution so that its input lives in qnt's
NHWC layout, built like gather_reduce_models.py.

usage: composed_models.py OUTDIR        writes every case
       composed_models.py --list        float cases
       composed_models.py --check-int8 BINDIR SRCROOT OUTDIR CASE...
           each CASE through qnt-convert --mode int8, run in the TFLite
           runtime, must match ONNX Runtime's float model within four
           quantization steps of its output (the convolution before it
           alone is off by about one; Softplus as log(1 + e^x), whose e^x
           spans [0, e^max] in int8, is off by 17)
"""

import os
import sys

import numpy as np

import onnx_cases
from gather_reduce_models import build
from onnx_cases import run

CASES, case = onnx_cases.registry(seeded=True)


def conv(g, cin=3, cout=4):
    return g.conv("x", cin, cout, pads=[1, 1, 1, 1])


@case("softplus")
def _(g):
    return [1, 3, 5, 6], g.op("Softplus", [conv(g)])


# Inputs far past exp's float32 overflow (x > 88) and far below 0.
@case("softplus_large")
def _(g):
    big = g.op("Mul", ["x", g.const(np.float32(100.0))])
    return [1, 3, 5, 6], g.op("Softplus", [big])


@case("mish")
def _(g):
    c = conv(g)
    t = g.op("Tanh", [g.op("Softplus", [c])])
    return [1, 3, 5, 6], g.op("Mul", [c, t])


@case("elu_alpha")
def _(g):
    return [1, 3, 5, 6], g.op("Elu", [conv(g)], alpha=2.0)


@case("elu_alpha_small")
def _(g):
    return [1, 3, 5, 6], g.op("Elu", [conv(g)], alpha=0.25)


@case("selu_default")
def _(g):
    return [1, 3, 5, 6], g.op("Selu", [conv(g)])


@case("selu_attrs")
def _(g):
    return [1, 3, 5, 6], g.op("Selu", [conv(g)], alpha=2.0, gamma=3.0)


# Values up to about 230 (e^x overflows float32 above 88), kept and
# dropped axes.
@case("reduce_log_sum_exp")
def _(g):
    c = conv(g)
    big = g.op("Mul", [c, g.const(np.float32(30.0))])
    a = g.op("ReduceLogSumExp", [big], axes=[1], keepdims=1)
    b = g.op("ReduceLogSumExp", [c], axes=[2, -1], keepdims=0)
    return [1, 3, 5, 6], [a, b]


@case("reduce_l2_l1_sum_square_log_sum")
def _(g):
    c = conv(g)
    l2 = g.op("ReduceL2", [c], axes=[1], keepdims=0)
    l1 = g.op("ReduceL1", [c], axes=[2, 3])
    sq = g.op("ReduceSumSquare", [c], axes=[-1])
    ls = g.op("ReduceLogSum", [g.op("Relu", [c])], axes=[1, 2], keepdims=0)
    return [1, 3, 5, 6], [l2, l1, sq, ls]



def check_int8(bindir, src, outdir, cases):
    onnx_runner = os.path.join(src, "utils", "onnx-runner", "run.js")
    tflite_runner = os.path.join(src, "utils", "tflite-runner", "run.js")
    failures = 0
    for name in cases:
        base = os.path.join(outdir, name)
        fn, opset, seed = CASES[name]
        g_shape = build(name, fn, opset, seed)[1].shape
        # 4 samples: calibrate on all of them, check each.
        x = np.random.RandomState(7).uniform(-2, 2, (4,) + g_shape)
        x = x.astype(np.float32)
        nhwc = np.ascontiguousarray(x[:, 0].transpose(0, 2, 3, 1))
        np.save(base + ".calib.npy", nhwc)
        run(os.path.join(bindir, "qnt-convert"), base + ".onnx", "--mode",
            "int8", "--calibration-data", base + ".calib.npy",
            "--eval-split", "0", "--quiet", "-o", base + ".int8.tflite")
        want, got = [], []
        for i in range(len(x)):
            np.save(base + ".x%d.npy" % i, x[i])
            np.save(base + ".x%d_nhwc.npy" % i, nhwc[i:i + 1])
            run("node", onnx_runner, base + ".onnx", "--input",
                base + ".x%d.npy" % i, "-o", base + ".ort%d" % i)
            run("node", tflite_runner, base + ".int8.tflite", "--input",
                base + ".x%d_nhwc.npy" % i, "-o", base + ".tfl%d" % i)
            w = np.load(base + ".ort%d/output_0.npy" % i)
            want.append(w.transpose(0, 2, 3, 1) if w.ndim == 4 else w)
            got.append(np.load(base + ".tfl%d/output_0.npy" % i))
        want, got = np.concatenate(want), np.concatenate(got)
        # The output's int8 range spans the calibrated range and 0.
        step = (max(want.max(), 0) - min(want.min(), 0)) / 255
        worst = float(np.max(np.abs(want - got)))
        ok = worst <= 4 * step
        print("%s int8: max abs error %.4f, %.2f steps %s" % (
            name, worst, worst / step, "ok" if ok else "MISMATCH"))
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "--check-int8":
        sys.exit(check_int8(*sys.argv[2:5], sys.argv[5:]))
    onnx_cases.main(sys.argv, [n for n in CASES if not n.startswith("err_")],
                    lambda out: onnx_cases.write(out, CASES, build))
