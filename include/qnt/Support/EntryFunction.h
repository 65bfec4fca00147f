//===- EntryFunction.h - The function a tool works on -----------*- C++ -*-===//
//
// Calibration, the interpreter's runner and the converter all work on one
// function of a module; they choose it by one rule.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_SUPPORT_ENTRYFUNCTION_H
#define QNT_SUPPORT_ENTRYFUNCTION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace qnt {

/// The function of \p module to work on: the one named \p name if given,
/// else `@main`, else the only function with a body. The error lists the
/// candidates when the choice is ambiguous.
llvm::Expected<mlir::func::FuncOp> findEntryFunction(mlir::ModuleOp module,
                                                     llvm::StringRef name = "");

} // namespace qnt

#endif // QNT_SUPPORT_ENTRYFUNCTION_H
