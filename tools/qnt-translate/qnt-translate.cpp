//===- qnt-translate.cpp - Translations in and out of qnt -----------------===//

#include "qnt/Support/AtomicOutput.h"
#include "qnt/Support/DefaultFlags.h"
#include "qnt/Target/ONNX/Import.h"
#include "qnt/Target/TFLite/Registration.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/WithColor.h"
#include <string>
#include <vector>

namespace {
/// Where `-o FILE` sits in argv: its index (-1 when absent), and whether it
/// is written `-o=FILE`.
struct OutputArg {
  int index = -1;
  bool joined = false;
};

OutputArg findOutputArg(int argc, char **argv) {
  OutputArg out;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if ((arg == "-o" || arg == "--o") && i + 1 < argc) {
      out = {++i, false};
    } else if (arg.starts_with("-o=") || arg.starts_with("--o=")) {
      out = {i, true};
    }
  }
  return out;
}

int translate(int argc, char **argv) {
  return mlir::failed(
             mlir::mlirTranslateMain(argc, argv, "qnt translation driver\n"))
             ? 1
             : 0;
}
} // namespace

int main(int rawArgc, char **rawArgv) {
  qnt::hideLibraryOptions();
  std::vector<char *> args = qnt::withDefaultPrintFlags(rawArgc, rawArgv);
  int argc = static_cast<int>(args.size()) - 1;
  char **argv = args.data();
  qnt::registerTFLiteTranslations();
  qnt::registerONNXTranslations();
  OutputArg output = findOutputArg(argc, argv);
  if (output.index < 0)
    return translate(argc, argv);
  llvm::StringRef outputArg(argv[output.index]);
  std::string outputPath =
      (output.joined ? outputArg.split('=').second : outputArg).str();
  // The input is the positional argument: writing over it would lose it.
  for (int i = 1; i < argc; ++i)
    if (i != output.index && !llvm::StringRef(argv[i]).starts_with("-") &&
        qnt::isSameFile(argv[i], outputPath)) {
      llvm::WithColor::error(llvm::errs(), "qnt-translate")
          << "output file '" << outputPath << "' is the input file\n";
      return 1;
    }
  return qnt::runWithAtomicOutput(
      "qnt-translate", outputPath, [&](llvm::StringRef path) {
        std::string replaced =
            output.joined ? (outputArg.split('=').first + "=" + path).str()
                          : path.str();
        std::vector<char *> withOutput(argv, argv + argc);
        withOutput[output.index] = replaced.data();
        return translate(argc, withOutput.data());
      });
}
