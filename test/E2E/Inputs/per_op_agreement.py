"""Checks qnt's interpreter against the TFLite runtime op by op.

Deep integer models drift apart between two correct runtimes: TFLite's
XNNPACK kernels requantize in float where the reference kernels use
fixed-point, and their 1-LSB differences compound layer after layer. So
each op is checked on the runtime's own inputs: every op result of the
integer-only model becomes a model output, the runtime runs that model once,
and each op is then run alone in qnt's interpreter on the runtime's values
of its operands. Its result must be within 1 LSB of the runtime's.

usage: per_op_agreement.py TOOLS_DIR MODEL.mlir RUNNER_JS SAMPLE.npy WORK_DIR
"""
import os
import re
import subprocess
import sys

import numpy as np

LINE = re.compile(r"^\s*(%[\w]+) = (qnt\.[a-z_0-9]+) (.*)$")


def run(*args):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)), r.stdout, r.stderr))
    return r.stdout


def split_types(text):
    """Splits 'A, B, C' at top-level commas (types nest <...> and {...})."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "<({[":
            depth += 1
        elif c in ">)}]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def parse_op(rest):
    """operands, attribute text and (operand types, result type) of an op."""
    sig = rest.rfind(" : (")
    head, types = rest[:sig], rest[sig + 4:]
    close = types.rfind(") -> ")
    operand_types = split_types(types[:close])
    result_type = types[close + 5:].strip()
    operands = re.findall(r"%[\w]+", head.split("{", 1)[0])
    return operands, head, operand_types, result_type


def main():
    tools, model, runner, sample, work = sys.argv[1:6]
    os.makedirs(work, exist_ok=True)
    # The line-by-line parse below reads the model printed without locations.
    lines = run(os.path.join(tools, "qnt-opt"), model, "--mlir-print-debuginfo=false").split("\n")
    consts, ops = {}, []
    for line in lines:
        m = LINE.match(line)
        if not m:
            continue
        name, opname, rest = m.groups()
        if opname == "qnt.const":
            consts[name] = line
        else:
            ops.append((name, opname, rest))

    # The model with every op result as an extra output.
    extra = [(name, parse_op(rest)[3]) for name, _, rest in ops]
    exposed = []
    for line in lines:
        m = re.match(r"(\s*)return (.*) : (.*)$", line)
        if m:
            line = "%sreturn %s, %s : %s, %s" % (
                m.group(1), m.group(2), ", ".join(n for n, _ in extra),
                m.group(3), ", ".join(t for _, t in extra))
        m = re.match(r"(\s*func\.func @main\(.*\)) -> \((.*)\)( attributes .*)? \{$", line) or \
            re.match(r"(\s*func\.func @main\(.*\)) -> ([^(].*?)( attributes .*)? \{$", line)
        if m:
            line = "%s -> (%s, %s)%s {" % (m.group(1), m.group(2),
                                           ", ".join(t for _, t in extra), m.group(3) or "")
        exposed.append(line)
    num_outputs = len(re.findall(r"return (.*) :", "\n".join(lines))[0].split(","))
    open(os.path.join(work, "exposed.mlir"), "w").write("\n".join(exposed))
    run(os.path.join(tools, "qnt-translate"), "--export-tflite",
        os.path.join(work, "exposed.mlir"), "-o", os.path.join(work, "exposed.tflite"))
    run("node", runner, os.path.join(work, "exposed.tflite"), "--input", sample,
        "-o", os.path.join(work, "rt"))
    value = {"%arg0": np.load(sample)}
    for i, (name, _) in enumerate(extra):
        value[name] = np.load(os.path.join(work, "rt", "output_%d.npy" % (num_outputs + i)))

    worst, checked = 0, 0
    for k, (name, opname, rest) in enumerate(ops):
        operands, head, operand_types, result_type = parse_op(rest)
        args, body, data = [], [], {}
        for j, (v, t) in enumerate(zip(operands, operand_types)):
            if v in consts:
                body.append(consts[v])
            else:
                args.append('%s: %s loc("in%d")' % (v, t, j))
                data["in%d" % j] = value[v]
        text = "func.func @main(%s) -> %s {\n%s\n  %s = %s %s : (%s) -> %s\n  return %s : %s\n}\n" % (
            ", ".join(args), result_type, "\n".join(body), name, opname, head,
            ", ".join(operand_types), result_type, name, result_type)
        path = os.path.join(work, "op%d" % k)
        open(path + ".mlir", "w").write(text)
        np.savez(path + ".npz", **data)
        run(os.path.join(tools, "qnt-run"), path + ".mlir", "--data", path + ".npz", "-o", path)
        mine = np.load(os.path.join(path, "output_0.npy")).astype(np.int64)
        theirs = value[name].astype(np.int64).reshape(mine.shape)
        diff = int(np.max(np.abs(mine - theirs)))
        checked += 1
        if diff > worst:
            worst = diff
        if diff > 1:
            print("op %d (%s %s): %d LSB from the TFLite runtime" % (k, opname, name, diff))
    print("per-op agreement: %d ops, max difference %d LSB" % (checked, worst))
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
