"""qnt's hybrid kernels (float activations, int8 weights) against TFLite's.

Small float models with one conv_2d, depthwise_conv_2d, fully_connected or
batch_matmul go through --quantize-dynamic-range (weights per channel and
per tensor, inputs quantized symmetrically and asymmetrically), are
exported, and run on the same random inputs in the TFLite runtime and in
qnt-run. Prints the largest difference relative to the output range of
each and fails above the bound.

Then face_detection_short_range's dynamic-range model: each hybrid op run
alone in qnt-run on the runtime's own values of its input must match the
runtime's result (1e-5 of its range); the whole model's outputs are
compared too. There the two drift apart: a hybrid kernel quantizes its
input on the fly, so float differences of 1e-7 (XNNPACK's float kernels
against qnt's) flip roundings, which later hybrid layers carry on; the
difference is printed, and bounded by the quantization error itself.

usage: hybrid_kernels.py TOOLS_DIR RUNNER_JS WORK_DIR [FACE_DETECTION.tflite]
"""
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from face_detection_int8 import crops  # noqa: E402
from per_op_agreement import LINE, parse_op  # noqa: E402


def run(*args):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)), r.stdout, r.stderr))
    return r


def dense(a):
    a = np.asarray(a, np.float32)
    body = np.array2string(a, separator=", ", threshold=10 ** 9,
                           formatter={"float_kind": lambda v: "%.8e" % v}).replace("\n", "")
    return "dense<%s> : tensor<%sxf32>" % (body, "x".join(map(str, a.shape)))


def t(shape):
    return "tensor<%sxf32>" % "x".join(map(str, shape))


def models(rng):
    """name -> (mlir, input shape)"""
    out = {}
    # conv 3x3, SAME padding, stride 1, relu: 4 -> 6 channels.
    w = rng.normal(0, 0.3, (6, 3, 3, 4))
    w[1] *= 4  # channel scales differ: TFLite's per-channel kernel
    b = rng.normal(0, 0.5, 6)
    x = (1, 6, 6, 4)
    out["conv"] = ("""func.func @main(%%x: %s) -> %s {
  %%w = qnt.const %s
  %%b = qnt.const %s
  %%0 = qnt.conv_2d %%x, %%w, %%b {fused_activation = #qnt.act<relu>} : (%s, %s, %s) -> %s
  return %%0 : %s
}
""" % (t(x), t((1, 6, 6, 6)), dense(w), dense(b), t(x), t(w.shape), t(b.shape), t((1, 6, 6, 6)), t((1, 6, 6, 6))), x)
    # conv, stride 2, VALID (the runtime's hybrid conv needs a bias).
    w2 = rng.normal(0, 0.3, (5, 2, 2, 4))
    b2 = np.zeros(5)
    out["conv_s2"] = ("""func.func @main(%%x: %s) -> %s {
  %%w = qnt.const %s
  %%b = qnt.const %s
  %%0 = qnt.conv_2d %%x, %%w, %%b {padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (%s, %s, %s) -> %s
  return %%0 : %s
}
""" % (t(x), t((1, 3, 3, 5)), dense(w2), dense(b2), t(x), t(w2.shape), t(b2.shape), t((1, 3, 3, 5)), t((1, 3, 3, 5))), x)
    # depthwise 3x3 SAME over 8 channels.
    wd = rng.normal(0, 0.5, (1, 3, 3, 8))
    wd[..., 2] *= 3
    bd = rng.normal(0, 0.5, 8)
    xd = (1, 5, 5, 8)
    out["depthwise"] = ("""func.func @main(%%x: %s) -> %s {
  %%w = qnt.const %s
  %%b = qnt.const %s
  %%0 = qnt.depthwise_conv_2d %%x, %%w, %%b : (%s, %s, %s) -> %s
  return %%0 : %s
}
""" % (t(xd), t(xd), dense(wd), dense(bd), t(xd), t(wd.shape), t(bd.shape), t(xd), t(xd)), xd)
    # fully connected, 3 rows of 40 -> 7.
    wf = rng.normal(0, 0.2, (7, 40))
    wf[3] *= 5
    bf = rng.normal(0, 0.5, 7)
    xf = (3, 40)
    out["fc"] = ("""func.func @main(%%x: %s) -> %s {
  %%w = qnt.const %s
  %%b = qnt.const %s
  %%0 = qnt.fully_connected %%x, %%w, %%b : (%s, %s, %s) -> %s
  return %%0 : %s
}
""" % (t(xf), t((3, 7)), dense(wf), dense(bf), t(xf), t(wf.shape), t(bf.shape), t((3, 7)), t((3, 7))), xf)
    # batch matmul [1, 4, 30] x [30, 6].
    wm = rng.normal(0, 0.2, (30, 6))
    xm = (1, 4, 30)
    out["batch_matmul"] = ("""func.func @main(%%x: %s) -> %s {
  %%w = qnt.const %s
  %%0 = qnt.batch_matmul %%x, %%w : (%s, %s) -> %s
  return %%0 : %s
}
""" % (t(xm), t((1, 4, 6)), dense(wm), t(xm), t(wm.shape), t((1, 4, 6)), t((1, 4, 6))), xm)
    return out


def main():
    tools, runner, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    rng = np.random.default_rng(5)
    ok = True
    # (label, tag, pass options). asymmetric-inputs applies to fully
    # connected and batch matmul; TFLite's conv quantizes its input
    # asymmetrically exactly when the weights are per channel.
    variants = [("per-channel, asym", "pca", "per-channel=true per-channel-fc=true asymmetric-inputs=true"),
                ("per-tensor, asym", "pta", "per-channel=false per-channel-fc=false asymmetric-inputs=true"),
                ("per-tensor, sym", "pts", "per-channel=false per-channel-fc=false asymmetric-inputs=false")]
    for name, (text, shape) in models(rng).items():
        src = os.path.join(work, name + ".mlir")
        open(src, "w").write(text)
        # Inputs off-centre, so that asymmetric quantization differs.
        x = (rng.normal(0.7, 1.0, shape)).astype(np.float32)
        xp = os.path.join(work, name + "_x.npy")
        np.save(xp, x)
        for label, suffix, options in variants:
            tag = name + "_" + suffix
            mlir, tflite = os.path.join(work, tag + ".mlir"), os.path.join(work, tag + ".tflite")
            run(os.path.join(tools, "qnt-opt"), src,
                "--quantize-dynamic-range=min-elements=1 " + options, "-o", mlir)
            if "qnt.const dense<" not in open(mlir).read() or "i8" not in open(mlir).read():
                sys.exit("%s: weights were not quantized" % tag)
            run(os.path.join(tools, "qnt-translate"), "--export-tflite", mlir, "-o", tflite)
            tfl = os.path.join(work, tag + "_tfl")
            r = subprocess.run(["node", runner, tflite, "--input", xp, "-o", tfl],
                               capture_output=True, text=True)
            if r.returncode != 0:
                # This runtime has no per-channel hybrid fully connected
                # (FULLY_CONNECTED version 12); anything else refused fails.
                refused = "'FULLY_CONNECTED' version '12'" in r.stderr
                print("%-13s %-18s refused by the TFLite runtime%s" % (
                    name, label, " (FULLY_CONNECTED version 12)" if refused else ": " + r.stderr))
                ok &= refused and tag == "fc_pca"
                continue
            qnt = os.path.join(work, tag + "_qnt")
            run(os.path.join(tools, "qnt-run"), tflite, "--data", xp, "-o", qnt)
            a = np.load(os.path.join(tfl, "output_0.npy"))
            b = np.load(os.path.join(qnt, sorted(os.listdir(qnt))[0]))
            fl = os.path.join(work, name + "_float")
            run(os.path.join(tools, "qnt-run"), src, "--data", xp, "-o", fl)
            f = np.load(os.path.join(fl, sorted(os.listdir(fl))[0]))
            scale = float(np.max(np.abs(a))) or 1.0
            diff = float(np.max(np.abs(a - b.reshape(a.shape))))
            qerr = float(np.max(np.abs(a - f.reshape(a.shape))))
            print("%-13s %-18s max |qnt - tflite| = %.3g (%.2g of range; quantization error %.3g)" % (
                name, label, diff, diff / scale, qerr))
            # Same int8 values and integer sums: only float rounding differs.
            ok &= diff <= 1e-5 * scale
    if len(sys.argv) > 4:
        ok &= face_detection(tools, sys.argv[4], runner, work)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def face_detection(tools, model, runner, work):
    tool = lambda name: os.path.join(tools, name)
    path = lambda name: os.path.join(work, name)
    np.save(path("eval.npy"), crops("flower.jpg", 4, seed=2))
    np.save(path("eval0.npy"), np.load(path("eval.npy"))[:1])
    run(tool("qnt-convert"), model, "--mode", "dynamic-range", "--eval-split", "0", "--quiet",
        "-o", path("dr.tflite"))
    run(tool("qnt-convert"), model, "--mode", "none", "--eval-split", "0", "--quiet",
        "-o", path("f32.tflite"))
    # Printed without locations for the line-by-line parse below.
    run(tool("qnt-translate"), "--import-tflite", path("dr.tflite"), "--mlir-print-debuginfo=false",
        "-o", path("dr.mlir"))
    ok = True

    # Every op result of the model as an output, run once in the runtime.
    lines = open(path("dr.mlir")).read().split("\n")
    consts, ops = {}, []
    for line in lines:
        m = LINE.match(line)
        if m:
            (consts.__setitem__(m.group(1), line) if m.group(2) == "qnt.const"
             else ops.append(m.groups()))
    extra = [(name, parse_op(rest)[3]) for name, _, rest in ops]
    exposed = []
    for line in lines:
        m = re.match(r"(\s*)return (.*) : (.*)$", line)
        if m:
            line = "%sreturn %s, %s : %s, %s" % (m.group(1), m.group(2), ", ".join(n for n, _ in extra),
                                                 m.group(3), ", ".join(t for _, t in extra))
        m = re.match(r"(\s*func\.func @main\(.*\)) -> \((.*)\)( attributes .*)? \{$", line)
        if m:
            line = "%s -> (%s, %s)%s {" % (m.group(1), m.group(2), ", ".join(t for _, t in extra),
                                           m.group(3) or "")
        exposed.append(line)
    outputs = len(re.findall(r"return (.*) :", "\n".join(lines))[0].split(","))
    open(path("exposed.mlir"), "w").write("\n".join(exposed))
    run(tool("qnt-translate"), "--export-tflite", path("exposed.mlir"), "-o", path("exposed.tflite"))
    run("node", runner, path("exposed.tflite"), "--input", path("eval0.npy"), "-o", path("rt"))
    value = {"%arg0": np.load(path("eval0.npy"))}
    for i, (name, _) in enumerate(extra):
        value[name] = np.load(path("rt/output_%d.npy" % (outputs + i)))
    worst, hybrids = 0.0, 0
    for k, (name, opname, rest) in enumerate(ops):
        operands, head, types, result = parse_op(rest)
        if not any(v in consts and "i8" in types[j] for j, v in enumerate(operands)):
            continue
        args, body, data = [], [], {}
        for j, (v, t) in enumerate(zip(operands, types)):
            if v in consts:
                body.append(consts[v])
            else:
                args.append('%s: %s loc("in%d")' % (v, t, j))
                data["in%d" % j] = value[v]
        one = path("op%d" % k)
        open(one + ".mlir", "w").write(
            "func.func @main(%s) -> %s {\n%s\n  %s = %s %s : (%s) -> %s\n  return %s : %s\n}\n" % (
                ", ".join(args), result, "\n".join(body), name, opname, head, ", ".join(types),
                result, name, result))
        np.savez(one + ".npz", **data)
        run(tool("qnt-run"), one + ".mlir", "--data", one + ".npz", "-o", one)
        mine = np.load(os.path.join(one, "output_0.npy"))
        theirs = value[name].reshape(mine.shape)
        rel = float(np.max(np.abs(mine - theirs))) / max(float(np.max(np.abs(theirs))), 1e-30)
        worst = max(worst, rel)
        hybrids += 1
    print("face_detection dynamic-range: %d hybrid ops alone, max |qnt - tflite| = %.2g of range"
          % (hybrids, worst))
    ok &= hybrids >= 16 and worst <= 1e-5

    # The whole model on 4 images.
    run("node", runner, path("dr.tflite"), "--input", path("eval.npy"), "-o", path("rt_dr"))
    run("node", runner, path("f32.tflite"), "--input", path("eval.npy"), "-o", path("rt_f32"))
    run(tool("qnt-run"), path("dr.tflite"), "--data", path("eval.npy"), "-o", path("qnt_dr"))
    for i in range(2):
        theirs = np.load(path("rt_dr/output_%d.npy" % i))
        mine = np.load(path("qnt_dr/output_%d.npy" % i)).reshape(theirs.shape)
        ref = np.load(path("rt_f32/output_%d.npy" % i))
        diff = float(np.max(np.abs(mine - theirs)))
        qerr = max(float(np.max(np.abs(theirs - ref))), float(np.max(np.abs(mine - ref))))
        print("face_detection dynamic-range output %d: max |qnt-run - tflite| = %.3g, "
              "max error against float %.3g (range %.3g)" % (i, diff, qerr, float(np.max(np.abs(ref)))))
        ok &= diff <= qerr
    return ok


if __name__ == "__main__":
    sys.exit(main())
