"""Writes a one-layer dense model (MLIR) and an input for it, or checks the
TFLite runtime's output against numpy's float result.

usage: dense_model.py DIR [--check OUTPUT.npy]
"""
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.RandomState(7)
w = rng.uniform(-0.5, 0.5, (48, 64)).astype(np.float32)
b = rng.uniform(-0.1, 0.1, 48).astype(np.float32)
x = rng.uniform(-1, 1, (1, 64)).astype(np.float32)

if sys.argv[2:3] == ["--check"]:
    got = np.load(sys.argv[3]).reshape(1, 48)
    want = x @ w.T + b
    err = np.abs(got - want).max() / np.abs(want).max()
    print("max relative error %.4f" % err)
    sys.exit(0)


def dense(a):
    return "dense<[%s]>" % ", ".join(
        "[%s]" % ", ".join("%r" % float(v) for v in row) for row in a)


np.save(out + "/x.npy", x)
with open(out + "/dense.mlir", "w") as f:
    f.write("func.func @main(%%x: tensor<1x64xf32> loc(\"input\")) -> tensor<1x48xf32> {\n"
            "  %%w = qnt.const %s : tensor<48x64xf32> loc(\"w\")\n"
            "  %%b = qnt.const dense<[%s]> : tensor<48xf32> loc(\"b\")\n"
            "  %%y = qnt.fully_connected %%x, %%w, %%b : (tensor<1x64xf32>, "
            "tensor<48x64xf32>, tensor<48xf32>) -> tensor<1x48xf32> loc(\"y\")\n"
            "  return %%y : tensor<1x48xf32>\n}\n"
            % (dense(w), ", ".join("%r" % float(v) for v in b)))
