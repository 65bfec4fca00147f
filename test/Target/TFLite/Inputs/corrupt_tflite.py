#!/usr/bin/python3
"""corrupt_tflite.py VALID.tflite OUTDIR: writes OUTDIR/<case>.tflite, one
damaged copy of VALID per case below, each with one thing wrong.

VALID is the model exported from corrupt-base.mlir: subgraph 0 has tensors
x, q (int8), w (constant, buffer 1), sum, product, r and operators ADD(x, w),
MUL(sum, x), RELU(q); subgraph 1 has a signature def. Fields are found with
the layout reader, then patched in place (or the file is cut).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_reader as R  # noqa: E402


def main():
    source, outdir = sys.argv[1], sys.argv[2]
    with open(source, "rb") as f:
        valid = f.read()
    model = R.read_model(valid)
    sub = model.tables(R.MODEL["subgraphs"])[0]
    tensors = sub.tables(R.SUBGRAPH["tensors"])
    operators = sub.tables(R.SUBGRAPH["operators"])
    buffers = model.tables(R.MODEL["buffers"])
    names = [t.string(R.TENSOR["name"]) for t in tensors]
    w, q = tensors[names.index("w")], tensors[names.index("q")]
    cases = {}

    def patch(name, pos, fmt, value):
        assert pos is not None, name
        data = bytearray(valid)
        struct.pack_into("<" + fmt, data, pos, value)
        cases[name] = bytes(data)

    def element(table, field, index):
        start, length = table.vector_pos(field)
        assert index < length
        return start + 4 * index

    # The file as a whole.
    cases["truncated-header"] = valid[:6]
    cases["truncated-half"] = valid[:len(valid) // 2]
    patch("bad-root-offset", 0, "I", len(valid) + 64)
    cases["wrong-identifier"] = valid[:4] + b"TFL2" + valid[8:]
    patch("schema-version", model.field_pos(R.MODEL["version"]), "I", 7)

    # Indices between tables.
    patch("opcode-index", operators[1].field_pos(R.OPERATOR["opcode_index"]), "I", 99)
    patch("operator-input-index", element(operators[0], R.OPERATOR["inputs"], 1), "i", 77)
    patch("operator-input-negative", element(operators[0], R.OPERATOR["inputs"], 0), "i", -5)
    patch("operator-output-index", element(operators[1], R.OPERATOR["outputs"], 0), "i", 60)
    patch("subgraph-input-index", element(sub, R.SUBGRAPH["inputs"], 0), "i", 50)
    patch("subgraph-output-index", element(sub, R.SUBGRAPH["outputs"], 1), "i", 41)
    patch("tensor-buffer-index", w.field_pos(R.TENSOR["buffer"]), "I", 999)
    signature = model.tables(R.MODEL["signature_defs"])[0]
    patch("signature-subgraph-index",
          signature.field_pos(R.SIGNATURE_DEF["subgraph_index"]), "I", 9)
    metadata = model.tables(R.MODEL["metadata"])[1]
    patch("metadata-buffer-index", metadata.field_pos(R.METADATA["buffer"]), "I", 500)

    # Offsets and sizes pointing outside the file.
    w_buffer = buffers[w.scalar(R.TENSOR["buffer"], "I")]
    data_field = w_buffer.field_pos(R.BUFFER["data"])
    patch("buffer-offset-past-end", data_field, "I", len(valid) + 1000 - data_field)
    data_start, data_length = w_buffer.vector_pos(R.BUFFER["data"])
    patch("buffer-size-past-end", data_start - 4, "I", 0x7FFFFF00)
    operators_field = sub.field_pos(R.SUBGRAPH["operators"])
    patch("table-offset-past-end", operators_field, "I", len(valid) * 4)

    # Values the verifier cannot judge.
    patch("buffer-size-mismatch", data_start - 4, "I", data_length - 4)
    patch("tensor-type", q.field_pos(R.TENSOR["type"]), "b", 100)
    patch("negative-dimension", element(w, R.TENSOR["shape"], 0), "i", -3)
    quantization = q.table(R.TENSOR["quantization"])
    zero_point = quantization.vector_pos(R.QUANTIZATION["zero_point"])[0]
    patch("zero-point-range", zero_point, "q", 1000)
    scale = quantization.vector_pos(R.QUANTIZATION["scale"])[0]
    patch("scale-negative", scale, "f", -0.5)
    code = model.tables(R.MODEL["operator_codes"])[1]
    # Both codes negative: the real code is the larger of the two.
    patch("builtin-code-negative",
          code.field_pos(R.OPERATOR_CODE["deprecated_builtin_code"]), "b", -4)
    data = bytearray(cases["builtin-code-negative"])
    struct.pack_into("<i", data, code.field_pos(R.OPERATOR_CODE["builtin_code"]), -4)
    cases["builtin-code-negative"] = bytes(data)
    # ADD's options table tagged as MulOptions (21), which has the same
    # layout, so only the importer can tell.
    patch("options-type-mismatch",
          operators[0].field_pos(R.OPERATOR["builtin_options_type"]), "B", 21)

    os.makedirs(outdir, exist_ok=True)
    for name, data in sorted(cases.items()):
        with open(os.path.join(outdir, name + ".tflite"), "wb") as f:
            f.write(data)
    print("\n".join(sorted(cases)))


if __name__ == "__main__":
    main()
