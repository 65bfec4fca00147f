//===- QdqUtils.h - Quantize/dequantize pairs on float edges ------*- C++ -*-===//
//
// Between prepare and quantize, a float edge that is to be quantized reads
// `x -> qnt.quantize -> qnt.dequantize -> users`: the quantize's type holds
// the edge's parameters. These helpers read and edit that form.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_DIALECT_QNT_TRANSFORMS_QDQUTILS_H
#define QNT_LIB_DIALECT_QNT_TRANSFORMS_QDQUTILS_H

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/Builders.h"
#include <string>

namespace qnt {

/// Inserts `quantize(v) -> dequantize` right after `v` is defined and makes
/// every other use of `v` read the dequantized value. Returns the quantize.
QuantizeOp quantizeAllUses(mlir::Value v, mlir::quant::QuantizedType type);

/// Inserts `quantize -> dequantize` just before the user of `operand` and
/// points the operand at the dequantized value.
QuantizeOp quantizeOperand(mlir::OpOperand &operand,
                           mlir::quant::QuantizedType type);

/// The parameters a float operand was quantized with: the type of the
/// quantized value its defining dequantize reads.
mlir::quant::QuantizedType operandParams(mlir::Value v);

/// The quantize that is the only user of a float result, if any.
QuantizeOp resultQuantize(mlir::Value v);

/// Changes the parameters of `q` in place (its users are dequantize ops, so
/// nothing downstream changes type).
void setParams(QuantizeOp q, mlir::quant::QuantizedType type);

/// A readable name for a tensor: its location name, else its producer.
std::string tensorName(mlir::Value v);

/// True for the float element types qnt quantizes.
bool isFloatTensor(mlir::Type type);

} // namespace qnt

#endif // QNT_LIB_DIALECT_QNT_TRANSFORMS_QDQUTILS_H
