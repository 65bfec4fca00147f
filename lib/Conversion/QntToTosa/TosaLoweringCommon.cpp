//===- TosaLoweringCommon.cpp - Shared pieces of the qnt-to-TOSA lowering -===//
//
// Parameters, checks and TOSA builders that several op families use.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace qnt;

namespace qnt::tosa_lowering {

//===----------------------------------------------------------------------===//
// Quantization parameters and checks
//===----------------------------------------------------------------------===//

std::optional<QInfo> getQInfo(Value v) {
  auto q = dyn_cast<quant::QuantizedType>(getElementTypeOrSelf(v.getType()));
  if (!q)
    return std::nullopt;
  QInfo info;
  info.bits = q.getStorageTypeIntegralWidth();
  info.isSigned = q.isSigned();
  std::tie(info.qmin, info.qmax) = integerRange(info.bits, info.isSigned);
  auto asFloat = [](double s) { return static_cast<double>(float(s)); };
  if (auto u = dyn_cast<quant::UniformQuantizedType>(q)) {
    info.scales.push_back(asFloat(u.getScale()));
    info.zeroPoints.push_back(u.getZeroPoint());
    return info;
  }
  if (auto a = dyn_cast<quant::UniformQuantizedPerAxisType>(q)) {
    for (double s : a.getScales())
      info.scales.push_back(asFloat(s));
    info.zeroPoints.assign(a.getZeroPoints().begin(), a.getZeroPoints().end());
    info.perAxis = true;
    return info;
  }
  return std::nullopt;
}

FailureOr<QInfo> getActivationInfo(Operation *op, Value v, StringRef what,
                                   bool allowInt16) {
  auto info = getQInfo(v);
  if (!info)
    return op->emitError() << what << " must be quantized to lower to TOSA, got "
                           << v.getType();
  if (info->perAxis)
    return op->emitError() << what << " must be quantized per tensor";
  if (allowInt16 && info->bits == 16 && info->isSigned) {
    // TOSA's int16 operands (rescale, convolution inputs) take zero point 0.
    if (info->zeroPoint() != 0)
      return op->emitError() << what << ": int16 activations must have zero "
                                        "point 0 to lower to TOSA, got "
                             << v.getType();
    return *info;
  }
  if (info->bits != 8 || !info->isSigned)
    return op->emitError()
           << what
           << (allowInt16 ? ": only int8 and int16 activations lower to TOSA"
                          : ": only int8 activations lower to TOSA for this op")
           << ", got " << v.getType();
  return *info;
}

Type storageType(OpBuilder &b, const QInfo &info) {
  return b.getIntegerType(info.bits);
}

LogicalResult checkSameWidth(Operation *op,
                             std::initializer_list<const QInfo *> infos) {
  for (const QInfo *i : infos)
    if (i->bits != (*infos.begin())->bits)
      return op->emitError("operands and result must all be int8 or all int16");
  return success();
}

LogicalResult checkSameScale(Operation *op, Value in, Value out, QInfo *info,
                             bool allowInt16) {
  auto i = getActivationInfo(op, in, "input", allowInt16);
  auto o = getActivationInfo(op, out, "result", allowInt16);
  if (failed(i) || failed(o))
    return failure();
  if (float(i->scale()) != float(o->scale()) ||
      i->zeroPoint() != o->zeroPoint() || i->bits != o->bits)
    return op->emitError("input and result must share scale and zero point");
  if (info)
    *info = *o;
  return success();
}

FailureOr<QuantizedMultiplier> getMultiplier(Operation *op, double real,
                                             StringRef what) {
  if (!std::isfinite(real) || real < 0)
    return op->emitError() << what << ": invalid real multiplier " << real;
  QuantizedMultiplier m = quantizeMultiplier(real);
  if (m.multiplier != 0 && (m.shift > 29 || m.shift < -31))
    return op->emitError() << what << ": real multiplier " << real
                           << " is out of the range tosa.rescale can apply";
  return m;
}

static FusedActivation toFusedActivation(Activation act) {
  switch (act) {
  case Activation::Relu:
    return FusedActivation::Relu;
  case Activation::Relu6:
    return FusedActivation::Relu6;
  case Activation::ReluN1To1:
    return FusedActivation::ReluN1To1;
  default:
    return FusedActivation::None;
  }
}

LogicalResult checkActivation(Operation *op, Activation act) {
  if (act == Activation::None || toFusedActivation(act) != FusedActivation::None)
    return success();
  return op->emitError() << "fused activation " << stringifyActivation(act)
                         << " does not lower to TOSA";
}

std::optional<SmallVector<int64_t>> getConstInts(Value original,
                                                 Value converted) {
  for (Value v : {original, converted}) {
    if (!v)
      continue;
    ElementsAttr attr;
    if (auto c = v.getDefiningOp<ConstOp>())
      attr = c.getValue();
    else if (auto c = v.getDefiningOp<tosa::ConstOp>())
      attr = c.getValues();
    if (!attr)
      continue;
    auto dense = dyn_cast<DenseIntElementsAttr>(attr);
    if (!dense)
      return std::nullopt;
    SmallVector<int64_t> out;
    for (const APInt &x : dense.getValues<APInt>())
      out.push_back(x.getSExtValue());
    return out;
  }
  return std::nullopt;
}

LogicalResult checkStatic(Operation *op) {
  for (Type t : llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes()))
    if (auto s = dyn_cast<RankedTensorType>(t); s && !s.hasStaticShape())
      return op->emitError() << "dynamic shape " << t
                             << " does not lower to TOSA";
  return success();
}

std::pair<int64_t, int64_t> computePadding(Padding padding, int64_t in,
                                           int64_t out, int64_t k,
                                           int64_t stride, int64_t dilation) {
  if (padding == Padding::Valid)
    return {0, 0};
  int64_t dilated = (k - 1) * dilation + 1;
  int64_t total = std::max<int64_t>((out - 1) * stride + dilated - in, 0);
  return {total / 2, total - total / 2};
}

//===----------------------------------------------------------------------===//
// Building TOSA values
//===----------------------------------------------------------------------===//

RankedTensorType withElementType(Type t, Type elem) {
  return cast<RankedTensorType>(t).clone(elem);
}

Value constI32(OpBuilder &b, Location loc, ArrayRef<int32_t> values,
               ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(shape, b.getI32Type());
  return tosa::ConstOp::create(b, loc, type,
                               DenseElementsAttr::get(type, values));
}

Value noShift(OpBuilder &b, Location loc) {
  auto type = RankedTensorType::get({1}, b.getI8Type());
  return tosa::ConstOp::create(
      b, loc, type, DenseElementsAttr::get(type, ArrayRef<int8_t>{0}));
}

Value zeroPoint(OpBuilder &b, Location loc, Type elem, int64_t zp) {
  return *tosa::createZeroPointTensor(b, loc, elem, zp);
}

Value reshape(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape) {
  auto type = withElementType(v.getType(), getElementTypeOrSelf(v)).clone(shape);
  if (type == v.getType())
    return v;
  ImplicitLocOpBuilder ib(loc, b);
  return tosa::ReshapeOp::create(b, loc, type, v,
                                 tosa::getTosaConstShape(ib, shape));
}

Value transpose(OpBuilder &b, Location loc, Value v, ArrayRef<int32_t> perm) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int32_t p : perm)
    shape.push_back(type.getDimSize(p));
  return tosa::TransposeOp::create(b, loc, type.clone(shape), v,
                                   b.getDenseI32ArrayAttr(perm));
}

Value rescale(OpBuilder &b, Location loc, Value input, Type outElem,
              ArrayRef<QuantizedMultiplier> ms, int64_t inZp, int64_t outZp,
              bool inUnsigned, bool outUnsigned) {
  SmallVector<int32_t> mult;
  SmallVector<int8_t> shift;
  for (QuantizedMultiplier m : ms) {
    mult.push_back(m.multiplier);
    shift.push_back(static_cast<int8_t>(31 - m.shift));
  }
  int64_t n = static_cast<int64_t>(ms.size());
  Value multT = constI32(b, loc, mult, {n});
  auto shiftType = RankedTensorType::get({n}, b.getI8Type());
  Value shiftT = tosa::ConstOp::create(
      b, loc, shiftType, DenseElementsAttr::get(shiftType, ArrayRef(shift)));
  Type inElem = getElementTypeOrSelf(input);
  // An unsigned 8-bit zero point in [0, 255] is stored in an i8 tensor.
  auto stored = [](int64_t zp, bool isUnsigned) {
    return isUnsigned && zp > 127 ? zp - 256 : zp;
  };
  Value inZpT = zeroPoint(b, loc, inElem, stored(inZp, inUnsigned));
  Value outZpT = zeroPoint(b, loc, outElem, stored(outZp, outUnsigned));
  return tosa::RescaleOp::create(
      b, loc, withElementType(input.getType(), outElem), input, multT, shiftT,
      inZpT, outZpT,
      b.getBoolAttr(true),
      tosa::RoundingModeAttr::get(b.getContext(),
                                  tosa::RoundingMode::DOUBLE_ROUND),
      b.getBoolAttr(n != 1), b.getBoolAttr(inUnsigned),
      b.getBoolAttr(outUnsigned));
}

Value widen(OpBuilder &b, Location loc, Value input, int64_t zp,
            int leftShift) {
  // Multiplier 2^30 with TOSA shift 30 - leftShift: exact.
  QuantizedMultiplier m{1 << 30, 1 + leftShift};
  return rescale(b, loc, input, b.getI32Type(), m, zp, 0);
}

Value divideRoundingAway(OpBuilder &b, Location loc, Value sum,
                         ArrayRef<int32_t> count,
                         ArrayRef<int64_t> countShape) {
  auto accTy = cast<RankedTensorType>(sum.getType());
  SmallVector<int32_t> half, negHalf;
  for (int32_t c : count) {
    half.push_back(c / 2);
    negHalf.push_back(-(c / 2));
  }
  // tosa.intdiv truncates: offset by half the divisor away from zero first.
  Value positive = tosa::GreaterOp::create(
      b, loc, accTy.clone(b.getI1Type()), sum,
      constI32(b, loc, {0}, SmallVector<int64_t>(accTy.getRank(), 1)));
  Value up = tosa::AddOp::create(b, loc, accTy, sum,
                                 constI32(b, loc, half, countShape));
  Value down = tosa::AddOp::create(b, loc, accTy, sum,
                                   constI32(b, loc, negHalf, countShape));
  Value offset = tosa::SelectOp::create(b, loc, accTy, positive, up, down);
  return tosa::IntDivOp::create(b, loc, accTy, offset,
                                constI32(b, loc, count, countShape));
}

Value clampActivation(OpBuilder &b, Location loc, Value v, Activation act,
                      const QInfo &out) {
  FusedActivation fused = toFusedActivation(act);
  if (fused == FusedActivation::None)
    return v;
  auto [lo, hi] = activationRange(fused, out.params(), out.qmin, out.qmax);
  // The rescale already saturates to the type's range.
  if (lo <= out.qmin && hi >= out.qmax)
    return v;
  Type elem = getElementTypeOrSelf(v);
  return tosa::ClampOp::create(
      b, loc, v.getType(), v, b.getIntegerAttr(elem, lo),
      b.getIntegerAttr(elem, hi),
      tosa::NanPropagationModeAttr::get(b.getContext(),
                                        tosa::NanPropagationMode::PROPAGATE));
}

Value int8Table(OpBuilder &b, Location loc,
                llvm::function_ref<int64_t(int64_t)> fn) {
  SmallVector<int8_t> table;
  for (int64_t v = -128; v <= 127; ++v)
    table.push_back(static_cast<int8_t>(fn(v)));
  auto type = RankedTensorType::get({256}, b.getI8Type());
  return tosa::ConstOp::create(b, loc, type,
                               DenseElementsAttr::get(type, ArrayRef(table)));
}

Value lookUp(OpBuilder &b, Location loc, Value input, Value table, Type like) {
  return tosa::TableOp::create(b, loc, withElementType(like, b.getI8Type()),
                               input, table);
}

} // namespace qnt::tosa_lowering
