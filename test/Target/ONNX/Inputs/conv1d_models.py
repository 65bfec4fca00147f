#!/usr/bin/python3
"""Writes 1-D convolution and pooling models ([N, C, W] tensors, as in audio
and sequence models), one per case, and an input for each: OUTDIR/<case>.onnx
and OUTDIR/<case>.input.npy (float32, seeded). Most are built with
onnx.helper; `torch_net` is a small keyword-spotting-like network exported
by torch.onnx (Conv1d, BatchNorm1d, ReLU, MaxPool1d, AdaptiveAvgPool1d,
Linear).

usage: conv1d_models.py OUTDIR [CASE...]     (no CASE: all of them)
       conv1d_models.py OUTDIR --errors     (models the importer rejects)
       conv1d_models.py --list
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import onnx_cases

F = TensorProto.FLOAT
CASES = {}


def case(name):
    def register(fn):
        CASES[name] = fn
        return fn
    return register


class G:
    """Collects the nodes and initializers of one graph."""

    def __init__(self, seed):
        self.rng = np.random.RandomState(seed)
        self.nodes = []
        self.inits = []

    def const(self, array):
        name = "c%d" % len(self.inits)
        self.inits.append(numpy_helper.from_array(
            np.asarray(array, dtype=np.float32), name))
        return name

    def weight(self, *shape, scale=0.5):
        return self.const(self.rng.standard_normal(shape) * scale)

    def op(self, op_type, inputs, **attrs):
        out = "%s_%d" % (op_type.lower(), len(self.nodes))
        self.nodes.append(helper.make_node(op_type, inputs, [out],
                                           name=out, **attrs))
        return out

    def conv(self, x, cin, cout, k, group=1, bias=True, **attrs):
        ins = [x, self.weight(cout, cin // group, k)]
        if bias:
            ins.append(self.weight(cout, scale=0.1))
        if group != 1:
            attrs["group"] = group
        return self.op("Conv", ins, **attrs)

    def batchnorm(self, x, c):
        return self.op("BatchNormalization", [
            x, self.const(self.rng.uniform(0.5, 1.5, c)),
            self.weight(c, scale=0.2), self.weight(c, scale=0.2),
            self.const(self.rng.uniform(0.5, 2.0, c))])

    def model(self, x_shape, y):
        graph = helper.make_graph(
            self.nodes, "conv1d",
            [helper.make_tensor_value_info("x", F, x_shape)],
            [helper.make_tensor_value_info(y, F, None)], self.inits)
        model = helper.make_model(graph, opset_imports=[
            helper.make_opsetid("", 13)])
        model.ir_version = 7
        x = self.rng.standard_normal(x_shape).astype(np.float32)
        return model, x


@case("conv1d_same")
def conv1d_same(g):
    # k3, pads [1, 1]: TFLite's SAME.
    return g.model([1, 3, 16], g.conv("x", 3, 4, 3, pads=[1, 1]))


@case("conv1d_stride_pad")
def conv1d_stride_pad(g):
    # k5, stride 2, pads [2, 1] on 17: neither SAME nor VALID (explicit pad).
    return g.model([2, 3, 17],
                   g.conv("x", 3, 5, 5, strides=[2], pads=[2, 1]))


@case("conv1d_dilation_nobias")
def conv1d_dilation_nobias(g):
    return g.model([1, 4, 20], g.conv("x", 4, 6, 3, bias=False,
                                      dilations=[2], pads=[2, 2]))


@case("conv1d_valid_c1")
def conv1d_valid_c1(g):
    # One input channel (a waveform): the input needs no transpose.
    return g.model([1, 1, 32], g.conv("x", 1, 4, 8, strides=[4],
                                      auto_pad="VALID"))


@case("conv1d_group")
def conv1d_group(g):
    return g.model([1, 4, 12], g.conv("x", 4, 6, 3, group=2, pads=[1, 1]))


@case("conv1d_depthwise")
def conv1d_depthwise(g):
    # group == channels, two filters each: a depthwise convolution.
    return g.model([1, 4, 15], g.conv("x", 4, 8, 3, group=4, strides=[2],
                                      auto_pad="SAME_UPPER"))


@case("conv1d_bn")
def conv1d_bn(g):
    # BatchNorm1d right after the convolution folds into it.
    return g.model([1, 3, 16], g.batchnorm(g.conv("x", 3, 4, 3, pads=[1, 1]),
                                           4))


@case("conv1d_relu_bn")
def conv1d_relu_bn(g):
    # BatchNorm1d after the activation stays a rank-3 multiply and add.
    y = g.op("Relu", [g.conv("x", 3, 4, 3, pads=[1, 1])])
    return g.model([1, 3, 16], g.batchnorm(y, 4))


@case("batchnorm1d")
def batchnorm1d(g):
    return g.model([2, 3, 10], g.batchnorm("x", 3))


@case("maxpool1d")
def maxpool1d(g):
    return g.model([1, 3, 16], g.op("MaxPool", ["x"], kernel_shape=[3],
                                    strides=[2], pads=[1, 1]))


@case("maxpool1d_ceil")
def maxpool1d_ceil(g):
    return g.model([1, 2, 15], g.op("MaxPool", ["x"], kernel_shape=[2],
                                    strides=[2], ceil_mode=1))


@case("avgpool1d")
def avgpool1d(g):
    return g.model([1, 3, 16], g.op("AveragePool", ["x"], kernel_shape=[4],
                                    strides=[4]))


@case("avgpool1d_exclude_pad")
def avgpool1d_exclude_pad(g):
    # count_include_pad 0 with SAME pads: TFLite's SAME average.
    return g.model([1, 3, 12], g.op("AveragePool", ["x"], kernel_shape=[3],
                                    pads=[1, 1]))


@case("avgpool1d_count_pad")
def avgpool1d_count_pad(g):
    return g.model([1, 3, 12], g.op("AveragePool", ["x"], kernel_shape=[3],
                                    strides=[2], pads=[1, 1],
                                    count_include_pad=1))


@case("global_avgpool1d")
def global_avgpool1d(g):
    return g.model([2, 5, 9], g.op("Flatten", [
        g.op("GlobalAveragePool", ["x"])]))


@case("global_maxpool1d")
def global_maxpool1d(g):
    return g.model([1, 5, 9], g.op("GlobalMaxPool", ["x"]))


@case("convtranspose1d")
def convtranspose1d(g):
    # [C_in, C_out, K] weights; stride 2, pads [1, 1], output_padding 1.
    return g.model([1, 3, 8], g.op("ConvTranspose", [
        "x", g.weight(3, 4, 4), g.weight(4, scale=0.1)], strides=[2],
        pads=[1, 1], output_padding=[1]))


@case("conv1d_residual")
def conv1d_residual(g):
    # conv -> relu -> conv, plus the input: a rank-3 add between 1-D ops.
    y = g.op("Relu", [g.conv("x", 4, 4, 3, pads=[1, 1])])
    y = g.op("Add", [g.conv(y, 4, 4, 3, pads=[1, 1]), "x"])
    return g.model([1, 4, 10], g.conv(y, 4, 2, 1))


@case("conv1d_alias_relu")
def conv1d_alias_relu(g):
    # The convolution's result is an output and, through an Identity, the
    # ReLU's input: the ReLU must not fuse into the convolution.
    y = g.conv("x", 3, 4, 3, pads=[1, 1])
    r = g.op("Relu", [g.op("Identity", [y])])
    model, x = g.model([1, 3, 8], r)
    model.graph.output.append(helper.make_tensor_value_info(y, F, None))
    return model, x


@case("conv1d_net")
def conv1d_net(g):
    # Conv1d -> ReLU -> MaxPool1d -> Conv1d -> GlobalAveragePool -> Flatten
    # -> Gemm.
    y = g.op("Relu", [g.conv("x", 1, 8, 5, strides=[2], pads=[2, 2])])
    y = g.op("MaxPool", [y], kernel_shape=[2], strides=[2])
    y = g.op("Relu", [g.conv(y, 8, 8, 3, pads=[1, 1])])
    y = g.op("Flatten", [g.op("GlobalAveragePool", [y])])
    y = g.op("Gemm", [y, g.weight(3, 8), g.weight(3, scale=0.1)], transB=1)
    return g.model([1, 1, 64], y)


@case("torch_net")
def torch_net(g):
    import io
    import torch
    from torch import nn
    torch.manual_seed(0)
    net = nn.Sequential(
        nn.Conv1d(1, 8, 9, stride=2, padding=4), nn.BatchNorm1d(8),
        nn.ReLU(), nn.MaxPool1d(2),
        nn.Conv1d(8, 8, 3, padding=1, groups=8, bias=False),
        nn.BatchNorm1d(8), nn.ReLU(),
        nn.Conv1d(8, 12, 1), nn.ReLU(), nn.AvgPool1d(2),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(12, 4))
    # Non-trivial batch-norm statistics.
    with torch.no_grad():
        for m in net:
            if isinstance(m, nn.BatchNorm1d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    net.eval()
    x = torch.randn(1, 1, 128)
    buf = io.BytesIO()
    torch.onnx.export(net, x, buf, opset_version=13, input_names=["x"],
                      output_names=["y"])
    return onnx.load_from_string(buf.getvalue()), x.numpy()


def write_error_models(out):
    def save(name, x_shape, build):
        g = G(0)
        y = build(g)
        graph = helper.make_graph(
            g.nodes, name, [helper.make_tensor_value_info("x", F, x_shape)],
            [helper.make_tensor_value_info(y, F, None)], g.inits)
        onnx.save(helper.make_model(graph, opset_imports=[
            helper.make_opsetid("", 13)]), os.path.join(out, name + ".onnx"))

    # 3-D convolutions and pooling (5-D input) stay refused.
    save("conv3d", [1, 1, 4, 6, 6],
         lambda g: g.op("Conv", ["x", g.weight(2, 1, 3, 3, 3)]))
    save("convtranspose3d", [1, 1, 4, 6, 6],
         lambda g: g.op("ConvTranspose", ["x", g.weight(1, 2, 3, 3, 3)]))
    save("maxpool3d", [1, 1, 4, 6, 6],
         lambda g: g.op("MaxPool", ["x"], kernel_shape=[2, 2, 2]))
    save("global_avgpool3d", [1, 2, 4, 6, 6],
         lambda g: g.op("GlobalAveragePool", ["x"]))
    # TFLite's pooling has no dilation.
    save("maxpool1d_dilated", [1, 2, 8],
         lambda g: g.op("MaxPool", ["x"], kernel_shape=[2], dilations=[2]))
    # Weights two channels deep on a three-channel input (ONNX's shape
    # inference lets it through).
    save("conv1d_channels", [1, 3, 8],
         lambda g: g.op("Conv", ["x", g.weight(4, 2, 3)]))


if __name__ == "__main__":
    sys.exit(onnx_cases.main_with_errors(
        sys.argv, __doc__, CASES, lambda name: CASES[name](G(len(name))),
        write_error_models))
