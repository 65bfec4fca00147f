#!/usr/bin/python3
"""ONNX models of Tile, Expand and LpNormalization after a convolution (so
that their input lives in qnt's NHWC layout), of constant Tile and Expand
(folded at import), and models the importer rejects, built with
make_models.G.

usage: repeat_norm_models.py OUTDIR     writes every case
       repeat_norm_models.py --list     float cases
"""

import sys

import numpy as np

import onnx
from onnx import TensorProto, helper

import onnx_cases
from make_models import G

CASES, case = onnx_cases.registry()


@case("tile_channels_width")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], g.op("Tile", [c, g.ints([1, 2, 1, 3])])


@case("expand_pooled")
def _(g):
    # A squeeze-and-excitation-like pattern: per-channel means expanded back
    # to the image and subtracted.
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    m = g.op("GlobalAveragePool", [c])
    e = g.op("Expand", [m, g.ints([1, 4, 5, 6])])
    return [1, 3, 5, 6], g.op("Sub", [c, e])


@case("expand_adds_dims")
def _(g):
    return [3, 1], g.op("Expand", ["x", g.ints([2, 1, 3, 4])])


@case("lp_norm_channels")
def _(g):
    c = g.conv("x", 3, 6, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], g.op("LpNormalization", [c], axis=1, p=2)


@case("lp_norm_width")
def _(g):
    c = g.conv("x", 3, 6, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], g.op("LpNormalization", [c], axis=-1, p=2)


@case("const_tile_expand")
def _(g):
    w = g.const(np.arange(6, dtype=np.float32).reshape(1, 2, 3) / 4)
    t = g.op("Tile", [w, g.ints([2, 1, 2])])
    e = g.op("Expand", [g.const(np.array([[0.5], [-1.0]], np.float32)),
                        g.ints([2, 2, 6])])
    s = g.op("Add", [t, e])
    return [2, 2, 6], g.op("Mul", ["x", s])


# Models the importer rejects (not in --list).
@case("err_lp_norm_p1")
def _(g):
    return [1, 4, 3], g.op("LpNormalization", ["x"], axis=1, p=1)


@case("err_tile_repeats_input")
def _(g):
    r = g.op("ArgMax", ["x"], axis=0, keepdims=1)
    return [3], g.op("Tile", ["x", r])


def build(name, fn, opset):
    g = G(name, sum(map(ord, name)))
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


if __name__ == "__main__":
    onnx_cases.main(sys.argv, [n for n in CASES if not n.startswith("err_")],
                    lambda out: onnx_cases.write(out, CASES, build))
