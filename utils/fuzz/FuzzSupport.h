//===- FuzzSupport.h - Shared pieces of the qnt fuzz targets ----*- C++ -*-===//
//
// A fresh MLIRContext per input (attributes interned in a long-lived context
// would grow without bound), single-threaded so that a crash has one stack,
// with diagnostics captured instead of printed: a malformed input is
// expected to fail with an error, and only errors that announce a bug in qnt
// ("internal error") abort.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_UTILS_FUZZ_FUZZSUPPORT_H
#define QNT_UTILS_FUZZ_FUZZSUPPORT_H

#include "qnt/InitAllDialects.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>

namespace qnt::fuzz {

inline mlir::DialectRegistry &getRegistry() {
  static mlir::DialectRegistry *registry = [] {
    auto *r = new mlir::DialectRegistry();
    qnt::registerAllDialects(*r);
    return r;
  }();
  return *registry;
}

/// A context whose errors are collected in `errors`; an error that says
/// "internal error" aborts with the message.
class FuzzContext {
public:
  FuzzContext()
      : context(getRegistry(), mlir::MLIRContext::Threading::DISABLED) {
    context.loadAllAvailableDialects();
    context.printOpOnDiagnostic(false);
    context.getDiagEngine().registerHandler([this](mlir::Diagnostic &diag) {
      std::string text = diag.str();
      if (text.find("internal error") != std::string::npos) {
        llvm::errs() << "fuzz: " << text << "\n";
        std::abort();
      }
      errors += text + "\n";
      return mlir::success();
    });
  }
  mlir::MLIRContext *get() { return &context; }
  const std::string &getErrors() const { return errors; }

private:
  mlir::MLIRContext context;
  std::string errors;
};

/// Aborts with `what` (and the collected errors) when a property that must
/// hold for every input is broken.
[[noreturn]] inline void fail(const char *what, const FuzzContext &context) {
  llvm::errs() << "fuzz: " << what << "\n" << context.getErrors();
  std::abort();
}

} // namespace qnt::fuzz

#endif // QNT_UTILS_FUZZ_FUZZSUPPORT_H
