//===- QntDialect.h - The qnt dialect -----------------------------*- C++ -*-===//

#ifndef QNT_DIALECT_QNT_IR_QNTDIALECT_H
#define QNT_DIALECT_QNT_IR_QNTDIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Dialect.h"

#include "qnt/Dialect/Qnt/IR/QntDialect.h.inc"

#endif // QNT_DIALECT_QNT_IR_QNTDIALECT_H
