#!/usr/bin/python3
"""Drives the TOSA end-to-end test of the qnt-to-TOSA lowering.

  e2e.py driver --input 1x8x8x3 --outputs 1x2x2x8,1x5 --samples N \
      --npy X.npy -o DRIVER.mlir
    Writes N deterministic pseudo-random int8 samples to X.npy (first axis =
    samples) and an @entry function that calls @main on each sample and
    prints every result as i32 (printMemrefI32), in sample order.

  e2e.py compare RUNNER_OUTPUT --outputs 1x2x2x8,1x5 --samples N \
      --exact DIR [--within1 DIR ...]
    Parses what mlir-runner printed and compares result i with
    DIR/output_<i>.npy: bit for bit for --exact, at most one step apart for
    --within1. Prints a summary line per comparison; exits 1 on a mismatch.
"""

import argparse
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
    rng = np.random.default_rng(1234)
    x = rng.integers(-128, 128, size=(args.samples,) + shape[1:],
                     dtype=np.int64).astype(np.int8)
    x[0].flat[0] = -128
    x[0].flat[1] = 127
    np.save(args.npy, x)

    t = lambda s, e: "tensor<%sx%s>" % ("x".join(map(str, s)), e)
    out_types = ", ".join(t(s, "i8") for s in outs)
    lines = ["func.func private @printMemrefI32(memref<*xi32>)",
             "func.func @entry() {"]
    for i in range(args.samples):
        sample = x[i].reshape(shape)
        names = ", ".join("%%y%d_%d" % (i, k) for k in range(len(outs)))
        lines.append("  %%x%d = arith.constant dense<%s> : %s" %
                     (i, dense(sample), t(shape, "i8")))
        lines.append("  %s = func.call @main(%%x%d) : (%s) -> (%s)" %
                     (names, i, t(shape, "i8"), out_types))
        for k, s in enumerate(outs):
            v = "%%y%d_%d" % (i, k)
            lines.append("  %s_w = tosa.cast %s : (%s) -> %s" %
                         (v, v, t(s, "i8"), t(s, "i32")))
            lines.append("  %s_m = bufferization.to_buffer %s_w : %s to memref<%sxi32>" %
                         (v, v, t(s, "i32"), "x".join(map(str, s))))
            lines.append("  %s_u = memref.cast %s_m : memref<%sxi32> to memref<*xi32>" %
                         (v, v, "x".join(map(str, s))))
            lines.append("  func.call @printMemrefI32(%s_u) : (memref<*xi32>) -> ()" % v)
    lines += ["  return", "}"]
    with open(args.o, "w") as f:
        f.write("\n".join(lines) + "\n")
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
    checks = [(d, 0) for d in args.exact or []] + \
             [(d, 1) for d in args.within1 or []]
    for directory, tolerance in checks:
        for k, g in enumerate(got):
            path = "%s/output_%d.npy" % (directory, k)
            ref = np.load(path).astype(np.int64).reshape(g.shape)
            diff = np.abs(ref - g)
            worst = int(diff.max())
            print("%s: max |diff| %d, %d of %d values differ" %
                  (path, worst, int((diff > 0).sum()), diff.size))
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
    d.add_argument("-o", required=True)
    c = sub.add_parser("compare")
    c.add_argument("runner_output")
    c.add_argument("--outputs", required=True)
    c.add_argument("--samples", type=int, default=4)
    c.add_argument("--exact", action="append")
    c.add_argument("--within1", action="append")
    args = p.parse_args()
    return driver(args) if args.mode == "driver" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
