//===- PrepareQuantize.cpp - Statistics and weights to Q/DQ pairs ---------===//

#include "QdqUtils.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"
#include <cmath>

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
    if (failed(findInt16Layers()))
      return signalPassFailure();
    // Calibrated ranges.
    getOperation().walk([&](StatsOp op) {
      double min = op.getMin().convertToDouble();
      double max = op.getMax().convertToDouble();
      if (isInt16Result(op.getInput())) {
        replaceInt16Record(op, min, max);
        return;
      }
      if (auto sum = op.getInput().getDefiningOp<SumOp>())
        widenForRoundedTerms(sum, min, max);
      auto type = activationType(ctx, min, max, activationBits,
                                 /*narrowRange=*/false, powerOfTwoScales);
      replaceRecord(op, op.getInput(), type);
    });
    // Ranges fixed by quantization-aware training: kept as trained.
    getOperation().walk([&](FakeQuantOp op) {
      if (isInt16Result(op.getInput())) {
        replaceInt16Record(op, op.getMin().convertToDouble(),
                           op.getMax().convertToDouble());
        return;
      }
      unsigned bits = activationBits == 16 ? 16 : op.getNumBits();
      auto type = activationType(ctx, op.getMin().convertToDouble(),
                                 op.getMax().convertToDouble(), bits,
                                 op.getNarrowRange());
      replaceRecord(op, op.getInput(), type);
    });
    if (failed(widenInt16Inputs()))
      return signalPassFailure();
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
        unsigned bits = int16Ops.contains(op) ? 16 : activationBits;
        quantizeOperand(operand, activationType(ctx, min, max, bits,
                                                  /*narrowRange=*/false,
                                                  powerOfTwoScales));
      }
    });
    if (nonFinite)
      signalPassFailure();
  }

  /// Finds the ops named by `int16-layers`; each must exist, be an op
  /// TFLite runs with int16 activations, and the model must be int8.
  LogicalResult findInt16Layers() {
    if (int16Layers.empty())
      return success();
    if (activationBits != 8)
      return getOperation().emitError()
             << "int16-layers needs 8-bit activations: with 16-bit "
                "activations every layer is int16 already";
    llvm::StringSet<> wanted;
    for (const std::string &name : int16Layers)
      wanted.insert(name);
    llvm::StringSet<> found;
    bool ok = true;
    getOperation().walk([&](QuantizableOpInterface op) {
      if (isa<QuantizeOp, DequantizeOp, ConstOp, StatsOp, FakeQuantOp>(op))
        return;
      for (Value result : op->getResults()) {
        std::string name = tensorName(result);
        if (!wanted.contains(name))
          continue;
        found.insert(name);
        if (isa<CustomOp>(op) || !op.hasInt16Kernel()) {
          op->emitError() << "layer '" << name << "' cannot be int16: '"
                          << op->getName()
                          << "' has no int16 kernel in TFLite";
          ok = false;
        }
        int16Ops.insert(op);
      }
    });
    // Layers are looked up in the entry function (other subgraphs, bodies
    // of control flow, may not hold them).
    func::FuncOp func = getOperation();
    auto module = func->getParentOfType<ModuleOp>();
    bool isEntry =
        func.getSymName() == "main" ||
        (module && llvm::hasSingleElement(module.getOps<func::FuncOp>()));
    for (const std::string &name : int16Layers)
      if (isEntry && !found.contains(name)) {
        getOperation().emitError()
            << "int16 layer '" << name << "': no op in @"
            << getOperation().getSymName() << " has a result of that name";
        ok = false;
      }
    return success(ok);
  }

  bool isInt16Result(Value v) {
    Operation *def = v.getDefiningOp();
    return def && int16Ops.contains(def);
  }

  /// An int16 layer's result range: int16 symmetric for the layer itself,
  /// then requantized to int8 for whoever reads it.
  void replaceInt16Record(Operation *record, double min, double max) {
    MLIRContext *ctx = &getContext();
    Value input = record->getOperand(0);
    Type floatType = input.getType();
    OpBuilder builder(record);
    Location loc = record->getLoc();
    auto wide = QuantizeOp::create(
        builder, loc,
        withElementType(floatType,
                        activationType(ctx, min, max, 16, false,
                                       powerOfTwoScales)),
        input);
    auto wideDq =
        DequantizeOp::create(builder, loc, floatType, wide.getOutput());
    auto narrow = QuantizeOp::create(
        builder, loc,
        withElementType(floatType, activationType(ctx, min, max, 8, false,
                                                  powerOfTwoScales)),
        wideDq.getOutput());
    auto narrowDq =
        DequantizeOp::create(builder, loc, floatType, narrow.getOutput());
    record->getResult(0).replaceAllUsesWith(narrowDq.getOutput());
    record->erase();
  }

  /// The int16 view of an int8 edge read by an int16 layer: the int8
  /// scale / 128, zero point 0. Every int8 value (q - zp in [-255, 255])
  /// lands exactly on an int16 value, so this requantization loses nothing.
  /// An int16 layer reading another's result reads the int16 values.
  LogicalResult widenInt16Inputs() {
    MLIRContext *ctx = &getContext();
    for (Operation *op : int16Ops) {
      std::optional<WeightOperands> weights =
          cast<QuantizableOpInterface>(op).getWeightOperands();
      for (OpOperand &operand : op->getOpOperands()) {
        unsigned index = operand.getOperandNumber();
        if (weights && (weights->weightIndex == index ||
                        weights->biasIndex == index))
          continue;
        auto narrow = dyn_cast_or_null<quant::UniformQuantizedType>(
            operandParams(operand.get()));
        if (!narrow)
          continue; // Constants are quantized below; a missing range is
                    // reported by the quantize pass.
        auto dq = operand.get().getDefiningOp<DequantizeOp>();
        auto q = dq.getInput().getDefiningOp<QuantizeOp>();
        if (q && isInt16Edge(q.getInput())) {
          operand.set(q.getInput());
          continue;
        }
        if (narrow.getStorageTypeIntegralWidth() != 8)
          return op->emitError()
                 << "int16 layer '" << tensorName(op->getResult(0))
                 << "' reads '" << tensorName(operand.get())
                 << "', which is not int8";
        quantizeOperand(operand,
                        activationTypeWithParams(ctx, narrow.getScale() / 128.0,
                                                 0, 16));
      }
    }
    return success();
  }

  /// A dequantized int16 result of an int16 layer.
  bool isInt16Edge(Value v) {
    auto dq = v.getDefiningOp<DequantizeOp>();
    if (!dq)
      return false;
    auto q = dq.getInput().getDefiningOp<QuantizeOp>();
    auto type = quantizedElementType(dq.getInput().getType());
    return q && type && type.getStorageTypeIntegralWidth() == 16 &&
           isInt16Result(q.getInput());
  }

  /// TFLite's integer SUM narrows its result without saturating, so a sum
  /// of rounded terms just above the calibrated maximum comes out as the
  /// minimum. The range gets room for the terms' rounding (half an input
  /// step each, or about seven standard deviations of it for long sums)
  /// and one output step for the zero point's nudge.
  static void widenForRoundedTerms(SumOp sum, double &min, double &max) {
    auto in = cast<ShapedType>(sum.getInput().getType());
    auto out = cast<ShapedType>(sum.getOutput().getType());
    if (!in.hasStaticShape() || !out.hasStaticShape() ||
        out.getNumElements() == 0)
      return;
    double terms = double(in.getNumElements()) / double(out.getNumElements());
    // The input's own range, or that of the tensor it shares parameters
    // with (a reshape's input, say).
    Value input = sum.getInput();
    while (auto same = input.getDefiningOp<QuantizableOpInterface>()) {
      if (!same.isSameScale() || same->getNumOperands() == 0)
        break;
      input = same->getOperand(0);
    }
    double inputStep = 0.0;
    if (auto dq = input.getDefiningOp<DequantizeOp>()) {
      if (auto q = dyn_cast<quant::UniformQuantizedType>(
              getElementTypeOrSelf(dq.getInput().getType())))
        inputStep = q.getScale();
    } else if (auto stats = input.getDefiningOp<StatsOp>()) {
      double lo = std::min(stats.getMin().convertToDouble(), 0.0);
      double hi = std::max(stats.getMax().convertToDouble(), 0.0);
      inputStep = (hi - lo) / 255.0;
    }
    double margin = inputStep * std::min(terms / 2, 2 * std::sqrt(terms));
    if (max > 0)
      max += margin;
    if (min < 0)
      min -= margin;
    double outputStep = (std::max(max, 0.0) - std::min(min, 0.0)) / 254.0;
    if (max > 0)
      max += outputStep;
    if (min < 0)
      min -= outputStep;
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

  llvm::SetVector<Operation *> int16Ops;
};
} // namespace
