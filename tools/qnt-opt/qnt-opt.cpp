//===- qnt-opt.cpp - mlir-opt for qnt -------------------------------------===//

#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/InitAllDialects.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  qnt::registerAllDialects(registry);
  mlir::registerTransformsPasses();
  qnt::registerQntPassesAndPipelines();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "qnt optimizer driver\n", registry));
}
