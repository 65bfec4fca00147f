#!/usr/bin/python3
"""Writes models of opsets below 11 into OUTDIR, each with the attributes that
later opsets turned into inputs or removed, plus ones the import refuses.

usage: old_opset_models.py OUTDIR
"""

import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

F = onnx.TensorProto.FLOAT


def save(graph, opset, path):
    onnx.save(helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)]), path)


def main(argv):
    out = argv[1]
    rng = np.random.default_rng(7)

    # Upsample with a scales attribute (opset 7), Resize since opset 10.
    x = helper.make_tensor_value_info("x", F, [1, 2, 3, 4])
    y = helper.make_tensor_value_info("y", F, [1, 2, 6, 12])
    up = helper.make_node("Upsample", ["x"], ["y"], name="up",
                          mode="nearest", scales=[1.0, 1.0, 2.0, 3.0])
    save(helper.make_graph([up], "upsample7", [x], [y]), 7,
         "%s/upsample7.onnx" % out)
    np.save("%s/upsample7.input.npy" % out,
            rng.standard_normal((1, 2, 3, 4)).astype(np.float32))

    # Opset-7 attributes: BatchNormalization's spatial, Slice's starts and
    # ends, Pad's pads and value, Clip's min and max, Dropout's ratio.
    x = helper.make_tensor_value_info("x", F, [1, 3, 6, 6])
    y = helper.make_tensor_value_info("y", F, [1, 3, 6, 5])
    params = [numpy_helper.from_array(
        rng.uniform(0.5, 1.5, 3).astype(np.float32), n)
        for n in ("scale", "bias", "mean", "var")]
    nodes = [
        helper.make_node("BatchNormalization",
                         ["x", "scale", "bias", "mean", "var"], ["bn"],
                         name="bn", spatial=1, epsilon=1e-3),
        helper.make_node("Slice", ["bn"], ["sl"], name="slice",
                         axes=[2, 3], starts=[1, 0], ends=[5, 3]),
        helper.make_node("Pad", ["sl"], ["pad"], name="pad", mode="constant",
                         pads=[0, 0, 1, 1, 0, 0, 1, 1], value=0.5),
        helper.make_node("Clip", ["pad"], ["clip"], name="clip", min=-0.8,
                         max=1.2),
        helper.make_node("Dropout", ["clip"], ["y"], name="drop", ratio=0.3),
    ]
    save(helper.make_graph(nodes, "attrs7", [x], [y], params), 7,
         "%s/attrs7.onnx" % out)
    np.save("%s/attrs7.input.npy" % out,
            rng.standard_normal((1, 3, 6, 6)).astype(np.float32))

    # Errors. A PRelu slope of C values at opset 7 aligns with the last
    # dimension (2 here), not the channels.
    x = helper.make_tensor_value_info("x", F, [1, 3, 2, 2])
    y = helper.make_tensor_value_info("y", F, [1, 3, 2, 2])
    slope = numpy_helper.from_array(np.full(3, 0.25, np.float32), "slope")
    prelu = helper.make_node("PRelu", ["x", "slope"], ["y"], name="prelu")
    save(helper.make_graph([prelu], "prelu7", [x], [y], [slope]), 7,
         "%s/prelu_slope7.onnx" % out)

    relu = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])],
                             "relu", [x], [y])
    save(relu, 5, "%s/opset5.onnx" % out)

    # Opset 9 dropped spatial=0 (per-activation statistics); the converter
    # has no rewrite for it.
    params = [numpy_helper.from_array(np.ones(3, np.float32), n)
              for n in ("scale", "bias", "mean", "var")]
    bn = helper.make_node("BatchNormalization",
                          ["x", "scale", "bias", "mean", "var"], ["y"],
                          name="bn", spatial=0)
    save(helper.make_graph([bn], "bn8", [x], [y], params), 8,
         "%s/bn_spatial0_8.onnx" % out)

    # A node without the inputs its opset requires, which the converter would
    # read past the end of.
    add = helper.make_node("Add", ["x"], ["y"], name="add")
    save(helper.make_graph([add], "add6", [x], [y]), 6,
         "%s/add_one_input6.onnx" % out)

    # A node output that redefines a graph input (the converter's graph is
    # single-assignment and crashed on it).
    add = helper.make_node("Add", ["x", "x"], ["x"], name="add")
    save(helper.make_graph([add], "redefine6", [x], [x]), 6,
         "%s/redefine6.onnx" % out)

    # A graph output nothing defines (the converter crashed on it).
    z = helper.make_tensor_value_info("z", F, [1, 3, 2, 2])
    relu = helper.make_node("Relu", ["x"], ["y"], name="relu")
    save(helper.make_graph([relu], "undefined6", [x], [z]), 6,
         "%s/undefined_output6.onnx" % out)

    # Resize did not exist before opset 10.
    roi = numpy_helper.from_array(np.zeros(0, np.float32), "roi")
    resize = helper.make_node("Resize", ["x", "roi"], ["y"], name="resize")
    save(helper.make_graph([resize], "resize9", [x], [y], [roi]), 9,
         "%s/resize9.onnx" % out)

    # Attributes of the wrong type, which the converter reads unchecked.
    pad = helper.make_node("Pad", ["x"], ["y"], name="pad", mode=1,
                           pads=[0, 0, 1, 1, 0, 0, 1, 1])
    save(helper.make_graph([pad], "pad10", [x], [y]), 10,
         "%s/pad_int_mode10.onnx" % out)

    # An opset-6 Gemm of a 1-D operand: the converter's Gemm step indexes a
    # second dimension.
    a = helper.make_tensor_value_info("a", F, [4])
    b = numpy_helper.from_array(np.ones((4, 2), np.float32), "b")
    c = numpy_helper.from_array(np.ones(2, np.float32), "c")
    gemm = helper.make_node("Gemm", ["a", "b", "c"], ["y"], name="gemm",
                            transA=1)
    save(helper.make_graph([gemm], "gemm6", [a],
                           [helper.make_tensor_value_info("y", F, None)],
                           [b, c]), 6, "%s/gemm_rank1_6.onnx" % out)

    # A zero stride, which ONNX's inference (run before the upgrade)
    # divides by.
    conv = helper.make_node("Conv", ["x", "w"], ["y"], name="conv",
                            strides=[0, 1])
    save(helper.make_graph([conv], "stride0", [x], [y],
                           [numpy_helper.from_array(
                               np.ones((3, 3, 1, 1), np.float32), "w")]), 9,
         "%s/conv_stride0_9.onnx" % out)

    # Opset-6 broadcasting at an axis: a [3] bias added along the channels
    # of a conv's [1, 3, 2, 2] result, and an axis that aligns nothing.
    w = numpy_helper.from_array(np.ones((3, 3, 1, 1), np.float32), "w")
    bias = numpy_helper.from_array(np.array([1, 2, 3], np.float32), "bias")
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv"),
             helper.make_node("Add", ["c", "bias"], ["y"], name="add",
                              broadcast=1, axis=1)]
    save(helper.make_graph(nodes, "bias6", [x], [y], [w, bias]), 6,
         "%s/bias_axis6.onnx" % out)
    nodes[1] = helper.make_node("Add", ["c", "bias"], ["y"], name="add",
                                broadcast=1, axis=4)
    save(helper.make_graph(nodes, "bias6", [x], [y], [w, bias]), 6,
         "%s/bias_bad_axis6.onnx" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
