//===- Npz.h - numpy .npz archives ------------------------------*- C++ -*-===//
//
// An .npz is a zip archive of .npy members, stored or deflated, as written by
// numpy.savez and numpy.savez_compressed. Array names are the member names
// without the ".npy" suffix.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DATA_NPZ_H
#define QNT_DATA_NPZ_H

#include "qnt/Data/NpyArray.h"

#include <string>
#include <utility>
#include <vector>

namespace qnt {

using NamedArray = std::pair<std::string, NpyArray>;

/// Reads every member of \p path, in archive order. Errors name the file and,
/// for a bad member, the array.
llvm::Expected<std::vector<NamedArray>> readNpz(llvm::StringRef path);

/// Writes \p arrays to \p path (deflated if \p compress). The archive is
/// assembled in a temporary file and renamed into place.
llvm::Error writeNpz(llvm::StringRef path, llvm::ArrayRef<NamedArray> arrays,
                     bool compress = false);

} // namespace qnt

#endif // QNT_DATA_NPZ_H
