//===- QntDialect.cpp - The qnt dialect -----------------------------------===//

#include "qnt/Dialect/Qnt/IR/QntDialect.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace qnt;

#include "qnt/Dialect/Qnt/IR/QntDialect.cpp.inc"
#include "qnt/Dialect/Qnt/IR/QntEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "qnt/Dialect/Qnt/IR/QntAttrs.cpp.inc"

void QntDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "qnt/Dialect/Qnt/IR/QntOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "qnt/Dialect/Qnt/IR/QntAttrs.cpp.inc"
      >();
}

Operation *QntDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || !isa<RankedTensorType>(type))
    return nullptr;
  return ConstOp::create(builder, loc, type, elements);
}
