#!/usr/bin/env bash
# Builds qnt's libFuzzer targets in a separate build directory and runs each
# for a bounded time. Fails when a target finds a crash, a leak, a timeout
# or runs out of memory; the input that did it is left in
# $WORK/artifacts/<target>/ (see utils/fuzz/README.md).
#
# usage: utils/fuzz/run.sh [SECONDS] [TARGET...]
#   SECONDS  run time per target (default 60, or $QNT_FUZZ_SECONDS)
#   TARGET   tflite, graph, onnx (default: all that build)
# Environment: QNT_FUZZ_BUILD (default build-fuzz), QNT_FUZZ_WORK (default
# $QNT_FUZZ_BUILD/fuzz-work), QNT_TEST_MODELS (default build/test-models),
# CXX_FUZZ (default clang++-22), QNT_FUZZ_SEED and QNT_FUZZ_RUNS (libFuzzer's
# -seed and -runs: a run of a fixed number of inputs, SECONDS only caps its
# time, so that a slow machine does not test less).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-${QNT_FUZZ_SECONDS:-60}}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tflite graph onnx)
build=${QNT_FUZZ_BUILD:-$root/build-fuzz}
work=${QNT_FUZZ_WORK:-$build/fuzz-work}
models=${QNT_TEST_MODELS:-$root/build/test-models}
cxx=${CXX_FUZZ:-clang++-22}
cc=${cxx/clang++/clang}

command -v "$cxx" >/dev/null || { echo "fuzz: $cxx not found (apt install clang-22 libclang-rt-22-dev)"; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_CXX_FLAGS=-gline-tables-only -DQNT_ENABLE_FUZZERS=ON || exit 1
fi
ninja_targets=()
for t in "${targets[@]}"; do ninja_targets+=("qnt-fuzz-$t"); done
# The ONNX target exists only when the ONNX importer builds.
if ! ninja -C "$build" -t targets all | grep '^qnt-fuzz-onnx:' >/dev/null; then
  ninja_targets=("${ninja_targets[@]/qnt-fuzz-onnx}")
fi
filtered=()
for t in "${ninja_targets[@]}"; do [ -n "$t" ] && filtered+=("$t"); done
nice -n 10 ninja -C "$build" -j"$(nproc)" "${filtered[@]}" || exit 1

# Seed corpora, generated here (not committed): the real test models, small
# models exported from the TFLite tests, the ONNX node test models.
seed=$work/seed
rm -rf "$seed" && mkdir -p "$seed"/{tflite,graph,onnx}
cp "$models"/*.tflite "$seed/tflite/" 2>/dev/null || echo "fuzz: no models in $models (run utils/fetch-models.sh $models)"
if [ -x "$root/build/bin/qnt-translate" ]; then
  /usr/bin/python3 - "$root" "$seed/tflite" <<'PY'
import glob, os, subprocess, sys
root, out = sys.argv[1:3]
n = 0
for path in sorted(glob.glob(os.path.join(root, "test/Target/TFLite/*.mlir"))):
    for chunk in open(path).read().split("// -----"):
        n += 1
        dest = os.path.join(out, "test-%03d.tflite" % n)
        subprocess.run([os.path.join(root, "build/bin/qnt-translate"),
                        "--export-tflite", "-o", dest], input=chunk.encode(),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
PY
fi
# ONNX's conformance models; those of opsets 6 to 10 reach the opset
# upgrade.
for suite in node pytorch-converted pytorch-operator simple; do
  find "/usr/share/libonnx-testdata/data/$suite" -name model.onnx 2>/dev/null | sort | head -400 |
    while read -r f; do cp "$f" "$seed/onnx/$suite-$(basename "$(dirname "$f")").onnx"; done
done
# The models the lit tests wrote, when they have run (CI runs them first):
# they hold every operator the importers know, also those only the tests'
# python scripts build (SPLIT, PACK, sparse tensors, ...).
for ext in tflite onnx; do
  find "$root/build/test" -path '*/Output/*' -name "*.$ext" -size -1000k 2>/dev/null | sort | head -800 |
    while read -r f; do cp "$f" "$seed/$ext/lit-$(echo "$f" | md5sum | cut -c1-12).$ext"; done
done

status=0
summary=()
for target in "${filtered[@]}"; do
  name=${target#qnt-fuzz-}
  corpus=$work/corpus/$name
  artifacts=$work/artifacts/$name
  mkdir -p "$corpus" "$artifacts"
  case $name in
    tflite) max_len=4000000 ;;
    onnx) max_len=1000000 ;;
    *) max_len=1024 ;;
  esac
  echo "== $target: $seconds s"
  # Leaks are checked (MLIR's process-wide registries stay reachable, so
  # they are not reported). allow_user_poisoning=0: LLVM's inline allocator
  # poisons slabs that the uninstrumented libMLIR.so then uses (see
  # utils/sanitize.sh).
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allow_user_poisoning=0} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  nice -n 10 "$build/bin/$target" "$corpus" "$seed/$name" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
    -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" ${QNT_FUZZ_SEED:+-seed="$QNT_FUZZ_SEED"} \
    ${QNT_FUZZ_RUNS:+-runs="$QNT_FUZZ_RUNS"} >"$work/$name.log" 2>&1
  rc=$?
  runs=$(grep -aoE '^stat::number_of_executed_units: [0-9]+' "$work/$name.log" | awk '{print $2}' | head -1)
  if [ $rc -ne 0 ]; then
    status=1
    summary+=("$target: FAILED (exit $rc), see $work/$name.log and $artifacts/")
    # The report and the input itself, so that a failure on a machine
    # whose files are gone can still be reproduced: base64 -d >crash.
    grep -av '^#[0-9]' "$work/$name.log" | tail -60
    for f in "$artifacts"/*; do
      [ -f "$f" ] || continue
      echo "-- $f ($(stat -c %s "$f") bytes)"
      [ "$(stat -c %s "$f")" -le 65536 ] && base64 -w 100 "$f"
    done
  else
    summary+=("$target: ok, ${runs:-?} inputs (at most $seconds s)")
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
