#!/usr/bin/env python3
"""Checks that every diagnostic a C++ verifier can emit has a test.

Reads the C++ sources, finds each `emitOpError(...)` / `emitError(...)`
chain and turns it into a pattern: string literals stay literal, every other
streamed operand (a value, a type, a name) becomes a wildcard. Then reads the
`expected-error {{...}}` texts of the test files and reports every pattern
that no expected text matches in full. Exits 1 when one is missing.
"""

import argparse
import pathlib
import re
import sys

EMIT = re.compile(r"\bemit(?:Op)?Error\s*\(")
EXPECTED = re.compile(r"expected-error(?:\s*@[+-]?\w+)?\s*\{\{(.*?)\}\}")


def read_string(src, i):
    """Reads the C string literal starting at src[i] == '"'; returns
    (value, index after it)."""
    out, i = [], i + 1
    while src[i] != '"':
        if src[i] == "\\":
            nxt = src[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, nxt))
            i += 2
        else:
            out.append(src[i])
            i += 1
    return "".join(out), i + 1


def split_operands(src, start):
    """Splits the statement that starts at `start` (just after `emit...(`)
    into its call argument and the operands streamed with `<<`, at nesting
    depth 0. Each operand is a list of pieces: ('lit', text) or ('code', c)."""
    operands, current, depth, i = [], [], 1, start
    while True:
        c = src[i]
        if c == '"':
            text, i = read_string(src, i)
            current.append(("lit", text))
            continue
        if c == "'":
            end = src.index("'", i + 2 if src[i + 1] == "\\" else i + 1)
            current.append(("code", src[i:end + 1]))
            i = end + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                # End of the emit call's own argument list.
                operands.append(current)
                current = []
                i += 1
                continue
        elif c == ";" and depth <= 0:
            operands.append(current)
            return operands
        elif src.startswith("<<", i) and depth == 0:
            operands.append(current)
            current = []
            i += 2
            continue
        if not c.isspace():
            current.append(("code", c))
        i += 1


def pattern_of(operands):
    """A regex for the message: literal-only operands stay literal, any other
    operand is a wildcard."""
    parts = []
    for op in operands:
        if not op:
            continue
        if all(kind == "lit" for kind, _ in op):
            parts.append(re.escape("".join(text for _, text in op)))
        else:
            lits = [t for k, t in op if k == "lit"]
            # emitError(loc, "text"): the location argument is code.
            codes = "".join(t for k, t in op if k == "code")
            if lits and re.fullmatch(r"[\w.()>\-]*,", codes):
                parts.append(re.escape("".join(lits)))
            else:
                parts.append(".*")
    return "".join(parts)


def messages(paths):
    for path in paths:
        src = path.read_text()
        for m in EMIT.finditer(src):
            line = src.count("\n", 0, m.start()) + 1
            pattern = pattern_of(split_operands(src, m.end()))
            if pattern.strip(".*"):
                yield f"{path.name}:{line}", pattern


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", nargs="+", required=True,
                        help="C++ files or directories of verifiers")
    parser.add_argument("--tests", nargs="+", required=True,
                        help="test files with expected-error lines")
    args = parser.parse_args()

    files = []
    for s in args.sources:
        p = pathlib.Path(s)
        files += sorted(p.glob("*.cpp")) if p.is_dir() else [p]
    expected = []
    for t in args.tests:
        expected += EXPECTED.findall(pathlib.Path(t).read_text())

    found = list(messages(files))
    if not found:
        print("error: no diagnostics found in the sources", file=sys.stderr)
        return 1
    missing = [(where, pat) for where, pat in found
               if not any(re.fullmatch(pat, e) for e in expected)]
    for where, pat in missing:
        print(f"{where}: no expected-error matches /{pat}/")
    print(f"{len(found) - len(missing)} of {len(found)} diagnostics tested")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
