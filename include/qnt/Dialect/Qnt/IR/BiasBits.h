//===- BiasBits.h - Width of the biases of 16x8 ops in TFLite ---*- C++ -*-===//
//
// TFLite's int16x8 kernels take an INT64 bias, and newer runtimes also an
// INT32 one. `!quant.uniform` storage stops at 32 bits, so qnt holds every
// such bias with i32 storage and records the width to write in the file as
// an attribute of the bias constant: absent means INT64.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_IR_BIASBITS_H
#define QNT_DIALECT_QNT_IR_BIASBITS_H

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/StringRef.h"

namespace qnt {

/// On a `qnt.const` bias of 16x8 ops: `32` writes it INT32 (default INT64).
constexpr llvm::StringLiteral kBiasBitsAttr = "qnt.bias_bits";

/// Whether `op` is a quantized constant used only as the bias of ops whose
/// input has 16-bit quantized storage.
inline bool isBiasOf16BitOp(ConstOp op) {
  if (!llvm::isa<mlir::quant::QuantizedType>(
          mlir::getElementTypeOrSelf(op.getResult())))
    return false;
  mlir::Value result = op.getResult();
  if (result.use_empty())
    return false;
  for (mlir::OpOperand &use : result.getUses()) {
    auto user = llvm::dyn_cast<QuantizableOpInterface>(use.getOwner());
    std::optional<WeightOperands> weights =
        user ? user.getWeightOperands() : std::nullopt;
    if (!weights || weights->biasIndex != use.getOperandNumber())
      return false;
    auto input = llvm::dyn_cast<mlir::quant::QuantizedType>(
        mlir::getElementTypeOrSelf(user->getOperand(weights->inputIndex)));
    if (!input || input.getStorageTypeIntegralWidth() != 16)
      return false;
  }
  return true;
}

/// The width the bias `op` of 16x8 ops is written with: 32 or 64.
inline unsigned biasBitsOf16BitOp(ConstOp op) {
  auto bits = op->getAttrOfType<mlir::IntegerAttr>(kBiasBitsAttr);
  return bits && bits.getInt() == 32 ? 32 : 64;
}

} // namespace qnt

#endif // QNT_DIALECT_QNT_IR_BIASBITS_H
