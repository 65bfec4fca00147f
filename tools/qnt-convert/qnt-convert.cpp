//===- qnt-convert.cpp - From a float model to a deployable model ---------===//
//
// qnt-convert MODEL.{tflite,onnx,mlir} --mode MODE | --target NAME|FILE
//             [--calibration-data PATH] [options] -o OUT.tflite
//
// Exit codes: 0 success, 1 usage, 2 bad input (unreadable model or data),
// 3 unsupported model (the mode cannot convert it). See docs/convert.md.
//
//===----------------------------------------------------------------------===//

#include "qnt/Convert/Convert.h"
#include "qnt/InitAllDialects.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace qnt;
namespace cl = llvm::cl;

static cl::OptionCategory category("qnt-convert options");

static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<model.tflite|.onnx|.mlir>"),
                                      cl::cat(category));
static cl::opt<std::string> outputPath("o", cl::Required,
                                       cl::desc("Output model (.tflite, or "
                                                ".mlir for the IR)"),
                                       cl::value_desc("file"),
                                       cl::cat(category));
static cl::opt<std::string>
    modeName("mode",
             cl::desc("int8 | int8-only | uint8-only | float16 | "
                      "dynamic-range | int16x8 | none"),
             cl::cat(category));
static cl::opt<std::string> target(
    "target",
    cl::desc("Quantize as a target profile says instead of a mode: "
             "tflite-cpu, int8-per-tensor, int16-pow2-dsp, fp16-gpu, "
             "int8-mcu or a JSON file (docs/targets.md)"),
    cl::value_desc("name|file"), cl::cat(category));
static cl::list<std::string> layerPrecision(
    "layer-precision", cl::CommaSeparated,
    cl::desc("Per-layer precision by tensor name: NAME=float or NAME=int16 "
             "(an int16 layer in an int8 model)"),
    cl::value_desc("name=precision"), cl::cat(category));
static cl::opt<bool> packInt4(
    "pack-int4",
    cl::desc("Write 4-bit (and 2-bit) weights as packed INT4 tensors (needs "
             "a target with weights.bits 2 to 4; runtimes without INT4 "
             "kernels refuse the file)"),
    cl::cat(category));
static cl::opt<std::string> calibrationData(
    "calibration-data",
    cl::desc("Representative data: .npy (first axis = samples), .npz (one "
             "array per input name) or a directory of images"),
    cl::value_desc("path"), cl::cat(category));
static cl::opt<std::string> calibrationMethod(
    "calibration-method", cl::init("minmax"),
    cl::desc("minmax, moving-average, percentile=P, entropy or mse"),
    cl::cat(category));
static cl::opt<unsigned>
    calibrationSamples("calibration-samples", cl::init(0),
                       cl::desc("Calibrate on at most N samples (0: all)"),
                       cl::value_desc("N"), cl::cat(category));
static cl::opt<std::string>
    evalData("eval-data",
             cl::desc("Evaluation data (default: held out from the "
                      "calibration data)"),
             cl::value_desc("path"), cl::cat(category));
static cl::opt<double> evalSplit(
    "eval-split",
    cl::desc("Fraction of the calibration data held out for evaluation "
             "(default 0.2; 0: no evaluation)"),
    cl::value_desc("F"), cl::cat(category));
static cl::opt<bool> perChannel("per-channel", cl::init(true),
                                cl::desc("Per-channel conv/depthwise weights "
                                         "(default on; =false: per tensor)"),
                                cl::cat(category));
static cl::opt<bool>
    perChannelFC("per-channel-fc", cl::init(true),
                 cl::desc("Per-channel fully connected weights (default on, "
                          "except dynamic-range: TFLite runtimes without "
                          "per-channel hybrid kernels refuse it)"),
                 cl::cat(category));
static cl::opt<bool> fallback(
    "fallback", cl::init(true),
    cl::desc("int16x8: ops without a 16-bit kernel stay float (=false: "
             "error)"),
    cl::cat(category));
static cl::opt<unsigned> biasBits(
    "bias-bits", cl::init(64),
    cl::desc("int16x8: bias width in the file, 64 or 32 (32 where the op's "
             "TFLite kernel takes it without overflow; others stay 64 with "
             "a warning)"),
    cl::cat(category));
static cl::list<std::string>
    denyOps("deny-ops", cl::CommaSeparated,
            cl::desc("Keep these ops float, by name (conv_2d, qnt.mean, ...)"),
            cl::cat(category));
static cl::list<std::string>
    denyLocs("deny-locs", cl::CommaSeparated,
             cl::desc("Keep the ops writing these tensors float, by name"),
             cl::cat(category));
static cl::opt<std::string>
    mlirDumpDir("mlir-dump-dir",
                cl::desc("Keep the IR after each stage in this directory"),
                cl::value_desc("dir"), cl::cat(category));
static cl::opt<std::string>
    reportPath("report",
               cl::desc("Per-tensor quantization report (.html or .json)"),
               cl::value_desc("file"), cl::cat(category));
static cl::opt<bool>
    suggest("suggest",
            cl::desc("Try the suggestions for the worst layers and report "
                     "the gain"),
            cl::cat(category));
static cl::list<float> meanOpt("mean", cl::CommaSeparated,
                               cl::desc("Images: per-channel (or one) mean"),
                               cl::cat(category));
static cl::list<float> stdOpt("std", cl::CommaSeparated,
                              cl::desc("Images: per-channel (or one) std"),
                              cl::cat(category));
static cl::opt<std::string>
    channelOrder("channel-order", cl::init("rgb"),
                 cl::desc("Images: rgb or bgr"), cl::cat(category));
static cl::opt<unsigned> numThreads("num-threads", cl::init(0),
                                    cl::desc("Calibration threads (0: all)"),
                                    cl::cat(category));
static cl::opt<bool> quiet("quiet", cl::desc("No summary"),
                           cl::cat(category));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  // Bad options exit with 1 (usage).
  cl::ParseCommandLineOptions(
      argc, argv,
      "qnt-convert: quantizes a float model (.tflite, .onnx, .mlir) and "
      "writes a TFLite model\n");

  auto usage = [](const llvm::Twine &message) {
    llvm::errs() << "qnt-convert: error: " << message << "\n";
    return static_cast<int>(ExitCode::Usage);
  };
  ConvertOptions options;
  options.inputPath = inputPath;
  options.outputPath = outputPath;
  if (!target.empty()) {
    // The profile decides what these flags would.
    if (modeName.getNumOccurrences())
      return usage("--mode and --target cannot be combined: the target "
                   "profile decides bit widths, I/O types and fallback");
    for (cl::Option *flag : {static_cast<cl::Option *>(&perChannel),
                             static_cast<cl::Option *>(&perChannelFC),
                             static_cast<cl::Option *>(&fallback)})
      if (flag->getNumOccurrences())
        return usage("--" + flag->ArgStr + " conflicts with --target " +
                     target +
                     ": the profile decides it (weights.per_channel, "
                     "weights.per_channel_fc, integer_only; edit a copy "
                     "of the profile instead)");
    options.target = target;
  } else if (modeName.empty()) {
    return usage("give --mode MODE or --target NAME|FILE");
  } else {
    std::optional<ConvertMode> mode = parseConvertMode(modeName);
    if (!mode)
      return usage("--mode " + modeName +
                   ": expected int8, int8-only, uint8-only, float16, "
                   "dynamic-range, int16x8 or none");
    options.mode = *mode;
  }
  options.layerPrecision.assign(layerPrecision.begin(), layerPrecision.end());
  options.packInt4 = packInt4;
  options.calibrationData = calibrationData;
  options.calibrationMethod = calibrationMethod;
  options.calibrationSamples = calibrationSamples;
  options.evalData = evalData;
  if (evalSplit.getNumOccurrences())
    options.evalSplit = evalSplit;
  options.perChannel = perChannel;
  options.perChannelFC = perChannelFC.getNumOccurrences()
                             ? bool(perChannelFC)
                             : options.mode != ConvertMode::DynamicRange;
  options.fallback = fallback;
  if (biasBits != 32 && biasBits != 64)
    return usage("--bias-bits must be 32 or 64");
  if (biasBits == 32 && target.empty() &&
      options.mode != ConvertMode::Int16x8)
    return usage("--bias-bits=32 applies to --mode int16x8 (int8 biases are "
                 "always 32-bit)");
  options.biasBits = biasBits;
  options.denyOps.assign(denyOps.begin(), denyOps.end());
  options.denyLocs.assign(denyLocs.begin(), denyLocs.end());
  options.mlirDumpDir = mlirDumpDir;
  options.reportPath = reportPath;
  options.suggest = suggest;
  options.threads = numThreads;
  if (!meanOpt.empty())
    options.imageOptions.mean.assign(meanOpt.begin(), meanOpt.end());
  if (!stdOpt.empty())
    options.imageOptions.stddev.assign(stdOpt.begin(), stdOpt.end());
  if (channelOrder == "bgr")
    options.imageOptions.channelOrder = ChannelOrder::BGR;
  else if (channelOrder != "rgb")
    return usage("--channel-order must be rgb or bgr");

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);

  llvm::Expected<ConvertResult> result = convert(options, &context);
  if (!result)
    return reportAndConsume(result.takeError(), "qnt-convert", llvm::errs());
  if (!result->warnings.empty())
    llvm::errs() << "qnt-convert: quantization warnings:\n"
                 << result->warnings << "\n";
  if (!quiet)
    printSummary(options, *result, llvm::outs());
  return 0;
}
