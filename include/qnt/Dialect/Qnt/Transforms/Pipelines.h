//===- Pipelines.h - The quantization pipelines -------------------*- C++ -*-===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_PIPELINES_H
#define QNT_DIALECT_QNT_TRANSFORMS_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <string>

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
  Option<unsigned> weightBits{
      *this, "weight-bits",
      llvm::cl::desc("Bit width of weights, 2 to 8 (int8 storage)"),
      llvm::cl::init(8)};
  Option<bool> powerOfTwoScales{
      *this, "power-of-two-scales",
      llvm::cl::desc("Round every scale up to a power of two"),
      llvm::cl::init(false)};
  // quantize-target only.
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("Target profile: a built-in name or a JSON file")};
  ListOption<std::string> layerPrecision{
      *this, "layer-precision",
      llvm::cl::desc("Per-layer overrides, TENSOR=float or TENSOR=int16 "
                     "(an int16 layer in an int8 model)")};
  // 16x8 only.
  Option<bool> fallback{
      *this, "fallback",
      llvm::cl::desc("16x8: ops without an int16 kernel stay float (else "
                     "an error naming them)"),
      llvm::cl::init(true)};
  Option<unsigned> biasBits{
      *this, "bias-bits",
      llvm::cl::desc("16x8: width of biases in the TFLite file, 64 or 32 "
                     "(32 only where the op's kernel takes it safely)"),
      llvm::cl::init(64)};
  /// Set by the pipeline, not an option: 8 for int8, 16 for 16x8.
  unsigned activationBits = 8;
  /// Set from a target profile: only these ops are quantized.
  std::vector<std::string> allowOps;
  /// Set from per-layer overrides: layers kept at int16 in an int8 model.
  std::vector<std::string> int16Layers;
  /// Print the precision report at the end (quantize-target).
  bool reportPrecision = false;
  // Calibration inside the pipeline. Running it needs the interpreter, which
  // this library does not link: see CalibrationPipelineBuilder.
  Option<std::string> calibrationData{
      *this, "calibration-data",
      llvm::cl::desc("Calibrate on this data set (.npy, .npz or an image "
                     "directory) when the input has no statistics")};
  Option<std::string> calibrationMethod{
      *this, "calibration-method",
      llvm::cl::desc("minmax, moving-average, percentile=P, entropy or mse"),
      llvm::cl::init("minmax")};
  Option<unsigned> calibrationSamples{
      *this, "calibration-samples",
      llvm::cl::desc("Use at most this many samples (0: all)"),
      llvm::cl::init(0)};
  ListOption<float> calibrationMean{
      *this, "calibration-mean",
      llvm::cl::desc("Images: per-channel (or one) mean")};
  ListOption<float> calibrationStd{
      *this, "calibration-std",
      llvm::cl::desc("Images: per-channel (or one) std")};
  Option<std::string> calibrationChannelOrder{
      *this, "calibration-channel-order",
      llvm::cl::desc("Images: rgb or bgr"), llvm::cl::init("rgb")};
};

/// fold-float16-weights, prepare, propagate, quantize, post-quantize. The
/// calibration options are ignored here: the caller adds calibration first.
void buildQuantizeInt8Pipeline(mlir::OpPassManager &pm,
                               const Int8PipelineOptions &options);

struct TargetProfile;

/// Adds TENSOR=PRECISION entries to \p layers (later entries win).
llvm::Error parseLayerPrecision(llvm::ArrayRef<std::string> entries,
                                std::map<std::string, std::string> &layers);

/// Applies per-layer precisions to options whose activationBits is set:
/// "float" layers join denyLocs, "int16" layers of an 8-bit model join
/// int16Layers; anything else but the model's own width is an error.
llvm::Error
applyLayerPrecision(const std::map<std::string, std::string> &layers,
                    Int8PipelineOptions &options);

/// Sets bit widths, per-channel, scales, I/O type, op list and per-layer
/// precisions from an integer \p profile (a float16 one is an error).
llvm::Error applyTargetProfile(const TargetProfile &profile,
                               Int8PipelineOptions &options);

/// Options of `quantize-dynamic-range`.
struct DynamicRangePipelineOptions
    : public mlir::PassPipelineOptions<DynamicRangePipelineOptions> {
  Option<int64_t> minElements{
      *this, "min-elements",
      llvm::cl::desc("Weights with fewer elements stay float"),
      llvm::cl::init(1024)};
  Option<bool> perChannel{*this, "per-channel",
                          llvm::cl::desc("Per-channel conv/depthwise weights"),
                          llvm::cl::init(true)};
  Option<bool> perChannelFC{
      *this, "per-channel-fc",
      llvm::cl::desc("Per-channel fully connected weights"),
      llvm::cl::init(false)};
  Option<bool> asymmetricInputs{
      *this, "asymmetric-inputs",
      llvm::cl::desc("Hybrid kernels quantize inputs asymmetrically"),
      llvm::cl::init(true)};
};

/// fold-float16-weights then quantize-float16-weights: f16 weights, f32
/// activations.
void buildQuantizeFloat16Pipeline(mlir::OpPassManager &pm);

/// fold-float16-weights then quantize-dynamic-range.
void buildQuantizeDynamicRangePipeline(
    mlir::OpPassManager &pm, const DynamicRangePipelineOptions &options);

/// Adds to a module-level pass manager the passes that calibrate as the
/// options' `calibration-*` values say. Provided by the calibration library.
using CalibrationPipelineBuilder = std::function<mlir::LogicalResult(
    mlir::OpPassManager &, const Int8PipelineOptions &)>;

/// Registers `quantize-int8`, `quantize-int8-only`, `quantize-int16x8`,
/// `quantize-float16` and `quantize-dynamic-range`. With \p calibration,
/// `calibration-data=PATH` runs it before quantizing; without, that option
/// is an error.
void registerQuantizationPipelines(
    const CalibrationPipelineBuilder &calibration = nullptr);

} // namespace qnt

#endif // QNT_DIALECT_QNT_TRANSFORMS_PIPELINES_H
