#!/usr/bin/python3
"""ONNX models of ReduceSum, ReduceMax, ReduceMin, GlobalMaxPool, Gather of
activations, SpaceToDepth and ArgMax after a convolution (so that their input
lives in qnt's NHWC layout), built with make_models.build.

usage: gather_reduce_models.py OUTDIR              writes every case
       gather_reduce_models.py --list              float cases
       gather_reduce_models.py --check-argmax BINDIR SRCROOT OUTDIR
           qnt-run on the imported ArgMax and ArgMin models must give
           numpy's argmax and argmin of ONNX Runtime's convolution exactly
"""

import os
import sys

import numpy as np

import onnx
from onnx import TensorProto, helper

import onnx_cases
from make_models import G
from onnx_cases import run

CASES, case = onnx_cases.registry(seeded=True)
INT_CASES = ["argmax", "argmin", "argmax_conv"]


@case("reduce_sum_axes_input")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 5, 6], g.op("ReduceSum", [c, g.ints([1, -1])], keepdims=0)


@case("reduce_max_min", opset=11)
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    mx = g.op("ReduceMax", [c], axes=[2, 3], keepdims=1)
    mn = g.op("ReduceMin", [c], axes=[1], keepdims=0)
    return [1, 3, 5, 6], [mx, mn]


@case("reduce_sum_all")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 5, 6], g.op("ReduceSum", [c], keepdims=1)


@case("global_maxpool")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 5, 6], g.op("GlobalMaxPool", [c])


@case("gather_channels")
def _(g):
    c = g.conv("x", 3, 5, pads=[1, 1, 1, 1])
    return [1, 3, 4, 6], g.op("Gather", [c, g.ints([4, 0, -2, 4])], axis=1)


@case("gather_scalar_width")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    idx = g.const(np.array(-1, dtype=np.int64))
    return [1, 3, 4, 6], g.op("Gather", [c, idx], axis=3)


@case("space_to_depth")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 4, 6], g.op("SpaceToDepth", [c], blocksize=2)


@case("argmax")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    a = g.op("ArgMax", [c], axis=1, keepdims=1)
    b = g.op("ArgMax", [c], axis=-1, keepdims=0)
    return [1, 3, 4, 6], [a, b]


@case("argmin", seed="argmax")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    a = g.op("ArgMin", [c], axis=1, keepdims=1)
    b = g.op("ArgMin", [c], axis=-2, keepdims=0)
    return [1, 3, 4, 6], [a, b]


# The convolution of "argmax" and "argmin" alone (same seed, so the same
# weights): the ONNX runner writes no int64 outputs, so their expected values
# are numpy's argmax and argmin of ONNX Runtime's convolution.
@case("argmax_conv", seed="argmax")
def _(g):
    return [1, 3, 4, 6], g.conv("x", 3, 4, pads=[1, 1, 1, 1])


# Models the importer rejects (not in --list).
@case("err_argmax_last")
def _(g):
    return [1, 4, 3], g.op("ArgMax", ["x"], axis=1, select_last_index=1)


@case("err_argmin_last")
def _(g):
    return [1, 4, 3], g.op("ArgMin", ["x"], axis=1, select_last_index=1)


@case("err_gather_index")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 4, 6], g.op("Gather", [c, g.ints([0, 4])], axis=1)


@case("err_gather_indices_input")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    k = g.op("ArgMax", [c], axis=1, keepdims=0)
    return [1, 3, 4, 6], g.op("Gather", [c, k], axis=1)


@case("err_reduce_noop")
def _(g):
    return [1, 4, 3], g.op("ReduceSum", ["x"], noop_with_empty_axes=1)


def build(name, fn, opset, seed):
    """A model with the output types and shapes ONNX infers (int64 for
    ArgMax), checked by ONNX's checker, and a seeded input."""
    g = G(name, sum(map(ord, seed)))
    in_shape, out = fn(g)
    outs = out if isinstance(out, list) else [out]
    graph = helper.make_graph(
        g.nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, in_shape)],
        [helper.make_empty_tensor_value_info(o) for o in outs], g.inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)],
        producer_name="qnt-tests")
    model.ir_version = 8
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    known = {v.name: v for v in inferred.graph.value_info}
    for info in model.graph.output:
        info.CopyFrom(known[info.name])
    onnx.checker.check_model(model, full_check=True)
    return model, g.rng.uniform(-2, 2, in_shape).astype(np.float32)


def check_argmax(bindir, src, outdir):
    conv = os.path.join(outdir, "argmax_conv")
    run("node", os.path.join(src, "utils", "onnx-runner", "run.js"),
        conv + ".onnx", "--input", conv + ".input.npy", "-o", conv + ".ort")
    c = np.load(os.path.join(conv + ".ort", "output_0.npy"))
    cases = {"argmax": [np.argmax(c, axis=1)[:, None], np.argmax(c, axis=-1)],
             "argmin": [np.argmin(c, axis=1)[:, None], np.argmin(c, axis=-2)]}
    failures = 0
    for name, expected in cases.items():
        base = os.path.join(outdir, name)
        run(os.path.join(bindir, "qnt-translate"), "--import-onnx",
            base + ".onnx", "-o", base + ".mlir")
        run(os.path.join(bindir, "qnt-run"), base + ".mlir", "--data",
            base + ".input.npy", "-o", base + ".qnt")
        for k, e in enumerate(expected):
            q = np.load(os.path.join(base + ".qnt", "output_%d.npy" % k))
            same = (q.dtype == np.int64 and q.shape == e.shape and
                    (q == e).all())
            print("%s output %d: %s %s %s" % (name, k, q.dtype, q.shape,
                                              "equal" if same else
                                              "MISMATCH"))
            failures += not same
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "--check-argmax":
        sys.exit(check_argmax(*sys.argv[2:5]))
    onnx_cases.main(sys.argv, [n for n in CASES if not n.startswith("err_")
                               and n not in INT_CASES],
                    lambda out: onnx_cases.write(out, CASES, build))
