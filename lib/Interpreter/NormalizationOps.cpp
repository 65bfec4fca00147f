//===- NormalizationOps.cpp - l2_normalization ----------------------------===//
//
// Division by the L2 norm of the last dimension. The int8 kernel is TFLite's:
// the sum of squares gets a fixed-point inverse square root (the same
// Newton iteration as its RSQRT) and each value is scaled by it with 7 more
// bits, so the result has the fixed scale 1/128.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <limits>

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

llvm::Error interp::evalL2Normalization(L2NormalizationOp op,
                                        Operands operands, Tensor &result,
                                        Scratch &) {
  const Tensor &in = *operands[0];
  if (auto err = prepareResult(op.getOutput(), in.getShape(), result))
    return err;
  if (in.getKind() != result.getKind())
    return kernelError("input and result must have one element type");
  const int64_t depth = in.getRank() == 0 ? 1 : in.getShape().back();
  const int64_t outer = depth == 0 ? 0 : in.getNumElements() / depth;
  if (!isQuantized(op.getOutput())) {
    if (in.getKind() != ElementKind::F32)
      return kernelError("expected float input and result");
    const float *x = in.getData<float>();
    float *y = result.getData<float>();
    for (int64_t o = 0; o < outer; ++o, x += depth, y += depth) {
      float squares = 0;
      for (int64_t c = 0; c < depth; ++c)
        squares += x[c] * x[c];
      // TFLite's epsilon keeps an all-zero row finite.
      float norm = std::max(std::sqrt(squares), 1e-6f);
      for (int64_t c = 0; c < depth; ++c)
        y[c] = x[c] / norm;
    }
    return llvm::Error::success();
  }
  if (in.getKind() != ElementKind::I8)
    return kernelError("quantized l2_normalization needs int8, got {0}",
                       getElementKindName(in.getKind()));
  auto qi = getPerTensorQuantInfo(op.getInput(), "input");
  if (!qi)
    return qi.takeError();
  auto qo = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!qo)
    return qo.takeError();
  // The kernel writes scale 1/128 with zero point 0 whatever the type says.
  if (qo->scale() != 1.0 / 128 || qo->zeroPoint() != 0)
    return kernelError("int8 l2_normalization needs result parameters "
                       "(1/128, 0), got ({0}, {1})",
                       qo->scale(), qo->zeroPoint());
  const int8_t *x = in.getData<int8_t>();
  int8_t *y = result.getData<int8_t>();
  const int32_t zp = static_cast<int32_t>(qi->zeroPoint());
  constexpr int kOutputBits = 7;
  for (int64_t o = 0; o < outer; ++o, x += depth, y += depth) {
    // Squares of differences of int8 values fit int32 for any TFLite depth.
    int64_t wide = 0;
    for (int64_t c = 0; c < depth; ++c) {
      int32_t v = x[c] - zp;
      wide += v * v;
    }
    if (wide > std::numeric_limits<int32_t>::max())
      return kernelError("sum of squares {0} overflows TFLite's int32 "
                         "accumulator",
                         wide);
    QuantizedMultiplier inv = inverseSqrtMultiplier(static_cast<int32_t>(wide));
    for (int64_t c = 0; c < depth; ++c) {
      int32_t v = multiplyByQuantizedMultiplier(
          static_cast<int32_t>(x[c] - zp), inv.multiplier,
          inv.shift + kOutputBits);
      y[c] = clampTo<int8_t>(v, -128, 127);
    }
  }
  return llvm::Error::success();
}
