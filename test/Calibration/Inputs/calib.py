#!/usr/bin/python3
"""Data and reference ranges for the calibration tests.

  calib.py methods DIR          data.npy for methods.mlir and reference.json
  calib.py check OUT.mlir DIR METHOD
                                compares the qnt.stats ops of OUT.mlir with
                                the reference of METHOD
  calib.py errors DIR           data sets the error tests feed
  calib.py pipeline DIR         two samples for pipeline.mlir
  calib.py npz DIR              two-input data for npz.mlir
  calib.py images DIR           three 4x4 PNGs and the expected input range
  calib.py crops DIR            128x128 crops of the sklearn photo china.jpg
  calib.py count-stats OUT.mlir  checks every activation of OUT.mlir has stats

The reference ranges follow the definitions in RangeEstimator.h, computed
with numpy: minmax and moving-average exactly, percentile with
np.percentile (within two histogram bins), entropy with the KL search over a
histogram built as Histogram.h defines it, and mse by the quantization error
measured on the data itself.
"""

import json
import math
import os
import re
import struct
import sys
import zlib

import numpy as np

NUM_BINS = 2048


def model_tensors(x):
    """The activations of methods.mlir, in program order."""
    scaled = (x * np.float32(2.0)).astype(np.float32)
    relu = np.maximum(scaled, np.float32(0.0))
    return {"input": x, "scaled": scaled, "relu": relu,
            "tanh": np.tanh(relu).astype(np.float32)}


def methods_data():
    rng = np.random.default_rng(1234)
    x = rng.normal(0.5, 1.0, size=(32, 1, 512)).astype(np.float32)
    # Outliers that minmax keeps and the clipping methods must not follow.
    x[7, 0, 100] = 40.0
    x[20, 0, 3] = -25.0
    return x


def side_width(magnitudes):
    """The smallest power-of-two bin width whose NUM_BINS bins cover all."""
    top = float(magnitudes.max()) if magnitudes.size else 0.0
    e = -64
    if top > 0:
        e = max(-64, math.floor(math.log2(top / NUM_BINS)) - 1)
        while top >= NUM_BINS * 2.0 ** e:
            e += 1
    return 2.0 ** e


def moving_average(samples):
    lo, hi = float(samples[0].min()), float(samples[0].max())
    for s in samples[1:]:
        lo += 0.01 * (float(s.min()) - lo)
        hi += 0.01 * (float(s.max()) - hi)
    return lo, hi


def entropy_threshold(v):
    """TensorRT's KL-divergence threshold over the histogram of |v|."""
    mags = np.abs(v.astype(np.float64))
    w = max(side_width(mags[v >= 0]), side_width(mags[v < 0]))
    hist = np.bincount(np.floor(mags / w).astype(np.int64),
                       minlength=NUM_BINS).astype(np.float64)
    used = int(np.nonzero(hist)[0].max()) + 1
    levels = 128
    if used <= levels:
        return used * w
    total = hist.sum()
    best, best_bins = math.inf, used
    for bins in range(levels, used + 1):
        p = hist[:bins].copy()
        p[-1] += hist[bins:].sum()
        inside = hist[:bins].sum()
        edges = (np.arange(levels + 1) * bins) // levels
        q = np.zeros(bins)
        for b, e in zip(edges[:-1], edges[1:]):
            seg = hist[b:e]
            nz = seg != 0
            if nz.any():
                q[b:e][nz] = seg.sum() / nz.sum()
        mask = p > 0
        if np.any(q[mask] == 0):
            continue
        pn = p[mask] / total
        kl = float(np.sum(pn * np.log(pn / (q[mask] / inside))))
        if kl < best:
            best, best_bins = kl, bins
    return best_bins * w, w


def quantization_mse(v, lo, hi):
    """Mean squared error of 8-bit asymmetric quantization over [lo, hi]
    with zero exactly representable."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo <= 0:
        return float(np.mean(v.astype(np.float64) ** 2))
    step = (hi - lo) / 255.0
    zp = round(-lo / step)
    q = np.clip(np.round(v / step) + zp, 0, 255)
    return float(np.mean(((q - zp) * step - v) ** 2))


def best_mse(v):
    vmin, vmax = float(v.min()), float(v.max())
    los = np.linspace(min(vmin, 0.0), 0.0, 33)
    his = np.linspace(0.0, max(vmax, 0.0), 33)
    best = (math.inf, 0.0, 0.0)
    for _ in range(2):
        for lo in los:
            for hi in his:
                err = quantization_mse(v, lo, hi)
                if err < best[0]:
                    best = (err, lo, hi)
        # Refine around the best candidate.
        dlo = (los[-1] - los[0]) / 32
        dhi = (his[-1] - his[0]) / 32
        los = np.linspace(max(vmin, best[1] - dlo), min(0.0, best[1] + dlo), 33)
        his = np.linspace(max(0.0, best[2] - dhi), min(vmax, best[2] + dhi), 33)
    return best


def cmd_methods(out):
    x = methods_data()
    np.save(os.path.join(out, "data.npy"), x)
    tensors = model_tensors(x)
    ref = {}
    for name, t in tensors.items():
        flat = t.reshape(-1).astype(np.float64)
        vmin, vmax = float(flat.min()), float(flat.max())
        entry = {"minmax": [vmin, vmax, 0.0],
                 "moving-average": list(moving_average(t)) + [1e-6]}
        wpos = side_width(np.abs(flat[flat >= 0]))
        wneg = side_width(np.abs(flat[flat < 0]))
        lo, hi = np.percentile(flat, [1.0, 99.0])
        entry["percentile=99"] = [float(lo), float(hi),
                                  2 * max(wpos, wneg) + 1e-6]
        t_ent, w = entropy_threshold(flat)
        entry["entropy"] = [max(vmin, -t_ent), min(vmax, t_ent), 2 * w]
        err, blo, bhi = best_mse(flat)
        entry["mse"] = {"best_error": err, "best": [blo, bhi],
                        "minmax_error": quantization_mse(flat, vmin, vmax)}
        ref[name] = entry
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)


def parse_stats(path):
    text = open(path).read()
    aliases = dict(re.findall(r'^(#loc\d*) = loc\("([^"]*)"', text, re.M))
    stats = {}
    for attrs, loc in re.findall(
            r'qnt\.stats %\S+ \{([^}]*)\}.*loc\((#loc\d*|"[^"]*")\)', text):
        name = aliases.get(loc, loc.strip('"'))
        fields = dict(re.findall(r'(\w+) = ("[^"]*"|[-+0-9.eE]+)', attrs))
        stats[name] = (float(fields["min"]), float(fields["max"]),
                       fields.get("method", "").strip('"'))
    return stats


def cmd_check(mlir, out, method):
    ref = json.load(open(os.path.join(out, "reference.json")))
    stats = parse_stats(mlir)
    x = methods_data()
    tensors = model_tensors(x)
    failures = []
    if sorted(stats) != sorted(ref):
        failures.append("tensors with stats %s, expected %s" %
                        (sorted(stats), sorted(ref)))
    for name in sorted(set(stats) & set(ref)):
        lo, hi, recorded = stats[name]
        if recorded != method:
            failures.append("%s: method %r" % (name, recorded))
        expected = ref[name][method]
        if method == "mse":
            flat = tensors[name].reshape(-1)
            err = quantization_mse(flat, lo, hi)
            print("%s: [%.6g, %.6g] error %.4g, best on a grid %.4g [%.6g, "
                  "%.6g], minmax %.4g" % (name, lo, hi, err,
                                          expected["best_error"],
                                          *expected["best"],
                                          expected["minmax_error"]))
            if not (lo >= float(flat.min()) - 1e-6 and
                    hi <= float(flat.max()) + 1e-6):
                failures.append("%s: range outside the data" % name)
            if err > 1.02 * expected["best_error"]:
                failures.append("%s: error %g above the best %g" %
                                (name, err, expected["best_error"]))
            continue
        elo, ehi, tol = expected
        print("%s: [%.8g, %.8g] expected [%.8g, %.8g] +- %g" %
              (name, lo, hi, elo, ehi, tol))
        for got, want in ((lo, elo), (hi, ehi)):
            # Ranges are stored as f32.
            if abs(got - want) > tol + 1e-6 * abs(want):
                failures.append("%s: %r, expected %r +- %g" %
                                (name, got, want, tol))
    for f in failures:
        print("FAIL " + f)
    sys.exit(1 if failures else 0)


def write_png(path, rgb):
    """An 8-bit RGB PNG, written with zlib."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(kind, data):
        body = kind + data
        return (struct.pack(">I", len(data)) + body +
                struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def cmd_images(out):
    rng = np.random.default_rng(7)
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    pixels = []
    for i in range(3):
        img = rng.integers(0, 256, size=(4, 4, 3), dtype=np.uint8)
        write_png(os.path.join(out, "images", "img%d.png" % i), img)
        pixels.append(img.astype(np.float64))
    with open(os.path.join(out, "images", "notes.txt"), "w") as f:
        f.write("not an image: skipped\n")
    px = np.stack(pixels)
    mean, std = np.array([10.0, 100.0, 200.0]), np.array([1.0, 2.0, 4.0])
    rgb = (px - mean) / std
    bgr = (px[..., ::-1] - mean) / std
    # FileCheck lines with the expected input ranges, printed as MLIR does
    # (%e with 6 digits is exact for these values: multiples of 1/4).
    with open(os.path.join(out, "expected.txt"), "w") as f:
        for prefix, v in (("RGB", rgb), ("BGR", bgr)):
            f.write("%s: qnt.stats %%arg0 {max = %.6e : f64, method = "
                    "\"minmax\", min = %.6e : f64}\n" % (prefix, v.max(),
                                                         v.min()))


def cmd_errors(out):
    good = np.zeros((3, 1, 4), np.float32)
    np.save(os.path.join(out, "good.npy"), good)
    np.save(os.path.join(out, "wrong-shape.npy"), np.zeros((3, 1, 5), np.float32))
    nan = good.copy()
    nan[2, 0, 1] = np.nan
    np.save(os.path.join(out, "nan.npy"), nan)
    np.save(os.path.join(out, "empty.npy"), np.zeros((0, 1, 4), np.float32))
    # Sample 1 makes 0 / 0 inside the model.
    zeros = np.ones((3, 1, 4), np.float32)
    zeros[1, 0, 2] = 0.0
    np.save(os.path.join(out, "zero.npy"), zeros)


def cmd_pipeline(out):
    """Two samples for pipeline.mlir, whose scales are derived from them."""
    np.save(os.path.join(out, "data.npy"),
            np.array([[[-1.0, 2.0, 3.0, 0.5]], [[-2.0, 1.0, 0.0, 4.0]]],
                     np.float32))


def cmd_npz(out):
    """Two inputs, named a and b, for npz.mlir; FileCheck lines with their
    ranges and that of a + b."""
    rng = np.random.default_rng(3)
    a = rng.uniform(-3, 2, size=(5, 1, 3)).astype(np.float32)
    b = rng.uniform(0, 8, size=(5, 3)).astype(np.float32)
    np.savez(os.path.join(out, "data.npz"), b=b, a=a)
    total = (a[:, 0, :] + b).astype(np.float32)
    with open(os.path.join(out, "expected.txt"), "w") as f:
        f.write("CHECK-LABEL: func.func @second\n")
        for value, v in (("%arg0", a), ("%arg1", b), ("%{{[0-9]+}}", total)):
            # MLIR prints an f64 that needs them with 17 significant digits
            # (these random values do).
            f.write("CHECK: qnt.stats %s {max = %.17g : f64, method = "
                    "\"minmax\", min = %.17g : f64}\n" %
                    (value, float(v.max()), float(v.min())))


def cmd_crops(out):
    from PIL import Image
    src = "/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg"
    img = Image.open(src).convert("RGB")
    os.makedirs(out, exist_ok=True)
    for i, (x, y) in enumerate([(0, 0), (200, 100), (400, 200), (150, 250)]):
        img.crop((x, y, x + 200, y + 200)).resize((128, 128)).save(
            os.path.join(out, "crop%d.png" % i))


def cmd_count_stats(mlir):
    """Every float activation of the calibrated model (a function argument or
    an op result that does not follow from constants alone) must be read
    through a qnt.stats, and nothing else may be."""
    text = open(mlir).read()
    body = text[text.index("func.func"):]
    header, body = body.split("\n", 1)
    args = re.findall(r"(%arg\d+): tensor<[^>]*xf32>", header)
    activations, constants, stats_of = set(args), set(), set()
    for line in body.split("\n"):
        m = re.match(r'\s*(%[\w:#]+) = "?(qnt\.\w+)"?(.*)', line)
        if not m:
            continue
        result, op, rest = m.groups()
        # Operands come before the attributes and the type.
        operands = re.findall(r"%[\w#]+", re.split(r" \{| : ", rest)[0])
        if op == "qnt.stats":
            stats_of.add(operands[0])
            continue
        if op == "qnt.const" or (operands and
                                 all(o in constants for o in operands)):
            constants.add(result)
        elif "xf32>" not in rest.split(" -> ")[-1]:
            continue
        elif ":" in result:
            # %N:K: results %N#0 .. %N#K-1.
            name, count = result.split(":")
            activations.update("%s#%d" % (name, i) for i in range(int(count)))
        else:
            activations.add(result)
    missing = sorted(activations - stats_of)
    extra = sorted(stats_of - activations)
    print("%d activations, %d stats, %d constants" %
          (len(activations), len(stats_of), len(constants)))
    if missing or extra:
        print("FAIL no stats for %s; stats on non-activations %s" %
              (missing[:20], extra[:20]))
        sys.exit(1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "methods":
        cmd_methods(sys.argv[2])
    elif cmd == "check":
        cmd_check(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "errors":
        cmd_errors(sys.argv[2])
    elif cmd == "images":
        cmd_images(sys.argv[2])
    elif cmd == "pipeline":
        cmd_pipeline(sys.argv[2])
    elif cmd == "npz":
        cmd_npz(sys.argv[2])
    elif cmd == "crops":
        cmd_crops(sys.argv[2])
    elif cmd == "count-stats":
        cmd_count_stats(sys.argv[2])
    else:
        sys.exit("unknown command " + cmd)
