//===- DataTestUtils.h - Helpers shared by the QntData tests ------*- C++
//-*-===//

#ifndef QNT_UNITTESTS_DATA_DATATESTUTILS_H
#define QNT_UNITTESTS_DATA_DATATESTUTILS_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>

namespace qnt {
namespace testing {

/// A fresh directory, removed with its contents when the test ends.
class TempDir {
public:
  TempDir() {
    std::error_code ec =
        llvm::sys::fs::createUniqueDirectory("qnt-data-test", path);
    EXPECT_FALSE(ec) << ec.message();
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path); }
  std::string file(const llvm::Twine &name) const {
    llvm::SmallString<128> result(path);
    llvm::sys::path::append(result, name);
    return std::string(result);
  }
  llvm::StringRef getPath() const { return path; }

private:
  llvm::SmallString<128> path;
};

inline void writeFile(const std::string &path, llvm::StringRef contents) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  ASSERT_FALSE(ec) << ec.message();
  os << contents;
}

/// The message of \p value's error, or "" (and a test failure) if it holds a
/// value.
template <typename T> std::string errorOf(llvm::Expected<T> value) {
  if (value) {
    ADD_FAILURE() << "expected an error";
    return "";
  }
  return llvm::toString(value.takeError());
}
inline std::string errorOf(llvm::Error err) {
  if (!err) {
    ADD_FAILURE() << "expected an error";
    return "";
  }
  return llvm::toString(std::move(err));
}

} // namespace testing
} // namespace qnt

/// Unwraps an Expected or fails the test with its message.
#define QNT_ASSERT_VALUE(var, expr)                                            \
  auto var##OrErr = (expr);                                                    \
  ASSERT_TRUE(static_cast<bool>(var##OrErr))                                   \
      << llvm::toString(var##OrErr.takeError());                               \
  auto &var = *var##OrErr

#define QNT_ASSERT_NO_ERROR(expr)                                              \
  do {                                                                         \
    llvm::Error qntErr = (expr);                                               \
    ASSERT_FALSE(static_cast<bool>(qntErr))                                    \
        << llvm::toString(std::move(qntErr));                                  \
  } while (false)

#endif // QNT_UNITTESTS_DATA_DATATESTUTILS_H
