"""Exits 1 unless every scale of every !quant.uniform type in an .mlir file
is a power of two (and there is at least one). Prints the count.

usage: check_pow2.py FILE.mlir
"""
import math
import re
import sys

SCALE = re.compile(r"!quant\.uniform<[^>]*?:f32(?::\d+)?, (\{[^}]*\}|[-0-9.eE+]+)")

scales = []
for m in SCALE.finditer(open(sys.argv[1]).read()):
    for part in m.group(1).strip("{}").split(","):
        scales.append(float(part.split(":")[0]))
pow2 = bool(scales) and all(math.log2(s) == round(math.log2(s)) for s in scales)
print("%d scales, all powers of two: %s" % (len(scales), pow2))
sys.exit(0 if pow2 else 1)
