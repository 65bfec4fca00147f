#!/usr/bin/python3
"""Checks qnt against ONNX's own conformance data (Debian's libonnx-testdata):
for each CASE, DATA/CASE/model.onnx is imported with qnt-translate, run with
qnt-run, exported to .tflite and run in the TFLite runtime, and both results
are compared with the expected outputs stored beside the model
(test_data_set_0/output_*.pb, written by ONNX's reference implementation).
Float outputs must agree within ATOL + RTOL * |expected|, integer outputs
exactly. Prints one line per case and a summary; exits non-zero if any case
fails or the data is missing.

usage: conformance.py --bin BINDIR --runner RUN_JS --work DIR CASE...
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper

DATA = "/usr/share/libonnx-testdata/data"
ATOL, RTOL = 1e-4, 1e-3


def load_tensor(path):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def numbered(directory, prefix):
    arrays = []
    while os.path.exists(os.path.join(directory, "%s_%d.pb" %
                                      (prefix, len(arrays)))):
        arrays.append(load_tensor(os.path.join(
            directory, "%s_%d.pb" % (prefix, len(arrays)))))
    return arrays


def run(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tool = os.path.basename(cmd[1] if cmd[0] == "node" else cmd[0])
        raise RuntimeError("%s failed (%d): %s" % (
            tool, proc.returncode, (proc.stderr or proc.stdout).strip()))


def results(directory):
    files = [f for f in os.listdir(directory) if f.startswith("output_")]
    files.sort(key=lambda f: int(f[len("output_"):-len(".npy")]))
    return [np.load(os.path.join(directory, f)) for f in files]


def worst_error(name, got, expected):
    if len(got) != len(expected):
        raise RuntimeError("%s gave %d outputs, expected %d" %
                           (name, len(got), len(expected)))
    worst = 0.0
    for g, e in zip(got, expected):
        if g.size != e.size:
            raise RuntimeError("%s output has shape %s, expected %s" %
                               (name, g.shape, e.shape))
        g = g.reshape(e.shape)
        if not np.issubdtype(e.dtype, np.floating):
            if not np.array_equal(g.astype(np.int64), e.astype(np.int64)):
                return float("inf")
            continue
        e64, g64 = e.astype(np.float64), g.astype(np.float64)
        # How far beyond the tolerance the worst element is (0 if within).
        excess = np.abs(g64 - e64) - (ATOL + RTOL * np.abs(e64))
        worst = max(worst, float(np.max(excess, initial=0.0)))
    return worst


def check(case, args):
    """Returns (qnt-run error, TFLite error) beyond the tolerance, 0 if
    within it; raises RuntimeError if a tool fails."""
    src = os.path.join(DATA, case)
    data = os.path.join(src, "test_data_set_0")
    work = os.path.join(args.work, case.replace("/", "_"))
    os.makedirs(work, exist_ok=True)
    model = onnx.load(os.path.join(src, "model.onnx"))
    constants = {t.name for t in model.graph.initializer}
    names = [i.name for i in model.graph.input if i.name not in constants]
    inputs = numbered(data, "input")
    expected = numbered(data, "output")
    if len(inputs) != len(names) or not expected:
        raise RuntimeError("test data does not match the model's inputs")
    mlir = os.path.join(work, "model.mlir")
    tflite = os.path.join(work, "model.tflite")
    run([os.path.join(args.bin, "qnt-translate"), "--import-onnx",
         os.path.join(src, "model.onnx"), "-o", mlir])
    run([os.path.join(args.bin, "qnt-translate"), "--export-tflite", mlir,
         "-o", tflite])
    # qnt-run reads samples along a leading axis, one array per input name.
    feed = os.path.join(work, "inputs.npz")
    np.savez(feed, **{n: x[None] for n, x in zip(names, inputs)})
    run([os.path.join(args.bin, "qnt-run"), mlir, "--data", feed,
         "--num-threads", "1", "-o", os.path.join(work, "qnt")])
    files = []
    for k, x in enumerate(inputs):
        files += ["--input", os.path.join(work, "input_%d.npy" % k)]
        np.save(files[-1], x)
    run(["node", args.runner, tflite] + files +
        ["-o", os.path.join(work, "tflite")])
    return (worst_error("qnt-run", results(os.path.join(work, "qnt")),
                        expected),
            worst_error("TFLite", results(os.path.join(work, "tflite")),
                        expected))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--runner", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("cases", nargs="+")
    args = ap.parse_args()
    if shutil.which("node") is None:
        sys.exit("conformance.py: error: node is not on PATH")
    missing = [c for c in args.cases
               if not os.path.isdir(os.path.join(DATA, c))]
    if missing:
        sys.exit("conformance.py: error: %s missing (install libonnx-testdata)"
                 % ", ".join(missing))

    def attempt(case):
        try:
            return case, check(case, args), None
        except RuntimeError as e:
            return case, None, str(e)

    failures = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for case, errors, problem in pool.map(attempt, args.cases):
            if problem:
                print("%-56s ERROR %s" % (case, problem))
                failures.append(case)
                continue
            ok = errors == (0.0, 0.0)
            print("%-56s qnt-run %s  tflite %s" % (
                case, "ok" if errors[0] == 0 else "off by %.3g" % errors[0],
                "ok" if errors[1] == 0 else "off by %.3g" % errors[1]))
            if not ok:
                failures.append(case)
    if failures:
        print("FAILED: %s" % " ".join(failures))
        return 1
    print("all %d cases match ONNX's expected outputs" % len(args.cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
