//===- qnt-run.cpp - Runs a model on a data set with qnt's interpreter ----===//
//
// qnt-run MODEL.{mlir,tflite,onnx} --data PATH -o OUTDIR
//
// Runs a function of the model (float or quantized) on every sample of the
// data set and writes result i, stacked over the samples, to
// OUTDIR/output_<i>.npy.
//
//===----------------------------------------------------------------------===//

#include "qnt/Data/DataSet.h"
#include "qnt/InitAllDialects.h"
#include "qnt/Interpreter/DataSetRunner.h"
#include "qnt/Support/AtomicOutput.h"
#include "qnt/Support/EntryFunction.h"
#include "qnt/Target/ModelFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace qnt;
namespace cl = llvm::cl;

static cl::OptionCategory category("qnt-run options");

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
static cl::opt<std::string> outDir("o", cl::Required,
                                   cl::desc("Directory for output_<i>.npy"),
                                   cl::value_desc("dir"), cl::cat(category));
static cl::opt<std::string>
    functionName("function",
                 cl::desc("Function to run (default: main, or the only one)"),
                 cl::value_desc("name"), cl::cat(category));
static cl::opt<unsigned>
    numThreads("num-threads", cl::init(0),
               cl::desc("Worker threads (default: all cores)"),
               cl::cat(category));
static cl::opt<std::string>
    meanOpt("mean", cl::init("0"),
            cl::desc("Images: value(s) subtracted from each channel, one or "
                     "one per channel, comma-separated (e.g. 127.5)"),
            cl::cat(category));
static cl::opt<std::string>
    stdOpt("std", cl::init("1"),
           cl::desc("Images: divisor(s) applied after --mean, one or one per "
                    "channel (e.g. 127.5)"),
           cl::cat(category));
static cl::opt<ChannelOrder> channelOrder(
    "channel-order", cl::init(ChannelOrder::RGB),
    cl::desc("Images: channel order of the model input"),
    cl::values(clEnumValN(ChannelOrder::RGB, "rgb", "red, green, blue"),
               clEnumValN(ChannelOrder::BGR, "bgr", "blue, green, red")),
    cl::cat(category));
static cl::opt<ImageLayout> imageLayout(
    "layout", cl::init(ImageLayout::NHWC),
    cl::desc("Images: layout of the model input"),
    cl::values(clEnumValN(ImageLayout::NHWC, "nhwc", "[1, H, W, C]"),
               clEnumValN(ImageLayout::NCHW, "nchw", "[1, C, H, W]")),
    cl::cat(category));

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Expected<llvm::SmallVector<float, 3>>
parseFloats(llvm::StringRef option, llvm::StringRef text) {
  llvm::SmallVector<float, 3> values;
  llvm::SmallVector<llvm::StringRef> parts;
  text.split(parts, ',');
  for (llvm::StringRef part : parts) {
    part = part.trim();
    double value;
    if (part.getAsDouble(value))
      return makeError("--" + option + ": '" + part + "' is not a number");
    values.push_back(static_cast<float>(value));
  }
  return values;
}

static llvm::Error run() {
  // Outputs go into a directory; naming the model or the data set there
  // would mix them (or fail late, after the whole run).
  for (const std::string &input : {modelPath.getValue(), dataPath.getValue()})
    if (qnt::isSameFile(input, outDir))
      return makeError("output directory '" + outDir + "' is the input '" +
                       input + "'");
  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics from parsing or importing go to stderr.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);

  auto module = loadModelFile(modelPath, &context, sourceMgr);
  if (!module)
    return module.takeError();
  auto func = findEntryFunction(**module, functionName);
  if (!func)
    return makeError(modelPath + ": " + toString(func.takeError()));

  auto interpreter = Interpreter::create(*func);
  if (!interpreter)
    return makeError(modelPath + ": " + toString(interpreter.takeError()));

  ImageOptions imageOptions;
  imageOptions.channelOrder = channelOrder;
  imageOptions.layout = imageLayout;
  auto mean = parseFloats("mean", meanOpt);
  if (!mean)
    return mean.takeError();
  auto stddev = parseFloats("std", stdOpt);
  if (!stddev)
    return stddev.takeError();
  imageOptions.mean = *mean;
  imageOptions.stddev = *stddev;

  auto specs = getInputSpecs(*func);
  if (!specs)
    return specs.takeError();
  auto data = DataSet::open(dataPath, *specs, imageOptions);
  if (!data)
    return data.takeError();

  BatchOptions options;
  options.numThreads = numThreads;
  auto outputs = runDataSet(**interpreter, *data, options);
  if (!outputs)
    return outputs.takeError();

  if (std::error_code ec = llvm::sys::fs::create_directories(outDir))
    return makeError(outDir + ": cannot create directory: " + ec.message());
  std::vector<std::string> names = getOutputNames(*func);
  for (auto [i, array] : llvm::enumerate(*outputs)) {
    llvm::SmallString<128> file(outDir);
    llvm::sys::path::append(file, "output_" + std::to_string(i) + ".npy");
    if (auto err = writeNpy(file, array))
      return err;
    llvm::outs() << file << ": '" << names[i] << "' "
                 << getDTypeName(array.getDType()) << " "
                 << formatShape(array.getShape()) << "\n";
  }
  return llvm::Error::success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "qnt-run: runs a model with qnt's reference interpreter on a data set\n");
  if (llvm::Error err = run()) {
    llvm::WithColor::error(llvm::errs(), "qnt-run")
        << llvm::toString(std::move(err)) << "\n";
    return 1;
  }
  return 0;
}
