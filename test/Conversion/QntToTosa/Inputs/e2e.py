#!/usr/bin/python3
"""Drives the TOSA end-to-end test of the qnt-to-TOSA lowering.

  e2e.py driver --input 1x8x8x3 --outputs 1x2x2x8,1x5 --samples N \
      --npy X.npy -o DRIVER.mlir
    Writes N deterministic pseudo-random int8 samples to X.npy (first axis =
    samples) and an @entry function that calls @main on each sample and
    prints every result as i32 (printMemrefI32), in sample order.

    With --from SAMPLES.npy, the samples are read from that int8 file
    instead (and still written to X.npy). With --unsigned, X.npy holds the
    same bytes as uint8, for a model with uint8 input. With --float, the
    model takes and returns float32: the samples are multiples of 2^-10 in
    [-1.25, 1.25) (exact in decimal), and every result is printed as the
    int32 bit pattern of its float32 values, so that compare checks them
    bit for bit.

  e2e.py quantize-input FLOAT.npy INFO.json -o X.npy
    Quantizes float samples with the input parameters the TFLite runner's
    --info printed: round half away from zero, as TFLite's QUANTIZE.

  e2e.py join MODEL.mlir DRIVER.mlir -o FULL.mlir
    Puts the driver's functions into the model's module; the module's
    attributes (importer metadata) are dropped.

  e2e.py compare RUNNER_OUTPUT --outputs 1x2x2x8,1x5 --samples N \
      --exact DIR [--within1 DIR ...] [--within DIR:MAX[:MEAN] ...]
    Parses what mlir-runner printed and compares result i with
    DIR/output_<i>.npy: bit for bit for --exact, at most one step apart for
    --within1, at most MAX steps apart (and MEAN on average, if given)
    for --within DIR:MAX[:MEAN]. Prints a summary line per
    comparison; exits 1 on a mismatch.
"""

import argparse
import json
import re
import sys

import numpy as np


def shape_of(text):
    return tuple(int(d) for d in text.split("x"))


def dense(a):
    return np.array2string(a, separator=", ", threshold=1 << 30,
                           max_line_width=1 << 30)


def driver(args):
    shape = shape_of(args.input)
    outs = [shape_of(s) for s in args.outputs.split(",")]
    # Uniform over the whole int8 range, extremes included.
    if args.float:
        rng = np.random.default_rng(1234)
        x = (rng.integers(-1280, 1280, size=(args.samples,) + shape[1:]) /
             1024.0).astype(np.float32)
    elif args.from_npy:
        x = np.load(args.from_npy)
        if x.dtype != np.int8 or x.shape != (args.samples,) + shape[1:]:
            sys.exit("e2e.py: %s: expected int8 samples of shape %s, got %s %s"
                     % (args.from_npy, (args.samples,) + shape[1:], x.dtype,
                        x.shape))
    else:
        rng = np.random.default_rng(1234)
        x = rng.integers(-128, 128, size=(args.samples,) + shape[1:],
                         dtype=np.int64).astype(np.int8)
        x[0].flat[0] = -128
        x[0].flat[1] = 127
    # uint8 models take the same bytes: TOSA keeps uint8 in i8 tensors.
    np.save(args.npy, x.view(np.uint8) if args.unsigned else x)

    t = lambda s, e: "tensor<%sx%s>" % ("x".join(map(str, s)), e)
    elem = "f32" if args.float else "i8"
    out_types = ", ".join(t(s, elem) for s in outs)
    lines = ["func.func private @printMemrefI32(memref<*xi32>)",
             "func.func @entry() {"]
    for i in range(args.samples):
        sample = x[i].reshape(shape)
        names = ", ".join("%%y%d_%d" % (i, k) for k in range(len(outs)))
        lines.append("  %%x%d = arith.constant dense<%s> : %s" %
                     (i, dense(sample), t(shape, elem)))
        lines.append("  %s = func.call @main(%%x%d) : (%s) -> (%s)" %
                     (names, i, t(shape, elem), out_types))
        for k, s in enumerate(outs):
            v = "%%y%d_%d" % (i, k)
            if args.float:
                lines.append("  %s_w = arith.bitcast %s : %s to %s" %
                             (v, v, t(s, elem), t(s, "i32")))
            else:
                lines.append("  %s_w = tosa.cast %s : (%s) -> %s" %
                             (v, v, t(s, elem), t(s, "i32")))
            lines.append("  %s_m = bufferization.to_buffer %s_w : %s to memref<%sxi32>" %
                         (v, v, t(s, "i32"), "x".join(map(str, s))))
            lines.append("  %s_u = memref.cast %s_m : memref<%sxi32> to memref<*xi32>" %
                         (v, v, "x".join(map(str, s))))
            lines.append("  func.call @printMemrefI32(%s_u) : (memref<*xi32>) -> ()" % v)
    lines += ["  return", "}"]
    with open(args.o, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


def quantize_input(args):
    info = json.load(open(args.info))
    q = info["inputs"][0]["quantization"]
    if q is None or info["inputs"][0]["dtype"] != "int8":
        sys.exit("e2e.py: %s: the first input is not int8 quantized" % args.info)
    scale, zp = np.float32(q["scale"][0]), int(q["zero_point"][0])
    x = np.load(args.float_npy).astype(np.float32) / scale
    r = np.sign(x) * np.floor(np.abs(x) + np.float32(0.5))
    np.save(args.o, np.clip(r + zp, -128, 127).astype(np.int8))
    return 0


def join(args):
    model = open(args.model).read().rstrip()
    head, _, body = model.partition("\n")
    if not head.startswith("module") or not head.endswith("{") or \
            not body.endswith("}"):
        sys.exit("e2e.py: %s: expected a module with one header line" %
                 args.model)
    with open(args.o, "w") as f:
        f.write("module {\n" + body[:-1] + open(args.driver).read() + "}\n")
    return 0


def parse_runner(path, count):
    """The values of each printed memref, in print order."""
    text = open(path).read()
    blocks = re.split(r"Unranked Memref[^\n]*data =", text)[1:]
    if len(blocks) != count:
        sys.exit("e2e.py: %s: expected %d printed results, found %d" %
                 (path, count, len(blocks)))
    return [np.array([int(v) for v in re.findall(r"-?\d+", b)], dtype=np.int64)
            for b in blocks]


def compare(args):
    outs = [shape_of(s) for s in args.outputs.split(",")]
    printed = parse_runner(args.runner_output, args.samples * len(outs))
    got = []
    for k, s in enumerate(outs):
        per_sample = [printed[i * len(outs) + k] for i in range(args.samples)]
        for i, p in enumerate(per_sample):
            if p.size != int(np.prod(s)):
                sys.exit("e2e.py: result %d of sample %d has %d values, "
                         "expected %d" % (k, i, p.size, int(np.prod(s))))
        got.append(np.stack(per_sample))
    ok = True
    # (directory, bound on max |diff|, bound on mean |diff| or None)
    checks = [(d, 0, None) for d in args.exact or []] + \
             [(d, 1, None) for d in args.within1 or []]
    for w in args.within or []:
        m = re.match(r"^(.*?):(\d+)(?::(\d+(?:\.\d+)?))?$", w)
        if not m:
            sys.exit("e2e.py: --within expects DIR:MAX[:MEAN], got %s" % w)
        checks.append((m.group(1), int(m.group(2)),
                       float(m.group(3)) if m.group(3) else None))
    for directory, tolerance, mean_bound in checks:
        for k, g in enumerate(got):
            path = "%s/output_%d.npy" % (directory, k)
            ref = np.load(path)
            if ref.dtype == np.float32:
                # The runner printed the bit patterns of float32 results.
                ref = ref.view(np.int32)
            elif ref.dtype == np.uint8:
                # The runner printed the i8 storage of a uint8 result.
                g = g & 0xFF
            ref = ref.astype(np.int64).reshape(g.shape)
            diff = np.abs(ref - g)
            worst = int(diff.max())
            line = "%s: max |diff| %d, %d of %d values differ (bound %d)" % (
                path, worst, int((diff > 0).sum()), diff.size, tolerance)
            if mean_bound is not None:
                line += ", mean |diff| %.2f (bound %g)" % (diff.mean(),
                                                         mean_bound)
                if diff.mean() > mean_bound:
                    ok = False
                    line += "\n  MISMATCH: mean |diff| above its bound"
            print(line)
            if worst > tolerance:
                ok = False
                idx = np.unravel_index(int(diff.argmax()), diff.shape)
                print("  MISMATCH at %s: runner %d, reference %d" %
                      (idx, int(g[idx]), int(ref[idx])))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="mode", required=True)
    d = sub.add_parser("driver")
    d.add_argument("--input", required=True)
    d.add_argument("--outputs", required=True)
    d.add_argument("--samples", type=int, default=4)
    d.add_argument("--npy", required=True)
    d.add_argument("--from", dest="from_npy")
    d.add_argument("--unsigned", action="store_true")
    d.add_argument("--float", action="store_true")
    d.add_argument("-o", required=True)
    qi = sub.add_parser("quantize-input")
    qi.add_argument("float_npy")
    qi.add_argument("info")
    qi.add_argument("-o", required=True)
    j = sub.add_parser("join")
    j.add_argument("model")
    j.add_argument("driver")
    j.add_argument("-o", required=True)
    c = sub.add_parser("compare")
    c.add_argument("runner_output")
    c.add_argument("--outputs", required=True)
    c.add_argument("--samples", type=int, default=4)
    c.add_argument("--exact", action="append")
    c.add_argument("--within1", action="append")
    c.add_argument("--within", action="append")
    args = p.parse_args()
    return {"driver": driver, "quantize-input": quantize_input, "join": join,
            "compare": compare}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
