#!/usr/bin/python3
"""ONNX models of Pad with mode 'reflect' (TFLite MIRROR_PAD) and of
InstanceNormalization, the blocks of style-transfer generators (reflection
padding, convolution, instance norm), on graph inputs and after a
convolution (qnt's NHWC layout), and models the importer rejects; built
with make_models.G.

usage: reflect_instance_norm_models.py OUTDIR     writes every case
       reflect_instance_norm_models.py --list     float cases
"""

import sys

import numpy as np

import onnx_cases
from repeat_norm_models import build

CASES, case = onnx_cases.registry()


def instance_norm(g, x, c, epsilon=1e-5):
    scale = g.const(g.rng.uniform(0.5, 1.5, c).astype(np.float32))
    bias = g.const(g.rng.uniform(-0.5, 0.5, c).astype(np.float32))
    return g.op("InstanceNormalization", [x, scale, bias], epsilon=epsilon)


@case("reflect_pad_input")
def _(g):
    # Pads as large as reflect allows (size - 1) on H, uneven on W.
    return [1, 3, 4, 5], g.op("Pad", ["x", g.ints([0, 0, 3, 1, 0, 0, 1, 4])],
                              mode="reflect")


@case("reflect_pad_conv")
def _(g):
    # PyTorch's ReflectionPad2d(1) + Conv2d(3x3) after a convolution.
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    p = g.op("Pad", [c, g.ints([0, 0, 1, 1, 0, 0, 1, 1])], mode="reflect")
    return [1, 3, 6, 7], g.conv(p, 4, 4)


@case("reflect_pad_3d")
def _(g):
    return [2, 5, 6], g.op("Pad", ["x", g.ints([0, 1, 2, 0, 3, 5])],
                           mode="reflect")


@case("instance_norm_input")
def _(g):
    return [2, 3, 4, 5], instance_norm(g, "x", 3, epsilon=1e-2)


@case("instance_norm_conv")
def _(g):
    c = g.conv("x", 3, 6, pads=[1, 1, 1, 1])
    return [1, 3, 5, 6], instance_norm(g, c, 6)


@case("instance_norm_3d")
def _(g):
    return [2, 4, 7], instance_norm(g, "x", 4)


@case("style_block")
def _(g):
    # ReflectionPad2d(1), Conv2d(3x3), InstanceNorm2d(affine), ReLU.
    p = g.op("Pad", ["x", g.ints([0, 0, 1, 1, 0, 0, 1, 1])], mode="reflect")
    c = g.conv(p, 3, 8)
    return [1, 3, 8, 8], g.op("Relu", [instance_norm(g, c, 8)])


# Models the importer rejects (not in --list).
@case("err_edge_pad")
def _(g):
    return [1, 2, 3, 3], g.op("Pad", ["x", g.ints([0, 0, 1, 1, 0, 0, 1, 1])],
                              mode="edge")


@case("err_reflect_pad_size")
def _(g):
    return [1, 2, 3, 3], g.op("Pad", ["x", g.ints([0, 0, 3, 0, 0, 0, 0, 0])],
                              mode="reflect")


@case("err_instance_norm_scale")
def _(g):
    # The scale is computed, not a constant.
    s = g.op("ReduceMean", ["x"], axes=[0, 2, 3], keepdims=0)
    b = g.const(np.zeros(2, np.float32))
    return [1, 2, 3, 3], g.op("InstanceNormalization", ["x", s, b])


if __name__ == "__main__":
    onnx_cases.main(sys.argv, [n for n in CASES if not n.startswith("err_")],
                    lambda out: onnx_cases.write(out, CASES, build))
