//===- Pipelines.cpp - The quantization pipelines of qnt-opt --------------===//

#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/TargetProfile.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace qnt;

void qnt::buildQuantizeInt8Pipeline(OpPassManager &pm,
                                    const Int8PipelineOptions &options) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createFoldFloat16Weights());
  PrepareQuantizeOptions prepare;
  prepare.activationBits = options.activationBits;
  prepare.perChannel = options.perChannel;
  prepare.perChannelFC = options.perChannelFC;
  prepare.weightBits = options.weightBits;
  prepare.powerOfTwoScales = options.powerOfTwoScales;
  prepare.int16Layers.assign(options.int16Layers.begin(),
                             options.int16Layers.end());
  funcPm.addPass(createPrepareQuantize(prepare));
  PropagateQuantizeOptions propagate;
  propagate.activationBits = options.activationBits;
  propagate.powerOfTwoScales = options.powerOfTwoScales;
  funcPm.addPass(createPropagateQuantize(propagate));
  QuantizeOptions quantize;
  quantize.activationBits = options.activationBits;
  quantize.denyOps.assign(options.denyOps.begin(), options.denyOps.end());
  quantize.denyLocs.assign(options.denyLocs.begin(), options.denyLocs.end());
  quantize.allowOps.assign(options.allowOps.begin(), options.allowOps.end());
  funcPm.addPass(createQuantize(quantize));
  PostQuantizeOptions post;
  // 16x8 models keep float I/O, as TFLite's converter makes them.
  post.ioType = options.integerOnly && options.activationBits == 8
                    ? options.ioType.getValue()
                    : "float";
  post.integerOnly = options.integerOnly;
  funcPm.addPass(createPostQuantize(post));
  if (options.biasBits == 32)
    funcPm.addPass(createSelectBiasBits(SelectBiasBitsOptions{32}));
  if (options.reportPrecision) {
    ReportPrecisionOptions report;
    report.target = options.target;
    report.activationBits = options.activationBits;
    report.denyOps = quantize.denyOps;
    report.denyLocs = quantize.denyLocs;
    report.allowOps = quantize.allowOps;
    funcPm.addPass(createReportPrecision(report));
  }
}

llvm::Error qnt::parseLayerPrecision(ArrayRef<std::string> entries,
                                     std::map<std::string, std::string> &layers) {
  for (const std::string &entry : entries) {
    auto [tensor, precision] = StringRef(entry).rsplit('=');
    if (tensor.empty() || precision.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "layer-precision '" + entry +
                                         "' is not TENSOR=PRECISION");
    layers[tensor.str()] = precision.str();
  }
  return llvm::Error::success();
}

llvm::Error
qnt::applyLayerPrecision(const std::map<std::string, std::string> &layers,
                         Int8PipelineOptions &options) {
  std::string own = "int" + std::to_string(options.activationBits);
  for (const auto &[tensor, precision] : layers) {
    if (precision == "float")
      options.denyLocs.push_back(tensor);
    else if (precision == "int16" && own == "int8")
      options.int16Layers.push_back(tensor);
    else if (precision != own)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "layer '" + tensor + "' asks for " + precision +
              ": a layer can be float, " + own +
              (own == "int8" ? " or int16" : "") +
              (own == "int16" ? " (int8 layers in an int16 model are not "
                                "supported)"
                              : ""));
  }
  return llvm::Error::success();
}

llvm::Error qnt::applyTargetProfile(const TargetProfile &profile,
                                    Int8PipelineOptions &options) {
  if (profile.float16)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "target '" + profile.name +
                                       "' is a float16 target: it has no "
                                       "integer pipeline");
  options.activationBits = profile.activationBits;
  options.weightBits = profile.weightBits;
  options.perChannel = profile.perChannel;
  options.perChannelFC = profile.perChannelFC;
  options.powerOfTwoScales = profile.powerOfTwoScales;
  options.integerOnly = profile.integerOnly;
  options.ioType = profile.ioType;
  options.allowOps = profile.ops;
  return applyLayerPrecision(profile.layers, options);
}

/// Applies a target profile (and per-layer overrides) to the options.
/// Returns true when the target wants the float16 pipeline instead.
static FailureOr<bool>
applyTarget(Int8PipelineOptions &options,
            function_ref<LogicalResult(const Twine &)> errorHandler) {
  auto fail = [&](const Twine &message) -> FailureOr<bool> {
    (void)errorHandler(message);
    return failure();
  };
  if (options.target.empty())
    return fail(
        "quantize-target: give a target: target=NAME or target=FILE.json");
  llvm::Expected<TargetProfile> profile = loadTargetProfile(options.target);
  if (!profile)
    return fail("quantize-target: " + toString(profile.takeError()));
  if (llvm::Error err =
          parseLayerPrecision(options.layerPrecision, profile->layers))
    return fail("quantize-target: " + toString(std::move(err)));
  if (profile->float16)
    return true;
  if (llvm::Error err = applyTargetProfile(*profile, options))
    return fail("quantize-target: " + toString(std::move(err)));
  options.reportPrecision = true;
  return false;
}

void qnt::buildQuantizeFloat16Pipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createFoldFloat16Weights());
  funcPm.addPass(createQuantizeFloat16Weights());
}

void qnt::buildQuantizeDynamicRangePipeline(
    OpPassManager &pm, const DynamicRangePipelineOptions &options) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createFoldFloat16Weights());
  QuantizeDynamicRangeOptions dynamic;
  dynamic.minElements = options.minElements;
  dynamic.perChannel = options.perChannel;
  dynamic.perChannelFC = options.perChannelFC;
  dynamic.asymmetricInputs = options.asymmetricInputs;
  funcPm.addPass(createQuantizeDynamicRange(dynamic));
}

/// Registers one int8 pipeline. The raw registry entry (rather than
/// PassPipelineRegistration) lets building fail with a message.
static void registerInt8Pipeline(
    llvm::StringRef name, llvm::StringRef description, bool integerOnly,
    unsigned activationBits, const CalibrationPipelineBuilder &calibration,
    bool isTarget = false) {
  registerPassPipeline(
      name, description,
      [=, name = name.str()](
          OpPassManager &pm, StringRef optionsText,
          function_ref<LogicalResult(const Twine &)> errorHandler) {
        Int8PipelineOptions options;
        if (failed(options.parseFromString(optionsText)))
          return failure();
        options.activationBits = activationBits;
        if (options.biasBits != 32 && options.biasBits != 64)
          return errorHandler(name + ": bias-bits must be 32 or 64, got " +
                              Twine(options.biasBits.getValue()));
        if (options.biasBits == 32 && activationBits != 16)
          return errorHandler(name + ": bias-bits=32 applies to 16x8 "
                                     "models; int8 biases are always 32-bit");
        options.integerOnly =
            activationBits == 16 ? !options.fallback : integerOnly;
        if (isTarget) {
          FailureOr<bool> useFloat16 = applyTarget(options, errorHandler);
          if (failed(useFloat16))
            return failure();
          if (*useFloat16) {
            buildQuantizeFloat16Pipeline(pm);
            return success();
          }
        }
        if (!options.calibrationData.empty()) {
          if (!calibration)
            return errorHandler(
                name + ": calibration-data needs the calibration library, "
                       "which this tool does not register");
          if (failed(calibration(pm, options)))
            return failure();
        }
        buildQuantizeInt8Pipeline(pm, options);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optHandler) {
        optHandler(Int8PipelineOptions());
      });
}

void qnt::registerQuantizationPipelines(
    const CalibrationPipelineBuilder &calibration) {
  registerInt8Pipeline(
      "quantize-int8",
      "Full integer quantization with float fallback and float I/O",
      /*integerOnly=*/false, /*activationBits=*/8, calibration);
  registerInt8Pipeline(
      "quantize-int8-only",
      "Integer-only quantization (every op int8, int8 or uint8 I/O)",
      /*integerOnly=*/true, /*activationBits=*/8, calibration);
  registerInt8Pipeline(
      "quantize-int16x8",
      "16-bit activations, 8-bit weights, 32-bit bias (fallback=false: "
      "every op integer)",
      /*integerOnly=*/false, /*activationBits=*/16, calibration);
  registerInt8Pipeline(
      "quantize-target",
      "Quantize as a target profile says (target=NAME|FILE: tflite-cpu, "
      "int8-per-tensor, int16-pow2-dsp, fp16-gpu, int8-mcu), printing the "
      "precision of each layer",
      /*integerOnly=*/false, /*activationBits=*/8, calibration,
      /*isTarget=*/true);
  PassPipelineRegistration<>(
      "quantize-float16",
      "Float16 weights (f16 constants + dequantize), f32 activations",
      [](OpPassManager &pm) { buildQuantizeFloat16Pipeline(pm); });
  PassPipelineRegistration<DynamicRangePipelineOptions>(
      "quantize-dynamic-range",
      "int8 weights of conv/depthwise/fully connected/batch matmul, float "
      "activations (hybrid kernels)",
      [](OpPassManager &pm, const DynamicRangePipelineOptions &options) {
        buildQuantizeDynamicRangePipeline(pm, options);
      });
}
