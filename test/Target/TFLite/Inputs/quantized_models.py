#!/usr/bin/python3
"""quantized_models.py OUTDIR: writes small int8 models as qnt MLIR, inputs,
and the integer outputs TFLite's int8 arithmetic must give, computed here
with NumPy from the definitions:

  real accumulator  = sum((x - x_zp) * w) + bias          (int32)
  output            = round(acc * x_scale * w_scale / out_scale) + out_zp,
                      clamped to the activation's range
  add               = round(((a - a_zp) * a_scale + (b - b_zp) * b_scale)
                      / out_scale) + out_zp

Runtimes approximate the rescale with fixed-point multipliers and round ties
differently, so data is drawn (from fixed seeds) until every output lies at
least MARGIN away from a rounding tie; then every correct kernel gives these
integers exactly.

Files per model NAME: NAME.mlir, NAME.in<i>.npy, NAME.expected.npy.
"""

import os
import sys

import numpy as np

MARGIN = 0.02


def f32(x):
    """The float32 value of x as a Python float (what the file stores)."""
    return float(np.float32(x))


def qtype(scale, zp=None):
    zp_text = "" if zp is None else ":%d" % zp
    return "!quant.uniform<i8:f32, %r%s>" % (f32(scale), zp_text)


def per_axis(storage, scales, axis):
    return "!quant.uniform<%s:f32:%d, {%s}>" % (
        storage, axis, ", ".join(repr(f32(s)) for s in scales))


def dense(array):
    return "dense<%s>" % np.array2string(
        array, separator=", ", threshold=1 << 30, max_line_width=1 << 30).replace("\n", "")


def shape_text(shape):
    return "x".join(str(d) for d in shape)


def requantize(real, zp, low=-128, high=127):
    """round(real) + zp, clamped; fails on values near a rounding tie."""
    frac = np.abs(real - np.floor(real) - 0.5)
    if frac.min() < MARGIN:
        return None
    return np.clip(np.floor(real + 0.5) + zp, low, high).astype(np.int8)


def conv_int8(rng):
    """3x3 convolution, same padding, per-channel int8 weights, relu."""
    x_scale, x_zp = 0.25, -3
    w_scales = [0.013, 0.021, 0.0173]
    out_scale, out_zp = 0.6, 5
    x = rng.integers(-128, 128, (1, 4, 4, 2)).astype(np.int8)
    w = rng.integers(-12, 13, (3, 3, 3, 2)).astype(np.int8)
    b = rng.integers(-300, 300, (3,)).astype(np.int32)
    padded = np.pad(x.astype(np.int64) - x_zp, ((0, 0), (1, 1), (1, 1), (0, 0)))
    acc = np.zeros((1, 4, 4, 3), np.int64)
    for oy in range(4):
        for ox in range(4):
            window = padded[0, oy:oy + 3, ox:ox + 3, :]
            for o in range(3):
                acc[0, oy, ox, o] = np.sum(window * w[o].astype(np.int64)) + b[o]
    multiplier = np.array([f32(x_scale) * f32(s) / f32(out_scale) for s in w_scales])
    # relu: nothing below the quantized zero.
    expected = requantize(acc * multiplier, out_zp, low=max(out_zp, -128))
    if expected is None:
        return None
    in_t = "tensor<1x4x4x2x%s>" % qtype(x_scale, x_zp)
    w_t = "tensor<3x3x3x2x%s>" % per_axis("i8", w_scales, 0)
    b_t = "tensor<3x%s>" % per_axis(
        "i32", [f32(x_scale) * f32(s) for s in w_scales], 0)
    out_t = "tensor<1x4x4x3x%s>" % qtype(out_scale, out_zp)
    mlir = f"""func.func @main(%x: {in_t}) -> {out_t} {{
  %w = qnt.const {dense(w)} : tensor<3x3x3x2xi8> -> {w_t}
  %b = qnt.const {dense(b)} : tensor<3xi32> -> {b_t}
  %0 = qnt.conv_2d %x, %w, %b {{fused_activation = #qnt.act<relu>}}
       : ({in_t}, {w_t}, {b_t}) -> {out_t}
  return %0 : {out_t}
}}
"""
    return mlir, [x], expected


def add_int8(rng):
    """Sum of two int8 tensors with different scales and zero points."""
    a_scale, a_zp, b_scale, b_zp = 0.05, -10, 0.07, 3
    out_scale, out_zp = 0.11, -2
    a = rng.integers(-128, 128, (2, 8)).astype(np.int8)
    b = rng.integers(-128, 128, (2, 8)).astype(np.int8)
    real = ((a.astype(np.float64) - a_zp) * f32(a_scale) +
            (b.astype(np.float64) - b_zp) * f32(b_scale)) / f32(out_scale)
    expected = requantize(real, out_zp)
    if expected is None:
        return None
    a_t = "tensor<2x8x%s>" % qtype(a_scale, a_zp)
    b_t = "tensor<2x8x%s>" % qtype(b_scale, b_zp)
    out_t = "tensor<2x8x%s>" % qtype(out_scale, out_zp)
    mlir = f"""func.func @main(%a: {a_t}, %b: {b_t}) -> {out_t} {{
  %0 = qnt.add %a, %b : ({a_t}, {b_t}) -> {out_t}
  return %0 : {out_t}
}}
"""
    return mlir, [a, b], expected


def fully_connected_int8(rng):
    """Fully connected layer, per-tensor int8 weights, int32 bias."""
    x_scale, x_zp, w_scale = 0.03, 7, 0.02
    out_scale, out_zp = 0.04, -5
    x = rng.integers(-128, 128, (2, 5)).astype(np.int8)
    w = rng.integers(-127, 128, (3, 5)).astype(np.int8)
    b = rng.integers(-2000, 2000, (3,)).astype(np.int32)
    acc = (x.astype(np.int64) - x_zp) @ w.astype(np.int64).T + b
    real = acc * (f32(x_scale) * f32(w_scale) / f32(out_scale))
    expected = requantize(real, out_zp)
    if expected is None:
        return None
    x_t = "tensor<2x5x%s>" % qtype(x_scale, x_zp)
    w_t = "tensor<3x5x%s>" % qtype(w_scale)
    b_t = "tensor<3x!quant.uniform<i32:f32, %r>>" % (f32(x_scale) * f32(w_scale))
    out_t = "tensor<2x3x%s>" % qtype(out_scale, out_zp)
    mlir = f"""func.func @main(%x: {x_t}) -> {out_t} {{
  %w = qnt.const {dense(w)} : tensor<3x5xi8> -> {w_t}
  %b = qnt.const {dense(b)} : tensor<3xi32> -> {b_t}
  %0 = qnt.fully_connected %x, %w, %b
       : ({x_t}, {w_t}, {b_t}) -> {out_t}
  return %0 : {out_t}
}}
"""
    return mlir, [x], expected


MODELS = {"conv_int8": conv_int8, "add_int8": add_int8,
          "fully_connected_int8": fully_connected_int8}


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, make in MODELS.items():
        for seed in range(100):
            made = make(np.random.default_rng(seed))
            if made is not None:
                break
        else:
            sys.exit("%s: no data without rounding ties" % name)
        mlir, inputs, expected = made
        with open(os.path.join(outdir, name + ".mlir"), "w") as f:
            f.write("// Generated by quantized_models.py.\n" + mlir)
        for i, array in enumerate(inputs):
            np.save(os.path.join(outdir, "%s.in%d.npy" % (name, i)), array)
        np.save(os.path.join(outdir, name + ".expected.npy"), expected)
        print("%s: seed %d, expected %s" % (name, seed, expected.ravel()[:8].tolist()))


if __name__ == "__main__":
    main()
