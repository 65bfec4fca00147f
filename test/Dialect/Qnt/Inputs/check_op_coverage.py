#!/usr/bin/env python3
"""Checks that a round-trip test checks every op of a dialect.

Reads the op definitions of a TableGen file (`def X : Qnt_...Op<"name"`),
and fails naming each op whose printed form `qnt.name` no CHECK line of the
test file matches.
"""

import pathlib
import re
import sys

OP = re.compile(r'\bdef\s+\w+\s*:\s*Qnt_\w*Op<\s*"([a-z0-9_]+)"')
CHECK = re.compile(r"//\s*CHECK[\w-]*:(.*)")


def main():
    if len(sys.argv) != 3:
        print("usage: check_op_coverage.py OPS_TD TEST_FILE", file=sys.stderr)
        return 2
    ops = OP.findall(pathlib.Path(sys.argv[1]).read_text())
    if not ops:
        print(f"error: no ops found in {sys.argv[1]}", file=sys.stderr)
        return 1
    checks = CHECK.findall(pathlib.Path(sys.argv[2]).read_text())
    missing = [op for op in ops
               if not any(re.search(rf"\bqnt\.{op}\b(?![\w.])", c) for c in checks)]
    for op in missing:
        print(f"qnt.{op} has no CHECK line")
    print(f"{len(ops) - len(missing)} of {len(ops)} ops checked")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
