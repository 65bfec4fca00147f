//===- PostQuantize.cpp - Clean Q/DQ pairs and set the model's I/O types --===//

#include "QdqUtils.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

#include "mlir/IR/TypeUtilities.h"

namespace qnt {
#define GEN_PASS_DEF_POSTQUANTIZE
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

/// The uint8 twin of an int8 type: same scale, zero point + 128.
static quant::UniformQuantizedType toUint8(quant::UniformQuantizedType t) {
  return activationTypeWithParams(t.getContext(), t.getScale(),
                                  t.getZeroPoint() + 128, 8,
                                  /*isSigned=*/false);
}

namespace {
struct PostQuantize : public qnt::impl::PostQuantizeBase<PostQuantize> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (ioType != "float" && ioType != "int8" && ioType != "uint8") {
      func.emitError() << "io-type must be float, int8 or uint8, got '"
                       << ioType << "'";
      return signalPassFailure();
    }
    removeUnabsorbedPairs();
    foldWideDequantizedConstants();
    // The reason an op stays float says more than the I/O it then blocks.
    if (integerOnly && failed(checkIntegerOnly(func)))
      return signalPassFailure();
    if (ioType != "float" && failed(setIntegerIO(func)))
      return signalPassFailure();
  }

  /// A float value quantized and dequantized again, read by float ops, is
  /// read directly; dequantize -> quantize chains collapse.
  void removeUnabsorbedPairs() {
    getOperation().walk([&](DequantizeOp dq) {
      auto q = dq.getInput().getDefiningOp<QuantizeOp>();
      if (q && isFloatTensor(q.getInput().getType()))
        dq.getOutput().replaceAllUsesWith(q.getInput());
    });
    getOperation().walk([&](QuantizeOp q) {
      auto dq = q.getInput().getDefiningOp<DequantizeOp>();
      if (!dq || !quantizedElementType(dq.getInput().getType()))
        return;
      Value source = dq.getInput();
      if (source.getType() == q.getOutput().getType()) {
        q.getOutput().replaceAllUsesWith(source);
        return;
      }
      // Two parameter sets meet: one requantize.
      q.getInputMutable().assign(source);
    });
    bool erased = true;
    while (erased) {
      erased = false;
      getOperation().walk([&](Operation *op) {
        if (isa<DequantizeOp, QuantizeOp>(op) && op->use_empty()) {
          op->erase();
          erased = true;
        }
      });
    }
  }

  /// The int32 bias of an op kept float (deny-locs, layer-precision=float)
  /// is read through a dequantize, which TFLite's DEQUANTIZE refuses for
  /// INT32: such constants become float constants again.
  void foldWideDequantizedConstants() {
    SmallVector<DequantizeOp> candidates;
    getOperation().walk([&](DequantizeOp dq) {
      auto c = dq.getInput().getDefiningOp<ConstOp>();
      auto elem = quantizedElementType(dq.getInput().getType());
      if (c && elem && elem.getStorageTypeIntegralWidth() > 16 &&
          isa<DenseIntElementsAttr>(c.getValue()))
        candidates.push_back(dq);
    });
    OpBuilder builder(&getContext());
    for (DequantizeOp dq : candidates) {
      auto c = dq.getInput().getDefiningOp<ConstOp>();
      auto values = cast<DenseIntElementsAttr>(c.getValue());
      auto type = cast<RankedTensorType>(dq.getOutput().getType());
      auto elem = quantizedElementType(dq.getInput().getType());
      SmallVector<double> scales;
      SmallVector<int64_t> zeroPoints;
      int64_t axis = -1;
      if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(elem)) {
        scales.assign(perAxis.getScales().begin(), perAxis.getScales().end());
        zeroPoints.assign(perAxis.getZeroPoints().begin(),
                          perAxis.getZeroPoints().end());
        axis = perAxis.getQuantizedDimension();
      } else if (auto uniform = dyn_cast<quant::UniformQuantizedType>(elem)) {
        scales.push_back(uniform.getScale());
        zeroPoints.push_back(uniform.getZeroPoint());
      } else {
        continue;
      }
      // The stride of the quantized axis in row-major order.
      ArrayRef<int64_t> shape = type.getShape();
      int64_t inner = 1;
      if (axis >= 0)
        for (size_t d = axis + 1; d < shape.size(); ++d)
          inner *= shape[d];
      SmallVector<float> floats;
      floats.reserve(values.getNumElements());
      int64_t i = 0;
      for (const APInt &v : values.getValues<APInt>()) {
        size_t channel = axis >= 0 ? (i / inner) % shape[axis] : 0;
        floats.push_back(static_cast<float>(
            (v.getSExtValue() - zeroPoints[channel]) * scales[channel]));
        ++i;
      }
      builder.setInsertionPoint(dq);
      auto folded = ConstOp::create(
          builder, dq.getLoc(), type,
          DenseElementsAttr::get(type, ArrayRef<float>(floats)));
      dq.getOutput().replaceAllUsesWith(folded.getOutput());
      dq.erase();
      if (c->use_empty())
        c.erase();
    }
  }

  /// Inputs become the quantized tensors (uint8 ones requantized to int8
  /// inside), outputs the quantized results.
  LogicalResult setIntegerIO(func::FuncOp func) {
    Block &entry = func.getBody().front();
    OpBuilder builder(&getContext());
    for (BlockArgument arg : entry.getArguments()) {
      if (!isFloatTensor(arg.getType()) || arg.use_empty())
        continue;
      SmallVector<QuantizeOp> qs;
      for (Operation *user : arg.getUsers())
        if (auto q = dyn_cast<QuantizeOp>(user))
          qs.push_back(q);
      if (qs.size() != static_cast<size_t>(std::distance(arg.use_begin(),
                                                         arg.use_end())) ||
          llvm::any_of(qs, [&](QuantizeOp q) {
            return q.getOutput().getType() != qs.front().getOutput().getType();
          }))
        return func.emitError()
               << "input #" << arg.getArgNumber() << " ('" << tensorName(arg)
               << "') is read by float ops and cannot be " << ioType;
      Type int8Type = qs.front().getOutput().getType();
      auto int8Elem =
          dyn_cast<quant::UniformQuantizedType>(getElementTypeOrSelf(int8Type));
      if (!int8Elem || int8Elem.getStorageTypeIntegralWidth() != 8)
        return func.emitError() << "input #" << arg.getArgNumber()
                                << " is not an 8-bit per-tensor tensor";
      Value replacement = arg;
      if (ioType == "uint8") {
        arg.setType(withElementType(int8Type, toUint8(int8Elem)));
        builder.setInsertionPointToStart(&entry);
        replacement =
            QuantizeOp::create(builder, arg.getLoc(), int8Type, arg).getOutput();
      } else {
        arg.setType(int8Type);
      }
      for (QuantizeOp q : qs) {
        q.getOutput().replaceAllUsesWith(replacement);
        q.erase();
      }
    }
    Operation *terminator = entry.getTerminator();
    for (OpOperand &operand : terminator->getOpOperands()) {
      auto dq = operand.get().getDefiningOp<DequantizeOp>();
      if (!dq)
        continue;
      auto elem = dyn_cast<quant::UniformQuantizedType>(
          getElementTypeOrSelf(dq.getInput().getType()));
      if (!elem || elem.getStorageTypeIntegralWidth() != 8)
        return func.emitError() << "output #" << operand.getOperandNumber()
                                << " is not an 8-bit per-tensor tensor";
      Value result = dq.getInput();
      if (ioType == "uint8") {
        builder.setInsertionPoint(terminator);
        result = QuantizeOp::create(
                     builder, dq.getLoc(),
                     withElementType(result.getType(), toUint8(elem)), result)
                     .getOutput();
      }
      operand.set(result);
      if (dq->use_empty())
        dq.erase();
    }
    func.setFunctionType(FunctionType::get(&getContext(),
                                           entry.getArgumentTypes(),
                                           terminator->getOperandTypes()));
    return success();
  }

  /// Every op computes on integers. Quantize and dequantize ops are the
  /// edges, which the I/O step turns integer or rejects.
  LogicalResult checkIntegerOnly(func::FuncOp func) {
    bool ok = true;
    func.walk([&](Operation *op) {
      if (isa<func::FuncOp, func::ReturnOp, QuantizeOp, DequantizeOp>(op))
        return;
      bool isFloat = llvm::any_of(op->getOperandTypes(), isFloatTensor) ||
                     llvm::any_of(op->getResultTypes(), isFloatTensor);
      if (isa<ConstOp>(op) || !isFloat)
        return;
      ok = false;
      auto diag = op->emitError() << "'" << op->getName()
                                  << "' stays float in an integer-only model";
      if (auto iface = dyn_cast<QuantizableOpInterface>(op)) {
        if (isa<CustomOp>(op))
          diag << ": qnt cannot quantize a custom op";
        else if (!iface.hasInt8Kernel())
          diag << ": TFLite has no int8 kernel for it";
        else
          diag << ": it was denied (deny-ops, deny-locs, or not in the "
                  "target's op list) or its tensors have no parameters";
      }
    });
    return success(ok);
  }
};
} // namespace
