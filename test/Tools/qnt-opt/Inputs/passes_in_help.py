#!/usr/bin/env python3
"""Checks that a tool's --help lists every pass declared in TableGen.

Reads each Passes.td under the given directory, takes the argument of
every `Pass<"name", ...>` definition, and fails naming each one that the
help text (a file) does not list as `--name`.
"""

import pathlib
import re
import sys

PASS = re.compile(r'\bdef\s+\w+\s*:\s*(?:Interface)?Pass<\s*"([^"]+)"')


def main():
    if len(sys.argv) != 3:
        print("usage: passes_in_help.py HELP_FILE INCLUDE_DIR", file=sys.stderr)
        return 2
    help_text = pathlib.Path(sys.argv[1]).read_text()
    listed = set(re.findall(r"^\s+--([\w-]+)", help_text, re.MULTILINE))
    declared = []
    for td in sorted(pathlib.Path(sys.argv[2]).rglob("Passes.td")):
        declared += [(td, name) for name in PASS.findall(td.read_text())]
    if not declared:
        print(f"error: no passes declared under {sys.argv[2]}", file=sys.stderr)
        return 1
    missing = [(td, name) for td, name in declared if name not in listed]
    for td, name in missing:
        print(f"{td}: pass {name} is not in the help text")
    print(f"{len(declared) - len(missing)} of {len(declared)} passes listed")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
