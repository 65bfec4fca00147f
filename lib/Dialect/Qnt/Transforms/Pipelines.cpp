//===- Pipelines.cpp - The quantization pipelines of qnt-opt --------------===//

#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"

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
  funcPm.addPass(createPrepareQuantize(prepare));
  PropagateQuantizeOptions propagate;
  propagate.activationBits = options.activationBits;
  funcPm.addPass(createPropagateQuantize(propagate));
  QuantizeOptions quantize;
  quantize.activationBits = options.activationBits;
  quantize.denyOps.assign(options.denyOps.begin(), options.denyOps.end());
  quantize.denyLocs.assign(options.denyLocs.begin(), options.denyLocs.end());
  funcPm.addPass(createQuantize(quantize));
  PostQuantizeOptions post;
  // 16x8 models keep float I/O, as TFLite's converter makes them.
  post.ioType = options.integerOnly && options.activationBits == 8
                    ? options.ioType.getValue()
                    : "float";
  post.integerOnly = options.integerOnly;
  funcPm.addPass(createPostQuantize(post));
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
    unsigned activationBits, const CalibrationPipelineBuilder &calibration) {
  registerPassPipeline(
      name, description,
      [=, name = name.str()](
          OpPassManager &pm, StringRef optionsText,
          function_ref<LogicalResult(const Twine &)> errorHandler) {
        Int8PipelineOptions options;
        if (failed(options.parseFromString(optionsText)))
          return failure();
        options.activationBits = activationBits;
        options.integerOnly =
            activationBits == 16 ? !options.fallback : integerOnly;
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
