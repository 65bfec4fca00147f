//===- Tables.cpp - logistic, tanh and hard_swish as lookups -------------===//
//
// TFLite's int8 logistic, tanh and hard_swish kernels map each of the 256
// input values to one output; the lowering evaluates the kernel on all of
// them at conversion time and emits a `tosa.table`. int16 logistic and tanh
// read a 65536-entry constant with a gather instead.
//
//===----------------------------------------------------------------------===//

#include "TosaLoweringCommon.h"

#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

/// LOGISTIC and TANH: TFLite's int8 kernels look results up in a table of
/// fn applied to every dequantized input value, computed in float32.
template <typename OpT>
struct TableLowering : QntPattern<OpT> {
  using QntPattern<OpT>::QntPattern;
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input", true);
    auto out = getActivationInfo(op, op.getOutput(), "result", true);
    if (failed(in) || failed(out) || failed(checkSameWidth(op, {&*in, &*out})))
      return failure();
    auto fn = [](float x) {
      return std::is_same_v<OpT, LogisticOp> ? 1.0f / (1.0f + std::exp(-x))
                                             : std::tanh(x);
    };
    if (in->bits == 16)
      return lowerInt16(op, a, rw, *in, *out, fn);
    float inScale = static_cast<float>(in->scale());
    float inverse = 1.0f / static_cast<float>(out->scale());
    Value table = int8Table(rw, op.getLoc(), [&](int64_t v) {
      float real = inScale * static_cast<float>(v - in->zeroPoint());
      int64_t q = static_cast<int64_t>(std::round(fn(real) * inverse)) +
                  out->zeroPoint();
      return std::clamp<int64_t>(q, out->qmin, out->qmax);
    });
    return lookUp(rw, op.getLoc(), a.getInput(), table,
                  op.getOutput().getType());
  }

  /// qnt's int16 LOGISTIC and TANH dequantize, apply the function in
  /// float32 and requantize. TOSA's int16 table (513 entries, linearly
  /// interpolated) cannot reproduce that for every input, so the function
  /// of all 65536 inputs is a constant, read with one gather at input +
  /// 32768.
  template <typename Fn>
  FailureOr<Value> lowerInt16(OpT op, Adaptor a, ConversionPatternRewriter &rw,
                              const QInfo &in, const QInfo &out, Fn fn) const {
    SmallVector<int16_t> table;
    for (int64_t q = -32768; q <= 32767; ++q) {
      float real = dequantizeValue(q, in.params());
      table.push_back(static_cast<int16_t>(
          quantizeValue(fn(real), out.params(), out.qmin, out.qmax)));
    }
    Location loc = op.getLoc();
    auto tableType = RankedTensorType::get({1, 65536, 1}, rw.getI16Type());
    Value values = tosa::ConstOp::create(
        rw, loc, tableType, DenseElementsAttr::get(tableType, ArrayRef(table)));
    auto inTy = cast<RankedTensorType>(op.getInput().getType());
    int64_t n = inTy.getNumElements();
    // input + 32768 as int32: an exact rescale, then an add.
    Value idx = widen(rw, loc, a.getInput(), 0);
    idx = tosa::AddOp::create(
        rw, loc, cast<RankedTensorType>(idx.getType()), idx,
        constI32(rw, loc, {32768}, SmallVector<int64_t>(inTy.getRank(), 1)));
    idx = reshape(rw, loc, idx, {1, n});
    Value g = tosa::GatherOp::create(
        rw, loc, RankedTensorType::get({1, n, 1}, rw.getI16Type()), values, idx);
    return reshape(rw, loc, g, inTy.getShape());
  }
};

/// HARD_SWISH: TFLite's int8 kernel (input on a 128x finer scale, a 16-bit
/// "relu-ish" factor, their product on the output scale), evaluated here for
/// every int8 input into a table.
struct HardSwishLowering : QntPattern<HardSwishOp> {
  using QntPattern::QntPattern;
  FailureOr<Value> lower(HardSwishOp op, OpAdaptor a,
                         ConversionPatternRewriter &rw) const override {
    auto in = getActivationInfo(op, op.getInput(), "input");
    auto out = getActivationInfo(op, op.getOutput(), "result");
    if (failed(in) || failed(out))
      return failure();
    std::optional<QuantizedHardSwish> hs =
        QuantizedHardSwish::get(in->scale(), out->scale());
    if (!hs)
      return op.emitError("output scale is too small for the input scale");
    Value table = int8Table(rw, op.getLoc(), [&](int64_t q) {
      int64_t v = hs->apply(q - in->zeroPoint()) + out->zeroPoint();
      return std::clamp<int64_t>(v, out->qmin, out->qmax);
    });
    return lookUp(rw, op.getLoc(), a.getInput(), table,
                  op.getOutput().getType());
  }
};

} // namespace

void qnt::tosa_lowering::populateTableLowerings(const TypeConverter &converter,
                                                RewritePatternSet &patterns) {
  patterns.add<TableLowering<LogisticOp>, TableLowering<TanhOp>,
               HardSwishLowering>(converter, patterns.getContext());
}
