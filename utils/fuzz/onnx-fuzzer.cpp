//===- onnx-fuzzer.cpp - Fuzzes the ONNX importer -------------------------===//
//
// Every input is imported; what imports must verify and export to TFLite
// or fail with an error.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "qnt/Target/ONNX/Import.h"
#include "qnt/Target/TFLite/Export.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  qnt::fuzz::FuzzContext context;
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  qnt::ONNXImportOptions options;
  // The last byte picks the layout, so both paths are explored.
  if (size > 0 && (data[size - 1] & 1))
    options.inputLayout = qnt::ONNXInputLayout::NHWC;
  OwningOpRef<ModuleOp> module =
      qnt::importONNX(input, "fuzz.onnx", context.get(), options);
  if (!module)
    return 0;
  if (failed(verify(*module)))
    qnt::fuzz::fail("the imported module does not verify", context);
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  (void)qnt::exportTFLite(*module, os);
  return 0;
}
