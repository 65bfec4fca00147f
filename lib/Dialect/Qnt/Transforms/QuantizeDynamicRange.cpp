//===- QuantizeDynamicRange.cpp - int8 weights, float activations --------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

#include "QdqUtils.h"

#include "mlir/IR/Builders.h"

namespace qnt {
#define GEN_PASS_DEF_QUANTIZEDYNAMICRANGE
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct QuantizeDynamicRange
    : public qnt::impl::QuantizeDynamicRangeBase<QuantizeDynamicRange> {
  using QuantizeDynamicRangeBase::QuantizeDynamicRangeBase;

  void runOnOperation() override {
    getOperation().walk([&](Operation *op) {
      if (isa<Conv2DOp>(op))
        quantizeWeights(op, perChannel);
      else if (isa<DepthwiseConv2DOp>(op))
        // TFLite's hybrid depthwise kernel reads one scale per channel
        // whatever the tensor holds: per-tensor weights run wrong there.
        quantizeWeights(op, /*wantPerChannel=*/true);
      else if (isa<FullyConnectedOp>(op))
        quantizeWeights(op, perChannelFC);
      else if (auto matmul = dyn_cast<BatchMatMulOp>(op))
        quantizeWeight(matmul->getOpOperand(1), std::nullopt);
      else
        return;
      if (asymmetricInputs && isa<FullyConnectedOp, BatchMatMulOp>(op) &&
          isHybrid(op))
        op->setAttr("asymmetric_quantize_inputs",
                    UnitAttr::get(op->getContext()));
    });
  }

  void quantizeWeights(Operation *op, bool wantPerChannel) {
    auto iface = cast<QuantizableOpInterface>(op);
    std::optional<WeightOperands> weights = iface.getWeightOperands();
    if (!weights)
      return;
    std::optional<unsigned> axis;
    if (wantPerChannel)
      axis = weights->channelAxis;
    quantizeWeight(op->getOpOperand(weights->weightIndex), axis);
  }

  /// Replaces a float constant operand by an int8 constant of its own.
  void quantizeWeight(OpOperand &operand, std::optional<unsigned> axis) {
    // Hybrid kernels take float activations only.
    Operation *user = operand.getOwner();
    if (!isFloatTensor(user->getOperand(0).getType()) ||
        !isFloatTensor(user->getResult(0).getType()))
      return;
    auto c = operand.get().getDefiningOp<ConstOp>();
    if (!c || !isFloatTensor(c.getOutput().getType()))
      return;
    auto values = dyn_cast<DenseElementsAttr>(c.getValue());
    if (!values || values.getNumElements() < minElements)
      return;
    if (failed(checkFiniteForQuantization(c, values)))
      return signalPassFailure();
    quant::QuantizedType type = weightType(values, axis);
    OpBuilder builder(user);
    auto quantized = ConstOp::create(
        builder, c.getLoc(), withElementType(c.getOutput().getType(), type),
        quantizeValues(values, type));
    operand.set(quantized.getOutput());
    if (c->use_empty())
      c.erase();
  }

  static bool isHybrid(Operation *op) {
    return quantizedElementType(op->getOperand(1).getType()) != nullptr;
  }
};
} // namespace
