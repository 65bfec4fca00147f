"""Compares two model outputs (.npy) and prints the SQNR of the second
against the first and the largest absolute difference.

usage: compare_outputs.py REFERENCE.npy TEST.npy
"""
import sys

import numpy as np

ref = np.load(sys.argv[1]).astype(np.float64)
got = np.load(sys.argv[2]).astype(np.float64)
if ref.shape != got.shape:
    sys.exit("shapes differ: %s vs %s" % (ref.shape, got.shape))
noise = np.sum((ref - got) ** 2)
sqnr = 10 * np.log10(np.sum(ref ** 2) / noise) if noise > 0 else float("inf")
print("sqnr %.1f dB, max abs diff %.6f" % (sqnr, np.max(np.abs(ref - got))))
