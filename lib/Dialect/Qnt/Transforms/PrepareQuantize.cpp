//===- PrepareQuantize.cpp - Statistics and weights to Q/DQ pairs ---------===//

#include "QdqUtils.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

#include "mlir/IR/Matchers.h"

namespace qnt {
#define GEN_PASS_DEF_PREPAREQUANTIZE
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct PrepareQuantize
    : public qnt::impl::PrepareQuantizeBase<PrepareQuantize> {
  using Base::Base;

  void runOnOperation() override {
    if (activationBits != 8 && activationBits != 16) {
      getOperation().emitError() << "activation-bits must be 8 or 16, got "
                                 << activationBits;
      return signalPassFailure();
    }
    if (weightBits < 2 || weightBits > 8) {
      getOperation().emitError() << "weight-bits must be 2 to 8, got "
                                 << weightBits;
      return signalPassFailure();
    }
    MLIRContext *ctx = &getContext();
    // Calibrated ranges.
    getOperation().walk([&](StatsOp op) {
      auto type = activationType(ctx, op.getMin().convertToDouble(),
                                 op.getMax().convertToDouble(),
                                 activationBits, /*narrowRange=*/false,
                                 powerOfTwoScales);
      replaceRecord(op, op.getInput(), type);
    });
    // Ranges fixed by quantization-aware training: kept as trained.
    getOperation().walk([&](FakeQuantOp op) {
      unsigned bits = activationBits == 16 ? 16 : op.getNumBits();
      auto type = activationType(ctx, op.getMin().convertToDouble(),
                                 op.getMax().convertToDouble(), bits,
                                 op.getNarrowRange());
      replaceRecord(op, op.getInput(), type);
    });
    // Weights and other constants read by quantizable ops.
    bool nonFinite = false;
    getOperation().walk([&](QuantizableOpInterface op) {
      if (isa<QuantizeOp, DequantizeOp, ConstOp, StatsOp, FakeQuantOp>(op))
        return;
      std::optional<WeightOperands> weights = op.getWeightOperands();
      for (OpOperand &operand : op->getOpOperands()) {
        unsigned index = operand.getOperandNumber();
        if (weights && weights->biasIndex == index)
          continue; // Bias parameters follow from input and weights.
        DenseElementsAttr values = floatConstant(operand.get());
        if (!values)
          continue;
        bool quantized = (weights && weights->weightIndex == index) ||
                         op.hasInt8Kernel() || op.hasInt16Kernel();
        if (quantized && failed(checkFiniteForQuantization(
                             operand.get().getDefiningOp(), values))) {
          nonFinite = true;
          continue;
        }
        if (weights && weights->weightIndex == index) {
          quantizeOperand(operand, weightType(values, weightAxis(op, *weights),
                                              weightBits, powerOfTwoScales));
          continue;
        }
        if (!op.hasInt8Kernel() && !op.hasInt16Kernel())
          continue;
        // A constant used as an activation: asymmetric, from its values.
        double min = 0.0, max = 0.0;
        for (const APFloat &v : values.getValues<APFloat>()) {
          min = std::min(min, v.convertToDouble());
          max = std::max(max, v.convertToDouble());
        }
        quantizeOperand(operand, activationType(ctx, min, max, activationBits,
                                                  /*narrowRange=*/false,
                                                  powerOfTwoScales));
      }
    });
    if (nonFinite)
      signalPassFailure();
  }

  /// Replaces a range record (stats or fake_quant) by a Q/DQ pair.
  void replaceRecord(Operation *record, Value input,
                     quant::QuantizedType type) {
    Value output = record->getResult(0);
    OpBuilder builder(record);
    auto q = QuantizeOp::create(builder, record->getLoc(),
                                withElementType(input.getType(), type), input);
    auto dq = DequantizeOp::create(builder, record->getLoc(), input.getType(),
                                   q.getOutput());
    output.replaceAllUsesWith(dq.getOutput());
    record->erase();
  }

  std::optional<unsigned> weightAxis(Operation *op,
                                     const WeightOperands &weights) {
    bool wanted = isa<FullyConnectedOp>(op) ? perChannelFC : perChannel;
    if (!wanted)
      return std::nullopt;
    return weights.channelAxis;
  }

  static DenseElementsAttr floatConstant(Value v) {
    auto c = v.getDefiningOp<ConstOp>();
    if (!c || !isFloatTensor(c.getOutput().getType()))
      return {};
    return dyn_cast<DenseElementsAttr>(c.getValue());
  }
};
} // namespace
