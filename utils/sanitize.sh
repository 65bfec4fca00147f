#!/usr/bin/env bash
# Builds qnt with AddressSanitizer + UndefinedBehaviorSanitizer
# (QNT_ENABLE_SANITIZERS) in a separate build directory and runs the whole
# lit suite (check-qnt) with it.
#
# usage: utils/sanitize.sh [BUILD_DIR]   (default build-asan)
#
# Only qnt's code is instrumented: Debian's libMLIR.so and libLLVM.so are
# not, so errors inside MLIR itself go unseen, but every access qnt makes
# (importers, verifiers, passes, interpreter, tools) is checked.
#
# Options, and why:
# - detect_leaks=0: MLIR and LLVM keep process-wide state (the cl::opt and
#   pass registries, ManagedStatics, the TypeID and dialect tables) that
#   they never free; LeakSanitizer reports it at exit from every tool,
#   burying real reports. Leaks in qnt's own code are found by the fuzzers
#   (utils/fuzz/run.sh), which check for them per input.
# - allow_user_poisoning=0: LLVM's BumpPtrAllocator (an inline header)
#   poisons its slabs when compiled with ASan, as in qnt's code, and
#   unpoisons each allocation; the copy of the same allocator inside the
#   uninstrumented libMLIR.so hands out memory from such slabs without
#   unpoisoning it, and MLIR's own writes (e.g. FileLineColRange::get while
#   parsing) are then reported as use-after-poison. Turning manual poisoning
#   off removes these false reports; ASan's own redzones still apply.
# - verify_asan_link_order=0: the plugin tests load qnt's instrumented
#   plugins into the uninstrumented upstream mlir-opt, and test/Install
#   links a downstream program, built without ASan, against qnt's
#   libraries; in both the runtime comes in with qnt's libraries instead of
#   first, which is fine for checking qnt's code.
# - halt_on_error / -fno-sanitize-recover=all: the first error stops the
#   tool with a non-zero exit, so the test that ran it fails.
# - The tests run the TFLite runtime with node; node is not instrumented
#   and does not load the sanitizer runtime.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
start=$(date +%s)
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S . -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DQNT_ENABLE_SANITIZERS=ON -DCMAKE_CXX_FLAGS=-g1 || exit 1
fi
nice -n 10 cmake --build "$build" || exit 1
built=$(date +%s)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allow_user_poisoning=0:verify_asan_link_order=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
cmake --build "$build" --target check-qnt 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
end=$(date +%s)
echo "sanitized build: $((built - start)) s, tests: $((end - built)) s"
if grep -qE 'ERROR: AddressSanitizer|runtime error:' "$log"; then
  echo "sanitizer reports found:"
  grep -E 'ERROR: AddressSanitizer|runtime error:' "$log" | sort | uniq -c
  status=1
fi
exit "$status"
