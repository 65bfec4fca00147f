"""Checks the 4-bit weights qnt-convert wrote for mlp.mlir, from the weights
written in mlp.mlir: per output channel, symmetric on [-7, 7] with scale
max|w| / 7. The int8-container file must hold each weight matrix's codes as
int8 bytes; the --pack-int4 file must hold them two a byte (first value in
the low nibble, as TFLite's UnpackDenseInt4IntoInt8 reads them) and not as
int8 bytes. Exits 1 otherwise.

usage: check_int4.py MLP_MLIR UNPACKED_TFLITE PACKED_TFLITE
"""
import json
import re
import sys

import numpy as np


def constant(text, name):
    match = re.search(r'qnt\.const dense<(.*?)> : tensor<[^>]*> loc\("%s"\)' % name, text)
    return np.array(json.loads(match.group(1)), dtype=np.float64)


def codes(w):
    """Every code vector the rounding may give: a value within float error
    of halfway between two codes may go either way."""
    scale = np.max(np.abs(w), axis=1, keepdims=True) / 7.0
    x = (w / scale).reshape(-1)
    base = np.clip(np.round(x), -7, 7).astype(np.int8)
    ties = [i for i in range(len(x)) if abs(abs(x[i] - np.floor(x[i])) - 0.5) < 1e-4]
    found = []
    for mask in range(1 << len(ties)):
        q = base.copy()
        for bit, i in enumerate(ties):
            q[i] = np.floor(x[i]) + ((mask >> bit) & 1)
        found.append(q)
    return found


def pack(q):
    nibbles = (q.astype(np.int16) & 0xF).astype(np.uint8)
    if len(nibbles) % 2:
        nibbles = np.append(nibbles, np.uint8(0))
    return (nibbles[0::2] | (nibbles[1::2] << 4)).astype(np.uint8).tobytes()


def main():
    text = open(sys.argv[1]).read()
    unpacked = open(sys.argv[2], "rb").read()
    packed = open(sys.argv[3], "rb").read()
    ok = True
    for name in ("w1", "w2"):
        candidates = codes(constant(text, name))
        q = candidates[0]
        in_int8 = any(c.tobytes() in unpacked for c in candidates)
        in_int4 = any(pack(c) in packed for c in candidates)
        not_int8 = not any(c.tobytes() in packed for c in candidates)
        print("%s: %d codes, int8 containers %s, packed %s, packed file without int8 copy %s"
              % (name, len(q), in_int8, in_int4, not_int8))
        ok &= in_int8 and in_int4 and not_int8
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
