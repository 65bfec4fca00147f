//===- tflite-fuzzer.cpp - Fuzzes the TFLite importer and exporter --------===//
//
// Every input is imported. A model that imports and exports must read back,
// and exporting what was read back must give the same bytes (export after
// import is a fixed point).
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "mlir/IR/Verifier.h"

#include <cstdlib>

using namespace mlir;

static bool exportModule(ModuleOp module, std::string &bytes) {
  bytes.clear();
  llvm::raw_string_ostream os(bytes);
  return succeeded(qnt::exportTFLite(module, os));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  qnt::fuzz::FuzzContext context;
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module =
      qnt::importTFLite(input, "fuzz.tflite", context.get());
  if (!module)
    return 0;
  if (failed(verify(*module)))
    qnt::fuzz::fail("the imported module does not verify", context);
  // Export may refuse what it cannot write; that is an error, not a bug.
  std::string first;
  if (!exportModule(*module, first))
    return 0;
  OwningOpRef<ModuleOp> again =
      qnt::importTFLite(first, "fuzz-export.tflite", context.get());
  if (!again)
    qnt::fuzz::fail("the exported model does not import", context);
  std::string second;
  if (!exportModule(*again, second))
    qnt::fuzz::fail("the re-imported model does not export", context);
  if (first != second) {
    // QNT_FUZZ_DUMP=DIR keeps both exports, to compare them.
    if (const char *dir = std::getenv("QNT_FUZZ_DUMP")) {
      std::error_code ec;
      llvm::raw_fd_ostream(std::string(dir) + "/first.tflite", ec) << first;
      llvm::raw_fd_ostream(std::string(dir) + "/second.tflite", ec) << second;
    }
    qnt::fuzz::fail("export(import(export(m))) differs from export(m)",
                    context);
  }
  return 0;
}
