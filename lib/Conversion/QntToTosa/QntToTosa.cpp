//===- QntToTosa.cpp - Lowering qnt's integer graphs to TOSA --------------===//
//
// Each quantized qnt op becomes the TOSA ops that compute what TFLite's
// integer kernel computes, on the storage types. Multipliers are derived the
// way qnt's interpreter (and TFLite) derive them: from scales rounded to
// float32, in double arithmetic for the accumulating ops and in float32 where
// TFLite's kernel divides in float32. TFLite applies a multiplier with a
// saturating rounding doubling high multiply followed by a rounding right
// shift; `tosa.rescale` with DOUBLE_ROUND is that arithmetic, with the TOSA
// shift being 31 minus TFLite's exponent.
//
//===----------------------------------------------------------------------===//

#include "qnt/Conversion/QntToTosa/QntToTosa.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Support/QuantMath.h"

#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

namespace qnt {
#define GEN_PASS_DEF_CONVERTQNTTOTOSA
#include "qnt/Conversion/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

//===----------------------------------------------------------------------===//
// Quantization parameters of the original types
//===----------------------------------------------------------------------===//

namespace {

/// The parameters of a quantized value, with scales rounded to float32 as
/// TFLite stores them.
struct QInfo {
  unsigned bits = 0;
  bool isSigned = true;
  int64_t qmin = 0, qmax = 0;
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> zeroPoints;
  bool perAxis = false;

  double scale() const { return scales.front(); }
  int64_t zeroPoint() const { return zeroPoints.front(); }
  QuantParams params() const { return {scale(), zeroPoint()}; }
};

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

/// Parameters of an 8-bit signed per-tensor activation, or an error on `op`.
FailureOr<QInfo> getActivationInfo(Operation *op, Value v, StringRef what) {
  auto info = getQInfo(v);
  if (!info)
    return op->emitError() << what << " must be quantized to lower to TOSA, got "
                           << v.getType();
  if (info->perAxis)
    return op->emitError() << what << " must be quantized per tensor";
  if (info->bits != 8 || !info->isSigned)
    return op->emitError() << what << ": only int8 activations lower to TOSA, got "
                           << v.getType();
  return *info;
}

/// Parameters of int8 weights with zero point 0 (per tensor or per channel).
FailureOr<QInfo> getWeightInfo(Operation *op, Value v) {
  auto info = getQInfo(v);
  if (!info)
    return op->emitError() << "filter must be quantized to lower to TOSA, got "
                           << v.getType();
  if (info->bits != 8 || !info->isSigned)
    return op->emitError() << "filter must be int8, got " << v.getType();
  if (llvm::any_of(info->zeroPoints, [](int64_t zp) { return zp != 0; }))
    return op->emitError() << "filter zero points must be 0";
  return *info;
}

/// TFLite's split of a real multiplier, rejected when TOSA's shift range
/// [2, 62] (TFLite exponent in [-31, 29]) cannot hold it.
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

FusedActivation toFusedActivation(Activation act) {
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

/// out = rescale(in - inZp) + outZp, saturated to outElem, one multiplier per
/// tensor or one per element of the last dimension.
Value rescale(OpBuilder &b, Location loc, Value input, Type outElem,
              ArrayRef<QuantizedMultiplier> ms, int64_t inZp, int64_t outZp) {
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
  Value inZpT = zeroPoint(b, loc, inElem, inZp);
  Value outZpT = zeroPoint(b, loc, outElem, outZp);
  return tosa::RescaleOp::create(
      b, loc, withElementType(input.getType(), outElem), input, multT, shiftT,
      inZpT, outZpT,
      b.getBoolAttr(true),
      tosa::RoundingModeAttr::get(b.getContext(),
                                  tosa::RoundingMode::DOUBLE_ROUND),
      b.getBoolAttr(n != 1), b.getBoolAttr(false), b.getBoolAttr(false));
}

/// (x - zp) as int32, exactly: multiplier 2^30 with shift 30.
Value widen(OpBuilder &b, Location loc, Value input, int64_t zp,
            int leftShift = 0) {
  QuantizedMultiplier m{1 << 30, 1 + leftShift};
  return rescale(b, loc, input, b.getI32Type(), m, zp, 0);
}

/// Clamps an int8 result to a fused activation's quantized range.
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

/// A supported fused activation (TANH and SIGN_BIT are not clamps).
LogicalResult checkActivation(Operation *op, Activation act) {
  if (act == Activation::None || toFusedActivation(act) != FusedActivation::None)
    return success();
  return op->emitError() << "fused activation " << stringifyActivation(act)
                         << " does not lower to TOSA";
}

/// Values of a constant operand (qnt.const or, once converted, tosa.const).
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

/// TFLite's SAME/VALID padding of one spatial dimension: {before, after}.
std::pair<int64_t, int64_t> computePadding(Padding padding, int64_t in,
                                           int64_t out, int64_t k,
                                           int64_t stride, int64_t dilation) {
  if (padding == Padding::Valid)
    return {0, 0};
  int64_t dilated = (k - 1) * dilation + 1;
  int64_t total = std::max<int64_t>((out - 1) * stride + dilated - in, 0);
  return {total / 2, total - total / 2};
}

/// The pad, stride and dilation attributes of a TOSA convolution that
/// computes TFLite's conv_2d or depthwise_conv_2d `op` (filter [*, H, W, *]).
struct ConvWindow {
  DenseI64ArrayAttr pad, stride, dilation;
};
template <typename ConvOp>
ConvWindow getConvWindow(ConvOp op, RankedTensorType inTy,
                         RankedTensorType outTy, RankedTensorType wTy,
                         Builder &b) {
  auto [top, bottom] = computePadding(
      op.getPadding(), inTy.getDimSize(1), outTy.getDimSize(1),
      wTy.getDimSize(1), op.getStrideH(), op.getDilationH());
  auto [left, right] = computePadding(
      op.getPadding(), inTy.getDimSize(2), outTy.getDimSize(2),
      wTy.getDimSize(2), op.getStrideW(), op.getDilationW());
  return {b.getDenseI64ArrayAttr({top, bottom, left, right}),
          b.getDenseI64ArrayAttr({op.getStrideH(), op.getStrideW()}),
          b.getDenseI64ArrayAttr({op.getDilationH(), op.getDilationW()})};
}

template <typename OpT>
struct QntPattern : public OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpT>::OpAdaptor;

  LogicalResult matchAndRewrite(OpT op, Adaptor adaptor,
                                ConversionPatternRewriter &rw) const final {
    if (failed(checkStatic(op)))
      return failure();
    FailureOr<Value> result = lower(op, adaptor, rw);
    if (failed(result))
      return failure();
    rw.replaceOp(op, *result);
    return success();
  }

  virtual FailureOr<Value> lower(OpT op, Adaptor adaptor,
                                 ConversionPatternRewriter &rw) const = 0;
};

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

struct ConstLowering : QntPattern<ConstOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(ConstOp op, OpAdaptor,
                         ConversionPatternRewriter &rw) const override {
    Type type = getTypeConverter()->convertType(op.getOutput().getType());
    if (cast<ShapedType>(op.getValue().getType()) != type)
      return op.emitError() << "constant value " << op.getValue().getType()
                            << " does not match its storage type " << type;
    return tosa::ConstOp::create(rw, op.getLoc(), type, op.getValue())
        .getResult();
  }
};

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

/// The bias as int32 (zeros when absent), reshaped to `shape`.
FailureOr<Value> getBias(Operation *op, Value original, Value converted,
                         int64_t channels, ArrayRef<int64_t> shape,
                         ConversionPatternRewriter &rw) {
  Location loc = op->getLoc();
  if (!original)
    return reshape(rw, loc,
                   constI32(rw, loc, SmallVector<int32_t>(channels, 0),
                            {channels}),
                   shape);
  auto q = getQInfo(original);
  if (!q || q->bits != 32 || !q->isSigned ||
      llvm::any_of(q->zeroPoints, [](int64_t z) { return z != 0; }))
    return op->emitError() << "bias must be int32 quantized with zero point 0, "
                              "got "
                           << original.getType();
  if (cast<ShapedType>(original.getType()).getNumElements() != channels)
    return op->emitError() << "bias must have " << channels << " elements";
  return reshape(rw, loc, converted, shape);
}

/// Output multipliers of an accumulating op: in * w[c] / out per channel.
FailureOr<SmallVector<QuantizedMultiplier>>
accumulatorMultipliers(Operation *op, const QInfo &in, const QInfo &w,
                       const QInfo &out, int64_t channels) {
  if (w.perAxis && static_cast<int64_t>(w.scales.size()) != channels)
    return op->emitError() << "filter has " << w.scales.size()
                           << " scales for " << channels << " channels";
  SmallVector<QuantizedMultiplier> ms;
  for (double ws : w.scales) {
    auto m = getMultiplier(op, in.scale() * ws / out.scale(), "output rescale");
    if (failed(m))
      return failure();
    ms.push_back(*m);
  }
  return ms;
}

struct Conv2DLowering : QntPattern<Conv2DOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(Conv2DOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto w = getWeightInfo(op, op.getFilter());
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(w) || failed(out) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (inTy.getDimSize(3) != wTy.getDimSize(3))
      return op.emitError("grouped convolution does not lower to TOSA");
    int64_t channels = wTy.getDimSize(0);
    auto ms = accumulatorMultipliers(op, *in, *w, *out, channels);
    auto bias = getBias(op, op.getBias(), a.getBias(), channels, {channels}, rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    ConvWindow window = getConvWindow(op, inTy, outTy, wTy, rw);
    Value inZp = zeroPoint(rw, loc, rw.getI8Type(), in->zeroPoint());
    Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
    Value acc = tosa::Conv2DOp::create(
        rw, loc, outTy.clone(rw.getI32Type()), a.getInput(), a.getFilter(),
        *bias, inZp, wZp,
        window.pad, window.stride, window.dilation,
        TypeAttr::get(rw.getI32Type()));
    Value r = rescale(rw, loc, acc, rw.getI8Type(), *ms, 0, out->zeroPoint());
    return clampActivation(rw, loc, r, op.getFusedActivation(), *out);
  }
};

struct DepthwiseConv2DLowering : QntPattern<DepthwiseConv2DOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(DepthwiseConv2DOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto w = getWeightInfo(op, op.getFilter());
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(w) || failed(out) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    int64_t c = inTy.getDimSize(3), channels = wTy.getDimSize(3);
    if (channels % c != 0)
      return op.emitError() << "filter channels " << channels
                            << " are not a multiple of input channels " << c;
    int64_t mult = channels / c;
    auto ms = accumulatorMultipliers(op, *in, *w, *out, channels);
    auto bias = getBias(op, op.getBias(), a.getBias(), channels, {channels}, rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    // TFLite's [1, H, W, C*M] filter is TOSA's [H, W, C, M] in the same order.
    Value filter = reshape(rw, loc, a.getFilter(),
                           {wTy.getDimSize(1), wTy.getDimSize(2), c, mult});
    ConvWindow window = getConvWindow(op, inTy, outTy, wTy, rw);
    Value inZp = zeroPoint(rw, loc, rw.getI8Type(), in->zeroPoint());
    Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
    Value acc = tosa::DepthwiseConv2DOp::create(
        rw, loc, outTy.clone(rw.getI32Type()), a.getInput(), filter, *bias,
        inZp, wZp,
        window.pad, window.stride, window.dilation,
        TypeAttr::get(rw.getI32Type()));
    Value r = rescale(rw, loc, acc, rw.getI8Type(), *ms, 0, out->zeroPoint());
    return clampActivation(rw, loc, r, op.getFusedActivation(), *out);
  }
};

struct FullyConnectedLowering : QntPattern<FullyConnectedOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(FullyConnectedOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto w = getWeightInfo(op, op.getFilter());
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(w) || failed(out) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    int64_t channels = wTy.getDimSize(0), depth = wTy.getDimSize(1);
    int64_t rows = inTy.getNumElements() / depth;
    auto ms = accumulatorMultipliers(op, *in, *w, *out, channels);
    auto bias =
        getBias(op, op.getBias(), a.getBias(), channels, {1, 1, channels}, rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    // TOSA has no fully connected op: [1, N, I] x [1, I, O] as a matmul.
    Value lhs = reshape(rw, loc, a.getInput(), {1, rows, depth});
    Value rhs = reshape(rw, loc, transpose(rw, loc, a.getFilter(), {1, 0}),
                        {1, depth, channels});
    auto accTy = RankedTensorType::get({1, rows, channels}, rw.getI32Type());
    Value inZp = zeroPoint(rw, loc, rw.getI8Type(), in->zeroPoint());
    Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
    Value acc = tosa::MatMulOp::create(rw, loc, accTy, lhs, rhs, inZp, wZp);
    acc = tosa::AddOp::create(rw, loc, accTy, acc, *bias);
    Value r = rescale(rw, loc, acc, rw.getI8Type(), *ms, 0, out->zeroPoint());
    r = clampActivation(rw, loc, r, op.getFusedActivation(), *out);
    return reshape(rw, loc, r,
                   cast<RankedTensorType>(op.getOutput().getType()).getShape());
  }
};

struct BatchMatMulLowering : QntPattern<BatchMatMulOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(BatchMatMulOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto x = getActivationInfo(op, op.getX(), "x");
    auto y = getActivationInfo(op, op.getY(), "y");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(x) || failed(y) || failed(out))
      return failure();
    auto xTy = cast<RankedTensorType>(op.getX().getType());
    auto yTy = cast<RankedTensorType>(op.getY().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (xTy.getRank() < 2 || yTy.getRank() < 2)
      return op.emitError("operands must have rank 2 or more");
    auto batchOf = [](RankedTensorType t) {
      int64_t b = 1;
      for (int64_t d : t.getShape().drop_back(2))
        b *= d;
      return b;
    };
    int64_t batch = batchOf(outTy);
    if (batchOf(xTy) != batch || batchOf(yTy) != batch)
      return op.emitError("broadcast batch dimensions do not lower to TOSA");
    double real = x->scale() * y->scale() / out->scale();
    auto m = getMultiplier(op, real, "output rescale");
    if (failed(m))
      return failure();
    Location loc = op.getLoc();
    auto as3d = [&](Value v, RankedTensorType t, bool adj) {
      int64_t r = t.getDimSize(t.getRank() - 2), c = t.getDimSize(t.getRank() - 1);
      Value v3 = reshape(rw, loc, v, {batch, r, c});
      return adj ? transpose(rw, loc, v3, {0, 2, 1}) : v3;
    };
    Value lhs = as3d(a.getX(), xTy, op.getAdjX());
    Value rhs = as3d(a.getY(), yTy, op.getAdjY());
    int64_t rows = cast<RankedTensorType>(lhs.getType()).getDimSize(1);
    int64_t cols = cast<RankedTensorType>(rhs.getType()).getDimSize(2);
    Value xZp = zeroPoint(rw, loc, rw.getI8Type(), x->zeroPoint());
    Value yZp = zeroPoint(rw, loc, rw.getI8Type(), y->zeroPoint());
    Value acc = tosa::MatMulOp::create(
        rw, loc, RankedTensorType::get({batch, rows, cols}, rw.getI32Type()),
        lhs, rhs, xZp, yZp);
    Value r = rescale(rw, loc, acc, rw.getI8Type(), *m, 0, out->zeroPoint());
    return reshape(rw, loc, r, outTy.getShape());
  }
};

//===----------------------------------------------------------------------===//
// Elementwise arithmetic and activations
//===----------------------------------------------------------------------===//

/// Reshapes `v` to `rank` dimensions by prepending ones (TOSA broadcasts
/// only between operands of equal rank).
Value expandRank(OpBuilder &b, Location loc, Value v, int64_t rank) {
  auto t = cast<RankedTensorType>(v.getType());
  if (t.getRank() == rank)
    return v;
  SmallVector<int64_t> shape(rank - t.getRank(), 1);
  llvm::append_range(shape, t.getShape());
  return reshape(b, loc, v, shape);
}

template <typename OpT, typename TosaOpT>
struct AddSubLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto l = getActivationInfo(op, op.getLhs(), "lhs");
    auto r = getActivationInfo(op, op.getRhs(), "rhs");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(l) || failed(r) || failed(out) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    // TFLite's int8 ADD: both inputs shifted left by 20 bits and brought to
    // twice the larger input scale, the sum rescaled to the output.
    constexpr int kLeftShift = 20;
    double twiceMax = 2 * std::max(l->scale(), r->scale());
    auto ml = getMultiplier(op, l->scale() / twiceMax, "lhs rescale");
    auto mr = getMultiplier(op, r->scale() / twiceMax, "rhs rescale");
    auto mo = getMultiplier(
        op, twiceMax / (double(int64_t(1) << kLeftShift) * out->scale()),
        "output rescale");
    if (failed(ml) || failed(mr) || failed(mo))
      return failure();
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    auto scaled = [&](Value v, int64_t zp, QuantizedMultiplier m) {
      Value wide = widen(rw, loc, v, zp, kLeftShift);
      Value s = rescale(rw, loc, wide, rw.getI32Type(), m, 0, 0);
      return expandRank(rw, loc, s, outTy.getRank());
    };
    Value x = scaled(a.getLhs(), l->zeroPoint(), *ml);
    Value y = scaled(a.getRhs(), r->zeroPoint(), *mr);
    Value sum = TosaOpT::create(rw, loc, outTy.clone(rw.getI32Type()), x, y);
    Value res = rescale(rw, loc, sum, rw.getI8Type(), *mo, 0, out->zeroPoint());
    return clampActivation(rw, loc, res, op.getFusedActivation(), *out);
  }
};

struct MulLowering : QntPattern<MulOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(MulOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto l = getActivationInfo(op, op.getLhs(), "lhs");
    auto r = getActivationInfo(op, op.getRhs(), "rhs");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(l) || failed(r) || failed(out) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    // TFLite computes this product and quotient in float32.
    float real = float(l->scale()) * float(r->scale()) / float(out->scale());
    auto m = getMultiplier(op, real, "output rescale");
    if (failed(m))
      return failure();
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    Value x = expandRank(rw, loc, widen(rw, loc, a.getLhs(), l->zeroPoint()),
                         outTy.getRank());
    Value y = expandRank(rw, loc, widen(rw, loc, a.getRhs(), r->zeroPoint()),
                         outTy.getRank());
    auto shiftType = RankedTensorType::get({1}, rw.getI8Type());
    Value shift = tosa::ConstOp::create(
        rw, loc, shiftType,
        DenseElementsAttr::get(shiftType, ArrayRef<int8_t>{0}));
    Value prod =
        tosa::MulOp::create(rw, loc, outTy.clone(rw.getI32Type()), x, y, shift);
    Value res = rescale(rw, loc, prod, rw.getI8Type(), *m, 0, out->zeroPoint());
    return clampActivation(rw, loc, res, op.getFusedActivation(), *out);
  }
};

template <typename OpT, Activation kAct>
struct ReluLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(out))
      return failure();
    // TFLite divides the scales in float32.
    auto m = getMultiplier(op, float(in->scale()) / float(out->scale()),
                           "rescale");
    if (failed(m))
      return failure();
    Location loc = op.getLoc();
    Value r = rescale(rw, loc, a.getInput(), rw.getI8Type(), *m,
                      in->zeroPoint(), out->zeroPoint());
    return clampActivation(rw, loc, r, kAct, *out);
  }
};

/// LOGISTIC and TANH: TFLite's int8 kernels look results up in a table of
/// fn applied to every dequantized input value, computed in float32.
template <typename OpT>
struct TableLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(out))
      return failure();
    float inScale = static_cast<float>(in->scale());
    float inverse = 1.0f / static_cast<float>(out->scale());
    SmallVector<int8_t> table;
    for (int v = -128; v <= 127; ++v) {
      float real = inScale * static_cast<float>(v - in->zeroPoint());
      float y = std::is_same_v<OpT, LogisticOp>
                    ? 1.0f / (1.0f + std::exp(-real))
                    : std::tanh(real);
      int64_t q = static_cast<int64_t>(std::round(y * inverse)) +
                  out->zeroPoint();
      table.push_back(static_cast<int8_t>(
          std::clamp<int64_t>(q, out->qmin, out->qmax)));
    }
    Location loc = op.getLoc();
    auto tableType = RankedTensorType::get({256}, rw.getI8Type());
    Value t = tosa::ConstOp::create(
        rw, loc, tableType, DenseElementsAttr::get(tableType, ArrayRef(table)));
    return tosa::TableOp::create(
               rw, loc, withElementType(op.getOutput().getType(), rw.getI8Type()),
               a.getInput(), t)
        .getResult();
  }
};

//===----------------------------------------------------------------------===//
// Requantization and the float edges
//===----------------------------------------------------------------------===//

struct RequantizeLowering : QntPattern<RequantizeOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(RequantizeOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(out))
      return failure();
    QuantizedMultiplier m{static_cast<int32_t>(op.getMultiplier()),
                          static_cast<int>(op.getShift())};
    if (m.multiplier < 0 || (m.multiplier != 0 && (m.shift > 29 || m.shift < -31)))
      return op.emitError("multiplier and shift are out of tosa.rescale's range");
    return rescale(rw, op.getLoc(), a.getInput(), rw.getI8Type(), m,
                   in->zeroPoint(), out->zeroPoint());
  }
};

struct QuantizeLowering : QntPattern<QuantizeOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(QuantizeOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(out))
      return failure();
    Location loc = op.getLoc();
    Type outType = withElementType(op.getOutput().getType(), rw.getI8Type());
    if (getQInfo(op.getInput())) {
      // Between quantized types: TFLite's QUANTIZE requantizes in fixed point.
      auto in = getActivationInfo(op, op.getInput(), "input");
      if (failed(in))
        return failure();
      auto m = getMultiplier(op, in->scale() / out->scale(), "requantize");
      if (failed(m))
        return failure();
      return rescale(rw, loc, a.getInput(), rw.getI8Type(), *m,
                     in->zeroPoint(), out->zeroPoint());
    }
    // From f32: x * (1 / scale), rounded half away from zero, plus the zero
    // point, clamped. TFLite divides by the scale; the reciprocal can differ
    // from the quotient in the last bit, so values landing exactly between
    // two steps may round the other way.
    auto inTy = cast<RankedTensorType>(a.getInput().getType());
    if (!inTy.getElementType().isF32())
      return op.emitError() << "quantize from " << inTy << " does not lower to TOSA";
    auto splat = [&](float v) -> Value {
      auto t = RankedTensorType::get(SmallVector<int64_t>(inTy.getRank(), 1),
                                     rw.getF32Type());
      return tosa::ConstOp::create(rw, loc, t, DenseElementsAttr::get(t, ArrayRef<float>(v)));
    };
    auto shiftType = RankedTensorType::get({1}, rw.getI8Type());
    Value noShift = tosa::ConstOp::create(
        rw, loc, shiftType, DenseElementsAttr::get(shiftType, ArrayRef<int8_t>{0}));
    Value y = tosa::MulOp::create(rw, loc, inTy, a.getInput(),
                                  splat(1.0f / float(out->scale())), noShift);
    Value mag = tosa::AbsOp::create(rw, loc, inTy, y);
    mag = tosa::FloorOp::create(
        rw, loc, inTy, tosa::AddOp::create(rw, loc, inTy, mag, splat(0.5f)));
    auto boolTy = inTy.clone(rw.getI1Type());
    Value negative = tosa::GreaterOp::create(rw, loc, boolTy, splat(0.0f), y);
    Value fZp = zeroPoint(rw, loc, rw.getF32Type(), 0);
    Value negMag = tosa::NegateOp::create(rw, loc, inTy, mag, fZp, fZp);
    Value rounded =
        tosa::SelectOp::create(rw, loc, inTy, negative, negMag, mag);
    rounded = tosa::AddOp::create(rw, loc, inTy, rounded,
                                  splat(float(out->zeroPoint())));
    auto nan = tosa::NanPropagationModeAttr::get(
        rw.getContext(), tosa::NanPropagationMode::IGNORE);
    rounded = tosa::ClampOp::create(rw, loc, inTy, rounded,
                                    rw.getF32FloatAttr(float(out->qmin)),
                                    rw.getF32FloatAttr(float(out->qmax)), nan);
    return tosa::CastOp::create(rw, loc, outType, rounded).getResult();
  }
};

struct DequantizeLowering : QntPattern<DequantizeOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(DequantizeOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    if (failed(in))
      return failure();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (!outTy.getElementType().isF32())
      return op.emitError() << "dequantize to " << outTy
                            << " does not lower to TOSA";
    Location loc = op.getLoc();
    // (q - zp) * scale in float32, as TFLite's DEQUANTIZE; q - zp is exact.
    auto splat = [&](float v) -> Value {
      auto t = RankedTensorType::get(SmallVector<int64_t>(outTy.getRank(), 1),
                                     rw.getF32Type());
      return tosa::ConstOp::create(rw, loc, t, DenseElementsAttr::get(t, ArrayRef<float>(v)));
    };
    Value x = tosa::CastOp::create(rw, loc, outTy, a.getInput());
    x = tosa::SubOp::create(rw, loc, outTy, x, splat(float(in->zeroPoint())));
    auto shiftType = RankedTensorType::get({1}, rw.getI8Type());
    Value noShift = tosa::ConstOp::create(
        rw, loc, shiftType, DenseElementsAttr::get(shiftType, ArrayRef<int8_t>{0}));
    return tosa::MulOp::create(rw, loc, outTy, x, splat(float(in->scale())),
                               noShift)
        .getResult();
  }
};

//===----------------------------------------------------------------------===//
// Ops that keep the scale
//===----------------------------------------------------------------------===//

/// Checks that the input and result share scale and zero point.
LogicalResult checkSameScale(Operation *op, Value in, Value out,
                             QInfo *info = nullptr) {
  auto i = getActivationInfo(op, in, "input");
  auto o = getActivationInfo(op, out, "result");
  if (failed(i) || failed(o))
    return failure();
  if (float(i->scale()) != float(o->scale()) || i->zeroPoint() != o->zeroPoint())
    return op->emitError("input and result must share scale and zero point");
  if (info)
    *info = *o;
  return success();
}

/// TFLite's int8 AVERAGE_POOL_2D: the sum of the stored values (zero point
/// included) over the unpadded part of each window, divided by that count
/// with halves rounded away from zero. tosa.avg_pool2d divides through a
/// fixed-point reciprocal that rounds differently, so the sum comes from a
/// depthwise convolution with unit weights (padding adds zeros) and the
/// division from tosa.intdiv on a per-position count known here.
Value averagePool(OpBuilder &b, Location loc, Value input,
                  RankedTensorType inTy, RankedTensorType outTy, int64_t kh,
                  int64_t kw, int64_t sh, int64_t sw, int64_t top,
                  int64_t left, DenseI64ArrayAttr pad) {
  int64_t c = inTy.getDimSize(3), oh = outTy.getDimSize(1),
          ow = outTy.getDimSize(2);
  Type i8 = b.getI8Type(), i32 = b.getI32Type();
  auto onesType = RankedTensorType::get({kh, kw, c, 1}, i8);
  Value ones = tosa::ConstOp::create(
      b, loc, onesType, DenseElementsAttr::get(onesType, b.getI8IntegerAttr(1)));
  Value zeroBias = constI32(b, loc, SmallVector<int32_t>(c, 0), {c});
  auto accTy = outTy.clone(i32);
  Value zp = zeroPoint(b, loc, i8, 0);
  Value sum = tosa::DepthwiseConv2DOp::create(
      b, loc, accTy, input, ones, zeroBias, zp, zp, pad, b.getDenseI64ArrayAttr({sh, sw}),
      b.getDenseI64ArrayAttr({1, 1}), TypeAttr::get(i32));
  auto covered = [](int64_t start, int64_t k, int64_t size) {
    return std::min(start + k, size) - std::max<int64_t>(start, 0);
  };
  SmallVector<int32_t> count, half, negHalf;
  for (int64_t y = 0; y < oh; ++y)
    for (int64_t x = 0; x < ow; ++x) {
      int64_t n = covered(y * sh - top, kh, inTy.getDimSize(1)) *
                  covered(x * sw - left, kw, inTy.getDimSize(2));
      count.push_back(static_cast<int32_t>(std::max<int64_t>(n, 1)));
      half.push_back(count.back() / 2);
      negHalf.push_back(-(count.back() / 2));
    }
  SmallVector<int64_t> posShape{1, oh, ow, 1};
  Value positive = tosa::GreaterOp::create(
      b, loc, accTy.clone(b.getI1Type()), sum,
      constI32(b, loc, {0}, {1, 1, 1, 1}));
  Value up =
      tosa::AddOp::create(b, loc, accTy, sum, constI32(b, loc, half, posShape));
  Value down = tosa::AddOp::create(b, loc, accTy, sum,
                                   constI32(b, loc, negHalf, posShape));
  Value offset = tosa::SelectOp::create(b, loc, accTy, positive, up, down);
  Value avg = tosa::IntDivOp::create(b, loc, accTy, offset,
                                     constI32(b, loc, count, posShape));
  return tosa::CastOp::create(b, loc, outTy.clone(i8), avg);
}

template <typename OpT>
struct PoolLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    QInfo out;
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), &out)) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    auto [top, bottom] =
        computePadding(op.getPadding(), inTy.getDimSize(1), outTy.getDimSize(1),
                       op.getFilterH(), op.getStrideH(), 1);
    auto [left, right] =
        computePadding(op.getPadding(), inTy.getDimSize(2), outTy.getDimSize(2),
                       op.getFilterW(), op.getStrideW(), 1);
    Location loc = op.getLoc();
    auto kernel = rw.getDenseI64ArrayAttr({op.getFilterH(), op.getFilterW()});
    auto stride = rw.getDenseI64ArrayAttr({op.getStrideH(), op.getStrideW()});
    auto pad = rw.getDenseI64ArrayAttr({top, bottom, left, right});
    Type resTy = outTy.clone(rw.getI8Type());
    Value r;
    if constexpr (std::is_same_v<OpT, MaxPool2DOp>) {
      r = tosa::MaxPool2dOp::create(rw, loc, resTy, a.getInput(), kernel,
                                    stride, pad);
    } else {
      r = averagePool(rw, loc, a.getInput(), inTy, outTy, op.getFilterH(),
                      op.getFilterW(), op.getStrideH(), op.getStrideW(), top,
                      left, pad);
    }
    return clampActivation(rw, loc, r, op.getFusedActivation(), out);
  }
};

template <typename OpT>
struct ReshapeLikeLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput())))
      return failure();
    Value in = a.getInput();
    auto shape = cast<RankedTensorType>(op.getOutput().getType()).getShape();
    ImplicitLocOpBuilder ib(op.getLoc(), rw);
    return tosa::ReshapeOp::create(
               rw, op.getLoc(),
               withElementType(op.getOutput().getType(), getElementTypeOrSelf(in)),
               in, tosa::getTosaConstShape(ib, shape))
        .getResult();
  }
};

struct TransposeLowering : QntPattern<TransposeOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(TransposeOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput())))
      return failure();
    auto perm = getConstInts(op.getPerm(), a.getPerm());
    if (!perm)
      return op.emitError("perm must be a constant");
    SmallVector<int32_t> p(perm->begin(), perm->end());
    return transpose(rw, op.getLoc(), a.getInput(), p);
  }
};

struct PadLowering : QntPattern<PadOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(PadOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    QInfo out;
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), &out)))
      return failure();
    auto pads = getConstInts(op.getPaddings(), a.getPaddings());
    if (!pads)
      return op.emitError("paddings must be a constant");
    Location loc = op.getLoc();
    ImplicitLocOpBuilder ib(loc, rw);
    // Padded elements hold the zero point: they are real zeros.
    Value padConst = zeroPoint(rw, loc, rw.getI8Type(), out.zeroPoint());
    return tosa::PadOp::create(
               rw, loc, withElementType(op.getOutput().getType(), rw.getI8Type()),
               a.getInput(), tosa::getTosaConstShape(ib, *pads), padConst)
        .getResult();
  }
};

struct ConcatenationLowering : QntPattern<ConcatenationOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(ConcatenationOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(out) || failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    Location loc = op.getLoc();
    SmallVector<Value> inputs;
    for (auto [orig, conv] : llvm::zip(op.getValues(), a.getValues())) {
      auto in = getActivationInfo(op, orig, "value");
      if (failed(in))
        return failure();
      if (float(in->scale()) == float(out->scale()) &&
          in->zeroPoint() == out->zeroPoint()) {
        inputs.push_back(conv);
        continue;
      }
      auto m = getMultiplier(op, in->scale() / out->scale(), "value rescale");
      if (failed(m))
        return failure();
      inputs.push_back(rescale(rw, loc, conv, rw.getI8Type(), *m,
                               in->zeroPoint(), out->zeroPoint()));
    }
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    // I32Attr getters return the value unsigned; the axis may be negative.
    int64_t axis = static_cast<int32_t>(op.getAxis());
    if (axis < 0)
      axis += outTy.getRank();
    Value r = tosa::ConcatOp::create(rw, loc, outTy.clone(rw.getI8Type()),
                                     inputs, rw.getI32IntegerAttr(axis));
    return clampActivation(rw, loc, r, op.getFusedActivation(), *out);
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct ConvertQntToTosa
    : public qnt::impl::ConvertQntToTosaBase<ConvertQntToTosa> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    QntToTosaTypeConverter converter;
    RewritePatternSet patterns(ctx);
    populateQntToTosaPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);

    ConversionTarget target(*ctx);
    target.addLegalDialect<tosa::TosaDialect>();
    target.addIllegalDialect<QntDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType()) &&
             converter.isLegal(&f.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return converter.isLegal(op); });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    // Index operands (perm, paddings, shapes) were read at conversion time.
    module.walk([](tosa::ConstOp c) {
      if (c->use_empty())
        c->erase();
    });
  }
};

} // namespace

QntToTosaTypeConverter::QntToTosaTypeConverter() {
  addConversion([](Type t) { return t; });
  addConversion([](RankedTensorType t) -> Type {
    if (auto q = dyn_cast<quant::QuantizedType>(t.getElementType()))
      return t.clone(q.getStorageType());
    return t;
  });
}

void qnt::populateQntToTosaPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<
      ConstLowering, Conv2DLowering, DepthwiseConv2DLowering,
      FullyConnectedLowering, BatchMatMulLowering,
      AddSubLowering<AddOp, tosa::AddOp>, AddSubLowering<SubOp, tosa::SubOp>,
      MulLowering, ReluLowering<ReluOp, Activation::Relu>,
      ReluLowering<Relu6Op, Activation::Relu6>,
      ReluLowering<ReluN1To1Op, Activation::ReluN1To1>,
      TableLowering<LogisticOp>, TableLowering<TanhOp>, RequantizeLowering,
      QuantizeLowering, DequantizeLowering, PoolLowering<MaxPool2DOp>,
      PoolLowering<AveragePool2DOp>, ReshapeLikeLowering<ReshapeOp>,
      ReshapeLikeLowering<SqueezeOp>, TransposeLowering, PadLowering,
      ConcatenationLowering>(converter, ctx);
}
