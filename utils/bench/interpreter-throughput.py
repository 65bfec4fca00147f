#!/usr/bin/python3
"""Float throughput of qnt's interpreter (qnt-run, all cores) against the
TFLite runtime (tflite-runner: the WebAssembly build, XNNPACK, 1 thread) on
the same model and the same random inputs in [-1, 1], in one run. qnt-run
with one thread is measured too, for the per-core ratio.

Each tool runs twice per round, on a small and a large batch; samples/s is
(large - small) / (time(large) - time(small)), so process start-up and model
loading cancel out. The tools alternate within a round, so on a shared
machine the ratio of one round compares runs made under the same load: the
median of the per-round ratios is reported, with the best rate of each tool.

  utils/bench/interpreter-throughput.py [--model M.tflite] [--samples N]
      [--rounds R] [--threads T]
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def input_shape(model, runner):
    """The model's single input shape, as the runtime reports it."""
    import json
    out = subprocess.run(runner + [model, "--info"], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True).stdout
    inputs = json.loads(out)["inputs"]
    if len(inputs) != 1 or inputs[0]["dtype"] != "float32":
        sys.exit("error: %s: expected one float32 input" % model)
    return inputs[0]["shape"]


def timed(cmd):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       universal_newlines=True)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("error: %s failed:\n%s" % (" ".join(cmd), p.stderr))
    return elapsed


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--model", default=os.path.join(
        ROOT, "build", "test-models", "face_detection_short_range.tflite"))
    parser.add_argument("--qnt-run", default=os.path.join(ROOT, "build", "bin",
                                                          "qnt-run"))
    parser.add_argument("--tflite-runner", default="node " + os.path.join(
        ROOT, "utils", "tflite-runner", "run.js"))
    parser.add_argument("--samples", type=int, default=400,
                        help="samples in the large batch (default 400)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0,
                        help="qnt-run worker threads (default: all cores)")
    args = parser.parse_args()
    for path in (args.model, args.qnt_run):
        if not os.path.exists(path):
            sys.exit("error: %s does not exist" % path)
    runner = shlex.split(args.tflite_runner)

    shape = input_shape(args.model, runner)
    small = max(args.samples // 10, 1)
    rng = np.random.RandomState(0)
    with tempfile.TemporaryDirectory() as tmp:
        data = {}
        for n in (small, args.samples):
            path = os.path.join(tmp, "x%d.npy" % n)
            np.save(path, rng.uniform(-1, 1, [n] + shape[1:]).astype(
                np.float32))
            data[n] = path

        def qnt(n, threads):
            cmd = [args.qnt_run, args.model, "--data", data[n], "-o",
                   os.path.join(tmp, "qnt")]
            if threads:
                cmd += ["--num-threads", str(threads)]
            return timed(cmd)

        def tflite(n):
            return timed(runner + [args.model, "--input", data[n], "-o",
                                   os.path.join(tmp, "tflite")])

        tools = (("qnt", lambda n: qnt(n, args.threads)),
                 ("qnt-1", lambda n: qnt(n, 1)), ("tflite", tflite))
        best = {name: 0.0 for name, _ in tools}
        ratios, ratios1 = [], []
        for r in range(args.rounds):
            rates = {}
            for name, fn in tools:
                t_small, t_large = fn(small), fn(args.samples)
                rate = (args.samples - small) / max(t_large - t_small, 1e-9)
                rates[name] = rate
                best[name] = max(best[name], rate)
                print("round %d: %-6s %4d samples %.3f s, %4d samples %.3f s: "
                      "%.1f samples/s" % (r + 1, name, small, t_small,
                                          args.samples, t_large, rate))
            ratios.append(rates["qnt"] / rates["tflite"])
            ratios1.append(rates["qnt-1"] / rates["tflite"])
            print("round %d: ratio %.2fx, 1-thread ratio %.2fx" %
                  (r + 1, ratios[-1], ratios1[-1]))
    threads = args.threads or os.cpu_count()
    print("model: %s" % os.path.basename(args.model))
    print("qnt-run (%d threads): %.1f samples/s" % (threads, best["qnt"]))
    print("qnt-run (1 thread): %.1f samples/s" % best["qnt-1"])
    print("TFLite runtime (1 thread): %.1f samples/s" % best["tflite"])
    print("ratio (median of rounds): %.2fx (target >= 2x)" %
          float(np.median(ratios)))
    print("1-thread ratio (median of rounds): %.2fx" %
          float(np.median(ratios1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
