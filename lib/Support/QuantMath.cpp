//===- QuantMath.cpp - Quantization parameters and integer math -----------===//

#include "qnt/Support/QuantMath.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

using namespace qnt;

static constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
static constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

static int32_t saturateToInt32(int64_t v) {
  return static_cast<int32_t>(std::clamp(v, kInt32Min, kInt32Max));
}

/// Clamps an already rounded real value into [lo, hi]. Clamping before the
/// integer conversion keeps huge and infinite values well defined.
static int64_t clampRounded(double v, int64_t lo, int64_t hi) {
  if (v <= static_cast<double>(lo))
    return lo;
  if (v >= static_cast<double>(hi))
    return hi;
  return static_cast<int64_t>(v);
}

std::pair<int64_t, int64_t> qnt::integerRange(unsigned bits, bool isSigned,
                                              bool narrowRange) {
  assert(bits >= 2 && bits <= 32 && "unsupported integer width");
  int64_t lo = isSigned ? -(int64_t(1) << (bits - 1)) : 0;
  int64_t hi = isSigned ? (int64_t(1) << (bits - 1)) - 1
                        : (int64_t(1) << bits) - 1;
  return {narrowRange ? lo + 1 : lo, hi};
}

QuantParams qnt::chooseAsymmetricParams(double min, double max, int64_t qmin,
                                        int64_t qmax) {
  assert(std::isfinite(min) && std::isfinite(max) && min <= max &&
         "range must be finite and ordered");
  assert(qmin < qmax && "empty integer range");
  // 0.0 must be representable (zero padding, ReLU outputs).
  min = std::min(min, 0.0);
  max = std::max(max, 0.0);
  double width = max - min;
  if (width < kMinRangeWidth) {
    if (min == 0.0) {
      max = kMinRangeWidth;
    } else if (max == 0.0) {
      min = -kMinRangeWidth;
    } else {
      double grow = (kMinRangeWidth - width) / 2;
      min -= grow;
      max += grow;
    }
  }

  double qminD = static_cast<double>(qmin);
  double qmaxD = static_cast<double>(qmax);
  QuantParams params;
  params.scale = (max - min) / (qmaxD - qminD);

  // Mathematically both ends give the same zero point; in floating point the
  // end whose terms are smaller in magnitude loses less precision.
  double fromMin = qminD - min / params.scale;
  double fromMax = qmaxD - max / params.scale;
  double errorMin = std::abs(qminD) + std::abs(min / params.scale);
  double errorMax = std::abs(qmaxD) + std::abs(max / params.scale);
  double zeroPoint = errorMin < errorMax ? fromMin : fromMax;
  params.zeroPoint = clampRounded(std::round(zeroPoint), qmin, qmax);
  return params;
}

QuantParams qnt::chooseSymmetricParams(double absMax, int64_t qmax) {
  assert(std::isfinite(absMax) && absMax >= 0 && "bad magnitude");
  assert(qmax > 0 && "bad integer range");
  QuantParams params;
  params.scale = std::max(absMax, kMinRangeWidth) / static_cast<double>(qmax);
  params.zeroPoint = 0;
  return params;
}

QuantizedMultiplier qnt::quantizeMultiplier(double realMultiplier) {
  assert(std::isfinite(realMultiplier) && realMultiplier >= 0 &&
         "multiplier must be finite and non-negative");
  QuantizedMultiplier result;
  if (realMultiplier == 0.0)
    return result;
  int exponent = 0;
  // mantissa in [0.5, 1).
  double mantissa = std::frexp(realMultiplier, &exponent);
  auto fixed = static_cast<int64_t>(std::round(std::ldexp(mantissa, 31)));
  assert(fixed <= (int64_t(1) << 31) && "mantissa rounding out of range");
  if (fixed == (int64_t(1) << 31)) {
    fixed /= 2;
    ++exponent;
  }
  if (exponent < -31)
    return result;
  assert(fixed <= kInt32Max && "multiplier too large");
  result.multiplier = static_cast<int32_t>(fixed);
  result.shift = exponent;
  return result;
}

llvm::SmallVector<QuantizedMultiplier>
qnt::quantizeMultipliers(llvm::ArrayRef<double> realMultipliers) {
  llvm::SmallVector<QuantizedMultiplier> result;
  result.reserve(realMultipliers.size());
  for (double m : realMultipliers)
    result.push_back(quantizeMultiplier(m));
  return result;
}

double qnt::dequantizeMultiplier(QuantizedMultiplier m) {
  return std::ldexp(static_cast<double>(m.multiplier), m.shift - 31);
}

int32_t qnt::multiplyByQuantizedMultiplier(int64_t x, int32_t multiplier,
                                           int shift) {
  assert(multiplier >= 0 && "negative multiplier");
  assert(shift >= -31 && shift <= 7 && "shift out of range");
  assert(x >= -(int64_t(1) << 47) && x < (int64_t(1) << 47) &&
         "accumulator out of range");
  // Keep 15 fractional bits so x * reduced stays within 63 bits for |x| <
  // 2^47. Multipliers that would round up to 2^15 saturate instead.
  int64_t reduced = multiplier < 0x7FFF0000
                        ? (static_cast<int64_t>(multiplier) + (1 << 15)) >> 16
                        : 0x7FFF;
  int totalShift = 15 - shift;
  int64_t rounded =
      (x * reduced + (int64_t(1) << (totalShift - 1))) >> totalShift;
  return saturateToInt32(rounded);
}

int32_t qnt::quantizeValue(float x, QuantParams params, int64_t qmin,
                           int64_t qmax) {
  assert(qmin <= qmax && "empty integer range");
  if (std::isnan(x))
    return static_cast<int32_t>(std::clamp(params.zeroPoint, qmin, qmax));
  float scaled = x / static_cast<float>(params.scale);
  double q = static_cast<double>(std::round(scaled)) +
             static_cast<double>(params.zeroPoint);
  return static_cast<int32_t>(clampRounded(q, qmin, qmax));
}

float qnt::dequantizeValue(int64_t q, QuantParams params) {
  return static_cast<float>(params.scale *
                            static_cast<double>(q - params.zeroPoint));
}

std::pair<int32_t, int32_t> qnt::activationRange(FusedActivation activation,
                                                 QuantParams params,
                                                 int64_t qmin, int64_t qmax) {
  auto quantize = [&](float real) {
    return static_cast<int32_t>(quantizeValue(real, params, qmin, qmax));
  };
  int32_t lo = static_cast<int32_t>(qmin);
  int32_t hi = static_cast<int32_t>(qmax);
  switch (activation) {
  case FusedActivation::None:
    return {lo, hi};
  case FusedActivation::Relu:
    return {quantize(0.0f), hi};
  case FusedActivation::Relu6:
    return {quantize(0.0f), quantize(6.0f)};
  case FusedActivation::ReluN1To1:
    return {quantize(-1.0f), quantize(1.0f)};
  }
  return {lo, hi};
}

double qnt::roundScaleToPowerOfTwo(double scale) {
  assert(std::isfinite(scale) && scale > 0 && "scale must be positive");
  int exponent = 0;
  double mantissa = std::frexp(scale, &exponent);
  // scale = mantissa * 2^exponent with mantissa in [0.5, 1).
  return mantissa == 0.5 ? scale : std::ldexp(1.0, exponent);
}

//===----------------------------------------------------------------------===//
// HARD_SWISH
//===----------------------------------------------------------------------===//

namespace {
/// gemmlowp's SaturatingRoundingDoublingHighMul on int16 values.
int16_t roundingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min())
    return std::numeric_limits<int16_t>::max();
  int32_t ab = int32_t(a) * int32_t(b);
  int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

/// The same product truncated towards zero (ARM's SQDMULH).
int16_t truncatingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min())
    return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((int32_t(a) * int32_t(b)) / (1 << 15));
}

int16_t saturatingLeftShift16(int16_t v, int amount) {
  int64_t r = int64_t(v) * (int64_t(1) << amount);
  return static_cast<int16_t>(std::min<int64_t>(
      std::max<int64_t>(r, std::numeric_limits<int16_t>::min()),
      std::numeric_limits<int16_t>::max()));
}

/// A 31-bit fixed-point multiplier reduced to 15 bits, rounded.
int16_t downscaleMultiplier(int32_t m) {
  if (m >= std::numeric_limits<int32_t>::max() - (1 << 15))
    return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((m + (1 << 15)) >> 16);
}
} // namespace

std::optional<QuantizedHardSwish>
QuantizedHardSwish::get(double inputScale, double outputScale) {
  float hiresInputScale = (1.0f / 128.0f) * float(inputScale);
  float reluishScale = 3.0f / 32768.0f;
  QuantizedMultiplier out =
      quantizeMultiplier(hiresInputScale / float(outputScale));
  QuantizedMultiplier reluish =
      quantizeMultiplier(hiresInputScale / reluishScale);
  if (out.shift > 0)
    return std::nullopt;
  return QuantizedHardSwish{downscaleMultiplier(out.multiplier), out.shift,
                            downscaleMultiplier(reluish.multiplier),
                            reluish.shift};
}

int32_t QuantizedHardSwish::apply(int32_t value) const {
  int16_t hires = static_cast<int16_t>(static_cast<int16_t>(value) * (1 << 7));
  int16_t preshiftOut = roundingHighMul16(hires, outputMultiplier);
  int16_t r = hires;
  if (reluishShift > 0)
    r = saturatingLeftShift16(r, reluishShift - 1);
  r = roundingHighMul16(r, reluishMultiplier);
  if (reluishShift > 0)
    r = saturatingLeftShift16(r, 1);
  if (reluishShift < 0)
    r = static_cast<int16_t>(roundingDivideByPOT(r, -reluishShift));
  r = static_cast<int16_t>((int32_t(r) + (1 << 15)) >> 1);
  int16_t preshift = truncatingHighMul16(r, preshiftOut);
  return roundingDivideByPOT(preshift, -outputShift);
}

QuantizedMultiplier qnt::inverseSqrtMultiplier(int32_t value) {
  if (value <= 1)
    return {std::numeric_limits<int32_t>::max(), 0};
  int rightShift = 11;
  while (value >= (1 << 29)) {
    value /= 4;
    ++rightShift;
  }
  int pairs = (__builtin_clz(static_cast<uint32_t>(value)) - 1) / 2 - 1;
  rightShift -= pairs;
  value <<= 2 * pairs;
  // Raw values of fixed-point numbers with 3 integer bits (one is 2^28).
  const int32_t halfValue = roundingDivideByPOT(value >> 1, 1);
  const int32_t threeHalves = (1 << 28) + (1 << 27);
  auto shiftLeftSaturating = [](int32_t x, int exponent) {
    return saturateToInt32(static_cast<int64_t>(x) * (int64_t(1) << exponent));
  };
  int32_t x = 1 << 28;
  for (int step = 0; step < 5; ++step) {
    // x^3 has 9 integer bits; back to 6, those of 1.5 * x, saturating.
    int32_t cube = shiftLeftSaturating(
        saturatingRoundingDoublingHighMul(
            saturatingRoundingDoublingHighMul(x, x), x),
        6);
    // The difference wraps, as int32 fixed-point arithmetic does.
    uint32_t a = static_cast<uint32_t>(
        saturatingRoundingDoublingHighMul(threeHalves, x));
    uint32_t b = static_cast<uint32_t>(
        saturatingRoundingDoublingHighMul(halfValue, cube));
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
