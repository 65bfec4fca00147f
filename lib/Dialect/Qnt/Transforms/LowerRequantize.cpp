//===- LowerRequantize.cpp - Rescales as fixed-point arithmetic -----------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Support/QuantMath.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/TypeUtilities.h"

namespace qnt {
#define GEN_PASS_DEF_LOWERREQUANTIZE
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct LowerRequantize
    : public qnt::impl::LowerRequantizeBase<LowerRequantize> {
  void runOnOperation() override {
    getOperation().walk([&](QuantizeOp op) {
      auto in = dyn_cast<quant::UniformQuantizedType>(
          getElementTypeOrSelf(op.getInput().getType()));
      auto out = dyn_cast<quant::UniformQuantizedType>(
          getElementTypeOrSelf(op.getOutput().getType()));
      if (!in || !out)
        return;
      QuantizedMultiplier m = quantizeMultiplier(in.getScale() / out.getScale());
      OpBuilder builder(op);
      auto requant = RequantizeOp::create(
          builder, op.getLoc(), op.getOutput().getType(), op.getInput(),
          builder.getI32IntegerAttr(m.multiplier),
          builder.getI32IntegerAttr(m.shift));
      op.getOutput().replaceAllUsesWith(requant.getOutput());
      op.erase();
    });
  }
};
} // namespace
