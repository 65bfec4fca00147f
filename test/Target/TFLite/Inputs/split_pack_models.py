#!/usr/bin/python3
"""One-op and few-op SPLIT, SPLIT_V, UNPACK, PACK and EXPAND_DIMS models, the
outputs they must give, and malformed variants.

  split_pack_models.py SCHEMA OUTDIR

For each model NAME: OUTDIR/NAME.tflite, its inputs OUTDIR/NAME.in<i>.npy
(one sample each; pack.in.npz holds pack's three by name) and, for the
one-op models, OUTDIR/NAME.expected<k>.npy
computed with np.split, np.stack and np.expand_dims from the TFLite
definitions. `mixed` (FULLY_CONNECTED -> SPLIT -> PACK -> SPLIT_V ->
EXPAND_DIMS, and UNPACK) comes with calibration and evaluation data
(mixed.calib.npy, mixed.eval.npy). Every bad_*.tflite breaks one rule the
importer checks.
"""
import json
import os
import subprocess
import sys

import numpy as np

CODES = {"FULLY_CONNECTED": 9, "SPLIT": 49, "EXPAND_DIMS": 70, "PACK": 83,
         "UNPACK": 88, "SPLIT_V": 102}
OPTIONS = {"SPLIT": "SplitOptions", "SPLIT_V": "SplitVOptions",
           "PACK": "PackOptions", "UNPACK": "UnpackOptions",
           "EXPAND_DIMS": "ExpandDimsOptions",
           "FULLY_CONNECTED": "FullyConnectedOptions"}


class Model:
    """A single-subgraph model written as flatc JSON."""

    def __init__(self):
        self.tensors, self.buffers, self.operators = [], [{}], []
        self.codes, self.inputs, self.outputs = [], [], []

    def tensor(self, name, shape, dtype="FLOAT32", data=None):
        t = {"shape": list(shape), "type": dtype, "name": name,
             "buffer": len(self.buffers)}
        self.buffers.append({"data": list(data.tobytes())} if data is not None else {})
        self.tensors.append(t)
        return len(self.tensors) - 1

    def const(self, name, values, dtype=np.int32, shape=None):
        a = np.asarray(values, dtype=dtype)
        kind = {np.int32: "INT32", np.int64: "INT64", np.float32: "FLOAT32"}[dtype]
        return self.tensor(name, a.shape if shape is None else shape, kind, a)

    def op(self, code, inputs, outputs, options=None):
        if code not in self.codes:
            self.codes.append(code)
        entry = {"opcode_index": self.codes.index(code), "inputs": inputs,
                 "outputs": outputs}
        if options is not None:
            entry["builtin_options_type"] = OPTIONS[code]
            entry["builtin_options"] = options
        self.operators.append(entry)
        return entry

    def json(self):
        return {
            "version": 3,
            "operator_codes": [{"deprecated_builtin_code": CODES[c], "builtin_code": c,
                                "version": 1} for c in self.codes],
            "subgraphs": [{"tensors": self.tensors, "inputs": self.inputs,
                           "outputs": self.outputs, "operators": self.operators}],
            "buffers": self.buffers,
        }


def split_model(axis=-2, num=3, shape=(2, 6, 4), outputs=None):
    m = Model()
    x = m.tensor("x", shape)
    a = m.const("axis", axis)
    parts = outputs if outputs is not None else [
        list(p.shape) for p in np.split(np.zeros(shape), num, axis=axis)]
    outs = [m.tensor("s%d" % k, s) for k, s in enumerate(parts)]
    m.inputs, m.outputs = [x], outs
    m.op("SPLIT", [a, x], outs, {"num_splits": num})
    return m


def split_v_model(sizes=(2, -1, 1), axis=1, num=3, outputs=None):
    m = Model()
    x = m.tensor("x", (3, 7))
    s = m.const("size_splits", list(sizes))
    a = m.const("axis", axis)
    if outputs is None:
        known = [v for v in sizes if v != -1]
        resolved = [7 - sum(known) if v == -1 else v for v in sizes]
        outputs = [[3, v] for v in resolved]
    outs = [m.tensor("v%d" % k, o) for k, o in enumerate(outputs)]
    m.inputs, m.outputs = [x], outs
    m.op("SPLIT_V", [x, s, a], outs, {"num_splits": num})
    return m


def unpack_model(num=3, axis=1, outputs=3):
    m = Model()
    x = m.tensor("x", (2, 3, 4))
    outs = [m.tensor("u%d" % k, (2, 4)) for k in range(outputs)]
    m.inputs, m.outputs = [x], outs
    m.op("UNPACK", [x], outs, {"num": num, "axis": axis})
    return m


def pack_model(count=3, axis=2, shapes=((2, 3),) * 3, out=(2, 3, 3)):
    m = Model()
    ins = [m.tensor(n, s) for n, s in zip("abc", shapes)]
    y = m.tensor("packed", out)
    m.inputs, m.outputs = ins, [y]
    m.op("PACK", ins, [y], {"values_count": count, "axis": axis})
    return m


def expand_dims_model(axis=-1, dtype=np.int32, out=(2, 3, 1)):
    m = Model()
    x = m.tensor("x", (2, 3))
    a = m.const("axis", axis, dtype)
    y = m.tensor("expanded", out)
    m.inputs, m.outputs = [x], [y]
    m.op("EXPAND_DIMS", [x, a], [y], {})
    return m


def mixed_model():
    """x [1, 40] -> FC 32 -> SPLIT 4 x [1, 8] -> PACK axis 1 [1, 4, 8];
    SPLIT_V [3, -1] on axis 2 -> head [1, 4, 3], tail [1, 4, 5] ->
    EXPAND_DIMS 0 [1, 1, 4, 5]; UNPACK axis 1 -> 4 x [1, 8], the third an
    output."""
    rng = np.random.RandomState(7)
    w = rng.uniform(-0.3, 0.3, (32, 40)).astype(np.float32)
    b = rng.uniform(-0.5, 0.5, 32).astype(np.float32)
    m = Model()
    x = m.tensor("x", (1, 40))
    wt, bt = m.const("w", w, np.float32), m.const("b", b, np.float32)
    fc = m.tensor("fc", (1, 32))
    m.op("FULLY_CONNECTED", [x, wt, bt], [fc], {})
    parts = [m.tensor("part%d" % k, (1, 8)) for k in range(4)]
    m.op("SPLIT", [m.const("split_axis", 1), fc], parts, {"num_splits": 4})
    packed = m.tensor("packed", (1, 4, 8))
    m.op("PACK", parts, [packed], {"values_count": 4, "axis": 1})
    head, tail = m.tensor("head", (1, 4, 3)), m.tensor("tail", (1, 4, 5))
    m.op("SPLIT_V", [packed, m.const("sizes", [3, -1]), m.const("v_axis", -1)],
         [head, tail], {"num_splits": 2})
    tail4 = m.tensor("tail4", (1, 1, 4, 5))
    m.op("EXPAND_DIMS", [tail, m.const("e_axis", 0, np.int64)], [tail4], {})
    rows = [m.tensor("row%d" % k, (1, 8)) for k in range(4)]
    m.op("UNPACK", [packed], rows, {"num": 4, "axis": 1})
    m.inputs, m.outputs = [x], [head, tail4, rows[2]]
    return m, w, b


def main():
    schema, out = sys.argv[1], sys.argv[2]
    rng = np.random.RandomState(0)
    models = {}

    def save(name, array):
        np.save(os.path.join(out, name + ".npy"), array)

    def inputs(name, shapes):
        xs = [(rng.standard_normal(s) * 4).astype(np.float32) for s in shapes]
        for i, x in enumerate(xs):
            save("%s.in%d" % (name, i), x)
        return xs

    def expected(name, ys):
        for k, y in enumerate(ys):
            save("%s.expected%d" % (name, k), np.ascontiguousarray(y, np.float32))

    models["split"] = split_model()
    (x,) = inputs("split", [(2, 6, 4)])
    expected("split", np.split(x, 3, axis=-2))
    models["split_v"] = split_v_model()
    (x,) = inputs("split_v", [(3, 7)])
    expected("split_v", np.split(x, [2, 6], axis=1))
    models["unpack"] = unpack_model()
    (x,) = inputs("unpack", [(2, 3, 4)])
    expected("unpack", [x[:, k, :] for k in range(3)])
    models["pack"] = pack_model()
    xs = inputs("pack", [(2, 3)] * 3)
    # qnt-run reads several inputs from one .npz, by input name.
    np.savez(os.path.join(out, "pack.in.npz"), **dict(zip("abc", xs)))
    expected("pack", [np.stack(xs, axis=2)])
    models["expand_dims"] = expand_dims_model()
    (x,) = inputs("expand_dims", [(2, 3)])
    expected("expand_dims", [np.expand_dims(x, -1)])
    models["expand_dims64"] = expand_dims_model(axis=0, dtype=np.int64, out=(1, 2, 3))
    (x,) = inputs("expand_dims64", [(2, 3)])
    expected("expand_dims64", [np.expand_dims(x, 0)])

    models["mixed"], w, b = mixed_model()
    data = np.random.RandomState(1).uniform(-1, 1, (200, 1, 40)).astype(np.float32)
    save("mixed.calib", data[:150])
    save("mixed.eval", data[150:])
    # The float outputs from the op definitions, for every eval sample.
    fc = data[150:, 0] @ w.T + b
    packed = np.stack(np.split(fc, 4, axis=1), axis=1)
    head, tail = np.split(packed, [3], axis=2)
    save("mixed.float0", head[:, None].astype(np.float32))
    save("mixed.float1", np.expand_dims(tail, 1).astype(np.float32))
    save("mixed.float2", np.ascontiguousarray(packed[:, 2]).astype(np.float32))

    # Malformed variants: one broken rule each.
    bad = {}
    bad["split_axis_range"] = split_model(axis=3, outputs=[[2, 2, 4]] * 3)
    m = split_model()
    m.tensors[1]["type"] = "FLOAT32"
    m.buffers[m.tensors[1]["buffer"]]["data"] = list(np.float32([1]).tobytes())
    bad["split_axis_float"] = m
    m = split_model()
    m.buffers[m.tensors[1]["buffer"]]["data"] = list(np.int32([1, 1]).tobytes())
    m.tensors[1]["shape"] = [2]
    bad["split_axis_two"] = m
    m = split_model()
    m.inputs = [0, 1]
    m.buffers[m.tensors[1]["buffer"]] = {}
    bad["split_axis_input"] = m
    m = split_model()
    m.operators[0]["inputs"] = [-1, 0]
    bad["split_axis_omitted"] = m
    m = split_model()
    m.operators[0]["builtin_options"]["num_splits"] = 0
    bad["split_num_zero"] = m
    bad["split_not_divisible"] = split_model(num=4, outputs=[[2, 1, 4]] * 4)
    m = split_model()
    m.operators[0]["outputs"] = m.operators[0]["outputs"][:2]
    m.outputs = m.outputs[:2]
    bad["split_outputs"] = m
    bad["split_shape"] = split_model(outputs=[[2, 2, 4], [2, 3, 4], [2, 2, 4]])
    m = split_model()
    del m.operators[0]["builtin_options"], m.operators[0]["builtin_options_type"]
    bad["split_no_options"] = m
    m = split_model()
    m.operators[0]["inputs"] = [0]
    bad["split_inputs"] = m
    m = split_model()
    m.tensors[0]["shape_signature"] = [-1, 6, 4]
    bad["split_dynamic"] = m
    bad["split_v_sum"] = split_v_model(sizes=(2, 3, 1), outputs=[[3, 2], [3, 3], [3, 1]])
    bad["split_v_two_unknown"] = split_v_model(sizes=(2, -1, -1), outputs=[[3, 2], [3, 5], [3, 0]])
    bad["split_v_count"] = split_v_model(sizes=(2, -1), outputs=[[3, 2], [3, 5], [3, 0]])
    bad["split_v_too_big"] = split_v_model(sizes=(5, -1, 4), outputs=[[3, 5], [3, 1], [3, 4]])
    bad["split_v_negative"] = split_v_model(sizes=(2, -3, 1), outputs=[[3, 2], [3, 1], [3, 1]])
    m = split_v_model()
    m.tensors[1]["type"] = "FLOAT32"
    m.buffers[m.tensors[1]["buffer"]]["data"] = list(np.float32([2, -1, 1]).tobytes())
    bad["split_v_float"] = m
    bad["split_v_empty"] = split_v_model(sizes=(7, 0), num=2, outputs=[[3, 7], [3, 0]])
    bad["split_v_axis_range"] = split_v_model(axis=-3)
    bad["unpack_num"] = unpack_model(num=2, outputs=2)
    bad["unpack_axis_range"] = unpack_model(axis=3)
    bad["unpack_outputs"] = unpack_model(outputs=2)
    m = unpack_model()
    m.tensors[1]["shape"] = [2, 1, 4]
    bad["unpack_shape"] = m
    bad["pack_count"] = pack_model(count=2)
    bad["pack_unequal"] = pack_model(shapes=((2, 3), (3, 2), (2, 3)))
    bad["pack_axis_range"] = pack_model(axis=-4)
    bad["pack_shape"] = pack_model(out=(3, 2, 3))
    m = split_model()
    m.tensors[1]["quantization"] = {"scale": [1.0], "zero_point": [0]}
    bad["split_axis_quantized"] = m
    for name, build in [("split_v", split_v_model), ("unpack", unpack_model),
                        ("pack", pack_model)]:
        m = build()
        del m.operators[0]["builtin_options"], m.operators[0]["builtin_options_type"]
        bad[name + "_no_options"] = m
    m = split_v_model(sizes=(7, 0), num=2, outputs=[[3, 7], [3, 0]])
    m.operators[0]["outputs"][1] = 1000
    m.outputs = m.outputs[:1]
    bad["split_v_output_index"] = m
    m = pack_model()
    m.operators[0]["inputs"] = [0, 1, 1000]
    bad["pack_input_index"] = m
    m = unpack_model()
    m.tensors[0]["shape"] = []
    bad["unpack_scalar"] = m
    m = pack_model()
    m.operators[0]["outputs"] = [3, 0]
    bad["pack_outputs"] = m
    bad["expand_dims_axis_range"] = expand_dims_model(axis=3)
    m = expand_dims_model()
    m.operators[0]["inputs"] = [0]
    bad["expand_dims_inputs"] = m
    bad["expand_dims_shape"] = expand_dims_model(out=(2, 1, 3))

    paths = []
    for name, model in list(models.items()) + [("bad_" + k, v) for k, v in bad.items()]:
        path = os.path.join(out, name + ".json")
        with open(path, "w") as f:
            json.dump(model.json(), f)
        paths.append(path)
    subprocess.run(["flatc", "-b", "-o", out, schema] + paths, check=True)


if __name__ == "__main__":
    main()
