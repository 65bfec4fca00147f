//===- Passes.h - Passes over qnt graphs --------------------------*- C++ -*-===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_PASSES_H
#define QNT_DIALECT_QNT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "qnt/Dialect/Qnt/IR/QntDialect.h"

namespace qnt {

#define GEN_PASS_DECL
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"

/// Registers every qnt pass and pipeline with the global registry.
void registerQntPassesAndPipelines();

} // namespace qnt

#endif // QNT_DIALECT_QNT_TRANSFORMS_PASSES_H
