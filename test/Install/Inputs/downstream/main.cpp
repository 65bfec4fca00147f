// Parses a qnt graph given on the command line with only the installed
// QntDialect library, verifies it and prints each qnt op with its
// quantization properties.

#include "qnt/Dialect/Qnt/IR/QntDialect.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: downstream FILE.mlir\n";
    return 2;
  }
  mlir::MLIRContext context;
  context.loadDialect<qnt::QntDialect, mlir::func::FuncDialect,
                      mlir::quant::QuantDialect>();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], &context);
  if (!module || mlir::failed(mlir::verify(*module)))
    return 1;
  module->walk([](qnt::QuantizableOpInterface op) {
    llvm::outs() << op->getName() << " same-scale=" << op.isSameScale()
                 << " int8=" << op.hasInt8Kernel() << "\n";
  });
  return 0;
}
