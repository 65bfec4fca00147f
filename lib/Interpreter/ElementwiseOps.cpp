//===- ElementwiseOps.cpp - Arithmetic and activation functions -----------===//
//
// Binary ops broadcast as numpy does. Quantized arithmetic follows TFLite's
// kernels: ADD/SUB rescale both inputs to a common scale with a left shift of
// 20 bits (15 for int16) before summing, MUL rescales the product of the
// zero-point-corrected inputs, the ReLU family rescales then clamps. Where a
// TFLite kernel derives a multiplier in float32 arithmetic, so does this file,
// since a different rounding of the multiplier changes results.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <array>

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
enum class BinaryKind { Add, Sub, Mul, Div, Max, Min };

template <typename T> T applyBinary(BinaryKind kind, T a, T b) {
  switch (kind) {
  case BinaryKind::Add:
    return a + b;
  case BinaryKind::Sub:
    return a - b;
  case BinaryKind::Mul:
    return a * b;
  case BinaryKind::Div:
    return a / b;
  case BinaryKind::Max:
    return std::max(a, b);
  case BinaryKind::Min:
    return std::min(a, b);
  }
  return a;
}

template <typename T>
void binaryLoop(BinaryKind kind, const T *a, const T *b, T *out,
                llvm::ArrayRef<int64_t> aShape, llvm::ArrayRef<int64_t> bShape,
                llvm::ArrayRef<int64_t> outShape) {
  forEachBroadcastRun(aShape, bShape, outShape,
                      [&](int64_t ao, int64_t as, int64_t bo, int64_t bs,
                          int64_t oo, int64_t n) {
                        const T *pa = a + ao, *pb = b + bo;
                        T *po = out + oo;
                        // Separate loops so each one vectorises.
#define QNT_LOOP(expr)                                                         \
  if (as == 1 && bs == 1)                                                      \
    for (int64_t i = 0; i < n; ++i) {                                          \
      T x = pa[i], y = pb[i];                                                  \
      po[i] = (expr);                                                          \
    }                                                                          \
  else if (as == 1)                                                            \
    for (int64_t i = 0; i < n; ++i) {                                          \
      T x = pa[i], y = pb[0];                                                  \
      po[i] = (expr);                                                          \
    }                                                                          \
  else if (bs == 1)                                                            \
    for (int64_t i = 0; i < n; ++i) {                                          \
      T x = pa[0], y = pb[i];                                                  \
      po[i] = (expr);                                                          \
    }                                                                          \
  else                                                                         \
    for (int64_t i = 0; i < n; ++i) {                                          \
      T x = pa[i * as], y = pb[i * bs];                                        \
      po[i] = (expr);                                                          \
    }
                        switch (kind) {
                        case BinaryKind::Add:
                          QNT_LOOP(x + y) break;
                        case BinaryKind::Sub:
                          QNT_LOOP(x - y) break;
                        case BinaryKind::Mul:
                          QNT_LOOP(x * y) break;
                        case BinaryKind::Div:
                          QNT_LOOP(x / y) break;
                        case BinaryKind::Max:
                          QNT_LOOP(std::max(x, y)) break;
                        case BinaryKind::Min:
                          QNT_LOOP(std::min(x, y)) break;
                        }
#undef QNT_LOOP
                      });
}

/// Integer (not quantized) fused activations: the plain clamps.
template <typename T> void clampIntegers(Activation act, T *data, int64_t n) {
  T lo = std::numeric_limits<T>::lowest(), hi = std::numeric_limits<T>::max();
  if (act == Activation::Relu || act == Activation::Relu6)
    lo = 0;
  if (act == Activation::Relu6)
    hi = 6;
  if (act == Activation::ReluN1To1) {
    lo = -1;
    hi = 1;
  }
  for (int64_t i = 0; i < n; ++i)
    data[i] = std::min(std::max(data[i], lo), hi);
}

//===----------------------------------------------------------------------===//
// Quantized binary ops
//===----------------------------------------------------------------------===//

/// TFLite's ADD/SUB parameters for two inputs of different scales.
struct AddParams {
  int leftShift;
  int64_t zp1, zp2, zpOut;
  QuantizedMultiplier m1, m2, mOut;
  int32_t lo, hi;
};

llvm::Expected<AddParams> getAddParams(Value lhs, Value rhs, Value out,
                                       Activation act) {
  auto a = getPerTensorQuantInfo(lhs, "lhs");
  if (!a)
    return a.takeError();
  auto b = getPerTensorQuantInfo(rhs, "rhs");
  if (!b)
    return b.takeError();
  auto o = getPerTensorQuantInfo(out, "result");
  if (!o)
    return o.takeError();
  AddParams p;
  p.leftShift = o->bits == 16 ? 15 : 20;
  p.zp1 = a->zeroPoint();
  p.zp2 = b->zeroPoint();
  p.zpOut = o->zeroPoint();
  double twiceMax = 2 * std::max(a->scale(), b->scale());
  auto m1 = checkedMultiplier(a->scale() / twiceMax, "lhs rescale");
  auto m2 = checkedMultiplier(b->scale() / twiceMax, "rhs rescale");
  auto mOut = checkedMultiplier(
      twiceMax / (static_cast<double>(int64_t(1) << p.leftShift) * o->scale()),
      "output rescale");
  if (!m1 || !m2 || !mOut) {
    llvm::Error err = llvm::joinErrors(m1.takeError(), m2.takeError());
    return llvm::joinErrors(std::move(err), mOut.takeError());
  }
  p.m1 = *m1;
  p.m2 = *m2;
  p.mOut = *mOut;
  auto range = quantizedActivationRange(act, *o);
  if (!range)
    return range.takeError();
  std::tie(p.lo, p.hi) = *range;
  return p;
}

template <typename T>
void quantizedAddSub(bool subtract, const AddParams &p, const T *a,
                     const T *b, T *out, llvm::ArrayRef<int64_t> aShape,
                     llvm::ArrayRef<int64_t> bShape,
                     llvm::ArrayRef<int64_t> outShape) {
  auto scaled = [&](int64_t x, int64_t zp, QuantizedMultiplier m) {
    int32_t shifted = static_cast<int32_t>((x - zp) * (int64_t(1) << p.leftShift));
    return multiplyByQuantizedMultiplier(shifted, m);
  };
  // An 8-bit operand has 256 values: rescale each once, then look it up.
  constexpr bool byteSized = sizeof(T) == 1;
  std::array<int32_t, byteSized ? 256 : 1> tableA{}, tableB{};
  if constexpr (byteSized)
    for (int v = 0; v < 256; ++v) {
      T x = static_cast<T>(static_cast<uint8_t>(v));
      tableA[static_cast<uint8_t>(x)] = scaled(x, p.zp1, p.m1);
      tableB[static_cast<uint8_t>(x)] = scaled(x, p.zp2, p.m2);
    }
  auto scaledA = [&](T x) {
    if constexpr (byteSized)
      return tableA[static_cast<uint8_t>(x)];
    else
      return scaled(x, p.zp1, p.m1);
  };
  auto scaledB = [&](T x) {
    if constexpr (byteSized)
      return tableB[static_cast<uint8_t>(x)];
    else
      return scaled(x, p.zp2, p.m2);
  };
  forEachBroadcastRun(aShape, bShape, outShape,
                      [&](int64_t ao, int64_t as, int64_t bo, int64_t bs,
                          int64_t oo, int64_t n) {
                        for (int64_t i = 0; i < n; ++i) {
                          int32_t x = scaledA(a[ao + i * as]);
                          int32_t y = scaledB(b[bo + i * bs]);
                          int32_t raw = subtract ? x - y : x + y;
                          int64_t v =
                              int64_t(multiplyByQuantizedMultiplier(raw, p.mOut)) +
                              p.zpOut;
                          out[oo + i] = clampTo<T>(v, p.lo, p.hi);
                        }
                      });
}

template <typename T>
void quantizedMul(QuantizedMultiplier m, int64_t zp1, int64_t zp2,
                  int64_t zpOut, int32_t lo, int32_t hi, const T *a,
                  const T *b, T *out, llvm::ArrayRef<int64_t> aShape,
                  llvm::ArrayRef<int64_t> bShape,
                  llvm::ArrayRef<int64_t> outShape) {
  forEachBroadcastRun(aShape, bShape, outShape,
                      [&](int64_t ao, int64_t as, int64_t bo, int64_t bs,
                          int64_t oo, int64_t n) {
                        for (int64_t i = 0; i < n; ++i) {
                          int32_t x = static_cast<int32_t>(a[ao + i * as] - zp1);
                          int32_t y = static_cast<int32_t>(b[bo + i * bs] - zp2);
                          int64_t v =
                              int64_t(multiplyByQuantizedMultiplier(x * y, m)) +
                              zpOut;
                          out[oo + i] = clampTo<T>(v, lo, hi);
                        }
                      });
}

llvm::Error evalBinary(Operation *op, BinaryKind kind, Value lhs, Value rhs,
                       Value output, Activation act, Operands operands,
                       Tensor &result,
                       Activation fused = Activation::None) {
  const Tensor &a = *operands[0], &b = *operands[1];
  if (auto err = prepareBinaryResult(lhs, rhs, output, a, b, result))
    return err;
  bool quantized = isQuantized(output);

  if (!quantized) {
    return dispatchElementKind(result.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      if constexpr (!std::is_same_v<T, float>) {
        if (kind == BinaryKind::Div) {
          const T *divisor = b.getData<T>();
          for (int64_t i = 0; i < b.getNumElements(); ++i)
            if (divisor[i] == 0)
              return kernelError("integer division by zero");
        }
      }
      if constexpr (std::is_same_v<T, float>) {
        float lo, hi;
        if (kind == BinaryKind::Add && a.getShape() == b.getShape() &&
            getFloatClamp(act, fused, lo, hi)) {
          // The residual sums of mobile networks: sum and clamp in one pass.
          const float *pa = a.getData<float>(), *pb = b.getData<float>();
          float *po = result.getData<float>();
          for (int64_t i = 0, n = result.getNumElements(); i < n; ++i)
            po[i] = std::min(std::max(pa[i] + pb[i], lo), hi);
          return llvm::Error::success();
        }
      }
      binaryLoop(kind, a.getData<T>(), b.getData<T>(), result.getData<T>(),
                 a.getShape(), b.getShape(), result.getShape());
      if constexpr (std::is_same_v<T, float>) {
        if (auto err = applyFloatActivation(act, result.getData<float>(),
                                            result.getNumElements()))
          return err;
        return applyFloatActivation(fused, result.getData<float>(),
                                    result.getNumElements());
      } else
        clampIntegers(act, result.getData<T>(), result.getNumElements());
      return llvm::Error::success();
    });
  }

  auto run = [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    const T *pa = a.getData<T>(), *pb = b.getData<T>();
    T *po = result.getData<T>();
    switch (kind) {
    case BinaryKind::Add:
    case BinaryKind::Sub: {
      auto p = getAddParams(lhs, rhs, output, act);
      if (!p)
        return p.takeError();
      quantizedAddSub(kind == BinaryKind::Sub, *p, pa, pb, po, a.getShape(),
                      b.getShape(), result.getShape());
      return llvm::Error::success();
    }
    case BinaryKind::Mul: {
      auto qa = getPerTensorQuantInfo(lhs, "lhs");
      if (!qa)
        return qa.takeError();
      auto qb = getPerTensorQuantInfo(rhs, "rhs");
      if (!qb)
        return qb.takeError();
      auto qo = getPerTensorQuantInfo(output, "result");
      if (!qo)
        return qo.takeError();
      // TFLite computes this product and quotient in float32.
      float real = float(qa->scale()) * float(qb->scale()) / float(qo->scale());
      auto m = checkedMultiplier(real, "output rescale");
      if (!m)
        return m.takeError();
      auto range = quantizedActivationRange(act, *qo);
      if (!range)
        return range.takeError();
      quantizedMul(*m, qa->zeroPoint(), qb->zeroPoint(), qo->zeroPoint(),
                   range->first, range->second, pa, pb, po, a.getShape(),
                   b.getShape(), result.getShape());
      return llvm::Error::success();
    }
    case BinaryKind::Max:
    case BinaryKind::Min:
      // Operands and result share one scale and zero point: the integer
      // comparison is the real one (TFLite compares the stored values too).
      binaryLoop(kind, pa, pb, po, a.getShape(), b.getShape(), result.getShape());
      return llvm::Error::success();
    case BinaryKind::Div:
      break;
    }
    return kernelError("'{0}' has no quantized kernel", op->getName());
  };
  switch (result.getKind()) {
  case ElementKind::I8:
    return run(int8_t());
  case ElementKind::U8:
    return run(uint8_t());
  case ElementKind::I16:
    return run(int16_t());
  default:
    return kernelError("unsupported quantized storage {0}",
                       getElementKindName(result.getKind()));
  }
}
} // namespace

llvm::Error interp::evalAdd(AddOp op, Operands operands, Tensor &result,
                            Scratch &scratch) {
  return evalBinary(op, BinaryKind::Add, op.getLhs(), op.getRhs(),
                    op.getOutput(), op.getFusedActivation(), operands, result,
                    scratch.fusedActivation);
}
llvm::Error interp::evalSub(SubOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalBinary(op, BinaryKind::Sub, op.getLhs(), op.getRhs(),
                    op.getOutput(), op.getFusedActivation(), operands, result);
}
llvm::Error interp::evalMul(MulOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalBinary(op, BinaryKind::Mul, op.getLhs(), op.getRhs(),
                    op.getOutput(), op.getFusedActivation(), operands, result);
}
llvm::Error interp::evalDiv(DivOp op, Operands operands, Tensor &result,
                            Scratch &) {
  return evalBinary(op, BinaryKind::Div, op.getLhs(), op.getRhs(),
                    op.getOutput(), op.getFusedActivation(), operands, result);
}
llvm::Error interp::evalMaximum(MaximumOp op, Operands operands,
                                Tensor &result, Scratch &) {
  return evalBinary(op, BinaryKind::Max, op.getLhs(), op.getRhs(),
                    op.getOutput(), Activation::None, operands, result);
}
llvm::Error interp::evalMinimum(MinimumOp op, Operands operands,
                                Tensor &result, Scratch &) {
  return evalBinary(op, BinaryKind::Min, op.getLhs(), op.getRhs(),
                    op.getOutput(), Activation::None, operands, result);
}

//===----------------------------------------------------------------------===//
// Unary activations
//===----------------------------------------------------------------------===//

namespace {
/// Runs \p floatFn on float tensors; on quantized ones calls \p quantizedFn
/// with the storage type, input and output parameters.
template <typename FloatFn, typename QuantFn>
llvm::Error evalUnary(Value input, Value output, const Tensor &in,
                      Tensor &result, FloatFn floatFn, QuantFn quantizedFn) {
  if (auto err = prepareResult(output, in.getShape(), result))
    return err;
  if (in.getKind() != result.getKind())
    return kernelError("input and result must have one element type");
  int64_t n = in.getNumElements();
  if (!isQuantized(output)) {
    if (in.getKind() != ElementKind::F32 || isQuantized(input))
      return kernelError("expected float input and result");
    floatFn(in.getData<float>(), result.getData<float>(), n);
    return llvm::Error::success();
  }
  auto qi = getPerTensorQuantInfo(input, "input");
  if (!qi)
    return qi.takeError();
  auto qo = getPerTensorQuantInfo(output, "result");
  if (!qo)
    return qo.takeError();
  switch (in.getKind()) {
  case ElementKind::I8:
    return quantizedFn(in.getData<int8_t>(), result.getData<int8_t>(), n, *qi,
                       *qo);
  case ElementKind::U8:
    return quantizedFn(in.getData<uint8_t>(), result.getData<uint8_t>(), n,
                       *qi, *qo);
  case ElementKind::I16:
    return quantizedFn(in.getData<int16_t>(), result.getData<int16_t>(), n,
                       *qi, *qo);
  default:
    return kernelError("unsupported quantized storage {0}",
                       getElementKindName(in.getKind()));
  }
}

/// Quantized RELU, RELU6, RELU_N1_TO_1: rescale, then clamp to the
/// activation's quantized bounds.
llvm::Error evalReluFamily(Value input, Value output, const Tensor &in,
                           Tensor &result, FusedActivation act, float lo,
                           float hi) {
  auto floatFn = [&](const float *x, float *y, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      y[i] = std::min(std::max(x[i], lo), hi);
  };
  auto quantFn = [&](auto *x, auto *y, int64_t n, const QuantInfo &qi,
                     const QuantInfo &qo) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(y)>;
    // TFLite divides the scales in float32.
    auto m = checkedMultiplier(float(qi.scale()) / float(qo.scale()),
                               "rescale");
    if (!m)
      return m.takeError();
    auto [clampLo, clampHi] = activationRange(act, qo.params(), qo.qmin,
                                              qo.qmax);
    for (int64_t i = 0; i < n; ++i) {
      int32_t v = multiplyByQuantizedMultiplier(
          static_cast<int32_t>(x[i] - qi.zeroPoint()), *m);
      y[i] = clampTo<T>(int64_t(v) + qo.zeroPoint(), clampLo, clampHi);
    }
    return llvm::Error::success();
  };
  return evalUnary(input, output, in, result, floatFn, quantFn);
}

/// Quantizes `fn` applied to every representable input value: the lookup
/// table TFLite builds for its 8-bit LOGISTIC and TANH kernels (dequantize,
/// apply in float, round half away from zero, clamp).
template <typename T, typename Fn>
void applyThroughTable(const T *x, T *y, int64_t n, const QuantInfo &qi,
                       const QuantInfo &qo, Fn fn) {
  static_assert(sizeof(T) == 1, "tables are for 8-bit types");
  T table[256];
  float inScale = static_cast<float>(qi.scale());
  float inverse = 1.0f / static_cast<float>(qo.scale());
  for (int v = std::numeric_limits<T>::min();
       v <= std::numeric_limits<T>::max(); ++v) {
    float real = inScale * static_cast<float>(v - qi.zeroPoint());
    float rescaled = std::round(fn(real) * inverse);
    int64_t q = static_cast<int64_t>(rescaled) + qo.zeroPoint();
    table[static_cast<uint8_t>(v)] = clampTo<T>(q, qo.qmin, qo.qmax);
  }
  for (int64_t i = 0; i < n; ++i)
    y[i] = table[static_cast<uint8_t>(x[i])];
}

/// For 16-bit types: dequantize, apply in float, requantize. TFLite's int16
/// LOGISTIC/TANH use fixed-point table interpolation, which this matches
/// within a few units in the last place, not exactly.
template <typename T, typename Fn>
void applyThroughFloat(const T *x, T *y, int64_t n, const QuantInfo &qi,
                       const QuantInfo &qo, Fn fn) {
  for (int64_t i = 0; i < n; ++i) {
    float real = dequantizeValue(x[i], qi.params());
    y[i] = static_cast<T>(quantizeValue(fn(real), qo.params(), qo.qmin,
                                        qo.qmax));
  }
}

template <typename Fn>
llvm::Error evalTableActivation(Value input, Value output, const Tensor &in,
                                Tensor &result, Fn fn) {
  auto floatFn = [&](const float *x, float *y, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      y[i] = fn(x[i]);
  };
  auto quantFn = [&](auto *x, auto *y, int64_t n, const QuantInfo &qi,
                     const QuantInfo &qo) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(y)>;
    if constexpr (sizeof(T) == 1)
      applyThroughTable(x, y, n, qi, qo, fn);
    else
      applyThroughFloat(x, y, n, qi, qo, fn);
    return llvm::Error::success();
  };
  return evalUnary(input, output, in, result, floatFn, quantFn);
}

} // namespace

llvm::Error interp::evalRelu(ReluOp op, Operands operands, Tensor &result,
                             Scratch &) {
  return evalReluFamily(op.getInput(), op.getOutput(), *operands[0], result,
                        FusedActivation::Relu, 0.0f,
                        std::numeric_limits<float>::infinity());
}
llvm::Error interp::evalRelu6(Relu6Op op, Operands operands, Tensor &result,
                              Scratch &) {
  return evalReluFamily(op.getInput(), op.getOutput(), *operands[0], result,
                        FusedActivation::Relu6, 0.0f, 6.0f);
}
llvm::Error interp::evalReluN1To1(ReluN1To1Op op, Operands operands,
                                  Tensor &result, Scratch &) {
  return evalReluFamily(op.getInput(), op.getOutput(), *operands[0], result,
                        FusedActivation::ReluN1To1, -1.0f, 1.0f);
}

llvm::Error interp::evalLeakyRelu(LeakyReluOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  float alpha = op.getAlpha().convertToFloat();
  auto floatFn = [&](const float *x, float *y, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      y[i] = x[i] > 0 ? x[i] : x[i] * alpha;
  };
  auto quantFn = [&](auto *x, auto *y, int64_t n, const QuantInfo &qi,
                     const QuantInfo &qo) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(y)>;
    if (alpha < 0)
      return kernelError("a quantized leaky_relu needs alpha >= 0, got {0}",
                         alpha);
    // In float32, as TFLite computes them.
    float inScale = float(qi.scale()), outScale = float(qo.scale());
    auto mAlpha = checkedMultiplier(inScale * alpha / outScale, "alpha rescale");
    if (!mAlpha)
      return mAlpha.takeError();
    auto mIdentity = checkedMultiplier(inScale / outScale, "rescale");
    if (!mIdentity)
      return mIdentity.takeError();
    for (int64_t i = 0; i < n; ++i) {
      int32_t v = static_cast<int32_t>(x[i] - qi.zeroPoint());
      int32_t r = multiplyByQuantizedMultiplier(v, v >= 0 ? *mIdentity : *mAlpha);
      y[i] = clampTo<T>(int64_t(r) + qo.zeroPoint(), qo.qmin, qo.qmax);
    }
    return llvm::Error::success();
  };
  return evalUnary(op.getInput(), op.getOutput(), *operands[0], result,
                   floatFn, quantFn);
}

llvm::Error interp::evalPRelu(PReluOp op, Operands operands, Tensor &result,
                              Scratch &) {
  const Tensor &in = *operands[0], &alpha = *operands[1];
  auto shape = broadcastShapes(in.getShape(), alpha.getShape());
  if (!shape)
    return shape.takeError();
  if (*shape != in.getShape())
    return kernelError("alpha of shape {0} does not broadcast to the input "
                       "shape {1}",
                       shapeToString(alpha.getShape()),
                       shapeToString(in.getShape()));
  if (auto err = prepareResult(op.getOutput(), in.getShape(), result))
    return err;
  if (!isQuantized(op.getOutput())) {
    if (in.getKind() != ElementKind::F32 || alpha.getKind() != ElementKind::F32)
      return kernelError("expected float input and alpha");
    const float *x = in.getData<float>(), *a = alpha.getData<float>();
    float *y = result.getData<float>();
    forEachBroadcastRun(in.getShape(), alpha.getShape(), in.getShape(),
                        [&](int64_t xo, int64_t xs, int64_t ao, int64_t as,
                            int64_t oo, int64_t n) {
                          for (int64_t i = 0; i < n; ++i) {
                            float v = x[xo + i * xs];
                            y[oo + i] = v >= 0 ? v : v * a[ao + i * as];
                          }
                        });
    return llvm::Error::success();
  }

  auto qi = getPerTensorQuantInfo(op.getInput(), "input");
  if (!qi)
    return qi.takeError();
  auto qa = getQuantInfo(op.getAlpha(), "alpha");
  if (!qa)
    return qa.takeError();
  auto qo = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!qo)
    return qo.takeError();
  if (in.getKind() != alpha.getKind() || in.getKind() != result.getKind())
    return kernelError("input, alpha and result must share a storage type");
  // TFLite computes the multipliers in float32. A per-axis alpha gets one
  // multiplier per slope (TFLite's kernel only takes per-tensor alphas).
  float inScale = float(qi->scale()), outScale = float(qo->scale());
  auto mPositive = checkedMultiplier(inScale / outScale, "rescale");
  if (!mPositive)
    return mPositive.takeError();
  llvm::SmallVector<QuantizedMultiplier> mNegative;
  for (double s : qa->scales) {
    auto m = checkedMultiplier(inScale * float(s) / outScale, "alpha rescale");
    if (!m)
      return m.takeError();
    mNegative.push_back(*m);
  }
  int64_t axisInner = 1, axisSize = 1;
  if (qa->isPerAxis()) {
    if (qa->axis >= alpha.getRank() ||
        alpha.getDimSize(qa->axis) != static_cast<int64_t>(qa->scales.size()))
      return kernelError("alpha's per-axis scales do not match its shape");
    axisSize = alpha.getDimSize(qa->axis);
    for (int64_t d = qa->axis + 1; d < alpha.getRank(); ++d)
      axisInner *= alpha.getDimSize(d);
  }
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t> ||
                  std::is_same_v<T, int16_t>) {
      const T *x = in.getData<T>(), *a = alpha.getData<T>();
      T *y = result.getData<T>();
      forEachBroadcastRun(
          in.getShape(), alpha.getShape(), in.getShape(),
          [&](int64_t xo, int64_t xs, int64_t ao, int64_t as, int64_t oo,
              int64_t n) {
            for (int64_t i = 0; i < n; ++i) {
              int32_t v = static_cast<int32_t>(x[xo + i * xs] - qi->zeroPoint());
              int32_t r;
              if (v >= 0) {
                r = multiplyByQuantizedMultiplier(v, *mPositive);
              } else {
                int64_t ai = ao + i * as;
                int64_t c = qa->isPerAxis() ? (ai / axisInner) % axisSize : 0;
                int32_t slope = static_cast<int32_t>(a[ai] - qa->zeroPoints[c]);
                r = multiplyByQuantizedMultiplier(v * slope, mNegative[c]);
              }
              y[oo + i] = clampTo<T>(int64_t(r) + qo->zeroPoint(), qo->qmin,
                                     qo->qmax);
            }
          });
      return llvm::Error::success();
    } else {
      return kernelError("unsupported quantized storage");
    }
  });
}

llvm::Error interp::evalHardSwish(HardSwishOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  auto floatFn = [](const float *x, float *y, int64_t n) {
    for (int64_t i = 0; i < n; ++i)
      y[i] = x[i] * std::min(6.0f, std::max(0.0f, x[i] + 3.0f)) / 6.0f;
  };
  auto quantFn = [&](auto *x, auto *y, int64_t n, const QuantInfo &qi,
                     const QuantInfo &qo) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(y)>;
    if constexpr (sizeof(T) != 1) {
      return kernelError("quantized hard_swish needs 8-bit storage");
    } else {
      std::optional<QuantizedHardSwish> hs =
          QuantizedHardSwish::get(qi.scale(), qo.scale());
      if (!hs)
        return kernelError("hard_swish output scale is too small for the "
                           "input scale (TFLite rejects this too)");
      for (int64_t i = 0; i < n; ++i) {
        int32_t v = hs->apply(x[i] - qi.zeroPoint()) + qo.zeroPoint();
        y[i] = clampTo<T>(v, qo.qmin, qo.qmax);
      }
      return llvm::Error::success();
    }
  };
  return evalUnary(op.getInput(), op.getOutput(), *operands[0], result,
                   floatFn, quantFn);
}

llvm::Error interp::evalLogistic(LogisticOp op, Operands operands,
                                 Tensor &result, Scratch &) {
  return evalTableActivation(op.getInput(), op.getOutput(), *operands[0],
                             result, [](float v) {
                               return 1.0f / (1.0f + std::exp(-v));
                             });
}

llvm::Error interp::evalTanh(TanhOp op, Operands operands, Tensor &result,
                             Scratch &) {
  return evalTableActivation(op.getInput(), op.getOutput(), *operands[0],
                             result, [](float v) { return std::tanh(v); });
}

llvm::Error interp::evalGelu(GeluOp op, Operands operands, Tensor &result,
                             Scratch &) {
  // In float32, as TFLite's kernel and its int8 table compute it.
  if (op.getApproximate())
    return evalTableActivation(
        op.getInput(), op.getOutput(), *operands[0], result, [](float v) {
          const float sqrt2OverPi = 0.7978845608f;
          return 0.5f * v *
                 (1.0f + std::tanh(sqrt2OverPi * (v + 0.044715f * v * v * v)));
        });
  return evalTableActivation(op.getInput(), op.getOutput(), *operands[0],
                             result, [](float v) {
                               return 0.5f * v *
                                      (1.0f + std::erf(v * 0.7071067812f));
                             });
}
