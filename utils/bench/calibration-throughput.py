#!/usr/bin/python3
"""Calibration throughput: qnt-calibrate against the TFLite runtime running
the same float model on the same samples, in samples/s.

The samples are crops of china.jpg (as the end-to-end tests calibrate).
Each tool runs on a small and a large batch per round; samples/s is
(large - small) / (time(large) - time(small)), so process start-up, model
loading and writing the result cancel out. Median of --rounds rounds, tools
interleaved within a round. qnt-calibrate runs on all cores and on one; the
runtime runs single-threaded (the WebAssembly build, XNNPACK).

  utils/bench/calibration-throughput.py [--model M.tflite] [--samples 200]
"""

import argparse
import os
import sys
import tempfile

import numpy as np

sys.dont_write_bytecode = True  # keep the source tree clean
import benchlib  # noqa: E402
from benchlib import timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=benchlib.DEFAULT_MODEL)
    parser.add_argument("--tools", default=benchlib.DEFAULT_TOOLS)
    parser.add_argument("--tflite-runner", default=benchlib.DEFAULT_RUNNER)
    parser.add_argument("--samples", type=int, default=200,
                        help="samples in the large batch (default 200; the "
                             "small batch has a tenth)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ratios-only", action="store_true")
    args = parser.parse_args()
    calibrate = os.path.join(args.tools, "qnt-calibrate")
    benchlib.check_files(args.model, calibrate)
    runner = benchlib.runner_command(args.tflite_runner)

    small = max(args.samples // 10, 1)
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        data = {}
        for n in (small, args.samples):
            data[n] = os.path.join(tmp, "calib%d.npy" % n)
            np.save(data[n], benchlib.crops("china.jpg", n, seed=1))
        out = os.path.join(tmp, "out")
        tools = {
            "qnt-calibrate (%d threads)" % cores: lambda n: [
                calibrate, args.model, "--data", data[n], "-o",
                out + ".mlir"],
            "qnt-calibrate (1 thread)": lambda n: [
                calibrate, args.model, "--data", data[n], "--num-threads",
                "1", "-o", out + ".mlir"],
            "TFLite runtime (1 thread)": lambda n: runner + [
                args.model, "--input", data[n], "-o", out],
        }
        rates = {name: [] for name in tools}
        for _ in range(args.rounds):
            for name, cmd in tools.items():
                t_small, t_large = timed(cmd(small)), timed(cmd(args.samples))
                rates[name].append(1.0 / benchlib.per_sample(
                    t_small, small, t_large, args.samples))
        # The median: a difference of two times is noisy both ways.
        rate = {name: float(np.median(r)) for name, r in rates.items()}

    names = list(tools)
    runtime = rate[names[-1]]
    if not args.ratios_only:
        print("Calibration throughput on %s, %d china.jpg crops (large batch),"
              " median of %d rounds" % (os.path.basename(args.model), args.samples,
                               args.rounds))
        print("| tool | samples/s | / TFLite runtime |")
        print("|---|---:|---:|")
        for name in names:
            print("| %s | %.1f | %.2f |" % (name, rate[name],
                                            rate[name] / runtime))
        print()
    print("calibration samples/s / TFLite runtime: %d threads %.2f, "
          "1 thread %.2f" % (cores, rate[names[0]] / runtime,
                             rate[names[1]] / runtime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
