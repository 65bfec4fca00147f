//===- qnt-bench-compile.cpp - Stage times of the int8 compile path -------===//
//
// qnt-bench-compile GRAPH.tflite CALIBRATED.mlir [--integer-only]
//                   [--repeat N] [-o OUT.tflite]
//
// Times, in one process and without text I/O in between, what qnt does to a
// model: import of GRAPH.tflite, then each pass of the int8 pipeline on
// CALIBRATED.mlir (the same graph with its calibration statistics; a .tflite
// cannot carry them), then export of the result to a flatbuffer. Prints one
// JSON object of wall and CPU seconds per stage, the best of N runs
// for each stage.
//
//===----------------------------------------------------------------------===//

#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"
#include "qnt/InitAllDialects.h"
#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <ctime>

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> tflitePath(cl::Positional, cl::Required,
                                       cl::desc("<graph.tflite>"));
static cl::opt<std::string> mlirPath(cl::Positional, cl::Required,
                                     cl::desc("<calibrated.mlir>"));
static cl::opt<bool> integerOnly("integer-only",
                                 cl::desc("The quantize-int8-only pipeline"));
static cl::opt<unsigned> repeat("repeat", cl::init(3),
                                cl::desc("Runs; the best time of each stage "
                                         "is kept"));
static cl::opt<std::string> outputPath("o", cl::init(""),
                                       cl::desc("Write the quantized model"));

using Clock = std::chrono::steady_clock;

/// Wall and CPU seconds. CPU time of this (only) thread is what the
/// numbers report: other processes on a shared machine inflate wall time
/// but not it.
struct Stamp {
  Clock::time_point wall;
  double cpu;
  static Stamp now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return {Clock::now(), ts.tv_sec + ts.tv_nsec * 1e-9};
  }
};
struct Seconds {
  double wall = 0.0, cpu = 0.0;
  Seconds &operator+=(Seconds o) {
    wall += o.wall;
    cpu += o.cpu;
    return *this;
  }
  Seconds operator-(Seconds o) const { return {wall - o.wall, cpu - o.cpu}; }
};
static Seconds since(Stamp start) {
  Stamp end = Stamp::now();
  return {std::chrono::duration<double>(end.wall - start.wall).count(),
          end.cpu - start.cpu};
}

namespace {
/// Time of each pass by pass name, and of verifying the IR after it (which
/// qnt-opt does too) under "verify". The generated graphs have one function,
/// so each pass runs once.
struct PassTimes : public PassInstrumentation {
  llvm::MapVector<StringRef, Seconds> *times;
  Stamp start;
  explicit PassTimes(llvm::MapVector<StringRef, Seconds> *times)
      : times(times) {}
  static bool isAdaptor(Pass *pass) {
    return pass->getName().starts_with("mlir::detail::");
  }
  void runBeforePass(Pass *pass, Operation *) override {
    if (!isAdaptor(pass))
      start = Stamp::now();
  }
  void runAfterPass(Pass *pass, Operation *op) override {
    if (isAdaptor(pass))
      return;
    (*times)[pass->getName()] += since(start);
    Stamp verifyStart = Stamp::now();
    if (failed(verify(op)))
      llvm::report_fatal_error("the IR does not verify after " +
                               pass->getName());
    (*times)["verify"] += since(verifyStart);
  }
};
} // namespace

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "qnt-bench-compile") << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "int8 compile stage times\n");

  std::string error;
  auto tflite = openInputFile(tflitePath, &error);
  if (!tflite)
    return fail(error);
  auto text = openInputFile(mlirPath, &error);
  if (!text)
    return fail(error);

  // Stage name -> best seconds over the runs, in pipeline order.
  std::vector<std::pair<std::string, Seconds>> best;
  auto record = [&](StringRef stage, Seconds seconds) {
    for (auto &entry : best)
      if (entry.first == stage) {
        entry.second.wall = std::min(entry.second.wall, seconds.wall);
        entry.second.cpu = std::min(entry.second.cpu, seconds.cpu);
        return;
      }
    best.emplace_back(stage.str(), seconds);
  };
  std::string flatbuffer;
  for (unsigned run = 0; run < std::max(repeat.getValue(), 1u); ++run) {
    DialectRegistry registry;
    qnt::registerAllDialects(registry);
    MLIRContext context(registry);
    context.loadAllAvailableDialects();
    // Timed like a tool runs: one thread (qnt-opt would use both cores for
    // nothing, the graphs have one function).
    context.disableMultithreading();

    Stamp start = Stamp::now();
    OwningOpRef<ModuleOp> imported =
        qnt::importTFLite(tflite->getBuffer(), tflitePath, &context);
    Seconds importTime = since(start);
    if (!imported)
      return fail("cannot import " + tflitePath);
    imported.release()->erase();

    start = Stamp::now();
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBuffer(text->getBuffer(), mlirPath), {});
    OwningOpRef<ModuleOp> module =
        parseSourceFile<ModuleOp>(sourceMgr, &context);
    Seconds parseTime = since(start);
    if (!module)
      return fail("cannot parse " + mlirPath);

    PassManager pm(&context);
    qnt::Int8PipelineOptions options;
    options.integerOnly = integerOnly;
    qnt::buildQuantizeInt8Pipeline(pm, options);
    llvm::MapVector<StringRef, Seconds> passTimes;
    pm.enableVerifier(false); // PassTimes verifies, timed apart.
    pm.addInstrumentation(std::make_unique<PassTimes>(&passTimes));
    start = Stamp::now();
    if (failed(pm.run(*module)))
      return fail("the int8 pipeline failed on " + mlirPath);
    Seconds pipelineTime = since(start);

    start = Stamp::now();
    flatbuffer.clear();
    llvm::raw_string_ostream os(flatbuffer);
    if (failed(qnt::exportTFLite(*module, os)))
      return fail("cannot export the quantized " + mlirPath);
    os.flush();
    Seconds exportTime = since(start);

    record("parse-mlir", parseTime);
    record("import", importTime);
    for (auto [name, seconds] : passTimes)
      record(name, seconds);
    record("export", exportTime);
    Seconds total = importTime;
    total += pipelineTime;
    total += exportTime;
    record("total", total);
  }

  if (!outputPath.empty()) {
    auto out = openOutputFile(outputPath, &error);
    if (!out)
      return fail(error);
    out->os() << flatbuffer;
    out->keep();
  }
  llvm::outs() << "{";
  bool first = true;
  for (auto &[stage, seconds] : best) {
    llvm::outs() << (first ? "" : ", ") << "\"" << stage << "\": ";
    llvm::outs() << llvm::format("{\"wall\": %.6f, \"cpu\": %.6f}",
                                 seconds.wall, seconds.cpu);
    first = false;
  }
  llvm::outs() << "}\n";
  return 0;
}
