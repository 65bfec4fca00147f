#!/usr/bin/python3
"""Writes small ONNX models built with onnx.helper, one per case, and an input
for each: OUTDIR/<case>.onnx and OUTDIR/<case>.input.npy (float32, seeded).

usage: make_models.py OUTDIR [CASE...]     (no CASE: all of them)
       make_models.py OUTDIR --errors     (models the importer rejects)
       make_models.py --list
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import onnx_cases

F = TensorProto.FLOAT
CASES, case = onnx_cases.registry()


class G:
    """Collects nodes and initializers of one graph."""

    def __init__(self, name, seed):
        self.name = name
        self.rng = np.random.RandomState(seed)
        self.nodes = []
        self.inits = []
        self.count = 0

    def const(self, array, name=None):
        name = name or "c%d" % len(self.inits)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def weight(self, *shape, scale=0.5):
        return self.const(
            (self.rng.standard_normal(shape) * scale).astype(np.float32))

    def ints(self, values):
        return self.const(np.array(values, dtype=np.int64))

    def op(self, op_type, inputs, n_out=1, **attrs):
        self.count += 1
        outs = ["%s_%d" % (op_type.lower(), self.count + k * 100)
                for k in range(n_out)]
        self.nodes.append(helper.make_node(
            op_type, inputs, outs, name="%s_%d" % (op_type, self.count),
            **attrs))
        return outs[0] if n_out == 1 else outs

    def conv(self, x, cin, cout, k=3, group=1, bias=True, **attrs):
        w = self.weight(cout, cin // group, k, k)
        ins = [x, w] + ([self.weight(cout, scale=0.1)] if bias else [])
        return self.op("Conv", ins, group=group, **attrs)


def build(name, fn, opset):
    g = G(name, sum(map(ord, name)))
    in_shape, out, *out_shape = fn(g)
    outs = out if isinstance(out, list) else [out]
    graph = helper.make_graph(
        g.nodes, name, [helper.make_tensor_value_info("x", F, in_shape)],
        [helper.make_tensor_value_info(o, F, None) for o in outs], g.inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)],
        producer_name="qnt-tests")
    model.ir_version = 8
    # Output shapes as ONNX infers them; the intermediate ones are left out
    # so that the importer infers them itself.
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True,
                                                 data_prop=True)
    known = {v.name: v for v in list(inferred.graph.value_info) +
             list(inferred.graph.output)}
    for out_info in model.graph.output:
        if out_shape:
            # A shape ONNX's inference cannot compute in Python.
            out_info.CopyFrom(helper.make_tensor_value_info(
                out_info.name, F, out_shape[0]))
        else:
            out_info.CopyFrom(known[out_info.name])
    onnx.checker.check_model(model, full_check=True)
    x = g.rng.uniform(-2, 2, in_shape).astype(np.float32)
    return model, x


# Convolutions -----------------------------------------------------------

@case("conv_same")
def _(g):
    return [1, 3, 8, 8], g.conv("x", 3, 4, pads=[1, 1, 1, 1])


@case("conv_valid_stride", opset=11)
def _(g):
    return [1, 3, 9, 9], g.conv("x", 3, 4, bias=False, strides=[2, 2])


@case("conv_pad_explicit")
def _(g):
    # Pads 1 on both sides with stride 2 on 8x8 are not TFLite's SAME.
    return [1, 3, 8, 8], g.conv("x", 3, 4, strides=[2, 2], pads=[1, 1, 1, 1])


@case("conv_dilated", opset=17)
def _(g):
    return [1, 2, 9, 9], g.conv("x", 2, 3, dilations=[2, 2], pads=[2, 2, 2, 2])


@case("conv_group")
def _(g):
    return [1, 4, 6, 6], g.conv("x", 4, 6, group=2, pads=[1, 1, 1, 1])


@case("conv_depthwise")
def _(g):
    return [1, 4, 6, 6], g.conv("x", 4, 8, group=4, pads=[1, 1, 1, 1])


@case("conv_bn_relu")
def _(g):
    y = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    c = 4
    y = g.op("BatchNormalization",
             [y, g.const(g.rng.uniform(0.5, 1.5, c).astype(np.float32)),
              g.weight(c), g.weight(c),
              g.const(g.rng.uniform(0.5, 2, c).astype(np.float32))],
             epsilon=1e-3)
    return [1, 3, 6, 6], g.op("Relu", [y])


@case("conv_clip6", opset=11)
def _(g):
    y = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 6, 6], g.op("Clip", [y, g.const(np.float32(0)),
                                       g.const(np.float32(6))])


@case("conv_transpose_same")
def _(g):
    w = g.weight(3, 2, 4, 4)
    return [1, 3, 5, 5], g.op("ConvTranspose", ["x", w, g.weight(2)],
                              strides=[2, 2], pads=[1, 1, 1, 1])


@case("conv_transpose_crop")
def _(g):
    w = g.weight(3, 2, 3, 3)
    return [1, 3, 5, 5], g.op("ConvTranspose", ["x", w], strides=[2, 2],
                              pads=[1, 1, 1, 1], output_padding=[1, 1])


@case("conv_transpose_valid")
def _(g):
    w = g.weight(3, 2, 2, 2)
    return [1, 3, 4, 4], g.op("ConvTranspose", ["x", w], strides=[2, 2])


# Pooling and reductions --------------------------------------------------

@case("maxpool")
def _(g):
    return [1, 3, 8, 8], g.op("MaxPool", ["x"], kernel_shape=[2, 2],
                              strides=[2, 2])


@case("maxpool_pad", opset=11)
def _(g):
    return [1, 3, 8, 8], g.op("MaxPool", ["x"], kernel_shape=[3, 3],
                              strides=[2, 2], pads=[1, 1, 1, 1])


@case("maxpool_ceil")
def _(g):
    return [1, 2, 7, 7], g.op("MaxPool", ["x"], kernel_shape=[2, 2],
                              strides=[2, 2], ceil_mode=1)


@case("avgpool_same")
def _(g):
    return [1, 3, 6, 6], g.op("AveragePool", ["x"], kernel_shape=[3, 3],
                              pads=[1, 1, 1, 1])


@case("avgpool_count_pad", opset=17)
def _(g):
    return [1, 3, 6, 6], g.op("AveragePool", ["x"], kernel_shape=[3, 3],
                              pads=[1, 1, 1, 1], count_include_pad=1)


@case("global_avgpool")
def _(g):
    y = g.conv("x", 3, 5, pads=[1, 1, 1, 1])
    y = g.op("GlobalAveragePool", [y])
    return [1, 3, 5, 5], g.op("Flatten", [y])


@case("reduce_mean")
def _(g):
    y = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    return [1, 3, 5, 5], g.op("ReduceMean", [y], axes=[2, 3], keepdims=0)


# Matrix products ----------------------------------------------------------

@case("gemm")
def _(g):
    y = g.op("Flatten", ["x"])
    return [2, 12], g.op("Gemm", [y, g.weight(5, 12), g.weight(5)], transB=1,
                         alpha=0.5, beta=2.0)


@case("gemm_no_trans", opset=11)
def _(g):
    return [3, 6], g.op("Gemm", ["x", g.weight(6, 4), g.weight(1, 4)])


@case("matmul_const")
def _(g):
    return [2, 3, 4], g.op("MatMul", ["x", g.weight(4, 5)])


@case("matmul_dynamic")
def _(g):
    t = g.op("Transpose", ["x"], perm=[0, 2, 1])
    return [2, 3, 4], g.op("MatMul", ["x", t])


@case("conv_flatten_gemm")
def _(g):
    y = g.conv("x", 2, 3, pads=[1, 1, 1, 1])
    y = g.op("Relu", [y])
    y = g.op("Flatten", [y])
    return [1, 2, 4, 4], g.op("Gemm", [y, g.weight(5, 48), g.weight(5)],
                              transB=1)


@case("view_batch_flatten")
def _(g):
    # x.view(x.size(0), -1) as PyTorch exports it.
    y = g.conv("x", 2, 3, pads=[1, 1, 1, 1])
    s = g.op("Shape", [y])
    n = g.op("Gather", [s, g.const(np.array(0, dtype=np.int64))], axis=0)
    n = g.op("Unsqueeze", [n, g.ints([0])])
    shape = g.op("Concat", [n, g.ints([-1])], axis=0)
    return [1, 2, 3, 3], g.op("Reshape", [y, shape]), [1, 27]


# Elementwise --------------------------------------------------------------

@case("binary_broadcast")
def _(g):
    y = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    y = g.op("Add", [y, g.weight(4, 1, 1)])
    y = g.op("Mul", [y, g.const(np.float32(0.75))])
    y = g.op("Sub", [g.weight(5), y])
    return [1, 3, 5, 5], g.op(
        "Div", [y, g.const(g.rng.uniform(1, 2, (1, 4, 1, 1)).astype(np.float32))])


@case("binary_mixed_layout")
def _(g):
    # A conv result (stored NHWC) plus the graph input (stored NCHW).
    y = g.conv("x", 3, 3, pads=[1, 1, 1, 1])
    return [1, 3, 4, 4], g.op("Add", [y, "x"])


@case("binary_add_relu")
def _(g):
    a = g.conv("x", 3, 4, pads=[1, 1, 1, 1])
    b = g.conv("x", 3, 4, k=1)
    return [1, 3, 4, 4], g.op("Relu", [g.op("Add", [a, b])])


for _act, _attrs in [("Relu", {}), ("LeakyRelu", {"alpha": 0.2}),
                     ("Sigmoid", {}), ("Tanh", {}), ("HardSwish", {}),
                     ("HardSigmoid", {"alpha": 1 / 6, "beta": 0.5})]:
    def _make(act=_act, attrs=_attrs):
        def fn(g):
            y = g.conv("x", 3, 4, k=1)
            return [1, 3, 4, 4], g.op(act, [y], **attrs)
        return fn
    case("act_" + _act.lower(), opset=14)(_make())


# Elementwise math after a conv (NHWC inside qnt), so each op keeps the
# conv's layout. Log, Sqrt and Reciprocal see |conv| + 0.1.
for _op in ["Exp", "Log", "Sqrt", "Abs", "Neg", "Elu", "Reciprocal"]:
    def _make(op=_op):
        def fn(g):
            y = g.conv("x", 3, 4, k=1)
            if op in ("Log", "Sqrt", "Reciprocal"):
                y = g.op("Add", [g.op("Abs", [y]), g.const(np.float32(0.1))])
            return [1, 3, 4, 4], g.op(op, [y])
        return fn
    case("math_" + _op.lower(), opset=14)(_make())


@case("math_pow_broadcast", opset=14)
def _(g):
    y = g.op("Add", [g.op("Abs", [g.conv("x", 3, 4, k=1)]),
                     g.const(np.float32(0.1))])
    return [1, 3, 4, 4], g.op("Pow", [y, g.const(
        np.array([2.0, 1.0, 3.0, 0.5], np.float32).reshape(4, 1, 1))])


@case("act_prelu")
def _(g):
    y = g.conv("x", 3, 4, k=1)
    return [1, 3, 4, 4], g.op("PRelu", [y, g.weight(4, 1, 1)])


@case("act_clip", opset=12)
def _(g):
    y = g.conv("x", 3, 4, k=1)
    return [1, 3, 4, 4], g.op("Clip", [y, g.const(np.float32(-0.5)),
                                       g.const(np.float32(0.7))])


@case("softmax_channels")
def _(g):
    y = g.conv("x", 3, 4, k=1)
    return [1, 3, 3, 3], g.op("Softmax", [y], axis=1)


@case("softmax_last")
def _(g):
    y = g.conv("x", 3, 4, k=1)
    return [1, 3, 3, 5], g.op("Softmax", [y], axis=-1)


@case("softmax_2d", opset=11)
def _(g):
    return [2, 7], g.op("Softmax", ["x"])


# Shapes and data movement -------------------------------------------------

@case("reshape_transpose")
def _(g):
    y = g.op("Reshape", ["x", g.ints([0, 2, -1])])
    return [2, 3, 4], g.op("Transpose", [y], perm=[2, 0, 1])


@case("transpose_to_nhwc")
def _(g):
    # The model itself asks for NHWC: the transpose stays (at the output).
    y = g.conv("x", 3, 4, k=1)
    return [1, 3, 3, 3], g.op("Transpose", [y], perm=[0, 2, 3, 1])


@case("concat_channels")
def _(g):
    a = g.conv("x", 3, 2, k=1)
    b = g.conv("x", 3, 3, pads=[1, 1, 1, 1])
    return [1, 3, 4, 4], g.op("Concat", [a, b, "x"], axis=1)


@case("pad_constant", opset=11)
def _(g):
    y = g.conv("x", 3, 2, k=1)
    return [1, 3, 4, 4], g.op("Pad", [y, g.ints([0, 1, 2, 0, 0, 0, 1, 3])])


@case("pad_value")
def _(g):
    return [1, 2, 3, 3], g.op("Pad", ["x", g.ints([0, 0, 1, 1, 0, 0, 1, 1]),
                                      g.const(np.float32(0.5))])


@case("resize_nearest")
def _(g):
    y = g.conv("x", 2, 2, k=1)
    return [1, 2, 3, 4], g.op(
        "Resize", [y, "", g.const(np.array([1, 1, 2, 2], np.float32))],
        mode="nearest", coordinate_transformation_mode="asymmetric",
        nearest_mode="floor")


@case("resize_linear", opset=11)
def _(g):
    y = g.conv("x", 2, 2, k=1)
    return [1, 2, 3, 4], g.op(
        "Resize", [y, g.const(np.zeros(0, np.float32)),
                   g.const(np.zeros(0, np.float32)),
                   g.ints([1, 2, 5, 7])],
        mode="linear", coordinate_transformation_mode="half_pixel")


@case("resize_align_corners")
def _(g):
    y = g.conv("x", 2, 2, k=1)
    return [1, 2, 3, 4], g.op(
        "Resize", [y, "", "", g.ints([1, 2, 6, 8])], mode="linear",
        coordinate_transformation_mode="align_corners")


@case("slice_channels")
def _(g):
    y = g.conv("x", 3, 6, k=1)
    return [1, 3, 4, 4], g.op("Slice", [y, g.ints([1, 1]), g.ints([5, 3]),
                                        g.ints([1, 3])])


@case("slice_steps")
def _(g):
    y = g.conv("x", 3, 4, k=1)
    return [1, 3, 6, 6], g.op("Slice", [y, g.ints([0, -1]), g.ints([6, -100]),
                                        g.ints([2, 3]), g.ints([2, -2])])


@case("squeeze_unsqueeze")
def _(g):
    y = g.conv("x", 3, 4, k=1)
    y = g.op("GlobalAveragePool", [y])
    y = g.op("Squeeze", [y, g.ints([2, 3])])
    return [1, 3, 4, 4], g.op("Unsqueeze", [y, g.ints([1])])


@case("squeeze_unsqueeze_v11", opset=11)
def _(g):
    y = g.op("Unsqueeze", ["x"], axes=[0])
    y = g.op("Relu", [y])
    return [3, 4], g.op("Squeeze", [y], axes=[0])


@case("identity_constant")
def _(g):
    c = g.op("Constant", [], value=numpy_helper.from_array(
        np.linspace(-1, 1, 4, dtype=np.float32), "k"))
    y = g.op("Identity", ["x"])
    return [2, 4], g.op("Add", [y, c])


def write_error_models(out):
    """Models the importer must reject with a clear error."""
    x = helper.make_tensor_value_info("x", F, [1, 4])
    y = helper.make_tensor_value_info("y", F, [1, 4])
    nodes = [helper.make_node("Cos", ["x"], ["a"], name="cos_1"),
             helper.make_node("Relu", ["a"], ["b"], name="relu_1"),
             helper.make_node("Sin", ["b"], ["c"], name="sin_1"),
             helper.make_node("Sign", ["c"], ["d"], name="sign_1"),
             helper.make_node("MyOp", ["d"], ["y"], name="custom_1",
                              domain="com.example")]
    model = helper.make_model(
        helper.make_graph(nodes, "unsupported", [x], [y]),
        opset_imports=[helper.make_opsetid("", 15),
                       helper.make_opsetid("com.example", 1)])
    onnx.save(model, "%s/unsupported.onnx" % out)

    relu = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])],
                             "relu", [x], [y])
    onnx.save(helper.make_model(
        relu, opset_imports=[helper.make_opsetid("", 4)]),
        "%s/opset4.onnx" % out)
    onnx.save(helper.make_model(
        relu, opset_imports=[helper.make_opsetid("", 18)]),
        "%s/opset18.onnx" % out)

    data = helper.make_model(
        relu, opset_imports=[helper.make_opsetid("", 13)]).SerializeToString()
    with open("%s/truncated.onnx" % out, "wb") as f:
        f.write(data[:len(data) // 2])
    with open("%s/garbage.onnx" % out, "wb") as f:
        f.write(bytes(range(7, 250, 3)))

    # Shape inference must fail: MatMul of [1, 4] by [3, 2].
    bad = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], "bad",
        [x], [y], [numpy_helper.from_array(np.ones((3, 2), np.float32), "w")])
    onnx.save(helper.make_model(
        bad, opset_imports=[helper.make_opsetid("", 13)]),
        "%s/bad_shapes.onnx" % out)

    # Shape inference accepts it, qnt's prelu does not: a slope of 21
    # values for an input whose last dimension is 5.
    x3 = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 4, 5])
    y3 = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3, 4, 5])
    slope = numpy_helper.from_array(np.full(21, 0.25, np.float32), "slope")
    prelu = helper.make_graph(
        [helper.make_node("PRelu", ["x", "slope"], ["y"], name="prelu_1")],
        "bad_slope", [x3], [y3], [slope])
    onnx.save(helper.make_model(
        prelu, opset_imports=[helper.make_opsetid("", 16)]),
        "%s/bad_prelu_slope.onnx" % out)

    # Convolution weights ONNX's shape inference would index out of bounds
    # (found by fuzzing): not a constant, rank 2, rank 4 on a rank-3 input.
    x3 = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 3])
    w_in = helper.make_tensor_value_info("w", TensorProto.FLOAT, [1, 2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    tconv = helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="tc")
    opset = [helper.make_opsetid("", 13)]
    onnx.save(helper.make_model(helper.make_graph(
        [tconv], "w_input", [x3, w_in], [y]), opset_imports=opset),
        "%s/conv_weights_input.onnx" % out)
    onnx.save(helper.make_model(helper.make_graph(
        [tconv], "w_rank2", [x3], [y],
        [numpy_helper.from_array(np.ones((1, 2), np.float32), "w")]),
        opset_imports=opset), "%s/conv_weights_rank2.onnx" % out)
    onnx.save(helper.make_model(helper.make_graph(
        [helper.make_node("Relu", ["x"], ["r"]),
         helper.make_node("ConvTranspose", ["r", "w"], ["y"], name="tc")],
        "w_rank4", [x3], [y],
        [numpy_helper.from_array(np.ones((1, 2, 3, 3), np.float32), "w")]),
        opset_imports=opset), "%s/conv_weights_rank4.onnx" % out)

    # An initializer whose element count overflows 64 bits (found by
    # fuzzing).
    huge = TensorProto()
    huge.name = "w"
    huge.data_type = TensorProto.FLOAT
    huge.dims.extend([1 << 30, 1 << 30, 1 << 30])
    onnx.save(helper.make_model(helper.make_graph(
        [helper.make_node("Add", ["x", "w"], ["y"])], "huge", [x3], [y],
        [huge]), opset_imports=opset), "%s/huge_initializer.onnx" % out)

    # Axes that ONNX's shape inference does not check (found by fuzzing: a
    # Concat axis far below -rank indexed out of bounds).
    a = helper.make_tensor_value_info("a", F, [2])
    b = helper.make_tensor_value_info("b", F, [2])
    onnx.save(helper.make_model(helper.make_graph(
        [helper.make_node("Concat", ["a", "b"], ["y"], name="cat",
                          axis=-(1 << 55) - 1)], "concat_axis", [a, b],
        [helper.make_tensor_value_info("y", F, [4])]), opset_imports=opset),
        "%s/concat_axis.onnx" % out)
    x2 = helper.make_tensor_value_info("x", F, [2, 3])
    onnx.save(helper.make_model(helper.make_graph(
        [helper.make_node("ReduceMean", ["x"], ["y"], name="mean",
                          axes=[1, -1])], "mean_axes", [x2],
        [helper.make_tensor_value_info("y", F, [2, 1])]), opset_imports=opset),
        "%s/mean_repeated_axis.onnx" % out)

    # Values from the file that ONNX's shape inference lets through and
    # that the importer divides by, indexes with or narrows (each crashed,
    # read out of bounds or imported wrongly before it was checked).
    def save(name, nodes, inputs, inits=(), value_info=()):
        onnx.save(helper.make_model(helper.make_graph(
            nodes, name, inputs, [helper.make_tensor_value_info("y", F, None)],
            list(inits), value_info=list(value_info)), opset_imports=opset),
            "%s/%s.onnx" % (out, name))

    def ints(name, values):
        return numpy_helper.from_array(np.array(values, np.int64), name)

    ones = numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), "w")
    x4 = helper.make_tensor_value_info("x", F, [1, 1, 5, 5])
    # ONNX's inference divides by the strides (a zero traps in it).
    save("conv_stride0", [helper.make_node(
        "Conv", ["x", "w"], ["y"], name="conv", strides=[0, 1])], [x4], [ones])
    save("pool_stride0", [helper.make_node(
        "MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2],
        strides=[1, 0])], [x4])
    # Group 0 passes ONNX's channel check on an input without channels.
    save("conv_group0", [
        helper.make_node("Slice", ["x", "zero", "zero", "one"], ["s"]),
        helper.make_node("Conv", ["s", "w2"], ["y"], name="conv", group=0)],
        [x4], [ints("zero", [0]), ints("one", [1]), numpy_helper.from_array(
            np.ones((2, 1, 3, 3), np.float32), "w2")])
    # Zero filters with a BatchNormalization to fold: legal, and imports.
    save("conv_no_filters", [
        helper.make_node("Conv", ["x", "w0"], ["c"], name="conv"),
        helper.make_node("BatchNormalization", ["c", "g", "b", "m", "v"],
                         ["y"], name="bn")], [x4],
        [numpy_helper.from_array(np.ones((0, 1, 3, 3), np.float32), "w0")] +
        [numpy_helper.from_array(np.ones(0, np.float32), n) for n in "gbmv"])
    x1 = helper.make_tensor_value_info("x", F, [2])
    # Out of int64's range: converting it is undefined.
    save("cast_overflow", [
        helper.make_node("Cast", ["c"], ["ci"], name="cast",
                         to=TensorProto.INT64),
        helper.make_node("Relu", ["x"], ["y"])], [x1],
        [numpy_helper.from_array(np.array([1e30], np.float32), "c")])
    # ONNX does not propagate a Cast shape, so the value_info says the
    # result's shape: 7 elements for 6 values.
    save("fold_value_info", [
        helper.make_node("Cast", ["sf"], ["s"], to=TensorProto.INT64),
        helper.make_node("Reshape", ["c", "s"], ["r"], name="reshape"),
        helper.make_node("Add", ["x7", "r"], ["y"])],
        [helper.make_tensor_value_info("x7", F, [7])],
        [numpy_helper.from_array(np.ones((2, 3), np.float32), "c"),
         numpy_helper.from_array(np.array([7], np.float32), "sf")],
        [helper.make_tensor_value_info("r", F, [7])])
    # The same on an NHWC image flattened for a MatMul, whose weights are
    # reordered by the image's 8 columns.
    save("flatten_value_info", [
        helper.make_node("Conv", ["x", "w2"], ["c"], name="conv"),
        helper.make_node("Cast", ["sf"], ["s"], to=TensorProto.INT64),
        helper.make_node("Reshape", ["c", "s"], ["r"], name="reshape"),
        helper.make_node("MatMul", ["r", "b"], ["y"], name="mm")],
        [helper.make_tensor_value_info("x", F, [1, 1, 3, 3])],
        [numpy_helper.from_array(np.ones((2, 1, 2, 2), np.float32), "w2"),
         numpy_helper.from_array(np.array([1, 4], np.float32), "sf"),
         numpy_helper.from_array(np.ones((4, 3), np.float32), "b")],
        [helper.make_tensor_value_info("r", F, [1, 4])])
    # An operand of higher rank than the result.
    save("prelu_slope_rank", [helper.make_node(
        "PRelu", ["x4", "slope"], ["y"], name="prelu")],
        [helper.make_tensor_value_info("x4", F, [4])],
        [numpy_helper.from_array(np.ones((1, 4), np.float32), "slope")])
    save("gemm_c_rank", [helper.make_node(
        "Gemm", ["a", "b"] + ["c"], ["y"], name="gemm")],
        [helper.make_tensor_value_info("a", F, [2, 3])],
        [numpy_helper.from_array(np.ones((3, 4), np.float32), "b"),
         numpy_helper.from_array(np.ones((1, 2, 4), np.float32), "c")])
    # Slices: a rank above TFLite's 32 mask bits, an empty dimension
    # sliced backwards (ONNX 1.12 infers 1 element), a step beyond 32 bits.
    slice_ = helper.make_node("Slice", ["x", "st", "en", "ax", "sp"], ["y"],
                              name="slice")
    save("slice_rank40", [slice_],
         [helper.make_tensor_value_info("x", F, [1] * 39 + [4])],
         [ints("st", [-1]), ints("en", [-10]), ints("ax", [39]),
          ints("sp", [-1])])
    save("slice_empty_backwards", [
        helper.make_node("Slice", ["x2", "zero", "zero", "ax"], ["x"]),
        slice_], [helper.make_tensor_value_info("x2", F, [1, 4])],
        [ints("zero", [0]), ints("st", [-1]), ints("en", [-10]),
         ints("ax", [1]), ints("sp", [-1])])
    save("slice_huge_step", [slice_],
         [helper.make_tensor_value_info("x", F, [2, 9])],
         [ints("st", [0]), ints("en", [5]), ints("ax", [1]),
          ints("sp", [(1 << 32) + 1])])
    # A Gather of constants whose result (8193 x 8193 values) is far larger
    # than its inputs.
    save("gather_blowup", [
        helper.make_node("Gather", ["c", "i"], ["g"], name="gather", axis=1),
        helper.make_node("Relu", ["x"], ["y"])], [x1],
        [numpy_helper.from_array(np.ones((8193, 1), np.float32), "c"),
         ints("i", [0] * 8193)])
    # ONNX's inference ignores a Squeeze axis out of range.
    save("squeeze_axis", [helper.make_node("Squeeze", ["x2", "ax"], ["y"],
                                           name="squeeze")],
         [helper.make_tensor_value_info("x2", F, [1, 3])], [ints("ax", [5])])
    # A dimension beyond TFLite's 32-bit shapes.
    save("pad_huge", [helper.make_node("Pad", ["x2", "p"], ["y"])],
         [helper.make_tensor_value_info("x2", F, [1, 2])],
         [ints("p", [0, 0, 0, 1 << 40])])
    # A block size whose square wraps to 0 in ONNX's inference, and a CRD
    # reorder of more channels than the importer lists indices for.
    save("d2s_huge_block", [helper.make_node(
        "DepthToSpace", ["x"], ["y"], name="d2s", blocksize=1 << 33)], [x4])
    save("d2s_crd_channels", [helper.make_node(
        "DepthToSpace", ["xc"], ["y"], name="d2s", blocksize=2, mode="CRD")],
        [helper.make_tensor_value_info("xc", F, [1, 1 << 22, 1, 1])])
    # Resize scales given at run time: the static output shape alone does
    # not fix the coordinate mapping.
    save("resize_runtime_scales", [helper.make_node(
        "Resize", ["x", "", "scales"], ["y"], name="resize", mode="linear")],
        [x4, helper.make_tensor_value_info("scales", F, [4])], [],
        [helper.make_tensor_value_info("y", F, [1, 1, 2, 2])])

    # A graph input with an empty dimension (it used to be reported as a
    # dynamic one, or silently become a batch of 1).
    onnx.save(helper.make_model(helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"])], "empty_input",
        [helper.make_tensor_value_info("x", F, [1, 0, 4])],
        [helper.make_tensor_value_info("y", F, [1, 0, 4])]),
        opset_imports=opset), "%s/empty_input.onnx" % out)
    onnx.save(helper.make_model(helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"])], "empty_batch",
        [helper.make_tensor_value_info("x", F, [0, 4])],
        [helper.make_tensor_value_info("y", F, [0, 4])]),
        opset_imports=opset), "%s/empty_batch.onnx" % out)


if __name__ == "__main__":
    sys.exit(onnx_cases.main_with_errors(
        sys.argv, __doc__, CASES, lambda name: build(name, *CASES[name]),
        write_error_models))
