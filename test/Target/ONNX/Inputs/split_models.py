#!/usr/bin/python3
"""ONNX Split models built with onnx.helper, their inputs and the outputs
np.split gives, and malformed variants.

usage: split_models.py OUTDIR

Writes OUTDIR/<case>.onnx, OUTDIR/<case>.input.npy and, for the cases
without a Conv, OUTDIR/<case>.expected<k>.npy; bad_<case>.onnx break one
rule each.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def model(name, x_shape, n_out, opset, split=None, split_attr=None, axis=None,
          conv=False, split_input_name=None, out_shapes=None, extra_inputs=()):
    """x -> [Conv ->] Split -> n_out graph outputs."""
    inits, nodes = [], []
    src = "x"
    if conv:
        rng = np.random.RandomState(3)
        cin, cout = x_shape[1], 5
        inits.append(numpy_helper.from_array(
            rng.standard_normal((cout, cin, 3, 3)).astype(np.float32) * 0.3, "w"))
        nodes.append(helper.make_node("Conv", ["x", "w"], ["conv"], name="conv",
                                      pads=[1, 1, 1, 1]))
        src = "conv"
    inputs = [src]
    if split is not None:
        inits.append(numpy_helper.from_array(np.asarray(split), "split"))
        inputs.append("split")
    if split_input_name is not None:
        inputs.append(split_input_name)
    inputs += list(extra_inputs)
    attrs = {}
    if axis is not None:
        attrs["axis"] = axis
    if split_attr is not None:
        attrs["split"] = split_attr
    outs = ["part%d" % k for k in range(n_out)]
    nodes.append(helper.make_node("Split", inputs, outs, name="split_node", **attrs))
    graph_inputs = [helper.make_tensor_value_info("x", F, x_shape)]
    if split_input_name is not None:
        graph_inputs.append(helper.make_tensor_value_info(split_input_name,
                                                          TensorProto.INT64, [n_out]))
    graph = helper.make_graph(
        nodes, name, graph_inputs,
        [helper.make_tensor_value_info(o, F, out_shapes[k] if out_shapes else None)
         for k, o in enumerate(outs)], inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="qnt-tests")
    m.ir_version = 8
    return m


def main():
    out = sys.argv[1]
    rng = np.random.RandomState(0)
    good = {
        # opset 13: the sizes are a constant second input.
        "split_input": (model("split_input", [3, 6], 3, 13, split=np.int64([1, 4, 1]), axis=1),
                        [3, 6], lambda x: np.split(x, [1, 5], axis=1)),
        # opset 13 without sizes: equal parts, axis 0 by default.
        "split_equal": (model("split_equal", [4, 3], 2, 13),
                        [4, 3], lambda x: np.split(x, 2, axis=0)),
        # opset 11: the sizes are an attribute; a negative axis.
        "split_attr_v11": (model("split_attr_v11", [2, 7, 2], 2, 11, split_attr=[3, 4], axis=-2),
                           [2, 7, 2], lambda x: np.split(x, [3], axis=-2)),
        "split_equal_v11": (model("split_equal_v11", [2, 6], 3, 11, axis=-1),
                            [2, 6], lambda x: np.split(x, 3, axis=-1)),
        # Channels of a conv output, which qnt holds NHWC.
        "split_conv_channels": (model("split_conv_channels", [1, 3, 4, 4], 2, 13,
                                      split=np.int64([2, 3]), axis=1, conv=True),
                                [1, 3, 4, 4], None),
    }
    for name, (m, shape, reference) in good.items():
        onnx.save(m, os.path.join(out, name + ".onnx"))
        x = (rng.standard_normal(shape) * 3).astype(np.float32)
        np.save(os.path.join(out, name + ".input.npy"), x)
        if reference:
            for k, y in enumerate(reference(x)):
                np.save(os.path.join(out, "%s.expected%d.npy" % (name, k)),
                        np.ascontiguousarray(y))

    bad = {
        "split_sum": model("b", [3, 6], 2, 13, split=np.int64([2, 3]), axis=1,
                           out_shapes=[[3, 2], [3, 3]]),
        "split_negative": model("b", [3, 6], 2, 13, split=np.int64([7, -1]), axis=1,
                                out_shapes=[[3, 7], [3, 1]]),
        "split_too_big": model("b", [3, 6], 2, 13, split=np.int64([5, 4]), axis=1,
                               out_shapes=[[3, 5], [3, 4]]),
        "split_count": model("b", [3, 6], 2, 13, split=np.int64([2, 2, 2]), axis=1,
                             out_shapes=[[3, 2], [3, 2]]),
        "split_float": model("b", [3, 6], 2, 13, split=np.float32([3, 3]), axis=1,
                             out_shapes=[[3, 3], [3, 3]]),
        "split_2d": model("b", [3, 6], 2, 13, split=np.int64([[3, 3]]), axis=1,
                          out_shapes=[[3, 3], [3, 3]]),
        "split_not_const": model("b", [3, 6], 2, 13, split_input_name="sizes", axis=1,
                                 out_shapes=[[3, 3], [3, 3]]),
        "split_not_divisible": model("b", [3, 7], 2, 13, axis=1,
                                     out_shapes=[[3, 3], [3, 4]]),
        "split_axis": model("b", [3, 6], 2, 13, axis=2, out_shapes=[[3, 3], [3, 3]]),
        "split_empty": model("b", [3, 6], 2, 13, split=np.int64([6, 0]), axis=1,
                             out_shapes=[[3, 6], [3, 0]]),
        "split_attr_v13": model("b", [3, 6], 2, 13, split_attr=[3, 3], axis=1,
                                out_shapes=[[3, 3], [3, 3]]),
        "split_input_v11": model("b", [3, 6], 2, 11, split=np.int64([3, 3]), axis=1,
                                 out_shapes=[[3, 3], [3, 3]]),
        "split_shape": model("b", [3, 6], 2, 13, axis=1, out_shapes=[[3, 3], [3, 2]]),
    }
    m = model("b", [3, 6], 2, 13, axis=1, out_shapes=[[3, 3], [3, 3]])
    m.graph.node[0].output[1] = ""
    m.graph.output.pop()
    bad["split_unnamed_output"] = m
    # No outputs at all: ONNX's shape inference would divide by the count.
    m = model("b", [3, 6], 1, 13, axis=1, out_shapes=[[3, 6]])
    del m.graph.node[0].output[:]
    m.graph.output[0].name = "x"
    bad["split_no_outputs"] = m
    for name, m in bad.items():
        onnx.save(m, os.path.join(out, "bad_" + name + ".onnx"))


if __name__ == "__main__":
    main()
