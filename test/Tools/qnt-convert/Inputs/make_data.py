"""Writes N samples for the [1, 4] input of mlp.mlir to PATH (.npy).

usage: make_data.py PATH N SEED
"""
import sys

import numpy as np

path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.RandomState(seed)
np.save(path, rng.uniform(-1.0, 1.0, size=(count, 1, 4)).astype(np.float32))
