//===- Registration.cpp - TFLite translations for qnt-translate -----------===//

#include "qnt/Target/TFLite/Registration.h"
#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "qnt/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
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

  static TranslateFromMLIRRegistration exportRegistration(
      "export-tflite", "Export qnt to a TFLite flatbuffer",
      [](ModuleOp module, llvm::raw_ostream &output) {
        return exportTFLite(module, output);
      },
      [](DialectRegistry &registry) { qnt::registerAllDialects(registry); });
}
