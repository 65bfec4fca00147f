//===- QntPassPlugin.cpp - qnt passes as an mlir-opt plugin ---------------===//

#include "qnt/Calibration/Pipelines.h"
#include "qnt/Conversion/Passes.h"

#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "QntPasses", LLVM_VERSION_STRING,
          []() {
            qnt::registerAllPassesAndPipelines();
            qnt::registerQntConversionPasses();
          }};
}
