//===- Pipelines.h - The quantization pipelines -------------------*- C++ -*-===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_PIPELINES_H
#define QNT_DIALECT_QNT_TRANSFORMS_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace qnt {

/// Options of the int8 pipelines, as `qnt-opt --quantize-int8="..."` takes
/// them.
struct Int8PipelineOptions
    : public mlir::PassPipelineOptions<Int8PipelineOptions> {
  Option<bool> perChannel{*this, "per-channel",
                          llvm::cl::desc("Per-channel conv/depthwise weights"),
                          llvm::cl::init(true)};
  Option<bool> perChannelFC{
      *this, "per-channel-fc",
      llvm::cl::desc("Per-channel fully connected weights"),
      llvm::cl::init(true)};
  ListOption<std::string> denyOps{
      *this, "deny-ops", llvm::cl::desc("Ops kept float, by name")};
  ListOption<std::string> denyLocs{
      *this, "deny-locs", llvm::cl::desc("Ops kept float, by tensor name")};
  Option<std::string> ioType{
      *this, "io-type",
      llvm::cl::desc("Integer-only I/O type: int8 or uint8"),
      llvm::cl::init("int8")};
  Option<bool> integerOnly{*this, "integer-only",
                           llvm::cl::desc("Every op must be integer"),
                           llvm::cl::init(false)};
};

/// fold-float16-weights, prepare, propagate, quantize, post-quantize.
void buildQuantizeInt8Pipeline(mlir::OpPassManager &pm,
                               const Int8PipelineOptions &options);

/// Registers `quantize-int8` and `quantize-int8-only`.
void registerQuantizationPipelines();

} // namespace qnt

#endif // QNT_DIALECT_QNT_TRANSFORMS_PIPELINES_H
