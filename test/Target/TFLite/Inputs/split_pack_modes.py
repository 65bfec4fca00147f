#!/usr/bin/python3
"""Converts the `mixed` model of split_pack_models.py (FULLY_CONNECTED,
SPLIT, PACK, SPLIT_V, EXPAND_DIMS, UNPACK) in every mode, runs each result in
the TFLite runtime and in qnt-run, and checks

- the runtime's outputs against the float outputs numpy computed from the
  op definitions (mixed.float<k>.npy), within the mode's bound;
- qnt-run against the runtime: equal within float rounding for the float
  modes, within 1 LSB of the output scale for int8 and int8-only (integer
  outputs compared as integers).

Prints one line per mode; exits 1 on a missed bound.

usage: split_pack_modes.py TOOLS_DIR RUNNER_JS MODELS_DIR WORK_DIR
"""
import json
import os
import subprocess
import sys

import numpy as np

# Largest allowed |runtime - float reference| (float modes), or the least
# SQNR in dB (integer modes, whose error includes clipping at the
# calibrated range).
BOUNDS = {"none": ("abs", 1e-4), "float16": ("abs", 5e-3),
          "dynamic-range": ("abs", 0.1), "int8": ("sqnr", 25.0),
          "int8-only": ("sqnr", 25.0)}
OUTPUTS = 3


def run(*args):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)), r.stdout, r.stderr))
    return r.stdout


def main():
    tools, runner, models, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    model = os.path.join(models, "mixed.tflite")
    calib = os.path.join(models, "mixed.calib.npy")
    evaluation = os.path.join(models, "mixed.eval.npy")
    x = np.load(evaluation)  # [N, 1, 40]
    refs = [np.load(os.path.join(models, "mixed.float%d.npy" % k)).astype(np.float64)
            for k in range(OUTPUTS)]
    failed = False
    scales = None
    # int8-only first: its I/O parameters are those of the int8 model too
    # (same calibration data and method).
    for mode in ["int8-only", "none", "float16", "dynamic-range", "int8"]:
        out = os.path.join(work, mode + ".tflite")
        summary = run(os.path.join(tools, "qnt-convert"), model, "--mode", mode,
                      "--calibration-data", calib, "--eval-data", evaluation, "-o", out)
        ops = [l.strip() for l in summary.splitlines() if l.startswith("ops:")][0]
        info = json.loads(run("node", runner, out, "--info"))
        inp = info["inputs"][0]
        feed = x
        if inp["dtype"] == "int8":
            q = inp["quantization"]
            feed = np.clip(np.round(x / q["scale"][0]) + q["zero_point"][0],
                           -128, 127).astype(np.int8)
        np.save(os.path.join(work, mode + ".in.npy"), feed)
        np.save(os.path.join(work, mode + ".rt.in.npy"), feed.reshape(len(x), 40))
        run("node", runner, out, "--input", os.path.join(work, mode + ".rt.in.npy"),
            "-o", os.path.join(work, mode + ".rt"))
        run(os.path.join(tools, "qnt-run"), out, "--data", os.path.join(work, mode + ".in.npy"),
            "-o", os.path.join(work, mode + ".qnt"))
        if mode == "int8-only":
            scales = [o["quantization"] for o in info["outputs"]]
        worst_ref, worst_agree = [], []
        for k in range(OUTPUTS):
            rt = np.load(os.path.join(work, mode + ".rt", "output_%d.npy" % k))
            qn = np.load(os.path.join(work, mode + ".qnt", "output_%d.npy" % k))
            qn = qn.reshape(rt.shape)
            if rt.dtype == np.int8:
                q = info["outputs"][k]["quantization"]
                real = (rt.astype(np.float64) - q["zero_point"][0]) * q["scale"][0]
                agree = np.abs(rt.astype(np.int64) - qn.astype(np.int64)).max()
                agree_ok = agree <= 1
            else:
                real = rt.astype(np.float64)
                diff = np.abs(real - qn.astype(np.float64)).max()
                if mode == "int8":
                    agree = diff / scales[k]["scale"][0]
                    agree_ok = agree <= 1.001
                else:
                    agree = diff
                    agree_ok = diff <= 1e-5
            ref = refs[k].reshape(real.shape)
            kind, bound = BOUNDS[mode]
            if kind == "abs":
                err = np.abs(real - ref).max()
                ref_ok = err <= bound
            else:
                err = 10 * np.log10(np.sum(ref ** 2) / max(np.sum((real - ref) ** 2), 1e-30))
                ref_ok = err >= bound
            worst_ref.append(err)
            worst_agree.append(agree)
            if not (ref_ok and agree_ok):
                failed = True
                print("FAIL %s output %d: vs float %g (%s bound %g), qnt-run vs runtime %g"
                      % (mode, k, err, kind, bound, agree))
        unit = "LSB" if mode.startswith("int8") else "abs"
        print("%s: %s; %s vs float: %s; qnt-run vs runtime (%s): %s"
              % (mode, ops, BOUNDS[mode][0], " ".join("%.3g" % e for e in worst_ref),
                 unit, " ".join("%.3g" % a for a in worst_agree)))
    print("FAIL" if failed else "PASS")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
