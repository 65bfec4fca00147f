//===- Pooling.cpp - max_pool_2d, average_pool_2d and mean ----------------===//
//
// Pools keep the input's scale and zero point. TFLite's averaging kernels
// divide integer sums with halves rounded away from zero, which
// `tosa.avg_pool2d` (a fixed-point reciprocal) does not reproduce: the sums
// come from a depthwise convolution or `tosa.reduce_sum` and the division
// from `tosa.intdiv`.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

/// An i48 accumulator as i32, exactly: (x * 4 + 2) >> 2.
Value narrowWide(OpBuilder &b, Location loc, Value input) {
  auto multType = RankedTensorType::get({1}, b.getI16Type());
  auto shiftType = RankedTensorType::get({1}, b.getI8Type());
  Value multT = tosa::ConstOp::create(
      b, loc, multType, DenseElementsAttr::get(multType, ArrayRef<int16_t>{4}));
  Value shiftT = tosa::ConstOp::create(
      b, loc, shiftType, DenseElementsAttr::get(shiftType, ArrayRef<int8_t>{2}));
  Type i32 = b.getI32Type();
  return tosa::RescaleOp::create(
      b, loc, withElementType(input.getType(), i32), input, multT, shiftT,
      zeroPoint(b, loc, getElementTypeOrSelf(input), 0), zeroPoint(b, loc, i32, 0),
      b.getBoolAttr(false),
      tosa::RoundingModeAttr::get(b.getContext(), tosa::RoundingMode::SINGLE_ROUND),
      b.getBoolAttr(false), b.getBoolAttr(false), b.getBoolAttr(false));
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
  Type inElem = getElementTypeOrSelf(input), i8 = b.getI8Type(),
       i32 = b.getI32Type();
  // int16 inputs accumulate in i48, narrowed exactly to i32 afterwards.
  bool wide = inElem.isInteger(16);
  Type accElem = wide ? b.getIntegerType(48) : i32;
  auto onesType = RankedTensorType::get({kh, kw, c, 1}, i8);
  Value ones = tosa::ConstOp::create(
      b, loc, onesType, DenseElementsAttr::get(onesType, b.getI8IntegerAttr(1)));
  auto biasType = RankedTensorType::get({c}, accElem);
  Value zeroBias = tosa::ConstOp::create(
      b, loc, biasType,
      DenseElementsAttr::get(biasType, b.getIntegerAttr(accElem, 0)));
  Value zp = zeroPoint(b, loc, i8, 0);
  Value sum = tosa::DepthwiseConv2DOp::create(
      b, loc, outTy.clone(accElem), input, ones, zeroBias,
      wide ? zeroPoint(b, loc, inElem, 0) : zp, zp, pad,
      b.getDenseI64ArrayAttr({sh, sw}), b.getDenseI64ArrayAttr({1, 1}),
      TypeAttr::get(accElem));
  if (wide)
    sum = narrowWide(b, loc, sum);
  auto covered = [](int64_t start, int64_t k, int64_t size) {
    return std::min(start + k, size) - std::max<int64_t>(start, 0);
  };
  SmallVector<int32_t> count;
  for (int64_t y = 0; y < oh; ++y)
    for (int64_t x = 0; x < ow; ++x) {
      int64_t n = covered(y * sh - top, kh, inTy.getDimSize(1)) *
                  covered(x * sw - left, kw, inTy.getDimSize(2));
      count.push_back(static_cast<int32_t>(std::max<int64_t>(n, 1)));
    }
  Value avg = divideRoundingAway(b, loc, sum, count, {1, oh, ow, 1});
  return tosa::CastOp::create(b, loc, outTy.clone(inElem), avg);
}

template <typename OpT>
struct PoolLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    QInfo out;
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), &out, true)) ||
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
    Type resTy = outTy.clone(storageType(rw, out));
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

/// MEAN over the spatial axes of an NHWC tensor, keeping them: TFLite's
/// integer kernel. The zero-point-corrected sum is rescaled by
/// in_scale / out_scale, divided by the count with halves rounded away from
/// zero, and the output zero point added. Other means go through float in
/// TFLite and do not lower.
struct MeanLowering : QntPattern<MeanOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(MeanOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(out))
      return failure();
    auto axes = getConstInts(op.getAxis(), a.getAxis());
    if (!axes)
      return op.emitError("axis must be a constant");
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = inTy.getRank();
    SmallVector<bool> reduced(rank, false);
    for (int64_t ax : *axes)
      if (ax >= -rank && ax < rank)
        reduced[ax < 0 ? ax + rank : ax] = true;
    if (!(op.getKeepDims() && rank == 4 && axes->size() == 2 && reduced[1] &&
          reduced[2] && !reduced[0] && !reduced[3]))
      return op.emitError("only a mean over axes 1 and 2 of a 4-D input with "
                          "keep_dims lowers to TOSA (TFLite computes other "
                          "means in float)");
    auto m = getMultiplier(op, in->scale() / out->scale(), "rescale");
    if (failed(m))
      return failure();
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    auto accTy = outTy.clone(rw.getI32Type());
    Value x = widen(rw, loc, a.getInput(), in->zeroPoint());
    auto rowTy = RankedTensorType::get(
        {inTy.getDimSize(0), 1, inTy.getDimSize(2), inTy.getDimSize(3)},
        rw.getI32Type());
    Value sum = tosa::ReduceSumOp::create(rw, loc, rowTy, x,
                                          rw.getI32IntegerAttr(1));
    sum = tosa::ReduceSumOp::create(rw, loc, accTy, sum,
                                    rw.getI32IntegerAttr(2));
    Value acc = rescale(rw, loc, sum, rw.getI32Type(), *m, 0, 0);
    int32_t count =
        static_cast<int32_t>(inTy.getDimSize(1) * inTy.getDimSize(2));
    Value avg = divideRoundingAway(rw, loc, acc, {count}, {1, 1, 1, 1});
    return rescale(rw, loc, avg, rw.getI8Type(), QuantizedMultiplier{1 << 30, 1},
                   0, out->zeroPoint());
  }
};

} // namespace

void qnt::tosa_lowering::populatePoolingLowerings(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<PoolLowering<MaxPool2DOp>, PoolLowering<AveragePool2DOp>,
               MeanLowering>(converter, patterns.getContext());
}
