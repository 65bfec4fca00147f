//===- qnt-translate.cpp - Translations in and out of qnt -----------------===//

#include "qnt/Target/ONNX/Import.h"
#include "qnt/Target/TFLite/Registration.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include <string>
#include <vector>

/// The value of `-o` when it names the same file as another argument (the
/// input): the output is opened, and truncated, before the input is read
/// to the end, so that run would lose the input.
static llvm::StringRef findOutputOverInput(int argc, char **argv) {
  llvm::StringRef output;
  int outputIndex = -1;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if ((arg == "-o" || arg == "--o") && i + 1 < argc) {
      outputIndex = ++i;
      output = argv[i];
    } else if (arg.consume_front("-o=") || arg.consume_front("--o=")) {
      outputIndex = i;
      output = arg;
    }
  }
  if (output.empty() || output == "-")
    return {};
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (i != outputIndex && !arg.starts_with("-") &&
        llvm::sys::fs::equivalent(arg, output))
      return output;
  }
  return {};
}

/// Runs the translation with `-o FILE` redirected to a temporary file in
/// FILE's directory, renamed over FILE only when the translation succeeds:
/// a failed run leaves no partial output and an existing FILE unchanged.
/// Standard output and special files (/dev/null) are written directly.
static int translateAtomically(int argc, char **argv) {
  int outputIndex = -1;
  bool joined = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if ((arg == "-o" || arg == "--o") && i + 1 < argc) {
      outputIndex = ++i;
      joined = false;
    } else if (arg.starts_with("-o=") || arg.starts_with("--o=")) {
      outputIndex = i;
      joined = true;
    }
  }
  auto run = [](int count, char **args) {
    return mlir::failed(
               mlir::mlirTranslateMain(count, args, "qnt translation driver\n"))
               ? 1
               : 0;
  };
  if (outputIndex < 0)
    return run(argc, argv);
  std::string output =
      joined ? llvm::StringRef(argv[outputIndex]).split('=').second.str()
             : std::string(argv[outputIndex]);
  llvm::sys::fs::file_status status;
  if (output == "-" ||
      (!llvm::sys::fs::status(output, status) &&
       status.type() != llvm::sys::fs::file_type::regular_file))
    return run(argc, argv);

  int fd;
  llvm::SmallString<256> temp;
  if (std::error_code error = llvm::sys::fs::createUniqueFile(
          output + ".tmp-%%%%%%%%", fd, temp, llvm::sys::fs::OF_None,
          llvm::sys::fs::all_read | llvm::sys::fs::all_write)) {
    llvm::WithColor::error(llvm::errs(), "qnt-translate")
        << "cannot create a temporary file next to '" << output
        << "': " << error.message() << "\n";
    return 1;
  }
  llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  llvm::sys::RemoveFileOnSignal(temp);
  std::string replaced =
      joined ? llvm::StringRef(argv[outputIndex]).split('=').first.str() +
                   "=" + temp.str().str()
             : temp.str().str();
  std::vector<char *> args(argv, argv + argc);
  args[outputIndex] = replaced.data();
  if (run(argc, args.data()) != 0) {
    llvm::sys::fs::remove(temp);
    return 1;
  }
  std::error_code renameError = llvm::sys::fs::rename(temp, output);
  llvm::sys::DontRemoveFileOnSignal(temp);
  if (std::error_code error = renameError) {
    llvm::sys::fs::remove(temp);
    llvm::WithColor::error(llvm::errs(), "qnt-translate")
        << "cannot write '" << output << "': " << error.message() << "\n";
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  llvm::StringRef clash = findOutputOverInput(argc, argv);
  if (!clash.empty()) {
    llvm::WithColor::error(llvm::errs(), "qnt-translate")
        << "output file '" << clash << "' is the input file\n";
    return 1;
  }
  qnt::registerTFLiteTranslations();
  qnt::registerONNXTranslations();
  return translateAtomically(argc, argv);
}
