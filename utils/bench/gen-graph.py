#!/usr/bin/python3
"""Writes a calibrated float qnt graph of exactly N operators for compile-time
benchmarks.

The graph is a chain of mobile-style blocks on a 1x16x16x8 feature map:
depthwise 3x3 -> 1x1 conv (relu6) -> residual add (relu), then every other
block a two-branch 1x1 conv split joined by a concatenation. Every activation
is followed by a qnt.stats range (as qnt-calibrate writes them), with ranges
that differ per tensor so concatenation inputs need requantizing. Weights are
random and distinct (nothing deduplicates), 8 channels to keep the constants
small (about 100 bytes of weights per operator). N counts the operators of
the exported TFLite model (conv, depthwise, add, concatenation); the stats
and constants come on top.

  utils/bench/gen-graph.py N -o graph.mlir
"""

import argparse
import sys

import numpy as np

H = W = 16
C = 8


class Graph:
    def __init__(self, seed):
        self.rng = np.random.RandomState(seed)
        self.lines = []
        self.next = 0
        self.ops = 0

    def value(self):
        self.next += 1
        return "%%v%d" % self.next

    def const(self, shape):
        # Hex form: parsed as raw bytes, as MLIR prints large constants.
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        data = self.rng.normal(0.0, 1.0 / np.sqrt(fan_in), shape).astype("<f4")
        v = self.value()
        self.lines.append('%s = qnt.const dense<"0x%s"> : %s'
                          % (v, data.tobytes().hex().upper(), tensor(shape)))
        return v

    def stats(self, x, shape, relu):
        hi = float(self.rng.uniform(2.0, 8.0))
        lo = 0.0 if relu else -float(self.rng.uniform(2.0, 8.0))
        v = self.value()
        t = tensor(shape)
        self.lines.append('%s = qnt.stats %s {max = %r : f64, method = "minmax", '
                          'min = %r : f64} : (%s) -> %s' % (v, x, hi, lo, t, t))
        return v

    def op(self, text, operands, types, shape, relu):
        v = self.value()
        self.lines.append("%s = %s %s : (%s) -> %s"
                          % (v, text[0], ", ".join(operands) + text[1],
                             ", ".join(types), tensor(shape)))
        self.ops += 1
        return self.stats(v, shape, relu)

    def conv(self, x, cin, cout):
        w, b = self.const([cout, 1, 1, cin]), self.const([cout])
        return self.op(("qnt.conv_2d", " {fused_activation = #qnt.act<relu6>, "
                        "padding = #qnt.padding<valid>}"), [x, w, b],
                       [tensor([1, H, W, cin]), tensor([cout, 1, 1, cin]),
                        tensor([cout])], [1, H, W, cout], True)

    def depthwise(self, x):
        w, b = self.const([1, 3, 3, C]), self.const([C])
        return self.op(("qnt.depthwise_conv_2d", ""), [x, w, b],
                       [tensor([1, H, W, C]), tensor([1, 3, 3, C]),
                        tensor([C])], [1, H, W, C], False)

    def add(self, a, b):
        t = tensor([1, H, W, C])
        return self.op(("qnt.add", " {fused_activation = #qnt.act<relu>}"),
                       [a, b], [t, t], [1, H, W, C], True)

    def concat(self, a, b):
        t = tensor([1, H, W, C // 2])
        return self.op(("qnt.concatenation", " {axis = 3 : i32}"), [a, b],
                       [t, t], [1, H, W, C], True)


def tensor(shape):
    return "tensor<%sxf32>" % "x".join(str(d) for d in shape)


def generate(n, seed):
    g = Graph(seed)
    x = g.stats("%input", [1, H, W, C], False)
    block = 0
    # Each step adds one operator; a step is skipped when its whole block
    # would not fit, so the count is exact and the graph stays well formed.
    while g.ops < n:
        left = n - g.ops
        if block % 2 == 1 and left >= 3:
            a = g.conv(x, C, C // 2)
            b = g.conv(x, C, C // 2)
            x = g.concat(a, b)
        elif left >= 3:
            y = g.conv(g.depthwise(x), C, C)
            x = g.add(x, y)
        elif left == 2:
            x = g.conv(g.depthwise(x), C, C)
        else:
            x = g.depthwise(x)
        block += 1
    t = tensor([1, H, W, C])
    body = "\n".join("    " + line for line in g.lines)
    return ("module {\n  func.func @main(%%input: %s) -> %s {\n%s\n"
            "    return %s : %s\n  }\n}\n" % (t, t, body, x, t))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ops", type=int)
    parser.add_argument("-o", dest="output", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.ops < 1:
        sys.exit("gen-graph.py: error: the operator count must be at least 1")
    with open(args.output, "w") as f:
        f.write(generate(args.ops, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
