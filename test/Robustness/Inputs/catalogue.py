#!/usr/bin/env python3
"""Runs the bad-input catalogue (catalogue.json) against qnt's tools.

Each case builds its input files (TFLite models from JSON through flatc and
qnt's schema, raw bytes, MLIR text, .npy arrays), runs one tool and checks
that the tool
  - exits with a non-zero status and does not crash (no signal, no
    sanitizer report, no LLVM stack dump),
  - prints the case's expected error text on stderr,
  - leaves no output file behind,
  - leaves its inputs byte for byte as they were.

usage: catalogue.py TOOLS_DIR SCHEMA WORK_DIR [CASE_ID...]
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CRASH_MARKERS = ("AddressSanitizer", "LeakSanitizer", "runtime error:",
                 "Stack dump", "PLEASE submit a bug report", "Assertion")


def build_input(spec, path, schema, models):
    kind = spec["kind"]
    if kind == "raw":
        data = bytes.fromhex(spec.get("hex", "")) + spec.get("text", "").encode()
        data *= spec.get("repeat", 1)
        with open(path, "wb") as f:
            f.write(data)
    elif kind == "text":
        with open(path, "w") as f:
            f.write(spec["text"])
    elif kind == "tflite":
        model = json.loads(json.dumps(models[spec["model"]]))
        for key_path, value in spec.get("set", []):
            target = model
            for key in key_path[:-1]:
                target = target[key]
            target[key_path[-1]] = value
        stem = os.path.splitext(path)[0]
        json_path = stem + ".json"
        with open(json_path, "w") as f:
            json.dump(model, f)
        out_dir = os.path.dirname(path)
        subprocess.run(["flatc", "-b", "-o", out_dir, schema, json_path],
                       check=True)
        # flatc names its output after the schema's file_extension.
        if stem + ".tflite" != path:
            os.replace(stem + ".tflite", path)
        os.remove(json_path)
        with open(path, "rb") as f:
            data = bytearray(f.read())
        if "truncate" in spec:
            data = data[:spec["truncate"]]
        for offset, text in spec.get("patch", []):
            data[offset:offset + len(text)] = text.encode()
        with open(path, "wb") as f:
            f.write(data)
            # A sparse tail: a file of any size without writing it.
            if "pad_to" in spec:
                f.truncate(spec["pad_to"])
    elif kind == "npy":
        array = np.full(spec["shape"], spec.get("fill", 0.5), np.float32)
        for index, value in spec.get("set", []):
            array[tuple(index)] = float(value)
        np.save(path, array)
    else:
        raise ValueError("unknown input kind " + kind)


def digest(path):
    """Content hash; for huge (sparse) files, size, mtime and the first MB."""
    stat = os.stat(path)
    with open(path, "rb") as f:
        if stat.st_size > (64 << 20):
            head = hashlib.sha256(f.read(1 << 20)).hexdigest()
            return (stat.st_size, stat.st_mtime_ns, head)
        return hashlib.sha256(f.read()).hexdigest()


def run_case(case, tools_dir, schema, work, models):
    case_dir = os.path.join(work, case["id"])
    shutil.rmtree(case_dir, ignore_errors=True)
    os.makedirs(case_dir)
    paths = {}
    for name, spec in case["inputs"].items():
        paths[name] = os.path.join(case_dir, spec["file"])
        build_input(spec, paths[name], schema, models)
    out = case.get("output", "out")
    paths["out"] = out if out.startswith("/") else os.path.join(case_dir, out)
    args = [a.format(**paths) for a in case["args"]]
    before = {p: digest(p) for n, p in paths.items() if n != "out"}
    # A failed run must leave an existing output file as it was.
    existing = case.get("existing_output")
    if existing is not None:
        with open(paths["out"], "w") as f:
            f.write(existing)
    result = subprocess.run([os.path.join(tools_dir, case["tool"])] + args,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, errors="replace")
    problems = []
    if result.returncode <= 0:
        problems.append("exit status %d, expected a failure" %
                        result.returncode)
    for marker in CRASH_MARKERS:
        if marker in result.stderr:
            problems.append("crash report (%s)" % marker)
    if case["error"] not in result.stderr:
        problems.append("stderr lacks %r" % case["error"])
    if existing is not None:
        with open(paths["out"]) as f:
            if f.read() != existing:
                problems.append("existing output %s was changed" % paths["out"])
        strays = [f for f in os.listdir(case_dir) if ".tmp" in f]
        if strays:
            problems.append("temporary files left behind: %s" % strays)
    elif case.get("check_output", True) and os.path.exists(paths["out"]):
        problems.append("output %s was left behind" % paths["out"])
    for path, hash_before in before.items():
        if digest(path) != hash_before:
            problems.append("input %s was modified" % path)
    return problems, result.stderr


def main():
    tools_dir, schema, work = sys.argv[1:4]
    wanted = set(sys.argv[4:])
    if shutil.which("flatc") is None:
        sys.exit("catalogue: flatc (flatbuffers-compiler) is required")
    with open(os.path.join(HERE, "catalogue.json")) as f:
        catalogue = json.load(f)
    failures = 0
    count = 0
    for case in catalogue["cases"]:
        if wanted and case["id"] not in wanted:
            continue
        count += 1
        problems, stderr = run_case(case, tools_dir, schema, work,
                                    catalogue["models"])
        status = "FAIL" if problems else "ok"
        print("%s %s: %s" % (status, case["id"], case["what"]))
        for problem in problems:
            print("    " + problem)
        if problems:
            print("    stderr: " + stderr.strip().replace("\n", "\n    "))
            failures += 1
    print("%d cases, %d failed" % (count, failures))
    sys.exit(1 if failures or count == 0 else 0)


if __name__ == "__main__":
    main()
