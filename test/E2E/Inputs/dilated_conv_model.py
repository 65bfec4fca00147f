"""A dilated convolution as older TensorFlow converters wrote it
(SPACE_TO_BATCH_ND -> CONV_2D -> BATCH_TO_SPACE_ND), with TILE,
BROADCAST_TO, L2_NORMALIZATION and GELU around it; a numpy reference that
computes the dilated convolution directly (taps two pixels apart), not
through the batch/space rearrangement.

  dilated_conv_model.py make WORK_DIR
      Writes WORK_DIR/model.mlir (float), calib.npy (48 samples) and
      eval.npy (12 samples).
  dilated_conv_model.py check WORK_DIR MODEL_TFLITE RUNNER_JS MODE
      Runs MODEL_TFLITE in the TFLite runtime on eval.npy, (de)quantizing
      integer I/O with the parameters the runtime reports, and compares every
      output with numpy by SQNR. Prints one line per output and PASS or FAIL.
  dilated_conv_model.py lsb WORK_DIR MODEL_TFLITE RUNNER_JS QNT_RUN
      For an integer-only model: runs it in the runtime and in qnt-run on the
      same int8 input and checks every int8 output agrees within 1.
"""
import json
import os
import subprocess
import sys

import numpy as np

H = W = 16


def weights():
    rng = np.random.RandomState(11)
    w0 = rng.uniform(-0.5, 0.5, (4, 3, 3, 3)).astype(np.float32)
    b0 = rng.uniform(0.0, 0.3, 4).astype(np.float32)
    w1 = rng.uniform(-0.4, 0.4, (6, 3, 3, 4)).astype(np.float32)
    b1 = rng.uniform(-0.2, 0.2, 6).astype(np.float32)
    return w0, b0, w1, b1


def dense(a):
    return "dense<%s>" % json.dumps(np.asarray(a).tolist())


def t(*shape, elt="f32"):
    return "tensor<%sx%s>" % ("x".join(map(str, shape)), elt)


def model_text():
    w0, b0, w1, b1 = weights()
    x, c0, s, d, y = t(1, H, W, 3), t(1, H, W, 4), t(4, 10, 10, 4), \
        t(4, 8, 8, 6), t(1, H, W, 6)
    m, tl = t(1, 1, 1, 4), t(1, H, W, 8)
    lines = [
        "func.func @main(%%x: %s loc(\"input\")) -> (%s, %s, %s, %s) {" %
        (x, y, y, y, tl),
        "  %w0 = qnt.const " + dense(w0) + " : " + t(4, 3, 3, 3),
        "  %b0 = qnt.const " + dense(b0) + " : " + t(4),
        "  %w1 = qnt.const " + dense(w1) + " : " + t(6, 3, 3, 4),
        "  %b1 = qnt.const " + dense(b1) + " : " + t(6),
        "  %%c0 = qnt.conv_2d %%x, %%w0, %%b0 {fused_activation = "
        "#qnt.act<relu>} : (%s, %s, %s) -> %s loc(\"conv0\")" %
        (x, t(4, 3, 3, 3), t(4), c0),
        # Dilation 2, SAME: 2 * (3 - 1) = 4 padded elements per dimension.
        "  %blk = qnt.const dense<[2, 2]> : tensor<2xi32>",
        "  %pad = qnt.const dense<[[2, 2], [2, 2]]> : tensor<2x2xi32>",
        "  %%s = qnt.space_to_batch_nd %%c0, %%blk, %%pad : (%s, "
        "tensor<2xi32>, tensor<2x2xi32>) -> %s loc(\"s2b\")" % (c0, s),
        "  %%d = qnt.conv_2d %%s, %%w1, %%b1 {padding = #qnt.padding<valid>} "
        ": (%s, %s, %s) -> %s loc(\"conv1\")" % (s, t(6, 3, 3, 4), t(6), d),
        "  %crop = qnt.const dense<0> : tensor<2x2xi32>",
        "  %%y = qnt.batch_to_space_nd %%d, %%blk, %%crop : (%s, "
        "tensor<2xi32>, tensor<2x2xi32>) -> %s loc(\"b2s\")" % (d, y),
        "  %%l = qnt.l2_normalization %%y : (%s) -> %s loc(\"l2\")" % (y, y),
        "  %%g = qnt.gelu %%y : (%s) -> %s loc(\"gelu\")" % (y, y),
        "  %axes = qnt.const dense<[1, 2]> : tensor<2xi32>",
        "  %%m = qnt.mean %%c0, %%axes {keep_dims} : (%s, tensor<2xi32>) -> %s "
        "loc(\"mean\")" % (c0, m),
        "  %%shape = qnt.const dense<[1, %d, %d, 4]> : tensor<4xi32>" % (H, W),
        "  %%bc = qnt.broadcast_to %%m, %%shape : (%s, tensor<4xi32>) -> %s "
        "loc(\"broadcast\")" % (m, c0),
        "  %%a = qnt.sub %%c0, %%bc : (%s, %s) -> %s loc(\"centre\")" %
        (c0, c0, c0),
        "  %mul = qnt.const dense<[1, 1, 1, 2]> : tensor<4xi32>",
        "  %%tl = qnt.tile %%a, %%mul : (%s, tensor<4xi32>) -> %s "
        "loc(\"tile\")" % (c0, tl),
        "  return %%y, %%l, %%g, %%tl : %s, %s, %s, %s" % (y, y, y, tl),
        "}", ""]
    return "\n".join(lines)


def conv_same(x, w, b, dilation):
    """NHWC x, OHWI w, stride 1, SAME padding, taps `dilation` apart."""
    k = w.shape[1]
    p = dilation * (k - 1) // 2
    xp = np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))
    n, h, wd = x.shape[:3]
    out = np.zeros((n, h, wd, w.shape[0]))
    for ky in range(k):
        for kx in range(k):
            patch = xp[:, ky * dilation:ky * dilation + h,
                       kx * dilation:kx * dilation + wd, :]
            out += np.einsum("nhwi,oi->nhwo", patch,
                             w[:, ky, kx, :].astype(np.float64))
    return out + b


def reference(x):
    w0, b0, w1, b1 = weights()
    c0 = np.maximum(conv_same(x, w0, b0, 1), 0)
    y = conv_same(c0, w1, b1, 2)
    norm = np.maximum(np.sqrt((y * y).sum(-1, keepdims=True)), 1e-6)
    erf = np.vectorize(__import__("math").erf)
    g = 0.5 * y * (1 + erf(y / np.sqrt(2)))
    a = c0 - c0.mean(axis=(1, 2), keepdims=True)
    return [y, y / norm, g, np.tile(a, (1, 1, 1, 2))]


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
    rng = np.random.RandomState(5)
    for name, count in (("calib", 48), ("eval", 12)):
        np.save(os.path.join(work, name + ".npy"),
                rng.uniform(-1, 1, (count, H, W, 3)).astype(np.float32))


def quantized_input(work, info):
    x = np.load(os.path.join(work, "eval.npy"))
    inp = info["inputs"][0]
    if inp["dtype"] not in ("int8", "uint8"):
        return x, x
    q = inp["quantization"]
    lo, hi = (-128, 127) if inp["dtype"] == "int8" else (0, 255)
    feed = np.clip(np.round(x / q["scale"][0]) + q["zero_point"][0], lo,
                   hi).astype(inp["dtype"])
    return x, feed


def check(work, model, runner, mode):
    info = json.loads(run("node", runner, model, "--info"))
    x, feed = quantized_input(work, info)
    out_dir = os.path.join(work, "rt-" + mode)
    os.makedirs(out_dir, exist_ok=True)
    np.save(os.path.join(out_dir, "in.npy"), feed)
    run("node", runner, model, "--input", os.path.join(out_dir, "in.npy"),
        "-o", out_dir)
    ok = True
    for i, (ref, meta) in enumerate(zip(reference(x.astype(np.float64)),
                                        info["outputs"])):
        y = np.load(os.path.join(out_dir, "output_%d.npy" % i))
        y = y.astype(np.float64)
        if meta["dtype"] in ("int8", "uint8"):
            q = meta["quantization"]
            y = (y - q["zero_point"][0]) * q["scale"][0]
        y = y.reshape(ref.shape)
        noise = max(np.sum((ref - y) ** 2), 1e-300)
        sqnr = 10 * np.log10(np.sum(ref ** 2) / noise)
        # Float weights: float32 rounding only; float16 weights: about 2^-11
        # per weight; int8 activations through two convolutions: 25 dB and
        # more (L2 normalization's output has 7 fractional bits).
        bound = {"none": 90.0, "float16": 45.0,
                 "dynamic-range": 90.0}.get(mode, 25.0)
        good = sqnr >= bound
        print("%s output %d (%s): SQNR %.1f dB" % (mode, i, meta["dtype"],
                                                  sqnr))
        ok &= good
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def lsb(work, model, runner, qnt_run):
    info = json.loads(run("node", runner, model, "--info"))
    _, feed = quantized_input(work, info)
    out_dir = os.path.join(work, "lsb")
    os.makedirs(out_dir, exist_ok=True)
    np.save(os.path.join(out_dir, "in.npy"), feed)
    run("node", runner, model, "--input", os.path.join(out_dir, "in.npy"),
        "-o", os.path.join(out_dir, "rt"))
    run(qnt_run, model, "--data", os.path.join(out_dir, "in.npy"), "-o",
        os.path.join(out_dir, "qnt"))
    ok = True
    diffs = []
    for i, meta in enumerate(info["outputs"]):
        a = np.load(os.path.join(out_dir, "rt", "output_%d.npy" % i))
        b = np.load(os.path.join(out_dir, "qnt", "output_%d.npy" % i))
        ok &= a.dtype == np.int8
        diffs.append(np.abs(a.astype(np.int64) -
                            b.reshape(a.shape).astype(np.int64)))
    # The dilated convolution and the tiled branch: within 1.
    for i in (0, 3):
        print("output %d: max difference %d, %d of %d off by one" %
              (i, diffs[i].max(), int((diffs[i] == 1).sum()), diffs[i].size))
        ok &= diffs[i].max() <= 1
    # L2 normalization and GELU read output 0: where their input agrees
    # (whole rows for the normalization) they must agree exactly; an input
    # off by one may move them by more.
    moved = diffs[0] > 0
    for i, name, where in ((1, "l2_normalization", moved.any(-1, keepdims=True)),
                           (2, "gelu", moved)):
        outside = int(((diffs[i] > 0) & ~where).sum())
        print("output %d (%s): %d differences where its input agrees" %
              (i, name, outside))
        ok &= outside == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
        sys.exit(0)
    if sys.argv[1] == "lsb":
        sys.exit(lsb(*sys.argv[2:6]))
    sys.exit(check(*sys.argv[2:6]))
