"""Shared pieces of the benchmark scripts: paths, subprocess timing, data."""

import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODEL = os.path.join(ROOT, "build", "test-models",
                             "face_detection_short_range.tflite")
DEFAULT_TOOLS = os.path.join(ROOT, "build", "bin")
DEFAULT_RUNNER = "node " + os.path.join(ROOT, "utils", "tflite-runner",
                                        "run.js")

# The crops the end-to-end tests use (calibrate on china.jpg, evaluate on
# flower.jpg).
sys.path.insert(0, os.path.join(ROOT, "test", "E2E", "Inputs"))
from face_detection_int8 import crops  # noqa: E402,F401


def fail(script, message):
    sys.exit("%s: error: %s" % (script, message))


def run(cmd):
    p = subprocess.run([str(c) for c in cmd], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        sys.exit("error: %s failed (exit %d):\n%s"
                 % (" ".join(map(str, cmd)), p.returncode, p.stderr))
    return p.stdout


def timed(cmd):
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def runner_command(text):
    runner = shlex.split(text)
    if runner[0] == "node" and subprocess.run(
            ["node", "--version"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode != 0:
        sys.exit("error: node is not installed; the TFLite runtime runner "
                 "needs Node.js 20 (utils/tflite-runner/README.md)")
    script = runner[-1]
    if script.endswith(".js"):
        modules = os.path.join(os.path.dirname(script), "node_modules")
        if not os.path.isdir(modules):
            sys.exit("error: %s is missing: run `npm ci` in %s"
                     % (modules, os.path.dirname(script)))
    return runner


def check_files(*paths):
    for path in paths:
        if not os.path.exists(path):
            sys.exit("error: %s does not exist (build it, or fetch the models "
                     "with utils/fetch-models.sh build/test-models)" % path)


def machine():
    """nproc, CPU model and load average, for the record."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg()
    return "%d cores, %s, load average %.2f %.2f %.2f" % (
        os.cpu_count(), model, load[0], load[1], load[2])


def per_sample(time_small, n_small, time_large, n_large):
    """Seconds per sample, with start-up and model loading cancelled out."""
    return max(time_large - time_small, 1e-9) / (n_large - n_small)
