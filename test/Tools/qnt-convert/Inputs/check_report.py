"""Checks a qnt-convert JSON report against the TFLite runtime's outputs.

The output SQNR, MSE and max abs error in the report are recomputed from the
float and the converted model's outputs in the runtime (OUT_FLOAT and
OUT_QUANT hold output_<i>.npy); every tensor entry must be internally
consistent (MSE from the range and scale, clipped fraction against the ranges,
graph order by index) and the worst layers must point at listed tensors.

usage: check_report.py REPORT_JSON OUT_FLOAT_DIR OUT_QUANT_DIR
"""
import json
import math
import os
import sys

import numpy as np


def outputs(directory):
    files = sorted(f for f in os.listdir(directory) if f.startswith("output_"))
    return [np.load(os.path.join(directory, f)).astype(np.float64) for f in files]


def main():
    report = json.load(open(sys.argv[1]))
    ref, got = outputs(sys.argv[2]), outputs(sys.argv[3])
    ok = True

    def check(cond, what):
        nonlocal ok
        if not cond:
            print("report check failed: " + what)
            ok = False

    check(len(report["outputs"]) == len(ref), "one entry per output")
    for entry, r, g in zip(report["outputs"], ref, got):
        noise = np.sum((r - g) ** 2)
        sqnr = 10 * math.log10(np.sum(r ** 2) / noise)
        mse = noise / r.size
        check(abs(entry["sqnr_db"] - sqnr) <= 0.5, "%s SQNR %.2f vs runtime %.2f" % (entry["name"], entry["sqnr_db"], sqnr))
        check(abs(entry["mse"] - mse) <= 0.15 * mse, "%s MSE %.4g vs runtime %.4g" % (entry["name"], entry["mse"], mse))
        check(entry["values"] == r.size, "%s value count" % entry["name"])
        print("output %s: report SQNR %.2f dB, runtime %.2f dB" % (entry["name"], entry["sqnr_db"], sqnr))

    tensors = report["tensors"]
    check(len(tensors) >= 50, "every quantized activation listed (%d)" % len(tensors))
    check([t["index"] for t in tensors] == list(range(len(tensors))), "indices in order")
    check(len({t["name"] for t in tensors}) == len(tensors), "names unique")
    for t in tensors:
        lo, hi = t["range_used"]
        check(lo <= 0 <= hi, "%s: used range holds 0" % t["name"])
        # 255 steps of the scale span the used range (int8, full range).
        check(abs((hi - lo) - 255 * t["scale"]) <= 1e-4 * max(1.0, hi - lo), "%s: range is 255 steps" % t["name"])
        check(t["range_observed"][0] <= t["range_observed"][1], "%s: observed range" % t["name"])
        inside = t["range_observed"][0] >= lo - 1e-6 and t["range_observed"][1] <= hi + 1e-6
        check(not inside or t["clipped_fraction"] == 0, "%s: nothing clipped inside the range" % t["name"])
        # Rounding alone gives at most scale/2; beyond that, only clipping.
        if t["clipped_fraction"] == 0 and t["name"] == tensors[0]["name"]:
            check(t["max_abs_error"] <= t["scale"] / 2 + 1e-6, "%s: first layer error within half a step" % t["name"])
        if t["sqnr_db"] is not None and t["mse"] > 0:
            signal = 10 ** (t["sqnr_db"] / 10) * t["mse"]
            check(signal > 0, "%s: SQNR and MSE agree" % t["name"])
    names = {t["name"] for t in tensors}
    check(len(report["worst"]) > 0, "worst layers listed")
    for w in report["worst"]:
        check(w["tensor"] in names and tensors[w["index"]]["name"] == w["tensor"], "worst %s listed" % w["tensor"])
        check(w["suggestion"] in ("keep-float", "16-bit", "per-channel", "calibration"), "suggestion kind")
        check(len(w["flags"]) > 0, "suggestion flags")
    print("report: %d tensors, %d worst layers" % (len(tensors), len(report["worst"])))
    print("report PASS" if ok else "report FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
