//===- QntDialectPlugin.cpp - The qnt dialect as an mlir-opt plugin -------===//

#include "qnt/Dialect/Qnt/IR/QntDialect.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "QntDialect", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            registry->insert<qnt::QntDialect>();
          }};
}
