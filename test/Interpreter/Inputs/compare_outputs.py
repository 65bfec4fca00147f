#!/usr/bin/python3
"""Compares two directories of output_<i>.npy files (qnt-run's, a reference
runtime's) and prints, per output, the relative error
max|qnt - ref| / max|ref|. Exits with status 1 if an output is missing, has
another shape or dtype, or its relative error exceeds --max-rel."""

import argparse
import os
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("qnt_dir")
    parser.add_argument("ref_dir")
    parser.add_argument("--max-rel", type=float, required=True)
    args = parser.parse_args()

    refs = sorted(f for f in os.listdir(args.ref_dir)
                  if f.startswith("output_") and f.endswith(".npy"))
    if not refs:
        print("FAIL: no outputs in %s" % args.ref_dir)
        return 1
    ok = True
    worst = 0.0
    for name in refs:
        ref = np.load(os.path.join(args.ref_dir, name))
        path = os.path.join(args.qnt_dir, name)
        if not os.path.exists(path):
            print("FAIL %s: qnt-run wrote no such output" % name)
            ok = False
            continue
        got = np.load(path)
        if got.shape != ref.shape or got.dtype != ref.dtype:
            print("FAIL %s: qnt gives %s %s, the runtime %s %s" % (
                name, got.dtype, got.shape, ref.dtype, ref.shape))
            ok = False
            continue
        ref64, got64 = ref.astype(np.float64), got.astype(np.float64)
        scale = np.abs(ref64).max()
        rel = np.abs(got64 - ref64).max() / (scale if scale > 0 else 1.0)
        worst = max(worst, rel)
        status = "ok" if rel <= args.max_rel else "FAIL"
        ok = ok and rel <= args.max_rel
        print("%s %s %s: max relative error %.3e" % (
            status, name, "x".join(map(str, ref.shape)), rel))
    print("worst relative error %.3e (limit %.0e): %s" % (
        worst, args.max_rel, "PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
