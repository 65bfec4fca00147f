#!/usr/bin/python3
"""Copies ONNX backend node tests from Debian's libonnx-testdata into OUTDIR as
OUTDIR/<test>.onnx and OUTDIR/<test>.input.npy, the layout check_numerics.py
reads. Fails if the test data is missing.

usage: node_tests.py OUTDIR TEST...
"""

import os
import shutil
import sys

import numpy as np
import onnx
from onnx import numpy_helper

DATA = "/usr/share/libonnx-testdata/data/node"


def main(argv):
    out = argv[1]
    for name in argv[2:]:
        src = os.path.join(DATA, name)
        if not os.path.isdir(src):
            print("node_tests.py: %s is missing (install libonnx-testdata)" %
                  src, file=sys.stderr)
            return 1
        shutil.copy(os.path.join(src, "model.onnx"),
                    os.path.join(out, name + ".onnx"))
        tensor = onnx.TensorProto()
        with open(os.path.join(src, "test_data_set_0", "input_0.pb"),
                  "rb") as f:
            tensor.ParseFromString(f.read())
        np.save(os.path.join(out, name + ".input.npy"),
                numpy_helper.to_array(tensor).astype(np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
