#!/usr/bin/python3
"""Size, output quality and TFLite-runtime latency of each mode qnt emits.

The model (face_detection_short_range.tflite by default: float with float16
weights) is widened to a float32 model, the reference. Then each mode is
made with qnt and exported:

  float16        qnt-opt --qnt-quantize-float16-weights   (on the f32 model)
  dynamic-range  qnt-opt --qnt-quantize-dynamic-range     (on the f32 model)
  int8           qnt-calibrate, qnt-opt --quantize-int8
  int8-only      qnt-calibrate, qnt-opt --quantize-int8-only

calibrated on crops of china.jpg. Every model runs in the TFLite runtime on
held-out crops of flower.jpg (the int8-only model on those crops quantized
with its input parameters, its outputs dequantized with its output
parameters), and each output is compared with the float32 model's: SQNR in
dB. Latency per inference comes from tflite-latency.js: all models loaded in
one runtime process, --iterations inferences per model and round, modes
interleaved within each round so they see the same machine load, best
round's mean.

  utils/bench/modes.py [--model M.tflite] [--iterations 50] [--rounds 3]
"""

import argparse
import json
import os
import sys
import tempfile

import numpy as np

sys.dont_write_bytecode = True  # keep the source tree clean
import benchlib  # noqa: E402
from benchlib import run  # noqa: E402

MODES = ["float", "float16", "dynamic-range", "int8", "int8-only"]


def sqnr(ref, got):
    ref = ref.astype(np.float64)
    noise = np.sum((ref - got) ** 2)
    return 10 * np.log10(np.sum(ref ** 2) / max(noise, 1e-30))


def outputs(directory):
    files = sorted(f for f in os.listdir(directory) if f.startswith("output_"))
    return [np.load(os.path.join(directory, f)) for f in files]


def make_models(tool, model, path):
    """Writes MODE.tflite for every mode; returns {mode: path}."""
    run([tool("qnt-translate"), "--import-tflite", model, "-o",
         path("imported.mlir")])
    run([tool("qnt-opt"), path("imported.mlir"), "--qnt-fold-float16-weights",
         "-o", path("float.mlir")])
    run([tool("qnt-calibrate"), path("float.mlir"), "--data",
         path("calib.npy"), "-o", path("calibrated.mlir")])
    recipes = {
        "float": None,
        "float16": ("float.mlir", "--qnt-quantize-float16-weights"),
        "dynamic-range": ("float.mlir", "--qnt-quantize-dynamic-range"),
        "int8": ("calibrated.mlir", "--quantize-int8"),
        "int8-only": ("calibrated.mlir", "--quantize-int8-only"),
    }
    models = {}
    for mode in MODES:
        mlir = path(mode + ".mlir")
        if recipes[mode]:
            source, flag = recipes[mode]
            run([tool("qnt-opt"), path(source), flag, "-o", mlir])
        else:
            mlir = path("float.mlir")
        models[mode] = path(mode + ".tflite")
        run([tool("qnt-translate"), "--export-tflite", mlir, "-o",
             models[mode]])
    return models


def quantized_io(runner, model):
    """(input (scale, zero point, dtype), [output (scale, zero point)]) of a
    model with integer I/O, as the runtime's --info reports them."""
    info = json.loads(run(runner + [model, "--info"]))
    (inp,) = info["inputs"]
    q = inp["quantization"]
    outs = [(o["quantization"]["scale"][0], o["quantization"]["zero_point"][0])
            for o in info["outputs"]]
    return (q["scale"][0], q["zero_point"][0], inp["dtype"]), outs


def quantize(data, params):
    scale, zero_point, dtype = params
    info = np.iinfo(dtype)
    return np.clip(np.round(data / scale) + zero_point, info.min,
                   info.max).astype(dtype)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=benchlib.DEFAULT_MODEL)
    parser.add_argument("--tools", default=benchlib.DEFAULT_TOOLS)
    parser.add_argument("--tflite-runner", default=benchlib.DEFAULT_RUNNER)
    parser.add_argument("--calib-samples", type=int, default=32)
    parser.add_argument("--eval-samples", type=int, default=16)
    parser.add_argument("--iterations", type=int, default=50,
                        help="inferences per model and round (default 50)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ratios-only", action="store_true")
    args = parser.parse_args()
    tool = lambda name: os.path.join(args.tools, name)
    benchlib.check_files(args.model, tool("qnt-translate"), tool("qnt-opt"),
                         tool("qnt-calibrate"))
    runner = benchlib.runner_command(args.tflite_runner)

    with tempfile.TemporaryDirectory() as tmp:
        path = lambda name: os.path.join(tmp, name)
        np.save(path("calib.npy"),
                benchlib.crops("china.jpg", args.calib_samples, seed=1))
        evaluation = benchlib.crops("flower.jpg", args.eval_samples, seed=2)
        np.save(path("eval.npy"), evaluation)
        models = make_models(tool, args.model, path)
        io, out_params = quantized_io(runner, models["int8-only"])
        np.save(path("eval-int8.npy"), quantize(evaluation, io))

        # Quality: every mode on the held-out crops.
        results = {}
        for mode in MODES:
            data = path("eval-int8.npy" if mode == "int8-only" else "eval.npy")
            run(runner + [models[mode], "--input", data, "-o",
                          path("out-" + mode)])
            got = outputs(path("out-" + mode))
            if mode == "int8-only":
                got = [(g.astype(np.float64) - zp) * scale
                       for g, (scale, zp) in zip(got, out_params)]
            results[mode] = {"size": os.path.getsize(models[mode]),
                             "outputs": got}
        reference = results["float"]["outputs"]
        for mode in MODES:
            results[mode]["sqnr"] = [sqnr(r, g) for r, g in
                                     zip(reference, results[mode]["outputs"])]

        # Latency: every model loaded once in one runtime process, only
        # inference timed, modes interleaved round by round.
        data = benchlib.crops("flower.jpg", 8, seed=3)
        np.save(path("lat.npy"), data)
        np.save(path("lat-int8.npy"), quantize(data, io))
        cmd = ["node", os.path.join(benchlib.HERE, "tflite-latency.js"),
               "--iterations", str(args.iterations), "--rounds",
               str(args.rounds)]
        for mode in MODES:
            cmd += [models[mode],
                    path("lat-int8.npy" if mode == "int8-only" else "lat.npy")]
        measured = json.loads(run(cmd))
        latency = {mode: measured[models[mode]] / 1e3 for mode in MODES}

    base_size = results["float"]["size"]
    if not args.ratios_only:
        print("Modes of %s (float32 reference %d bytes); SQNR vs float on %d "
              "held-out flower.jpg crops; latency in the TFLite runtime "
              "(WebAssembly, XNNPACK, 1 thread), %d inferences, best of %d "
              "rounds" % (os.path.basename(args.model), base_size,
                          args.eval_samples, args.iterations, args.rounds))
        print("| mode | size (bytes) | size / float32 | SQNR regressors (dB) |"
              " SQNR classificators (dB) | latency (ms/inference) |"
              " latency / float |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for mode in MODES:
            r = results[mode]
            sq = ["exact" if np.isinf(s) or s > 200 else "%.1f" % s
                  for s in r["sqnr"]]
            print("| %s | %d | %.3f | %s | %s | %.2f | %.2f |"
                  % (mode, r["size"], r["size"] / base_size, sq[0], sq[1],
                     latency[mode] * 1e3, latency[mode] / latency["float"]))
        print()
    print("size / float32: " + ", ".join(
        "%s %.3f" % (m, results[m]["size"] / base_size) for m in MODES[1:]))
    print("latency / float: " + ", ".join(
        "%s %.2f" % (m, latency[m] / latency["float"]) for m in MODES[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
