//===- InitAllDialects.h - Dialects qnt tools work with -----------*- C++ -*-===//

#ifndef QNT_INITALLDIALECTS_H
#define QNT_INITALLDIALECTS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "qnt/Dialect/Qnt/IR/QntDialect.h"

namespace qnt {
/// The qnt dialect and the upstream dialects its graphs use or lower to.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<QntDialect, mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect, mlir::quant::QuantDialect,
                  mlir::tosa::TosaDialect>();
}
} // namespace qnt

#endif // QNT_INITALLDIALECTS_H
