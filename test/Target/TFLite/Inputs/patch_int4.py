#!/usr/bin/python3
"""patch_int4.py PACKED.tflite OUTDIR: damaged copies of export-int4.mlir's
packed model, patched in place with the layout reader:
  int4-no-data.tflite    tensor 'w4' (INT4) points at buffer 0 (no data);
  int4-bytes.tflite      tensor 'w8' (INT8, 4 bytes) says INT4, which would
                         hold 4 values in 2 bytes.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_reader as R  # noqa: E402

source, outdir = sys.argv[1], sys.argv[2]
valid = open(source, "rb").read()
tensors = R.read_model(valid).tables(R.MODEL["subgraphs"])[0].tables(R.SUBGRAPH["tensors"])
by_name = {t.string(R.TENSOR["name"]): t for t in tensors}
os.makedirs(outdir, exist_ok=True)


def write(name, pos, fmt, value):
    data = bytearray(valid)
    struct.pack_into("<" + fmt, data, pos, value)
    open(os.path.join(outdir, name), "wb").write(bytes(data))


write("int4-no-data.tflite", by_name["w4"].field_pos(R.TENSOR["buffer"]), "I", 0)
write("int4-bytes.tflite", by_name["w8"].field_pos(R.TENSOR["type"]), "b", 17)
