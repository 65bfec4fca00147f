//===- FoldFloat16Weights.cpp - f16 constant + dequantize -> f32 ----------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace qnt {
#define GEN_PASS_DEF_FOLDFLOAT16WEIGHTS
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct FoldFloat16Weights
    : public qnt::impl::FoldFloat16WeightsBase<FoldFloat16Weights> {
  void runOnOperation() override {
    SmallVector<DequantizeOp> candidates;
    getOperation().walk([&](DequantizeOp op) {
      if (auto c = op.getInput().getDefiningOp<ConstOp>())
        if (c.getOutput().getType().getElementType().isF16())
          candidates.push_back(op);
    });
    OpBuilder builder(&getContext());
    for (DequantizeOp op : candidates) {
      auto c = op.getInput().getDefiningOp<ConstOp>();
      auto values = dyn_cast<DenseElementsAttr>(c.getValue());
      if (!values)
        continue; // Resource blobs are widened by the importer's caller.
      auto f32Type = cast<RankedTensorType>(op.getOutput().getType());
      SmallVector<APFloat> widened;
      widened.reserve(values.getNumElements());
      for (APFloat v : values.getValues<APFloat>()) {
        bool lostInfo = false;
        v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                  &lostInfo);
        widened.push_back(v);
      }
      builder.setInsertionPoint(op);
      auto folded = ConstOp::create(builder, op.getLoc(), f32Type,
                                    DenseElementsAttr::get(f32Type, widened));
      op.getOutput().replaceAllUsesWith(folded.getOutput());
      op.erase();
      if (c->use_empty())
        c.erase();
    }
  }
};
} // namespace
