#!/usr/bin/python3
"""Prints the parts of a TFLite file that tests check, one fact a line.

  dump_tflite.py MODEL            operator codes, buffers, metadata,
                                  signatures, tensors and operators
  dump_tflite.py --ops MODEL      per operator of each subgraph: its code,
                                  custom options, and each input's type,
                                  shape and data digest (tensor and buffer
                                  numbering left out, so that two writers
                                  of one graph compare equal)
"""

import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_reader as R  # noqa: E402


def tensor_data(model, tensor):
    buffers = model.tables(R.MODEL["buffers"])
    index = tensor.scalar(R.TENSOR["buffer"], "I")
    data = buffers[index].bytes(R.BUFFER["data"]) if index < len(buffers) else None
    return data or b""


def full(model):
    for i, code in enumerate(model.tables(R.MODEL["operator_codes"])):
        print("opcode %d: builtin_code=%d deprecated_builtin_code=%d version=%d custom_code=%r" % (
            i, code.scalar(R.OPERATOR_CODE["builtin_code"], "i"),
            code.scalar(R.OPERATOR_CODE["deprecated_builtin_code"], "b"),
            code.scalar(R.OPERATOR_CODE["version"], "i", 1),
            code.string(R.OPERATOR_CODE["custom_code"])))
    for i, buffer in enumerate(model.tables(R.MODEL["buffers"])):
        data = buffer.bytes(R.BUFFER["data"])
        print("buffer %d: %d bytes" % (i, len(data or b"")))
    buffers = model.tables(R.MODEL["buffers"])
    for entry in model.tables(R.MODEL["metadata"]):
        data = buffers[entry.scalar(R.METADATA["buffer"], "I")].bytes(R.BUFFER["data"])
        print("metadata %r: %r" % (entry.string(R.METADATA["name"]), data))
    for sig in model.tables(R.MODEL["signature_defs"]):
        maps = lambda f: [(m.string(R.TENSOR_MAP["name"]),
                           m.scalar(R.TENSOR_MAP["tensor_index"], "I"))
                          for m in sig.tables(f)]
        print("signature %r: subgraph=%d inputs=%r outputs=%r" % (
            sig.string(R.SIGNATURE_DEF["signature_key"]),
            sig.scalar(R.SIGNATURE_DEF["subgraph_index"], "I"),
            maps(R.SIGNATURE_DEF["inputs"]), maps(R.SIGNATURE_DEF["outputs"])))
    for s, sub in enumerate(model.tables(R.MODEL["subgraphs"])):
        print("subgraph %d %r: inputs=%r outputs=%r" % (
            s, sub.string(R.SUBGRAPH["name"]), sub.vector(R.SUBGRAPH["inputs"], "i"),
            sub.vector(R.SUBGRAPH["outputs"], "i")))
        for t, tensor in enumerate(sub.tables(R.SUBGRAPH["tensors"])):
            line = "  tensor %d %r: type=%d shape=%r buffer=%d" % (
                t, tensor.string(R.TENSOR["name"]), tensor.scalar(R.TENSOR["type"], "b"),
                tensor.vector(R.TENSOR["shape"], "i"), tensor.scalar(R.TENSOR["buffer"], "I"))
            q = tensor.table(R.TENSOR["quantization"])
            if q is not None:
                line += " scale=%r zero_point=%r quantized_dimension=%d min=%r max=%r" % (
                    q.vector(R.QUANTIZATION["scale"], "f"),
                    q.vector(R.QUANTIZATION["zero_point"], "q"),
                    q.scalar(R.QUANTIZATION["quantized_dimension"], "i"),
                    q.vector(R.QUANTIZATION["min"], "f"), q.vector(R.QUANTIZATION["max"], "f"))
            print(line)
        for o, op in enumerate(sub.tables(R.SUBGRAPH["operators"])):
            custom = op.bytes(R.OPERATOR["custom_options"])
            print("  operator %d: opcode=%d inputs=%r outputs=%r options_type=%d custom_options=%s" % (
                o, op.scalar(R.OPERATOR["opcode_index"], "I"), op.vector(R.OPERATOR["inputs"], "i"),
                op.vector(R.OPERATOR["outputs"], "i"), op.scalar(R.OPERATOR["builtin_options_type"], "B"),
                "none" if custom is None else custom.hex()))


def ops(model):
    codes = model.tables(R.MODEL["operator_codes"])
    for s, sub in enumerate(model.tables(R.MODEL["subgraphs"])):
        tensors = sub.tables(R.SUBGRAPH["tensors"])
        print("subgraph %d: %d operators" % (s, len(sub.tables(R.SUBGRAPH["operators"]))))
        for o, op in enumerate(sub.tables(R.SUBGRAPH["operators"])):
            code = codes[op.scalar(R.OPERATOR["opcode_index"], "I")]
            builtin = max(code.scalar(R.OPERATOR_CODE["builtin_code"], "i"),
                          code.scalar(R.OPERATOR_CODE["deprecated_builtin_code"], "b"))
            custom = op.bytes(R.OPERATOR["custom_options"])
            print("operator %d: builtin=%d custom_code=%r custom_options=%s" % (
                o, builtin, code.string(R.OPERATOR_CODE["custom_code"]),
                "none" if custom is None else custom.hex()))
            for i in op.vector(R.OPERATOR["inputs"], "i"):
                if i < 0:
                    print("  input omitted")
                    continue
                t = tensors[i]
                data = tensor_data(model, t)
                print("  input type=%d shape=%r data=%s" % (
                    t.scalar(R.TENSOR["type"], "b"), t.vector(R.TENSOR["shape"], "i"),
                    hashlib.sha256(data).hexdigest()[:16] if data else "none"))


def main():
    args = sys.argv[1:]
    mode = full
    if args and args[0] == "--ops":
        mode = ops
        args = args[1:]
    if len(args) != 1:
        sys.exit("usage: dump_tflite.py [--ops] MODEL")
    with open(args[0], "rb") as f:
        data = f.read()
    mode(R.read_model(data))


if __name__ == "__main__":
    main()
