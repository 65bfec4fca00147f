//===- ModelFile.cpp - Load a model file of any format qnt reads ----------===//

#include "qnt/Target/ModelFile.h"

#include "qnt/Target/ONNX/Import.h"
#include "qnt/Target/TFLite/Import.h"

#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<OwningOpRef<ModuleOp>>
qnt::loadModelFile(llvm::StringRef path, MLIRContext *context,
                   llvm::SourceMgr &sourceMgr) {
  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> buffer = openInputFile(path, &message);
  if (!buffer)
    return makeError(path + ": " + message);
  std::string ext = llvm::sys::path::extension(path).lower();
  OwningOpRef<ModuleOp> module;
  if (ext == ".tflite") {
    module = importTFLite(buffer->getBuffer(), path, context);
  } else if (ext == ".onnx") {
    ONNXImportOptions options;
    options.inputLayout = ONNXInputLayout::NHWC;
    module = importONNX(buffer->getBuffer(), path, context, options);
  } else {
    sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, context);
  }
  // The importer or parser has reported why.
  if (!module)
    return makeError(path + ": cannot load the model");
  return std::move(module);
}
