"""qnt-convert on face_detection_short_range.tflite in every mode.

Calibration and evaluation crops come from two sklearn photos (as in
test/E2E/Inputs/face_detection_int8.py). Each written model runs in the TFLite
runtime next to the float model on the evaluation crops; the SQNR of every
output must meet the mode's bound, and the SQNR qnt-convert prints must agree
with the runtime's. With --report, the JSON report is checked too
(check_report.py). Fails (exit 1) on a missed bound.

usage: face_convert.py TOOLS_DIR MODEL RUNNER_JS WORK_DIR
"""
import json
import os
import re
import subprocess
import sys

import numpy as np

# The crops utils/run-example.sh makes: one definition for the example, the
# tests and the benchmarks.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "utils"))
from example_crops import crops  # noqa: E402


def run(*args):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)), result.stdout, result.stderr))
    return result.stdout


def outputs(directory):
    files = sorted(f for f in os.listdir(directory) if f.startswith("output_"))
    return [np.load(os.path.join(directory, f)).astype(np.float64) for f in files]


def sqnr(ref, q):
    return 10 * np.log10(np.sum(ref ** 2) / max(np.sum((ref - q) ** 2), 1e-300))


# Lowest SQNR (dB) of each output in the runtime. int8 as measured by
# test/E2E (17.6 and 10.9 dB with minmax on more samples); f16 weights of a
# model that already has f16 weights change nothing.
BOUNDS = {
    "none": (100.0, 100.0),
    "float16": (100.0, 100.0),
    "dynamic-range": (15.0, 9.0),
    "int8": (15.0, 8.0),
    "int8-only": (15.0, 8.0),
    "uint8-only": (15.0, 8.0),
    "int16x8": (15.0, 8.0),
}


def main():
    tools, model, runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    path = lambda name: os.path.join(work, name)
    convert = os.path.join(tools, "qnt-convert")

    np.save(path("calib.npy"), crops("china.jpg", 12, seed=1))
    evals = crops("flower.jpg", 4, seed=2)
    np.save(path("eval.npy"), evals)
    run("node", runner, model, "--input", path("eval.npy"), "-o", path("out_float"))
    reference = outputs(path("out_float"))

    ok = True
    int8_sqnr = None
    for mode, bounds in BOUNDS.items():
        out = path(mode + ".tflite")
        args = [convert, model, "--mode", mode, "--eval-data", path("eval.npy"), "-o", out]
        if mode in ("int8", "int8-only", "uint8-only", "int16x8"):
            args += ["--calibration-data", path("calib.npy")]
        if mode == "int8":
            args += ["--report", path("report.json")]
        summary = run(*args)
        printed = [float(v) for v in re.findall(r"output '[^']*': SQNR ([0-9.]+) dB", summary)]
        ops = re.search(r"ops: (\d+) total, (\d+) integer, (\d+) hybrid .*, (\d+) float", summary)
        total, integer, hybrid, floating = map(int, ops.groups())

        # Integer I/O: quantize the crops, dequantize the outputs, with the
        # parameters the runtime reports.
        info = json.loads(run("node", runner, out, "--info"))
        feed = evals
        inp = info["inputs"][0]
        if inp["dtype"] in ("int8", "uint8"):
            q = inp["quantization"]
            lo, hi = (-128, 127) if inp["dtype"] == "int8" else (0, 255)
            feed = np.clip(np.round(evals / q["scale"][0]) + q["zero_point"][0], lo, hi).astype(inp["dtype"])
        np.save(path(mode + "_in.npy"), feed)
        run("node", runner, out, "--input", path(mode + "_in.npy"), "-o", path("out_" + mode))
        got = outputs(path("out_" + mode))
        for i, o in enumerate(info["outputs"]):
            if o["dtype"] in ("int8", "uint8"):
                q = o["quantization"]
                got[i] = (got[i] - q["zero_point"][0]) * q["scale"][0]
        measured = [min(sqnr(r, g), 200.0) for r, g in zip(reference, got)]
        line = "%s: ops %d integer %d hybrid %d float, %d bytes, runtime SQNR %s, qnt-convert SQNR %s" % (
            mode, integer, hybrid, floating, os.path.getsize(out),
            " ".join("%.1f" % m for m in measured), " ".join("%.1f" % p for p in printed) or "not measured")
        print(line)
        ok &= all(m >= b for m, b in zip(measured, bounds))
        # qnt's interpreter agrees with the runtime to about one LSB, so the
        # printed SQNR is the runtime's within a fraction of a dB.
        if printed:
            ok &= all(abs(p - m) <= 0.5 for p, m in zip(printed, measured))
        if mode in ("int8", "int8-only", "uint8-only"):
            ok &= integer == total
        if mode == "dynamic-range":
            ok &= hybrid > 0 and integer == 0
        if mode in ("none", "float16"):
            ok &= integer == 0 and hybrid == 0
        if mode == "int8":
            int8_sqnr = measured
        if mode == "int16x8":
            ok &= all(a > b for a, b in zip(measured, int8_sqnr))
            print("int16x8 beats int8 on every output: %s" % all(a > b for a, b in zip(measured, int8_sqnr)))

    check = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_report.py"),
                            path("report.json"), path("out_float"), path("out_int8")],
                           capture_output=True, text=True)
    sys.stdout.write(check.stdout + check.stderr)
    ok &= check.returncode == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
