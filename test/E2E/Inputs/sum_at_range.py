#!/usr/bin/python3
"""An int8 SUM at the top of its calibrated range. The model sums four
values; calibration sees [1, 0, 0, 0] (input range [0, 1], step 1/255) and
four times t = 128.6/255, whose sum 4t is the calibrated maximum. Each t
rounds up to 129 input steps, so the integer sum is 4 * 129 / 128.6 of
the maximum: 255.8 output steps above the zero point, one more than int8
holds. The model is quantized with qnt-convert --mode int8, run in the
TFLite runtime on [t, t, t, t] and compared with the exact sum 4t.

usage: sum_at_range.py BINDIR RUN_JS WORKDIR
"""

import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper


def main():
    tools, runner, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    graph = helper.make_graph(
        [helper.make_node("ReduceSum", ["x", "axes"], ["y"], keepdims=0)],
        "sum_at_range",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
        [helper.make_tensor("axes", TensorProto.INT64, [1], [1])])
    onnx.save(helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 13)]),
        os.path.join(work, "sum.onnx"))
    t = np.float32(128.6 / 255)
    np.save(os.path.join(work, "calib.npy"),
            np.array([[[1, 0, 0, 0]], [[t, t, t, t]]], np.float32))
    np.save(os.path.join(work, "x.npy"), np.full((1, 4), t, np.float32))
    model = os.path.join(work, "int8.tflite")
    subprocess.run([os.path.join(tools, "qnt-convert"),
                    os.path.join(work, "sum.onnx"), "--mode", "int8",
                    "--calibration-data", os.path.join(work, "calib.npy"),
                    "--eval-split", "0", "--quiet", "-o", model], check=True)
    subprocess.run(["node", runner, model, "--input",
                    os.path.join(work, "x.npy"), "-o",
                    os.path.join(work, "out")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got = float(np.load(os.path.join(work, "out", "output_0.npy")).ravel()[0])
    error = abs(got - 4 * float(t))
    print("sum %.4f, expected %.4f, error %.4f" % (got, 4 * float(t), error))
    # A few output steps (about 2.02 / 255 each) at most; a wrapped sum
    # comes out as the range's minimum, 0.
    return 0 if error < 0.03 else 1


if __name__ == "__main__":
    sys.exit(main())
