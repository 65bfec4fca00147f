#!/usr/bin/python3
"""make_input.py OUT.npy DTYPE D0 D1 ...: deterministic pseudo-random input
(uniform in [-1, 1) for floats, the full range for integers)."""
import sys
import numpy as np

out, dtype, dims = sys.argv[1], np.dtype(sys.argv[2]), [int(d) for d in sys.argv[3:]]
rng = np.random.default_rng(1234)
if dtype.kind == "f":
    data = rng.uniform(-1.0, 1.0, dims).astype(dtype)
else:
    info = np.iinfo(dtype)
    data = rng.integers(info.min, info.max, dims, endpoint=True).astype(dtype)
np.save(out, data)
