#!/usr/bin/python3
"""An ESPCN-like ONNX model (conv -> relu -> conv -> DepthToSpace in
PyTorch's CRD mode) with a second, classifier-like output (LogSoftmax over
the channels of the first convolution), converted with qnt-convert
--mode int8-only. The int8 .tflite runs in qnt-run and in the TFLite runtime
on the same int8 input: they must agree within 1 LSB; dequantized, the
runtime's outputs are compared with ONNX Runtime's float outputs.

usage: depth_to_space_int8.py BINDIR TFLITE_RUNNER ONNX_RUNNER WORKDIR
"""
import json
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def run(*args):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)),
                                               p.stdout, p.stderr))
    return p.stdout


def model():
    rng = np.random.RandomState(11)
    w1 = (rng.standard_normal((8, 3, 3, 3)) * 0.4).astype(np.float32)
    b1 = (rng.standard_normal(8) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((12, 8, 3, 3)) * 0.2).astype(np.float32)
    b2 = (rng.standard_normal(12) * 0.1).astype(np.float32)
    inits = [numpy_helper.from_array(a, n) for a, n in
             ((w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2"))]
    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1] * 4),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], pads=[1] * 4),
        helper.make_node("DepthToSpace", ["c2"], ["up"], blocksize=2,
                         mode="CRD"),
        helper.make_node("LogSoftmax", ["c1"], ["scores"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "espcn_like",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("up", TensorProto.FLOAT, [1, 3, 16, 16]),
         helper.make_tensor_value_info("scores", TensorProto.FLOAT,
                                       [1, 8, 8, 8])], inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def main():
    tools, tflite_runner, onnx_runner, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    path = lambda name: os.path.join(work, name)
    onnx.save(model(), path("model.onnx"))
    rng = np.random.RandomState(5)
    calib = rng.uniform(-1, 1, (64, 8, 8, 3)).astype(np.float32)  # NHWC
    np.save(path("calib.npy"), calib)
    x = rng.uniform(-1, 1, (1, 3, 8, 8)).astype(np.float32)
    np.save(path("x.npy"), x)
    print(run(os.path.join(tools, "qnt-convert"), path("model.onnx"),
              "--mode", "int8-only", "--calibration-data", path("calib.npy"),
              "--eval-split", "0", "-o", path("int8.tflite")), end="")

    info = json.loads(run("node", tflite_runner, path("int8.tflite"),
                          "--info"))
    q = info["inputs"][0]["quantization"]
    xq = np.clip(np.round(x.transpose(0, 2, 3, 1) / q["scale"][0]) +
                 q["zero_point"][0], -128, 127).astype(np.int8)
    np.save(path("xq.npy"), xq)
    run("node", tflite_runner, path("int8.tflite"), "--input", path("xq.npy"),
        "-o", path("rt"))
    run(os.path.join(tools, "qnt-run"), path("int8.tflite"), "--data",
        path("xq.npy"), "-o", path("qnt"))
    run("node", onnx_runner, path("model.onnx"), "--input", path("x.npy"),
        "-o", path("ort"))

    ok = True
    for k, meta in enumerate(info["outputs"]):
        rt = np.load(path("rt/output_%d.npy" % k))
        mine = np.load(path("qnt/output_%d.npy" % k)).reshape(rt.shape)
        lsb = int(np.abs(rt.astype(np.int32) - mine.astype(np.int32)).max())
        oq = meta["quantization"]
        real = (rt.astype(np.float64) - oq["zero_point"][0]) * oq["scale"][0]
        ref = np.load(path("ort/output_%d.npy" % k)).transpose(0, 2, 3, 1)
        sqnr = 10 * np.log10(np.sum(ref ** 2) / np.sum((ref - real) ** 2))
        good = rt.dtype == np.int8 and lsb <= 1 and sqnr >= 25
        print("output %d %s: %s scale %g zero_point %d, qnt-run vs runtime "
              "%d LSB, SQNR vs ONNX Runtime %.1f dB %s" % (
                  k, meta["name"], rt.dtype, oq["scale"][0],
                  oq["zero_point"][0], lsb, sqnr, "ok" if good else "FAIL"))
        ok &= good
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
