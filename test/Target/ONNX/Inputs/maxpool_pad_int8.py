#!/usr/bin/python3
"""Max pooling with pads TFLite's SAME does not express (ResNet's stem:
3x3, stride 2, pads 1 on every side) through qnt-convert --mode int8, run in
the TFLite runtime and compared with ONNX Runtime on the float model.

The window maximum of int8 values is exact, so every output must be within
half a quantization step (plus float rounding) of ONNX Runtime's. The
importer pads with -FLT_MAX before a VALID pool; a pad value quantized
wrongly (e.g. to 127) shows up in the border windows.

usage: maxpool_pad_int8.py TOOLS_DIR TFLITE_RUNNER_JS ONNX_RUNNER_JS WORK_DIR
"""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper


def run(*args):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)),
                                               r.stdout, r.stderr))


def main():
    tools, tflite_runner, onnx_runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    path = lambda name: os.path.join(work, name)
    node = helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[3, 3],
                            strides=[2, 2], pads=[1, 1, 1, 1])
    graph = helper.make_graph(
        [node], "maxpool_pad",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 4, 4])])
    onnx.save(helper.make_model(graph, opset_imports=[
        helper.make_opsetid("", 13)]), path("maxpool.onnx"))

    # Negative values everywhere, so that a wrong pad value wins the border
    # windows.
    x = np.random.RandomState(0).uniform(-3, -1, (4, 1, 4, 8, 8))
    x = x.astype(np.float32)
    nhwc = np.ascontiguousarray(x[:, 0].transpose(0, 2, 3, 1))
    np.save(path("calib.npy"), nhwc)
    run(os.path.join(tools, "qnt-convert"), path("maxpool.onnx"), "--mode",
        "int8", "--calibration-data", path("calib.npy"), "--eval-split", "0",
        "--quiet", "-o", path("maxpool_int8.tflite"))
    worst = 0.0
    for i in range(len(x)):
        np.save(path("x%d.npy" % i), x[i])
        np.save(path("x%d_nhwc.npy" % i), nhwc[i:i + 1])
        run("node", onnx_runner, path("maxpool.onnx"), "--input",
            path("x%d.npy" % i), "-o", path("ort%d" % i))
        run("node", tflite_runner, path("maxpool_int8.tflite"), "--input",
            path("x%d_nhwc.npy" % i), "-o", path("tfl%d" % i))
        want = np.load(path("ort%d/output_0.npy" % i)).transpose(0, 2, 3, 1)
        got = np.load(path("tfl%d/output_0.npy" % i))
        worst = max(worst, float(np.max(np.abs(want - got))))
    # Calibrated range [min, 0] (0 is always representable): 255 steps.
    step = -float(x.min()) / 255
    print("max abs error %.5f, quantization step %.5f" % (worst, step))
    print("PASS" if worst <= 0.5 * step + 1e-5 else "FAIL")
    return 0 if worst <= 0.5 * step + 1e-5 else 1


if __name__ == "__main__":
    sys.exit(main())
