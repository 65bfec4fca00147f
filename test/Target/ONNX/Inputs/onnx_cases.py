"""Pieces the ONNX test-model scripts share: the registry their @case
decorators fill, the command lines that write OUTDIR/<case>.onnx and
OUTDIR/<case>.input.npy, and the helpers of the int8 checks.
"""

import os
import re
import subprocess
import sys

import numpy as np
import onnx


def registry(seeded=False):
    """A dict of cases and the decorator `case(name, opset=13)` filling it
    with (fn, opset), or with (fn, opset, seed) when `seeded` (the seed
    defaults to the case's name)."""
    cases = {}

    def case(name, opset=13, seed=None):
        def register(fn):
            cases[name] = (fn, opset, seed or name) if seeded else (fn, opset)
            return fn
        return register
    return cases, case


def save(outdir, name, model, x):
    onnx.save(model, os.path.join(outdir, name + ".onnx"))
    np.save(os.path.join(outdir, name + ".input.npy"), x)


def write(outdir, cases, build):
    """Every case of `cases` built by build(name, *cases[name])."""
    os.makedirs(outdir, exist_ok=True)
    for name, entry in cases.items():
        save(outdir, name, *build(name, *entry))


def main(argv, listed, write_all):
    """`SCRIPT --list` prints the names in `listed` on one line, `SCRIPT
    OUTDIR` calls write_all(OUTDIR)."""
    if argv[1] == "--list":
        print(" ".join(listed))
    else:
        write_all(argv[1])


def main_with_errors(argv, doc, cases, build, write_errors, pick=True):
    """`SCRIPT OUTDIR [CASE...]` writes the named cases (all without any;
    always all unless `pick`), built by build(name); `SCRIPT OUTDIR
    --errors` calls write_errors(OUTDIR); `SCRIPT --list` prints the names
    one a line."""
    if argv[1:] == ["--list"]:
        print("\n".join(cases))
        return 0
    if len(argv) < 2:
        print(doc, file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    if argv[2:] == ["--errors"]:
        write_errors(out)
        return 0
    for name in (pick and argv[2:]) or list(cases):
        if name not in cases:
            print("%s: unknown case '%s'" % (os.path.basename(argv[0]), name),
                  file=sys.stderr)
            return 2
        save(out, name, *build(name))
    return 0


def run(*args):
    """The stdout of a command; exits with its output if it fails."""
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(map(str, args)),
                                               r.stdout, r.stderr))
    return r.stdout


def params(mlir, pattern):
    """Scale and zero point of the first !quant.uniform after `pattern`."""
    m = re.search(pattern +
                  r".*?!quant\.uniform<i8:f32, ([0-9.e+-]+)(?::(-?\d+))?>",
                  mlir)
    return float(m.group(1)), int(m.group(2) or 0)
