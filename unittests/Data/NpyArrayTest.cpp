//===- NpyArrayTest.cpp - Tests for .npy reading and writing --------------===//

#include "qnt/Data/NpyArray.h"

#include "DataTestUtils.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

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

/// A .npy image with the given version, header text and data, the header
/// length field filled in but no padding added.
std::string makeNpy(unsigned major, StringRef header, StringRef data,
                    unsigned minor = 0) {
  std::string out = "\x93NUMPY";
  out += char(major);
  out += char(minor);
  uint32_t length = header.size();
  out += char(length & 0xff);
  out += char((length >> 8) & 0xff);
  if (major >= 2) {
    out += char((length >> 16) & 0xff);
    out += char((length >> 24) & 0xff);
  }
  return out + header.str() + data.str();
}

Expected<NpyArray> parse(StringRef bytes) {
  return readNpyFromMemory(
      ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(bytes.data()),
                        bytes.size()),
      "test.npy");
}

std::string serialize(const NpyArray &array) {
  std::string out;
  raw_string_ostream os(out);
  writeNpy(os, array);
  os.flush();
  return out;
}

template <typename T> std::vector<T> valuesOf(const NpyArray &array) {
  ArrayRef<T> values = array.getValues<T>();
  return std::vector<T>(values.begin(), values.end());
}

//===----------------------------------------------------------------------===//
// Files written by numpy (Inputs/make_inputs.py)
//===----------------------------------------------------------------------===//

TEST(NpyNumpyFixtures, Version1Float32) {
  QNT_ASSERT_VALUE(array, readNpy(inputPath("v1_f32.npy")));
  EXPECT_EQ(array.getDType(), DType::F32);
  EXPECT_THAT(array.getShape(), ElementsAre(2, 3));
  EXPECT_THAT(valuesOf<float>(array),
              ElementsAre(-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.5f));
}

TEST(NpyNumpyFixtures, Version2Int16) {
  QNT_ASSERT_VALUE(array, readNpy(inputPath("v2_i16.npy")));
  EXPECT_EQ(array.getDType(), DType::I16);
  EXPECT_THAT(array.getShape(), ElementsAre(2, 3));
  EXPECT_THAT(valuesOf<int16_t>(array),
              ElementsAre(-32768, 32767, 0, 1, -1, 12345));
}

TEST(NpyNumpyFixtures, Version3Float64) {
  QNT_ASSERT_VALUE(array, readNpy(inputPath("v3_f64.npy")));
  EXPECT_EQ(array.getDType(), DType::F64);
  EXPECT_THAT(array.getShape(), ElementsAre(3));
  EXPECT_THAT(valuesOf<double>(array), ElementsAre(1e300, -2.5, 0.1));
}

TEST(NpyNumpyFixtures, Float16) {
  QNT_ASSERT_VALUE(array, readNpy(inputPath("f16.npy")));
  EXPECT_EQ(array.getDType(), DType::F16);
  // 1, -2, the largest half, 0.1 rounded to half, the smallest subnormal.
  EXPECT_THAT(valuesOf<uint16_t>(array),
              ElementsAre(0x3c00, 0xc000, 0x7bff, 0x2e66, 0x0001));
  EXPECT_THAT(array.toFloat32(),
              ElementsAre(1.0f, -2.0f, 65504.0f, 0.0999755859375f,
                          5.9604644775390625e-08f));
}

TEST(NpyNumpyFixtures, SmallIntegersBoolAndScalar) {
  QNT_ASSERT_VALUE(u8, readNpy(inputPath("u8.npy")));
  EXPECT_EQ(u8.getDType(), DType::U8);
  EXPECT_THAT(u8.getShape(), ElementsAre(2, 2));
  EXPECT_THAT(valuesOf<uint8_t>(u8), ElementsAre(0, 1, 128, 255));

  QNT_ASSERT_VALUE(i8, readNpy(inputPath("i8.npy")));
  EXPECT_EQ(i8.getDType(), DType::I8);
  EXPECT_THAT(valuesOf<int8_t>(i8), ElementsAre(-128, -1, 0, 127));
  EXPECT_THAT(i8.toFloat32(), ElementsAre(-128.0f, -1.0f, 0.0f, 127.0f));

  QNT_ASSERT_VALUE(scalar, readNpy(inputPath("i64_scalar.npy")));
  EXPECT_EQ(scalar.getDType(), DType::I64);
  EXPECT_EQ(scalar.getRank(), 0);
  EXPECT_EQ(scalar.getNumElements(), 1);
  EXPECT_THAT(valuesOf<int64_t>(scalar), ElementsAre(-1234567890123));

  QNT_ASSERT_VALUE(flags, readNpy(inputPath("bool.npy")));
  EXPECT_EQ(flags.getDType(), DType::Bool);
  EXPECT_THAT(valuesOf<bool>(flags), ElementsAre(true, false, true));
}

TEST(NpyNumpyFixtures, BigEndianIsSwappedOnLoad) {
  QNT_ASSERT_VALUE(ints, readNpy(inputPath("bigendian_i32.npy")));
  EXPECT_EQ(ints.getDType(), DType::I32);
  EXPECT_THAT(valuesOf<int32_t>(ints), ElementsAre(1, -2, 0x01020304));
  QNT_ASSERT_VALUE(floats, readNpy(inputPath("bigendian_f32.npy")));
  EXPECT_THAT(valuesOf<float>(floats), ElementsAre(1.5f, -0.25f));
}

TEST(NpyNumpyFixtures, FortranOrderIsRejected) {
  std::string path = inputPath("fortran_f32.npy");
  std::string message = errorOf(readNpy(path));
  EXPECT_THAT(message, HasSubstr("Fortran-order"));
  EXPECT_THAT(message, HasSubstr(path));
}

// numpy's writer is the reference for ours: same header text, same padding.
TEST(NpyNumpyFixtures, WriterMatchesNumpyByteForByte) {
  for (StringRef name : {"v1_f32.npy", "f16.npy", "u8.npy", "i8.npy",
                         "i64_scalar.npy", "bool.npy"}) {
    std::string path = inputPath(name);
    QNT_ASSERT_VALUE(array, readNpy(path));
    EXPECT_EQ(serialize(array), fileContents(path)) << name.str();
  }
}

//===----------------------------------------------------------------------===//
// Round trips through files
//===----------------------------------------------------------------------===//

TEST(NpyRoundTrip, EachDType) {
  TempDir dir;
  std::vector<float> values = {-3.0f, -1.0f, 0.0f, 1.0f, 2.0f, 7.0f};
  for (DType dtype : {DType::F16, DType::F32, DType::F64, DType::I8, DType::U8,
                      DType::I16, DType::I32, DType::I64, DType::Bool}) {
    SCOPED_TRACE(getDTypeName(dtype).str());
    QNT_ASSERT_VALUE(array, NpyArray::fromFloat32({3, 2}, values, dtype));
    // Distinct bytes in every element position of the wide types.
    if (dtype == DType::I64 || dtype == DType::F64) {
      MutableArrayRef<uint8_t> bytes = array.getMutableBytes();
      for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = uint8_t(i * 37 + 1);
    }
    std::string path = dir.file(getDTypeName(dtype) + ".npy");
    QNT_ASSERT_NO_ERROR(writeNpy(path, array));
    QNT_ASSERT_VALUE(back, readNpy(path));
    EXPECT_EQ(back.getDType(), dtype);
    EXPECT_THAT(back.getShape(), ElementsAre(3, 2));
    EXPECT_TRUE(back == array);
    // The data starts on a 64-byte boundary.
    std::string contents = fileContents(path);
    EXPECT_EQ((contents.size() - array.getBytes().size()) % 64, 0u);
  }
}

TEST(NpyRoundTrip, ScalarAndEmptyShapes) {
  TempDir dir;
  QNT_ASSERT_VALUE(scalar, NpyArray::fromFloat32({}, {4.5f}));
  QNT_ASSERT_NO_ERROR(writeNpy(dir.file("scalar.npy"), scalar));
  QNT_ASSERT_VALUE(scalarBack, readNpy(dir.file("scalar.npy")));
  EXPECT_TRUE(scalarBack == scalar);
  EXPECT_THAT(scalarBack.toFloat32(), ElementsAre(4.5f));

  QNT_ASSERT_VALUE(empty, NpyArray::zeros(DType::I32, {0, 5}));
  QNT_ASSERT_NO_ERROR(writeNpy(dir.file("empty.npy"), empty));
  QNT_ASSERT_VALUE(emptyBack, readNpy(dir.file("empty.npy")));
  EXPECT_THAT(emptyBack.getShape(), ElementsAre(0, 5));
  EXPECT_EQ(emptyBack.getNumElements(), 0);
}

TEST(NpyRoundTrip, LongHeaderUsesVersion2) {
  // 30000 unit extents ("1, " each) outgrow version 1's 64 KiB header.
  SmallVector<int64_t> shape(30000, 1);
  shape.back() = 2;
  QNT_ASSERT_VALUE(array, NpyArray::fromFloat32(shape, {1.0f, 2.0f}));
  std::string bytes = serialize(array);
  EXPECT_EQ(bytes[6], 2);
  QNT_ASSERT_VALUE(back, parse(bytes));
  EXPECT_TRUE(back == array);
}

TEST(NpyRoundTrip, OverwritesAtomicallyWithoutLeftovers) {
  TempDir dir;
  std::string path = dir.file("data.npy");
  QNT_ASSERT_VALUE(first, NpyArray::fromFloat32({2}, {1.0f, 2.0f}));
  QNT_ASSERT_VALUE(second, NpyArray::fromFloat32({3}, {3.0f, 4.0f, 5.0f}));
  QNT_ASSERT_NO_ERROR(writeNpy(path, first));
  QNT_ASSERT_NO_ERROR(writeNpy(path, second));
  QNT_ASSERT_VALUE(back, readNpy(path));
  EXPECT_TRUE(back == second);
  std::error_code ec;
  int entries = 0;
  for (sys::fs::directory_iterator it(dir.getPath(), ec), end; it != end && !ec;
       it.increment(ec))
    ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(NpyRoundTrip, WriteErrorNamesThePath) {
  TempDir dir;
  std::string path = dir.file("missing-dir/out.npy");
  QNT_ASSERT_VALUE(array, NpyArray::fromFloat32({1}, {1.0f}));
  EXPECT_THAT(errorOf(writeNpy(path, array)), HasSubstr(path));
}

TEST(NpyRoundTrip, ReadErrorsNameThePath) {
  TempDir dir;
  std::string missing = dir.file("nope.npy");
  std::string message = errorOf(readNpy(missing));
  EXPECT_THAT(message, HasSubstr(missing));
  EXPECT_THAT(errorOf(readNpy(dir.getPath())), HasSubstr(dir.getPath().str()));

  std::string truncated = dir.file("truncated.npy");
  QNT_ASSERT_VALUE(array, NpyArray::fromFloat32({4}, {1, 2, 3, 4}));
  std::string bytes = serialize(array);
  writeFile(truncated, StringRef(bytes).drop_back(3));
  message = errorOf(readNpy(truncated));
  EXPECT_THAT(message, HasSubstr(truncated));
  EXPECT_THAT(message, HasSubstr("truncated"));
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

TEST(NpyHeader, AllVersionsParse) {
  std::string data(8, '\0');
  data[0] = 1;
  data[4] = 2;
  for (unsigned major : {1u, 2u, 3u}) {
    QNT_ASSERT_VALUE(array,
                     parse(makeNpy(major,
                                   "{'descr': '<i4', 'fortran_order': False, "
                                   "'shape': (2,), }\n",
                                   data)));
    EXPECT_THAT(valuesOf<int32_t>(array), ElementsAre(1, 2)) << major;
  }
}

TEST(NpyHeader, AcceptsPythonLiteralVariants) {
  std::string data(4, '\0');
  for (StringRef header :
       {"{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1,)}",
        "{'shape': (1, ), 'fortran_order': False, 'descr': '<f4'}",
        "{ 'descr' : '<f4' , 'fortran_order' : False , 'shape' : ( 1 , ) , }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1L,)}",
        "{'descr': '<f4', 'fortran_order': True, 'shape': (1,)}\n"}) {
    QNT_ASSERT_VALUE(array, parse(makeNpy(1, header, data)));
    EXPECT_THAT(array.getShape(), ElementsAre(1)) << header.str();
  }
  // Fortran order of an array with one non-unit extent is also C order.
  QNT_ASSERT_VALUE(column,
                   parse(makeNpy(1,
                                 "{'descr': '<f4', 'fortran_order': True, "
                                 "'shape': (1, 2, 1)}",
                                 std::string(8, '\0'))));
  EXPECT_THAT(column.getShape(), ElementsAre(1, 2, 1));
}

struct MalformedCase {
  const char *header;
  const char *message;
};

TEST(NpyHeader, MalformedHeadersAreErrors) {
  const MalformedCase cases[] = {
      {"", "expected '{'"},
      {"{'descr': '<f4', 'fortran_order': False}", "missing key 'shape'"},
      {"{'fortran_order': False, 'shape': (2,)}", "missing key 'descr'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}",
       "unexpected key 'x'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
       "'shape': (2,)}",
       "duplicate key 'descr'"},
      {"{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}",
       "expected True or False"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2)}",
       "shape is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}",
       "negative dimension"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3,}",
       "expected a dimension"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2**3)}",
       "expected ')'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)",
       "expected '}'"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}",
       "expected '}'"},
      {"{'descr", "unterminated string"},
      {"{descr: '<f4'}", "expected a string"},
      {"{'descr': 4, 'fortran_order': False, 'shape': (2,)}",
       "expected a string"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } junk",
       "unexpected text after the dict"},
      {"{'descr': '<u4', 'fortran_order': False, 'shape': (2,)}",
       "unsupported dtype descr '<u4'"},
      {"{'descr': '<c8', 'fortran_order': False, 'shape': (2,)}",
       "unsupported dtype descr '<c8'"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}",
       "structured dtypes"},
      {"{'descr': '|f4', 'fortran_order': False, 'shape': (2,)}",
       "no explicit byte order"},
      {"{'descr': '<f4', 'fortran_order': False, "
       "'shape': (99999999999999999999,)}",
       "is too large"},
      {"{'descr': '<f4', 'fortran_order': False, "
       "'shape': (4294967296, 4294967296)}",
       "too many elements"},
      {"{'descr': '<f4', 'fortran_order': False, "
       "'shape': (3037000500, 3037000500)}",
       "too many elements"},
      {"{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3)}",
       "Fortran-order"},
  };
  for (const MalformedCase &c : cases) {
    std::string message = errorOf(parse(makeNpy(1, c.header, "")));
    EXPECT_THAT(message, HasSubstr(c.message)) << c.header;
    EXPECT_THAT(message, HasSubstr("test.npy")) << c.header;
  }
}

TEST(NpyHeader, BadPreambles) {
  EXPECT_THAT(errorOf(parse("")), HasSubstr("bad magic"));
  EXPECT_THAT(errorOf(parse("\x93NUMPZ\x01\x00\x00\x00")),
              HasSubstr("bad magic"));
  EXPECT_THAT(errorOf(parse(StringRef("\x93NUMPY\x01\x00", 8))),
              HasSubstr("truncated .npy preamble"));
  EXPECT_THAT(errorOf(parse(StringRef("\x93NUMPY\x02\x00\x00\x00", 10))),
              HasSubstr("truncated .npy preamble"));
  std::string header = "{'descr': '<f4', 'fortran_order': False, "
                       "'shape': (1,)}";
  EXPECT_THAT(errorOf(parse(makeNpy(4, header, "abcd"))),
              HasSubstr("unsupported .npy format version 4.0"));
  EXPECT_THAT(errorOf(parse(makeNpy(1, header, "abcd", 1))),
              HasSubstr("unsupported .npy format version 1.1"));
  EXPECT_THAT(errorOf(parse(makeNpy(0, header, "abcd"))),
              HasSubstr("version 0.0"));
  // A header length past the end of the buffer.
  std::string lying = makeNpy(2, header, "abcd");
  lying[8] = char(0xff);
  lying[9] = char(0xff);
  EXPECT_THAT(errorOf(parse(lying)), HasSubstr("runs past the end"));
}

TEST(NpyHeader, DataLengthMustMatchShape) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, "
                       "'shape': (2, 2)}";
  std::string message = errorOf(parse(makeNpy(1, header, std::string(12, 0))));
  EXPECT_THAT(message, HasSubstr("data is truncated"));
  EXPECT_THAT(message, HasSubstr("needs 16 bytes but 12 follow"));
  EXPECT_THAT(errorOf(parse(makeNpy(1, header, std::string(20, 0)))),
              HasSubstr("4 unexpected bytes"));
}

TEST(NpyHeader, BoolBytesMustBeZeroOrOne) {
  std::string header = "{'descr': '|b1', 'fortran_order': False, "
                       "'shape': (3,)}";
  EXPECT_THAT(errorOf(parse(makeNpy(1, header, StringRef("\x01\x02\x00", 3)))),
              HasSubstr("bool element 1 has byte value 2"));
}

// Cutting a valid file anywhere must give an error, never a bad read (the
// sanitizer build checks the latter).
TEST(NpyHeader, EveryTruncationIsAnError) {
  QNT_ASSERT_VALUE(array, NpyArray::fromFloat32({2, 3}, {1, 2, 3, 4, 5, 6}));
  std::string bytes = serialize(array);
  for (size_t length = 0; length < bytes.size(); ++length)
    EXPECT_FALSE(static_cast<bool>(
        errorOf(parse(StringRef(bytes).take_front(length))).empty()))
        << length;
}

// Random header corruption either parses or fails cleanly.
TEST(NpyHeader, CorruptedHeadersDoNotCrash) {
  QNT_ASSERT_VALUE(array, NpyArray::fromFloat32({2, 3}, {1, 2, 3, 4, 5, 6}));
  std::string bytes = serialize(array);
  std::mt19937 rng(1234);
  size_t headerEnd = bytes.size() - array.getBytes().size();
  // Header syntax characters reach deeper into the parser than random bytes.
  StringRef alphabet = "0123456789 ,()'\"{}:-L\n\xff";
  int parsed = 0, failed = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string mutated = bytes;
    size_t at = rng() % headerEnd;
    mutated[at] = i % 2 ? char(rng()) : alphabet[rng() % alphabet.size()];
    Expected<NpyArray> result = parse(mutated);
    if (result) {
      ++parsed;
      EXPECT_EQ(size_t(result->getNumElements()) *
                    getDTypeSize(result->getDType()),
                result->getBytes().size());
    } else {
      ++failed;
      consumeError(result.takeError());
    }
  }
  // Mutations of the padding into whitespace still parse; most others fail.
  EXPECT_GT(parsed, 0);
  EXPECT_GT(failed, 0);
}

//===----------------------------------------------------------------------===//
// Element conversion
//===----------------------------------------------------------------------===//

TEST(NpyConvert, HalfToFloatMatchesAPFloatExhaustively) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    APFloat reference(APFloat::IEEEhalf(), APInt(16, bits));
    bool losesInfo;
    reference.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                      &losesInfo);
    float expected = reference.convertToFloat();
    float actual = halfToFloat(uint16_t(bits));
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(actual)) << bits;
      continue;
    }
    uint32_t expectedBits, actualBits;
    std::memcpy(&expectedBits, &expected, 4);
    std::memcpy(&actualBits, &actual, 4);
    EXPECT_EQ(actualBits, expectedBits) << "half bits " << bits;
  }
}

uint16_t referenceFloatToHalf(float value) {
  APFloat reference(value);
  bool losesInfo;
  reference.convert(APFloat::IEEEhalf(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
  return uint16_t(reference.bitcastToAPInt().getZExtValue());
}

void checkFloatToHalf(float value) {
  uint16_t actual = floatToHalf(value);
  if (std::isnan(value)) {
    EXPECT_TRUE(std::isnan(halfToFloat(actual)));
    return;
  }
  EXPECT_EQ(actual, referenceFloatToHalf(value))
      << "value " << value << " (" << std::hexfloat << value << ")";
}

TEST(NpyConvert, FloatToHalfMatchesAPFloat) {
  // A sweep over all binary32 encodings.
  for (uint64_t bits = 0; bits <= 0xffffffffu; bits += 65521) {
    uint32_t raw = uint32_t(bits);
    float value;
    std::memcpy(&value, &raw, 4);
    checkFloatToHalf(value);
  }
  // Every half, the midpoints to its neighbour (ties) and a float either side.
  for (uint32_t bits = 0; bits < 0x7c00; ++bits) {
    for (float sign : {1.0f, -1.0f}) {
      float low = halfToFloat(uint16_t(bits));
      float high = halfToFloat(uint16_t(bits + 1));
      float mid = (low + high) / 2; // Exact: a half has 11 significant bits.
      checkFloatToHalf(sign * low);
      checkFloatToHalf(sign * mid);
      checkFloatToHalf(sign * std::nextafter(mid, 0.0f));
      checkFloatToHalf(sign * std::nextafter(mid, INFINITY));
    }
  }
  checkFloatToHalf(INFINITY);
  checkFloatToHalf(-INFINITY);
  checkFloatToHalf(NAN);
  checkFloatToHalf(FLT_MAX);
  checkFloatToHalf(FLT_MIN);
  checkFloatToHalf(std::numeric_limits<float>::denorm_min());
}

TEST(NpyConvert, FromFloatRoundsToEvenAndSaturates) {
  std::vector<float> values = {-1.5f,  -0.5f, 0.5f,   1.5f, 2.5f,   126.5f,
                               127.5f, 300.f, -300.f, NAN,  -128.5f};
  QNT_ASSERT_VALUE(i8, NpyArray::fromFloat32({11}, values, DType::I8));
  EXPECT_THAT(valuesOf<int8_t>(i8),
              ElementsAre(-2, 0, 0, 2, 2, 126, 127, 127, -128, 0, -128));

  QNT_ASSERT_VALUE(u8, NpyArray::fromFloat32(
                           {4}, {-1.0f, 254.5f, 255.5f, 253.5f}, DType::U8));
  EXPECT_THAT(valuesOf<uint8_t>(u8), ElementsAre(0, 254, 255, 254));

  QNT_ASSERT_VALUE(
      i64, NpyArray::fromFloat32({3}, {1e30f, -1e30f, 2.5f}, DType::I64));
  EXPECT_THAT(valuesOf<int64_t>(i64), ElementsAre(INT64_MAX, INT64_MIN, 2));

  QNT_ASSERT_VALUE(
      flags, NpyArray::fromFloat32({4}, {0.0f, -0.0f, 0.1f, NAN}, DType::Bool));
  EXPECT_THAT(valuesOf<bool>(flags), ElementsAre(false, false, true, true));

  // 65519 is below the midpoint to infinity (65520), which rounds up.
  QNT_ASSERT_VALUE(
      f16, NpyArray::fromFloat32({2}, {65519.0f, 65520.0f}, DType::F16));
  EXPECT_THAT(valuesOf<uint16_t>(f16), ElementsAre(0x7bff, 0x7c00));

  EXPECT_THAT(errorOf(NpyArray::fromFloat32({2, 2}, {1.0f})),
              HasSubstr("1 values given for shape [2, 2] with 4 elements"));
}

template <typename T> std::vector<uint8_t> bytesOf(ArrayRef<T> values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

float referenceNarrow(double value) {
  APFloat reference(value);
  bool losesInfo;
  reference.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
  return reference.convertToFloat();
}

TEST(NpyConvert, IntegersSaturateAndStayExact) {
  QNT_ASSERT_VALUE(
      wide, NpyArray::create(DType::I64, {4},
                             bytesOf<int64_t>({INT64_MAX, -5, 3000000000,
                                               (int64_t(1) << 53) + 1})));
  EXPECT_THAT(valuesOf<int32_t>(wide.convertTo(DType::I32)),
              ElementsAre(INT32_MAX, -5, INT32_MAX, INT32_MAX));
  EXPECT_THAT(valuesOf<uint8_t>(wide.convertTo(DType::U8)),
              ElementsAre(255, 0, 255, 255));
  EXPECT_THAT(valuesOf<int64_t>(wide.convertTo(DType::I64)),
              ElementsAre(INT64_MAX, -5, 3000000000, (int64_t(1) << 53) + 1));
  EXPECT_THAT(valuesOf<bool>(wide.convertTo(DType::Bool)),
              ElementsAre(true, true, true, true));
  // int64 -> float rounds once: 2^53 + 1 becomes 2^53.
  EXPECT_THAT(wide.toFloat32(), ElementsAre(9223372036854775808.0f, -5.0f, 3e9f,
                                            9007199254740992.0f));
  EXPECT_THAT(
      valuesOf<double>(wide.convertTo(DType::F64)),
      ElementsAre(9223372036854775808.0, -5.0, 3e9, 9007199254740992.0));

  QNT_ASSERT_VALUE(
      mid, NpyArray::create(DType::I64, {2}, bytesOf<int64_t>({70000, 2049})));
  // 70000 overflows half; 2049 is a tie between 2048 and 2050.
  EXPECT_THAT(valuesOf<uint16_t>(mid.convertTo(DType::F16)),
              ElementsAre(0x7c00, 0x6800));
}

TEST(NpyConvert, DoublesNarrowLikeIEEE) {
  double justBelowTie = double(FLT_MAX) + std::ldexp(1.0, 102);
  double tie = double(FLT_MAX) + std::ldexp(1.0, 103);
  std::vector<double> values = {1e300, -1e300, justBelowTie, tie,
                                -tie,  0.1,    1e-50,        -2.5};
  QNT_ASSERT_VALUE(array,
                   NpyArray::create(DType::F64, {8}, bytesOf<double>(values)));
  std::vector<float> narrowed = array.toFloat32();
  ASSERT_EQ(narrowed.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(narrowed[i], referenceNarrow(values[i])) << values[i];
  EXPECT_EQ(narrowed[2], FLT_MAX);
  EXPECT_EQ(narrowed[3], INFINITY);
  EXPECT_THAT(valuesOf<float>(array.convertTo(DType::F32)),
              ::testing::ContainerEq(narrowed));
  // f64 -> f16 rounds once (0.1 -> 0x2e66, as numpy wrote in f16.npy).
  QNT_ASSERT_VALUE(tenth,
                   NpyArray::create(DType::F64, {1}, bytesOf<double>({0.1})));
  EXPECT_THAT(valuesOf<uint16_t>(tenth.convertTo(DType::F16)),
              ElementsAre(0x2e66));
  EXPECT_THAT(valuesOf<int8_t>(array.convertTo(DType::I8)),
              ElementsAre(127, -128, 127, 127, -128, 0, 0, -2));
}

TEST(NpyArrayBasics, CreateValidatesSizes) {
  EXPECT_THAT(
      errorOf(NpyArray::create(DType::F32, {2, 2}, std::vector<uint8_t>(15))),
      HasSubstr("needs 16 bytes, got 15"));
  EXPECT_THAT(errorOf(NpyArray::create(DType::F32, {-1, 2}, {})),
              HasSubstr("invalid array shape"));
  EXPECT_THAT(errorOf(NpyArray::zeros(DType::F64, {INT64_MAX / 4, 2})),
              HasSubstr("invalid array shape"));
  EXPECT_THAT(errorOf(NpyArray::create(DType::Bool, {2}, {1, 7})),
              HasSubstr("bool element 1 has byte value 7"));
  EXPECT_EQ(getNumElements({3, 0, 5}), 0);
  EXPECT_EQ(getNumElements({}), 1);
  EXPECT_EQ(getNumElements({int64_t(1) << 32, int64_t(1) << 31}), std::nullopt);
}

TEST(NpyArrayBasics, Reshape) {
  QNT_ASSERT_VALUE(array, NpyArray::fromFloat32({2, 3}, {1, 2, 3, 4, 5, 6}));
  QNT_ASSERT_VALUE(reshaped, array.reshape({3, 1, 2}));
  EXPECT_THAT(reshaped.getShape(), ElementsAre(3, 1, 2));
  EXPECT_EQ(reshaped.getBytes(), array.getBytes());
  EXPECT_THAT(errorOf(array.reshape({4})),
              HasSubstr("cannot reshape an array of shape [2, 3] to [4]"));
}

TEST(NpyArrayBasics, DTypeNames) {
  for (DType dtype : {DType::F16, DType::F32, DType::F64, DType::I8, DType::U8,
                      DType::I16, DType::I32, DType::I64, DType::Bool}) {
    EXPECT_EQ(parseDTypeName(getDTypeName(dtype)), dtype);
    // The descr's digit is the element size.
    EXPECT_EQ(unsigned(getNpyDescr(dtype)[2] - '0'), getDTypeSize(dtype));
  }
  EXPECT_EQ(parseDTypeName("float32"), std::nullopt);
  EXPECT_EQ(formatShape({1, -1, 3}), "[1, ?, 3]");
}

} // namespace
