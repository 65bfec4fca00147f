//===- Registration.cpp - ONNX import for qnt-translate -------------------===//

#include "qnt/Target/ONNX/Import.h"

#include "qnt/InitAllDialects.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void qnt::registerONNXTranslations() {
  static llvm::cl::opt<ONNXInputLayout> inputLayout(
      "onnx-input-layout",
      llvm::cl::desc("Layout of 4-D inputs and outputs of an imported ONNX "
                     "model"),
      llvm::cl::init(ONNXInputLayout::NCHW),
      llvm::cl::values(
          clEnumValN(ONNXInputLayout::NCHW, "nchw",
                     "as in the ONNX model (transposes at the boundary)"),
          clEnumValN(ONNXInputLayout::NHWC, "nhwc",
                     "NHWC, as TFLite (no boundary transposes)")));

  static TranslateToMLIRRegistration importRegistration(
      "import-onnx", "Import an ONNX model into qnt",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        ONNXImportOptions options;
        options.inputLayout = inputLayout;
        return importONNX(buffer->getBuffer(), buffer->getBufferIdentifier(),
                          context, options);
      },
      [](DialectRegistry &registry) { qnt::registerAllDialects(registry); });
}
