"""Prints the builtin code and version of each operator code of a TFLite
file and the MirrorPadOptions mode of each MIRROR_PAD (read with
tflite_reader, not qnt), and writes a copy whose written mode (SYMMETRIC)
becomes 7, a mode the schema does not have.

usage: mirror_pad_codes.py MODEL_TFLITE BAD_MODE_TFLITE
"""
import struct
import sys

from tflite_reader import MODEL, OPERATOR, OPERATOR_CODE, SUBGRAPH, read_model

MIRROR_PAD = 100
MIRROR_PAD_OPTIONS = 77  # BuiltinOptions union index

path, bad_path = sys.argv[1:3]
data = bytearray(open(path, "rb").read())
model = read_model(data)
codes = model.tables(MODEL["operator_codes"])
for code in codes:
    print("builtin %d version %d" %
          (code.scalar(OPERATOR_CODE["builtin_code"], "i"),
           code.scalar(OPERATOR_CODE["version"], "i", 1)))
patched = False
for op in model.tables(MODEL["subgraphs"])[0].tables(SUBGRAPH["operators"]):
    code = codes[op.scalar(OPERATOR["opcode_index"], "I")]
    if code.scalar(OPERATOR_CODE["builtin_code"], "i") != MIRROR_PAD:
        continue
    options_type = op.scalar(OPERATOR["builtin_options_type"], "B")
    options = op.table(OPERATOR["builtin_options"])
    # MirrorPadOptions: field 0 is mode (a byte; REFLECT = 0 is the default
    # and may be left out).
    mode = options.scalar(0, "b")
    print("mirror_pad options %d mode %d" % (options_type, mode))
    if mode == 1 and not patched:
        struct.pack_into("<b", data, options.field_pos(0), 7)
        patched = True
assert patched, "no MIRROR_PAD with a written mode"
open(bad_path, "wb").write(data)
