//===- KernelSupport.h - Helpers shared by the op kernels -------*- C++ -*-===//
//
// Errors, quantization parameters read from MLIR types, shape arithmetic
// (broadcasting, TFLite padding) and fused activations: the small pieces
// every kernel file uses. Private to the interpreter library.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_INTERPRETER_KERNELSUPPORT_H
#define QNT_LIB_INTERPRETER_KERNELSUPPORT_H

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Interpreter/Tensor.h"
#include "qnt/Support/QuantMath.h"

#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace qnt {
namespace interp {

/// A failure inside a kernel; the interpreter prefixes it with the op and
/// its location.
template <typename... Ts>
llvm::Error kernelError(const char *format, Ts &&...values) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      llvm::formatv(format, std::forward<Ts>(values)...).str());
}

/// Buffers a kernel may use for intermediate results. Owned by a workspace,
/// so they are allocated once per thread and reused for every op and sample.
struct Scratch {
  std::vector<float> f32;
  std::vector<float> f32b;
  std::vector<int32_t> i32;
  std::vector<int32_t> i32b;
  std::vector<int64_t> i64;
  std::vector<int64_t> i64b;
  std::vector<float> packed;

  // Set by the interpreter around the op being run.
  /// The op's float filter and bias rearranged by packFilter when the
  /// interpreter was prepared; null if they are not constant.
  const float *packedFilter = nullptr;
  /// A ReLU-family activation of the single user of the op's result, fused
  /// into the op by the interpreter (that result is never materialised). Only
  /// set for float conv_2d, depthwise_conv_2d and add, whose kernels apply it
  /// after their own activation.
  Activation fusedActivation = Activation::None;

  template <typename T> T *grow(std::vector<T> &v, size_t n) {
    if (v.size() < n)
      v.resize(n);
    return v.data();
  }
};

//===----------------------------------------------------------------------===//
// Types and quantization parameters
//===----------------------------------------------------------------------===//

/// True if \p v has a quantized element type.
bool isQuantized(mlir::Value v);
/// True if \p v has an f32 or f16 element type.
bool isFloat(mlir::Value v);

/// Quantization parameters of a tensor the way TFLite's kernels see them:
/// scales rounded to float32 (TFLite stores them as float), the full range
/// of the storage integer type (TFLite clamps to it), one entry per channel
/// for per-axis types.
struct QuantInfo {
  llvm::SmallVector<double, 1> scales;
  llvm::SmallVector<int64_t, 1> zeroPoints;
  /// The quantized dimension of a per-axis type, -1 for per-tensor.
  int axis = -1;
  int64_t qmin = 0, qmax = 0;
  unsigned bits = 8;
  bool isSigned = true;

  bool isPerAxis() const { return axis >= 0; }
  /// Per-tensor parameters (requires a per-tensor type).
  QuantParams params() const { return {scales[0], zeroPoints[0]}; }
  double scale() const { return scales[0]; }
  int64_t zeroPoint() const { return zeroPoints[0]; }
};

/// Reads the parameters of \p v's quantized element type; fails with a message
/// naming \p what if it has none.
llvm::Expected<QuantInfo> getQuantInfo(mlir::Value v, llvm::StringRef what);
/// As getQuantInfo, and rejects per-axis types.
llvm::Expected<QuantInfo> getPerTensorQuantInfo(mlir::Value v,
                                                llvm::StringRef what);

/// quantizeMultiplier, rejecting multipliers whose shift the integer kernels
/// cannot apply (TFLite's range: -31..30).
llvm::Expected<QuantizedMultiplier> checkedMultiplier(double real,
                                                      llvm::StringRef what);

/// The element kind of \p v's type, or an error naming the type.
llvm::Expected<ElementKind> getKindOf(mlir::Value v);

/// Checks a computed result shape against the static extents of \p result's
/// type.
llvm::Error checkResultShape(mlir::Value result,
                             llvm::ArrayRef<int64_t> shape);

/// Prepares \p out with the kind of \p result and \p shape, after checking the
/// shape against the result type.
llvm::Error prepareResult(mlir::Value result, llvm::ArrayRef<int64_t> shape,
                          Tensor &out);

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

/// The numpy broadcast of two shapes, or an error.
llvm::Expected<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// What every element-wise binary kernel checks first: \p a and \p b
/// broadcast, \p out is prepared with the broadcast shape, operands and
/// result share one element kind and are all quantized or none.
llvm::Error prepareBinaryResult(mlir::Value lhs, mlir::Value rhs,
                                mlir::Value output, const Tensor &a,
                                const Tensor &b, Tensor &out);

/// Strides (in elements) of \p shape seen through the broadcast to
/// \p outShape: 0 along broadcast dimensions. Result has outShape's rank.
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> shape,
                                            llvm::ArrayRef<int64_t> outShape);

/// Row-major strides of \p shape.
llvm::SmallVector<int64_t> rowMajorStrides(llvm::ArrayRef<int64_t> shape);

/// Calls fn(aOffset, aStep, bOffset, bStep, outOffset, count) for runs of the
/// innermost dimension of the broadcast of a and b to outShape.
template <typename Fn>
void forEachBroadcastRun(llvm::ArrayRef<int64_t> aShape,
                         llvm::ArrayRef<int64_t> bShape,
                         llvm::ArrayRef<int64_t> outShape, Fn &&fn) {
  int64_t total = 1;
  for (int64_t d : outShape)
    total *= d;
  if (total == 0)
    return;
  if (aShape == bShape) {
    fn(0, 1, 0, 1, 0, total);
    return;
  }
  if (outShape.empty()) {
    fn(0, 0, 0, 0, 0, 1);
    return;
  }
  llvm::SmallVector<int64_t> aStrides = broadcastStrides(aShape, outShape);
  llvm::SmallVector<int64_t> bStrides = broadcastStrides(bShape, outShape);
  const int64_t rank = outShape.size(), inner = outShape.back();
  llvm::SmallVector<int64_t> index(rank, 0);
  int64_t aOff = 0, bOff = 0;
  for (int64_t out = 0; out < total; out += inner) {
    fn(aOff, aStrides[rank - 1], bOff, bStrides[rank - 1], out, inner);
    // Advance the outer index like an odometer.
    for (int64_t d = rank - 2; d >= 0; --d) {
      aOff += aStrides[d];
      bOff += bStrides[d];
      if (++index[d] < outShape[d])
        break;
      aOff -= aStrides[d] * outShape[d];
      bOff -= bStrides[d] * outShape[d];
      index[d] = 0;
    }
  }
}


/// Output extent and leading padding of one spatial dimension under TFLite's
/// SAME/VALID rules.
struct PaddedDim {
  int64_t outSize;
  int64_t padBefore;
};
PaddedDim computePadding(Padding padding, int64_t inSize, int64_t filterSize,
                         int64_t stride, int64_t dilation);

/// Normalises a possibly negative axis; fails if out of range.
llvm::Expected<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Reads a 1-D index operand (shape, axes, paddings...) as int64 values.
llvm::Expected<llvm::SmallVector<int64_t>> readIndexTensor(const Tensor &t,
                                                           llvm::StringRef what);

//===----------------------------------------------------------------------===//
// Fused activations
//===----------------------------------------------------------------------===//

/// The float clamp of a fused activation. Tanh and SignBit are not clamps and
/// are applied by applyFloatActivation.
llvm::Expected<FusedActivation> toClampActivation(Activation act);

/// The float clamp [lo, hi] of applying \p first then \p second (ReLU-family
/// activations or None, which is [-inf, inf]); false if either is not a
/// clamp.
bool getFloatClamp(Activation first, Activation second, float &lo, float &hi);

/// Applies a fused activation to float values in place.
llvm::Error applyFloatActivation(Activation act, float *data, int64_t n);

/// The quantized clamp [lo, hi] of a fused activation for an output with
/// \p info.
llvm::Expected<std::pair<int32_t, int32_t>>
quantizedActivationRange(Activation act, const QuantInfo &info);

/// Saturating narrowing of an int32 to the storage type T.
template <typename T> inline T clampTo(int64_t v, int64_t lo, int64_t hi) {
  return static_cast<T>(std::min(std::max(v, lo), hi));
}

} // namespace interp
} // namespace qnt

#endif // QNT_LIB_INTERPRETER_KERNELSUPPORT_H
