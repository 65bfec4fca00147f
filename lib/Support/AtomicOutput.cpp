//===- AtomicOutput.cpp - Output files that appear whole or not at all ----===//

#include "qnt/Support/AtomicOutput.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

int qnt::runWithAtomicOutput(StringRef tool, StringRef output,
                             function_ref<int(StringRef path)> run) {
  sys::fs::file_status status;
  if (output == "-" || (!sys::fs::status(output, status) &&
                        status.type() != sys::fs::file_type::regular_file))
    return run(output);

  int fd;
  SmallString<256> temp;
  if (std::error_code error = sys::fs::createUniqueFile(
          output + ".tmp-%%%%%%%%", fd, temp, sys::fs::OF_None,
          sys::fs::all_read | sys::fs::all_write)) {
    // The temporary file sits in the output's directory: failing to create
    // it is failing to write the output.
    WithColor::error(errs(), tool)
        << "cannot write '" << output << "': " << error.message() << "\n";
    return 1;
  }
  sys::Process::SafelyCloseFileDescriptor(fd);
  sys::RemoveFileOnSignal(temp);
  int result = run(temp);
  if (result != 0) {
    sys::fs::remove(temp);
    sys::DontRemoveFileOnSignal(temp);
    return result;
  }
  std::error_code renameError = sys::fs::rename(temp, output);
  sys::DontRemoveFileOnSignal(temp);
  if (renameError) {
    sys::fs::remove(temp);
    WithColor::error(errs(), tool)
        << "cannot write '" << output << "': " << renameError.message() << "\n";
    return 1;
  }
  return 0;
}

bool qnt::isSameFile(StringRef a, StringRef b) {
  if (a == "-" || b == "-")
    return false;
  bool equal = false;
  if (!sys::fs::equivalent(a, b, equal) && equal)
    return true;
  // Files that do not exist yet are the same when their paths are.
  SmallString<256> pa(a), pb(b);
  sys::fs::make_absolute(pa);
  sys::fs::make_absolute(pb);
  sys::path::remove_dots(pa, true);
  sys::path::remove_dots(pb, true);
  return pa == pb;
}
