//===- QuantizeFloat16Weights.cpp - f32 constants stored as f16 ----------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"

#include "QdqUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace qnt {
#define GEN_PASS_DEF_QUANTIZEFLOAT16WEIGHTS
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct QuantizeFloat16Weights
    : public qnt::impl::QuantizeFloat16WeightsBase<QuantizeFloat16Weights> {
  void runOnOperation() override {
    SmallVector<ConstOp> candidates;
    getOperation().walk([&](ConstOp op) {
      auto type = dyn_cast<RankedTensorType>(op.getOutput().getType());
      if (type && type.getElementType().isF32() &&
          isa<DenseElementsAttr>(op.getValue()))
        candidates.push_back(op);
    });
    OpBuilder builder(&getContext());
    const APFloat largest = APFloat::getLargest(APFloat::IEEEhalf());
    for (ConstOp op : candidates) {
      auto values = cast<DenseElementsAttr>(op.getValue());
      auto f32Type = cast<RankedTensorType>(op.getOutput().getType());
      auto f16Type = f32Type.clone(builder.getF16Type());
      SmallVector<APFloat> narrowed;
      narrowed.reserve(values.getNumElements());
      unsigned clamped = 0;
      for (APFloat v : values.getValues<APFloat>()) {
        bool lostInfo = false;
        v.convert(APFloat::IEEEhalf(), APFloat::rmNearestTiesToEven,
                  &lostInfo);
        // Out-of-range values convert to infinity; a weight is better off
        // at the largest finite value.
        if (v.isInfinity()) {
          v = v.isNegative() ? -largest : largest;
          ++clamped;
        }
        narrowed.push_back(v);
      }
      if (clamped)
        op.emitWarning() << "constant '" << tensorName(op.getOutput())
                         << "': " << clamped
                         << " value(s) beyond the float16 range clamped to "
                            "+-65504";
      builder.setInsertionPoint(op);
      auto half = ConstOp::create(builder, op.getLoc(), f16Type,
                                  DenseElementsAttr::get(f16Type, narrowed));
      auto widened = DequantizeOp::create(builder, op.getLoc(), f32Type,
                                          half.getOutput());
      op.getOutput().replaceAllUsesWith(widened.getOutput());
      op.erase();
    }
  }
};
} // namespace
