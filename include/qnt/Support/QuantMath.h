//===- QuantMath.h - Quantization parameters and integer math ---*- C++ -*-===//
//
// Choosing scales and zero points, splitting real multipliers into a
// fixed-point multiplier and a shift, and the integer requantization
// arithmetic of TFLite's reference kernels. qnt's rewrites, its interpreter
// and its tests all use these functions so that one definition of the
// arithmetic serves everyone.
//
// Conventions: real = (q - zeroPoint) * scale. Integer ranges are passed as
// [qmin, qmax] (e.g. [-128, 127] for int8 activations, [-127, 127] for int8
// weights, [-32767, 32767] for int16 activations, [0, 255] for uint8).
//
//===----------------------------------------------------------------------===//

#ifndef QNT_SUPPORT_QUANTMATH_H
#define QNT_SUPPORT_QUANTMATH_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

namespace qnt {

/// Affine quantization parameters of one tensor (or one channel).
struct QuantParams {
  double scale = 1.0;
  int64_t zeroPoint = 0;
};

/// Float ranges narrower than this are widened before a scale is derived from
/// them, so that the scale stays positive and a tensor holding one constant
/// value still gets valid parameters.
constexpr double kMinRangeWidth = 1e-6;

/// The integer range [qmin, qmax] of a `bits`-wide integer type. A narrow
/// signed range drops the most negative value (int8 weights: [-127, 127]);
/// a narrow unsigned range drops 0.
std::pair<int64_t, int64_t> integerRange(unsigned bits, bool isSigned,
                                         bool narrowRange = false);

/// Asymmetric parameters for the float range [min, max] (activations).
///
/// The range is first widened to contain 0.0. A range still narrower than
/// kMinRangeWidth is widened to that width, away from 0.0 when one end is 0.0
/// (so [0, 0] becomes [0, kMinRangeWidth]). The zero point is derived from
/// whichever end of the range introduces less floating-point error, rounded
/// half away from zero and clamped to [qmin, qmax], so 0.0 is exactly
/// representable.
///
/// Requires finite min <= max and qmin < qmax.
QuantParams chooseAsymmetricParams(double min, double max, int64_t qmin,
                                   int64_t qmax);

/// Symmetric, narrow-range parameters: scale = absMax / qmax, zero point 0.
/// qmax is 127 for int8 weights and 32767 for int16 activations. An absMax
/// below kMinRangeWidth is raised to it. Requires finite absMax >= 0 and
/// qmax > 0.
QuantParams chooseSymmetricParams(double absMax, int64_t qmax);

/// A real multiplier M represented as multiplier * 2^(shift - 31), i.e.
/// M = (multiplier / 2^31) * 2^shift with multiplier in [2^30, 2^31).
/// A zero multiplier (and any M flushed to zero) is {0, 0}.
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;
};

/// Splits a non-negative, finite real multiplier. M >= 1 gives a positive
/// shift. When rounding the mantissa reaches 2^31 it is halved and the shift
/// incremented. Multipliers needing a shift below -31 (M < ~2^-32) are
/// flushed to {0, 0}, as TFLite does, since every bit would be shifted out.
QuantizedMultiplier quantizeMultiplier(double realMultiplier);

/// quantizeMultiplier applied to each element (per-channel requantization).
llvm::SmallVector<QuantizedMultiplier>
quantizeMultipliers(llvm::ArrayRef<double> realMultipliers);

/// The real value represented by a quantized multiplier.
double dequantizeMultiplier(QuantizedMultiplier m);

// The three below run once per output element in integer kernels, so they
// are inline.

/// round(a * b / 2^31) with halves rounded towards +infinity; the single
/// overflowing case, INT32_MIN * INT32_MIN, saturates to INT32_MAX.
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  // 2 * a * b / 2^32 only overflows for INT32_MIN * INT32_MIN (= +1.0).
  if (a == b && a == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  // floor((product + 2^30) / 2^31): nearest, halves towards +infinity. This
  // equals TFLite's sign-dependent nudge followed by a truncating division.
  return static_cast<int32_t>((product + (int64_t(1) << 30)) >> 31);
}

/// x / 2^exponent rounded to nearest, halves away from zero.
/// Requires 0 <= exponent <= 31.
inline int32_t roundingDivideByPOT(int32_t x, int exponent) {
  assert(exponent >= 0 && exponent <= 31 && "exponent out of range");
  if (exponent == 0)
    return x;
  int64_t half = int64_t(1) << (exponent - 1);
  int64_t v = x;
  // Work on the magnitude so both signs round halves away from zero.
  int64_t magnitude = ((v < 0 ? -v : v) + half) >> exponent;
  return static_cast<int32_t>(v < 0 ? -magnitude : magnitude);
}

/// Applies a quantized multiplier to an int32 accumulator the way TFLite's
/// reference kernels do ("double rounding"): x * 2^max(shift, 0), then
/// saturatingRoundingDoublingHighMul, then roundingDivideByPOT by
/// max(-shift, 0). The reference kernels assume the left-shifted value fits in
/// int32; here it saturates instead of overflowing. Requires -31 <= shift <=
/// 30 and multiplier >= 0.
inline int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier,
                                             int shift) {
  assert(multiplier >= 0 && "negative multiplier");
  assert(shift >= -31 && shift <= 30 && "shift out of range");
  int leftShift = shift > 0 ? shift : 0;
  int rightShift = shift < 0 ? -shift : 0;
  int64_t wide = static_cast<int64_t>(x) * (int64_t(1) << leftShift);
  int32_t shifted =
      static_cast<int32_t>(wide < std::numeric_limits<int32_t>::min()
                               ? std::numeric_limits<int32_t>::min()
                           : wide > std::numeric_limits<int32_t>::max()
                               ? std::numeric_limits<int32_t>::max()
                               : wide);
  return roundingDivideByPOT(
      saturatingRoundingDoublingHighMul(shifted, multiplier), rightShift);
}

/// 1 / sqrt(value) as a quantized multiplier (shift counted to the left, so
/// never positive), by TFLite's fixed-point method for RSQRT and
/// L2_NORMALIZATION: value brought into [2^27, 2^29) by pairs of bits, five
/// Newton steps x <- 1.5 x - (value / 2) x^3 from x = 1 on numbers with 3
/// integer bits, then a factor sqrt(2) / 2. Values 0 and 1 give the largest
/// multiplier, shift 0.
QuantizedMultiplier inverseSqrtMultiplier(int32_t value);

/// The 64-bit accumulator variant used by the int16x8 kernels. The multiplier
/// is first reduced to 16 bits (rounded, saturating at 0x7FFF), then
/// x * reduced is shifted right by 15 - shift with halves rounded towards
/// +infinity. Results that do not fit int32 saturate (the reference kernels
/// assume they fit). Requires |x| < 2^47, -31 <= shift <= 7 and
/// multiplier >= 0.
int32_t multiplyByQuantizedMultiplier(int64_t x, int32_t multiplier, int shift);

inline int32_t multiplyByQuantizedMultiplier(int32_t x, QuantizedMultiplier m) {
  return multiplyByQuantizedMultiplier(x, m.multiplier, m.shift);
}
inline int32_t multiplyByQuantizedMultiplier(int64_t x, QuantizedMultiplier m) {
  return multiplyByQuantizedMultiplier(x, m.multiplier, m.shift);
}

/// Quantizes like TFLite's QUANTIZE kernel: round(x / scale) in float
/// arithmetic (TFLite stores scales as float32), halves away from zero, then
/// + zeroPoint, clamped to [qmin, qmax]. NaN maps to the zero point (clamped).
int32_t quantizeValue(float x, QuantParams params, int64_t qmin, int64_t qmax);

/// (q - zeroPoint) * scale, computed in double and rounded to float once.
float dequantizeValue(int64_t q, QuantParams params);

/// Activation functions that kernels fuse into their output.
enum class FusedActivation { None, Relu, Relu6, ReluN1To1 };

/// The clamp [actMin, actMax] a fused activation becomes in the output's
/// quantized domain: the activation's real bounds (0, 6, -1, 1) quantized with
/// the output's parameters and intersected with [qmin, qmax].
std::pair<int32_t, int32_t> activationRange(FusedActivation activation,
                                            QuantParams params, int64_t qmin,
                                            int64_t qmax);

/// The smallest power of two >= scale, so a range covered by `scale` stays
/// covered. Requires a finite scale > 0.
double roundScaleToPowerOfTwo(double scale);

/// TFLite's fixed-point HARD_SWISH on 8-bit values: the input on a scale
/// 128x finer, a 16-bit "relu-ish" factor in [0, 1], and their product on
/// the output scale, with parameters derived in float32 as TFLite does.
struct QuantizedHardSwish {
  int16_t outputMultiplier;
  int outputShift;
  int16_t reluishMultiplier;
  int reluishShift;

  /// None when the output scale is too small for the input scale (TFLite
  /// rejects that too).
  static std::optional<QuantizedHardSwish> get(double inputScale,
                                               double outputScale);
  /// The result for \p value (the input minus its zero point), before the
  /// output zero point is added and the result clamped.
  int32_t apply(int32_t value) const;
};

} // namespace qnt

#endif // QNT_SUPPORT_QUANTMATH_H
