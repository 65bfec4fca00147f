#!/usr/bin/python3
"""Runs each ONNX model of DIR in ONNX Runtime (utils/onnx-runner), imports it
with qnt-translate, runs the imported graph with qnt-run and the exported
float .tflite in the TFLite runtime (utils/tflite-runner), and checks that
both match ONNX Runtime within TOL (absolute). Prints one line per model.

usage: check_numerics.py --bin BINDIR --src SRCROOT --dir DIR [--tol T]
                         [--layout nchw|nhwc] CASE...

A CASE is DIR/CASE.onnx with input DIR/CASE.input.npy. Any tool failure or
mismatch makes the script exit non-zero after all cases ran.
"""

import argparse
import os
import shutil
import subprocess
import sys

import numpy as np


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    if proc.returncode != 0:
        raise RuntimeError("%s failed (%d):\n%s%s" % (
            os.path.basename(cmd[0]) if cmd[0] != "node" else cmd[1],
            proc.returncode, proc.stdout, proc.stderr))
    return proc.stdout


def outputs(directory):
    files = sorted(f for f in os.listdir(directory) if f.startswith("output_"))
    return [np.load(os.path.join(directory, f)) for f in
            sorted(files, key=lambda f: int(f[7:-4]))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--layout", default="nchw")
    ap.add_argument("cases", nargs="+")
    args = ap.parse_args()

    if shutil.which("node") is None:
        print("check_numerics.py: error: node is not on PATH", file=sys.stderr)
        return 1
    translate = os.path.join(args.bin, "qnt-translate")
    qnt_run = os.path.join(args.bin, "qnt-run")
    onnx_runner = os.path.join(args.src, "utils", "onnx-runner", "run.js")
    tflite_runner = os.path.join(args.src, "utils", "tflite-runner", "run.js")

    failures = []
    for name in args.cases:
        base = os.path.join(args.dir, name)
        x = np.load(base + ".input.npy")
        try:
            run(["node", onnx_runner, base + ".onnx", "--input",
                 base + ".input.npy", "-o", base + ".ort"])
            expected = outputs(base + ".ort")
            run([translate, "--import-onnx", "--onnx-input-layout=" +
                 args.layout, base + ".onnx", "-o", base + ".mlir"])
            run([translate, "--export-tflite", base + ".mlir",
                 "-o", base + ".tflite"])
            feed = x
            if args.layout == "nhwc" and x.ndim == 4:
                feed = np.ascontiguousarray(x.transpose(0, 2, 3, 1))
            np.save(base + ".feed.npy", feed)
            run([qnt_run, base + ".mlir", "--data", base + ".feed.npy",
                 "--num-threads", "1", "-o", base + ".qnt"])
            run(["node", tflite_runner, base + ".tflite", "--input",
                 base + ".feed.npy", "-o", base + ".tfl"])
            errors = []
            for tool in ("qnt", "tfl"):
                got = outputs(base + "." + tool)
                if len(got) != len(expected):
                    raise RuntimeError("%s gave %d outputs, ONNX Runtime %d" %
                                       (tool, len(got), len(expected)))
                worst = 0.0
                for e, g in zip(expected, got):
                    if args.layout == "nhwc" and e.ndim == 4:
                        e = e.transpose(0, 2, 3, 1)
                    if g.size != e.size:
                        raise RuntimeError(
                            "%s output shape %s, ONNX Runtime %s" %
                            (tool, g.shape, e.shape))
                    g = g.reshape(e.shape)
                    worst = max(worst, float(np.max(np.abs(
                        g.astype(np.float64) - e))))
                errors.append(worst)
            ok = all(err <= args.tol for err in errors)
            print("%-24s qnt-run %.2e  tflite %.2e  %s" % (
                name, errors[0], errors[1], "ok" if ok else "MISMATCH"))
            if not ok:
                failures.append(name)
        except RuntimeError as e:
            print("%-24s ERROR %s" % (name, e))
            failures.append(name)
    if failures:
        print("FAILED: %s" % " ".join(failures))
        return 1
    print("all %d models match ONNX Runtime within %g" % (len(args.cases),
                                                          args.tol))
    return 0


if __name__ == "__main__":
    sys.exit(main())
