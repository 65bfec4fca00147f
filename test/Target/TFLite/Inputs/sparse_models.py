#!/usr/bin/python3
"""Small TFLite models with sparse constants, and checks of what qnt makes
of them.

The sparse encoding is computed here with NumPy from TFLite's format
(schema.fbs, SparsityParameters): a tensor of rank n with k blocked
dimensions is traversed over n + k dimensions (the original ones, divided
by their block sizes, then the insides of the blocks), in traversal_order;
each traversed dimension is DENSE (all coordinates) or SPARSE_CSR (per
parent position, the coordinates whose sub-tensor holds a non-zero, given
by array_segments/array_indices); the values are stored in traversal order.
Models are written as JSON and compiled with flatc and qnt's schema.

  sparse_models.py build SCHEMA OUTDIR
      writes NAME.tflite, NAME.in0.npy (an input), NAME.cal.npy (8 samples)
      and NAME.dense.npy (the dense constant the sparse one encodes) for
      each model, direct.expected.npy (direct's output for its input,
      computed here), and the malformed models bad-*.tflite
  sparse_models.py check-dense MODEL.tflite DENSE.npy
      checks that MODEL (written by qnt) has no sparse tensor and no
      DENSIFY operator, and that its one constant of DENSE.npy's shape
      holds exactly DENSE.npy
  sparse_models.py close EXPECTED.npy ACTUAL.npy
      prints whether ACTUAL (any leading axis of 1 dropped) is within
      float32 rounding of EXPECTED
  sparse_models.py sqnr REFERENCE.npy ACTUAL.npy MIN_DB
      prints whether ACTUAL's SQNR against REFERENCE is at least MIN_DB
  sparse_models.py errors QNT_TRANSLATE OUTDIR
      imports every bad-*.tflite, prints "NAME: <first error line>", and
      fails unless each import fails cleanly (exit 1, no crash)
"""

import glob
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_reader as R  # noqa: E402

DENSIFY, DEQUANTIZE, CONV_2D, FULLY_CONNECTED = 124, 6, 3, 9
NAMES = {DENSIFY: "DENSIFY", DEQUANTIZE: "DEQUANTIZE", CONV_2D: "CONV_2D",
         FULLY_CONNECTED: "FULLY_CONNECTED"}
TYPES = {np.float32: "FLOAT32", np.float16: "FLOAT16", np.int8: "INT8"}


def expand(dense, block_map, block_sizes):
    """The dense tensor over its n + k expanded dimensions."""
    shape, split, inner_axes, outer_axes = dense.shape, [], {}, []
    for d, size in enumerate(shape):
        outer_axes.append(len(split))
        if d in block_map:
            b = block_sizes[block_map.index(d)]
            assert size % b == 0
            split += [size // b, b]
            inner_axes[d] = len(split) - 1
        else:
            split.append(size)
    order = outer_axes + [inner_axes[d] for d in block_map]
    return dense.reshape(split).transpose(order)


def encode(dense, traversal_order, formats, block_map=(), block_sizes=(),
           index_types=None):
    """Returns (sparsity JSON, stored values) for `dense`."""
    block_map = list(block_map)
    walk = expand(dense, block_map, list(block_sizes)).transpose(traversal_order)
    positions, metadata = [()], []
    for level, fmt in enumerate(formats):
        size = walk.shape[level]
        children = []
        if fmt == "DENSE":
            for p in positions:
                children += [p + (i,) for i in range(size)]
            metadata.append({"format": "DENSE", "dense_size": size})
        else:
            segments, indices = [0], []
            for p in positions:
                for i in range(size):
                    if np.any(walk[p + (i,)] != 0):
                        indices.append(i)
                        children.append(p + (i,))
                segments.append(len(indices))
            seg_type, idx_type = (index_types or {}).get(
                level, ("Int32Vector", "Int32Vector"))
            metadata.append({
                "format": "SPARSE_CSR",
                "array_segments_type": seg_type,
                "array_segments": {"values": segments},
                "array_indices_type": idx_type,
                "array_indices": {"values": indices},
            })
        positions = children
    values = np.array([walk[p] for p in positions], dtype=dense.dtype)
    sparsity = {"traversal_order": list(traversal_order),
                "dim_metadata": metadata}
    if block_map:
        sparsity["block_map"] = block_map
    return sparsity, values


class Model:
    """A one-subgraph model under construction."""

    def __init__(self):
        self.tensors, self.buffers, self.ops, self.codes = [], [{}], [], []

    def tensor(self, name, shape, dtype, data=None, sparsity=None):
        t = {"name": name, "shape": list(shape), "type": TYPES[dtype],
             "buffer": 0}
        if data is not None:
            t["buffer"] = len(self.buffers)
            self.buffers.append(
                {"data": list(np.ascontiguousarray(data, dtype=dtype).tobytes())})
        if sparsity is not None:
            t["sparsity"] = sparsity
        self.tensors.append(t)
        return len(self.tensors) - 1

    def op(self, code, inputs, outputs, options_type=None, options=None):
        if code not in self.codes:
            self.codes.append(code)
        op = {"opcode_index": self.codes.index(code), "inputs": inputs,
              "outputs": outputs}
        if options_type:
            op["builtin_options_type"] = options_type
            op["builtin_options"] = options
        self.ops.append(op)

    def json(self, inputs, outputs):
        return {
            "version": 3,
            "operator_codes": [{"deprecated_builtin_code": min(c, 127),
                                "builtin_code": NAMES[c], "version": 1}
                               for c in self.codes],
            "subgraphs": [{"tensors": self.tensors, "inputs": inputs,
                           "outputs": outputs, "operators": self.ops}],
            "buffers": self.buffers,
        }


def sparse_const(model, name, dense, **encoding):
    """A sparse constant read through DENSIFY; returns the dense tensor."""
    sparsity, values = encode(dense, **encoding)
    w = model.tensor(name, dense.shape, dense.dtype.type, values, sparsity)
    out = model.tensor(name + "_densified", dense.shape, dense.dtype.type)
    model.op(DENSIFY, [w], [out])
    return out


def random_sparse(rng, shape, density, dtype=np.float32):
    values = rng.uniform(-1, 1, size=shape).astype(dtype)
    return np.where(rng.uniform(size=shape) < density, values,
                    0).astype(dtype)


def build_models(rng):
    """name -> (model JSON, input array, dense constant)."""
    models = {}

    # A 2-D CSR matrix: rows dense, columns compressed.
    w = random_sparse(rng, (4, 6), 0.4)
    w[2] = 0  # an empty row: an empty segment
    m = Model()
    x = m.tensor("x", (2, 6), np.float32)
    wd = sparse_const(m, "w", w, traversal_order=[0, 1],
                      formats=["DENSE", "SPARSE_CSR"])
    b = m.tensor("b", (4,), np.float32, rng.uniform(-1, 1, 4))
    y = m.tensor("y", (2, 4), np.float32)
    m.op(FULLY_CONNECTED, [x, wd, b], [y], "FullyConnectedOptions", {})
    models["csr2d"] = (m.json([x], [y]), rng.uniform(-1, 1, (2, 6)), w)

    # The same kind of matrix read directly by FULLY_CONNECTED, without
    # DENSIFY (the TFLite runtime used by the tests does not run this).
    w = random_sparse(rng, (3, 5), 0.5)
    m = Model()
    x = m.tensor("x", (2, 5), np.float32)
    sparsity, values = encode(w, traversal_order=[1, 0],
                              formats=["DENSE", "SPARSE_CSR"])
    wt = m.tensor("w", w.shape, np.float32, values, sparsity)
    b = m.tensor("b", (3,), np.float32, rng.uniform(-1, 1, 3))
    y = m.tensor("y", (2, 3), np.float32)
    m.op(FULLY_CONNECTED, [x, wt, b], [y], "FullyConnectedOptions", {})
    models["direct"] = (m.json([x], [y]), rng.uniform(-1, 1, (2, 5)), w)

    # A conv weight (OHWI) whose second dimension is the one compressed,
    # with 16-bit segments and 8-bit indices, through DENSIFY.
    w = random_sparse(rng, (8, 3, 3, 4), 0.5)
    w[:, 1] = 0
    w[5] = 0
    m = Model()
    x = m.tensor("x", (1, 5, 5, 4), np.float32)
    wd = sparse_const(m, "w", w, traversal_order=[0, 1, 2, 3],
                      formats=["DENSE", "SPARSE_CSR", "DENSE", "DENSE"],
                      index_types={1: ("Uint16Vector", "Uint8Vector")})
    b = m.tensor("b", (8,), np.float32, rng.uniform(-1, 1, 8))
    y = m.tensor("y", (1, 3, 3, 8), np.float32)
    m.op(CONV_2D, [x, wd, b], [y], "Conv2DOptions",
         {"padding": "VALID", "stride_w": 1, "stride_h": 1})
    models["conv4d"] = (m.json([x], [y]), rng.uniform(-1, 1, (1, 5, 5, 4)), w)

    # Block-sparse: 2x2 blocks over both dimensions, traversed columns
    # first and blocks column-major, outer columns compressed.
    w = np.zeros((4, 6), np.float32)
    w[0:2, 2:4] = rng.uniform(-1, 1, (2, 2))
    w[2:4, 0:2] = rng.uniform(-1, 1, (2, 2))
    w[2:4, 4:6] = [[0.5, 0], [0, -0.25]]  # zeros inside a stored block
    m = Model()
    x = m.tensor("x", (3, 6), np.float32)
    wd = sparse_const(m, "w", w, traversal_order=[1, 0, 3, 2],
                      formats=["DENSE", "SPARSE_CSR", "DENSE", "DENSE"],
                      block_map=[0, 1], block_sizes=[2, 2],
                      index_types={1: ("Uint8Vector", "Uint16Vector")})
    b = m.tensor("b", (4,), np.float32, np.zeros(4))
    y = m.tensor("y", (3, 4), np.float32)
    m.op(FULLY_CONNECTED, [x, wd, b], [y], "FullyConnectedOptions", {})
    models["block"] = (m.json([x], [y]), rng.uniform(-1, 1, (3, 6)), w)

    # MediaPipe's pattern: a float16 1x1 conv weight, its last dimension
    # compressed, DENSIFY -> DEQUANTIZE -> CONV_2D.
    w = random_sparse(rng, (16, 1, 1, 8), 0.3, np.float16)
    m = Model()
    x = m.tensor("x", (1, 4, 4, 8), np.float32)
    wd = sparse_const(m, "w", w, traversal_order=[0, 1, 2, 3],
                      formats=["DENSE", "DENSE", "DENSE", "SPARSE_CSR"],
                      index_types={3: ("Uint8Vector", "Uint8Vector")})
    wf = m.tensor("w_float", w.shape, np.float32)
    m.op(DEQUANTIZE, [wd], [wf])
    b = m.tensor("b", (16,), np.float32, rng.uniform(-1, 1, 16))
    y = m.tensor("y", (1, 4, 4, 16), np.float32)
    m.op(CONV_2D, [x, wf, b], [y], "Conv2DOptions",
         {"padding": "SAME", "stride_w": 1, "stride_h": 1,
          "fused_activation_function": "RELU"})
    models["fp16"] = (m.json([x], [y]), rng.uniform(-1, 1, (1, 4, 4, 8)), w)
    return models


def bad_models(csr2d):
    """Malformed variants of csr2d's sparse weight (tensor 1, [4, 6], read
    by DENSIFY into tensor 2): name -> model JSON."""
    def variant(change):
        model = json.loads(json.dumps(csr2d))
        change(model["subgraphs"][0]["tensors"], model)
        return model

    def sparsity(tensors):
        return tensors[1]["sparsity"]

    def csr(tensors):
        return sparsity(tensors)["dim_metadata"][1]

    def setter(path_fn, key, value):
        return lambda t, m: path_fn(t).__setitem__(key, value)

    def blocked(t, m):
        # 1x4 blocks do not divide 6 columns.
        s = sparsity(t)
        s["block_map"] = [1]
        s["traversal_order"] = [0, 1, 2]
        s["dim_metadata"].append({"format": "DENSE", "dense_size": 4})

    def sparse_block(t, m):
        s = sparsity(t)
        s["block_map"] = [1]
        s["traversal_order"] = [0, 1, 2]
        s["dim_metadata"].append(json.loads(json.dumps(csr(t))))

    def block_map_range(t, m):
        s = sparsity(t)
        s["block_map"] = [2]
        s["traversal_order"] = [0, 1, 2]
        s["dim_metadata"].append({"format": "DENSE", "dense_size": 2})

    def extra_data(t, m):
        m["buffers"][t[1]["buffer"]]["data"] += [0, 0, 0, 0]

    def no_data(t, m):
        t[0]["sparsity"] = json.loads(json.dumps(sparsity(t)))

    def huge(t, m):
        t[1]["shape"] = [65536, 65536]

    def indices(t):
        return csr(t)["array_indices"]["values"]

    def segments(t):
        return csr(t)["array_segments"]["values"]

    def first_segment_nonzero(t, m):
        s = segments(t)
        s[0] = 1

    def decreasing(t, m):
        s = segments(t)
        s[1], s[2] = s[2], s[1]

    def past_end(t, m):
        segments(t)[-1] += 1

    def out_of_dim(t, m):
        indices(t)[-1] = 6

    def duplicate(t, m):
        # The second index of the first segment with two repeats the first.
        s, i = segments(t), indices(t)
        first = next(s[p] for p in range(len(s) - 1) if s[p + 1] - s[p] >= 2)
        i[first + 1] = i[first]

    def short_segments(t, m):
        segments(t).pop()

    def no_indices(t, m):
        del csr(t)["array_indices"]
        del csr(t)["array_indices_type"]

    def few_metadata(t, m):
        sparsity(t)["dim_metadata"].pop()

    def densify_type(t, m):
        # DENSIFY's output does not have the constant's shape.
        t[2]["shape"] = [4, 5]

    return {
        "order-length": variant(setter(sparsity, "traversal_order", [0])),
        "order-repeat": variant(setter(sparsity, "traversal_order", [0, 0])),
        "order-range": variant(setter(sparsity, "traversal_order", [0, 2])),
        "block-map-range": variant(block_map_range),
        "block-divide": variant(blocked),
        "block-sparse": variant(sparse_block),
        "dense-size": variant(lambda t, m: sparsity(t)["dim_metadata"][0]
                              .__setitem__("dense_size", 5)),
        "metadata-count": variant(few_metadata),
        "segments-length": variant(short_segments),
        "segments-start": variant(first_segment_nonzero),
        "segments-decrease": variant(decreasing),
        "segments-past-indices": variant(past_end),
        "index-outside": variant(out_of_dim),
        "index-repeat": variant(duplicate),
        "no-indices": variant(no_indices),
        "data-length": variant(extra_data),
        "no-data": variant(no_data),
        "too-large": variant(huge),
        "densify-type": variant(densify_type),
    }


def flatc(schema, out_dir, name, model):
    json_path = os.path.join(out_dir, name + ".json")
    with open(json_path, "w") as f:
        json.dump(model, f)
    subprocess.run(["flatc", "-b", "-o", out_dir, schema, json_path],
                   check=True)
    os.remove(json_path)


def build(schema, out_dir):
    rng = np.random.default_rng(7)
    models = build_models(rng)
    for name, (model, x, dense) in models.items():
        flatc(schema, out_dir, name, model)
        np.save(os.path.join(out_dir, name + ".in0.npy"), x.astype(np.float32))
        np.save(os.path.join(out_dir, name + ".dense.npy"), dense)
        cal = rng.uniform(-1, 1, (8,) + x.shape[1:]).astype(np.float32)
        np.save(os.path.join(out_dir, name + ".cal.npy"), cal)
    # FULLY_CONNECTED: y = x w^T + b, from the dense weight.
    model, x, w = models["direct"]
    bias = next(t for t in model["subgraphs"][0]["tensors"] if t["name"] == "b")
    b = np.frombuffer(bytes(model["buffers"][bias["buffer"]]["data"]),
                      np.float32)
    expected = (x.astype(np.float32) @ w.T + b).astype(np.float32)
    np.save(os.path.join(out_dir, "direct.expected.npy"), expected)
    for name, model in bad_models(models["csr2d"][0]).items():
        flatc(schema, out_dir, "bad-" + name, model)


def check_dense(path, dense_path):
    with open(path, "rb") as f:
        model = R.read_model(f.read())
    dense = np.load(dense_path)
    buffers = model.tables(R.MODEL["buffers"])
    codes = model.tables(R.MODEL["operator_codes"])
    failed = False
    for sg in model.tables(R.MODEL["subgraphs"]):
        for op in sg.tables(R.SUBGRAPH["operators"]):
            code = codes[op.scalar(R.OPERATOR["opcode_index"], "I")]
            if max(code.scalar(R.OPERATOR_CODE["builtin_code"], "i"),
                   code.scalar(R.OPERATOR_CODE["deprecated_builtin_code"],
                               "b")) == DENSIFY:
                print("FAIL: a DENSIFY operator is left")
                failed = True
        found = 0
        for t in sg.tables(R.SUBGRAPH["tensors"]):
            if t.table(R.TENSOR["sparsity"]) is not None:
                print("FAIL: tensor %s is sparse" % t.string(R.TENSOR["name"]))
                failed = True
            shape = tuple(t.vector(R.TENSOR["shape"], "i"))
            data = buffers[t.scalar(R.TENSOR["buffer"], "I")].bytes(
                R.BUFFER["data"]) or b""
            if shape != dense.shape or not data:
                continue
            found += 1
            if data != dense.tobytes():
                print("FAIL: the constant of shape %s is not the expected "
                      "dense %s" % (list(shape), dense.dtype))
                failed = True
            else:
                print("dense %s %s, %d of %d elements non-zero: equal" % (
                    dense.dtype, list(dense.shape), np.count_nonzero(dense),
                    dense.size))
        if found != 1:
            print("FAIL: %d constants of shape %s" % (found, list(dense.shape)))
            failed = True
    return 1 if failed else 0


def close(expected_path, actual_path):
    expected, actual = np.load(expected_path), np.load(actual_path)
    while actual.ndim > expected.ndim and actual.shape[0] == 1:
        actual = actual[0]
    ok = expected.shape == actual.shape and np.allclose(
        actual, expected, rtol=1e-5, atol=1e-5)
    print("%s shape=%s" % ("close" if ok else "FAIL: not close",
                           list(actual.shape)))
    return 0 if ok else 1


def sqnr(reference_path, actual_path, min_db):
    reference = np.load(reference_path).astype(np.float64)
    actual = np.load(actual_path).astype(np.float64)
    noise = np.sum((actual - reference) ** 2)
    db = 10 * np.log10(np.sum(reference ** 2) / noise) if noise else np.inf
    ok = reference.shape == actual.shape and db >= float(min_db)
    print("%s %s dB" % ("sqnr at least" if ok else "FAIL: sqnr below",
                        min_db))
    return 0 if ok else 1


def errors(translate, out_dir):
    failed = False
    for path in sorted(glob.glob(os.path.join(out_dir, "bad-*.tflite"))):
        name = os.path.basename(path)[len("bad-"):-len(".tflite")]
        run = subprocess.run([translate, "--import-tflite", path, "-o",
                              path + ".mlir"], capture_output=True, text=True)
        lines = run.stderr.splitlines()
        print("%s: %s" % (name, lines[0] if lines else "<no error>"))
        if run.returncode != 1 or os.path.exists(path + ".mlir"):
            print("FAIL: %s: exit %d" % (name, run.returncode))
            failed = True
    return 1 if failed else 0


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "build":
        return build(*args)
    if command == "check-dense":
        return check_dense(*args)
    if command == "close":
        return close(*args)
    if command == "sqnr":
        return sqnr(*args)
    if command == "errors":
        return errors(*args)
    sys.exit("unknown command " + command)


if __name__ == "__main__":
    sys.exit(main())
