#!/usr/bin/python3
"""compare_outputs.py EXPECTED_PREFIX DIR N: compares EXPECTED_PREFIX<k>.npy
with DIR/output_<k>.npy for k < N (qnt-run's leading sample axis of 1 is
dropped), printing dtype, shape and the largest absolute difference of each;
exits 1 unless every pair has one dtype and shape and equal bits."""
import sys
import numpy as np

prefix, directory, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
ok = True
for k in range(count):
    a = np.load("%s%d.npy" % (prefix, k))
    b = np.load("%s/output_%d.npy" % (directory, k))
    if b.shape == (1,) + a.shape:
        b = b.reshape(a.shape)
    if a.dtype != b.dtype or a.shape != b.shape:
        print("output %d: mismatch: %s %s vs %s %s" % (k, a.dtype, a.shape, b.dtype, b.shape))
        ok = False
        continue
    diff = np.abs(a.astype(np.float64) - b.astype(np.float64))
    print("output %d: dtype=%s shape=%s max_abs_diff=%g"
          % (k, a.dtype, a.shape, diff.max() if diff.size else 0.0))
    ok = ok and a.tobytes() == b.tobytes()
sys.exit(0 if ok else 1)
