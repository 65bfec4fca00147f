//===- Elementwise.cpp - add, sub, mul, min/max and the relu family -------===//
//
// Elementwise arithmetic follows TFLite's integer kernels: operands widened
// to int32 (zero point removed), brought to a common scale where the kernel
// does so, combined, and rescaled to the output. relu, relu6 and
// relu_n1_to_1 are a rescale and a clamp; leaky_relu a 256-entry table;
// prelu a select between two rescales.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

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
    auto l = getActivationInfo(op, op.getLhs(), "lhs", true);
    auto r = getActivationInfo(op, op.getRhs(), "rhs", true);
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(l) || failed(r) || failed(out) ||
        failed(checkSameWidth(op, {&*l, &*r, &*out})) ||
        failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    // TFLite's ADD: both inputs shifted left by 20 bits (15 for int16) and
    // brought to twice the larger input scale, the sum rescaled to the
    // output.
    const int kLeftShift = out->bits == 16 ? 15 : 20;
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
    Value res = rescale(rw, loc, sum, storageType(rw, *out), *mo, 0,
                        out->zeroPoint());
    return clampActivation(rw, loc, res, op.getFusedActivation(), *out);
  }
};

struct MulLowering : QntPattern<MulOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(MulOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto l = getActivationInfo(op, op.getLhs(), "lhs", true);
    auto r = getActivationInfo(op, op.getRhs(), "rhs", true);
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(l) || failed(r) || failed(out) ||
        failed(checkSameWidth(op, {&*l, &*r, &*out})) ||
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
    Value prod = tosa::MulOp::create(rw, loc, outTy.clone(rw.getI32Type()), x,
                                     y, noShift(rw, loc));
    Value res = rescale(rw, loc, prod, storageType(rw, *out), *m, 0,
                        out->zeroPoint());
    return clampActivation(rw, loc, res, op.getFusedActivation(), *out);
  }
};

template <typename OpT, Activation kAct>
struct ReluLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input", true);
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(in) || failed(out) || failed(checkSameWidth(op, {&*in, &*out})))
      return failure();
    // TFLite divides the scales in float32.
    auto m = getMultiplier(op, float(in->scale()) / float(out->scale()),
                           "rescale");
    if (failed(m))
      return failure();
    Location loc = op.getLoc();
    Value r = rescale(rw, loc, a.getInput(), storageType(rw, *out), *m,
                      in->zeroPoint(), out->zeroPoint());
    return clampActivation(rw, loc, r, kAct, *out);
  }
};

/// MAXIMUM and MINIMUM: operands and result share scale and zero point, so
/// the stored values compare as the real ones. TOSA's integer profile has
/// the comparison on int32 only: widen, compare, narrow (exact).
template <typename OpT, typename TosaOpT>
struct MinMaxLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getLhs(), op.getOutput(), nullptr, true)) ||
        failed(checkSameScale(op, op.getRhs(), op.getOutput(), nullptr, true)))
      return failure();
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    Value x = expandRank(rw, loc, widen(rw, loc, a.getLhs(), 0), outTy.getRank());
    Value y = expandRank(rw, loc, widen(rw, loc, a.getRhs(), 0), outTy.getRank());
    Value r = TosaOpT::create(
        rw, loc, outTy.clone(rw.getI32Type()), x, y,
        tosa::NanPropagationModeAttr::get(rw.getContext(),
                                          tosa::NanPropagationMode::PROPAGATE));
    return tosa::CastOp::create(rw, loc, outTy.clone(getElementTypeOrSelf(a.getLhs())), r)
        .getResult();
  }
};


/// LEAKY_RELU: TFLite rescales x - zp by in_scale / out_scale where it is
/// non-negative and by in_scale * alpha / out_scale elsewhere (multipliers
/// in float32). Over int8 inputs that is a table.
struct LeakyReluLowering : QntPattern<LeakyReluOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(LeakyReluOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(out))
      return failure();
    float alpha = op.getAlpha().convertToFloat();
    if (!(alpha >= 0))
      return op.emitError() << "alpha " << alpha << " must be non-negative";
    float inScale = float(in->scale()), outScale = float(out->scale());
    QuantizedMultiplier mId = quantizeMultiplier(inScale / outScale);
    QuantizedMultiplier mAlpha = quantizeMultiplier(inScale * alpha / outScale);
    Value table = int8Table(rw, op.getLoc(), [&](int64_t q) {
      int32_t v = static_cast<int32_t>(q - in->zeroPoint());
      int64_t r = multiplyByQuantizedMultiplier(v, v >= 0 ? mId : mAlpha);
      return std::clamp<int64_t>(r + out->zeroPoint(), out->qmin, out->qmax);
    });
    return lookUp(rw, op.getLoc(), a.getInput(), table,
                  op.getOutput().getType());
  }
};


/// PRELU with a per-tensor quantized alpha: where x - zp >= 0 the input is
/// rescaled by in_scale / out_scale; elsewhere (x - zp) * (alpha - alpha_zp)
/// by in_scale * alpha_scale / out_scale (float32 multipliers, as TFLite).
struct PReluLowering : QntPattern<PReluOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(PReluOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto alpha = getActivationInfo(op, op.getAlpha(), "alpha");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(alpha) || failed(out))
      return failure();
    float inScale = float(in->scale()), outScale = float(out->scale());
    auto mPos = getMultiplier(op, inScale / outScale, "rescale");
    auto mNeg = getMultiplier(op, inScale * float(alpha->scale()) / outScale,
                              "alpha rescale");
    if (failed(mPos) || failed(mNeg))
      return failure();
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    auto accTy = outTy.clone(rw.getI32Type());
    Value v = widen(rw, loc, a.getInput(), in->zeroPoint());
    Value slope = expandRank(rw, loc, widen(rw, loc, a.getAlpha(),
                                            alpha->zeroPoint()),
                             outTy.getRank());
    Value prod =
        tosa::MulOp::create(rw, loc, accTy, v, slope, noShift(rw, loc));
    Value neg = rescale(rw, loc, prod, rw.getI8Type(), *mNeg, 0,
                        out->zeroPoint());
    Value pos = rescale(rw, loc, v, rw.getI8Type(), *mPos, 0, out->zeroPoint());
    Value zero = constI32(rw, loc, {0},
                          SmallVector<int64_t>(outTy.getRank(), 1));
    Value nonNegative = tosa::GreaterEqualOp::create(
        rw, loc, accTy.clone(rw.getI1Type()), v, zero);
    return tosa::SelectOp::create(rw, loc, outTy.clone(rw.getI8Type()),
                                  nonNegative, pos, neg)
        .getResult();
  }
};

} // namespace

void qnt::tosa_lowering::populateElementwiseLowerings(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<AddSubLowering<AddOp, tosa::AddOp>,
               AddSubLowering<SubOp, tosa::SubOp>, MulLowering,
               ReluLowering<ReluOp, Activation::Relu>,
               ReluLowering<Relu6Op, Activation::Relu6>,
               ReluLowering<ReluN1To1Op, Activation::ReluN1To1>,
               MinMaxLowering<MaximumOp, tosa::MaximumOp>,
               MinMaxLowering<MinimumOp, tosa::MinimumOp>, LeakyReluLowering,
               PReluLowering>(converter, patterns.getContext());
}
