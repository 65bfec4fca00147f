#!/usr/bin/python3
"""ONNX models of DepthToSpace (modes DCR and CRD, on a graph input and after
a convolution, whose output lives in qnt's NHWC layout) and LogSoftmax
(opset 11's coercion to 2-D at `axis`, opset 13's single axis), built with
gather_reduce_models.build.

usage: depth_to_space_models.py OUTDIR     writes every case
       depth_to_space_models.py --list     cases the importer accepts
"""

import os
import sys

import onnx
from onnx import TensorProto, helper

import onnx_cases
from gather_reduce_models import build

CASES, case = onnx_cases.registry(seeded=True)


@case("d2s_dcr_conv")
def _(g):
    c = g.conv("x", 3, 12, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], g.op("DepthToSpace", [c], blocksize=2)


@case("d2s_crd_conv")
def _(g):
    c = g.conv("x", 3, 12, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], g.op("DepthToSpace", [c], blocksize=2, mode="CRD")


# On the NCHW graph input, block 3, two output channels.
@case("d2s_crd_input_b3", opset=11)
def _(g):
    return [2, 18, 2, 3], g.op("DepthToSpace", ["x"], blocksize=3, mode="CRD")


@case("d2s_dcr_input_b3", opset=11)
def _(g):
    return [2, 18, 2, 3], g.op("DepthToSpace", ["x"], blocksize=3, mode="DCR")


# One output channel (ESPCN's last layer): both modes read the same channels.
@case("d2s_crd_one_channel")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], g.op("DepthToSpace", [c], blocksize=2, mode="CRD")


# Opset 11: the input is seen as [2, 3 * 4] (axis 1, the default).
@case("log_softmax_11_default", opset=11)
def _(g):
    return [2, 3, 4], g.op("LogSoftmax", ["x"])


@case("log_softmax_11_axis2", opset=11)
def _(g):
    return [2, 3, 4, 5], g.op("LogSoftmax", ["x"], axis=2)


# Opset 13: one axis, not the last.
@case("log_softmax_13_axis1")
def _(g):
    return [2, 3, 4], g.op("LogSoftmax", ["x"], axis=1)


# After a convolution: over the channels (stored last) and over the width.
@case("log_softmax_13_conv")
def _(g):
    c = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 4, 5], [g.op("LogSoftmax", [c], axis=1),
                          g.op("LogSoftmax", [c])]


def write(outdir):
    onnx_cases.write(outdir, CASES, build)
    # A mode the ONNX checker accepts but the operator does not define.
    model, _ = build("d2s_dcr_input_b3", CASES["d2s_dcr_input_b3"][0], 11,
                     "d2s_dcr_input_b3")
    model.graph.node[0].attribute[1].s = b"RCD"
    onnx.save(model, os.path.join(outdir, "err_d2s_mode.onnx"))
    # Sizes ONNX's shape inference would refuse, written without it.
    for name, block, out_shape in (("err_d2s_channels", 3, [1, 0, 6, 9]),
                                   ("err_d2s_block", 0, [1, 8, 2, 3])):
        graph = helper.make_graph(
            [helper.make_node("DepthToSpace", ["x"], ["y"], blocksize=block,
                              name="DepthToSpace_1")], name,
            [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                           [1, 8, 2, 3])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, out_shape)])
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", 13)])
        model.ir_version = 8
        onnx.save(model, os.path.join(outdir, name + ".onnx"))


if __name__ == "__main__":
    onnx_cases.main(sys.argv, CASES, write)
