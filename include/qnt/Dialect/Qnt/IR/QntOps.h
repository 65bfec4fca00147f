//===- QntOps.h - Operations of the qnt dialect -------------------*- C++ -*-===//

#ifndef QNT_DIALECT_QNT_IR_QNTOPS_H
#define QNT_DIALECT_QNT_IR_QNTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Dialect/Traits.h"
#include "qnt/Dialect/Qnt/IR/QntDialect.h"
#include "qnt/Dialect/Qnt/IR/QntTraits.h"

#include "qnt/Dialect/Qnt/IR/QntEnums.h.inc"
#define GET_ATTRDEF_CLASSES
#include "qnt/Dialect/Qnt/IR/QntAttrs.h.inc"
#include "qnt/Dialect/Qnt/IR/QntInterfaces.h.inc"
#define GET_OP_CLASSES
#include "qnt/Dialect/Qnt/IR/QntOps.h.inc"

#endif // QNT_DIALECT_QNT_IR_QNTOPS_H
