//===- NpzTest.cpp - Tests for .npz reading and writing -------------------===//

#include "qnt/Data/Npz.h"

#include "DataTestUtils.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include <zip.h>

using namespace llvm;
using namespace qnt;
using namespace qnt::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

std::string inputPath(StringRef name) {
  return (Twine(QNT_DATA_TEST_INPUTS) + "/" + name).str();
}

std::string fileContents(const std::string &path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(path);
  EXPECT_TRUE(bool(buffer)) << path;
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

std::string serialize(const NpyArray &array) {
  std::string out;
  raw_string_ostream os(out);
  writeNpy(os, array);
  os.flush();
  return out;
}

/// Writes a zip with arbitrary members straight through libzip, for archives
/// writeNpz would refuse to make.
void writeZip(const std::string &path,
              ArrayRef<std::pair<std::string, std::string>> members,
              bool compress) {
  int code = 0;
  zip_t *archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  ASSERT_NE(archive, nullptr) << code;
  for (const auto &[name, contents] : members) {
    zip_source_t *source =
        zip_source_buffer(archive, contents.data(), contents.size(), 0);
    ASSERT_NE(source, nullptr);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, 0);
    ASSERT_GE(index, 0) << zip_strerror(archive);
    zip_set_file_compression(archive, index,
                             compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  }
  ASSERT_EQ(zip_close(archive), 0) << zip_strerror(archive);
}

void expectNumpyPair(const std::vector<NamedArray> &arrays) {
  ASSERT_EQ(arrays.size(), 2u);
  // numpy.savez keeps keyword order: image, then ids.
  EXPECT_EQ(arrays[0].first, "image");
  EXPECT_EQ(arrays[1].first, "ids");
  const NpyArray &image = arrays[0].second;
  EXPECT_EQ(image.getDType(), DType::F32);
  EXPECT_THAT(image.getShape(), ElementsAre(2, 4));
  EXPECT_THAT(image.toFloat32(),
              ElementsAre(0.0f, 0.25f, 0.5f, 0.75f, 1.0f, 1.25f, 1.5f, 1.75f));
  const NpyArray &ids = arrays[1].second;
  EXPECT_EQ(ids.getDType(), DType::I32);
  EXPECT_THAT(ids.getShape(), ElementsAre(2, 3));
  EXPECT_THAT(ids.getValues<int32_t>(), ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(Npz, ReadsNumpySavez) {
  QNT_ASSERT_VALUE(arrays, readNpz(inputPath("two_arrays.npz")));
  expectNumpyPair(arrays);
}

TEST(Npz, ReadsNumpySavezCompressed) {
  QNT_ASSERT_VALUE(arrays, readNpz(inputPath("two_arrays_deflated.npz")));
  expectNumpyPair(arrays);
}

TEST(Npz, RoundTripStoredAndDeflated) {
  TempDir dir;
  QNT_ASSERT_VALUE(a, NpyArray::fromFloat32({2, 2}, {1, 2, 3, 4}));
  QNT_ASSERT_VALUE(b, NpyArray::fromFloat32({3}, {-1, 0, 1}, DType::I8));
  std::vector<NamedArray> arrays = {{"input_a", a}, {"serving/b:0", b}};
  for (bool compress : {false, true}) {
    std::string path = dir.file(compress ? "deflated.npz" : "stored.npz");
    QNT_ASSERT_NO_ERROR(writeNpz(path, arrays, compress));
    QNT_ASSERT_VALUE(back, readNpz(path));
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].first, "input_a");
    EXPECT_EQ(back[1].first, "serving/b:0");
    EXPECT_TRUE(back[0].second == a);
    EXPECT_TRUE(back[1].second == b);
  }
  // Repetitive data must actually shrink when deflated.
  QNT_ASSERT_VALUE(zeros, NpyArray::zeros(DType::F32, {4096}));
  std::string stored = dir.file("zeros-stored.npz");
  std::string deflated = dir.file("zeros-deflated.npz");
  QNT_ASSERT_NO_ERROR(writeNpz(stored, {{"z", zeros}}, false));
  QNT_ASSERT_NO_ERROR(writeNpz(deflated, {{"z", zeros}}, true));
  EXPECT_GT(fileContents(stored).size(), 16384u);
  EXPECT_LT(fileContents(deflated).size(), 2048u);
}

TEST(Npz, WriteReplacesAnExistingFile) {
  TempDir dir;
  std::string path = dir.file("out.npz");
  writeFile(path, "an old file that is not a zip");
  QNT_ASSERT_VALUE(a, NpyArray::fromFloat32({2}, {1, 2}));
  QNT_ASSERT_NO_ERROR(writeNpz(path, {{"a", a}}));
  QNT_ASSERT_VALUE(b, NpyArray::fromFloat32({1}, {3}));
  QNT_ASSERT_NO_ERROR(writeNpz(path, {{"b", b}}, true));
  QNT_ASSERT_VALUE(back, readNpz(path));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].first, "b");
  EXPECT_TRUE(back[0].second == b);
}

TEST(Npz, WriteRejectsBadNames) {
  TempDir dir;
  QNT_ASSERT_VALUE(a, NpyArray::fromFloat32({1}, {1}));
  EXPECT_THAT(errorOf(writeNpz(dir.file("x.npz"), {{"a", a}, {"a", a}})),
              HasSubstr("array 'a' appears twice"));
  EXPECT_THAT(errorOf(writeNpz(dir.file("x.npz"), {{"", a}})),
              HasSubstr("empty name"));
  EXPECT_THAT(errorOf(writeNpz(dir.file("x.npz"), {})), HasSubstr("no arrays"));
  std::string unwritable = dir.file("no-such-dir/x.npz");
  EXPECT_THAT(errorOf(writeNpz(unwritable, {{"a", a}})), HasSubstr(unwritable));
}

TEST(Npz, NonNpyMemberIsAnError) {
  TempDir dir;
  std::string path = dir.file("mixed.npz");
  QNT_ASSERT_VALUE(a, NpyArray::fromFloat32({1}, {1}));
  writeZip(path, {{"a.npy", serialize(a)}, {"notes.txt", "hello"}}, false);
  std::string message = errorOf(readNpz(path));
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_THAT(message, HasSubstr("member 'notes.txt' is not a .npy file"));
}

TEST(Npz, BadMemberNamesFileAndArray) {
  TempDir dir;
  QNT_ASSERT_VALUE(a, NpyArray::fromFloat32({4}, {1, 2, 3, 4}));
  std::string bytes = serialize(a);
  for (bool compress : {false, true}) {
    std::string path = dir.file(compress ? "bad-deflated.npz" : "bad.npz");
    writeZip(
        path,
        {{"good.npy", bytes}, {"cut.npy", bytes.substr(0, bytes.size() - 5)}},
        compress);
    std::string message = errorOf(readNpz(path));
    EXPECT_THAT(message, HasSubstr(path));
    EXPECT_THAT(message, HasSubstr("array 'cut'"));
    EXPECT_THAT(message, HasSubstr("data is truncated"));
  }
}

TEST(Npz, DuplicateMembersAreAnError) {
  TempDir dir;
  std::string path = dir.file("dup.npz");
  QNT_ASSERT_VALUE(a, NpyArray::fromFloat32({1}, {1}));
  // libzip will not add two members of one name, so write "b.npy" and
  // rename it to "a.npy" in its local and central headers.
  writeZip(path, {{"a.npy", serialize(a)}, {"b.npy", serialize(a)}}, false);
  std::string contents = fileContents(path);
  size_t at = 0;
  while ((at = contents.find("b.npy", at)) != std::string::npos)
    contents[at] = 'a';
  writeFile(path, contents);
  std::string message = errorOf(readNpz(path));
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_THAT(message, HasSubstr("two members have the same name"));
}

TEST(Npz, NotAZipOrMissing) {
  TempDir dir;
  std::string text = dir.file("text.npz");
  writeFile(text, "this is not a zip archive at all, just text");
  std::string message = errorOf(readNpz(text));
  EXPECT_THAT(message, HasSubstr(text));
  EXPECT_THAT(message, HasSubstr("Not a zip archive"));

  std::string missing = dir.file("missing.npz");
  EXPECT_THAT(errorOf(readNpz(missing)), HasSubstr(missing));
}

// Cutting or corrupting a real archive gives an error, never a crash.
TEST(Npz, DamagedArchivesAreErrors) {
  TempDir dir;
  std::string original = fileContents(inputPath("two_arrays_deflated.npz"));
  std::string path = dir.file("damaged.npz");
  for (size_t length :
       {size_t(0), size_t(10), original.size() / 2, original.size() - 1}) {
    writeFile(path, StringRef(original).take_front(length));
    EXPECT_THAT(errorOf(readNpz(path)), HasSubstr(path)) << length;
  }
  // Flip a byte inside the first member's compressed data, which follows the
  // 30-byte local header, the name and the extra field (numpy adds zip64).
  std::string corrupt = original;
  ASSERT_GT(corrupt.size(), 30u);
  size_t nameLength = uint8_t(corrupt[26]) | uint8_t(corrupt[27]) << 8;
  size_t extraLength = uint8_t(corrupt[28]) | uint8_t(corrupt[29]) << 8;
  size_t inStream = 30 + nameLength + extraLength + 10;
  ASSERT_LT(inStream, corrupt.size());
  corrupt[inStream] = char(corrupt[inStream] ^ 0x55);
  writeFile(path, corrupt);
  std::string message = errorOf(readNpz(path));
  EXPECT_THAT(message, HasSubstr("array 'image'"));
}

// A stored member whose bytes no longer match its CRC: the .npy inside still
// parses, so only the checksum can catch it.
TEST(Npz, StoredMemberCrcMismatchIsAnError) {
  TempDir dir;
  std::string contents = fileContents(inputPath("two_arrays.npz"));
  ASSERT_GT(contents.size(), 30u);
  size_t nameLength = uint8_t(contents[26]) | uint8_t(contents[27]) << 8;
  size_t extraLength = uint8_t(contents[28]) | uint8_t(contents[29]) << 8;
  // numpy's .npy header is 128 bytes; land in the first float.
  size_t inData = 30 + nameLength + extraLength + 128 + 1;
  ASSERT_LT(inData, contents.size());
  contents[inData] = char(contents[inData] ^ 0x55);
  std::string path = dir.file("crc.npz");
  writeFile(path, contents);
  std::string message = errorOf(readNpz(path));
  EXPECT_THAT(message, HasSubstr("array 'image'"));
  EXPECT_THAT(message, HasSubstr("CRC"));
}

} // namespace
