//===- qnt-opt.cpp - mlir-opt for qnt -------------------------------------===//

#include "qnt/Calibration/Pipelines.h"
#include "qnt/Conversion/Passes.h"
#include "qnt/InitAllDialects.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  qnt::registerAllDialects(registry);
  mlir::registerTransformsPasses();
  qnt::registerAllPassesAndPipelines();
  qnt::registerQntConversionPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "qnt optimizer driver\n", registry));
}
