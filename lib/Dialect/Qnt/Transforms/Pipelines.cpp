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
  prepare.perChannel = options.perChannel;
  prepare.perChannelFC = options.perChannelFC;
  funcPm.addPass(createPrepareQuantize(prepare));
  funcPm.addPass(createPropagateQuantize());
  QuantizeOptions quantize;
  quantize.denyOps.assign(options.denyOps.begin(), options.denyOps.end());
  quantize.denyLocs.assign(options.denyLocs.begin(), options.denyLocs.end());
  funcPm.addPass(createQuantize(quantize));
  PostQuantizeOptions post;
  post.ioType = options.integerOnly ? options.ioType.getValue() : "float";
  post.integerOnly = options.integerOnly;
  funcPm.addPass(createPostQuantize(post));
}

void qnt::registerQuantizationPipelines() {
  PassPipelineRegistration<Int8PipelineOptions>(
      "quantize-int8",
      "Full integer quantization with float fallback and float I/O",
      [](OpPassManager &pm, const Int8PipelineOptions &options) {
        Int8PipelineOptions copy;
        copy.copyOptionValuesFrom(options);
        copy.integerOnly = false;
        buildQuantizeInt8Pipeline(pm, copy);
      });
  PassPipelineRegistration<Int8PipelineOptions>(
      "quantize-int8-only",
      "Integer-only quantization (every op int8, int8 or uint8 I/O)",
      [](OpPassManager &pm, const Int8PipelineOptions &options) {
        Int8PipelineOptions copy;
        copy.copyOptionValuesFrom(options);
        copy.integerOnly = true;
        buildQuantizeInt8Pipeline(pm, copy);
      });
}
