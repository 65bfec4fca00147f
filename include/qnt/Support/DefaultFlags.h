//===- DefaultFlags.h - Defaults the MLIR drivers get from qnt's tools ---===//
//
// The tools that print MLIR (qnt-opt, qnt-translate) are MLIR's drivers with
// two defaults of their own.
//
// qnt's .mlir files carry each tensor's name in its location, which is how
// names reach the exported model and how `deny-locs` finds a layer. The MLIR
// drivers print without locations unless told, so the tools that write .mlir
// (qnt-opt, qnt-translate) put `--mlir-print-debuginfo` first on their
// command line; a later `--mlir-print-debuginfo=false` still wins. And their
// `--help` lists the driver's options, not those of every LLVM backend.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_SUPPORT_DEFAULTFLAGS_H
#define QNT_SUPPORT_DEFAULTFLAGS_H

#include <vector>

namespace qnt {

/// `argv` with the flags qnt's MLIR-printing tools default to inserted right
/// after the program name. The result ends with a null pointer, as argv does;
/// its size minus one is the new argc.
std::vector<char *> withDefaultPrintFlags(int argc, char **argv);

/// Hides from `--help` the options registered before this call: those of the
/// LLVM code generators loaded with the shared libraries, hundreds of flags
/// that do nothing in qnt's tools. Called first thing in main, it leaves the
/// driver's own options, registered later, visible; `--help-hidden` still
/// lists everything.
void hideLibraryOptions();

} // namespace qnt

#endif // QNT_SUPPORT_DEFAULTFLAGS_H
