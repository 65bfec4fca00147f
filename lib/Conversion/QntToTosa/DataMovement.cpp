//===- DataMovement.cpp - reshape, transpose, pad, concat, slice, resize --===//
//
// Ops that move stored values without arithmetic (input and result share
// scale and zero point), except concatenation's per-input rescale and
// resize_bilinear's fixed-point blend. Movements whose source positions are
// known at conversion time and that TOSA has no exact op for become one
// `tosa.gather` of the selected elements.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "qnt/Dialect/Qnt/IR/StridedSliceWindow.h"
#include "qnt/Support/ResizeSampling.h"

#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

/// result[i] = input.flat[indices[i]], shaped `shape`: any data movement
/// whose source positions are known at compile time, as one tosa.gather.
Value gatherElements(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int32_t> indices, ArrayRef<int64_t> shape) {
  auto inTy = cast<RankedTensorType>(input.getType());
  Type elem = inTy.getElementType();
  int64_t m = static_cast<int64_t>(indices.size());
  Value values = reshape(b, loc, input, {1, inTy.getNumElements(), 1});
  Value idx = constI32(b, loc, indices, {1, m});
  Value g = tosa::GatherOp::create(
      b, loc, RankedTensorType::get({1, m, 1}, elem), values, idx);
  return reshape(b, loc, g, shape);
}

/// Flat indices of the elements start[d] + i * step[d], i < count[d], of a
/// row-major tensor of `shape`.
SmallVector<int32_t> stridedIndices(ArrayRef<int64_t> shape,
                                    ArrayRef<int64_t> start,
                                    ArrayRef<int64_t> step,
                                    ArrayRef<int64_t> count) {
  int64_t rank = static_cast<int64_t>(shape.size());
  SmallVector<int64_t> strides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  int64_t total = 1;
  for (int64_t c : count)
    total *= c;
  SmallVector<int32_t> out;
  SmallVector<int64_t> i(rank, 0);
  for (int64_t k = 0; k < total; ++k) {
    int64_t flat = 0;
    for (int64_t d = 0; d < rank; ++d)
      flat += (start[d] + i[d] * step[d]) * strides[d];
    out.push_back(static_cast<int32_t>(flat));
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++i[d] < count[d])
        break;
      i[d] = 0;
    }
  }
  return out;
}

template <typename OpT>
struct ReshapeLikeLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), nullptr, true)))
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
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), nullptr, true)))
      return failure();
    auto perm = getConstInts(op.getPerm(), a.getPerm());
    if (!perm)
      return op.emitError("perm must be a constant");
    SmallVector<int32_t> p(perm->begin(), perm->end());
    return transpose(rw, op.getLoc(), a.getInput(), p);
  }
};

/// DEPTH_TO_SPACE: splitting the channels into [b, b * C'] and moving that b
/// in front of W is the whole op; batch and rows stay merged so that the
/// transpose is 4-D.
struct DepthToSpaceLowering : QntPattern<DepthToSpaceOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(DepthToSpaceOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), nullptr, true)))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (!inTy.hasStaticShape() || !outTy.hasStaticShape())
      return op.emitError("needs static shapes");
    ArrayRef<int64_t> in = inTy.getShape();
    int64_t b = static_cast<int32_t>(op.getBlockSize());
    Location loc = op.getLoc();
    Value v = reshape(rw, loc, a.getInput(),
                      {in[0] * in[1], in[2], b, in[3] / b});
    v = transpose(rw, loc, v, {0, 2, 1, 3});
    return reshape(rw, loc, v, outTy.getShape());
  }
};

/// PAD fills with the zero point (a real zero), PADV2 with its constant,
/// stored in the input's type.
template <typename OpT>
struct PadLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    QInfo out;
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), &out, true)))
      return failure();
    int64_t fill = out.zeroPoint();
    if constexpr (std::is_same_v<OpT, PadV2Op>) {
      if (failed(checkSameScale(op, op.getConstantValues(), op.getOutput(),
                                nullptr, true)))
        return failure();
      auto fillValue = getPadConstant(op.getConstantValues());
      if (!fillValue)
        return op.emitError("constant_values must be a constant of one value");
      fill = *fillValue;
    }
    auto pads = getConstInts(op.getPaddings(), a.getPaddings());
    if (!pads)
      return op.emitError("paddings must be a constant");
    Location loc = op.getLoc();
    ImplicitLocOpBuilder ib(loc, rw);
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    SmallVector<int64_t> shape(inTy.getShape()), padding(*pads);
    // llvm-22's tosa-validate checks the padding shape (2 x rank values)
    // against MAX_RANK (6) instead of MAX_SHAPE_LEN, rejecting any rank-4
    // pad. A dimension without padding merges into the one before it (whose
    // padding scales by its size), which takes NHWC pads to rank 3 or less.
    if (inTy.getRank() > 3)
      collapseUnpadded(shape, padding);
    Value in = reshape(rw, loc, a.getInput(), shape);
    SmallVector<int64_t> padded;
    for (size_t i = 0; i < shape.size(); ++i)
      padded.push_back(shape[i] + padding[2 * i] + padding[2 * i + 1]);
    Type elem = storageType(rw, out);
    Value padConst = zeroPoint(rw, loc, elem, fill);
    Value r = tosa::PadOp::create(
        rw, loc, RankedTensorType::get(padded, elem), in,
        tosa::getTosaConstShape(ib, padding), padConst);
    return reshape(rw, loc, r, outTy.getShape());
  }

  /// The stored value of PADV2's constant: a qnt.const, or a qnt.quantize
  /// of one (the quantizer requantizes the constant to the input's
  /// parameters), evaluated as the interpreter's integer QUANTIZE.
  static std::optional<int64_t> getPadConstant(Value v) {
    if (v.getDefiningOp<ConstOp>()) {
      auto values = getConstInts(v, Value());
      if (!values || values->size() != 1)
        return std::nullopt;
      return values->front();
    }
    auto q = v.getDefiningOp<QuantizeOp>();
    if (!q)
      return std::nullopt;
    auto in = getQInfo(q.getInput()), out = getQInfo(q.getOutput());
    auto src = getPadConstant(q.getInput());
    if (!in || !out || in->perAxis || out->perAxis || !src)
      return std::nullopt;
    QuantizedMultiplier m = quantizeMultiplier(in->scale() / out->scale());
    if (m.multiplier != 0 && (m.shift > 30 || m.shift < -31))
      return std::nullopt;
    int64_t r = multiplyByQuantizedMultiplier(
                    static_cast<int32_t>(*src - in->zeroPoint()), m) +
                out->zeroPoint();
    return std::clamp(r, out->qmin, out->qmax);
  }

  /// Merges each dimension without padding into the previous one.
  static void collapseUnpadded(SmallVector<int64_t> &shape,
                               SmallVector<int64_t> &padding) {
    SmallVector<int64_t> s{shape[0]}, p{padding[0], padding[1]};
    for (size_t i = 1; i < shape.size(); ++i) {
      if (padding[2 * i] == 0 && padding[2 * i + 1] == 0) {
        s.back() *= shape[i];
        p[p.size() - 2] *= shape[i];
        p.back() *= shape[i];
        continue;
      }
      s.push_back(shape[i]);
      p.push_back(padding[2 * i]);
      p.push_back(padding[2 * i + 1]);
    }
    shape = s;
    padding = p;
  }
};

struct ConcatenationLowering : QntPattern<ConcatenationOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(ConcatenationOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(out) || failed(checkActivation(op, op.getFusedActivation())))
      return failure();
    Location loc = op.getLoc();
    SmallVector<Value> inputs;
    for (auto [orig, conv] : llvm::zip(op.getValues(), a.getValues())) {
      auto in = getActivationInfo(op, orig, "value", true);
      if (failed(in) || failed(checkSameWidth(op, {&*in, &*out})))
        return failure();
      if (float(in->scale()) == float(out->scale()) &&
          in->zeroPoint() == out->zeroPoint()) {
        inputs.push_back(conv);
        continue;
      }
      auto m = getMultiplier(op, in->scale() / out->scale(), "value rescale");
      if (failed(m))
        return failure();
      inputs.push_back(rescale(rw, loc, conv, storageType(rw, *out), *m,
                               in->zeroPoint(), out->zeroPoint()));
    }
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    // I32Attr getters return the value unsigned; the axis may be negative.
    int64_t axis = static_cast<int32_t>(op.getAxis());
    if (axis < 0)
      axis += outTy.getRank();
    Value r = tosa::ConcatOp::create(rw, loc, outTy.clone(storageType(rw, *out)),
                                     inputs, rw.getI32IntegerAttr(axis));
    return clampActivation(rw, loc, r, op.getFusedActivation(), *out);
  }
};

struct SliceLowering : QntPattern<SliceOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(SliceOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), nullptr, true)))
      return failure();
    auto begin = getConstInts(op.getBegin(), a.getBegin());
    auto size = getConstInts(op.getSize(), a.getSize());
    if (!begin || !size)
      return op.emitError("begin and size must be constants");
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    for (int64_t d = 0; d < inTy.getRank(); ++d)
      if ((*size)[d] == -1)
        (*size)[d] = inTy.getDimSize(d) - (*begin)[d];
    ImplicitLocOpBuilder ib(op.getLoc(), rw);
    return tosa::SliceOp::create(
               rw, op.getLoc(),
               withElementType(op.getOutput().getType(), getElementTypeOrSelf(a.getInput())),
               a.getInput(), tosa::getTosaConstShape(ib, *begin),
               tosa::getTosaConstShape(ib, *size))
        .getResult();
  }
};

/// STRIDED_SLICE: the window the op selects (one start, step and count per
/// input dimension); unit steps become tosa.slice, the rest one gather of
/// the selected elements.
struct StridedSliceLowering : QntPattern<StridedSliceOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(StridedSliceOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput(), nullptr, true)))
      return failure();
    auto begin = getConstInts(op.getBegin(), a.getBegin());
    auto end = getConstInts(op.getEnd(), a.getEnd());
    auto strides = getConstInts(op.getStrides(), a.getStrides());
    if (!begin || !end || !strides)
      return op.emitError("begin, end and strides must be constants");
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto window =
        resolveStridedSlice(op, inTy.getShape(), *begin, *end, *strides);
    if (!window)
      return op.emitError(toString(window.takeError()));
    ArrayRef<int64_t> start = window->start, step = window->step,
                      count = window->count;
    Location loc = op.getLoc();
    auto outShape =
        cast<RankedTensorType>(op.getOutput().getType()).getShape();
    int64_t total = 1;
    for (int64_t c : count)
      total *= c;
    if (total == 0)
      return op.emitError("an empty slice does not lower to TOSA");
    if (llvm::all_of(step, [](int64_t s) { return s == 1; })) {
      ImplicitLocOpBuilder ib(loc, rw);
      Value r = tosa::SliceOp::create(
          rw, loc, RankedTensorType::get(count, getElementTypeOrSelf(a.getInput())), a.getInput(),
          tosa::getTosaConstShape(ib, start), tosa::getTosaConstShape(ib, count));
      return reshape(rw, loc, r, outShape);
    }
    return gatherElements(rw, loc, a.getInput(),
                          stridedIndices(inTy.getShape(), start, step, count),
                          outShape);
  }
};

/// RESIZE_NEAREST_NEIGHBOR: source positions computed in float32 as TFLite
/// does, then one gather. tosa.resize computes its positions in fixed
/// point and can pick another neighbour.
struct ResizeNearestLowering : QntPattern<ResizeNearestNeighborOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(ResizeNearestNeighborOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput())))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (inTy.getRank() != 4)
      return op.emitError("expected a 4-D input");
    bool align = op.getAlignCorners(), halfPixel = op.getHalfPixelCenters();
    auto source = [&](int64_t value, int64_t inSize, int64_t outSize) {
      return nearestSource(value, inSize, outSize, align, halfPixel);
    };
    int64_t batch = inTy.getDimSize(0), inH = inTy.getDimSize(1),
            inW = inTy.getDimSize(2), c = inTy.getDimSize(3),
            outH = outTy.getDimSize(1), outW = outTy.getDimSize(2);
    SmallVector<int32_t> indices;
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t y = 0; y < outH; ++y)
        for (int64_t x = 0; x < outW; ++x) {
          int64_t base = ((b * inH + source(y, inH, outH)) * inW +
                          source(x, inW, outW)) * c;
          for (int64_t ch = 0; ch < c; ++ch)
            indices.push_back(static_cast<int32_t>(base + ch));
        }
    return gatherElements(rw, op.getLoc(), a.getInput(), indices,
                          outTy.getShape());
  }
};

/// RESIZE_BILINEAR: TFLite's int8 kernel, in 10-bit fixed point. Each output
/// blends its four source neighbours (gathered; positions and weights
/// computed here as TFLite computes them) with integer weights summing to
/// 2^20, then divides by 2^20 with halves rounded away from zero.
/// tosa.resize rounds its positions and result differently.
struct ResizeBilinearLowering : QntPattern<ResizeBilinearOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(ResizeBilinearOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    if (failed(checkSameScale(op, op.getInput(), op.getOutput())))
      return failure();
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (inTy.getRank() != 4)
      return op.emitError("expected a 4-D input");
    bool align = op.getAlignCorners(), halfPixel = op.getHalfPixelCenters();
    if (align && halfPixel)
      return op.emitError("align_corners and half_pixel_centers are exclusive");
    auto taps = [&](int64_t outSize, int64_t inSize) {
      int32_t s = bilinearScale10(inSize, outSize, align);
      SmallVector<BilinearTap> t;
      for (int64_t v = 0; v < outSize; ++v)
        t.push_back(bilinearTap(v, s, inSize, halfPixel));
      return t;
    };
    int64_t batch = inTy.getDimSize(0), inH = inTy.getDimSize(1),
            inW = inTy.getDimSize(2), c = inTy.getDimSize(3),
            outH = outTy.getDimSize(1), outW = outTy.getDimSize(2);
    SmallVector<BilinearTap> ty = taps(outH, inH), tx = taps(outW, inW);
    Location loc = op.getLoc();
    auto accTy = outTy.clone(rw.getI32Type());
    SmallVector<int64_t> posShape{1, outH, outW, 1};
    Value shift = noShift(rw, loc);
    Value sum;
    for (int corner = 0; corner < 4; ++corner) {
      bool down = corner & 1, right = corner & 2;
      SmallVector<int32_t> indices, weights;
      for (int64_t b = 0; b < batch; ++b)
        for (int64_t y = 0; y < outH; ++y)
          for (int64_t x = 0; x < outW; ++x) {
            int64_t sy = down ? ty[y].upper : ty[y].lower;
            int64_t sx = right ? tx[x].upper : tx[x].lower;
            int64_t base = ((b * inH + sy) * inW + sx) * c;
            for (int64_t ch = 0; ch < c; ++ch)
              indices.push_back(static_cast<int32_t>(base + ch));
            if (b == 0) {
              int64_t wy = down ? ty[y].upperWeight : (1 << 10) - ty[y].upperWeight;
              int64_t wx = right ? tx[x].upperWeight : (1 << 10) - tx[x].upperWeight;
              weights.push_back(static_cast<int32_t>(wy * wx));
            }
          }
      Value g = gatherElements(rw, loc, a.getInput(), indices,
                               outTy.getShape());
      Value term = tosa::MulOp::create(rw, loc, accTy, widen(rw, loc, g, 0),
                                       constI32(rw, loc, weights, posShape),
                                       shift);
      sum = sum ? tosa::AddOp::create(rw, loc, accTy, sum, term).getResult()
                : term;
    }
    Value r = divideRoundingAway(rw, loc, sum, {1 << 20}, {1, 1, 1, 1});
    return tosa::CastOp::create(rw, loc, outTy.clone(rw.getI8Type()), r)
        .getResult();
  }
};

} // namespace

void qnt::tosa_lowering::populateDataMovementLowerings(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ReshapeLikeLowering<ReshapeOp>, ReshapeLikeLowering<SqueezeOp>,
               TransposeLowering, DepthToSpaceLowering, PadLowering<PadOp>,
               PadLowering<PadV2Op>, ConcatenationLowering, SliceLowering,
               StridedSliceLowering, ResizeNearestLowering,
               ResizeBilinearLowering>(
      converter, patterns.getContext());
}
