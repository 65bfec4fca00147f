//===- qnt-calibrate.cpp - Records activation ranges of a float model -----===//
//
// qnt-calibrate MODEL.{mlir,tflite,onnx} --data PATH [--samples N] [--method M]
//               [--mean V --std V --channel-order rgb|bgr] [-o OUT.mlir]
//
// Runs the `qnt-calibrate` pass: the model is run on the data set with qnt's
// interpreter and every float activation gets a `qnt.stats` op holding its
// range. The output (stdout by default, or with `-o -`) is written to a
// temporary file renamed into place, so a failed run never leaves a partial
// file behind. Locations are printed, since they hold the tensor names.
//
//===----------------------------------------------------------------------===//

#include "qnt/Calibration/Passes.h"
#include "qnt/InitAllDialects.h"
#include "qnt/Support/AtomicOutput.h"
#include "qnt/Target/ModelFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace qnt;
namespace cl = llvm::cl;

static cl::OptionCategory category("qnt-calibrate options");

static cl::opt<std::string>
    modelPath(cl::Positional, cl::Required,
              cl::desc("<model.mlir|model.tflite|model.onnx>"),
              cl::cat(category));
static cl::opt<std::string>
    dataPath("data", cl::Required,
             cl::desc("Data set: a .npy file (first axis = samples), a .npz "
                      "file with one array per input name, or a directory "
                      "of JPEG/PNG images"),
             cl::value_desc("path"), cl::cat(category));
static cl::opt<std::string> outputPath("o", cl::init("-"),
                                       cl::desc("Output .mlir (- : stdout)"),
                                       cl::value_desc("file"),
                                       cl::cat(category));
static cl::opt<unsigned> numSamples("samples", cl::init(0),
                                    cl::desc("Use at most N samples (0: all)"),
                                    cl::value_desc("N"), cl::cat(category));
static cl::opt<std::string>
    method("method", cl::init("minmax"),
           cl::desc("minmax, moving-average, percentile=P, entropy or mse"),
           cl::cat(category));
static cl::opt<std::string>
    functionName("function",
                 cl::desc("Function to calibrate (default: main, or the only "
                          "one)"),
                 cl::value_desc("name"), cl::cat(category));
static cl::opt<unsigned>
    numThreads("num-threads", cl::init(0),
               cl::desc("Worker threads (default: all cores)"),
               cl::cat(category));
static cl::list<float>
    meanOpt("mean", cl::CommaSeparated,
            cl::desc("Images: value(s) subtracted from each channel, one or "
                     "one per channel, comma-separated (e.g. 127.5)"),
            cl::cat(category));
static cl::list<float>
    stdOpt("std", cl::CommaSeparated,
           cl::desc("Images: divisor(s) applied after --mean, one or one per "
                    "channel (e.g. 127.5)"),
           cl::cat(category));
static cl::opt<std::string>
    channelOrder("channel-order", cl::init("rgb"),
                 cl::desc("Images: channel order of the model input, rgb "
                          "or bgr"),
                 cl::cat(category));
static cl::opt<std::string>
    layout("layout", cl::init("nhwc"),
           cl::desc("Images: layout of the model input, nhwc or nchw"),
           cl::cat(category));

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Error run() {
  // The output replaces its file only after a successful run, but replacing
  // the model or the data set would still lose them.
  for (const std::string &input : {modelPath.getValue(), dataPath.getValue()})
    if (qnt::isSameFile(input, outputPath))
      return makeError("output file '" + outputPath + "' is the input file '" +
                       input + "'");
  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Errors name the tensor and the sample; a dump of the module would bury
  // them.
  context.printOpOnDiagnostic(false);
  // Diagnostics of parsing, import and the pass go to stderr.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);

  auto module = loadModelFile(modelPath, &context, sourceMgr);
  if (!module)
    return module.takeError();

  CalibrateOptions options;
  options.data = dataPath;
  options.samples = numSamples;
  options.method = method;
  options.threads = numThreads;
  options.function = functionName;
  options.mean.assign(meanOpt.begin(), meanOpt.end());
  options.stddev.assign(stdOpt.begin(), stdOpt.end());
  options.channelOrder = channelOrder;
  options.layout = layout;
  PassManager pm(&context, ModuleOp::getOperationName());
  pm.addPass(createCalibrate(options));
  // The pass has reported why.
  if (failed(pm.run(**module)))
    return makeError("");

  return llvm::writeToOutput(outputPath, [&](llvm::raw_ostream &os) {
    // Locations carry the tensor names that later passes and their errors
    // use (deny-locs, missing statistics), so they are kept.
    (*module)->print(os, OpPrintingFlags().enableDebugInfo());
    os << "\n";
    return llvm::Error::success();
  });
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "qnt-calibrate: records the range of every float activation of a model "
      "on a data set, as qnt.stats ops\n");
  if (llvm::Error err = run()) {
    std::string message = llvm::toString(std::move(err));
    if (!message.empty())
      llvm::WithColor::error(llvm::errs(), "qnt-calibrate") << message << "\n";
    return 1;
  }
  return 0;
}
