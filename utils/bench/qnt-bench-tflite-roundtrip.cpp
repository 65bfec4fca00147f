//===- qnt-bench-tflite-roundtrip.cpp - Import then export a model ---------===//
//
// qnt-bench-tflite-roundtrip IN.tflite OUT.tflite
//
// The in-memory path of a conversion without quantization: the file is
// mapped, imported, released, and the module exported. Used by
// large-model.py to measure peak memory against the model size.
//
//===----------------------------------------------------------------------===//

#include "qnt/InitAllDialects.h"
#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: qnt-bench-tflite-roundtrip IN.tflite OUT.tflite\n";
    return 1;
  }
  mlir::DialectRegistry registry;
  qnt::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  mlir::OwningOpRef<mlir::ModuleOp> module;
  {
    auto buffer = llvm::MemoryBuffer::getFile(argv[1], /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!buffer) {
      llvm::errs() << argv[1] << ": " << buffer.getError().message() << "\n";
      return 1;
    }
    module = qnt::importTFLite((*buffer)->getBuffer(), argv[1], &context);
  }
  if (!module)
    return 1;
  std::error_code ec;
  llvm::raw_fd_ostream os(argv[2], ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << argv[2] << ": " << ec.message() << "\n";
    return 1;
  }
  return mlir::failed(qnt::exportTFLite(*module, os)) ? 1 : 0;
}
