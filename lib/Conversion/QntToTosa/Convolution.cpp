//===- Convolution.cpp - conv_2d, depthwise_conv_2d, fully_connected, ... -===//
//
// The accumulating ops: conv_2d (grouped too), depthwise_conv_2d,
// transpose_conv, fully_connected and batch_matmul. int8 inputs accumulate in
// i32 with an i32 bias; int16 inputs (the 16x8 pipeline) in i48 with an i48
// bias. The accumulator is rescaled per output channel by
// in_scale * filter_scale / out_scale and clamped to the fused activation.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

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

/// The parameters of a weighted op: int8 (or, with the int16 extension,
/// int16) activations of one width and int8 weights.
struct WeightedInfo {
  QInfo in, w, out;
};
FailureOr<WeightedInfo> getWeightedInfo(Operation *op, Value input,
                                        Value filter, Value output,
                                        Activation act) {
  auto in = getActivationInfo(op, input, "input", true);
  auto w = getWeightInfo(op, filter);
  auto out = getActivationInfo(op, output, "result", true);
  if (failed(in) || failed(w) || failed(out) ||
      failed(checkSameWidth(op, {&*in, &*out})) ||
      failed(checkActivation(op, act)))
    return failure();
  return WeightedInfo{*in, *w, *out};
}

/// Rescales an i48 accumulator (int16 activations) to outElem: TOSA's 16-bit
/// multiplier with one rounding, which is the arithmetic of qnt's (and
/// TFLite's) 64-bit accumulator rescale: the 31-bit multiplier reduced to 15
/// bits, rounded, and a single rounding right shift by 15 - shift.
FailureOr<Value> rescaleWide(Operation *op, OpBuilder &b, Location loc,
                             Value input, Type outElem,
                             ArrayRef<QuantizedMultiplier> ms, int64_t outZp) {
  SmallVector<int16_t> mult;
  SmallVector<int8_t> shift;
  for (QuantizedMultiplier m : ms) {
    if (m.shift > 7 || m.shift < -31)
      return op->emitError() << "output rescale: exponent " << m.shift
                             << " is out of the range of the int16 kernels";
    mult.push_back(m.multiplier < 0x7FFF0000
                       ? static_cast<int16_t>((int64_t(m.multiplier) + (1 << 15)) >> 16)
                       : int16_t(0x7FFF));
    shift.push_back(static_cast<int8_t>(15 - m.shift));
  }
  int64_t n = static_cast<int64_t>(ms.size());
  auto multType = RankedTensorType::get({n}, b.getI16Type());
  Value multT = tosa::ConstOp::create(
      b, loc, multType, DenseElementsAttr::get(multType, ArrayRef(mult)));
  auto shiftType = RankedTensorType::get({n}, b.getI8Type());
  Value shiftT = tosa::ConstOp::create(
      b, loc, shiftType, DenseElementsAttr::get(shiftType, ArrayRef(shift)));
  Value inZpT = zeroPoint(b, loc, getElementTypeOrSelf(input), 0);
  Value outZpT = zeroPoint(b, loc, outElem, outZp);
  return tosa::RescaleOp::create(
             b, loc, withElementType(input.getType(), outElem), input, multT,
             shiftT, inZpT, outZpT, b.getBoolAttr(false),
             tosa::RoundingModeAttr::get(b.getContext(),
                                         tosa::RoundingMode::SINGLE_ROUND),
             b.getBoolAttr(n != 1), b.getBoolAttr(false), b.getBoolAttr(false))
      .getResult();
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

/// The bias as int32 (zeros when absent), reshaped to `shape`.
FailureOr<Value> getI32Bias(Operation *op, Value original, Value converted,
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

/// The bias of an int16 op as an i48 constant (zeros when absent): qnt
/// stores it as i32 or i64.
FailureOr<Value> getI48Bias(Operation *op, Value original, Value converted,
                            int64_t channels, ArrayRef<int64_t> shape,
                            ConversionPatternRewriter &rw) {
  SmallVector<int64_t> values(channels, 0);
  if (original) {
    auto q = getQInfo(original);
    if (!q || (q->bits != 32 && q->bits != 64) || !q->isSigned ||
        llvm::any_of(q->zeroPoints, [](int64_t z) { return z != 0; }))
      return op->emitError() << "bias must be int32 or int64 quantized with "
                                "zero point 0, got "
                             << original.getType();
    auto v = getConstInts(original, converted);
    if (!v)
      return op->emitError("the bias of an int16 op must be a constant");
    if (static_cast<int64_t>(v->size()) != channels)
      return op->emitError() << "bias must have " << channels << " elements";
    for (int64_t x : *v)
      if (x < -(int64_t(1) << 47) || x >= (int64_t(1) << 47))
        return op->emitError() << "bias value " << x << " does not fit in int48";
    values = *v;
  }
  Type i48 = rw.getIntegerType(48);
  auto type = RankedTensorType::get({channels}, i48);
  SmallVector<APInt> ints;
  for (int64_t x : values)
    ints.push_back(APInt(48, static_cast<uint64_t>(x), /*isSigned=*/true));
  Value c = tosa::ConstOp::create(rw, op->getLoc(), type,
                                  DenseElementsAttr::get(type, ints));
  return reshape(rw, op->getLoc(), c, shape);
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

/// The types of a convolution's operands: i8 inputs accumulate in i32, i16
/// inputs (the int16x8 pipeline) in i48 with an i48 bias.
struct AccTypes {
  bool wide;
  Type in, acc;
};
AccTypes getAccTypes(OpBuilder &b, const QInfo &in) {
  bool wide = in.bits == 16;
  return {wide, storageType(b, in),
          wide ? b.getIntegerType(48) : b.getI32Type()};
}

/// The bias in the accumulator's type.
FailureOr<Value> getBias(Operation *op, const AccTypes &t, Value original,
                         Value converted, int64_t channels,
                         ArrayRef<int64_t> shape,
                         ConversionPatternRewriter &rw) {
  return t.wide ? getI48Bias(op, original, converted, channels, shape, rw)
                : getI32Bias(op, original, converted, channels, shape, rw);
}

/// The accumulator rescaled to the output type, then the fused activation.
FailureOr<Value> finishAccumulator(Operation *op, OpBuilder &b, Location loc,
                                   Value acc, const AccTypes &t,
                                   ArrayRef<QuantizedMultiplier> ms,
                                   const QInfo &out, Activation act) {
  Type outElem = storageType(b, out);
  Value r;
  if (t.wide) {
    auto w = rescaleWide(op, b, loc, acc, outElem, ms, out.zeroPoint());
    if (failed(w))
      return failure();
    r = *w;
  } else {
    r = rescale(b, loc, acc, outElem, ms, 0, out.zeroPoint());
  }
  return clampActivation(b, loc, r, act, out);
}

struct Conv2DLowering : QntPattern<Conv2DOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(Conv2DOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto info = getWeightedInfo(op, op.getInput(), op.getFilter(),
                                op.getOutput(), op.getFusedActivation());
    if (failed(info))
      return failure();
    const QInfo &in = info->in, &w = info->w, &out = info->out;
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    int64_t channels = wTy.getDimSize(0);
    int64_t groupDepth = wTy.getDimSize(3);
    if (groupDepth <= 0 || inTy.getDimSize(3) % groupDepth != 0 ||
        channels % (inTy.getDimSize(3) / groupDepth) != 0)
      return op.emitError() << "input channels " << inTy.getDimSize(3)
                            << " and filter depth " << groupDepth
                            << " do not form equal groups";
    int64_t groups = inTy.getDimSize(3) / groupDepth;
    AccTypes t = getAccTypes(rw, in);
    auto ms = accumulatorMultipliers(op, in, w, out, channels);
    auto bias = getBias(op, t, op.getBias(), a.getBias(), channels,
                           {channels}, rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    ConvWindow window = getConvWindow(op, inTy, outTy, wTy, rw);
    Value inZp = zeroPoint(rw, loc, t.in, in.zeroPoint());
    Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
    auto conv = [&](Value input, Value filter, Value b, int64_t oc) -> Value {
      auto accTy = outTy.clone(t.acc).clone(
          {outTy.getDimSize(0), outTy.getDimSize(1), outTy.getDimSize(2), oc});
      return tosa::Conv2DOp::create(rw, loc, accTy, input, filter, b, inZp,
                                    wZp, window.pad, window.stride,
                                    window.dilation, TypeAttr::get(t.acc));
    };
    Value acc;
    if (groups == 1) {
      acc = conv(a.getInput(), a.getFilter(), *bias, channels);
    } else {
      // Grouped: TOSA's conv2d has no groups. Each group's input channels,
      // filters and bias are sliced and convolved on their own; the
      // accumulators are concatenated (the same sums, exactly).
      ImplicitLocOpBuilder ib(loc, rw);
      int64_t perGroup = channels / groups;
      auto slice = [&](Value v, ArrayRef<int64_t> start,
                       ArrayRef<int64_t> size) -> Value {
        auto ty = cast<RankedTensorType>(v.getType()).clone(size);
        return tosa::SliceOp::create(rw, loc, ty, v,
                                     tosa::getTosaConstShape(ib, start),
                                     tosa::getTosaConstShape(ib, size));
      };
      SmallVector<Value> parts;
      for (int64_t g = 0; g < groups; ++g) {
        Value x = slice(a.getInput(), {0, 0, 0, g * groupDepth},
                        {inTy.getDimSize(0), inTy.getDimSize(1),
                         inTy.getDimSize(2), groupDepth});
        Value f = slice(a.getFilter(), {g * perGroup, 0, 0, 0},
                        {perGroup, wTy.getDimSize(1), wTy.getDimSize(2),
                         groupDepth});
        Value b = slice(*bias, {g * perGroup}, {perGroup});
        parts.push_back(conv(x, f, b, perGroup));
      }
      acc = tosa::ConcatOp::create(rw, loc, outTy.clone(t.acc), parts,
                                   rw.getI32IntegerAttr(3));
    }
    return finishAccumulator(op, rw, loc, acc, t, *ms, out,
                             op.getFusedActivation());
  }
};

struct DepthwiseConv2DLowering : QntPattern<DepthwiseConv2DOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(DepthwiseConv2DOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto info = getWeightedInfo(op, op.getInput(), op.getFilter(),
                                op.getOutput(), op.getFusedActivation());
    if (failed(info))
      return failure();
    const QInfo &in = info->in, &w = info->w, &out = info->out;
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    AccTypes t = getAccTypes(rw, in);
    int64_t c = inTy.getDimSize(3), channels = wTy.getDimSize(3);
    if (channels % c != 0)
      return op.emitError() << "filter channels " << channels
                            << " are not a multiple of input channels " << c;
    int64_t mult = channels / c;
    auto ms = accumulatorMultipliers(op, in, w, out, channels);
    auto bias = getBias(op, t, op.getBias(), a.getBias(), channels,
                           {channels}, rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    // TFLite's [1, H, W, C*M] filter is TOSA's [H, W, C, M] in the same order.
    Value filter = reshape(rw, loc, a.getFilter(),
                           {wTy.getDimSize(1), wTy.getDimSize(2), c, mult});
    ConvWindow window = getConvWindow(op, inTy, outTy, wTy, rw);
    Value inZp = zeroPoint(rw, loc, t.in, in.zeroPoint());
    Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
    Value acc = tosa::DepthwiseConv2DOp::create(
        rw, loc, outTy.clone(t.acc), a.getInput(), filter, *bias, inZp, wZp,
        window.pad, window.stride, window.dilation, TypeAttr::get(t.acc));
    return finishAccumulator(op, rw, loc, acc, t, *ms, out,
                             op.getFusedActivation());
  }
};

/// TRANSPOSE_CONV: tosa.transpose_conv2d takes TFLite's OHWI filter as it
/// is. Its full result has (in - 1) * stride + k rows, of which qnt's op
/// keeps the ones after the padding that conv_2d would add to an input of
/// the result's size: a negative out_pad before, and after whatever makes
/// up the result's size (negative when cropping, positive when the result
/// is larger than the full one and ends in bias-only rows).
struct TransposeConvLowering : QntPattern<TransposeConvOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(TransposeConvOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto info = getWeightedInfo(op, op.getInput(), op.getFilter(),
                                op.getOutput(), op.getFusedActivation());
    if (failed(info))
      return failure();
    const QInfo &in = info->in, &w = info->w, &out = info->out;
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    int64_t channels = wTy.getDimSize(0);
    int64_t strides[2] = {op.getStrideH(), op.getStrideW()};
    SmallVector<int64_t> outPad;
    for (int d = 1; d <= 2; ++d) {
      int64_t k = wTy.getDimSize(d), full = (inTy.getDimSize(d) - 1) *
                                                strides[d - 1] + k;
      int64_t before = computePadding(op.getPadding(), outTy.getDimSize(d),
                                      inTy.getDimSize(d), k, strides[d - 1], 1)
                           .first;
      // TOSA requires out_pad > -k: each side may crop at most k - 1.
      int64_t after = outTy.getDimSize(d) - full + before;
      if (before >= k || after <= -k)
        return op.emitError() << "result dimension " << d << " ("
                              << outTy.getDimSize(d)
                              << ") crops more than the filter size " << k
                              << " from the full transposed convolution";
      outPad.push_back(-before);
      outPad.push_back(after);
    }
    AccTypes t = getAccTypes(rw, in);
    auto ms = accumulatorMultipliers(op, in, w, out, channels);
    auto bias = getBias(op, t, op.getBias(), a.getBias(), channels,
                        {channels}, rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    Value inZp = zeroPoint(rw, loc, t.in, in.zeroPoint());
    Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
    Value acc = tosa::TransposeConv2DOp::create(
        rw, loc, outTy.clone(t.acc), a.getInput(), a.getFilter(), *bias, inZp,
        wZp, rw.getDenseI64ArrayAttr(outPad),
        rw.getDenseI64ArrayAttr(strides), TypeAttr::get(t.acc));
    return finishAccumulator(op, rw, loc, acc, t, *ms, out,
                             op.getFusedActivation());
  }
};

struct FullyConnectedLowering : QntPattern<FullyConnectedOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(FullyConnectedOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto info = getWeightedInfo(op, op.getInput(), op.getFilter(),
                                op.getOutput(), op.getFusedActivation());
    if (failed(info))
      return failure();
    const QInfo &in = info->in, &w = info->w, &out = info->out;
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto wTy = cast<RankedTensorType>(op.getFilter().getType());
    int64_t channels = wTy.getDimSize(0), depth = wTy.getDimSize(1);
    int64_t rows = inTy.getNumElements() / depth;
    AccTypes t = getAccTypes(rw, in);
    auto ms = accumulatorMultipliers(op, in, w, out, channels);
    SmallVector<int64_t> biasShape{channels};
    if (!t.wide)
      biasShape = {1, 1, channels};
    auto bias = getBias(op, t, op.getBias(), a.getBias(), channels, biasShape,
                        rw);
    if (failed(ms) || failed(bias))
      return failure();
    Location loc = op.getLoc();
    Value acc;
    if (t.wide) {
      // TOSA's matmul takes int16 only against int16; a 1x1 conv2d takes
      // int16 against int8: rows as [1, rows, 1, depth].
      Value x = reshape(rw, loc, a.getInput(), {1, rows, 1, depth});
      Value f = reshape(rw, loc, a.getFilter(), {channels, 1, 1, depth});
      auto accTy = RankedTensorType::get({1, rows, 1, channels}, t.acc);
      acc = tosa::Conv2DOp::create(
          rw, loc, accTy, x, f, *bias, zeroPoint(rw, loc, t.in, 0),
          zeroPoint(rw, loc, rw.getI8Type(), 0),
          rw.getDenseI64ArrayAttr({0, 0, 0, 0}), rw.getDenseI64ArrayAttr({1, 1}),
          rw.getDenseI64ArrayAttr({1, 1}), TypeAttr::get(t.acc));
    } else {
      // TOSA has no fully connected op: [1, N, I] x [1, I, O] as a matmul.
      Value lhs = reshape(rw, loc, a.getInput(), {1, rows, depth});
      Value rhs = reshape(rw, loc, transpose(rw, loc, a.getFilter(), {1, 0}),
                          {1, depth, channels});
      auto accTy = RankedTensorType::get({1, rows, channels}, t.acc);
      Value inZp = zeroPoint(rw, loc, t.in, in.zeroPoint());
      Value wZp = zeroPoint(rw, loc, rw.getI8Type(), 0);
      acc = tosa::MatMulOp::create(rw, loc, accTy, lhs, rhs, inZp, wZp);
      acc = tosa::AddOp::create(rw, loc, accTy, acc, *bias);
    }
    auto r = finishAccumulator(op, rw, loc, acc, t, *ms, out,
                               op.getFusedActivation());
    if (failed(r))
      return failure();
    return reshape(rw, loc, *r,
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

} // namespace

void qnt::tosa_lowering::populateConvolutionLowerings(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<Conv2DLowering, DepthwiseConv2DLowering, TransposeConvLowering,
               FullyConnectedLowering, BatchMatMulLowering>(
      converter, patterns.getContext());
}
