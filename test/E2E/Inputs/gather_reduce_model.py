"""A small conv -> space_to_depth -> gather -> reductions model, written as
qnt MLIR with seeded weights, its data, and a numpy reference computed from
the op definitions; checks a model qnt-convert wrote against it in the TFLite
runtime.

  gather_reduce_model.py make WORK_DIR
      Writes WORK_DIR/model.mlir, calib.npy (64 samples) and eval.npy (16).
  gather_reduce_model.py check WORK_DIR MODEL_TFLITE RUNNER_JS MODE
      Runs MODEL_TFLITE in the runtime on eval.npy, (de)quantizing integer
      I/O with the parameters the runtime reports, and compares every output
      with numpy: float outputs by SQNR (exact-ish bounds for float modes),
      the arg_max output by agreement. Prints PASS or FAIL lines.
"""
import json
import os
import subprocess
import sys

import numpy as np

GATHER_INDICES = [15, 0, 7, 7, 3]


def weights():
    rng = np.random.RandomState(7)
    w = rng.uniform(-0.5, 0.5, (4, 3, 3, 3)).astype(np.float32)
    b = rng.uniform(-0.2, 0.2, 4).astype(np.float32)
    return w, b


def dense(a):
    return "dense<%s>" % json.dumps(np.asarray(a).tolist())


def model_text():
    w, b = weights()
    f = "tensor<%sxf32>"
    return "\n".join([
        "func.func @main(%x: tensor<1x8x8x3xf32> loc(\"input\")) -> "
        "(tensor<1x1x1x5xf32>, tensor<1x4x4xf32>, tensor<1x4x4xf32>, "
        "tensor<1x8x8xi32>) {",
        "  %w = qnt.const " + dense(w) + " : tensor<4x3x3x3xf32>",
        "  %b = qnt.const " + dense(b) + " : tensor<4xf32>",
        "  %c = qnt.conv_2d %x, %w, %b : (tensor<1x8x8x3xf32>, "
        "tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32> "
        "loc(\"conv\")",
        "  %s = qnt.space_to_depth %c {block_size = 2 : i32} : "
        "(tensor<1x8x8x4xf32>) -> tensor<1x4x4x16xf32> loc(\"s2d\")",
        "  %i = qnt.const " + dense(GATHER_INDICES) + " : tensor<5xi32>",
        "  %g = qnt.gather %s, %i {axis = 3 : i32} : (tensor<1x4x4x16xf32>, "
        "tensor<5xi32>) -> tensor<1x4x4x5xf32> loc(\"gather\")",
        "  %a12 = qnt.const dense<[1, 2]> : tensor<2xi32>",
        "  %a3 = qnt.const dense<[3]> : tensor<1xi32>",
        "  %mx = qnt.reduce_max %g, %a12 {keep_dims} : (tensor<1x4x4x5xf32>, "
        "tensor<2xi32>) -> tensor<1x1x1x5xf32> loc(\"max\")",
        "  %sm = qnt.sum %g, %a3 : (tensor<1x4x4x5xf32>, tensor<1xi32>) -> "
        "tensor<1x4x4xf32> loc(\"sum\")",
        "  %mn = qnt.reduce_min %s, %a3 : (tensor<1x4x4x16xf32>, "
        "tensor<1xi32>) -> tensor<1x4x4xf32> loc(\"min\")",
        "  %am = qnt.arg_max %c, %a3 : (tensor<1x8x8x4xf32>, tensor<1xi32>) "
        "-> tensor<1x8x8xi32> loc(\"argmax\")",
        "  return %mx, %sm, %mn, %am : tensor<1x1x1x5xf32>, "
        "tensor<1x4x4xf32>, tensor<1x4x4xf32>, tensor<1x8x8xi32>",
        "}", ""])


def reference(x):
    """x: [N, 8, 8, 3] float64 -> the four outputs, from the definitions."""
    w, b = weights()
    n = x.shape[0]
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    c = np.zeros((n, 8, 8, 4))
    for ky in range(3):
        for kx in range(3):
            c += np.einsum("nhwi,oi->nhwo", xp[:, ky:ky + 8, kx:kx + 8, :],
                           w[:, ky, kx, :].astype(np.float64))
    c += b
    s = np.zeros((n, 4, 4, 16))
    for dy in range(2):
        for dx in range(2):
            s[..., (dy * 2 + dx) * 4:(dy * 2 + dx + 1) * 4] = \
                c[:, dy::2, dx::2, :]
    g = s[..., GATHER_INDICES]
    return [g.max(axis=(1, 2), keepdims=True), g.sum(axis=3), s.min(axis=3),
            np.argmax(c, axis=3)]


def run(*args):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)),
                                               p.stdout, p.stderr))
    return p.stdout


def make(work):
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "model.mlir"), "w") as f:
        f.write(model_text())
    rng = np.random.RandomState(3)
    for name, count in (("calib", 64), ("eval", 16)):
        np.save(os.path.join(work, name + ".npy"),
                rng.uniform(-1, 1, (count, 8, 8, 3)).astype(np.float32))


def check(work, model, runner, mode):
    x = np.load(os.path.join(work, "eval.npy"))
    info = json.loads(run("node", runner, model, "--info"))
    inp = info["inputs"][0]
    feed = x
    if inp["dtype"] in ("int8", "uint8"):
        q = inp["quantization"]
        lo, hi = (-128, 127) if inp["dtype"] == "int8" else (0, 255)
        feed = np.clip(np.round(x / q["scale"][0]) + q["zero_point"][0],
                       lo, hi).astype(inp["dtype"])
    out_dir = os.path.join(work, "rt-" + mode)
    os.makedirs(out_dir, exist_ok=True)
    np.save(os.path.join(out_dir, "in.npy"), feed)
    run("node", runner, model, "--input", os.path.join(out_dir, "in.npy"),
        "-o", out_dir)
    refs = reference(x.astype(np.float64))
    ok = True
    for i, (ref, meta) in enumerate(zip(refs, info["outputs"])):
        y = np.load(os.path.join(out_dir, "output_%d.npy" % i))
        dtype = meta["dtype"]
        if i == 3:
            # Ties and near-ties may pick another channel once quantized.
            agree = float(np.mean(y.reshape(ref.shape) == ref))
            bound = 1.0 if mode in ("none", "float16", "dynamic-range") \
                else 0.9
            good = dtype == "int32" and agree >= bound
            print("%s output %d (%s): arg_max agreement %.3f" %
                  (mode, i, dtype, agree))
        else:
            y = y.astype(np.float64)
            if dtype in ("int8", "uint8"):
                q = meta["quantization"]
                y = (y - q["zero_point"][0]) * q["scale"][0]
            y = y.reshape(ref.shape)
            noise = max(np.sum((ref - y) ** 2), 1e-300)
            sqnr = 10 * np.log10(np.sum(ref ** 2) / noise)
            # float16 weights: ~2^-11 relative error per weight; 8-bit
            # activations through a conv and a reduction: 30 dB and more.
            bound = {"none": 90.0, "float16": 45.0,
                     "dynamic-range": 90.0}.get(mode, 28.0)
            good = sqnr >= bound
            print("%s output %d (%s): SQNR %.1f dB" % (mode, i, dtype, sqnr))
        ok &= good
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
        sys.exit(0)
    sys.exit(check(*sys.argv[2:6]))
