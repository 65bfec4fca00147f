#!/usr/bin/python3
"""Small ONNX graphs with the patterns PyTorch's exporter writes around CNNs
(shape arithmetic such as torch.chunk's split points, channel shuffle,
Sum/Mean/Max/Min of several tensors, Dropout), one per case, each with an
input: OUTDIR/<case>.onnx and OUTDIR/<case>.input.npy (float32, seeded).

usage: export_patterns.py OUTDIR            (all cases)
       export_patterns.py OUTDIR --errors   (models the importer rejects)
       export_patterns.py --list
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import onnx_cases

F = TensorProto.FLOAT
CASES, case = onnx_cases.registry()


class G:
    def __init__(self, seed):
        self.rng = np.random.RandomState(seed)
        self.nodes, self.inits, self.count = [], [], 0

    def const(self, array):
        name = "c%d" % len(self.inits)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def ints(self, values):
        return self.const(np.array(values, dtype=np.int64))

    def weight(self, *shape):
        return self.const(self.rng.standard_normal(shape).astype(np.float32))

    def op(self, op_type, inputs, n_out=1, **attrs):
        self.count += 1
        outs = ["%s_%d_%d" % (op_type.lower(), self.count, k)
                for k in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs,
                                           name="%s_%d" % (op_type, self.count),
                                           **attrs))
        return outs[0] if n_out == 1 else outs

    def dim(self, x, axis):
        """Shape(x)[axis] as a 1-element int64 tensor, as torch exports
        x.size(axis)."""
        return self.op("Gather", [self.op("Shape", [x]), self.ints([axis])],
                       axis=0)


def model(g, in_shape, outs, opset):
    outs = outs if isinstance(outs, list) else [outs]
    graph = helper.make_graph(
        g.nodes, "patterns", [helper.make_tensor_value_info("x", F, in_shape)],
        [helper.make_tensor_value_info(o, F, None) for o in outs], g.inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="qnt-tests")
    m.ir_version = 8
    return m


# torch.chunk(x, 2, dim=1) on 5 channels: split point (5 + 1) / 2 = 3
# (integer Div truncates), slices [0, 3) and [3, 6) clipped to 5. ONNX's own
# data propagation stops at the Div, so the Slice shapes are unknown until
# the importer folds it.
@case("chunk_split_points")
def _(g):
    c = g.dim("x", 1)
    half = g.op("Div", [g.op("Add", [c, g.ints([1])]), g.ints([2])])
    a = g.op("Slice", ["x", g.ints([0]), g.op("Mul", [half, g.ints([1])]),
                       g.ints([1])])
    b = g.op("Slice", ["x", g.op("Mul", [half, g.ints([1])]),
                       g.op("Mul", [half, g.ints([2])]), g.ints([1])])
    return [1, 5, 3, 3], [g.op("Relu", [a]), g.op("Sigmoid", [b])]


# Channel shuffle written with sizes read from the tensor: reshape to
# [N, groups, C / groups, H, W], swap the two, reshape back to
# [N, -1, H, W]; the middle dimension is computed by Div and Sub of
# broadcast shape vectors.
@case("channel_shuffle_computed")
def _(g):
    shape = g.op("Shape", ["x"])
    n, c = g.dim("x", 0), g.dim("x", 1)
    hw = g.op("Slice", [shape, g.ints([2]), g.ints([4]), g.ints([0])])
    per_group = g.op("Div", [c, g.ints([3])])
    groups = g.op("Sub", [g.op("Mul", [per_group, g.ints([1])]),
                          g.op("Sub", [per_group, g.ints([3])])])
    five = g.op("Concat", [n, groups, per_group, hw], axis=0)
    y = g.op("Reshape", [g.op("Relu", ["x"]), five])
    y = g.op("Transpose", [y], perm=[0, 2, 1, 3, 4])
    # Broadcast [1] against [4]: [N, -1, H, W] * [1, 1, 1, 1] + [0].
    back = g.op("Add", [g.op("Mul", [g.op("Concat", [n, g.ints([-1]), hw],
                                          axis=0), g.ints([1, 1, 1, 1])]),
                        g.ints([0])])
    return [1, 6, 2, 3], g.op("Reshape", [y, back])


@case("sum_three_broadcast")
def _(g):
    y = g.op("Relu", ["x"])
    return [1, 4, 3, 3], g.op("Sum", [y, "x", g.weight(4, 1, 1)])


@case("mean_two")
def _(g):
    return [1, 3, 4, 2], g.op("Mean", [g.op("Sigmoid", ["x"]), "x"])


@case("mean_one")
def _(g):
    return [2, 3], g.op("Mean", ["x"])


@case("max_three_broadcast")
def _(g):
    return [1, 4, 2, 3], g.op("Max", ["x", g.weight(3), g.weight(1, 4, 1, 1)])


@case("min_two")
def _(g):
    return [1, 2, 3, 3], g.op("Min", [g.op("Tanh", ["x"]), g.weight(1, 2, 1, 1)])


@case("dropout_ratio")
def _(g):
    y = g.op("Dropout", ["x", g.const(np.array(0.3, np.float32))])
    return [2, 5], g.op("Relu", [y])


@case("dropout_training_false_mask_unused")
def _(g):
    y, _ = g.op("Dropout", ["x", "", g.const(np.array(False))], n_out=2)
    return [2, 5], g.op("Sigmoid", [y])


@case("dropout_v11", opset=11)
def _(g):
    return [2, 5], g.op("Dropout", [g.op("Tanh", ["x"])], ratio=0.5)


# Local response normalization (AlexNet, GoogLeNet as first published),
# with windows clipped at the first and last channels. (ONNX Runtime takes
# odd sizes only.)
@case("lrn_size3")
def _(g):
    return [1, 6, 3, 3], g.op("LRN", [g.op("Relu", ["x"])], size=3, alpha=0.5,
                              beta=0.75, bias=2.0)


@case("lrn_size5_default_beta_bias")
def _(g):
    return [1, 7, 2, 2], g.op("LRN", ["x"], size=5, alpha=2.0)


# Hard swish as exporters before opset 14 write it, x * HardSigmoid(x) with
# alpha 1/6 (either operand order), and hard sigmoid alone with PyTorch's
# constants and with ONNX's defaults. Inputs reach past +-3 so that both
# clamps are exercised.
@case("hardswish_two_nodes")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(4.0))])
    return [1, 3, 4, 4], g.op("Mul", [g.op("HardSigmoid", [x], alpha=1.0 / 6), x])


@case("hardswish_two_nodes_swapped")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(4.0))])
    return [2, 6], g.op("Mul", [x, g.op("HardSigmoid", [x], alpha=1.0 / 6)])


@case("hardsigmoid_sixth")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(4.0))])
    return [1, 3, 4, 4], g.op("HardSigmoid", [x], alpha=1.0 / 6, beta=0.5)


@case("hardsigmoid_sixth_shifted")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(4.0))])
    return [2, 6], g.op("HardSigmoid", [x], alpha=1.0 / 6, beta=0.25)


@case("hardsigmoid_default")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(4.0))])
    return [2, 6], g.op("HardSigmoid", [x])


# GELU as PyTorch writes it, (x * (1 + erf(x / sqrt(2)))) * 0.5, and as
# other exporters do, (x * 0.5) * (1 + erf(x * (1 / sqrt(2)))), operands in
# either order.
@case("gelu_torch")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(3.0))])
    e = g.op("Erf", [g.op("Div", [x, g.const(np.float32(1.4142135381698608))])])
    y = g.op("Mul", [x, g.op("Add", [e, g.const(np.float32(1.0))])])
    return [1, 3, 4, 4], g.op("Mul", [y, g.const(np.float32(0.5))])


# LayerNormalization (opset 17) over the last axis, as transformers use it,
# over the channel and spatial axes of an image (NHWC inside qnt), and
# without B.
@case("layernorm_last_axis", opset=17)
def _(g):
    x = g.op("Add", [g.op("Mul", ["x", g.const(np.float32(3.0))]), g.weight(8)])
    return [2, 5, 8], g.op("LayerNormalization", [x, g.weight(8), g.weight(8)],
                           epsilon=1e-3)


@case("layernorm_image", opset=17)
def _(g):
    x = g.op("Conv", ["x", g.weight(4, 3, 1, 1)])
    return [1, 3, 4, 5], g.op("LayerNormalization", [x, g.weight(4, 4, 5), g.weight(4, 4, 5)],
                              axis=1)


@case("layernorm_no_bias", opset=17)
def _(g):
    return [3, 6], g.op("LayerNormalization", ["x", g.weight(6)], axis=-1)


@case("gelu_half_first")
def _(g):
    x = g.op("Mul", ["x", g.const(np.float32(3.0))])
    half = g.op("Mul", [g.const(np.float32(0.5)), x])
    e = g.op("Erf", [g.op("Mul", [g.const(np.float32(0.7071067811865476)), x])])
    return [2, 8], g.op("Mul", [g.op("Add", [g.const(np.float32(1.0)), e]), half])


def write_error_models(out):
    def save(name, build, opset=13):
        g = G(0)
        in_shape, outs = build(g)
        m = model(g, in_shape, outs, opset)
        onnx.save(m, "%s/%s.onnx" % (out, name))

    def reshape_by(shape_vec):
        return lambda g: ([2, 6], g.op("Reshape", ["x", shape_vec(g)]))

    save("shape_div_zero", reshape_by(
        lambda g: g.op("Div", [g.op("Shape", ["x"]), g.ints([1, 0])])))
    save("shape_overflow", reshape_by(
        lambda g: g.op("Mul", [g.op("Shape", ["x"]), g.ints([1 << 62, 1])])))
    save("shape_mixed_types", reshape_by(
        lambda g: g.op("Add", [g.op("Shape", ["x"]),
                               g.const(np.zeros(2, np.float32))])))
    save("dropout_mask_used", lambda g: ([2, 3], g.op("Cast", [
        g.op("Dropout", ["x"], n_out=2)[1]], to=F)))
    save("dropout_training", lambda g: ([2, 3], g.op("Dropout", [
        "x", "", g.const(np.array(True))])))
    save("dropout_no_data", lambda g: ([2, 3], g.op("Dropout", [""])))

    def reshape_sliced(*args):
        return reshape_by(lambda g: g.op("Slice", [g.op("Shape", ["x"])] + [
            g.ints(a) for a in args]))

    save("shape_slice_step0", reshape_sliced([0], [2], [0], [0]))
    save("shape_slice_axis1", reshape_sliced([0], [2], [1]))
    save("shape_slice_two_starts", reshape_sliced([0, 0], [2, 2], [0, -1]))
    save("sum_no_broadcast", lambda g: ([2, 3], g.op("Sum", [
        "x", g.weight(4)])))
    save("lrn_3d", lambda g: ([1, 3, 4], g.op("LRN", ["x"], size=3)))
    save("lrn_no_size", lambda g: ([1, 3, 2, 2], g.op("LRN", ["x"])))
    save("lrn_size0", lambda g: ([1, 3, 2, 2], g.op("LRN", ["x"], size=0)))
    save("sum_empty_input", lambda g: ([2, 3], g.op("Sum", ["x", ""])))
    # Erf outside GELU, and GELU's pattern with a wrong constant.
    save("erf_alone", lambda g: ([2, 3], g.op("Erf", ["x"])))

    def gelu_with_half(half):
        def build(g):
            e = g.op("Erf", [g.op("Div", ["x", g.const(np.float32(1.4142135))])])
            y = g.op("Mul", ["x", g.op("Add", [e, g.const(np.float32(1.0))])])
            return [2, 3], g.op("Mul", [y, g.const(np.float32(half))])
        return build
    save("gelu_wrong_half", gelu_with_half(0.25))
    save("layernorm_mean_used", lambda g: ([2, 4], g.op("Add", g.op(
        "LayerNormalization", ["x", g.weight(4)], n_out=2))), opset=17)


def build(name):
    fn, opset = CASES[name]
    g = G(sum(map(ord, name)))
    in_shape, outs = fn(g)
    m = model(g, in_shape, outs, opset)
    return m, g.rng.uniform(-2, 2, in_shape).astype(np.float32)


if __name__ == "__main__":
    sys.exit(onnx_cases.main_with_errors(sys.argv, __doc__, CASES, build,
                                         write_error_models, pick=False))
