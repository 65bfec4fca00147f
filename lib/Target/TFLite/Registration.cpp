//===- Registration.cpp - TFLite translations for qnt-translate -----------===//

#include "qnt/Target/TFLite/Registration.h"
#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "qnt/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void qnt::registerTFLiteTranslations() {
  static TranslateToMLIRRegistration importRegistration(
      "import-tflite", "Import a TFLite flatbuffer into qnt",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return importTFLite(buffer->getBuffer(),
                            buffer->getBufferIdentifier(), context);
      },
      [](DialectRegistry &registry) { qnt::registerAllDialects(registry); },
      // Flatbuffer scalars are read in place and must be aligned.
      llvm::Align(16));

  static llvm::cl::opt<bool> packInt4(
      "tflite-pack-int4",
      llvm::cl::desc("export-tflite: write 4-bit (and 2-bit) weights as "
                     "packed INT4 tensors, two values a byte"),
      llvm::cl::init(false));
  static TranslateFromMLIRRegistration exportRegistration(
      "export-tflite", "Export qnt to a TFLite flatbuffer",
      [](ModuleOp module, llvm::raw_ostream &output) {
        TFLiteExportOptions options;
        options.packInt4 = packInt4;
        return exportTFLite(module, output, options);
      },
      [](DialectRegistry &registry) { qnt::registerAllDialects(registry); });
}
