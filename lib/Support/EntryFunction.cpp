//===- EntryFunction.cpp - The function a tool works on -------------------===//

#include "qnt/Support/EntryFunction.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<func::FuncOp> qnt::findEntryFunction(ModuleOp module,
                                                    llvm::StringRef name) {
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func || func.isExternal())
      return makeError("no function '@" + name + "' with a body");
    return func;
  }
  if (auto main = module.lookupSymbol<func::FuncOp>("main"))
    if (!main.isExternal())
      return main;
  llvm::SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isExternal())
      candidates.push_back(func);
  if (candidates.size() == 1)
    return candidates.front();
  if (candidates.empty())
    return makeError("the module has no function with a body");
  std::string names;
  llvm::raw_string_ostream os(names);
  llvm::interleaveComma(candidates, os, [&](func::FuncOp func) {
    os << "'@" << func.getSymName() << "'";
  });
  return makeError("the module has no '@main' and several functions (" + names +
                   "); name the one to use");
}
