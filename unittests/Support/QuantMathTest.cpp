//===- QuantMathTest.cpp - Tests for quantization arithmetic --------------===//
//
// Expected values are worked out by hand from the definitions in QuantMath.h;
// the derivation is in the comment next to each case.
//
//===----------------------------------------------------------------------===//

#include "qnt/Support/QuantMath.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace qnt;

namespace {

constexpr int32_t kI32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kI32Max = std::numeric_limits<int32_t>::max();
constexpr int32_t kTwo30 = int32_t(1) << 30;

//===----------------------------------------------------------------------===//
// Integer ranges
//===----------------------------------------------------------------------===//

TEST(IntegerRangeTest, CommonTypes) {
  EXPECT_EQ(integerRange(8, true), std::make_pair(int64_t(-128), int64_t(127)));
  EXPECT_EQ(integerRange(8, true, true),
            std::make_pair(int64_t(-127), int64_t(127)));
  EXPECT_EQ(integerRange(8, false), std::make_pair(int64_t(0), int64_t(255)));
  EXPECT_EQ(integerRange(16, true, true),
            std::make_pair(int64_t(-32767), int64_t(32767)));
  EXPECT_EQ(integerRange(32, true),
            std::make_pair(int64_t(kI32Min), int64_t(kI32Max)));
}

//===----------------------------------------------------------------------===//
// Asymmetric parameters
//===----------------------------------------------------------------------===//

TEST(ChooseAsymmetricParamsTest, ZeroToPositive) {
  // [0, 2.55] over 255 steps: scale 0.01; 0.0 sits at qmin.
  QuantParams p = chooseAsymmetricParams(0.0, 2.55, -128, 127);
  EXPECT_DOUBLE_EQ(p.scale, 0.01);
  EXPECT_EQ(p.zeroPoint, -128);
}

TEST(ChooseAsymmetricParamsTest, NegativeToZero) {
  // [-2.55, 0]: scale 0.01; 0.0 sits at qmax.
  QuantParams p = chooseAsymmetricParams(-2.55, 0.0, -128, 127);
  EXPECT_DOUBLE_EQ(p.scale, 0.01);
  EXPECT_EQ(p.zeroPoint, 127);
}

TEST(ChooseAsymmetricParamsTest, SymmetricRangeRoundsHalfAway) {
  // [-1, 1]: scale 2/255, 1/scale = 127.5. From max: 127 - 127.5 = -0.5
  // (error 254.5 < 255.5 from min), rounded half away from zero: -1.
  QuantParams p = chooseAsymmetricParams(-1.0, 1.0, -128, 127);
  EXPECT_DOUBLE_EQ(p.scale, 2.0 / 255.0);
  EXPECT_EQ(p.zeroPoint, -1);
}

TEST(ChooseAsymmetricParamsTest, ZeroPointFromTheMoreAccurateEnd) {
  // [-2.99, 2.99]: mathematically -0.5 from both ends, but in double the min
  // end computes -128 + 2.99 / s = -0.50000000000001421 and the max end
  // 127 - 2.99 / s = -0.49999999999998579. The max end has the smaller terms
  // (127 + 127.5 < 128 + 127.5), so the zero point rounds to 0, not -1.
  QuantParams p = chooseAsymmetricParams(-2.99, 2.99, -128, 127);
  EXPECT_EQ(p.zeroPoint, 0);
}

TEST(ChooseAsymmetricParamsTest, SkewedRanges) {
  // [-1, 3]: scale 4/255, min/scale = -63.75, zero point -128 + 63.75 =
  // -64.25 -> -64.
  QuantParams a = chooseAsymmetricParams(-1.0, 3.0, -128, 127);
  EXPECT_DOUBLE_EQ(a.scale, 4.0 / 255.0);
  EXPECT_EQ(a.zeroPoint, -64);
  // [-3, 1]: max/scale = 63.75, zero point 127 - 63.75 = 63.25 -> 63.
  QuantParams b = chooseAsymmetricParams(-3.0, 1.0, -128, 127);
  EXPECT_DOUBLE_EQ(b.scale, 4.0 / 255.0);
  EXPECT_EQ(b.zeroPoint, 63);
}

TEST(ChooseAsymmetricParamsTest, RangeWidenedToIncludeZero) {
  // [5, 10] is treated as [0, 10].
  QuantParams p = chooseAsymmetricParams(5.0, 10.0, -128, 127);
  EXPECT_DOUBLE_EQ(p.scale, 10.0 / 255.0);
  EXPECT_EQ(p.zeroPoint, -128);
  // [-10, -5] is treated as [-10, 0].
  QuantParams n = chooseAsymmetricParams(-10.0, -5.0, -128, 127);
  EXPECT_DOUBLE_EQ(n.scale, 10.0 / 255.0);
  EXPECT_EQ(n.zeroPoint, 127);
}

TEST(ChooseAsymmetricParamsTest, SingleValueConstant) {
  // [3, 3] becomes [0, 3]: 3.0 is qmax exactly.
  QuantParams p = chooseAsymmetricParams(3.0, 3.0, -128, 127);
  EXPECT_DOUBLE_EQ(p.scale, 3.0 / 255.0);
  EXPECT_EQ(p.zeroPoint, -128);
  EXPECT_FLOAT_EQ(dequantizeValue(127, p), 3.0f);
}

TEST(ChooseAsymmetricParamsTest, DegenerateZeroRange) {
  // [0, 0] is widened upwards to [0, 1e-6].
  QuantParams p = chooseAsymmetricParams(0.0, 0.0, -128, 127);
  EXPECT_GT(p.scale, 0.0);
  EXPECT_DOUBLE_EQ(p.scale, kMinRangeWidth / 255.0);
  EXPECT_EQ(p.zeroPoint, -128);
  EXPECT_EQ(dequantizeValue(p.zeroPoint, p), 0.0f);
}

TEST(ChooseAsymmetricParamsTest, TinyRanges) {
  // [-1e-9, 0] widens downwards to [-1e-6, 0]: zero point at qmax.
  QuantParams n = chooseAsymmetricParams(-1e-9, 0.0, -128, 127);
  EXPECT_DOUBLE_EQ(n.scale, kMinRangeWidth / 255.0);
  EXPECT_EQ(n.zeroPoint, 127);
  // [-1e-7, 3e-7] grows by 3e-7 on each side to [-4e-7, 6e-7]: scale
  // 1e-6/255, min/scale = -102, zero point -128 + 102 = -26.
  QuantParams s = chooseAsymmetricParams(-1e-7, 3e-7, -128, 127);
  EXPECT_NEAR(s.scale, kMinRangeWidth / 255.0, 1e-20);
  EXPECT_EQ(s.zeroPoint, -26);
  // A range just wider than the limit is left alone.
  QuantParams w = chooseAsymmetricParams(0.0, 2.55e-6, -128, 127);
  EXPECT_DOUBLE_EQ(w.scale, 1e-8);
  EXPECT_EQ(w.zeroPoint, -128);
}

TEST(ChooseAsymmetricParamsTest, Uint8) {
  // [0, 1] on [0, 255]: scale 1/255, zero point 0.
  QuantParams a = chooseAsymmetricParams(0.0, 1.0, 0, 255);
  EXPECT_DOUBLE_EQ(a.scale, 1.0 / 255.0);
  EXPECT_EQ(a.zeroPoint, 0);
  // [-1, 3]: the int8 zero point (-64) shifted by 128.
  QuantParams b = chooseAsymmetricParams(-1.0, 3.0, 0, 255);
  EXPECT_DOUBLE_EQ(b.scale, 4.0 / 255.0);
  EXPECT_EQ(b.zeroPoint, 64);
}

TEST(ChooseAsymmetricParamsTest, Int16) {
  // [-1, 3] on [-32768, 32767]: scale 4/65535, min/scale = -16383.75,
  // zero point -32768 + 16383.75 = -16384.25 -> -16384.
  QuantParams p = chooseAsymmetricParams(-1.0, 3.0, -32768, 32767);
  EXPECT_DOUBLE_EQ(p.scale, 4.0 / 65535.0);
  EXPECT_EQ(p.zeroPoint, -16384);
}

TEST(ChooseAsymmetricParamsTest, ZeroIsExactlyRepresentable) {
  for (double lo : {-7.3, -0.01, -1e-3, 0.0}) {
    for (double hi : {0.0, 0.02, 5.5, 1234.5}) {
      QuantParams p = chooseAsymmetricParams(lo, hi, -128, 127);
      EXPECT_GE(p.zeroPoint, -128);
      EXPECT_LE(p.zeroPoint, 127);
      EXPECT_EQ(dequantizeValue(p.zeroPoint, p), 0.0f);
      // Both ends stay within a step of the representable range.
      EXPECT_LE(dequantizeValue(-128, p), std::min(lo, 0.0) + p.scale);
      EXPECT_GE(dequantizeValue(127, p), std::max(hi, 0.0) - p.scale);
    }
  }
}

//===----------------------------------------------------------------------===//
// Symmetric parameters
//===----------------------------------------------------------------------===//

TEST(ChooseSymmetricParamsTest, Int8Weights) {
  QuantParams p = chooseSymmetricParams(2.54, 127);
  EXPECT_DOUBLE_EQ(p.scale, 0.02);
  EXPECT_EQ(p.zeroPoint, 0);
}

TEST(ChooseSymmetricParamsTest, Int16Activations) {
  QuantParams p = chooseSymmetricParams(1.0, 32767);
  EXPECT_DOUBLE_EQ(p.scale, 1.0 / 32767.0);
  EXPECT_EQ(p.zeroPoint, 0);
}

TEST(ChooseSymmetricParamsTest, AllZeroWeightsGetPositiveScale) {
  QuantParams p = chooseSymmetricParams(0.0, 127);
  EXPECT_DOUBLE_EQ(p.scale, kMinRangeWidth / 127.0);
  EXPECT_EQ(p.zeroPoint, 0);
}

//===----------------------------------------------------------------------===//
// Quantized multipliers
//===----------------------------------------------------------------------===//

void expectMultiplier(double m, int32_t multiplier, int shift) {
  QuantizedMultiplier q = quantizeMultiplier(m);
  EXPECT_EQ(q.multiplier, multiplier) << "for " << m;
  EXPECT_EQ(q.shift, shift) << "for " << m;
}

TEST(QuantizeMultiplierTest, ExactPowersAndHalves) {
  expectMultiplier(0.5, kTwo30, 0);  // 0.5 * 2^0
  expectMultiplier(1.0, kTwo30, 1);  // 0.5 * 2^1
  expectMultiplier(0.25, kTwo30, -1); // 0.5 * 2^-1
  // 1.5 = 0.75 * 2^1, 0.75 * 2^31 = 1610612736.
  expectMultiplier(1.5, 1610612736, 1);
  // 1000 = (1000/1024) * 2^10, 1000/1024 * 2^31 = 1000 * 2^21.
  expectMultiplier(1000.0, 1000 * (1 << 21), 10);
}

TEST(QuantizeMultiplierTest, InexactMantissaRoundsToNearest) {
  // 0.1 = 0.8 * 2^-3, 0.8 * 2^31 = 1717986918.4 -> 1717986918.
  expectMultiplier(0.1, 1717986918, -3);
}

TEST(QuantizeMultiplierTest, MantissaRoundingUpTo2Pow31) {
  // 1 - 2^-33 = (1 - 2^-33) * 2^0; times 2^31 is 2^31 - 0.25, which rounds to
  // 2^31: halved to 2^30 with the shift incremented.
  expectMultiplier(1.0 - std::ldexp(1.0, -33), kTwo30, 1);
  // 1 - 2^-31 times 2^31 is 2^31 - 1 exactly: no carry.
  expectMultiplier(1.0 - std::ldexp(1.0, -31), kI32Max, 0);
}

TEST(QuantizeMultiplierTest, ZeroAndTiny) {
  expectMultiplier(0.0, 0, 0);
  // 2^-32 = 0.5 * 2^-31: the smallest shift kept.
  expectMultiplier(std::ldexp(1.0, -32), kTwo30, -31);
  // 2^-33 = 0.5 * 2^-32: flushed to zero.
  expectMultiplier(std::ldexp(1.0, -33), 0, 0);
  expectMultiplier(1e-20, 0, 0);
}

TEST(QuantizeMultiplierTest, PerChannel) {
  double ms[] = {0.5, 0.0, 1.5};
  auto qs = quantizeMultipliers(ms);
  ASSERT_EQ(qs.size(), 3u);
  EXPECT_EQ(qs[0].multiplier, kTwo30);
  EXPECT_EQ(qs[0].shift, 0);
  EXPECT_EQ(qs[1].multiplier, 0);
  EXPECT_EQ(qs[1].shift, 0);
  EXPECT_EQ(qs[2].multiplier, 1610612736);
  EXPECT_EQ(qs[2].shift, 1);
}

TEST(QuantizeMultiplierTest, RoundTripIsWithinHalfAnUlpOfTheMantissa) {
  for (double m : {0.1, 0.3, 0.7, 0.999, 1.7, 3.14159, 250.0, 1e-5, 3e-9}) {
    QuantizedMultiplier q = quantizeMultiplier(m);
    EXPECT_GE(q.multiplier, kTwo30);
    // Relative error at most 2^-31 (half a unit in 2^30..2^31).
    EXPECT_LE(std::abs(dequantizeMultiplier(q) - m), m * std::ldexp(1.0, -31));
  }
}

//===----------------------------------------------------------------------===//
// Fixed-point primitives
//===----------------------------------------------------------------------===//

TEST(SaturatingRoundingDoublingHighMulTest, ExactProducts) {
  // 2^30 * 2^30 / 2^31 = 2^29.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kTwo30, kTwo30), 1 << 29);
  // -2^31 * 2^30 / 2^31 = -2^30.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kI32Min, kTwo30), -kTwo30);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(0, kI32Min), 0);
}

TEST(SaturatingRoundingDoublingHighMulTest, Saturation) {
  // (-1.0) * (-1.0) in Q31 is +1.0, which does not fit.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kI32Min, kI32Min), kI32Max);
  // -1.0 * (1 - 2^-31) does fit.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kI32Min, kI32Max), -kI32Max);
}

TEST(SaturatingRoundingDoublingHighMulTest, HalvesRoundUp) {
  // 2^15 * 2^15 / 2^31 = 0.5 -> 1.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1 << 15, 1 << 15), 1);
  // -0.5 -> 0 and -1.5 -> -1: halves go towards +infinity.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-(1 << 15), 1 << 15), 0);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-3 * (1 << 15), 1 << 15), -1);
  // Just below -0.5 rounds to -1.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-((1 << 15) + 1), 1 << 15), -1);
}

TEST(RoundingDivideByPOTTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(roundingDivideByPOT(5, 1), 3);   // 2.5
  EXPECT_EQ(roundingDivideByPOT(-5, 1), -3); // -2.5
  EXPECT_EQ(roundingDivideByPOT(-3, 1), -2); // -1.5
  EXPECT_EQ(roundingDivideByPOT(-5, 2), -1); // -1.25
  EXPECT_EQ(roundingDivideByPOT(-7, 2), -2); // -1.75
  EXPECT_EQ(roundingDivideByPOT(6, 2), 2);   // 1.5
  EXPECT_EQ(roundingDivideByPOT(9, 0), 9);
  EXPECT_EQ(roundingDivideByPOT(-9, 0), -9);
}

TEST(RoundingDivideByPOTTest, Extremes) {
  EXPECT_EQ(roundingDivideByPOT(kI32Min, 31), -1);     // exactly -1
  EXPECT_EQ(roundingDivideByPOT(kI32Max, 31), 1);      // 1 - 2^-31
  EXPECT_EQ(roundingDivideByPOT(kTwo30, 31), 1);       // 0.5
  EXPECT_EQ(roundingDivideByPOT(-kTwo30, 31), -1);     // -0.5
  EXPECT_EQ(roundingDivideByPOT(kTwo30 - 1, 31), 0);   // just below 0.5
  EXPECT_EQ(roundingDivideByPOT(kI32Min, 1), -kTwo30); // exact
}

//===----------------------------------------------------------------------===//
// Requantization
//===----------------------------------------------------------------------===//

TEST(MultiplyByQuantizedMultiplierTest, Half) {
  QuantizedMultiplier half = quantizeMultiplier(0.5);
  EXPECT_EQ(multiplyByQuantizedMultiplier(100, half), 50);
  // 50.5 -> 51; -50.5 -> -50 (the high multiply rounds halves up).
  EXPECT_EQ(multiplyByQuantizedMultiplier(101, half), 51);
  EXPECT_EQ(multiplyByQuantizedMultiplier(-101, half), -50);
}

TEST(MultiplyByQuantizedMultiplierTest, DoubleRounding) {
  // 5 * 0.25 = 1.25. Multiplier {2^30, -1}: the high multiply gives
  // 2.5 -> 3, then 3 / 2 = 1.5 -> 2. Exact rounding would give 1.
  QuantizedMultiplier quarter = quantizeMultiplier(0.25);
  EXPECT_EQ(multiplyByQuantizedMultiplier(5, quarter), 2);
  // -5 * 0.25: -2.5 -> -2, then -2 / 2 = -1.
  EXPECT_EQ(multiplyByQuantizedMultiplier(-5, quarter), -1);
}

TEST(MultiplyByQuantizedMultiplierTest, InexactMultiplier) {
  // 1000 * 1717986918 / 2^31 = 799.9999998 -> 800; 800 / 8 = 100.
  QuantizedMultiplier tenth = quantizeMultiplier(0.1);
  EXPECT_EQ(multiplyByQuantizedMultiplier(1000, tenth), 100);
  EXPECT_EQ(multiplyByQuantizedMultiplier(-1000, tenth), -100);
}

TEST(MultiplyByQuantizedMultiplierTest, GreaterThanOne) {
  // 1.5 = {0.75 * 2^31, 1}: 3 << 1 = 6, 6 * 0.75 = 4.5 -> 5.
  QuantizedMultiplier m = quantizeMultiplier(1.5);
  EXPECT_EQ(multiplyByQuantizedMultiplier(3, m), 5);
  // -6 * 0.75 = -4.5 -> -4.
  EXPECT_EQ(multiplyByQuantizedMultiplier(-3, m), -4);
  // The left shift saturates: 2^30 << 3 -> INT32_MAX, times 0.5 is
  // 2^30 - 0.5 -> 2^30.
  EXPECT_EQ(multiplyByQuantizedMultiplier(kTwo30, quantizeMultiplier(4.0)),
            kTwo30);
}

TEST(MultiplyByQuantizedMultiplierTest, ZeroAndSmallestShift) {
  EXPECT_EQ(multiplyByQuantizedMultiplier(123456, QuantizedMultiplier{}), 0);
  // 2^-32 = {2^30, -31}: INT32_MIN * 2^-32 = -0.5 -> high multiply gives
  // -2^30, then -2^30 / 2^31 = -0.5 -> -1.
  EXPECT_EQ(multiplyByQuantizedMultiplier(
                kI32Min, quantizeMultiplier(std::ldexp(1.0, -32))),
            -1);
}

TEST(MultiplyByQuantizedMultiplier64Test, ReducedMultiplier) {
  // 0.5 = {2^30, 0}: reduced to (2^30 + 2^15) >> 16 = 2^14, shift 15.
  QuantizedMultiplier half = quantizeMultiplier(0.5);
  EXPECT_EQ(multiplyByQuantizedMultiplier(int64_t(100), half), 50);
  // 50.5 -> 51 and -50.5 -> -50: halves round up.
  EXPECT_EQ(multiplyByQuantizedMultiplier(int64_t(101), half), 51);
  EXPECT_EQ(multiplyByQuantizedMultiplier(int64_t(-101), half), -50);
}

TEST(MultiplyByQuantizedMultiplier64Test, WideAccumulator) {
  // 3 * 2^33 * 2^-10 = 3 * 2^23; 2^-10 = {2^30, -9}.
  QuantizedMultiplier m = quantizeMultiplier(std::ldexp(1.0, -10));
  EXPECT_EQ(multiplyByQuantizedMultiplier(int64_t(3) << 33, m), 3 << 23);
  EXPECT_EQ(multiplyByQuantizedMultiplier(-(int64_t(3) << 33), m),
            -(3 << 23));
}

TEST(MultiplyByQuantizedMultiplier64Test, SixteenBitPrecision) {
  // 0.1 = {1717986918, -3} reduces to (1717986918 + 2^15) >> 16 = 26214,
  // total shift 18. 1005 * 26214 + 2^17 = 26476142, / 2^18 = 100.998 ->
  // 100, although 1005 * 0.1 = 100.5.
  QuantizedMultiplier tenth = quantizeMultiplier(0.1);
  EXPECT_EQ(multiplyByQuantizedMultiplier(int64_t(1005), tenth), 100);
  // The 32-bit path keeps more bits: the high multiply gives 1005 * 0.8 =
  // 803.9999998 -> 804, then 804 / 8 = 100.5 -> 101.
  EXPECT_EQ(multiplyByQuantizedMultiplier(int32_t(1005), tenth), 101);
}

TEST(MultiplyByQuantizedMultiplier64Test, MultiplierSaturatesAt16Bits) {
  // 1 - 2^-31 = {2^31 - 1, 0}: reduced to 0x7FFF rather than 0x8000.
  // 32768 * 32767 + 2^14 = 1073725440, / 2^15 = 32767.5 -> 32767.
  QuantizedMultiplier m = quantizeMultiplier(1.0 - std::ldexp(1.0, -31));
  ASSERT_EQ(m.multiplier, kI32Max);
  EXPECT_EQ(multiplyByQuantizedMultiplier(int64_t(32768), m), 32767);
}

//===----------------------------------------------------------------------===//
// Quantize / dequantize
//===----------------------------------------------------------------------===//

TEST(QuantizeValueTest, RoundsHalfAwayThenAddsZeroPoint) {
  QuantParams p{0.5, 3};
  EXPECT_EQ(quantizeValue(1.25f, p, -128, 127), 6);   // 2.5 -> 3, + 3
  EXPECT_EQ(quantizeValue(-1.25f, p, -128, 127), 0);  // -2.5 -> -3, + 3
  EXPECT_EQ(quantizeValue(1.2f, p, -128, 127), 5);    // 2.4 -> 2, + 3
  EXPECT_EQ(quantizeValue(0.0f, p, -128, 127), 3);
}

TEST(QuantizeValueTest, DividesByTheFloat32Scale) {
  // 0.35f = 0.34999999404 and 0.1f = 0.10000000149: the quotient
  // 3.4999998882 is nearer to the float 3.5 than to the float below it
  // (3.5 - 2^-22), so float division gives 3.5, which rounds to 4. Dividing
  // by the double 0.1 would give 3.49999994 and round to 3.
  EXPECT_EQ(quantizeValue(0.35f, QuantParams{0.1, 0}, -128, 127), 4);
}

TEST(QuantizeValueTest, Clamps) {
  QuantParams p{0.5, 3};
  EXPECT_EQ(quantizeValue(1000.0f, p, -128, 127), 127);
  EXPECT_EQ(quantizeValue(-1000.0f, p, -128, 127), -128);
  EXPECT_EQ(quantizeValue(std::numeric_limits<float>::infinity(), p, -128,
                          127),
            127);
  EXPECT_EQ(quantizeValue(-std::numeric_limits<float>::infinity(), p, -128,
                          127),
            -128);
  EXPECT_EQ(quantizeValue(std::nanf(""), p, -128, 127), 3);
  // Narrow int8 weight range.
  EXPECT_EQ(quantizeValue(-1000.0f, QuantParams{0.5, 0}, -127, 127), -127);
}

TEST(QuantizeValueTest, Uint8AndInt16) {
  // uint8 with zero point 128: -1.0 / (1/128) = -128, + 128 = 0.
  QuantParams u{1.0 / 128.0, 128};
  EXPECT_EQ(quantizeValue(-1.0f, u, 0, 255), 0);
  EXPECT_EQ(quantizeValue(0.5f, u, 0, 255), 192);
  QuantParams s{1.0 / 32768.0, 0};
  EXPECT_EQ(quantizeValue(0.25f, s, -32767, 32767), 8192);
  EXPECT_EQ(quantizeValue(-1.0f, s, -32767, 32767), -32767);
}

TEST(DequantizeValueTest, Affine) {
  QuantParams p{0.5, 3};
  EXPECT_EQ(dequantizeValue(6, p), 1.5f);
  EXPECT_EQ(dequantizeValue(3, p), 0.0f);
  EXPECT_EQ(dequantizeValue(-128, p), -65.5f);
}

//===----------------------------------------------------------------------===//
// Fused activations
//===----------------------------------------------------------------------===//

TEST(ActivationRangeTest, Int8) {
  // scale 0.05, zero point -10: 0 -> -10, 6 -> -10 + 120, -1 -> -10 - 20,
  // 1 -> -10 + 20.
  QuantParams p{0.05, -10};
  using Range = std::pair<int32_t, int32_t>;
  EXPECT_EQ(activationRange(FusedActivation::None, p, -128, 127),
            Range(-128, 127));
  EXPECT_EQ(activationRange(FusedActivation::Relu, p, -128, 127),
            Range(-10, 127));
  EXPECT_EQ(activationRange(FusedActivation::Relu6, p, -128, 127),
            Range(-10, 110));
  EXPECT_EQ(activationRange(FusedActivation::ReluN1To1, p, -128, 127),
            Range(-30, 10));
}

TEST(ActivationRangeTest, ClampsToTheTypeRange) {
  using Range = std::pair<int32_t, int32_t>;
  // Zero point 50: 6 -> 650 and 1 -> 150 exceed qmax; -1 -> -50 fits.
  QuantParams p{0.01, 50};
  EXPECT_EQ(activationRange(FusedActivation::Relu6, p, -128, 127),
            Range(50, 127));
  EXPECT_EQ(activationRange(FusedActivation::ReluN1To1, p, -128, 127),
            Range(-50, 127));
  // Range entirely positive: 0 is below qmin's real value.
  QuantParams q{0.1, -200};
  EXPECT_EQ(activationRange(FusedActivation::Relu, q, -128, 127),
            Range(-128, 127));
  // int16: 6 / (8 / 32767) = 24575.25 -> 24575.
  QuantParams s{8.0 / 32767.0, 0};
  EXPECT_EQ(activationRange(FusedActivation::Relu6, s, -32767, 32767),
            Range(0, 24575));
}

//===----------------------------------------------------------------------===//
// Power-of-two scales
//===----------------------------------------------------------------------===//

TEST(RoundScaleToPowerOfTwoTest, RoundsUp) {
  EXPECT_EQ(roundScaleToPowerOfTwo(0.3), 0.5);
  EXPECT_EQ(roundScaleToPowerOfTwo(0.5), 0.5);
  EXPECT_EQ(roundScaleToPowerOfTwo(0.0625), 0.0625);
  EXPECT_EQ(roundScaleToPowerOfTwo(3.0), 4.0);
  EXPECT_EQ(roundScaleToPowerOfTwo(1.0), 1.0);
  // 2^-10 < 0.001 < 2^-9.
  EXPECT_EQ(roundScaleToPowerOfTwo(0.001), std::ldexp(1.0, -9));
  EXPECT_EQ(roundScaleToPowerOfTwo(0.5 + 1e-12), 1.0);
}

} // namespace

// The fixed-point inverse square root of RSQRT and L2_NORMALIZATION: the
// multiplier it returns, applied as TFLite applies it, is 1/sqrt(value) to
// within the precision of five Newton steps, across the range of int32.
TEST(InverseSqrtMultiplierTest, CloseToOneOverSqrt) {
  for (int32_t value : {2, 3, 4, 17, 1000, 65536, 123456789, 1 << 29,
                        std::numeric_limits<int32_t>::max()}) {
    QuantizedMultiplier m = inverseSqrtMultiplier(value);
    EXPECT_LE(m.shift, 0) << value;
    EXPECT_GT(m.multiplier, 0) << value;
    double got = m.multiplier / 2147483648.0 * std::ldexp(1.0, m.shift);
    double want = 1.0 / std::sqrt(static_cast<double>(value));
    EXPECT_NEAR(got / want, 1.0, 1e-4) << value;
  }
}

TEST(InverseSqrtMultiplierTest, ZeroAndOneGiveTheLargestMultiplier) {
  for (int32_t value : {-5, 0, 1}) {
    QuantizedMultiplier m = inverseSqrtMultiplier(value);
    EXPECT_EQ(m.multiplier, std::numeric_limits<int32_t>::max());
    EXPECT_EQ(m.shift, 0);
  }
}
