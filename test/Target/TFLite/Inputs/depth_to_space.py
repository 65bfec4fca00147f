#!/usr/bin/python3
"""A one-op DEPTH_TO_SPACE model and the output it must give.

  depth_to_space.py SCHEMA OUTDIR BLOCK CHANNELS
      writes OUTDIR/d2s.tflite (input [1, 2, 3, CHANNELS], block size
      BLOCK), OUTDIR/d2s.in.npy and, when BLOCK * BLOCK divides CHANNELS,
      OUTDIR/d2s.expected.npy: output pixel (h * b + i, w * b + j) channel c
      is input pixel (h, w) channel (i * b + j) * C' + c (TFLite's
      definition), computed element by element.
"""
import json
import os
import subprocess
import sys

import numpy as np


def main():
    schema, out, b, channels = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    n, h, w = 1, 2, 3
    depth = channels // (b * b) if channels % (b * b) == 0 else 1
    x = np.arange(n * h * w * channels, dtype=np.float32).reshape(n, h, w, channels) * 0.5 - 3
    np.save(os.path.join(out, "d2s.in.npy"), x)
    if channels % (b * b) == 0:
        y = np.zeros((n, h * b, w * b, depth), np.float32)
        for hh in range(h):
            for ww in range(w):
                for i in range(b):
                    for j in range(b):
                        for c in range(depth):
                            y[0, hh * b + i, ww * b + j, c] = x[0, hh, ww, (i * b + j) * depth + c]
        np.save(os.path.join(out, "d2s.expected.npy"), y)
    model = {
        "version": 3,
        "operator_codes": [{"deprecated_builtin_code": 5, "builtin_code": "DEPTH_TO_SPACE", "version": 1}],
        "subgraphs": [{
            "tensors": [
                {"shape": [n, h, w, channels], "type": "FLOAT32", "buffer": 1, "name": "input"},
                {"shape": [n, h * b, w * b, depth], "type": "FLOAT32", "buffer": 2, "name": "output"},
            ],
            "inputs": [0], "outputs": [1],
            "operators": [{"opcode_index": 0, "inputs": [0], "outputs": [1],
                           "builtin_options_type": "DepthToSpaceOptions",
                           "builtin_options": {"block_size": b}}],
        }],
        "buffers": [{}, {}, {}],
    }
    path = os.path.join(out, "d2s.json")
    with open(path, "w") as f:
        json.dump(model, f)
    subprocess.run(["flatc", "-b", "-o", out, schema, path], check=True)


if __name__ == "__main__":
    main()
