//===- MathOps.cpp - exp, log, sqrt, rsqrt, abs, neg, elu, pow ... --------===//
//
// The elementwise math functions. Float kernels compute in float32 as TFLite
// does. The quantized kernels reproduce TFLite's: ABS rescales |q - zp|,
// RSQRT runs TFLite's fixed-point Newton iteration, SQUARED_DIFFERENCE
// rescales both inputs to a common scale (7-bit left shift) before squaring.
// Ops without a quantized kernel in the TFLite runtime qnt is tested against
// (EXP, LOG, SQRT, NEG, ELU, POW) refuse quantized tensors.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cmath>

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {

/// The quantized parameters of an op's input and result, both per tensor.
struct UnaryQuant {
  QuantInfo in, out;
};

llvm::Expected<UnaryQuant> getUnaryQuant(Value input, Value output) {
  auto qi = getPerTensorQuantInfo(input, "input");
  if (!qi)
    return qi.takeError();
  auto qo = getPerTensorQuantInfo(output, "result");
  if (!qo)
    return qo.takeError();
  return UnaryQuant{*qi, *qo};
}

/// Runs a unary op: \p floatFn on f32, \p intFn (may be null) on plain
/// integers, \p quantFn (may be null) on quantized tensors, called with the
/// storage type as a tag.
template <typename FloatFn, typename IntFn, typename QuantFn>
llvm::Error evalMathUnary(Operation *op, Value input, Value output,
                          const Tensor &in, Tensor &result, FloatFn floatFn,
                          IntFn intFn, QuantFn quantFn) {
  if (auto err = prepareResult(output, in.getShape(), result))
    return err;
  if (in.getKind() != result.getKind())
    return kernelError("input and result must have one element type");
  int64_t n = in.getNumElements();
  bool quantized = isQuantized(output);
  if (quantized != isQuantized(input))
    return kernelError("input and result must both be quantized or neither");
  if (!quantized && in.getKind() == ElementKind::F32) {
    const float *x = in.getData<float>();
    float *y = result.getData<float>();
    for (int64_t i = 0; i < n; ++i)
      y[i] = floatFn(x[i]);
    return llvm::Error::success();
  }
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, float>) {
      return kernelError("unexpected float storage");
    } else if (!quantized) {
      if constexpr (std::is_same_v<IntFn, std::nullptr_t>)
        return kernelError("'{0}' has no integer kernel", op->getName());
      else
        return intFn(in.getData<T>(), result.getData<T>(), n);
    } else {
      if constexpr (std::is_same_v<QuantFn, std::nullptr_t>) {
        return kernelError("'{0}' has no quantized kernel in TFLite",
                           op->getName());
      } else {
        auto q = getUnaryQuant(input, output);
        if (!q)
          return q.takeError();
        return quantFn(tag, in.getData<T>(), result.getData<T>(), n, *q);
      }
    }
  });
}

//===----------------------------------------------------------------------===//
// RSQRT (its fixed-point inverse square root is in QuantMath)
//===----------------------------------------------------------------------===//

llvm::Error quantizedRsqrt(const int8_t *x, int8_t *y, int64_t n,
                           const UnaryQuant &q) {
  // TFLite computes sqrt and product in float32, the quotient in double.
  float root = std::sqrt(static_cast<float>(q.in.scale()));
  double real = 1.0 / static_cast<double>(root * static_cast<float>(
                                                     q.out.scale()));
  auto m = checkedMultiplier(real, "output rescale");
  if (!m)
    return m.takeError();
  // The inverse square root is kept 20 bits left of the binary point.
  constexpr int kKeptBits = 20;
  if (m->shift - kKeptBits < -31)
    return kernelError("rsqrt output rescale {0} is too small for TFLite's "
                       "kernel",
                       real);
  int64_t zpIn = q.in.zeroPoint(), zpOut = q.out.zeroPoint();
  for (int64_t i = 0; i < n; ++i) {
    int32_t value = static_cast<int32_t>(x[i] - zpIn);
    if (value < 0)
      return kernelError("rsqrt of a negative value (stored {0}, zero point "
                         "{1})",
                         int(x[i]), zpIn);
    if (value == 0) {
      // TFLite maps inputs at zero to the largest output.
      y[i] = std::numeric_limits<int8_t>::max();
      continue;
    }
    QuantizedMultiplier inv = inverseSqrtMultiplier(value);
    int32_t kept = multiplyByQuantizedMultiplier(int32_t(1), inv.multiplier,
                                                 inv.shift + kKeptBits);
    int32_t out = multiplyByQuantizedMultiplier(kept, m->multiplier,
                                                m->shift - kKeptBits);
    y[i] = clampTo<int8_t>(int64_t(out) + zpOut, q.out.qmin, q.out.qmax);
  }
  return llvm::Error::success();
}

/// Quantized ABS (int8 and int16): |q - zp_in|, rescaled unless the scales
/// are equal as float32, plus zp_out.
template <typename T>
llvm::Error quantizedAbs(const T *x, T *y, int64_t n, const UnaryQuant &q) {
  float inScale = static_cast<float>(q.in.scale());
  float outScale = static_cast<float>(q.out.scale());
  bool rescale = inScale != outScale;
  QuantizedMultiplier m{0, 0};
  if (rescale) {
    auto checked = checkedMultiplier(inScale / outScale, "rescale");
    if (!checked)
      return checked.takeError();
    m = *checked;
  }
  int64_t zpIn = q.in.zeroPoint(), zpOut = q.out.zeroPoint();
  for (int64_t i = 0; i < n; ++i) {
    int32_t magnitude = static_cast<int32_t>(std::abs(int64_t(x[i]) - zpIn));
    int64_t v = rescale ? multiplyByQuantizedMultiplier(magnitude, m)
                        : magnitude;
    y[i] = clampTo<T>(v + zpOut, q.out.qmin, q.out.qmax);
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

/// Calls fn(aIndex, bIndex, outIndex) for every element of the broadcast.
template <typename Fn>
void forEachBroadcast(ArrayRef<int64_t> aShape, ArrayRef<int64_t> bShape,
                      ArrayRef<int64_t> outShape, Fn &&fn) {
  forEachBroadcastRun(aShape, bShape, outShape,
                      [&](int64_t a, int64_t aStep, int64_t b, int64_t bStep,
                          int64_t out, int64_t count) {
                        for (int64_t j = 0; j < count; ++j)
                          fn(a + j * aStep, b + j * bStep, out + j);
                      });
}

/// x^e for integers as TFLite's int32 POW: e >= 0, wrapping products.
template <typename T> T integerPow(T x, T e) {
  using U = std::make_unsigned_t<T>;
  U result = 1, base = static_cast<U>(x);
  for (T k = e; k > 0; k >>= 1) {
    if (k & 1)
      result = static_cast<U>(result * base);
    base = static_cast<U>(base * base);
  }
  return static_cast<T>(result);
}

/// TFLite's int8 SQUARED_DIFFERENCE parameters.
struct SquaredDifferenceParams {
  QuantizedMultiplier lhs, rhs, out;
  int64_t zpLhs, zpRhs, zpOut;
};

llvm::Expected<SquaredDifferenceParams>
getSquaredDifferenceParams(Value lhs, Value rhs, Value output) {
  auto a = getPerTensorQuantInfo(lhs, "lhs");
  if (!a)
    return a.takeError();
  auto b = getPerTensorQuantInfo(rhs, "rhs");
  if (!b)
    return b.takeError();
  auto o = getPerTensorQuantInfo(output, "result");
  if (!o)
    return o.takeError();
  constexpr int kLeftShift = 7;
  double twiceMax = 2.0 * std::max(a->scale(), b->scale());
  auto mA = checkedMultiplier(a->scale() / twiceMax, "lhs rescale");
  if (!mA)
    return mA.takeError();
  auto mB = checkedMultiplier(b->scale() / twiceMax, "rhs rescale");
  if (!mB)
    return mB.takeError();
  double outReal = twiceMax * twiceMax /
                   (double(int64_t(1) << (2 * kLeftShift)) * o->scale());
  if (!(outReal < 1.0))
    return kernelError("squared_difference output scale {0} is too small "
                       "for the input scales (TFLite's kernel needs a "
                       "rescale below 1, got {1})",
                       o->scale(), outReal);
  auto mOut = checkedMultiplier(outReal, "output rescale");
  if (!mOut)
    return mOut.takeError();
  return SquaredDifferenceParams{*mA, *mB, *mOut, a->zeroPoint(),
                                 b->zeroPoint(), o->zeroPoint()};
}

enum class MathBinary { SquaredDifference, Pow };

llvm::Error evalMathBinary(Operation *op, MathBinary kind, Value lhs,
                           Value rhs, Value output, Operands operands,
                           Tensor &result) {
  const Tensor &a = *operands[0], &b = *operands[1];
  if (auto err = prepareBinaryResult(lhs, rhs, output, a, b, result))
    return err;
  bool quantized = isQuantized(output);

  if (quantized) {
    if (kind != MathBinary::SquaredDifference ||
        result.getKind() != ElementKind::I8)
      return kernelError("'{0}' has no {1} quantized kernel in TFLite",
                         op->getName(), getElementKindName(result.getKind()));
    auto p = getSquaredDifferenceParams(lhs, rhs, output);
    if (!p)
      return p.takeError();
    const int8_t *pa = a.getData<int8_t>(), *pb = b.getData<int8_t>();
    int8_t *po = result.getData<int8_t>();
    forEachBroadcast(a.getShape(), b.getShape(), result.getShape(),
                     [&](int64_t ia, int64_t ib, int64_t io) {
                       int32_t x = multiplyByQuantizedMultiplier(
                           int32_t((pa[ia] - p->zpLhs) * 128), p->lhs);
                       int32_t y = multiplyByQuantizedMultiplier(
                           int32_t((pb[ib] - p->zpRhs) * 128), p->rhs);
                       int32_t diff = x - y;
                       int32_t v =
                           multiplyByQuantizedMultiplier(diff * diff, p->out);
                       po[io] = clampTo<int8_t>(int64_t(v) + p->zpOut, -128,
                                                127);
                     });
    return llvm::Error::success();
  }

  return dispatchElementKind(result.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    const T *pa = a.getData<T>(), *pb = b.getData<T>();
    T *po = result.getData<T>();
    if constexpr (std::is_same_v<T, float>) {
      forEachBroadcast(a.getShape(), b.getShape(), result.getShape(),
                       [&](int64_t ia, int64_t ib, int64_t io) {
                         float d = pa[ia] - pb[ib];
                         po[io] = kind == MathBinary::Pow
                                      ? std::pow(pa[ia], pb[ib])
                                      : d * d;
                       });
      return llvm::Error::success();
    } else if constexpr (std::is_same_v<T, int32_t> ||
                         std::is_same_v<T, int64_t>) {
      using U = std::make_unsigned_t<T>;
      if (kind == MathBinary::Pow)
        for (int64_t i = 0; i < b.getNumElements(); ++i)
          if (pb[i] < 0)
            return kernelError("integer pow with a negative exponent ({0})",
                               int64_t(pb[i]));
      forEachBroadcast(a.getShape(), b.getShape(), result.getShape(),
                       [&](int64_t ia, int64_t ib, int64_t io) {
                         U d = static_cast<U>(pa[ia]) - static_cast<U>(pb[ib]);
                         po[io] = kind == MathBinary::Pow
                                      ? integerPow(pa[ia], pb[ib])
                                      : static_cast<T>(d * d);
                       });
      return llvm::Error::success();
    } else {
      return kernelError("'{0}' has no {1} kernel", op->getName(),
                         getElementKindName(result.getKind()));
    }
  });
}

/// Plain-integer kernels of ABS and NEG (int32 and int64, wrapping).
template <bool Negate> auto signKernel() {
  return [](auto *x, auto *y, int64_t n) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(y)>;
    if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
      using U = std::make_unsigned_t<T>;
      for (int64_t i = 0; i < n; ++i) {
        U v = static_cast<U>(x[i]);
        y[i] = static_cast<T>((Negate || x[i] < 0) ? U(0) - v : v);
      }
      return llvm::Error::success();
    } else {
      return kernelError("expected int32 or int64 for plain integers");
    }
  };
}

} // namespace

llvm::Error interp::evalExp(ExpOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return std::exp(v); }, nullptr, nullptr);
}

llvm::Error interp::evalLog(LogOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return std::log(v); }, nullptr, nullptr);
}

llvm::Error interp::evalSqrt(SqrtOp op, Operands operands, Tensor &result,
                             Scratch &) {
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return std::sqrt(v); }, nullptr, nullptr);
}

llvm::Error interp::evalRsqrt(RsqrtOp op, Operands operands, Tensor &result,
                              Scratch &) {
  auto quantFn = [](auto tag, auto *x, auto *y, int64_t n,
                    const UnaryQuant &q) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int8_t>)
      return quantizedRsqrt(x, y, n, q);
    else
      return kernelError("quantized rsqrt needs int8 storage");
  };
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return 1.0f / std::sqrt(v); }, nullptr, quantFn);
}

llvm::Error interp::evalAbs(AbsOp op, Operands operands, Tensor &result,
                            Scratch &) {
  auto quantFn = [](auto tag, auto *x, auto *y, int64_t n,
                    const UnaryQuant &q) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int8_t>) {
      return quantizedAbs(x, y, n, q);
    } else if constexpr (std::is_same_v<T, int16_t>) {
      if (q.in.zeroPoint() != 0 || q.out.zeroPoint() != 0)
        return kernelError("quantized int16 abs needs zero points 0");
      return quantizedAbs(x, y, n, q);
    } else {
      return kernelError("quantized abs needs int8 or int16 storage");
    }
  };
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return std::fabs(v); }, signKernel<false>(), quantFn);
}

llvm::Error interp::evalNeg(NegOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return -v; }, signKernel<true>(), nullptr);
}

llvm::Error interp::evalFloor(FloorOp op, Operands operands, Tensor &result,
                              Scratch &) {
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return std::floor(v); }, nullptr, nullptr);
}

llvm::Error interp::evalElu(EluOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalMathUnary(
      op, op.getInput(), op.getOutput(), *operands[0], result,
      [](float v) { return v < 0.0f ? std::expm1(v) : v; }, nullptr, nullptr);
}

llvm::Error interp::evalSquaredDifference(SquaredDifferenceOp op,
                                          Operands operands, Tensor &result,
                                          Scratch &) {
  return evalMathBinary(op, MathBinary::SquaredDifference, op.getLhs(),
                        op.getRhs(), op.getOutput(), operands, result);
}

llvm::Error interp::evalPow(PowOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalMathBinary(op, MathBinary::Pow, op.getLhs(), op.getRhs(),
                        op.getOutput(), operands, result);
}
