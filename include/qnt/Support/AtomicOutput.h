//===- AtomicOutput.h - Output files that appear whole or not at all -*- C++
//-*-===//
//
// The MLIR drivers open their `-o` file, truncating it, before they read
// their input, and delete it when they fail. qnt's drivers instead write a
// temporary file next to the output and rename it over the output only on
// success, so a failed run leaves an existing file as it was and never a
// partial one.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_SUPPORT_ATOMICOUTPUT_H
#define QNT_SUPPORT_ATOMICOUTPUT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

namespace qnt {

/// Runs `run` with a temporary path next to `output` and renames that file
/// over `output` when `run` returns 0. Standard output ("-") and special
/// files (e.g. /dev/null) are passed to `run` as they are. Errors are
/// printed as `tool`'s. Returns `run`'s result, or 1 when the temporary
/// file cannot be created or renamed.
int runWithAtomicOutput(llvm::StringRef tool, llvm::StringRef output,
                        llvm::function_ref<int(llvm::StringRef path)> run);

/// Whether paths `a` and `b` name the same file (existing, or by path once
/// normalized); standard streams ("-") are never the same file. Writing an
/// output over an input would lose the input.
bool isSameFile(llvm::StringRef a, llvm::StringRef b);

} // namespace qnt

#endif // QNT_SUPPORT_ATOMICOUTPUT_H
