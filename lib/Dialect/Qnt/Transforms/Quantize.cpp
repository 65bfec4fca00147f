//===- Quantize.cpp - Rebuild ops on quantized types -----------------------===//

#include "QdqUtils.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

namespace qnt {
#define GEN_PASS_DEF_QUANTIZE
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
struct Quantize : public qnt::impl::QuantizeBase<Quantize> {
  using Base::Base;

  void runOnOperation() override {
    for (const std::string &name : denyOps)
      deniedOps.insert(StringRef(name).starts_with("qnt.") ? name
                                                           : "qnt." + name);
    for (const std::string &name : denyLocs)
      deniedLocs.insert(name);
    for (const std::string &name : allowOps)
      allowedOps.insert(StringRef(name).starts_with("qnt.") ? name
                                                            : "qnt." + name);

    SmallVector<std::string> missing;
    SmallVector<Operation *> ops;
    getOperation().walk([&](QuantizableOpInterface op) {
      if (!isa<QuantizeOp, DequantizeOp, ConstOp, StatsOp, FakeQuantOp,
               CustomOp>(op))
        ops.push_back(op);
    });
    llvm::SmallPtrSet<Operation *, 16> floatOps;
    for (Operation *op : ops)
      if (!hasKernel(cast<QuantizableOpInterface>(op)) || isDenied(op)) {
        floatOps.insert(op);
        readOriginalConstants(op);
      }
    foldQuantizedConstants();
    for (Operation *op : ops) {
      if (floatOps.contains(op))
        continue;
      SmallVector<std::string> lacking = tensorsLackingParams(op);
      if (lacking.empty()) {
        rebuildQuantized(op);
        continue;
      }
      // Inputs that come straight from float-only ops make the op a float
      // island boundary, not a missing range: only report tensors that
      // calibration should have seen.
      for (std::string &name : lacking)
        missing.push_back(std::move(name));
    }
    if (!missing.empty()) {
      llvm::sort(missing);
      missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
      auto diag = getOperation().emitError()
                  << "no quantization parameters (calibration statistics) for "
                  << missing.size() << " tensor(s): ";
      llvm::interleaveComma(missing, diag);
      return signalPassFailure();
    }
    eraseDeadQdq();
  }

  bool hasKernel(QuantizableOpInterface op) {
    // A layer kept at int16 in an int8 model writes a 16-bit result.
    bool wide = activationBits == 16;
    for (Value result : op->getResults())
      if (QuantizeOp q = resultQuantize(result))
        wide |= quantizedElementType(q.getOutput().getType())
                    .getStorageTypeIntegralWidth() == 16;
    return wide ? op.hasInt16Kernel() : op.hasInt8Kernel();
  }

  bool isDenied(Operation *op) {
    if (deniedOps.contains(op->getName().getStringRef()))
      return true;
    if (!allowedOps.empty() &&
        !allowedOps.contains(op->getName().getStringRef()))
      return true;
    for (Value result : op->getResults())
      if (deniedLocs.contains(tensorName(result)))
        return true;
    return false;
  }

  /// Float operands not read through dequantize and float results not
  /// written through quantize, by name.
  SmallVector<std::string> tensorsLackingParams(Operation *op) {
    SmallVector<std::string> lacking;
    for (Value operand : op->getOperands())
      if (isFloatTensor(operand.getType()) && !operandParams(operand))
        lacking.push_back(tensorName(operand));
    for (Value result : op->getResults())
      if (isFloatTensor(result.getType()) && !resultQuantize(result))
        lacking.push_back(tensorName(result));
    return lacking;
  }

  /// dequantize -> op -> quantize becomes op on the quantized values.
  void rebuildQuantized(Operation *op) {
    OperationState state(op->getLoc(), op->getName());
    for (Value operand : op->getOperands()) {
      if (auto dq = operand.getDefiningOp<DequantizeOp>();
          dq && isFloatTensor(operand.getType()))
        state.operands.push_back(dq.getInput());
      else
        state.operands.push_back(operand);
    }
    SmallVector<QuantizeOp> resultQs;
    for (Value result : op->getResults()) {
      QuantizeOp q = resultQuantize(result);
      resultQs.push_back(q);
      state.types.push_back(q ? q.getOutput().getType() : result.getType());
    }
    state.addAttributes(op->getAttrs());
    if (auto props = op->getPropertiesAsAttribute())
      state.propertiesAttr = props;
    OpBuilder builder(op);
    Operation *quantized = builder.create(state);
    for (auto [i, q] : llvm::enumerate(resultQs)) {
      if (q) {
        q.getOutput().replaceAllUsesWith(quantized->getResult(i));
        q.erase();
      } else {
        op->getResult(i).replaceAllUsesWith(quantized->getResult(i));
      }
    }
    op->erase();
  }

  /// An op that stays float reads its constants (weights, bias) as they
  /// were, not rounded through the quantize/dequantize pair that prepare
  /// put there for a quantized kernel.
  void readOriginalConstants(Operation *op) {
    for (OpOperand &operand : op->getOpOperands()) {
      auto dq = operand.get().getDefiningOp<DequantizeOp>();
      auto q = dq ? dq.getInput().getDefiningOp<QuantizeOp>() : QuantizeOp();
      auto c = q ? q.getInput().getDefiningOp<ConstOp>() : ConstOp();
      if (c && c.getOutput().getType() == operand.get().getType())
        operand.set(c.getOutput());
    }
  }

  /// quantize(float constant) becomes a quantized constant.
  void foldQuantizedConstants() {
    getOperation().walk([&](QuantizeOp q) {
      auto c = q.getInput().getDefiningOp<ConstOp>();
      if (!c || !isFloatTensor(c.getOutput().getType()))
        return;
      auto values = dyn_cast<DenseElementsAttr>(c.getValue());
      if (!values)
        return;
      quant::QuantizedType type = quantizedElementType(q.getOutput().getType());
      OpBuilder builder(q);
      auto folded = ConstOp::create(builder, q.getLoc(), q.getOutput().getType(),
                                    quantizeValues(values, type));
      q.getOutput().replaceAllUsesWith(folded.getOutput());
      q.erase();
      if (c->use_empty())
        c.erase();
    });
  }

  void eraseDeadQdq() {
    bool erased = true;
    while (erased) {
      erased = false;
      getOperation().walk([&](Operation *op) {
        if (isa<DequantizeOp, QuantizeOp, ConstOp>(op) && op->use_empty()) {
          op->erase();
          erased = true;
        }
      });
    }
  }

  llvm::StringSet<> deniedOps, deniedLocs, allowedOps;
};
} // namespace
