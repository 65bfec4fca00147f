//===- PropagateQuantize.cpp - Make parameters agree with op rules --------===//

#include "QdqUtils.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

namespace qnt {
#define GEN_PASS_DEF_PROPAGATEQUANTIZE
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

/// The float data operands of an op: float tensors (index operands such as
/// shapes and paddings are integer tensors and carry no parameters).
static SmallVector<OpOperand *> floatOperands(Operation *op) {
  SmallVector<OpOperand *> result;
  for (OpOperand &operand : op->getOpOperands())
    if (isFloatTensor(operand.get().getType()))
      result.push_back(&operand);
  return result;
}

/// The float range a per-tensor type represents.
static std::pair<double, double> rangeOf(quant::UniformQuantizedType t) {
  return {(t.getStorageTypeMin() - t.getZeroPoint()) * t.getScale(),
          (t.getStorageTypeMax() - t.getZeroPoint()) * t.getScale()};
}

namespace {
struct PropagateQuantize
    : public qnt::impl::PropagateQuantizeBase<PropagateQuantize> {
  using Base::Base;

  void runOnOperation() override {
    // Each rule only adds or aligns parameters, so the loop ends; the bound
    // guards against a rule bug turning into a hang.
    for (int round = 0; round < 64; ++round) {
      bool changed = false;
      getOperation().walk([&](QuantizableOpInterface op) {
        if (isa<QuantizeOp, DequantizeOp, ConstOp, StatsOp, FakeQuantOp,
                CustomOp>(op))
          return;
        changed |= applyFixedOutput(op);
        if (op.isSameScale())
          changed |= isa<ConcatenationOp, MaximumOp, MinimumOp>(op)
                         ? applyMultiInput(op)
                         : applySingleInput(op);
        changed |= applyBias(op);
      });
      if (!changed)
        return;
    }
    getOperation().emitError("quantization parameters did not settle");
    signalPassFailure();
  }

  bool applyFixedOutput(QuantizableOpInterface op) {
    if (op->getNumResults() != 1)
      return false;
    Value result = op->getResult(0);
    if (!isFloatTensor(result.getType()))
      return false;
    // A layer kept at int16 in an int8 model has a 16-bit result already.
    unsigned bits = activationBits;
    if (QuantizeOp q = resultQuantize(result))
      bits = quantizedElementType(q.getOutput().getType())
                 .getStorageTypeIntegralWidth();
    std::optional<FixedQuantParams> fixed = op.getFixedOutputParams(bits);
    if (!fixed)
      return false;
    auto type = activationTypeWithParams(&getContext(), fixed->scale,
                                         fixed->zeroPoint, bits);
    if (QuantizeOp q = resultQuantize(result)) {
      if (q.getOutput().getType() == withElementType(result.getType(), type))
        return false;
      setParams(q, type);
      return true;
    }
    // No calibrated range (none is needed): quantize the result anyway,
    // but only when some input is quantized, so float regions stay float.
    if (llvm::none_of(floatOperands(op),
                      [](OpOperand *o) { return operandParams(o->get()); }))
      return false;
    quantizeAllUses(result, type);
    return true;
  }

  /// Reshape, pooling, pad, slice, resize...: the result's values are
  /// input values (or zero, or a blend of neighbours), so the input's
  /// parameters cover them.
  ///
  /// Further float operands (the padding value of pad_v2) follow.
  bool applySingleInput(QuantizableOpInterface op) {
    SmallVector<OpOperand *> operands = floatOperands(op);
    if (operands.empty() || op->getNumResults() != 1 ||
        !isFloatTensor(op->getResult(0).getType()))
      return false;
    OpOperand *input = operands.front();
    Value result = op->getResult(0);
    quant::QuantizedType inType = operandParams(input->get());
    QuantizeOp resultQ = resultQuantize(result);
    bool changed = false;
    if (inType) {
      auto wanted = withElementType(result.getType(), inType);
      if (!resultQ) {
        resultQ = quantizeAllUses(result, inType);
        changed = true;
      } else if (resultQ.getOutput().getType() != wanted) {
        setParams(resultQ, inType);
        changed = true;
      }
    } else if (resultQ) {
      // Only the result has parameters: give them to the input.
      quantizeOperand(*input,
                      quantizedElementType(resultQ.getOutput().getType()));
      changed = true;
    } else {
      return false;
    }
    auto outType = quantizedElementType(resultQ.getOutput().getType());
    for (OpOperand *other : llvm::drop_begin(operands))
      changed |= alignOperand(op, *other, outType);
    return changed;
  }

  /// Gives `operand` the parameters `type`: quantizes a float operand, or
  /// requantizes one quantized differently (explicitly, with a quantize
  /// from one quantized type to the other).
  bool alignOperand(Operation *op, OpOperand &operand,
                    quant::QuantizedType type) {
    quant::QuantizedType current = operandParams(operand.get());
    if (current == type)
      return false;
    if (!current) {
      quantizeOperand(operand, type);
      return true;
    }
    if (adoptParams(operand.get(), type) || adoptConstant(operand.get(), type))
      return true;
    auto dq = operand.get().getDefiningOp<DequantizeOp>();
    OpBuilder builder(op);
    Value quantized = dq.getInput();
    auto requant = QuantizeOp::create(
        builder, dq.getLoc(), withElementType(quantized.getType(), type),
        quantized);
    auto newDq = DequantizeOp::create(builder, dq.getLoc(),
                                      dq.getOutput().getType(),
                                      requant.getOutput());
    operand.set(newDq.getOutput());
    if (dq->use_empty())
      dq.erase();
    return true;
  }

  /// Quantizes a float constant that only `v` reads (the padding value of
  /// pad_v2) with `type` directly. Requantizing it from its own parameters
  /// would saturate the same way, but needs a multiplier beyond the integer
  /// kernels' range when the value lies far outside the data's (max pooling
  /// pads with -FLT_MAX).
  bool adoptConstant(Value v, quant::QuantizedType type) {
    auto dq = v.getDefiningOp<DequantizeOp>();
    if (!dq || !dq->hasOneUse())
      return false;
    auto q = dq.getInput().getDefiningOp<QuantizeOp>();
    if (!q || !q->hasOneUse() || !q.getInput().getDefiningOp<ConstOp>() ||
        !isFloatTensor(q.getInput().getType()))
      return false;
    setParams(q, type);
    return true;
  }

  /// Gives the parameters `type` to the quantized edge that `v` (a
  /// dequantized value) reads, when nothing else reads that edge: the
  /// producer then writes the wanted parameters directly and no requantize
  /// is needed (the values lose nothing a requantize would not lose). Walks
  /// back through single-use single-input same-scale ops (reshape, pooling)
  /// to a producer whose output parameters are free; changes nothing unless
  /// the whole chain can adopt.
  bool adoptParams(Value v, quant::QuantizedType type) {
    auto dq = v.getDefiningOp<DequantizeOp>();
    if (!dq || !dq->hasOneUse())
      return false;
    auto q = dq.getInput().getDefiningOp<QuantizeOp>();
    if (!q || !q->hasOneUse() || !isFloatTensor(q.getInput().getType()) ||
        !q.getInput().hasOneUse())
      return false;
    if (auto producer =
            q.getInput().getDefiningOp<QuantizableOpInterface>()) {
      if (isa<ConstOp, StatsOp, FakeQuantOp>(producer) ||
          producer.getFixedOutputParams(activationBits))
        return false;
      if (producer.isSameScale()) {
        SmallVector<OpOperand *> inputs = floatOperands(producer);
        if (isa<ConcatenationOp, MaximumOp, MinimumOp>(producer) ||
            inputs.size() != 1 || !adoptParams(inputs.front()->get(), type))
          return false;
      }
    } else if (q.getInput().getDefiningOp()) {
      return false; // An op qnt knows nothing about.
    }
    setParams(q, type);
    return true;
  }

  /// Concatenation, maximum, minimum: the result keeps its parameters and
  /// inputs that differ are requantized to them.
  bool applyMultiInput(QuantizableOpInterface op) {
    if (op->getNumResults() != 1 || !isFloatTensor(op->getResult(0).getType()))
      return false;
    Value result = op->getResult(0);
    SmallVector<OpOperand *> inputs = floatOperands(op);
    QuantizeOp resultQ = resultQuantize(result);
    bool changed = false;
    if (!resultQ) {
      // Cover every input's range, once all inputs have parameters.
      double min = 0.0, max = 0.0;
      for (OpOperand *input : inputs) {
        auto t = dyn_cast_or_null<quant::UniformQuantizedType>(
            operandParams(input->get()));
        if (!t)
          return false;
        auto [lo, hi] = rangeOf(t);
        min = std::min(min, lo);
        max = std::max(max, hi);
      }
      resultQ = quantizeAllUses(
          result, activationType(&getContext(), min, max, activationBits,
                                 /*narrowRange=*/false, powerOfTwoScales));
      changed = true;
    }
    auto outType = quantizedElementType(resultQ.getOutput().getType());
    for (OpOperand *input : inputs)
      changed |= alignOperand(op, *input, outType);
    return changed;
  }

  /// Bias parameters follow from the input's and the weights'.
  bool applyBias(QuantizableOpInterface op) {
    std::optional<WeightOperands> info = op.getWeightOperands();
    if (!info || !info->biasIndex || *info->biasIndex >= op->getNumOperands())
      return false;
    OpOperand &bias = op->getOpOperand(*info->biasIndex);
    if (!isFloatTensor(bias.get().getType()) || operandParams(bias.get()))
      return false;
    auto input = dyn_cast_or_null<quant::UniformQuantizedType>(
        operandParams(op->getOperand(info->inputIndex)));
    quant::QuantizedType weights =
        operandParams(op->getOperand(info->weightIndex));
    if (!input || !weights)
      return false;
    quantizeOperand(bias, biasType(input, weights, 32));
    return true;
  }
};
} // namespace
