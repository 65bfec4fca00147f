//===- qnt-opt.cpp - mlir-opt for qnt -------------------------------------===//

#include "qnt/Calibration/Pipelines.h"
#include "qnt/Conversion/Passes.h"
#include "qnt/InitAllDialects.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  qnt::registerAllDialects(registry);
  mlir::registerTransformsPasses();
  qnt::registerAllPassesAndPipelines();
  qnt::registerQntConversionPasses();
  auto [inputFile, outputFile] = mlir::registerAndParseCLIOptions(
      argc, argv, "qnt optimizer driver\n", registry);
  // The output is opened (truncated) before the input is parsed; writing
  // over the input would lose it.
  if (inputFile != "-" && outputFile != "-" &&
      llvm::sys::fs::equivalent(inputFile, outputFile)) {
    llvm::WithColor::error(llvm::errs(), "qnt-opt")
        << "output file '" << outputFile << "' is the input file\n";
    return 1;
  }
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, inputFile, outputFile, registry));
}
