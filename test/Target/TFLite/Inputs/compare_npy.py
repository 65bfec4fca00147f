#!/usr/bin/python3
"""compare_npy.py A.npy B.npy: prints dtype, shape and the largest absolute
difference; exits 1 unless the arrays have one dtype and shape and equal
bits."""
import sys
import numpy as np

a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
if a.dtype != b.dtype or a.shape != b.shape:
    print("mismatch: %s %s vs %s %s" % (a.dtype, a.shape, b.dtype, b.shape))
    sys.exit(1)
diff = np.abs(a.astype(np.float64) - b.astype(np.float64))
print("dtype=%s shape=%s max_abs_diff=%g" % (a.dtype, a.shape, diff.max() if diff.size else 0.0))
sys.exit(0 if a.tobytes() == b.tobytes() else 1)
