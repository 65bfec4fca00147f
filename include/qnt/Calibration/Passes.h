//===- Passes.h - Calibration passes ----------------------------*- C++ -*-===//

#ifndef QNT_CALIBRATION_PASSES_H
#define QNT_CALIBRATION_PASSES_H

#include "qnt/Dialect/Qnt/IR/QntDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace qnt {

#define GEN_PASS_DECL
#include "qnt/Calibration/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnt/Calibration/Passes.h.inc"

} // namespace qnt

#endif // QNT_CALIBRATION_PASSES_H
