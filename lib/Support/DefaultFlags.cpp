//===- DefaultFlags.cpp - Defaults the MLIR drivers get from qnt's tools -===//

#include "qnt/Support/DefaultFlags.h"

#include "llvm/Support/CommandLine.h"

std::vector<char *> qnt::withDefaultPrintFlags(int argc, char **argv) {
  static char printLocations[] = "--mlir-print-debuginfo";
  std::vector<char *> args;
  args.reserve(argc + 2);
  args.push_back(argv[0]);
  args.push_back(printLocations);
  args.insert(args.end(), argv + 1, argv + argc);
  args.push_back(nullptr);
  return args;
}

void qnt::hideLibraryOptions() {
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = entry.first;
    if (name.starts_with("mlir-") || name.starts_with("help") ||
        name == "version" || name == "color")
      continue;
    entry.second->setHiddenFlag(llvm::cl::Hidden);
  }
}
