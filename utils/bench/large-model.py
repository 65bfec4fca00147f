#!/usr/bin/env python3
"""Peak memory of importing and exporting a model with a >100 MB constant.

A fully connected layer with a 6400x4096 float32 weight (104.9 MB of random
values) is written by qnt itself (from a splat, so that the script needs no
flatbuffers library), then its weight bytes are replaced in place with random
values. Each step runs under /usr/bin/time -v; the report gives the peak
resident memory, its ratio to the model size, and the same after removing
the tool's baseline (its peak on a tiny model: code and MLIR's libraries).
The limit applies to the binary paths (export, and import + export in one
process); the steps through MLIR text (hex-encoded weights) are reported
for information.

usage: large-model.py BUILD_DIR [WORK_DIR] [--limit RATIO]
Exits 1 when a step fails or a ratio exceeds the limit (default 3).
"""

import os
import re
import subprocess
import sys
import tempfile

import numpy as np

ROWS, COLS = 6400, 4096


def peak_rss(cmd):
    """Runs cmd under /usr/bin/time -v; returns (returncode, peak bytes)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + cmd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                      result.stderr)
    if result.returncode != 0 or not match:
        sys.stderr.write(result.stderr)
        sys.exit("large-model: failed: " + " ".join(cmd))
    return int(match.group(1)) * 1024


def model_text(rows, cols):
    return (
        'func.func @main(%%arg0: tensor<1x%dxf32> loc("input")) -> '
        'tensor<1x%dxf32> {\n'
        '  %%w = qnt.const dense<0.5> : tensor<%dx%dxf32> loc("weights")\n'
        '  %%0 = qnt.fully_connected %%arg0, %%w : (tensor<1x%dxf32>, '
        'tensor<%dx%dxf32>) -> tensor<1x%dxf32> loc("output")\n'
        '  return %%0 : tensor<1x%dxf32>\n}\n'
        % (cols, rows, rows, cols, cols, rows, cols, rows, rows))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    limit = 3.0
    if "--limit" in sys.argv:
        limit = float(sys.argv[sys.argv.index("--limit") + 1])
        args.remove(str(sys.argv[sys.argv.index("--limit") + 1]))
    bin_dir = os.path.join(args[0], "bin")
    work = args[1] if len(args) > 1 else tempfile.mkdtemp(prefix="qnt-large-")
    os.makedirs(work, exist_ok=True)
    translate = os.path.join(bin_dir, "qnt-translate")

    tiny_mlir = os.path.join(work, "tiny.mlir")
    with open(tiny_mlir, "w") as f:
        f.write(model_text(2, 2))
    tiny = os.path.join(work, "tiny.tflite")
    big_mlir = os.path.join(work, "big.mlir")
    with open(big_mlir, "w") as f:
        f.write(model_text(ROWS, COLS))
    big = os.path.join(work, "big.tflite")

    steps = []
    base_export = peak_rss([translate, "--export-tflite", tiny_mlir,
                            "-o", tiny])
    steps.append(("export, splat weight (.mlir -> .tflite)",
                  peak_rss([translate, "--export-tflite", big_mlir, "-o",
                            big]), base_export, True))

    # Random weights in place of the splat: same length, so no offset moves.
    data = bytearray(open(big, "rb").read())
    pattern = np.float32(0.5).tobytes() * 64
    start = data.find(pattern)
    size = ROWS * COLS * 4
    assert start >= 0 and data[start:start + size] == pattern * (size // 256)
    rng = np.random.default_rng(0)
    data[start:start + size] = rng.standard_normal(
        ROWS * COLS, dtype=np.float32).tobytes()
    with open(big, "wb") as f:
        f.write(data)
    model_size = len(data)

    base_import = peak_rss([translate, "--import-tflite", tiny, "-o",
                            os.path.join(work, "tiny-imported.mlir")])
    imported = os.path.join(work, "big-imported.mlir")
    steps.append(("import (.tflite -> .mlir text)",
                  peak_rss([translate, "--import-tflite", big, "-o",
                            imported]), base_import, False))
    base_reexport = peak_rss([translate, "--export-tflite",
                              os.path.join(work, "tiny-imported.mlir"),
                              "-o", os.path.join(work, "tiny2.tflite")])
    steps.append(("export, dense weight (.mlir text -> .tflite)",
                  peak_rss([translate, "--export-tflite", imported, "-o",
                            os.path.join(work, "big2.tflite")]),
                  base_reexport, False))
    roundtrip = os.path.join(bin_dir, "qnt-bench-tflite-roundtrip")
    base_roundtrip = peak_rss([roundtrip, tiny,
                               os.path.join(work, "tiny4.tflite")])
    steps.append(("import + export in memory (.tflite -> .tflite)",
                  peak_rss([roundtrip, big, os.path.join(work, "big4.tflite")]),
                  base_roundtrip, True))
    convert = os.path.join(bin_dir, "qnt-convert")
    if os.path.exists(convert):
        base_convert = peak_rss([convert, tiny, "--mode", "none", "-o",
                                 os.path.join(work, "tiny3.tflite")])
        steps.append(("qnt-convert --mode none (.tflite -> .tflite)",
                      peak_rss([convert, big, "--mode", "none", "-o",
                                os.path.join(work, "big3.tflite")]),
                      base_convert, False))

    mb = 1 << 20
    print("model: %.1f MB (weight %.1f MB)" % (model_size / mb, size / mb))
    print("%-46s %9s %7s %14s" % ("step", "peak MB", "xmodel",
                                  "xmodel-base"))
    worst = 0.0
    for name, peak, base, checked in steps:
        ratio = peak / model_size
        above = (peak - base) / model_size
        if checked:
            worst = max(worst, above)
        print("%-46s %9.1f %7.2f %14.2f%s" % (name, peak / mb, ratio, above,
                                              "" if checked else "  (info)"))
    print("baseline (tool on a 2x2 model): %.1f MB" % (base_import / mb))
    if worst > limit:
        sys.exit("large-model: peak above baseline is %.2fx the model size "
                 "(limit %.1fx)" % (worst, limit))


if __name__ == "__main__":
    main()
