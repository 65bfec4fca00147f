#!/usr/bin/python3
"""Checks qnt-run op by op against references it did not compute.

  opcases.py float --qnt-run QNT_RUN --ops-td QntOps.td --work DIR
      Every float case is a small function of one op (plus constants); the
      expected outputs come from the numpy implementations below, written
      from the op descriptions in QntOps.td and TFLite's reference kernels.
      Also checks that every op of the dialect but qnt.custom has a case.

  opcases.py quant --qnt-run QNT_RUN --qnt-translate QNT_TRANSLATE
                   --tflite-runner 'node run.js' --work DIR
      Every integer case is exported with qnt-translate --export-tflite, run
      by the TFLite runtime, and run by qnt-run both from the .mlir and from
      the exported .tflite; the outputs must agree within 1 LSB.

Prints one line per case ("PASS name ..." or "FAIL name: why") and a
summary; exits with status 1 if any case fails.
"""

import argparse
import math
import os
import re
import shlex
import subprocess
import sys
import zlib

import numpy as np

SAMPLES = 2  # samples per case; qnt-run stacks them along the first axis


# --------------------------------------------------------------------------
# MLIR text
# --------------------------------------------------------------------------

def ttype(shape, elt="f32"):
    dims = "".join("%dx" % d for d in shape)
    return "tensor<%s%s>" % (dims, elt)


def fmt_value(v):
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(int(v))


def dense(arr):
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return "dense<%s>" % fmt_value(arr.item())

    def rec(a):
        if a.ndim == 1:
            return "[" + ", ".join(fmt_value(x) for x in a) + "]"
        return "[" + ", ".join(rec(x) for x in a) + "]"
    return "dense<%s>" % rec(arr)


def qtype(storage, scale, zp=0, axis=None, narrow=False):
    """A !quant.uniform element type; scale may be a list (per axis)."""
    st = storage
    if narrow:
        st = "i8<-127:127>"
    if axis is None:
        return "!quant.uniform<%s:f32, %r:%d>" % (st, float(scale), zp)
    zps = zp if isinstance(zp, (list, tuple)) else [zp] * len(scale)
    body = ",".join("%r:%d" % (float(s), z) for s, z in zip(scale, zps))
    return "!quant.uniform<%s:f32:%d, {%s}>" % (st, axis, body)


class Fn:
    """Builds `func.func @main`; values are (name, type) pairs."""

    def __init__(self):
        self.args = []
        self.lines = []
        self.count = 0

    def arg(self, shape, elt="f32"):
        v = ("%%arg%d" % len(self.args), ttype(shape, elt))
        self.args.append(v)
        return v

    def fresh(self):
        self.count += 1
        return "%%v%d" % self.count

    def const(self, arr, elt="f32", qelt=None):
        arr = np.asarray(arr)
        name = self.fresh()
        t = ttype(arr.shape, elt)
        if qelt is None:
            self.lines.append("%s = qnt.const %s : %s" % (name, dense(arr), t))
            return (name, t)
        qt = ttype(arr.shape, qelt)
        self.lines.append("%s = qnt.const %s : %s -> %s" %
                          (name, dense(arr), t, qt))
        return (name, qt)

    def op(self, opname, operands, result_type, attrs=""):
        name = self.fresh()
        attr_text = " {%s}" % attrs if attrs else ""
        self.lines.append("%s = qnt.%s %s%s : (%s) -> %s" % (
            name, opname, ", ".join(o[0] for o in operands), attr_text,
            ", ".join(o[1] for o in operands), result_type))
        return (name, result_type)

    def text(self, results):
        head = "func.func @main(%s) -> (%s) {" % (
            ", ".join("%s: %s" % a for a in self.args),
            ", ".join(r[1] for r in results))
        body = ["  " + line for line in self.lines]
        body.append("  return %s : %s" % (", ".join(r[0] for r in results),
                                          ", ".join(r[1] for r in results)))
        return "\n".join([head] + body + ["}"]) + "\n"


def act_attr(act):
    return "" if act == "none" else "fused_activation = #qnt.act<%s>" % act


def join_attrs(*parts):
    return ", ".join(p for p in parts if p)


# --------------------------------------------------------------------------
# numpy references (one sample; float64 internally)
# --------------------------------------------------------------------------

def activation(x, act):
    if act == "none":
        return x
    if act == "relu":
        return np.maximum(x, 0)
    if act == "relu6":
        return np.clip(x, 0, 6)
    if act == "relu_n1_to_1":
        return np.clip(x, -1, 1)
    if act == "tanh":
        return np.tanh(x)
    raise ValueError(act)


def out_size(n, k, stride, dilation, padding):
    """(output size, padding before) as TFLite computes them."""
    dk = (k - 1) * dilation + 1
    if padding == "valid":
        return (n - dk) // stride + 1, 0
    out = -(-n // stride)
    total = max((out - 1) * stride + dk - n, 0)
    return out, total // 2


def ref_conv2d(x, w, b, padding, sh, sw, dh, dw, act):
    _, H, W, C = x.shape
    O, kh, kw, I = w.shape
    groups = C // I
    og = O // groups
    oh, pt = out_size(H, kh, sh, dh, padding)
    ow, pl = out_size(W, kw, sw, dw, padding)
    out = np.zeros((1, oh, ow, O))
    for oy in range(oh):
        for ox in range(ow):
            for ky in range(kh):
                for kx in range(kw):
                    iy = oy * sh - pt + ky * dh
                    ix = ox * sw - pl + kx * dw
                    if not (0 <= iy < H and 0 <= ix < W):
                        continue
                    for g in range(groups):
                        xs = x[0, iy, ix, g * I:(g + 1) * I]
                        ws = w[g * og:(g + 1) * og, ky, kx, :]
                        out[0, oy, ox, g * og:(g + 1) * og] += ws @ xs
    if b is not None:
        out += b
    return activation(out, act)


def ref_depthwise(x, w, b, padding, sh, sw, dh, dw, mult, act):
    _, H, W, C = x.shape
    _, kh, kw, OC = w.shape
    oh, pt = out_size(H, kh, sh, dh, padding)
    ow, pl = out_size(W, kw, sw, dw, padding)
    out = np.zeros((1, oh, ow, OC))
    for oy in range(oh):
        for ox in range(ow):
            for ky in range(kh):
                for kx in range(kw):
                    iy = oy * sh - pt + ky * dh
                    ix = ox * sw - pl + kx * dw
                    if 0 <= iy < H and 0 <= ix < W:
                        out[0, oy, ox] += np.repeat(x[0, iy, ix], mult) * \
                            w[0, ky, kx]
    if b is not None:
        out += b
    return activation(out, act)


def ref_transpose_conv(oshape, w, x, b, padding, sh, sw, act):
    _, OH, OW, O = oshape
    _, H, W, _ = x.shape
    _, kh, kw, _ = w.shape
    pt = pl = 0
    if padding == "same":
        pt = out_size(OH, kh, sh, 1, "same")[1]
        pl = out_size(OW, kw, sw, 1, "same")[1]
    out = np.zeros((1, OH, OW, O))
    for iy in range(H):
        for ix in range(W):
            for ky in range(kh):
                for kx in range(kw):
                    oy = iy * sh - pt + ky
                    ox = ix * sw - pl + kx
                    if 0 <= oy < OH and 0 <= ox < OW:
                        out[0, oy, ox] += w[:, ky, kx, :] @ x[0, iy, ix]
    if b is not None:
        out += b
    return activation(out, act)


def pool(x, kh, kw, sh, sw, padding, fn):
    _, H, W, C = x.shape
    oh, pt = out_size(H, kh, sh, 1, padding)
    ow, pl = out_size(W, kw, sw, 1, padding)
    out = np.zeros((1, oh, ow, C))
    for oy in range(oh):
        for ox in range(ow):
            y0, x0 = oy * sh - pt, ox * sw - pl
            win = x[0, max(y0, 0):min(y0 + kh, H), max(x0, 0):min(x0 + kw, W)]
            out[0, oy, ox] = fn(win.reshape(-1, C), axis=0)
    return out


def ref_resize_bilinear(x, oh, ow, align, half):
    _, H, W, C = x.shape

    def coords(o, n):
        scale = (n - 1) / (o - 1) if align and o > 1 else n / o
        res = []
        for y in range(o):
            src = (y + 0.5) * scale - 0.5 if half else y * scale
            lo = max(int(np.floor(src)), 0)
            hi = min(int(np.ceil(src)), n - 1)
            res.append((src, lo, hi))
        return res
    out = np.zeros((1, oh, ow, C))
    for oy, (sy, y0, y1) in enumerate(coords(oh, H)):
        for ox, (sx, x0, x1) in enumerate(coords(ow, W)):
            fy, fx = sy - y0, sx - x0
            out[0, oy, ox] = (x[0, y0, x0] * (1 - fy) * (1 - fx) +
                              x[0, y1, x0] * fy * (1 - fx) +
                              x[0, y0, x1] * (1 - fy) * fx +
                              x[0, y1, x1] * fy * fx)
    return out


def ref_resize_nearest(x, oh, ow, align, half):
    _, H, W, C = x.shape

    def index(o, n):
        scale = (n - 1) / (o - 1) if align and o > 1 else n / o
        off = 0.5 if half else 0.0
        res = []
        for y in range(o):
            v = (y + off) * scale
            i = int(np.floor(v + 0.5)) if align else int(np.floor(v))
            i = min(i, n - 1)
            if half:
                i = max(i, 0)
            res.append(i)
        return res
    return x[:, index(oh, H)][:, :, index(ow, W)]


def ref_fake_quant(x, lo, hi, bits, narrow):
    f = np.float32
    qmin = f(1 if narrow else 0)
    qmax = f(2 ** bits - 1)
    scale = (f(hi) - f(lo)) / (qmax - qmin)
    zp_from_min = qmin - f(lo) / scale
    if zp_from_min < qmin:
        zp = qmin
    elif zp_from_min > qmax:
        zp = qmax
    else:
        zp = f(np.sign(zp_from_min) * np.floor(abs(zp_from_min) + 0.5))
    nmin = (qmin - zp) * scale
    nmax = (qmax - zp) * scale
    c = np.clip(x.astype(np.float32), nmin, nmax)
    q = np.floor((c - nmin) / scale + f(0.5))
    return q * scale + nmin


def round_away(v):
    return np.sign(v) * np.floor(np.abs(v) + 0.5)


def quantize_multiplier(m):
    """TFLite's QuantizeMultiplier: (q31 multiplier, shift)."""
    if m == 0:
        return 0, 0
    frac, shift = np.frexp(m)
    q = int(round_away(frac * (1 << 31)))
    if q == 1 << 31:
        q //= 2
        shift += 1
    return q, int(shift)


def srdhm(a, b):
    """Saturating rounding doubling high multiply of int32 values."""
    if a == b == -(1 << 31):
        return (1 << 31) - 1
    ab = a * b
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    v = ab + nudge
    # Division truncating toward zero, as C++ does.
    return (abs(v) >> 31) * (1 if v >= 0 else -1)


def rounding_divide_by_pot(x, exponent):
    mask = (1 << exponent) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> exponent) + (1 if remainder > threshold else 0)


def multiply_by_quantized_multiplier(x, q, shift):
    left = max(shift, 0)
    right = max(-shift, 0)
    return rounding_divide_by_pot(srdhm(x * (1 << left), q), right)


# --------------------------------------------------------------------------
# Float cases
# --------------------------------------------------------------------------

class Case:
    def __init__(self, name, fn_text, samples, expected, ops, atol=1e-5):
        self.name = name
        self.text = fn_text
        self.samples = samples      # list over samples of list of inputs
        self.expected = expected    # list over samples of list of outputs
        self.ops = ops              # op mnemonics the case exercises
        self.atol = atol


def rng_for(name):
    return np.random.RandomState(zlib.crc32(name.encode()))


FLOAT_CASES = []


def float_case(ops, atol=1e-5):
    def register(builder):
        FLOAT_CASES.append((builder, ops, atol))
        return builder
    return register


def build_float_cases():
    cases = []
    for builder, ops, atol in FLOAT_CASES:
        name = builder.__name__
        rng = rng_for(name)
        arg_shapes, make = builder(rng)
        samples, expected, text = [], [], None
        for _ in range(SAMPLES):
            inputs = [gen(rng, s) for s in arg_shapes]
            text, outs = make(inputs)
            samples.append(inputs)
            expected.append(outs)
        cases.append(Case(name, text, samples, expected, ops, atol))
    return cases


def gen(rng, spec):
    """spec: a shape (uniform floats in [-2, 2]) or (shape, dtype, lo, hi)."""
    if isinstance(spec, list):
        return rng.uniform(-2, 2, spec).astype(np.float32)
    shape, dtype, lo, hi = spec
    if np.dtype(dtype).kind == "f":
        return rng.uniform(lo, hi, shape).astype(dtype)
    return rng.randint(lo, hi + 1, shape).astype(dtype)


def unary_case(opname, ref, shape=(1, 3, 4, 5), attrs="", lo=-2, hi=2):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x = fn.arg(shape)
            y = fn.op(opname, [x], ttype(shape), attrs)
            return fn.text([y]), [ref(inputs[0].astype(np.float64))]
        return [(list(shape), np.float32, lo, hi)], build
    return make


def register_unary(name, opname, ref, **kw):
    builder = unary_case(opname, ref, **kw)
    builder.__name__ = name
    float_case([opname])(builder)


register_unary("relu", "relu", lambda x: np.maximum(x, 0))
register_unary("relu6", "relu6", lambda x: np.clip(x, 0, 6), lo=-3, hi=9)
register_unary("relu_n1_to_1", "relu_n1_to_1", lambda x: np.clip(x, -1, 1))
register_unary("leaky_relu", "leaky_relu",
               lambda x: np.where(x >= 0, x, 0.2 * x),
               attrs="alpha = 0.2 : f32")
register_unary("hard_swish", "hard_swish",
               lambda x: x * np.clip(x + 3, 0, 6) / 6, lo=-5, hi=5)
register_unary("logistic", "logistic", lambda x: 1 / (1 + np.exp(-x)),
               lo=-8, hi=8)
register_unary("tanh", "tanh", np.tanh, lo=-4, hi=4)
register_unary("exp", "exp", np.exp, lo=-4, hi=4)
register_unary("log", "log", np.log, lo=0.01, hi=5)
register_unary("sqrt", "sqrt", np.sqrt, lo=0, hi=5)
register_unary("rsqrt", "rsqrt", lambda x: 1 / np.sqrt(x), lo=0.05, hi=5)
register_unary("abs", "abs", np.abs)
register_unary("neg", "neg", np.negative)
register_unary("floor", "floor", np.floor)
register_unary("elu", "elu", lambda x: np.where(x < 0, np.expm1(x), x),
               lo=-4, hi=2)


def softmax_ref(beta):
    def ref(x):
        e = np.exp(beta * (x - x.max(-1, keepdims=True)))
        return e / e.sum(-1, keepdims=True)
    return ref


register_unary("softmax", "softmax", softmax_ref(1.0), attrs="beta = 1.0 : f32",
               lo=-6, hi=6)
register_unary("softmax_beta", "softmax", softmax_ref(0.5),
               attrs="beta = 0.5 : f32", shape=(2, 7), lo=-6, hi=6)
register_unary("log_softmax", "log_softmax",
               lambda x: x - x.max(-1, keepdims=True) -
               np.log(np.exp(x - x.max(-1, keepdims=True)).sum(-1, keepdims=True)),
               shape=(3, 6), lo=-6, hi=6)
register_unary("stats_identity", "stats", lambda x: x,
               attrs="min = -1.0 : f64, max = 1.0 : f64")
register_unary("fake_quant_8bit", "fake_quant",
               lambda x: ref_fake_quant(x, -1.3, 2.1, 8, False),
               attrs="min = -1.3 : f64, max = 2.1 : f64")
register_unary("fake_quant_4bit_narrow", "fake_quant",
               lambda x: ref_fake_quant(x, -1.0, 1.5, 4, True),
               attrs="min = -1.0 : f64, max = 1.5 : f64, num_bits = 4 : i32, "
                     "narrow_range")
register_unary("fake_quant_positive_range", "fake_quant",
               lambda x: ref_fake_quant(x, 0.5, 3.0, 8, False),
               attrs="min = 0.5 : f64, max = 3.0 : f64")


def conv_builder(xshape, wshape, with_bias, padding, sh, sw, dh, dw, act):
    def make(rng):
        w = rng.uniform(-1, 1, wshape).astype(np.float32)
        b = rng.uniform(-1, 1, wshape[0]).astype(np.float32)

        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            wv = fn.const(w)
            ops = [x, wv] + ([fn.const(b)] if with_bias else [])
            ref = ref_conv2d(inputs[0].astype(np.float64), w.astype(np.float64),
                             b if with_bias else None, padding, sh, sw, dh, dw,
                             act)
            attrs = join_attrs("padding = #qnt.padding<%s>" % padding,
                               "stride_h = %d : i32" % sh,
                               "stride_w = %d : i32" % sw,
                               "dilation_h = %d : i32" % dh,
                               "dilation_w = %d : i32" % dw, act_attr(act))
            y = fn.op("conv_2d", ops, ttype(ref.shape), attrs)
            return fn.text([y]), [ref]
        return [list(xshape)], build
    return make


def register(name, ops, builder, atol=1e-5):
    builder.__name__ = name
    float_case(ops, atol)(builder)


register("conv_2d_same_stride2_relu6", ["conv_2d", "const"],
         conv_builder((1, 7, 6, 3), (4, 3, 3, 3), True, "same", 2, 2, 1, 1,
                      "relu6"))
register("conv_2d_valid_dilated", ["conv_2d"],
         conv_builder((1, 7, 7, 2), (3, 3, 2, 2), False, "valid", 1, 2, 2, 1,
                      "none"))
register("conv_2d_pointwise_relu", ["conv_2d"],
         conv_builder((1, 4, 5, 6), (5, 1, 1, 6), True, "same", 1, 1, 1, 1,
                      "relu"))
register("conv_2d_grouped_tanh", ["conv_2d"],
         conv_builder((1, 5, 5, 4), (6, 3, 3, 2), True, "same", 1, 1, 1, 1,
                      "tanh"))
register("conv_2d_even_filter_same", ["conv_2d"],
         conv_builder((1, 6, 5, 3), (2, 4, 2, 3), True, "same", 2, 1, 1, 1,
                      "relu_n1_to_1"))


def depthwise_builder(xshape, kh, kw, mult, with_bias, padding, sh, sw, dh, dw,
                      act):
    def make(rng):
        oc = xshape[3] * mult
        w = rng.uniform(-1, 1, (1, kh, kw, oc)).astype(np.float32)
        b = rng.uniform(-1, 1, oc).astype(np.float32)

        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            ops = [x, fn.const(w)] + ([fn.const(b)] if with_bias else [])
            ref = ref_depthwise(inputs[0].astype(np.float64), w, b if with_bias
                                else None, padding, sh, sw, dh, dw, mult, act)
            attrs = join_attrs("padding = #qnt.padding<%s>" % padding,
                               "stride_h = %d : i32" % sh,
                               "stride_w = %d : i32" % sw,
                               "dilation_h = %d : i32" % dh,
                               "dilation_w = %d : i32" % dw,
                               "depth_multiplier = %d : i32" % mult,
                               act_attr(act))
            y = fn.op("depthwise_conv_2d", ops, ttype(ref.shape), attrs)
            return fn.text([y]), [ref]
        return [list(xshape)], build
    return make


register("depthwise_same_relu", ["depthwise_conv_2d"],
         depthwise_builder((1, 6, 7, 5), 3, 3, 1, True, "same", 1, 1, 1, 1,
                           "relu"))
register("depthwise_multiplier_stride2", ["depthwise_conv_2d"],
         depthwise_builder((1, 7, 6, 3), 3, 3, 2, True, "same", 2, 2, 1, 1,
                           "none"))
register("depthwise_valid_dilated", ["depthwise_conv_2d"],
         depthwise_builder((1, 8, 8, 2), 3, 2, 1, False, "valid", 1, 2, 2, 1,
                           "relu6"))
register("depthwise_5x5_stride2_same", ["depthwise_conv_2d"],
         depthwise_builder((1, 9, 10, 4), 5, 5, 1, True, "same", 2, 2, 1, 1,
                           "none"))


# At least 8 channels, 3x3 or 5x5, multiplier 1: the channel-vectorised
# depthwise kernel, including a channel count that is not a multiple of 8.
register("depthwise_20ch_same_relu", ["depthwise_conv_2d"],
         depthwise_builder((1, 6, 7, 20), 3, 3, 1, True, "same", 1, 1, 1, 1,
                           "relu"))
register("depthwise_12ch_5x5_stride2", ["depthwise_conv_2d"],
         depthwise_builder((1, 9, 10, 12), 5, 5, 1, False, "same", 2, 2, 1, 1,
                           "none"))
register("depthwise_16ch_valid_dilated", ["depthwise_conv_2d"],
         depthwise_builder((1, 9, 8, 16), 3, 3, 1, True, "valid", 1, 2, 2, 1,
                           "relu6"))
# Output channels over several 16-wide filter panels with a partial last one,
# and pixel counts that are not a multiple of the kernel's row tile.
register("conv_2d_pointwise_40ch_relu6", ["conv_2d"],
         conv_builder((1, 5, 7, 9), (40, 1, 1, 9), True, "same", 1, 1, 1, 1,
                      "relu6"))
register("conv_2d_3x3_20ch_stride2", ["conv_2d"],
         conv_builder((1, 9, 8, 5), (20, 3, 3, 5), True, "same", 2, 2, 1, 1,
                      "none"))


@float_case(["depthwise_conv_2d", "conv_2d", "relu", "relu6", "pad", "add"])
def residual_block_fused_activations(rng):
    # A ReLU-family op that is the only user of a conv, depthwise conv or add
    # is folded into it when nothing observes the intermediate values.
    wd = rng.uniform(-1, 1, (1, 3, 3, 16)).astype(np.float32)
    bd = rng.uniform(-1, 1, 16).astype(np.float32)
    wc = rng.uniform(-1, 1, (20, 1, 1, 16)).astype(np.float32)
    bc = rng.uniform(-1, 1, 20).astype(np.float32)

    def build(inputs):
        x64 = inputs[0].astype(np.float64)
        fn = Fn()
        x = fn.arg((1, 6, 5, 16))
        d = fn.op("depthwise_conv_2d", [x, fn.const(wd), fn.const(bd)],
                  ttype((1, 6, 5, 16)))
        d = fn.op("relu", [d], ttype((1, 6, 5, 16)))
        c = fn.op("conv_2d", [d, fn.const(wc), fn.const(bc)],
                  ttype((1, 6, 5, 20)))
        c = fn.op("relu6", [c], ttype((1, 6, 5, 20)))
        pads = fn.const(np.array([[0, 0], [0, 0], [0, 0], [0, 4]], np.int32),
                        "i32")
        p = fn.op("pad", [x, pads], ttype((1, 6, 5, 20)))
        s = fn.op("add", [p, c], ttype((1, 6, 5, 20)))
        r = fn.op("relu", [s], ttype((1, 6, 5, 20)))
        rd = ref_depthwise(x64, wd, bd, "same", 1, 1, 1, 1, 1, "relu")
        rc = ref_conv2d(rd, wc.astype(np.float64), bc, "same", 1, 1, 1, 1,
                        "relu6")
        rp = np.pad(x64, [(0, 0), (0, 0), (0, 0), (0, 4)])
        return fn.text([r]), [np.maximum(rp + rc, 0)]
    return [[1, 6, 5, 16]], build


@float_case(["conv_2d", "relu", "relu_n1_to_1", "add"])
def relu_of_shared_or_returned_value(rng):
    # Not folded: the conv result has two users, the sum is also returned.
    w = rng.uniform(-1, 1, (9, 1, 1, 8)).astype(np.float32)

    def build(inputs):
        x64 = inputs[0].astype(np.float64)
        fn = Fn()
        x = fn.arg((1, 3, 4, 8))
        c = fn.op("conv_2d", [x, fn.const(w)], ttype((1, 3, 4, 9)))
        r1 = fn.op("relu", [c], ttype((1, 3, 4, 9)))
        r2 = fn.op("relu_n1_to_1", [c], ttype((1, 3, 4, 9)))
        s = fn.op("add", [x, x], ttype((1, 3, 4, 8)))
        r3 = fn.op("relu", [s], ttype((1, 3, 4, 8)))
        rc = ref_conv2d(x64, w.astype(np.float64), None, "same", 1, 1, 1, 1,
                        "none")
        return fn.text([r1, r2, r3, s]), [
            np.maximum(rc, 0), np.clip(rc, -1, 1), np.maximum(2 * x64, 0),
            2 * x64]
    return [[1, 3, 4, 8]], build


def transpose_conv_builder(xshape, wshape, oshape, with_bias, padding, sh, sw,
                           act):
    def make(rng):
        w = rng.uniform(-1, 1, wshape).astype(np.float32)
        b = rng.uniform(-1, 1, wshape[0]).astype(np.float32)

        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            s = fn.const(np.array(oshape, np.int32), "i32")
            ops = [s, fn.const(w), x] + ([fn.const(b)] if with_bias else [])
            ref = ref_transpose_conv(oshape, w, inputs[0].astype(np.float64),
                                     b if with_bias else None, padding, sh, sw,
                                     act)
            attrs = join_attrs("padding = #qnt.padding<%s>" % padding,
                               "stride_h = %d : i32" % sh,
                               "stride_w = %d : i32" % sw, act_attr(act))
            y = fn.op("transpose_conv", ops, ttype(oshape), attrs)
            return fn.text([y]), [ref]
        return [list(xshape)], build
    return make


register("transpose_conv_same_stride2", ["transpose_conv"],
         transpose_conv_builder((1, 3, 4, 3), (2, 3, 3, 3), (1, 6, 8, 2), True,
                                "same", 2, 2, "none"))
register("transpose_conv_valid_odd", ["transpose_conv"],
         transpose_conv_builder((1, 3, 3, 2), (3, 3, 3, 2), (1, 8, 7, 3), False,
                                "valid", 2, 2, "relu"))
register("transpose_conv_same_stride1", ["transpose_conv"],
         transpose_conv_builder((1, 4, 4, 2), (2, 2, 2, 2), (1, 4, 4, 2), True,
                                "same", 1, 1, "none"))


def fully_connected_builder(xshape, o, with_bias, keep, act):
    def make(rng):
        i = xshape[-1]
        w = rng.uniform(-1, 1, (o, i)).astype(np.float32)
        b = rng.uniform(-1, 1, o).astype(np.float32)

        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            ops = [x, fn.const(w)] + ([fn.const(b)] if with_bias else [])
            r = inputs[0].astype(np.float64).reshape(-1, i) @ w.T.astype(
                np.float64)
            if with_bias:
                r = r + b
            r = activation(r, act)
            if keep:
                r = r.reshape(tuple(xshape[:-1]) + (o,))
            attrs = join_attrs(act_attr(act), "keep_num_dims" if keep else "")
            y = fn.op("fully_connected", ops, ttype(r.shape), attrs)
            return fn.text([y]), [r]
        return [list(xshape)], build
    return make


register("fully_connected_bias_relu", ["fully_connected"],
         fully_connected_builder((1, 12), 5, True, False, "relu"))
register("fully_connected_flatten", ["fully_connected"],
         fully_connected_builder((2, 3, 4), 3, False, False, "none"))
register("fully_connected_keep_num_dims", ["fully_connected"],
         fully_connected_builder((1, 3, 4), 6, True, True, "relu6"))


def batch_matmul_builder(xs, ys, adj_x, adj_y):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x, y = fn.arg(xs), fn.arg(ys)
            a, b = inputs[0].astype(np.float64), inputs[1].astype(np.float64)
            if adj_x:
                a = np.swapaxes(a, -1, -2)
            if adj_y:
                b = np.swapaxes(b, -1, -2)
            r = np.matmul(a, b)
            attrs = join_attrs("adj_x" if adj_x else "", "adj_y" if adj_y else "")
            v = fn.op("batch_matmul", [x, y], ttype(r.shape), attrs)
            return fn.text([v]), [r]
        return [list(xs), list(ys)], build
    return make


register("batch_matmul_broadcast", ["batch_matmul"],
         batch_matmul_builder((1, 2, 3, 4), (3, 1, 4, 5), False, False))
register("batch_matmul_adjoint", ["batch_matmul"],
         batch_matmul_builder((1, 4, 3), (1, 5, 4), True, True))
register("batch_matmul_adj_y", ["batch_matmul"],
         batch_matmul_builder((2, 3, 4), (5, 4), False, True))


def binary_builder(opname, ref, xs, ys, act="none", rhs_lo=-2, rhs_hi=2):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x, y = fn.arg(xs), fn.arg(ys)
            r = ref(inputs[0].astype(np.float64), inputs[1].astype(np.float64))
            r = activation(r, act)
            v = fn.op(opname, [x, y], ttype(r.shape), act_attr(act))
            return fn.text([v]), [r]
        return [list(xs), (list(ys), np.float32, rhs_lo, rhs_hi)], build
    return make


register("add_broadcast_relu", ["add"],
         binary_builder("add", np.add, (1, 3, 1, 4), (2, 4), "relu"))
register("sub_scalar_relu6", ["sub"],
         binary_builder("sub", np.subtract, (1, 2, 3), (1,), "relu6"))
register("mul_broadcast_tanh", ["mul"],
         binary_builder("mul", np.multiply, (1, 4, 1), (1, 1, 5), "tanh"))
register("div_broadcast", ["div"],
         binary_builder("div", np.divide, (1, 3, 4), (4,), rhs_lo=0.5,
                        rhs_hi=2))
register("div_relu_n1_to_1", ["div"],
         binary_builder("div", np.divide, (1, 3, 4), (1, 3, 4),
                        "relu_n1_to_1", rhs_lo=0.25, rhs_hi=3))
register("maximum_broadcast", ["maximum"],
         binary_builder("maximum", np.maximum, (1, 2, 3), (3,)))
register("minimum_broadcast", ["minimum"],
         binary_builder("minimum", np.minimum, (1, 2, 1), (1, 1, 4)))
register("squared_difference_broadcast", ["squared_difference"],
         binary_builder("squared_difference", lambda a, b: (a - b) ** 2,
                        (1, 3, 1, 4), (2, 4)))


@float_case(["pow"])
def pow_broadcast(rng):
    # A positive base, so every real exponent is defined.
    def build(inputs):
        fn = Fn()
        x, y = fn.arg((1, 3, 4)), fn.arg((4,))
        r = np.power(inputs[0].astype(np.float64), inputs[1].astype(np.float64))
        v = fn.op("pow", [x, y], ttype(r.shape))
        return fn.text([v]), [r]
    return [((1, 3, 4), np.float32, 0.1, 3), ((4,), np.float32, -2, 3)], build


@float_case(["prelu"])
def prelu_per_channel(rng):
    alpha = rng.uniform(0, 1, (1, 1, 3)).astype(np.float32)

    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 2, 4, 3))
        a = fn.const(alpha)
        x64 = inputs[0].astype(np.float64)
        r = np.where(x64 >= 0, x64, alpha * x64)
        v = fn.op("prelu", [x, a], ttype(r.shape))
        return fn.text([v]), [r]
    return [[1, 2, 4, 3]], build


def pool_builder(opname, fn_np, xshape, kh, kw, sh, sw, padding, act):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            r = activation(pool(inputs[0].astype(np.float64), kh, kw, sh, sw,
                                padding, fn_np), act)
            attrs = join_attrs("padding = #qnt.padding<%s>" % padding,
                               "filter_h = %d : i32" % kh,
                               "filter_w = %d : i32" % kw,
                               "stride_h = %d : i32" % sh,
                               "stride_w = %d : i32" % sw, act_attr(act))
            v = fn.op(opname, [x], ttype(r.shape), attrs)
            return fn.text([v]), [r]
        return [list(xshape)], build
    return make


register("average_pool_same_edges", ["average_pool_2d"],
         pool_builder("average_pool_2d", np.mean, (1, 5, 6, 3), 3, 3, 2, 2,
                      "same", "none"))
register("average_pool_valid_relu6", ["average_pool_2d"],
         pool_builder("average_pool_2d", np.mean, (1, 6, 6, 2), 2, 3, 2, 1,
                      "valid", "relu6"))
register("max_pool_same", ["max_pool_2d"],
         pool_builder("max_pool_2d", np.max, (1, 5, 5, 3), 3, 3, 2, 2, "same",
                      "none"))
register("max_pool_valid_relu", ["max_pool_2d"],
         pool_builder("max_pool_2d", np.max, (1, 6, 7, 2), 2, 2, 2, 2, "valid",
                      "relu"))


def mean_builder(xshape, axes, keep):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            ax = fn.const(np.array(axes, np.int32), "i32")
            norm = tuple(sorted(set(a % len(xshape) for a in axes)))
            r = inputs[0].astype(np.float64).mean(axis=norm, keepdims=keep)
            v = fn.op("mean", [x, ax], ttype(r.shape),
                      "keep_dims" if keep else "")
            return fn.text([v]), [r]
        return [list(xshape)], build
    return make


register("mean_spatial_keep_dims", ["mean"],
         mean_builder((1, 4, 5, 3), [1, 2], True))
register("mean_negative_repeated_axes", ["mean"],
         mean_builder((1, 4, 5, 3), [-2, 1, 2], False))
register("mean_last_axis", ["mean"], mean_builder((2, 3, 4), [2], False))


def reduce_builder(opname, np_fn, xshape, axes, keep):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            ax = fn.const(np.array(axes, np.int32), "i32")
            norm = tuple(sorted(set(a % len(xshape) for a in axes)))
            r = np_fn(inputs[0].astype(np.float64), axis=norm, keepdims=keep)
            v = fn.op(opname, [x, ax], ttype(r.shape),
                      "keep_dims" if keep else "")
            return fn.text([v]), [r]
        return [list(xshape)], build
    return make


register("sum_spatial_keep_dims", ["sum"],
         reduce_builder("sum", np.sum, (1, 4, 5, 3), [1, 2], True))
register("sum_negative_repeated_axes", ["sum"],
         reduce_builder("sum", np.sum, (2, 3, 4), [-1, 0, 2], False))
register("reduce_max_two_axes", ["reduce_max"],
         reduce_builder("reduce_max", np.max, (2, 3, 4, 5), [3, 1], False))
register("reduce_max_all_keep_dims", ["reduce_max"],
         reduce_builder("reduce_max", np.max, (2, 3, 4), [0, 1, 2], True))
register("reduce_min_negative_axis", ["reduce_min"],
         reduce_builder("reduce_min", np.min, (1, 4, 5, 3), [-2], True))


@float_case(["arg_max"])
def arg_max_i32_and_i64(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 3, 5))
        d1 = fn.const(np.array([1], np.int32), "i32")
        d2 = fn.const(np.array([-1], np.int64), "i64")
        a = fn.op("arg_max", [x, d1], ttype((2, 5), "i32"))
        b = fn.op("arg_max", [x, d2], ttype((2, 3), "i64"))
        return fn.text([a, b]), [np.argmax(inputs[0], 1).astype(np.int32),
                                 np.argmax(inputs[0], 2).astype(np.int64)]
    return [[2, 3, 5]], build


@float_case(["arg_max"])
def arg_max_ties_first(rng):
    """Rounded inputs tie often; the first maximum wins."""
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 4, 6))
        d = fn.const(np.array([2], np.int32), "i32")
        a = fn.op("arg_max", [x, d], ttype((1, 4), "i32"))
        return fn.text([a]), [np.argmax(inputs[0], 2).astype(np.int32)]
    return [((1, 4, 6), np.float32, -2, 2)], build


@float_case(["arg_min"])
def arg_min_ties_first(rng):
    """Rounded inputs tie often; the first minimum wins. i32 and i64
    results, a negative dimension."""
    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 4, 6))
        d = fn.const(np.array([2], np.int32), "i32")
        a = fn.op("arg_min", [x, d], ttype((2, 4), "i32"))
        d2 = fn.const(np.array([-3], np.int64), "i64")
        b = fn.op("arg_min", [x, d2], ttype((4, 6), "i64"))
        return fn.text([a, b]), [np.argmin(inputs[0], 2).astype(np.int32),
                                 np.argmin(inputs[0], 0).astype(np.int64)]
    return [((2, 4, 6), np.float32, -2, 2)], build


def gather_builder(pshape, indices, axis, batch_dims, itype="i32"):
    def make(rng):
        def build(inputs):
            fn = Fn()
            p = fn.arg(pshape)
            idx = np.array(indices, np.int32 if itype == "i32" else np.int64)
            i = fn.const(idx, itype)
            ref = ref_gather(inputs[0], idx, axis, batch_dims)
            v = fn.op("gather", [p, i], ttype(ref.shape),
                      "axis = %d : i32, batch_dims = %d : i32" %
                      (axis, batch_dims))
            return fn.text([v]), [ref]
        return [list(pshape)], build
    return make


def ref_gather(params, indices, axis, batch_dims):
    """Element by element from the definition: output index
    (params[:axis], indices[b:], params[axis+1:])."""
    axis %= params.ndim
    b = batch_dims % indices.ndim if batch_dims < 0 else batch_dims
    shape = params.shape[:axis] + indices.shape[b:] + params.shape[axis + 1:]
    out = np.zeros(shape, params.dtype)
    ni = indices.ndim - b
    for pos in np.ndindex(*shape):
        before = pos[:axis]
        ipos = pos[axis:axis + ni]
        after = pos[axis + ni:]
        k = indices[before[:b] + ipos]
        out[pos] = params[before + (k,) + after]
    return out


register("gather_axis0_2d_indices", ["gather"],
         gather_builder((5, 3), [[4, 0], [2, 2], [1, 3]], 0, 0))
register("gather_negative_axis_i64", ["gather"],
         gather_builder((2, 3, 4), [3, 0, 1], -1, 0, "i64"))
register("gather_batch_dims", ["gather"],
         gather_builder((2, 4, 3), [[3, 0], [1, 1]], 1, 1))


@float_case(["space_to_depth"])
def space_to_depth_block2(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 4, 6, 3))
        v = fn.op("space_to_depth", [x], ttype((2, 2, 3, 12)),
                  "block_size = 2 : i32")
        ref = np.zeros((2, 2, 3, 12), np.float32)
        for n, y, xx, dy, dx, c in np.ndindex(2, 2, 3, 2, 2, 3):
            ref[n, y, xx, (dy * 2 + dx) * 3 + c] = \
                inputs[0][n, y * 2 + dy, xx * 2 + dx, c]
        return fn.text([v]), [ref]
    return [[2, 4, 6, 3]], build


@float_case(["depth_to_space"])
def depth_to_space_block3(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 2, 3, 18))
        v = fn.op("depth_to_space", [x], ttype((2, 6, 9, 2)),
                  "block_size = 3 : i32")
        ref = np.zeros((2, 6, 9, 2), np.float32)
        for n, y, xx, dy, dx, c in np.ndindex(2, 2, 3, 3, 3, 2):
            ref[n, y * 3 + dy, xx * 3 + dx, c] = \
                inputs[0][n, y, xx, (dy * 3 + dx) * 2 + c]
        return fn.text([v]), [ref]
    return [[2, 2, 3, 18]], build


def space_to_batch_ref(x, block, pads):
    """TensorFlow's definition: pad, split each spatial dimension into
    (size / b, b), move the block offsets in front of the batch."""
    x = np.pad(x, [(0, 0)] + [tuple(p) for p in pads] + [(0, 0)])
    n, spatial, c = x.shape[0], x.shape[1:-1], x.shape[-1]
    split = [n]
    for s, b in zip(spatial, block):
        split += [s // b, b]
    x = x.reshape(split + [c])
    k = len(block)
    order = [2 + 2 * i for i in range(k)] + [0] + \
        [1 + 2 * i for i in range(k)] + [2 * k + 1]
    x = x.transpose(order)
    return x.reshape([n * int(np.prod(block))] +
                     [s // b for s, b in zip(spatial, block)] + [c])


def batch_to_space_ref(x, block, crops):
    """The inverse: batch splits into (block offsets..., N), the offsets
    interleave with the spatial dimensions, then crop."""
    k = len(block)
    n = x.shape[0] // int(np.prod(block))
    spatial, c = x.shape[1:-1], x.shape[-1]
    x = x.reshape(list(block) + [n] + list(spatial) + [c])
    order = [k]
    for i in range(k):
        order += [k + 1 + i, i]
    x = x.transpose(order + [2 * k + 1])
    x = x.reshape([n] + [s * b for s, b in zip(spatial, block)] + [c])
    index = [slice(None)] + [slice(lo, x.shape[1 + i] - hi)
                             for i, (lo, hi) in enumerate(crops)]
    return x[tuple(index)]


@float_case(["space_to_batch_nd", "batch_to_space_nd"])
def space_batch_dilated_4d(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 5, 6, 3))
        b = fn.const(np.array([2, 3], np.int32), "i32")
        p = fn.const(np.array([[1, 0], [2, 1]], np.int32), "i32")
        s = space_to_batch_ref(inputs[0], [2, 3], [[1, 0], [2, 1]])
        v = fn.op("space_to_batch_nd", [x, b, p], ttype(s.shape))
        c = fn.const(np.array([[0, 1], [1, 2]], np.int32), "i32")
        r = batch_to_space_ref(s, [2, 3], [[0, 1], [1, 2]])
        w = fn.op("batch_to_space_nd", [v, b, c], ttype(r.shape))
        return fn.text([v, w]), [s, r]
    return [[2, 5, 6, 3]], build


@float_case(["space_to_batch_nd", "batch_to_space_nd"])
def space_batch_3d(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 7, 2))
        b = fn.const(np.array([3], np.int32), "i32")
        p = fn.const(np.array([[2, 0]], np.int32), "i32")
        s = space_to_batch_ref(inputs[0], [3], [[2, 0]])
        v = fn.op("space_to_batch_nd", [x, b, p], ttype(s.shape))
        c = fn.const(np.array([[1, 1]], np.int32), "i32")
        r = batch_to_space_ref(s, [3], [[1, 1]])
        w = fn.op("batch_to_space_nd", [v, b, c], ttype(r.shape))
        return fn.text([v, w]), [s, r]
    return [[1, 7, 2]], build


@float_case(["tile", "broadcast_to"])
def tile_and_broadcast_to(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 1, 3))
        m = fn.const(np.array([2, 3, 1], np.int64), "i64")
        t = np.tile(inputs[0], (2, 3, 1))
        v = fn.op("tile", [x, m], ttype(t.shape))
        s = fn.const(np.array([4, 2, 5, 3], np.int32), "i32")
        bt = np.broadcast_to(inputs[0], (4, 2, 5, 3))
        w = fn.op("broadcast_to", [x, s], ttype(bt.shape))
        return fn.text([v, w]), [t, bt]
    return [[2, 1, 3]], build


@float_case(["l2_normalization", "gelu"])
def l2_normalization_and_gelu(rng):
    def build(inputs):
        x0 = inputs[0].astype(np.float64)
        fn = Fn()
        x = fn.arg((2, 3, 5))
        norm = np.maximum(np.sqrt((x0 * x0).sum(-1, keepdims=True)), 1e-6)
        v = fn.op("l2_normalization", [x], ttype((2, 3, 5)))
        erf = np.vectorize(math.erf)
        g = fn.op("gelu", [x], ttype((2, 3, 5)))
        ga = fn.op("gelu", [x], ttype((2, 3, 5)), "approximate")
        tanh_form = 0.5 * x0 * (1 + np.tanh(np.sqrt(2 / np.pi) *
                                            (x0 + 0.044715 * x0 ** 3)))
        return fn.text([v, g, ga]), [x0 / norm,
                                     0.5 * x0 * (1 + erf(x0 / np.sqrt(2))),
                                     tanh_form]
    return [[2, 3, 5]], build


@float_case(["reshape"])
def reshape_with_shape_operand(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 2, 3, 4))
        s = fn.const(np.array([1, -1, 4], np.int32), "i32")
        r = inputs[0].reshape(1, 6, 4)
        v = fn.op("reshape", [x, s], ttype(r.shape))
        return fn.text([v]), [r]
    return [[1, 2, 3, 4]], build


@float_case(["reshape"])
def reshape_without_shape_operand(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 6, 2))
        r = inputs[0].reshape(1, 3, 4)
        v = fn.op("reshape", [x], ttype(r.shape))
        return fn.text([v]), [r]
    return [[1, 6, 2]], build


@float_case(["squeeze"])
def squeeze_listed_and_all(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 3, 1, 4, 1))
        a = fn.op("squeeze", [x], ttype((1, 3, 4, 1)),
                  "squeeze_dims = array<i64: 2>")
        b = fn.op("squeeze", [x], ttype((1, 3, 1, 4)),
                  "squeeze_dims = array<i64: -1>")
        c = fn.op("squeeze", [x], ttype((3, 4)))
        return fn.text([a, b, c]), [inputs[0].reshape(1, 3, 4, 1),
                                     inputs[0].reshape(1, 3, 1, 4),
                                     inputs[0].reshape(3, 4)]
    return [[1, 3, 1, 4, 1]], build


@float_case(["transpose"])
def transpose_4d_negative_perm(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 2, 3, 4))
        p = fn.const(np.array([0, 3, -3, 2], np.int32), "i32")
        r = np.transpose(inputs[0], (0, 3, 1, 2))
        v = fn.op("transpose", [x, p], ttype(r.shape))
        return fn.text([v]), [r]
    return [[1, 2, 3, 4]], build


@float_case(["concatenation"])
def concatenation_negative_axis_relu(rng):
    def build(inputs):
        fn = Fn()
        a, b = fn.arg((1, 2, 3)), fn.arg((1, 2, 2))
        c = fn.const(np.array([[[0.5], [-0.5]]], np.float32))
        r = np.maximum(np.concatenate([inputs[0], inputs[1],
                                       np.array([[[0.5], [-0.5]]])], -1), 0)
        v = fn.op("concatenation", [a, b, c], ttype(r.shape),
                  "axis = -1 : i32, fused_activation = #qnt.act<relu>")
        return fn.text([v]), [r]
    return [[1, 2, 3], [1, 2, 2]], build


@float_case(["concatenation"])
def concatenation_axis1(rng):
    def build(inputs):
        fn = Fn()
        a, b = fn.arg((1, 2, 3)), fn.arg((1, 1, 3))
        r = np.concatenate([inputs[0], inputs[1]], 1)
        v = fn.op("concatenation", [a, b], ttype(r.shape), "axis = 1 : i32")
        return fn.text([v]), [r]
    return [[1, 2, 3], [1, 1, 3]], build


@float_case(["pad", "pad_v2"])
def pad_and_pad_v2(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 2, 3, 2))
        pads = np.array([[0, 0], [1, 2], [0, 1], [2, 0]], np.int32)
        p = fn.const(pads, "i32")
        cv = fn.const(np.array(-1.5, np.float32))
        a = np.pad(inputs[0], pads)
        b = np.pad(inputs[0], pads, constant_values=-1.5)
        va = fn.op("pad", [x, p], ttype(a.shape))
        vb = fn.op("pad_v2", [x, p, cv], ttype(b.shape))
        return fn.text([va, vb]), [a, b]
    return [[1, 2, 3, 2]], build


@float_case(["mirror_pad"])
def mirror_pad_reflect_symmetric(rng):
    # Paddings up to the largest each mode allows: size - 1 for reflect,
    # the size itself for symmetric.
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 3, 4, 2))
        pads = np.array([[0, 0], [2, 1], [0, 3], [1, 0]], np.int32)
        sym = np.array([[0, 0], [3, 1], [4, 2], [2, 2]], np.int32)
        a = np.pad(inputs[0], pads, mode="reflect")
        b = np.pad(inputs[0], sym, mode="symmetric")
        va = fn.op("mirror_pad", [x, fn.const(pads, "i32")], ttype(a.shape),
                   "mode = #qnt.mirror_pad_mode<reflect>")
        vb = fn.op("mirror_pad", [x, fn.const(sym, "i32")], ttype(b.shape),
                   "mode = #qnt.mirror_pad_mode<symmetric>")
        return fn.text([va, vb]), [a, b]
    return [[1, 3, 4, 2]], build


def resize_builder(opname, ref, xshape, size, align, half):
    def make(rng):
        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            s = fn.const(np.array(size, np.int32), "i32")
            r = ref(inputs[0].astype(np.float64), size[0], size[1], align, half)
            attrs = join_attrs("align_corners" if align else "",
                               "half_pixel_centers" if half else "")
            v = fn.op(opname, [x, s], ttype(r.shape), attrs)
            return fn.text([v]), [r]
        return [list(xshape)], build
    return make


for _align, _half in [(False, False), (True, False), (False, True)]:
    register("resize_bilinear_up%s%s" % ("_align" if _align else "",
                                         "_half" if _half else ""),
             ["resize_bilinear"],
             resize_builder("resize_bilinear", ref_resize_bilinear,
                            (1, 3, 4, 2), (5, 7), _align, _half))
register("resize_bilinear_down_half", ["resize_bilinear"],
         resize_builder("resize_bilinear", ref_resize_bilinear, (1, 7, 5, 2),
                        (3, 2), False, True))
for _align, _half in [(False, False), (True, False), (False, True),
                      (True, True)]:
    register("resize_nearest_up%s%s" % ("_align" if _align else "",
                                        "_half" if _half else ""),
             ["resize_nearest_neighbor"],
             resize_builder("resize_nearest_neighbor", ref_resize_nearest,
                            (1, 3, 4, 2), (7, 5), _align, _half))
register("resize_nearest_down", ["resize_nearest_neighbor"],
         resize_builder("resize_nearest_neighbor", ref_resize_nearest,
                        (1, 7, 6, 1), (3, 4), False, False))


@float_case(["slice"])
def slice_with_minus_one(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 4, 5, 3))
        b = fn.const(np.array([0, 1, 2, 1], np.int32), "i32")
        s = fn.const(np.array([1, 2, -1, 2], np.int32), "i32")
        r = inputs[0][0:1, 1:3, 2:, 1:3]
        v = fn.op("slice", [x, b, s], ttype(r.shape))
        return fn.text([v]), [r]
    return [[1, 4, 5, 3]], build


def strided_slice_builder(xshape, begin, end, strides, masks, index):
    """index: the numpy index expression the slice spec stands for."""
    def make(rng):
        def build(inputs):
            fn = Fn()
            x = fn.arg(xshape)
            ops = [x] + [fn.const(np.array(v, np.int32), "i32")
                         for v in (begin, end, strides)]
            r = inputs[0][index]
            v = fn.op("strided_slice", ops, ttype(r.shape), masks)
            return fn.text([v]), [r]
        return [list(xshape)], build
    return make


register("strided_slice_basic", ["strided_slice"],
         strided_slice_builder((1, 6, 5, 3), [0, 1, 0, 0], [1, 6, 5, 2],
                               [1, 2, 2, 1], "",
                               np.s_[0:1, 1:6:2, 0:5:2, 0:2]))
register("strided_slice_negative_stride_masks", ["strided_slice"],
         strided_slice_builder((1, 6, 5, 3), [0, -1, 3, 0], [0, 0, 0, 3],
                               [1, -2, -1, 1],
                               "begin_mask = 1 : i32, end_mask = 3 : i32",
                               np.s_[:, -1::-2, 3:0:-1, 0:3]))
register("strided_slice_shrink_ellipsis_new_axis", ["strided_slice"],
         strided_slice_builder((1, 4, 5, 3), [0, 0, 2, 0], [1, 0, 3, 0],
                               [1, 1, 1, 1],
                               "ellipsis_mask = 2 : i32, shrink_axis_mask = 5 : "
                               "i32, new_axis_mask = 8 : i32",
                               np.s_[0, ..., 2, np.newaxis]))
register("strided_slice_offset_clamped", ["strided_slice"],
         strided_slice_builder((1, 7, 4), [0, -5, 1], [1, 3, 100],
                               [1, 1, 2], "offset",
                               np.s_[0:1, -5:-2, 1:101:2]))


@float_case(["const", "dequantize"])
def const_f16_dequantize(rng):
    w = rng.uniform(-3, 3, (2, 3)).astype(np.float16)

    def build(inputs):
        fn = Fn()
        x = fn.arg((2, 3))
        c = fn.const(w.astype(np.float32), "f16")
        d = fn.op("dequantize", [c], ttype((2, 3)))
        v = fn.op("add", [x, d], ttype((2, 3)))
        return fn.text([v]), [inputs[0] + w.astype(np.float64)]
    return [[2, 3]], build


@float_case(["quantize", "dequantize"])
def quantize_dequantize_int8(rng):
    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 8))
        qt = qtype("i8", 0.03, -5)
        q = fn.op("quantize", [x], ttype((1, 8), qt))
        d = fn.op("dequantize", [q], ttype((1, 8)))
        qi = np.clip(round_away(inputs[0] / np.float32(0.03)) - 5, -128, 127)
        return fn.text([q, d]), [qi.astype(np.int8), (qi + 5) * 0.03]
    return [([1, 8], np.float32, -5, 5)], build


@float_case(["quantize", "dequantize"])
def quantize_uint8_per_axis_dequantize(rng):
    scales = [0.1, 0.05, 0.2]
    zps = [3, -2, 0]

    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 4, 3))
        q = fn.op("quantize", [x], ttype((1, 4, 3), qtype("u8", 0.02, 128)))
        # Per-axis dequantize of a constant: (q - zp[c]) * scale[c].
        cq = np.array([[10, -20, 30], [-128, 127, 0]], np.int8)
        c = fn.const(cq, "i8", qtype("i8", scales, zps, axis=1))
        d = fn.op("dequantize", [c], ttype((2, 3)))
        qi = np.clip(round_away(inputs[0] / np.float32(0.02)) + 128, 0, 255)
        deq = (cq.astype(np.float64) - zps) * scales
        return fn.text([q, d]), [qi.astype(np.uint8), deq]
    return [([1, 4, 3], np.float32, -3, 3)], build


@float_case(["quantize", "requantize"])
def requantize_int8(rng):
    in_scale, in_zp, out_scale, out_zp = 0.05, 3, 0.13, -7
    mult, shift = quantize_multiplier(in_scale / out_scale)

    def build(inputs):
        fn = Fn()
        x = fn.arg((1, 9), qtype("i8", in_scale, in_zp))
        rq = fn.op("requantize", [x], ttype((1, 9), qtype("i8", out_scale,
                                                            out_zp)),
                   "multiplier = %d : i32, shift = %d : i32" % (mult, shift))
        # TFLite's QUANTIZE between two int8 types: the same arithmetic.
        qq = fn.op("quantize", [x], ttype((1, 9), qtype("i8", out_scale,
                                                          out_zp)))
        ref = np.array([[min(max(out_zp + multiply_by_quantized_multiplier(
            int(v) - in_zp, mult, shift), -128), 127)
            for v in inputs[0].ravel()]], np.int8)
        return fn.text([rq, qq]), [ref, ref]
    return [([1, 9], np.int8, -128, 127)], build


# --------------------------------------------------------------------------
# Running cases
# --------------------------------------------------------------------------

def stack_samples(arrays):
    """How qnt-run and tflite-runner stack samples: a leading extent of 1 is
    replaced by the sample count, otherwise a sample axis is added."""
    if arrays[0].ndim > 0 and arrays[0].shape[0] == 1:
        return np.concatenate(arrays, 0)
    return np.stack(arrays, 0)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (
            os.path.basename(cmd[0]) if cmd[0] != "node" else cmd[1],
            p.returncode, p.stderr.strip()))
    return p.stdout


def write_inputs(case, work):
    n = len(case.samples[0])
    arrays = {"input_%d" % i: stack_samples([s[i] for s in case.samples])
              for i in range(n)}
    npz = os.path.join(work, case.name + ".npz")
    np.savez(npz, **arrays)
    files = []
    for i in range(n):
        f = os.path.join(work, "%s.in%d.npy" % (case.name, i))
        np.save(f, arrays["input_%d" % i])
        files.append(f)
    return npz, files


def read_outputs(directory, count):
    return [np.load(os.path.join(directory, "output_%d.npy" % i))
            for i in range(count)]


def check_float(case, args):
    mlir = os.path.join(args.work, case.name + ".mlir")
    with open(mlir, "w") as f:
        f.write(case.text)
    npz, _ = write_inputs(case, args.work)
    out = os.path.join(args.work, case.name + ".out")
    run([args.qnt_run, mlir, "--data", npz, "-o", out])
    expected = [stack_samples([s[i] for s in case.expected])
                for i in range(len(case.expected[0]))]
    got = read_outputs(out, len(expected))
    worst = 0.0
    for i, (g, e) in enumerate(zip(got, expected)):
        if g.shape != e.shape:
            raise AssertionError("output %d has shape %s, expected %s" %
                                 (i, g.shape, e.shape))
        if e.dtype.kind in "iu":
            if g.dtype != e.dtype:
                raise AssertionError("output %d has dtype %s, expected %s" %
                                     (i, g.dtype, e.dtype))
            bad = np.flatnonzero(g != e)
            if bad.size:
                raise AssertionError("output %d differs at %d element(s), "
                                     "first at %d: %d vs %d" % (
                                         i, bad.size, bad[0], g.flat[bad[0]],
                                         e.flat[bad[0]]))
            continue
        err = np.abs(g.astype(np.float64) - e)
        tol = case.atol + 1e-5 * np.abs(e)
        if (err > tol).any():
            k = int(np.argmax(err - tol))
            raise AssertionError("output %d: element %d is %r, expected %r" %
                                 (i, k, float(g.flat[k]), float(e.flat[k])))
        worst = max(worst, float(err.max()) if err.size else 0.0)
    return "max abs error %.1e" % worst


def dialect_ops(td_path):
    text = open(td_path).read()
    names = set(re.findall(r'def Qnt_\w+Op\s*:\s*Qnt_\w*Op<"(\w+)"', text))
    names |= set(re.findall(r'def Qnt_\w+Op\s*\n\s*:\s*Qnt_\w*Op<"(\w+)"',
                            text))
    return names


# --------------------------------------------------------------------------
# Integer cases, checked against the TFLite runtime
# --------------------------------------------------------------------------

QUANT_CASES = []


def quant_case(builder):
    QUANT_CASES.append(builder)
    return builder


I8 = (-128, 127)


def qarg(fn, shape, storage, scale, zp):
    return fn.arg(shape, qtype(storage, scale, zp))


def q_weights(rng, shape, per_axis_dim=None, scale_lo=0.002, scale_hi=0.02):
    w = rng.randint(-127, 128, shape).astype(np.int8)
    if per_axis_dim is None:
        return w, float(rng.uniform(scale_lo, scale_hi))
    return w, [float(s) for s in rng.uniform(scale_lo, scale_hi,
                                            shape[per_axis_dim])]


@quant_case
def q_conv_per_channel_relu6(rng):
    fn = Fn()
    s_in, zp_in, s_out, zp_out = 0.02, -3, 0.05, -20
    x = qarg(fn, (1, 6, 6, 3), "i8", s_in, zp_in)
    w, ws = q_weights(rng, (4, 3, 3, 3), 0)
    b = rng.randint(-2000, 2000, 4).astype(np.int32)
    wv = fn.const(w, "i8", qtype("i8", ws, 0, axis=0, narrow=True))
    bv = fn.const(b, "i32", qtype("i32", [s_in * s for s in ws], 0, axis=0))
    y = fn.op("conv_2d", [x, wv, bv], ttype((1, 3, 3, 4), qtype("i8", s_out,
                                                                  zp_out)),
              "stride_h = 2 : i32, stride_w = 2 : i32, "
              "fused_activation = #qnt.act<relu6>")
    return fn, [((1, 6, 6, 3), np.int8, *I8)], [y]


@quant_case
def q_conv_per_tensor_valid(rng):
    fn = Fn()
    x = qarg(fn, (1, 5, 5, 2), "i8", 0.03, 5)
    w, ws = q_weights(rng, (3, 2, 2, 2))
    b = rng.randint(-500, 500, 3).astype(np.int32)
    wv = fn.const(w, "i8", qtype("i8", ws, 0, narrow=True))
    bv = fn.const(b, "i32", qtype("i32", 0.03 * ws, 0))
    y = fn.op("conv_2d", [x, wv, bv], ttype((1, 4, 4, 3), qtype("i8", 0.02,
                                                                  1)),
              "padding = #qnt.padding<valid>")
    return fn, [((1, 5, 5, 2), np.int8, *I8)], [y]


@quant_case
def q_conv_int16x8(rng):
    fn = Fn()
    x = qarg(fn, (1, 4, 4, 2), "i16", 0.0005, 0)
    w, ws = q_weights(rng, (3, 3, 3, 2), 0)
    b = rng.randint(-30000, 30000, 3).astype(np.int64)
    wv = fn.const(w, "i8", qtype("i8", ws, 0, axis=0, narrow=True))
    # TFLite's 16x8 kernels take an int64 bias (quant types stop at 32 bits,
    # so it is a plain integer tensor, scaled input_scale * filter_scale).
    bv = fn.const(b, "i64")
    y = fn.op("conv_2d", [x, wv, bv], ttype((1, 4, 4, 3), qtype("i16", 0.001,
                                                                  0)))
    return fn, [((1, 4, 4, 2), np.int16, -32768, 32767)], [y]


@quant_case
def q_depthwise_per_channel(rng):
    fn = Fn()
    x = qarg(fn, (1, 6, 5, 3), "i8", 0.04, -10)
    w, ws = q_weights(rng, (1, 3, 3, 6), 3)
    b = rng.randint(-1000, 1000, 6).astype(np.int32)
    wv = fn.const(w, "i8", qtype("i8", ws, 0, axis=3, narrow=True))
    bv = fn.const(b, "i32", qtype("i32", [0.04 * s for s in ws], 0, axis=0))
    y = fn.op("depthwise_conv_2d", [x, wv, bv],
              ttype((1, 6, 5, 6), qtype("i8", 0.03, 2)),
              "depth_multiplier = 2 : i32, fused_activation = #qnt.act<relu>")
    return fn, [((1, 6, 5, 3), np.int8, *I8)], [y]


@quant_case
def q_fully_connected(rng):
    fn = Fn()
    x = qarg(fn, (1, 10), "i8", 0.05, 7)
    w, ws = q_weights(rng, (4, 10), 0)
    b = rng.randint(-3000, 3000, 4).astype(np.int32)
    wv = fn.const(w, "i8", qtype("i8", ws, 0, axis=0, narrow=True))
    bv = fn.const(b, "i32", qtype("i32", [0.05 * s for s in ws], 0, axis=0))
    y = fn.op("fully_connected", [x, wv, bv],
              ttype((1, 4), qtype("i8", 0.08, -4)))
    return fn, [((1, 10), np.int8, *I8)], [y]


def q_binary(opname, sa, za, sb, zb, so, zo, act="none", bshape=(1, 2, 3, 4)):
    def builder(rng):
        fn = Fn()
        a = qarg(fn, (1, 2, 3, 4), "i8", sa, za)
        b = qarg(fn, bshape, "i8", sb, zb)
        y = fn.op(opname, [a, b], ttype((1, 2, 3, 4), qtype("i8", so, zo)),
                  act_attr(act))
        return fn, [((1, 2, 3, 4), np.int8, *I8),
                    (bshape, np.int8, *I8)], [y]
    return builder


def register_quant(name, builder):
    builder.__name__ = name
    quant_case(builder)


register_quant("q_add_different_scales",
               q_binary("add", 0.02, -5, 0.07, 10, 0.09, 3))
register_quant("q_add_broadcast_relu",
               q_binary("add", 0.05, 0, 0.01, -20, 0.04, -128, "relu",
                        (1, 1, 1, 4)))
register_quant("q_sub_different_scales",
               q_binary("sub", 0.03, 2, 0.05, -1, 0.06, 0))
register_quant("q_mul_relu6",
               q_binary("mul", 0.03, 4, 0.02, -8, 0.01, -30, "relu6"))
register_quant("q_maximum", q_binary("maximum", 0.03, 4, 0.03, 4, 0.03, 4))
register_quant("q_minimum", q_binary("minimum", 0.03, 4, 0.03, 4, 0.03, 4,
                                     bshape=(1, 1, 3, 1)))
register_quant("q_squared_difference_broadcast",
               q_binary("squared_difference", 0.05, -10, 0.03, 7, 0.09, -128,
                        bshape=(1, 1, 3, 4)))
register_quant("q_squared_difference_same_scale",
               q_binary("squared_difference", 0.02, 3, 0.02, 3, 0.01, -128))


def q_unary(opname, si, zi, so, zo, attrs="", shape=(1, 3, 4, 5),
            storage="i8", lo=-128, hi=127, dtype=np.int8):
    def builder(rng):
        fn = Fn()
        x = qarg(fn, shape, storage, si, zi)
        y = fn.op(opname, [x], ttype(shape, qtype(storage, so, zo)), attrs)
        return fn, [(shape, dtype, lo, hi)], [y]
    return builder


register_quant("q_logistic", q_unary("logistic", 0.06, -2, 1 / 256, -128))
register_quant("q_tanh", q_unary("tanh", 0.03, 5, 1 / 128, 0))
register_quant("q_softmax", q_unary("softmax", 0.1, 3, 1 / 256, -128,
                                    "beta = 1.0 : f32"))
register_quant("q_leaky_relu", q_unary("leaky_relu", 0.05, -3, 0.04, 10,
                                       "alpha = 0.3 : f32"))
register_quant("q_hard_swish", q_unary("hard_swish", 0.04, -10, 0.03, -60))
register_quant("q_abs", q_unary("abs", 0.04, -7, 0.03, -128))
register_quant("q_abs_same_scale", q_unary("abs", 0.04, 9, 0.04, -128))
register_quant("q_abs_int16", q_unary("abs", 0.0004, 0, 0.0003, 0,
                                      storage="i16", lo=-32768, hi=32767,
                                      dtype=np.int16))
# Inputs at or above the zero point only (TFLite refuses the others); the
# zero point itself maps to the largest output.
register_quant("q_rsqrt", q_unary("rsqrt", 0.02, -128, 0.015, -128))
register_quant("q_rsqrt_mid_zero_point", q_unary("rsqrt", 0.3, -20, 0.004,
                                                 -128, lo=-20, hi=127))
register_quant("q_relu", q_unary("relu", 0.05, 10, 0.03, -128))
register_quant("q_relu6", q_unary("relu6", 0.05, -20, 6 / 255, -128))
register_quant("q_logistic_int16", q_unary("logistic", 0.0004, 0, 1 / 32768,
                                           0, storage="i16", lo=-32768,
                                           hi=32767, dtype=np.int16))
register_quant("q_quantize_rescale", q_unary("quantize", 0.05, 3, 0.11, -9))


@quant_case
def q_pools_and_mean(rng):
    fn = Fn()
    x = qarg(fn, (1, 6, 6, 3), "i8", 0.05, -4)
    t = qtype("i8", 0.05, -4)
    a = fn.op("average_pool_2d", [x], ttype((1, 3, 3, 3), t),
              "filter_h = 3 : i32, filter_w = 3 : i32, stride_h = 2 : i32, "
              "stride_w = 2 : i32")
    m = fn.op("max_pool_2d", [x], ttype((1, 3, 3, 3), t),
              "filter_h = 2 : i32, filter_w = 2 : i32, stride_h = 2 : i32, "
              "stride_w = 2 : i32, padding = #qnt.padding<valid>")
    ax = fn.const(np.array([1, 2], np.int32), "i32")
    mean = fn.op("mean", [x, ax], ttype((1, 1, 1, 3), qtype("i8", 0.02, 6)),
                 "keep_dims")
    return fn, [((1, 6, 6, 3), np.int8, *I8)], [a, m, mean]


@quant_case
def q_data_movement(rng):
    fn = Fn()
    t = qtype("i8", 0.05, -4)
    x = qarg(fn, (1, 4, 4, 2), "i8", 0.05, -4)
    y = qarg(fn, (1, 4, 4, 1), "i8", 0.05, -4)
    c = fn.op("concatenation", [x, y], ttype((1, 4, 4, 3), t), "axis = 3 : i32")
    pads = fn.const(np.array([[0, 0], [1, 1], [0, 2], [0, 0]], np.int32),
                    "i32")
    p = fn.op("pad", [c, pads], ttype((1, 6, 6, 3), t))
    size = fn.const(np.array([8, 7], np.int32), "i32")
    rb = fn.op("resize_bilinear", [x, size], ttype((1, 8, 7, 2), t),
               "half_pixel_centers")
    rn = fn.op("resize_nearest_neighbor", [x, size], ttype((1, 8, 7, 2), t))
    perm = fn.const(np.array([0, 3, 1, 2], np.int32), "i32")
    tr = fn.op("transpose", [x, perm], ttype((1, 2, 4, 4), t))
    return fn, [((1, 4, 4, 2), np.int8, *I8),
                ((1, 4, 4, 1), np.int8, *I8)], [p, rb, rn, tr]


def q_mirror_pad(name, storage=None, scale=0.0, zp=0):
    """Both modes of MIRROR_PAD on one input; float when storage is None.
    No int16 case: the runtime has no int16 MIRROR_PAD (version 3)."""
    def build(rng):
        fn = Fn()
        shape = (1, 3, 4, 2)
        if storage is None:
            elt, spec = "f32", (shape, np.float32, -3.0, 3.0)
        else:
            elt, spec = qtype(storage, scale, zp), (shape, np.int8, *I8)
        x = fn.arg(shape, elt)
        refl = fn.const(np.array([[0, 0], [2, 1], [0, 3], [1, 0]], np.int32),
                        "i32")
        sym = fn.const(np.array([[0, 0], [3, 1], [4, 2], [2, 2]], np.int32),
                       "i32")
        a = fn.op("mirror_pad", [x, refl], ttype((1, 6, 7, 3), elt),
                  "mode = #qnt.mirror_pad_mode<reflect>")
        b = fn.op("mirror_pad", [x, sym], ttype((1, 7, 10, 6), elt),
                  "mode = #qnt.mirror_pad_mode<symmetric>")
        return fn, [spec], [a, b], {0: 1e-6, 1: 1e-6}
    build.__name__ = name
    return quant_case(build)


q_mirror_pad("q_mirror_pad_float")
q_mirror_pad("q_mirror_pad_int8", "i8", 0.05, -7)


@quant_case
def q_sum(rng):
    fn = Fn()
    x = qarg(fn, (1, 4, 5, 3), "i8", 0.02, -7)
    ax = fn.const(np.array([1, 2], np.int32), "i32")
    a = fn.op("sum", [x, ax], ttype((1, 1, 1, 3), qtype("i8", 0.3, 4)),
              "keep_dims")
    ax2 = fn.const(np.array([3], np.int32), "i32")
    b = fn.op("sum", [x, ax2], ttype((1, 4, 5), qtype("i8", 0.07, -3)))
    return fn, [((1, 4, 5, 3), np.int8, *I8)], [a, b]


@quant_case
def q_reduce_max_min(rng):
    fn = Fn()
    t = qtype("i8", 0.04, 9)
    x = qarg(fn, (1, 4, 5, 3), "i8", 0.04, 9)
    ax = fn.const(np.array([1, 2], np.int32), "i32")
    a = fn.op("reduce_max", [x, ax], ttype((1, 1, 1, 3), t), "keep_dims")
    ax2 = fn.const(np.array([-1], np.int32), "i32")
    b = fn.op("reduce_min", [x, ax2], ttype((1, 4, 5), t))
    return fn, [((1, 4, 5, 3), np.int8, *I8)], [a, b]


@quant_case
def q_reduce_max_min_int16(rng):
    fn = Fn()
    t = qtype("i16", 0.001, 0)
    x = qarg(fn, (1, 4, 5, 3), "i16", 0.001, 0)
    ax = fn.const(np.array([1, 2], np.int32), "i32")
    a = fn.op("reduce_max", [x, ax], ttype((1, 1, 1, 3), t), "keep_dims")
    b = fn.op("reduce_min", [x, ax], ttype((1, 3), t))
    return fn, [((1, 4, 5, 3), np.int16, -32768, 32767)], [a, b]


@quant_case
def q_gather_space_to_depth(rng):
    fn = Fn()
    t = qtype("i8", 0.03, -5)
    x = qarg(fn, (1, 4, 6, 2), "i8", 0.03, -5)
    i = fn.const(np.array([5, 0, 3, 3], np.int32), "i32")
    g = fn.op("gather", [x, i], ttype((1, 4, 4, 2), t), "axis = 2 : i32")
    s2d = fn.op("space_to_depth", [x], ttype((1, 2, 3, 8), t),
                "block_size = 2 : i32")
    return fn, [((1, 4, 6, 2), np.int8, *I8)], [g, s2d]


@quant_case
def q_gather_int16(rng):
    fn = Fn()
    t = qtype("i16", 0.0005, 0)
    x = qarg(fn, (1, 3, 5), "i16", 0.0005, 0)
    i = fn.const(np.array([[2, 0], [1, 2]], np.int32), "i32")
    g = fn.op("gather", [x, i], ttype((1, 2, 2, 5), t), "axis = 1 : i32")
    return fn, [((1, 3, 5), np.int16, -32768, 32767)], [g]


@quant_case
def q_arg_max(rng):
    fn = Fn()
    x = qarg(fn, (1, 4, 5, 6), "i8", 0.05, 3)
    d = fn.const(np.array([3], np.int32), "i32")
    a = fn.op("arg_max", [x, d], ttype((1, 4, 5), "i32"))
    d2 = fn.const(np.array([1], np.int32), "i32")
    # (The runner reads no int64 outputs: i64 results have a float case.)
    b = fn.op("arg_max", [x, d2], ttype((1, 5, 6), "i32"))
    return fn, [((1, 4, 5, 6), np.int8, -20, 20)], [a, b]


@quant_case
def q_arg_min(rng):
    """Stored values in [-20, 20] tie often; the first minimum wins."""
    fn = Fn()
    x = qarg(fn, (1, 4, 5, 6), "i8", 0.05, 3)
    d = fn.const(np.array([3], np.int32), "i32")
    a = fn.op("arg_min", [x, d], ttype((1, 4, 5), "i32"))
    d2 = fn.const(np.array([-3], np.int32), "i32")
    b = fn.op("arg_min", [x, d2], ttype((1, 5, 6), "i32"))
    return fn, [((1, 4, 5, 6), np.int8, -20, 20)], [a, b]


@quant_case
def q_floor_float(rng):
    """FLOOR's float kernel against the TFLite runtime: exact."""
    fn = Fn()
    x = fn.arg((1, 4, 6))
    f = fn.op("floor", [x], ttype((1, 4, 6)))
    return fn, [((1, 4, 6), np.float32, -4, 4)], [f], {0: 1e-6}


@quant_case
def q_arg_min_float(rng):
    """The float kernel, against the TFLite runtime too."""
    fn = Fn()
    x = fn.arg((1, 3, 5))
    d = fn.const(np.array([1], np.int32), "i32")
    a = fn.op("arg_min", [x, d], ttype((1, 5), "i32"))
    return fn, [((1, 3, 5), np.float32, -2, 2)], [a]


@quant_case
def q_space_batch_zero_point(rng):
    """Padding writes the zero point (7), not 0."""
    fn = Fn()
    t = qtype("i8", 0.04, 7)
    x = qarg(fn, (1, 5, 6, 2), "i8", 0.04, 7)
    b = fn.const(np.array([2, 2], np.int32), "i32")
    p = fn.const(np.array([[1, 0], [1, 1]], np.int32), "i32")
    s = fn.op("space_to_batch_nd", [x, b, p], ttype((4, 3, 4, 2), t))
    c = fn.const(np.array([[0, 1], [1, 1]], np.int32), "i32")
    r = fn.op("batch_to_space_nd", [s, b, c], ttype((1, 5, 6, 2), t))
    # The runtime's model has one batch in and out; slice batch 3 of s2b.
    z = fn.const(np.array([3, 0, 0, 0], np.int32), "i32")
    n = fn.const(np.array([1, 3, 4, 2], np.int32), "i32")
    last = fn.op("slice", [s, z, n], ttype((1, 3, 4, 2), t))
    return fn, [((1, 5, 6, 2), np.int8, *I8)], [last, r]


@quant_case
def q_tile_broadcast_to(rng):
    fn = Fn()
    t = qtype("i8", 0.02, -3)
    x = qarg(fn, (1, 3, 1, 2), "i8", 0.02, -3)
    m = fn.const(np.array([1, 2, 3, 1], np.int32), "i32")
    tl = fn.op("tile", [x, m], ttype((1, 6, 3, 2), t))
    s = fn.const(np.array([1, 3, 4, 2], np.int32), "i32")
    bt = fn.op("broadcast_to", [x, s], ttype((1, 3, 4, 2), t))
    return fn, [((1, 3, 1, 2), np.int8, *I8)], [tl, bt]


@quant_case
def q_broadcast_to_int16(rng):
    fn = Fn()
    t = qtype("i16", 0.0005, 0)
    x = qarg(fn, (1, 1, 5), "i16", 0.0005, 0)
    s = fn.const(np.array([1, 4, 5], np.int32), "i32")
    bt = fn.op("broadcast_to", [x, s], ttype((1, 4, 5), t))
    return fn, [((1, 1, 5), np.int16, -32768, 32767)], [bt]


@quant_case
def q_l2_normalization(rng):
    fn = Fn()
    x = qarg(fn, (1, 4, 6, 16), "i8", 0.05, -9)
    y = fn.op("l2_normalization", [x],
              ttype((1, 4, 6, 16), qtype("i8", 1.0 / 128, 0)))
    # Rows of one repeated value, and near-zero rows (sum of squares 0 or 1).
    x2 = qarg(fn, (1, 3, 8), "i8", 0.1, 0)
    y2 = fn.op("l2_normalization", [x2],
               ttype((1, 3, 8), qtype("i8", 1.0 / 128, 0)))
    return fn, [((1, 4, 6, 16), np.int8, *I8), ((1, 3, 8), np.int8, -1, 1)], \
        [y, y2]


@quant_case
def q_gelu(rng):
    fn = Fn()
    x = qarg(fn, (1, 4, 5, 8), "i8", 0.03, 4)
    y = fn.op("gelu", [x], ttype((1, 4, 5, 8), qtype("i8", 0.02, -100)))
    ya = fn.op("gelu", [x], ttype((1, 4, 5, 8), qtype("i8", 0.02, -100)),
               "approximate")
    return fn, [((1, 4, 5, 8), np.int8, *I8)], [y, ya]


@quant_case
def q_float_io_conv(rng):
    """A float model with an int8 core, as full-integer conversion with float
    I/O produces: quantize, conv, dequantize."""
    fn = Fn()
    x = fn.arg((1, 5, 5, 2))
    q = fn.op("quantize", [x], ttype((1, 5, 5, 2), qtype("i8", 0.02, 1)))
    w, ws = q_weights(rng, (2, 3, 3, 2), 0)
    wv = fn.const(w, "i8", qtype("i8", ws, 0, axis=0, narrow=True))
    bv = fn.const(np.array([100, -100], np.int32), "i32",
                  qtype("i32", [0.02 * s for s in ws], 0, axis=0))
    y = fn.op("conv_2d", [q, wv, bv], ttype((1, 5, 5, 2), qtype("i8", 0.03,
                                                                  -2)))
    d = fn.op("dequantize", [y], ttype((1, 5, 5, 2)))
    return fn, [((1, 5, 5, 2), np.float32, -2.5, 2.5)], [d], {0: 0.03}


def check_quant(builder, args):
    name = builder.__name__
    rng = rng_for(name)
    built = builder(rng)
    fn, specs, results = built[:3]
    float_lsb = built[3] if len(built) > 3 else {}
    text = fn.text(results)
    samples = [[gen(rng, s) for s in specs] for _ in range(SAMPLES + 1)]
    case = Case(name, text, samples, None, [])
    mlir = os.path.join(args.work, name + ".mlir")
    with open(mlir, "w") as f:
        f.write(text)
    tfl = os.path.join(args.work, name + ".tflite")
    run([args.qnt_translate, "--export-tflite", mlir, "-o", tfl])
    npz, files = write_inputs(case, args.work)
    ref_dir = os.path.join(args.work, name + ".tflite-out")
    cmd = shlex.split(args.tflite_runner) + [tfl]
    for f in files:
        cmd += ["--input", f]
    run(cmd + ["-o", ref_dir])
    ref = read_outputs(ref_dir, len(results))
    report = []
    for label, model in (("mlir", mlir), ("tflite", tfl)):
        out = os.path.join(args.work, "%s.%s-out" % (name, label))
        run([args.qnt_run, model, "--data", npz, "-o", out])
        got = read_outputs(out, len(results))
        for i, (g, r) in enumerate(zip(got, ref)):
            if g.shape != r.shape or g.dtype != r.dtype:
                raise AssertionError("%s output %d is %s %s, the runtime's %s "
                                     "%s" % (label, i, g.dtype, g.shape,
                                             r.dtype, r.shape))
            if r.dtype.kind == "f":
                # Float outputs of an integer core: in LSBs of the quantized
                # tensor they were dequantized from.
                diff = np.abs(g.astype(np.float64) - r) / float_lsb[i]
            else:
                diff = np.abs(g.astype(np.int64) - r.astype(np.int64))
            worst = float(diff.max())
            if worst > 1 + 1e-6:
                k = int(np.argmax(diff))
                raise AssertionError(
                    "%s output %d: element %d is %s, the runtime gives %s "
                    "(%.2f LSB)" % (label, i, k, g.flat[k], r.flat[k], worst))
            if label == "mlir":
                report.append("%d/%d off by 1" % (int((diff > 0.5).sum()),
                                                  diff.size))
    return "; ".join(report)


# --------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["float", "quant"])
    parser.add_argument("--qnt-run", required=True)
    parser.add_argument("--qnt-translate")
    parser.add_argument("--tflite-runner")
    parser.add_argument("--ops-td")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    failures = 0
    if args.mode == "float":
        cases = build_float_cases()
        covered = set(op for c in cases for op in c.ops)
        for c in cases:
            try:
                detail = check_float(c, args)
                print("PASS %s (%s)" % (c.name, detail))
            except Exception as e:  # report every case, then fail
                failures += 1
                print("FAIL %s: %s" % (c.name, e))
        if args.ops_td:
            ops = dialect_ops(args.ops_td)
            missing = sorted(ops - covered - {"custom"})
            if "custom" not in ops or "conv_2d" not in ops:
                failures += 1
                print("FAIL coverage: cannot read the op list of %s" %
                      args.ops_td)
            elif missing:
                failures += 1
                print("FAIL coverage: no float case for %s" %
                      ", ".join(missing))
            else:
                print("coverage: every op but custom has a float case "
                      "(%d ops)" % (len(ops) - 1))
        total = len(cases)
    else:
        if not args.qnt_translate or not args.tflite_runner:
            parser.error("quant mode needs --qnt-translate and "
                         "--tflite-runner")
        for builder in QUANT_CASES:
            try:
                detail = check_quant(builder, args)
                print("PASS %s (%s)" % (builder.__name__, detail))
            except Exception as e:
                failures += 1
                print("FAIL %s: %s" % (builder.__name__, e))
        total = len(QUANT_CASES)
    print("%s cases: %d, failures: %d" % (args.mode, total, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
