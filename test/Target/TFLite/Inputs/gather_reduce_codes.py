"""Prints the builtin code and version of each operator code of a TFLite
file (read with tflite_reader, not qnt), and writes a copy whose ARG_MAX
options name another output type than its output tensor has.

usage: gather_reduce_codes.py MODEL_TFLITE BAD_ARGMAX_TFLITE
"""
import struct
import sys

from tflite_reader import MODEL, OPERATOR, OPERATOR_CODE, SUBGRAPH, read_model

ARG_MAX = 56
INT64 = 4

path, bad_path = sys.argv[1:3]
data = bytearray(open(path, "rb").read())
model = read_model(data)
codes = model.tables(MODEL["operator_codes"])
for code in codes:
    builtin = max(code.scalar(OPERATOR_CODE["deprecated_builtin_code"], "b"),
                  code.scalar(OPERATOR_CODE["builtin_code"], "i"))
    print("builtin %d version %d" %
          (builtin, code.scalar(OPERATOR_CODE["version"], "i", 1)))
patched = False
for op in model.tables(MODEL["subgraphs"])[0].tables(SUBGRAPH["operators"]):
    code = codes[op.scalar(OPERATOR["opcode_index"], "I")]
    if code.scalar(OPERATOR_CODE["builtin_code"], "i") != ARG_MAX:
        continue
    # ArgMaxOptions: field 0 is output_type (a byte; INT32 is written).
    pos = op.table(OPERATOR["builtin_options"]).field_pos(0)
    struct.pack_into("<b", data, pos, INT64)
    patched = True
assert patched, "no ARG_MAX with an output_type field"
open(bad_path, "wb").write(data)
