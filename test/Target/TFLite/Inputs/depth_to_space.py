#!/usr/bin/python3
"""A one-op DEPTH_TO_SPACE model and the output it must give.

  depth_to_space.py SCHEMA OUTDIR BLOCK CHANNELS [int8]
      writes OUTDIR/d2s.tflite (input [1, 2, 3, CHANNELS], block size
      BLOCK; float32, or int8 with scale 0.5 and zero point -4 on both
      tensors), OUTDIR/d2s.in.npy and, when BLOCK * BLOCK divides CHANNELS,
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
    int8 = sys.argv[5:] == ["int8"]
    n, h, w = 1, 2, 3
    depth = channels // (b * b) if channels % (b * b) == 0 else 1
    x = np.arange(n * h * w * channels, dtype=np.float32).reshape(n, h, w, channels) * 0.5 - 3
    if int8:
        # Distinct values spread over the whole int8 range.
        x = ((np.arange(x.size) * 7 + 100) % 256 - 128).astype(np.int8).reshape(x.shape)
    np.save(os.path.join(out, "d2s.in.npy"), x)
    if channels % (b * b) == 0:
        y = np.zeros((n, h * b, w * b, depth), x.dtype)
        for hh in range(h):
            for ww in range(w):
                for i in range(b):
                    for j in range(b):
                        for c in range(depth):
                            y[0, hh * b + i, ww * b + j, c] = x[0, hh, ww, (i * b + j) * depth + c]
        np.save(os.path.join(out, "d2s.expected.npy"), y)
    tensor_type = "INT8" if int8 else "FLOAT32"
    quant = {"quantization": {"scale": [0.5], "zero_point": [-4]}} if int8 else {}
    model = {
        "version": 3,
        "operator_codes": [{"deprecated_builtin_code": 5, "builtin_code": "DEPTH_TO_SPACE",
                            "version": 2 if int8 else 1}],
        "subgraphs": [{
            "tensors": [
                dict({"shape": [n, h, w, channels], "type": tensor_type, "buffer": 1,
                      "name": "input"}, **quant),
                dict({"shape": [n, h * b, w * b, depth], "type": tensor_type, "buffer": 2,
                      "name": "output"}, **quant),
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
