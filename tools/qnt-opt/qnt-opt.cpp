//===- qnt-opt.cpp - mlir-opt for qnt -------------------------------------===//

#include "qnt/Calibration/Pipelines.h"
#include "qnt/Conversion/Passes.h"
#include "qnt/InitAllDialects.h"
#include "qnt/Support/AtomicOutput.h"
#include "qnt/Support/DefaultFlags.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/WithColor.h"
#include <vector>

int main(int rawArgc, char **rawArgv) {
  qnt::hideLibraryOptions();
  std::vector<char *> args = qnt::withDefaultPrintFlags(rawArgc, rawArgv);
  int argc = static_cast<int>(args.size()) - 1;
  char **argv = args.data();
  mlir::DialectRegistry registry;
  qnt::registerAllDialects(registry);
  mlir::registerTransformsPasses();
  qnt::registerAllPassesAndPipelines();
  qnt::registerQntConversionPasses();
  auto [inputFile, outputFile] = mlir::registerAndParseCLIOptions(
      argc, argv, "qnt optimizer driver\n", registry);
  if (qnt::isSameFile(inputFile, outputFile)) {
    llvm::WithColor::error(llvm::errs(), "qnt-opt")
        << "output file '" << outputFile << "' is the input file\n";
    return 1;
  }
  return qnt::runWithAtomicOutput(
      "qnt-opt", outputFile, [&](llvm::StringRef path) {
        return mlir::asMainReturnCode(
            mlir::MlirOptMain(argc, argv, inputFile, path.str(), registry));
      });
}
