//===- Convert.cpp - Load, calibrate, quantize, export, measure -----------===//

#include "qnt/Convert/Convert.h"
#include "qnt/Convert/Report.h"
#include "Evaluate.h"

#include "qnt/Calibration/Calibrate.h"
#include "qnt/Data/DataSet.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"
#include "qnt/Dialect/Qnt/Transforms/TargetProfile.h"
#include "qnt/Interpreter/DataSetRunner.h"
#include "qnt/Interpreter/Interpreter.h"
#include "qnt/Interpreter/TensorNpy.h"
#include "qnt/Support/AtomicOutput.h"
#include "qnt/Support/EntryFunction.h"
#include "qnt/Support/ProgressBar.h"
#include "qnt/Target/ModelFile.h"
#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace qnt;

//===----------------------------------------------------------------------===//
// Modes and errors
//===----------------------------------------------------------------------===//

static const std::pair<ConvertMode, llvm::StringRef> kModeNames[] = {
    {ConvertMode::Int8, "int8"},
    {ConvertMode::Int8Only, "int8-only"},
    {ConvertMode::Uint8Only, "uint8-only"},
    {ConvertMode::Float16, "float16"},
    {ConvertMode::DynamicRange, "dynamic-range"},
    {ConvertMode::Int16x8, "int16x8"},
    {ConvertMode::None, "none"},
};

std::optional<ConvertMode> qnt::parseConvertMode(llvm::StringRef name) {
  for (auto &[mode, spelling] : kModeNames)
    if (name == spelling)
      return mode;
  return std::nullopt;
}

llvm::StringRef qnt::getConvertModeName(ConvertMode mode) {
  if (mode == ConvertMode::Target)
    return "target";
  for (auto &[m, spelling] : kModeNames)
    if (m == mode)
      return spelling;
  return "?";
}

bool qnt::needsCalibration(ConvertMode mode) {
  return mode == ConvertMode::Int8 || mode == ConvertMode::Int8Only ||
         mode == ConvertMode::Uint8Only || mode == ConvertMode::Int16x8 ||
         mode == ConvertMode::Target;
}

char ConvertError::ID = 0;

void ConvertError::log(llvm::raw_ostream &os) const { os << message; }

std::error_code ConvertError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

llvm::Error qnt::makeConvertError(ExitCode code, const llvm::Twine &message) {
  return llvm::make_error<ConvertError>(code, message.str());
}

int qnt::reportAndConsume(llvm::Error err, llvm::StringRef tool,
                          llvm::raw_ostream &os) {
  int code = static_cast<int>(ExitCode::Unsupported);
  llvm::handleAllErrors(
      std::move(err),
      [&](const ConvertError &e) {
        code = static_cast<int>(e.getCode());
        os << tool << ": error: ";
        e.log(os);
        os << "\n";
      },
      [&](const llvm::ErrorInfoBase &e) {
        os << tool << ": error: " << e.message() << "\n";
      });
  return code;
}

static llvm::Error usageError(const llvm::Twine &message) {
  return makeConvertError(ExitCode::Usage, message);
}
static llvm::Error badInput(const llvm::Twine &message) {
  return makeConvertError(ExitCode::BadInput, message);
}
static llvm::Error unsupported(const llvm::Twine &message) {
  return makeConvertError(ExitCode::Unsupported, message);
}

/// The flag that chose the conversion, for messages: "--mode int8" or
/// "--target int8-mcu".
static std::string describeMode(const ConvertOptions &options) {
  if (!options.target.empty())
    return "--target " + options.target;
  return "--mode " + getConvertModeName(options.mode).str();
}

/// The target profile with the --layer-precision overrides merged in. An
/// unknown name is a usage error, a file that does not parse bad input.
static llvm::Expected<TargetProfile>
loadConvertTarget(const ConvertOptions &options) {
  std::vector<std::string> builtins = getBuiltinTargetNames();
  if (!llvm::is_contained(builtins, options.target) &&
      !llvm::sys::fs::exists(options.target))
    return usageError("--target " + options.target +
                      ": neither a built-in profile (" +
                      llvm::join(builtins, ", ") + ") nor a file");
  llvm::Expected<TargetProfile> profile = loadTargetProfile(options.target);
  if (!profile)
    return badInput("--target: " + toString(profile.takeError()));
  if (llvm::Error err =
          parseLayerPrecision(options.layerPrecision, profile->layers))
    return usageError("--" + toString(std::move(err)));
  return profile;
}

namespace {
/// Collects the diagnostics a stage emits, so that they end up in the
/// error of that stage rather than interleaved with the progress output.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext *context)
      : handler(context, [this](Diagnostic &diag) {
          append(diag);
          return success();
        }) {}

  std::string take() { return std::move(text); }
  bool empty() const { return text.empty(); }

private:
  void append(Diagnostic &diag) {
    llvm::raw_string_ostream os(text);
    if (!text.empty())
      os << "\n";
    os << "  " << diag.getLocation() << ": ";
    switch (diag.getSeverity()) {
    case DiagnosticSeverity::Error:
      os << "error: ";
      break;
    case DiagnosticSeverity::Warning:
      os << "warning: ";
      break;
    case DiagnosticSeverity::Note:
      os << "note: ";
      break;
    case DiagnosticSeverity::Remark:
      os << "remark: ";
      break;
    }
    os << diag.str();
    for (Diagnostic &note : diag.getNotes())
      os << "\n    note: " << note.str();
  }

  std::string text;
  ScopedDiagnosticHandler handler;
};
} // namespace

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

llvm::Expected<OwningOpRef<ModuleOp>>
qnt::loadModel(llvm::StringRef path, MLIRContext *context) {
  std::string ext = llvm::sys::path::extension(path).lower();
  if (ext != ".tflite" && ext != ".onnx" && ext != ".mlir")
    return usageError(path + ": unknown model format '" + ext +
                      "' (expected .tflite, .onnx or .mlir)");
  DiagnosticCollector diags(context);
  llvm::SourceMgr sourceMgr;
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      loadModelFile(path, context, sourceMgr);
  if (!module)
    return badInput(llvm::toString(module.takeError()) +
                    (diags.empty() ? "" : "\n" + diags.take()));
  return module;
}

//===----------------------------------------------------------------------===//
// Stages
//===----------------------------------------------------------------------===//

static llvm::Error dumpModule(const ConvertOptions &options,
                              llvm::StringRef name, ModuleOp module) {
  if (options.mlirDumpDir.empty())
    return llvm::Error::success();
  if (std::error_code ec =
          llvm::sys::fs::create_directories(options.mlirDumpDir))
    return badInput(options.mlirDumpDir + ": " + ec.message());
  llvm::SmallString<256> path(options.mlirDumpDir);
  llvm::sys::path::append(path, name);
  return llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
    // Locations hold the tensor names (deny-locs, report).
    module->print(os, OpPrintingFlags().enableDebugInfo());
    os << "\n";
    return llvm::Error::success();
  });
}

namespace {
/// The data behind calibration and evaluation.
struct Samples {
  std::optional<DataSet> calibration;
  size_t calibrationCount = 0;
  std::optional<DataSet> separateEval;
  /// Loaded float inputs of the evaluation samples.
  std::vector<std::vector<Tensor>> eval;
  std::string evalSource;
};

/// One run of the mode's pipeline on a copy of the float model.
struct Quantized {
  OwningOpRef<ModuleOp> module;
  std::string bytes;
  /// The written file read back (TFLite output) or the module itself.
  OwningOpRef<ModuleOp> readBack;
  OpSummary ops;
  std::vector<LayerPrecision> layers;
  std::string warnings;
  unsigned int4Tensors = 0;
  uint64_t packedBytes = 0;
};
} // namespace

static bool isQuantized(Type type) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(type));
}

static bool isOutputMlir(const ConvertOptions &options) {
  return llvm::StringRef(options.outputPath).ends_with_insensitive(".mlir");
}

/// A signed constant in int8 storage whose grid fits 4 bits: what the
/// exporter writes as INT4 when asked to pack.
static bool fitsInt4(ConstOp op) {
  auto type = dyn_cast<quant::QuantizedType>(
      getElementTypeOrSelf(op.getResult().getType()));
  return type && type.isSigned() && type.getStorageTypeIntegralWidth() == 8 &&
         type.getStorageTypeMin() >= -8 && type.getStorageTypeMax() <= 7;
}

static OpSummary summarizeOps(func::FuncOp func,
                              const ConvertOptions &options,
                              llvm::ArrayRef<LayerPrecision> layers) {
  OpSummary summary;
  llvm::StringSet<> deniedOps, deniedLocs;
  for (const std::string &name : options.denyOps)
    deniedOps.insert(llvm::StringRef(name).starts_with("qnt.")
                         ? name
                         : "qnt." + name);
  for (const std::string &name : options.denyLocs)
    deniedLocs.insert(name);
  llvm::StringSet<> floatLayers;
  for (const std::string &entry : options.layerPrecision)
    if (llvm::StringRef(entry).ends_with("=float"))
      floatLayers.insert(llvm::StringRef(entry).drop_back(6));
  auto addFloat = [&](llvm::StringRef reason, std::string name) {
    ++summary.floating;
    for (FloatReason &r : summary.floatReasons)
      if (r.reason == reason) {
        r.ops.push_back(std::move(name));
        return;
      }
    summary.floatReasons.push_back({reason.str(), {std::move(name)}});
  };
  for (Operation &op : func.getBody().front()) {
    if (isa<ConstOp, QuantizeOp, DequantizeOp, RequantizeOp, StatsOp,
            FakeQuantOp, func::ReturnOp>(op))
      continue;
    ++summary.total;
    bool integer = llvm::any_of(op.getResultTypes(), isQuantized);
    bool quantWeights = false;
    for (Value operand : op.getOperands()) {
      if (!isQuantized(operand.getType()))
        continue;
      if (operand.getDefiningOp<ConstOp>())
        quantWeights = true;
      else
        integer = true;
    }
    if (integer) {
      ++summary.integer;
      continue;
    }
    if (quantWeights) {
      ++summary.hybrid;
      continue;
    }
    std::string name =
        getValueName(op.getNumResults() ? op.getResult(0) : Value(), "");
    name = op.getName().getStringRef().str() +
           (name.empty() ? "" : " '" + name + "'");
    if (isa<CustomOp>(op)) {
      addFloat("custom op: qnt cannot quantize it", name);
      continue;
    }
    switch (options.mode) {
    case ConvertMode::Float16:
      addFloat("float16 mode: float compute on f16 weights", name);
      continue;
    case ConvertMode::DynamicRange:
      addFloat("dynamic-range mode: no hybrid kernel or weights too small",
               name);
      continue;
    case ConvertMode::None:
      addFloat("no quantization (--mode none)", name);
      continue;
    default:
      break;
    }
    if (options.mode == ConvertMode::Target) {
      // The precision report knows why a target left it float.
      std::string tensor = getValueName(
          op.getNumResults() ? op.getResult(0) : Value(), "");
      const LayerPrecision *layer = llvm::find_if(
          layers, [&](const LayerPrecision &l) { return l.tensor == tensor; });
      if (layer != layers.end()) {
        addFloat(layer->why, name);
        continue;
      }
    }
    bool locDenied = llvm::any_of(op.getResults(), [&](Value v) {
      return deniedLocs.contains(getValueName(v, ""));
    });
    auto iface = dyn_cast<QuantizableOpInterface>(op);
    if (deniedOps.contains(op.getName().getStringRef()))
      addFloat("denied by --deny-ops", name);
    else if (locDenied)
      addFloat("denied by --deny-locs", name);
    else if (llvm::any_of(op.getResults(), [&](Value v) {
               return floatLayers.contains(getValueName(v, ""));
             }))
      addFloat("per-layer override (--layer-precision)", name);
    else if (!iface)
      addFloat("not a quantizable op", name);
    else if (options.mode == ConvertMode::Int16x8 ? !iface.hasInt16Kernel()
                                                   : !iface.hasInt8Kernel())
      addFloat(options.mode == ConvertMode::Int16x8
                   ? "TFLite has no 16x8 kernel for it"
                   : "TFLite has no int8 kernel for it",
               name);
    else
      addFloat("between float ops (no quantization parameters)", name);
  }
  return summary;
}

/// Calibrates (when the mode needs it), runs the mode's pipeline and exports.
static llvm::Expected<Quantized>
quantizeModel(ModuleOp floatModule, const ConvertOptions &options,
              const Samples &samples, MLIRContext *context, bool dump,
              llvm::StringRef progressLabel) {
  Quantized out;
  out.module = OwningOpRef<ModuleOp>(floatModule.clone());
  llvm::Expected<func::FuncOp> func = findEntryFunction(*out.module);
  if (!func)
    return badInput(options.inputPath + ": " + toString(func.takeError()));

  std::optional<TargetProfile> profile;
  if (options.mode == ConvertMode::Target) {
    llvm::Expected<TargetProfile> loaded = loadConvertTarget(options);
    if (!loaded)
      return loaded.takeError();
    profile = std::move(*loaded);
  }
  unsigned activationBits =
      profile ? profile->activationBits
              : (options.mode == ConvertMode::Int16x8 ? 16 : 8);

  if (needsCalibration(options.mode) && samples.calibration) {
    llvm::Expected<CalibrationOptions> method =
        parseCalibrationMethod(options.calibrationMethod);
    if (!method)
      return usageError("--calibration-method: " +
                        toString(method.takeError()));
    method->numBits = activationBits;
    ProgressBar progress(progressLabel, samples.calibrationCount, llvm::errs(),
                         options.progress &&
                             llvm::errs().is_displayed());
    llvm::Error err =
        calibrate(*func, *samples.calibration, *method,
                  samples.calibrationCount, options.threads, &progress);
    progress.finish();
    if (err)
      return badInput("calibration on " + options.calibrationData +
                      " failed: " + toString(std::move(err)));
    if (dump)
      if (llvm::Error err = dumpModule(options, "1-calibrated.mlir",
                                       *out.module))
        return std::move(err);
  }

  PassManager pm(context, ModuleOp::getOperationName());
  Int8PipelineOptions int8;
  int8.perChannel = options.perChannel;
  int8.perChannelFC = options.perChannelFC;
  int8.denyOps = options.denyOps;
  int8.denyLocs = options.denyLocs;
  bool int8Pipeline = true;
  switch (options.mode) {
  case ConvertMode::Int8:
    break;
  case ConvertMode::Int8Only:
  case ConvertMode::Uint8Only:
    int8.integerOnly = true;
    int8.ioType = options.mode == ConvertMode::Int8Only ? "int8" : "uint8";
    break;
  case ConvertMode::Int16x8:
    int8.activationBits = 16;
    int8.fallback = options.fallback;
    int8.integerOnly = !options.fallback;
    int8.biasBits = options.biasBits;
    break;
  case ConvertMode::Target:
    if (llvm::Error err = applyTargetProfile(*profile, int8))
      return usageError("--target " + options.target + ": " +
                        toString(std::move(err)));
    int8.biasBits = options.biasBits;
    break;
  case ConvertMode::Float16:
    int8Pipeline = false;
    buildQuantizeFloat16Pipeline(pm);
    break;
  case ConvertMode::DynamicRange: {
    int8Pipeline = false;
    DynamicRangePipelineOptions dynamic;
    dynamic.perChannel = options.perChannel;
    dynamic.perChannelFC = options.perChannelFC;
    buildQuantizeDynamicRangePipeline(pm, dynamic);
    break;
  }
  case ConvertMode::None:
    int8Pipeline = false;
    break;
  }
  if (int8Pipeline) {
    if (options.mode != ConvertMode::Target) {
      std::map<std::string, std::string> layers;
      if (llvm::Error err =
              parseLayerPrecision(options.layerPrecision, layers))
        return usageError("--" + toString(std::move(err)));
      if (llvm::Error err = applyLayerPrecision(layers, int8))
        return usageError("--layer-precision: " + toString(std::move(err)));
    }
    buildQuantizeInt8Pipeline(pm, int8);
  }
  {
    DiagnosticCollector diags(context);
    if (failed(pm.run(*out.module)))
      return unsupported(describeMode(options) + " cannot convert " +
                         options.inputPath + ":\n" + diags.take());
    out.warnings = diags.take();
  }
  if (dump)
    if (llvm::Error err = dumpModule(options, "2-quantized.mlir", *out.module))
      return std::move(err);
  func::FuncOp quantFunc = *findEntryFunction(*out.module);
  if (int8Pipeline) {
    PrecisionQuery query;
    query.activationBits = int8.activationBits;
    query.denyOps.assign(int8.denyOps.begin(), int8.denyOps.end());
    query.denyLocs.assign(int8.denyLocs.begin(), int8.denyLocs.end());
    query.allowOps = int8.allowOps;
    out.layers = collectLayerPrecision(quantFunc, query);
    // Without a profile the mode sets the precision.
    if (options.mode != ConvertMode::Target)
      for (LayerPrecision &layer : out.layers)
        if (layer.why == "the target's precision")
          layer.why = "--mode " + getConvertModeName(options.mode).str();
  }
  out.ops = summarizeOps(quantFunc, options, out.layers);
  unsigned int4Constants = 0;
  quantFunc.walk([&](ConstOp op) { int4Constants += fitsInt4(op); });

  if (isOutputMlir(options)) {
    llvm::raw_string_ostream os(out.bytes);
    out.module->print(os, OpPrintingFlags().enableDebugInfo());
    os << "\n";
    out.readBack = OwningOpRef<ModuleOp>(out.module->clone());
    return std::move(out);
  }
  {
    DiagnosticCollector diags(context);
    llvm::raw_string_ostream os(out.bytes);
    TFLiteExportOptions exportOptions;
    exportOptions.packInt4 = options.packInt4;
    if (failed(exportTFLite(*out.module, os, exportOptions)))
      return unsupported("cannot write " + options.inputPath +
                         " as TFLite after " + describeMode(options) + ":\n" +
                         diags.take());
  }
  if (options.packInt4) {
    out.int4Tensors = int4Constants;
    if (!int4Constants)
      out.warnings += std::string(out.warnings.empty() ? "" : "\n") +
                      "  --pack-int4: no constant has a 4-bit grid (every "
                      "layer with weights stayed float?); nothing was packed";
  } else if (int4Constants && int8.weightBits <= 4) {
    // The size the narrower weights would have packed.
    std::string packed;
    llvm::raw_string_ostream os(packed);
    TFLiteExportOptions exportOptions;
    exportOptions.packInt4 = true;
    DiagnosticCollector diags(context);
    if (succeeded(exportTFLite(*out.module, os, exportOptions)))
      out.packedBytes = packed.size();
  }
  {
    DiagnosticCollector diags(context);
    out.readBack = importTFLite(out.bytes, options.outputPath, context);
    if (!out.readBack)
      return unsupported("the written model does not read back:\n" +
                         diags.take());
  }
  if (dump)
    if (llvm::Error err =
            dumpModule(options, "3-exported.mlir", *out.readBack))
      return std::move(err);
  return std::move(out);
}

//===----------------------------------------------------------------------===//
// Data
//===----------------------------------------------------------------------===//

static llvm::Error loadSamples(const DataSet &data, size_t begin, size_t end,
                               std::vector<std::vector<Tensor>> &out) {
  for (size_t i = begin; i < end; ++i) {
    llvm::Expected<std::vector<NpyArray>> sample = data.getSample(i);
    if (!sample)
      return badInput(data.getPath() + ": sample " + llvm::Twine(i) + ": " +
                      toString(sample.takeError()));
    std::vector<Tensor> tensors(sample->size());
    for (size_t j = 0; j < sample->size(); ++j)
      if (llvm::Error err = copyToTensor((*sample)[j], tensors[j]))
        return badInput(data.getPath() + ": sample " + llvm::Twine(i) +
                        ": " + toString(std::move(err)));
    out.push_back(std::move(tensors));
  }
  return llvm::Error::success();
}

static llvm::Error openSamples(const ConvertOptions &options,
                               func::FuncOp func, Samples &samples) {
  if (options.calibrationData.empty() && options.evalData.empty())
    return llvm::Error::success();
  llvm::Expected<std::vector<InputSpec>> specs = getInputSpecs(func);
  if (!specs)
    return unsupported(options.inputPath + ": " + toString(specs.takeError()));
  bool calibrating = needsCalibration(options.mode);
  double split = options.evalSplit.value_or(
      !options.evalData.empty() ? 0.0 : (calibrating ? 0.2 : 1.0));

  if (!options.calibrationData.empty()) {
    llvm::Expected<DataSet> data =
        DataSet::open(options.calibrationData, *specs, options.imageOptions);
    if (!data)
      return badInput(toString(data.takeError()));
    samples.calibration.emplace(std::move(*data));
    size_t n = samples.calibration->size();
    size_t held = 0;
    if (split > 0 && (n >= 2 || !calibrating)) {
      held = static_cast<size_t>(std::floor(n * split));
      held = std::max<size_t>(held, 1);
      if (calibrating)
        held = std::min(held, n - 1);
      held = std::min(held, n);
    }
    size_t calib = n - held;
    if (options.calibrationSamples)
      calib = std::min<size_t>(calib, options.calibrationSamples);
    samples.calibrationCount = calibrating ? calib : 0;
    if (options.evalData.empty() && held) {
      if (llvm::Error err =
              loadSamples(*samples.calibration, n - held, n, samples.eval))
        return err;
      samples.evalSource = options.calibrationData + " (last " +
                           std::to_string(held) + " of " + std::to_string(n) +
                           " samples, held out from calibration)";
      if (!calibrating)
        samples.evalSource = options.calibrationData + " (" +
                             std::to_string(held) + " samples)";
    }
  }
  if (!options.evalData.empty()) {
    llvm::Expected<DataSet> data =
        DataSet::open(options.evalData, *specs, options.imageOptions);
    if (!data)
      return badInput(toString(data.takeError()));
    samples.separateEval.emplace(std::move(*data));
    if (llvm::Error err = loadSamples(*samples.separateEval, 0,
                                      samples.separateEval->size(),
                                      samples.eval))
      return err;
    samples.evalSource = options.evalData + " (" +
                         std::to_string(samples.eval.size()) + " samples)";
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Suggestions
//===----------------------------------------------------------------------===//

static Suggestion suggestFor(const TensorStats &t,
                             const ConvertOptions &options,
                             const TargetProfile *profile) {
  Suggestion s;
  s.tensor = t.name;
  bool conv = t.opName == "qnt.conv_2d" || t.opName == "qnt.depthwise_conv_2d" ||
              t.opName == "qnt.transpose_conv";
  bool fc = t.opName == "qnt.fully_connected";
  double width = double(t.usedMax) - double(t.usedMin);
  double stddev = t.stddev();
  if ((conv && !options.perChannel) || (fc && !options.perChannelFC)) {
    s.kind = "per-channel";
    s.text = "its weights are quantized per tensor: per-channel scales fit "
             "each output channel";
    s.flags = {conv ? "--per-channel" : "--per-channel-fc"};
  } else if (t.clippedFraction() > 1e-3 &&
             options.calibrationMethod != "minmax") {
    s.kind = "calibration";
    s.text = llvm::formatv("the calibrated range clips {0:F2}% of the "
                           "evaluation values: minmax keeps the whole range",
                           100 * t.clippedFraction())
                 .str();
    s.flags = {"--calibration-method", "minmax"};
  } else if (stddev > 0 && width / stddev > 40 &&
             options.calibrationMethod != "mse") {
    s.kind = "calibration";
    s.text = llvm::formatv("the range is {0:F0} standard deviations wide "
                           "(outliers): an error-minimizing range is tighter",
                           width / stddev)
                 .str();
    s.flags = {"--calibration-method", "mse"};
  } else if (profile && profile->integerOnly && profile->activationBits == 8) {
    s.kind = "16-bit";
    s.text = "an integer-only target cannot keep it float: an int16 layer "
             "inside the int8 model quantizes it 256 times finer";
    s.flags = {"--layer-precision", t.name + "=int16"};
  } else if (options.mode == ConvertMode::Int8Only ||
             options.mode == ConvertMode::Uint8Only) {
    s.kind = "16-bit";
    s.text = "an integer-only model cannot keep it float: 16-bit "
             "activations (float I/O) quantize it 256 times finer";
    s.flags = {"--mode", "int16x8"};
  } else {
    s.kind = "keep-float";
    s.text = "keep the op that writes it float";
    s.flags = {"--deny-locs", t.name};
  }
  return s;
}

/// Options with a suggestion's flags applied.
static ConvertOptions applyFlags(ConvertOptions options,
                                 llvm::ArrayRef<std::string> flags) {
  for (size_t i = 0; i < flags.size(); ++i) {
    llvm::StringRef flag = flags[i];
    if (flag == "--per-channel")
      options.perChannel = true;
    else if (flag == "--per-channel-fc")
      options.perChannelFC = true;
    else if (flag == "--deny-locs" && i + 1 < flags.size())
      options.denyLocs.push_back(flags[++i]);
    else if (flag == "--calibration-method" && i + 1 < flags.size())
      options.calibrationMethod = flags[++i];
    else if (flag == "--layer-precision" && i + 1 < flags.size())
      options.layerPrecision.push_back(flags[++i]);
    else if (flag == "--mode" && i + 1 < flags.size())
      options.mode = *parseConvertMode(flags[++i]);
  }
  return options;
}

static double noiseToSignal(const TensorStats &t) {
  if (t.noise == 0)
    return 0;
  return t.signal == 0 ? 1 : t.noise / t.signal;
}

double qnt::meanSqnr(const std::vector<OutputStats> &outputs) {
  if (outputs.empty())
    return 0;
  double sum = 0;
  for (const OutputStats &o : outputs)
    sum += std::min(o.values.sqnrDb(), 100.0);
  return sum / outputs.size();
}

//===----------------------------------------------------------------------===//
// The conversion
//===----------------------------------------------------------------------===//

static bool hasRanges(ModuleOp module) {
  bool found = false;
  module.walk([&](Operation *op) {
    if (isa<StatsOp, FakeQuantOp>(op))
      found = true;
  });
  return found;
}

/// Checks the target, per-layer and packing options and resolves the
/// target: the returned options' mode is Target (or Float16 for a float16
/// profile).
static llvm::Expected<ConvertOptions>
resolveTarget(ConvertOptions options, ConvertResult &result,
              std::optional<TargetProfile> &resolvedProfile) {
  bool int8Mode = options.mode == ConvertMode::Int8 ||
                  options.mode == ConvertMode::Int8Only ||
                  options.mode == ConvertMode::Uint8Only ||
                  options.mode == ConvertMode::Int16x8;
  unsigned weightBits = 8;
  if (!options.target.empty()) {
    llvm::Expected<TargetProfile> profile = loadConvertTarget(options);
    if (!profile)
      return profile.takeError();
    resolvedProfile = *profile;
    result.targetName = profile->name;
    result.targetDescription = profile->description;
    if (profile->float16) {
      if (!options.layerPrecision.empty())
        return usageError("--layer-precision: target '" + profile->name +
                          "' keeps every layer float (float16 weights); "
                          "there is no integer precision to choose");
      options.mode = ConvertMode::Float16;
    } else {
      options.mode = ConvertMode::Target;
      weightBits = profile->weightBits;
      // Checked here rather than by the pipeline, for the exit code.
      Int8PipelineOptions check;
      check.activationBits = profile->activationBits;
      if (llvm::Error err = applyLayerPrecision(profile->layers, check))
        return usageError("--target " + options.target + ": " +
                          toString(std::move(err)));
      if (options.biasBits == 32 && profile->activationBits != 16)
        return usageError("--bias-bits=32 applies to 16-bit activations: "
                          "target '" +
                          profile->name + "' has 8-bit ones (int8 biases "
                                          "are always 32-bit)");
    }
  } else if (!options.layerPrecision.empty() && !int8Mode) {
    return usageError("--layer-precision applies to --target and to --mode "
                      "int8, int8-only, uint8-only and int16x8, not --mode " +
                      getConvertModeName(options.mode));
  }
  if (options.packInt4) {
    if (isOutputMlir(options))
      return usageError("--pack-int4 applies to TFLite output, not -o " +
                        options.outputPath);
    if (options.mode != ConvertMode::Target)
      return usageError("--pack-int4 packs weights of 4 bits or fewer, and " +
                        describeMode(options) +
                        " has none: use a --target whose weights.bits is 2 "
                        "to 4");
    if (weightBits > 4)
      return usageError("--pack-int4 packs weights of 4 bits or fewer: "
                        "target '" +
                        result.targetName + "' has " +
                        llvm::Twine(weightBits) + "-bit weights");
  }
  return std::move(options);
}

/// The layers named by --layer-precision or the profile must exist.
static llvm::Error checkLayerNames(const ConvertOptions &options,
                                   func::FuncOp func) {
  std::map<std::string, std::string> layers;
  if (options.mode == ConvertMode::Target) {
    llvm::Expected<TargetProfile> profile = loadConvertTarget(options);
    if (!profile)
      return profile.takeError();
    layers = profile->layers;
  } else if (llvm::Error err =
                 parseLayerPrecision(options.layerPrecision, layers)) {
    return usageError("--" + toString(std::move(err)));
  }
  if (layers.empty())
    return llvm::Error::success();
  llvm::StringSet<> names;
  func.walk([&](Operation *op) {
    for (Value result : op->getResults())
      names.insert(getValueName(result, ""));
  });
  for (const auto &[tensor, precision] : layers)
    if (!names.contains(tensor))
      return usageError("layer '" + tensor + "' (" + precision +
                        ", --layer-precision or the target's layers) is "
                        "not a tensor of " +
                        options.inputPath);
  return llvm::Error::success();
}

llvm::Expected<ConvertResult> qnt::convert(const ConvertOptions &asked,
                                           MLIRContext *context) {
  ConvertResult result;
  std::optional<TargetProfile> profile;
  llvm::Expected<ConvertOptions> resolved =
      resolveTarget(asked, result, profile);
  if (!resolved)
    return resolved.takeError();
  const ConvertOptions &options = *resolved;
  if (options.outputPath.empty())
    return usageError("no output file (-o out.tflite)");
  if (qnt::isSameFile(options.inputPath, options.outputPath))
    return usageError("-o " + options.outputPath +
                      " is the input model: refusing to overwrite it");
  if (!options.reportPath.empty()) {
    llvm::StringRef report = options.reportPath;
    if (!report.ends_with_insensitive(".json") &&
        !report.ends_with_insensitive(".html"))
      return usageError("--report " + report + ": expected a .json or .html "
                        "file");
    if (qnt::isSameFile(options.inputPath, report) ||
        qnt::isSameFile(options.outputPath, report))
      return usageError("--report " + report +
                        " is the input model or the output file");
  }
  if (options.evalSplit && (*options.evalSplit < 0 || *options.evalSplit > 1))
    return usageError("--eval-split must be in [0, 1]");
  if (llvm::Expected<CalibrationOptions> m =
          parseCalibrationMethod(options.calibrationMethod);
      !m)
    return usageError("--calibration-method: " + toString(m.takeError()));

  llvm::Expected<OwningOpRef<ModuleOp>> loaded =
      loadModel(options.inputPath, context);
  if (!loaded)
    return loaded.takeError();
  OwningOpRef<ModuleOp> floatModule = std::move(*loaded);
  llvm::Expected<func::FuncOp> floatFunc = findEntryFunction(*floatModule);
  if (!floatFunc)
    return badInput(options.inputPath + ": " +
                    toString(floatFunc.takeError()));
  if (needsCalibration(options.mode) && options.calibrationData.empty() &&
      !hasRanges(*floatModule))
    return usageError(describeMode(options) +
                      " needs --calibration-data: " + options.inputPath +
                      " records no activation ranges");
  if (llvm::Error err = checkLayerNames(options, *floatFunc))
    return std::move(err);

  result.modeName = getConvertModeName(options.mode).str();
  uint64_t fileSize = 0;
  if (!llvm::sys::fs::file_size(options.inputPath, fileSize))
    result.inputBytes = fileSize;

  // The float model runs calibration and is the reference of evaluation.
  llvm::Expected<std::unique_ptr<Interpreter>> floatInterp =
      Interpreter::create(*floatFunc);
  std::string floatInterpError;
  if (!floatInterp)
    floatInterpError = toString(floatInterp.takeError());
  if (!floatInterpError.empty() && needsCalibration(options.mode) &&
      !options.calibrationData.empty())
    return unsupported(describeMode(options) +
                       " cannot calibrate " + options.inputPath +
                       ": qnt's interpreter cannot run it: " +
                       floatInterpError);

  Samples samples;
  if (llvm::Error err = openSamples(options, *floatFunc, samples))
    return std::move(err);
  result.calibrationSamples = samples.calibrationCount;
  result.evalSamples = samples.eval.size();
  result.evalSource = samples.evalSource;

  if (llvm::Error err = dumpModule(options, "0-input.mlir", *floatModule))
    return std::move(err);

  llvm::Expected<Quantized> quantized = quantizeModel(
      *floatModule, options, samples, context, /*dump=*/true, "calibrating");
  if (!quantized)
    return quantized.takeError();
  result.ops = quantized->ops;
  result.layers = quantized->layers;
  result.warnings = quantized->warnings;
  result.outputBytes = quantized->bytes.size();
  result.int4Tensors = quantized->int4Tensors;
  result.packedBytes = quantized->packedBytes;

  // Measure on the held-out samples.
  std::unique_ptr<Interpreter> quantInterp;
  if (!samples.eval.empty() && floatInterpError.empty()) {
    func::FuncOp quantFunc = *findEntryFunction(*quantized->readBack);
    llvm::Expected<std::unique_ptr<Interpreter>> interp =
        Interpreter::create(quantFunc);
    if (!interp)
      result.evalSource +=
          " -- not measured: " + toString(interp.takeError());
    else
      quantInterp = std::move(*interp);
  } else if (!samples.eval.empty()) {
    result.evalSource += " -- not measured: " + floatInterpError;
  }
  if (quantInterp) {
    ProgressBar progress("evaluating", samples.eval.size(), llvm::errs(),
                         options.progress && llvm::errs().is_displayed());
    bool tensors = options.compareTensors || options.suggest ||
                   !options.reportPath.empty();
    if (llvm::Error err =
            evaluate(**floatInterp, *quantInterp, samples.eval, tensors,
                     result.outputs, tensors ? &result.tensors : nullptr,
                     &progress)) {
      // The model is written all the same; only the measurement is missing.
      result.evalSource += " -- not measured: " + toString(std::move(err));
      result.outputs.clear();
      result.tensors.clear();
      quantInterp.reset();
    }
    progress.finish();
  }
  if (quantInterp) {
    result.meanSqnrDb = meanSqnr(result.outputs);

    // Largest added noise first; exact tensors have nothing to improve.
    std::vector<size_t> order;
    std::vector<double> added(result.tensors.size(), 0);
    for (size_t i = 0; i < result.tensors.size(); ++i) {
      const TensorStats &t = result.tensors[i];
      if (!std::isfinite(t.sqnrDb()))
        continue;
      double inherited = 0;
      for (size_t in : t.inputs)
        inherited = std::max(inherited, noiseToSignal(result.tensors[in]));
      added[i] = noiseToSignal(t) - inherited;
      if (added[i] > 0)
        order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return added[a] > added[b]; });
    if (needsCalibration(options.mode))
      for (size_t i = 0; i < std::min<size_t>(order.size(), 5); ++i)
        result.worst.push_back(
            {order[i], suggestFor(result.tensors[order[i]], options,
                                  profile ? &*profile : nullptr)});
  }

  if (options.suggest && quantInterp && !result.worst.empty()) {
    // One trial per distinct suggestion; the keep-float ones together.
    std::vector<std::pair<std::string, std::vector<std::string>>> trials;
    std::vector<std::string> denied;
    for (auto &[index, s] : result.worst) {
      if (s.kind == "keep-float") {
        denied.push_back(s.tensor);
        continue;
      }
      bool seen = llvm::any_of(trials, [&](auto &t) {
        return t.second == s.flags;
      });
      if (!seen)
        trials.push_back({s.kind + ": " + llvm::join(s.flags, " "), s.flags});
    }
    if (!denied.empty()) {
      std::vector<std::string> flags;
      for (const std::string &name : denied) {
        flags.push_back("--deny-locs");
        flags.push_back(name);
      }
      trials.push_back({"keep float: the " + std::to_string(denied.size()) +
                            " worst layer(s)",
                        flags});
      if (denied.size() > 1)
        trials.push_back({"keep float: the worst layer",
                          {"--deny-locs", denied.front()}});
    }
    // Whole-model alternatives: another calibration method, 16-bit
    // activations (when the mode can keep float I/O).
    for (llvm::StringRef method : {"mse", "percentile=99.99"}) {
      std::vector<std::string> flags = {"--calibration-method", method.str()};
      if (options.calibrationMethod != method &&
          !llvm::any_of(trials, [&](auto &t) { return t.second == flags; }))
        trials.push_back({"calibration: " + method.str(), flags});
    }
    if (options.mode == ConvertMode::Int8 &&
        !llvm::any_of(trials, [&](auto &t) {
          return t.second == std::vector<std::string>{"--mode", "int16x8"};
        }))
      trials.push_back({"16-bit activations", {"--mode", "int16x8"}});
    for (auto &[description, flags] : trials) {
      SuggestionTrial trial;
      trial.description = description;
      trial.flags = flags;
      ConvertOptions tried = applyFlags(options, flags);
      llvm::Expected<Quantized> q = quantizeModel(
          *floatModule, tried, samples, context, /*dump=*/false, "trying");
      std::unique_ptr<Interpreter> interp;
      if (q) {
        llvm::Expected<std::unique_ptr<Interpreter>> i =
            Interpreter::create(*findEntryFunction(*q->readBack));
        if (i)
          interp = std::move(*i);
        else
          trial.error = toString(i.takeError());
      } else {
        trial.error = toString(q.takeError());
      }
      if (interp) {
        if (llvm::Error err = evaluate(**floatInterp, *interp, samples.eval,
                                       false, trial.outputs, nullptr, nullptr))
          trial.error = toString(std::move(err));
      }
      if (trial.error.empty()) {
        trial.meanSqnrDb = meanSqnr(trial.outputs);
        trial.gainDb = trial.meanSqnrDb - result.meanSqnrDb;
      }
      result.trials.push_back(std::move(trial));
    }
  }

  if (!isOutputMlir(options) && result.inputBytes == 0) {
    // An .mlir input: the float model as TFLite is the size reference.
    std::string bytes;
    llvm::raw_string_ostream os(bytes);
    DiagnosticCollector diags(context);
    if (succeeded(exportTFLite(*floatModule, os)))
      result.inputBytes = bytes.size();
  }

  if (!options.reportPath.empty())
    if (llvm::Error err = writeReport(options.reportPath, options, result))
      return badInput("cannot write " + options.reportPath + ": " +
                      toString(std::move(err)));
  if (llvm::Error err =
          llvm::writeToOutput(options.outputPath, [&](llvm::raw_ostream &os) {
            os << quantized->bytes;
            return llvm::Error::success();
          }))
    return badInput("cannot write " + options.outputPath + ": " +
                    toString(std::move(err)));
  return std::move(result);
}

//===----------------------------------------------------------------------===//
// Summary
//===----------------------------------------------------------------------===//

static std::string formatDb(double db) {
  if (std::isinf(db))
    return "exact";
  return llvm::formatv("{0:F1} dB", db).str();
}

void qnt::printSummary(const ConvertOptions &options,
                       const ConvertResult &result, llvm::raw_ostream &os) {
  os << "qnt-convert: " << options.inputPath << " -> " << options.outputPath;
  if (!result.targetName.empty())
    os << " (--target " << result.targetName << ")\n"
       << (result.targetDescription.empty()
               ? ""
               : "target: " + result.targetDescription + "\n");
  else
    os << " (--mode " << result.modeName << ")\n";
  if (result.calibrationSamples)
    os << "calibration: " << result.calibrationSamples << " samples of "
       << options.calibrationData << ", method " << options.calibrationMethod
       << "\n";
  const OpSummary &ops = result.ops;
  os << "ops: " << ops.total << " total, " << ops.integer << " integer, "
     << ops.hybrid << " hybrid (int8 weights, float compute), "
     << ops.floating << " float\n";
  for (const FloatReason &r : ops.floatReasons) {
    os << "  float: " << r.ops.size() << " x " << r.reason << ": ";
    size_t shown = std::min<size_t>(r.ops.size(), 4);
    for (size_t i = 0; i < shown; ++i)
      os << (i ? ", " : "") << r.ops[i];
    if (shown < r.ops.size())
      os << ", ... (" << r.ops.size() - shown << " more)";
    os << "\n";
  }
  if (!result.layers.empty()) {
    // Layers grouped by precision and reason, in order of appearance.
    struct Group {
      const LayerPrecision *first;
      std::vector<std::string> names;
    };
    std::vector<Group> groups;
    for (const LayerPrecision &layer : result.layers) {
      auto it = llvm::find_if(groups, [&](const Group &g) {
        return g.first->precision == layer.precision &&
               g.first->weights == layer.weights && g.first->why == layer.why;
      });
      if (it == groups.end()) {
        groups.push_back({&layer, {}});
        it = std::prev(groups.end());
      }
      it->names.push_back(layer.op + " '" + layer.tensor + "'");
    }
    os << "precision of the " << result.layers.size()
       << " layers (each one in --report):\n";
    for (const Group &g : groups) {
      os << "  " << g.first->precision
         << (g.first->weights.empty() ? "" : ", weights " + g.first->weights)
         << ": " << g.names.size() << " x " << g.first->why << ": ";
      size_t shown = std::min<size_t>(g.names.size(), 4);
      for (size_t i = 0; i < shown; ++i)
        os << (i ? ", " : "") << g.names[i];
      if (shown < g.names.size())
        os << ", ... (" << g.names.size() - shown << " more)";
      os << "\n";
    }
  }
  os << "size: " << result.inputBytes << " -> " << result.outputBytes
     << " bytes";
  if (result.inputBytes)
    os << llvm::formatv(" ({0:F3}x)",
                        double(result.outputBytes) / result.inputBytes);
  os << "\n";
  if (options.packInt4)
    os << "  " << result.int4Tensors
       << " constants written as packed INT4 (two values a byte)\n";
  else if (result.packedBytes)
    os << "  4-bit weights in int8 containers; with --pack-int4: "
       << result.packedBytes << " bytes\n";
  if (result.evalSource.empty()) {
    os << "evaluation: no samples (--eval-data PATH or --calibration-data "
          "with --eval-split F)\n";
    return;
  }
  os << "evaluation on " << result.evalSource << ":\n";
  for (const OutputStats &o : result.outputs) {
    os << "  output '" << o.values.name << "': SQNR "
       << formatDb(o.values.sqnrDb())
       << llvm::format(", max abs error %.4g, MSE %.4g",
                       o.values.maxAbsError, o.values.mse());
    if (o.top1Agree)
      os << llvm::formatv(", top-1 agreement {0}/{1} ({2:F1}%)",
                          *o.top1Agree, o.top1Rows,
                          100.0 * *o.top1Agree / std::max<uint64_t>(
                                                     o.top1Rows, 1));
    os << "\n";
  }
  if (!result.worst.empty()) {
    os << "worst quantized tensors:\n";
    for (auto &[index, s] : result.worst) {
      const TensorStats &t = result.tensors[index];
      os << "  " << t.name << " (" << t.opName << "): SQNR "
         << formatDb(t.sqnrDb()) << "; try " << llvm::join(s.flags, " ")
         << "\n";
    }
  }
  for (const SuggestionTrial &t : result.trials) {
    if (!t.error.empty()) {
      os << "tried " << t.description << ": failed: "
         << llvm::StringRef(t.error).split('\n').first << "\n";
      continue;
    }
    os << "tried " << t.description
       << llvm::formatv(": mean output SQNR {0:F1} dB ({1}{2:F1} dB)\n",
                        t.meanSqnrDb, t.gainDb >= 0 ? "+" : "", t.gainDb);
  }
}
