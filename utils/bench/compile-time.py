#!/usr/bin/python3
"""Compile time of the int8 pipeline on generated graphs of growing size.

For each size, gen-graph.py writes a calibrated float graph, qnt-translate
exports it to a float .tflite, and:

- qnt-bench-compile times each stage in one process (import of the .tflite,
  each pass of --quantize-int8 on the calibrated graph, export), best of
  --repeat runs, in CPU seconds (wall seconds for the total too);
- the command-line tools are timed the way a user chains them through text
  files (qnt-translate --import-tflite, qnt-opt --quantize-int8,
  qnt-translate --export-tflite), and with MLIR bytecode between qnt-opt and
  the export, wall seconds, best of --cli-repeat runs; their models are
  checked to be byte-identical to the in-process one.

Prints a table and the ratios of the largest size to the one 10x smaller.

  utils/bench/compile-time.py [--sizes 100,1000,10000] [--repeat 3]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STAGES = [("import", "import"), ("fold-f16", "FoldFloat16Weights"),
          ("prepare", "PrepareQuantize"), ("propagate", "PropagateQuantize"),
          ("quantize", "Quantize"), ("post-quantize", "PostQuantize"),
          ("verify (after each pass)", "verify"), ("export", "export")]
TARGET_OPS, TARGET_SECONDS = 10000, 2.0


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        sys.exit("compile-time.py: error: %s failed:\n%s"
                 % (" ".join(cmd), p.stderr))
    return p.stdout


def timed(cmd):
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def measure(n, tools, tmp, repeat, cli_repeat):
    path = lambda name: os.path.join(tmp, "g%d.%s" % (n, name))
    run([sys.executable, os.path.join(HERE, "gen-graph.py"), str(n), "-o",
         path("mlir")])
    run([tools("qnt-translate"), "--export-tflite", path("mlir"), "-o",
         path("tflite")])
    stages = json.loads(run([tools("qnt-bench-compile"), path("tflite"),
                             path("mlir"), "--repeat", str(repeat), "-o",
                             path("bench.tflite")]))
    cli = {"import": [], "int8": [], "export": [], "int8-bc": [],
           "export-bc": []}
    for _ in range(cli_repeat):
        cli["import"].append(timed([tools("qnt-translate"), "--import-tflite",
                                    path("tflite"), "-o", path("imp.mlir")]))
        cli["int8"].append(timed([tools("qnt-opt"), path("mlir"),
                                  "--quantize-int8", "-o", path("q.mlir")]))
        cli["export"].append(timed([tools("qnt-translate"), "--export-tflite",
                                    path("q.mlir"), "-o", path("q.tflite")]))
        # The same with MLIR bytecode instead of text between the two.
        cli["int8-bc"].append(timed([tools("qnt-opt"), path("mlir"),
                                     "--quantize-int8", "--emit-bytecode",
                                     "-o", path("q.mlirbc")]))
        cli["export-bc"].append(timed([tools("qnt-translate"),
                                       "--export-tflite", path("q.mlirbc"),
                                       "-o", path("qbc.tflite")]))
    with open(path("bench.tflite"), "rb") as a, open(path("q.tflite"),
                                                     "rb") as b, open(
                                                         path("qbc.tflite"),
                                                         "rb") as c:
        first = a.read()
        if first != b.read() or first != c.read():
            sys.exit("compile-time.py: error: qnt-bench-compile and the "
                     "command-line tools wrote different models for %d ops"
                     % n)
    cli = {k: min(v) for k, v in cli.items()}
    cli["total"] = cli["import"] + cli["int8"] + cli["export"]
    cli["int8+export"] = cli["int8"] + cli["export"]
    cli["int8+export-bc"] = cli["int8-bc"] + cli["export-bc"]
    return stages, cli


def instructions(n, tools, tmp):
    """Instructions executed by import, the pass pipeline (with its
    verification) and export, counted by callgrind: unlike times, they do
    not depend on caches or on what else the machine runs."""
    path = lambda name: os.path.join(tmp, "g%d.%s" % (n, name))
    out = path("callgrind")
    run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
         tools("qnt-bench-compile"), path("tflite"), path("mlir"),
         "--repeat", "1"])
    text = run(["callgrind_annotate", "--inclusive=yes", out])
    counts = {}
    for key, symbol in (("import", "qnt::importTFLite("),
                        ("pipeline", "mlir::PassManager::run("),
                        ("export", "qnt::exportTFLite(")):
        for line in text.splitlines():
            if symbol in line:
                counts[key] = int(line.split()[0].replace(",", ""))
                break
        else:
            sys.exit("compile-time.py: error: no %s in the callgrind profile"
                     " of %d ops" % (symbol, n))
    return sum(counts.values())


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3,
                        help="in-process runs per size (default 3)")
    parser.add_argument("--cli-repeat", type=int, default=2,
                        help="command-line runs per size (default 2)")
    parser.add_argument("--tools", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--ratios-only", action="store_true")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with valgrind "
                             "(slow: about a minute for 10,000 ops)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tools = lambda name: os.path.join(args.tools, name)
    for name in ("qnt-translate", "qnt-opt", "qnt-bench-compile"):
        if not os.path.exists(tools(name)):
            sys.exit("compile-time.py: error: %s does not exist (build the "
                     "%s target)" % (tools(name), name))

    if args.instructions and subprocess.run(
            ["valgrind", "--version"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode != 0:
        sys.exit("compile-time.py: error: --instructions needs valgrind")
    results, counts = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            results[n] = measure(n, tools, tmp, args.repeat, args.cli_repeat)
            if args.instructions:
                counts[n] = instructions(n, tools, tmp)

    if not args.ratios_only:
        print("Compile time, int8 pipeline (--quantize-int8), generated "
              "graphs; in-process CPU ms, best of %d" % args.repeat)
        print("| stage | " + " | ".join("%d ops" % n for n in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        for label, key in STAGES:
            print("| %s | " % label + " | ".join(
                "%.1f" % (results[n][0][key]["cpu"] * 1e3) for n in sizes)
                + " |")
        print("| **total (CPU)** | " + " | ".join(
            "**%.1f**" % (results[n][0]["total"]["cpu"] * 1e3)
            for n in sizes) + " |")
        print("| total (wall) | " + " | ".join(
            "%.1f" % (results[n][0]["total"]["wall"] * 1e3) for n in sizes)
            + " |")
        print("| (parse of the calibrated .mlir, not in total) | " + " | ".join(
            "%.1f" % (results[n][0]["parse-mlir"]["cpu"] * 1e3)
            for n in sizes) + " |")
        if counts:
            print("| instructions of the total (millions, callgrind) | "
                  + " | ".join("%.0f" % (counts[n] / 1e6) for n in sizes)
                  + " |")
        print()
        print("Command-line tools through text .mlir files, wall ms, best "
              "of %d" % args.cli_repeat)
        print("| step | " + " | ".join("%d ops" % n for n in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        for label, key in (("qnt-translate --import-tflite", "import"),
                           ("qnt-opt --quantize-int8", "int8"),
                           ("qnt-translate --export-tflite", "export"),
                           ("**total**", "total"),
                           ("calibrated .mlir to .tflite (qnt-opt + export)",
                            "int8+export"),
                           ("the same, qnt-opt --emit-bytecode, export from "
                            "bytecode", "int8+export-bc")):
            print("| %s | " % label + " | ".join(
                "%.0f" % (results[n][1][key] * 1e3) for n in sizes) + " |")
        print()
    for small, large in zip(sizes, sizes[1:]):
        if large != 10 * small:
            continue
        s, l = results[small], results[large]
        print("compile time %d/%d ops: in-process CPU %.1fx (propagate %.1fx),"
              " command line %.1fx%s (linear: 10x)"
              % (large, small, l[0]["total"]["cpu"] / s[0]["total"]["cpu"],
                 l[0]["PropagateQuantize"]["cpu"]
                 / s[0]["PropagateQuantize"]["cpu"],
                 l[1]["total"] / s[1]["total"],
                 ", instructions %.2fx" % (counts[large] / counts[small])
                 if counts else ""))
    if TARGET_OPS in results:
        stages, cli = results[TARGET_OPS]
        print("%d ops import -> int8 -> export: %.2f s CPU, %.2f s wall in "
              "process (target < %.0f s: %s); command-line tools: %.2f s "
              "import + qnt-opt + export through text, %.2f s qnt-opt + "
              "export through bytecode"
              % (TARGET_OPS, stages["total"]["cpu"], stages["total"]["wall"],
                 TARGET_SECONDS,
                 "met" if stages["total"]["wall"] < TARGET_SECONDS
                 else "MISSED", cli["total"], cli["int8+export-bc"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
