//===- Edges.cpp - constants, quantize, dequantize and requantize ---------===//
//
// Where values change representation: constants become `tosa.const` of
// their storage type, requantizations a `tosa.rescale`, and the float edges
// of a model float32 arithmetic matching TFLite's QUANTIZE and DEQUANTIZE.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

/// A float32 constant of `rank` unit dimensions (broadcast by TOSA).
Value splatF32(OpBuilder &b, Location loc, int64_t rank, float v) {
  auto t = RankedTensorType::get(SmallVector<int64_t>(rank, 1), b.getF32Type());
  return tosa::ConstOp::create(b, loc, t,
                               DenseElementsAttr::get(t, ArrayRef<float>(v)));
}

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

struct RequantizeLowering : QntPattern<RequantizeOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(RequantizeOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input", true);
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(in) || failed(out))
      return failure();
    QuantizedMultiplier m{static_cast<int32_t>(op.getMultiplier()),
                          static_cast<int>(op.getShift())};
    if (m.multiplier < 0 || (m.multiplier != 0 && (m.shift > 29 || m.shift < -31)))
      return op.emitError("multiplier and shift are out of tosa.rescale's range");
    return rescale(rw, op.getLoc(), a.getInput(), storageType(rw, *out), m,
                   in->zeroPoint(), out->zeroPoint());
  }
};

struct QuantizeLowering : QntPattern<QuantizeOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(QuantizeOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    // uint8 <-> int8 at the edges of an io-type=uint8 model: a rescale whose
    // unsigned side is flagged (the storage is i8 either way).
    auto inQ = getQInfo(op.getInput()), outQ = getQInfo(op.getOutput());
    auto isU8 = [](const std::optional<QInfo> &q) {
      return q && q->bits == 8 && !q->isSigned && !q->perAxis;
    };
    if (inQ && outQ && (isU8(inQ) || isU8(outQ))) {
      auto is8 = [](const QInfo &q) { return q.bits == 8 && !q.perAxis; };
      if (!is8(*inQ) || !is8(*outQ) || (isU8(inQ) && isU8(outQ)))
        return op.emitError() << "quantize from " << op.getInput().getType()
                              << " to " << op.getOutput().getType()
                              << " does not lower to TOSA";
      auto m = getMultiplier(op, inQ->scale() / outQ->scale(), "requantize");
      if (failed(m))
        return failure();
      return rescale(rw, loc, a.getInput(), rw.getI8Type(), *m,
                     inQ->zeroPoint(), outQ->zeroPoint(), isU8(inQ),
                     isU8(outQ));
    }
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(out))
      return failure();
    Type outType = withElementType(op.getOutput().getType(), storageType(rw, *out));
    if (getQInfo(op.getInput())) {
      // Between quantized types: TFLite's QUANTIZE requantizes in fixed point.
      auto in = getActivationInfo(op, op.getInput(), "input", true);
      if (failed(in))
        return failure();
      auto m = getMultiplier(op, in->scale() / out->scale(), "requantize");
      if (failed(m))
        return failure();
      return rescale(rw, loc, a.getInput(), storageType(rw, *out), *m,
                     in->zeroPoint(), out->zeroPoint());
    }
    // From f32: x * (1 / scale), rounded half away from zero, plus the zero
    // point, clamped. TFLite divides by the scale; the reciprocal can differ
    // from the quotient in the last bit, so values landing exactly between
    // two steps may round the other way.
    auto inTy = cast<RankedTensorType>(a.getInput().getType());
    if (!inTy.getElementType().isF32())
      return op.emitError() << "quantize from " << inTy << " does not lower to TOSA";
    auto splat = [&](float v) { return splatF32(rw, loc, inTy.getRank(), v); };
    Value shift = noShift(rw, loc);
    Value y = tosa::MulOp::create(rw, loc, inTy, a.getInput(),
                                  splat(1.0f / float(out->scale())), shift);
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
    auto in = getActivationInfo(op, op.getInput(), "input", true);
    if (failed(in))
      return failure();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (!outTy.getElementType().isF32())
      return op.emitError() << "dequantize to " << outTy
                            << " does not lower to TOSA";
    Location loc = op.getLoc();
    // (q - zp) * scale in float32, as TFLite's DEQUANTIZE; q - zp is exact.
    auto splat = [&](float v) { return splatF32(rw, loc, outTy.getRank(), v); };
    Value x = tosa::CastOp::create(rw, loc, outTy, a.getInput());
    x = tosa::SubOp::create(rw, loc, outTy, x, splat(float(in->zeroPoint())));
    Value shift = noShift(rw, loc);
    return tosa::MulOp::create(rw, loc, outTy, x, splat(float(in->scale())),
                               shift)
        .getResult();
  }
};

} // namespace

void qnt::tosa_lowering::populateEdgeLowerings(const TypeConverter &converter,
                                               RewritePatternSet &patterns) {
  patterns.add<ConstLowering, RequantizeLowering, QuantizeLowering,
               DequantizeLowering>(converter, patterns.getContext());
}
