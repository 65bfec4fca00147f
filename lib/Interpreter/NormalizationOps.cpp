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

namespace {
/// x * 2^exponent saturated to int32.
int32_t shiftLeftSaturating(int32_t x, int exponent) {
  int64_t wide = static_cast<int64_t>(x) * (int64_t(1) << exponent);
  wide = std::min<int64_t>(wide, std::numeric_limits<int32_t>::max());
  wide = std::max<int64_t>(wide, std::numeric_limits<int32_t>::min());
  return static_cast<int32_t>(wide);
}

/// 1 / sqrt(sum) as a quantized multiplier (shift counted to the left), by
/// TFLite's method: bring sum into [2^27, 2^29) by pairs of bits, refine
/// x = 1 in fixed point with 3 integer bits by five Newton steps
/// x <- 1.5 x - (sum / 2) x^3, and multiply by sqrt(2) / 2. Sums of 0 and
/// 1 give the largest multiplier.
QuantizedMultiplier inverseSqrt(int32_t sum) {
  if (sum <= 1)
    return {std::numeric_limits<int32_t>::max(), 0};
  int rightShift = 11;
  while (sum >= (1 << 29)) {
    sum /= 4;
    ++rightShift;
  }
  const int freeBits = __builtin_clz(static_cast<uint32_t>(sum)) - 1;
  const int pairs = freeBits / 2 - 1;
  rightShift -= pairs;
  sum <<= 2 * pairs;
  const int32_t one = 1 << 28; // 1.0 with 3 integer bits
  const int32_t halfSum = roundingDivideByPOT(sum >> 1, 1);
  const int32_t threeHalves = one + (one >> 1);
  int32_t x = one;
  for (int step = 0; step < 5; ++step) {
    // x^3 has 9 integer bits: shift back to 6 to match 1.5 * x.
    int32_t cube = shiftLeftSaturating(
        saturatingRoundingDoublingHighMul(
            saturatingRoundingDoublingHighMul(x, x), x),
        6);
    uint32_t a = static_cast<uint32_t>(
        saturatingRoundingDoublingHighMul(threeHalves, x));
    uint32_t b =
        static_cast<uint32_t>(saturatingRoundingDoublingHighMul(halfSum, cube));
    x = shiftLeftSaturating(static_cast<int32_t>(a - b), 3);
  }
  const int32_t halfSqrt2 = 1518500250; // round(2^31 * sqrt(2) / 2)
  int32_t multiplier = saturatingRoundingDoublingHighMul(x, halfSqrt2);
  if (rightShift < 0) {
    multiplier = static_cast<int32_t>(static_cast<uint32_t>(multiplier)
                                      << -rightShift);
    rightShift = 0;
  }
  return {multiplier, -rightShift};
}
} // namespace

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
    QuantizedMultiplier inv = inverseSqrt(static_cast<int32_t>(wide));
    for (int64_t c = 0; c < depth; ++c) {
      int32_t v = multiplyByQuantizedMultiplier(
          static_cast<int32_t>(x[c] - zp), inv.multiplier,
          inv.shift + kOutputBits);
      y[c] = clampTo<int8_t>(v, -128, 127);
    }
  }
  return llvm::Error::success();
}
