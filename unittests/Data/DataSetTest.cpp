//===- DataSetTest.cpp - Tests for representative data sets ---------------===//

#include "qnt/Data/DataSet.h"
#include "qnt/Data/Npz.h"

#include "DataTestUtils.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include <stb_image_write.h>

#include <cmath>
#include <cstring>
#include <numeric>

using namespace llvm;
using namespace qnt;
using namespace qnt::testing;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using ::testing::HasSubstr;

namespace {

std::string inputPath(StringRef name) {
  return (Twine(QNT_DATA_TEST_INPUTS) + "/" + name).str();
}

/// Values 0, 1, 2, ... of \p shape as \p dtype.
NpyArray iota(ArrayRef<int64_t> shape, DType dtype = DType::F32) {
  std::vector<float> values(*getNumElements(shape));
  std::iota(values.begin(), values.end(), 0.0f);
  return cantFail(NpyArray::fromFloat32(shape, values, dtype));
}

InputSpec input(StringRef name, ArrayRef<int64_t> shape,
                DType dtype = DType::F32) {
  return InputSpec{name.str(), SmallVector<int64_t, 4>(shape), dtype};
}

/// Writes \p array to \p name in \p dir and returns the path.
std::string saveNpy(const TempDir &dir, StringRef name, const NpyArray &array) {
  std::string path = dir.file(name);
  Error err = writeNpy(path, array);
  EXPECT_FALSE(static_cast<bool>(err)) << toString(std::move(err));
  return path;
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

TEST(DataSetNpy, SampleAxisInFrontOfTheBatchlessShape) {
  TempDir dir;
  std::string path = saveNpy(dir, "x.npy", iota({3, 2, 2}));
  QNT_ASSERT_VALUE(set, DataSet::open(path, {input("x", {1, 2, 2})}));
  EXPECT_EQ(set.getSource(), DataSet::Source::Npy);
  ASSERT_EQ(set.size(), 3u);
  QNT_ASSERT_VALUE(sample, set.getSample(1));
  ASSERT_EQ(sample.size(), 1u);
  EXPECT_THAT(sample[0].getShape(), ElementsAre(1, 2, 2));
  EXPECT_THAT(sample[0].toFloat32(), ElementsAre(4, 5, 6, 7));
}

TEST(DataSetNpy, SampleAxisInFrontOfTheFullShape) {
  TempDir dir;
  std::string path = saveNpy(dir, "x.npy", iota({3, 1, 2, 2}));
  QNT_ASSERT_VALUE(set, DataSet::open(path, {input("x", {1, 2, 2})}));
  ASSERT_EQ(set.size(), 3u);
  QNT_ASSERT_VALUE(sample, set.getSample(2));
  EXPECT_THAT(sample[0].getShape(), ElementsAre(1, 2, 2));
  EXPECT_THAT(sample[0].toFloat32(), ElementsAre(8, 9, 10, 11));
}

TEST(DataSetNpy, ArrayShapedLikeTheInputIsOneSample) {
  TempDir dir;
  std::string path = saveNpy(dir, "x.npy", iota({1, 2, 2}));
  QNT_ASSERT_VALUE(set, DataSet::open(path, {input("x", {1, 2, 2})}));
  EXPECT_EQ(set.size(), 1u);
  // An input without a batch axis: [2, 3] data is one sample, [4, 2, 3] four.
  std::string exact = saveNpy(dir, "exact.npy", iota({2, 3}));
  QNT_ASSERT_VALUE(one, DataSet::open(exact, {input("m", {2, 3})}));
  EXPECT_EQ(one.size(), 1u);
  QNT_ASSERT_VALUE(sample, one.getSample(0));
  EXPECT_THAT(sample[0].getShape(), ElementsAre(2, 3));
  std::string four = saveNpy(dir, "four.npy", iota({4, 2, 3}));
  QNT_ASSERT_VALUE(many, DataSet::open(four, {input("m", {2, 3})}));
  EXPECT_EQ(many.size(), 4u);
}

TEST(DataSetNpy, DynamicExtentsTakeTheDataShape) {
  TempDir dir;
  // A dynamic batch: five samples of batch 1.
  std::string rows = saveNpy(dir, "rows.npy", iota({5, 3}));
  QNT_ASSERT_VALUE(batch, DataSet::open(rows, {input("x", {-1, 3})}));
  ASSERT_EQ(batch.size(), 5u);
  QNT_ASSERT_VALUE(first, batch.getSample(4));
  EXPECT_THAT(first[0].getShape(), ElementsAre(1, 3));
  EXPECT_THAT(first[0].toFloat32(), ElementsAre(12, 13, 14));
  // A dynamic sequence length.
  std::string seq = saveNpy(dir, "seq.npy", iota({2, 7}));
  QNT_ASSERT_VALUE(sequence, DataSet::open(seq, {input("x", {1, -1})}));
  ASSERT_EQ(sequence.size(), 2u);
  QNT_ASSERT_VALUE(second, sequence.getSample(1));
  EXPECT_THAT(second[0].getShape(), ElementsAre(1, 7));
}

TEST(DataSetNpy, ShapeMismatchNamesInputAndShapes) {
  TempDir dir;
  std::string path = saveNpy(dir, "x.npy", iota({3, 2, 5}));
  std::string message =
      errorOf(DataSet::open(path, {input("pixels", {1, 2, 2})}));
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_THAT(message, HasSubstr("input 'pixels'"));
  EXPECT_THAT(message, HasSubstr("shape [3, 2, 5]"));
  EXPECT_THAT(message, HasSubstr("[N, 1, 2, 2] or [N, 2, 2]"));
}

TEST(DataSetNpy, NaNAndInfNameSampleAndInput) {
  TempDir dir;
  std::vector<float> values(12, 1.0f);
  values[2 * 4 + 3] = NAN; // Sample 2, element 3.
  std::string nanPath =
      saveNpy(dir, "nan.npy", cantFail(NpyArray::fromFloat32({3, 4}, values)));
  std::string message = errorOf(DataSet::open(nanPath, {input("x", {1, 4})}));
  EXPECT_THAT(message, HasSubstr("sample 2 of input 'x' (element 3) is a NaN"));
  EXPECT_THAT(message, HasSubstr(nanPath));

  values[2 * 4 + 3] = 1.0f;
  values[1 * 4 + 0] = -INFINITY;
  std::string infPath =
      saveNpy(dir, "inf.npy", cantFail(NpyArray::fromFloat32({3, 4}, values)));
  EXPECT_THAT(errorOf(DataSet::open(infPath, {input("x", {1, 4})})),
              HasSubstr("sample 1 of input 'x' (element 0) is infinite"));

  // f64 data beyond the f32 range overflows in conversion.
  std::vector<uint8_t> bytes(16);
  double big[2] = {1.0, 1e300};
  std::memcpy(bytes.data(), big, 16);
  std::string bigPath = saveNpy(
      dir, "big.npy", cantFail(NpyArray::create(DType::F64, {2, 1}, bytes)));
  EXPECT_THAT(errorOf(DataSet::open(bigPath, {input("x", {1, 1})})),
              HasSubstr("sample 1 of input 'x' (element 0) is infinite or "
                        "beyond the f32 range"));
}

TEST(DataSetNpy, ElementTypes) {
  TempDir dir;
  // f64 and u8 data feed a float input as f32.
  std::string f64 = saveNpy(dir, "f64.npy", iota({2, 2}, DType::F64));
  QNT_ASSERT_VALUE(fromF64, DataSet::open(f64, {input("x", {1, 2})}));
  QNT_ASSERT_VALUE(sample, fromF64.getSample(1));
  EXPECT_EQ(sample[0].getDType(), DType::F32);
  EXPECT_THAT(sample[0].getValues<float>(), ElementsAre(2, 3));
  std::string u8 = saveNpy(dir, "u8.npy", iota({2, 2}, DType::U8));
  QNT_ASSERT_VALUE(fromU8, DataSet::open(u8, {input("x", {1, 2}, DType::F16)}));
  QNT_ASSERT_VALUE(u8Sample, fromU8.getSample(0));
  EXPECT_EQ(u8Sample[0].getDType(), DType::F32);

  // i64 data (numpy's default int) feeds an i32 input when values fit.
  std::string ids = saveNpy(dir, "ids.npy", iota({2, 3}, DType::I64));
  QNT_ASSERT_VALUE(idSet,
                   DataSet::open(ids, {input("ids", {1, 3}, DType::I32)}));
  QNT_ASSERT_VALUE(idSample, idSet.getSample(1));
  EXPECT_EQ(idSample[0].getDType(), DType::I32);
  EXPECT_THAT(idSample[0].getValues<int32_t>(), ElementsAre(3, 4, 5));

  // ...and is an error, naming the sample, when they do not.
  std::string large = saveNpy(
      dir, "large.npy",
      cantFail(NpyArray::fromFloat32({2, 2}, {0, 1, 2, 300}, DType::I64)));
  EXPECT_THAT(
      errorOf(DataSet::open(large, {input("ids", {1, 2}, DType::I8)})),
      HasSubstr("sample 1 of input 'ids' (element 1) has value 300, outside "
                "the range of i8"));

  std::vector<uint8_t> maxBytes(8);
  int64_t maxValue = INT64_MAX;
  std::memcpy(maxBytes.data(), &maxValue, 8);
  std::string max = saveNpy(
      dir, "max.npy", cantFail(NpyArray::create(DType::I64, {1, 1}, maxBytes)));
  EXPECT_THAT(errorOf(DataSet::open(max, {input("ids", {1, 1}, DType::I32)})),
              HasSubstr("sample 0 of input 'ids' (element 0) has value "
                        "9223372036854775807, outside the range of i32"));

  // Float data cannot feed an integer input, nor anything but bool a bool.
  EXPECT_THAT(
      errorOf(DataSet::open(f64, {input("ids", {1, 2}, DType::I32)})),
      HasSubstr("f64 data cannot feed input 'ids' of element type i32"));
  EXPECT_THAT(
      errorOf(DataSet::open(ids, {input("mask", {1, 3}, DType::Bool)})),
      HasSubstr("i64 data cannot feed input 'mask' of element type bool"));
  std::string mask = saveNpy(dir, "mask.npy", iota({1, 3}, DType::Bool));
  EXPECT_THAT(errorOf(DataSet::open(mask, {input("x", {1, 3})})),
              HasSubstr("bool data cannot feed input 'x'"));
  QNT_ASSERT_VALUE(maskSet,
                   DataSet::open(mask, {input("mask", {1, 3}, DType::Bool)}));
  QNT_ASSERT_VALUE(maskSample, maskSet.getSample(0));
  EXPECT_THAT(maskSample[0].getValues<bool>(), ElementsAre(false, true, true));
}

TEST(DataSetNpy, EmptyAndMisuse) {
  TempDir dir;
  std::string empty = saveNpy(dir, "empty.npy", iota({0, 4}));
  EXPECT_THAT(errorOf(DataSet::open(empty, {input("x", {1, 4})})),
              HasSubstr("empty"));

  std::string path = saveNpy(dir, "x.npy", iota({2, 4}));
  EXPECT_THAT(
      errorOf(DataSet::open(path, {input("a", {1, 4}), input("b", {1, 4})})),
      HasSubstr("use an .npz with one array per input"));
  EXPECT_THAT(errorOf(DataSet::open(path, {})), HasSubstr("no inputs"));
  EXPECT_THAT(
      errorOf(DataSet::open(path, {input("a", {1, 4}), input("a", {1, 4})})),
      HasSubstr("two model inputs are named 'a'"));

  QNT_ASSERT_VALUE(set, DataSet::open(path, {input("x", {1, 4})}));
  EXPECT_THAT(errorOf(set.getSample(2)),
              HasSubstr("sample 2 is out of range (2 samples)"));

  std::string missing = dir.file("missing.npy");
  EXPECT_THAT(errorOf(DataSet::open(missing, {input("x", {1, 4})})),
              HasSubstr(missing));
  std::string text = dir.file("text.npy");
  writeFile(text, "hello");
  EXPECT_THAT(errorOf(DataSet::open(text, {input("x", {1, 4})})),
              HasSubstr("not a .npy file"));
}

//===----------------------------------------------------------------------===//
// .npz
//===----------------------------------------------------------------------===//

TEST(DataSetNpz, NumpyArchiveFeedsTwoInputs) {
  // two_arrays.npz: image [2, 4] f32 and ids [2, 3] i32, two samples each.
  for (StringRef name : {"two_arrays.npz", "two_arrays_deflated.npz"}) {
    QNT_ASSERT_VALUE(
        set, DataSet::open(inputPath(name), {input("ids", {1, 3}, DType::I32),
                                             input("image", {1, 4})}));
    EXPECT_EQ(set.getSource(), DataSet::Source::Npz);
    ASSERT_EQ(set.size(), 2u);
    QNT_ASSERT_VALUE(sample, set.getSample(1));
    ASSERT_EQ(sample.size(), 2u);
    // Results follow the input order, not the archive order.
    EXPECT_THAT(sample[0].getValues<int32_t>(), ElementsAre(4, 5, 6));
    EXPECT_THAT(sample[1].getValues<float>(),
                ElementsAre(1.0f, 1.25f, 1.5f, 1.75f));
  }
}

TEST(DataSetNpz, NamesMustMatchTheInputs) {
  TempDir dir;
  std::string path = dir.file("data.npz");
  QNT_ASSERT_NO_ERROR(
      writeNpz(path, {{"a", iota({2, 3})}, {"b", iota({2, 1})}}));
  std::string message =
      errorOf(DataSet::open(path, {input("a", {1, 3}), input("c", {1, 1})}));
  EXPECT_THAT(message, HasSubstr("array 'b' does not name a model input"));

  message = errorOf(DataSet::open(
      path, {input("a", {1, 3}), input("b", {1, 1}), input("c", {1, 2})}));
  EXPECT_THAT(message, HasSubstr("no array for input 'c'"));
  EXPECT_THAT(message, HasSubstr("arrays: 'a', 'b'"));

  // A shape problem names the array too.
  message =
      errorOf(DataSet::open(path, {input("a", {1, 3}), input("b", {1, 2})}));
  EXPECT_THAT(message, HasSubstr("array 'b'"));
  EXPECT_THAT(message, HasSubstr("input 'b'"));
}

TEST(DataSetNpz, SampleCountsMustAgree) {
  TempDir dir;
  std::string path = dir.file("data.npz");
  QNT_ASSERT_NO_ERROR(
      writeNpz(path, {{"a", iota({2, 3})}, {"b", iota({3, 1})}}, true));
  EXPECT_THAT(
      errorOf(DataSet::open(path, {input("a", {1, 3}), input("b", {1, 1})})),
      HasSubstr("holds 3 samples for input 'b' but input 'a' has 2"));
}

TEST(DataSetNpz, NaNInSecondInput) {
  TempDir dir;
  std::string path = dir.file("data.npz");
  NpyArray b = cantFail(NpyArray::fromFloat32({3, 2}, {0, 0, 0, 0, 0, NAN}));
  QNT_ASSERT_NO_ERROR(writeNpz(path, {{"a", iota({3, 3})}, {"b", b}}));
  EXPECT_THAT(
      errorOf(DataSet::open(path, {input("a", {1, 3}), input("b", {1, 2})})),
      HasSubstr("sample 2 of input 'b' (element 1) is a NaN"));
}

//===----------------------------------------------------------------------===//
// Image directories
//===----------------------------------------------------------------------===//

void writePng(const std::string &path, int width, int height,
              ArrayRef<uint8_t> rgb) {
  std::vector<uint8_t> pixels;
  for (int i = 0; i < width * height; ++i)
    pixels.insert(pixels.end(), rgb.begin(), rgb.end());
  ASSERT_NE(
      stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3),
      0);
}

TEST(DataSetImages, DirectoryFeedsAnImageInput) {
  TempDir dir;
  writePng(dir.file("b.png"), 6, 4, {0, 51, 255});
  writePng(dir.file("a.png"), 3, 3, {255, 0, 102});
  writeFile(dir.file("README"), "skipped");
  ImageOptions options;
  options.mean = {127.5f};
  options.stddev = {127.5f};
  QNT_ASSERT_VALUE(
      set, DataSet::open(dir.getPath(), {input("img", {1, 2, 2, 3})}, options));
  EXPECT_EQ(set.getSource(), DataSet::Source::ImageDirectory);
  ASSERT_EQ(set.size(), 2u);
  EXPECT_THAT(set.getImageFiles(),
              ElementsAre(dir.file("a.png"), dir.file("b.png")));
  QNT_ASSERT_VALUE(first, set.getSample(0));
  EXPECT_THAT(first[0].getShape(), ElementsAre(1, 2, 2, 3));
  // a.png is (255, 0, 102): 1, -1 and (102 - 127.5) / 127.5 = -0.2.
  std::vector<float> values = first[0].toFloat32();
  for (size_t i = 0; i < values.size(); i += 3)
    EXPECT_THAT(ArrayRef<float>(values).slice(i, 3),
                ElementsAre(FloatNear(1, 1e-5), FloatNear(-1, 1e-5),
                            FloatNear(-0.2f, 1e-5)));
}

TEST(DataSetImages, RawPixelsForU8InputAndDynamicBatch) {
  TempDir dir;
  writePng(dir.file("x.jpeg.png"), 2, 2, {7, 8, 9});
  QNT_ASSERT_VALUE(
      set,
      DataSet::open(dir.getPath(), {input("img", {-1, 1, 1, 3}, DType::U8)}));
  QNT_ASSERT_VALUE(sample, set.getSample(0));
  EXPECT_EQ(sample[0].getDType(), DType::U8);
  EXPECT_THAT(sample[0].getShape(), ElementsAre(1, 1, 1, 3));
  EXPECT_THAT(sample[0].getValues<uint8_t>(), ElementsAre(7, 8, 9));

  ImageOptions normalising;
  normalising.stddev = {255};
  EXPECT_THAT(errorOf(DataSet::open(dir.getPath(),
                                    {input("img", {1, 1, 1, 3}, DType::U8)},
                                    normalising)),
              HasSubstr("takes raw u8 pixels"));
}

TEST(DataSetImages, Errors) {
  TempDir dir;
  EXPECT_THAT(
      errorOf(DataSet::open(dir.getPath(), {input("img", {1, 2, 2, 3})})),
      HasSubstr("the data set is empty"));

  writeFile(dir.file("notes.txt"), "only text here");
  EXPECT_THAT(
      errorOf(DataSet::open(dir.getPath(), {input("img", {1, 2, 2, 3})})),
      HasSubstr("the data set is empty"));

  writePng(dir.file("good.png"), 2, 2, {1, 2, 3});
  std::string bad = dir.file("zz.png");
  writeFile(bad, "not really a png");
  QNT_ASSERT_VALUE(set,
                   DataSet::open(dir.getPath(), {input("img", {1, 2, 2, 3})}));
  ASSERT_EQ(set.size(), 2u);
  EXPECT_TRUE(static_cast<bool>(set.getSample(0)));
  std::string message = errorOf(set.getSample(1));
  EXPECT_THAT(message, HasSubstr("sample 1 of input 'img'"));
  EXPECT_THAT(message, HasSubstr(bad));

  EXPECT_THAT(errorOf(DataSet::open(dir.getPath(), {input("tokens", {1, 8})})),
              HasSubstr("images cannot feed input 'tokens' of shape [1, 8]"));
  EXPECT_THAT(
      errorOf(DataSet::open(dir.getPath(), {input("img", {1, -1, -1, 3})})),
      HasSubstr("with static H and W"));
  EXPECT_THAT(errorOf(DataSet::open(dir.getPath(),
                                    {input("img", {1, 2, 2, 3}, DType::I32)})),
              HasSubstr("element type i32"));
  EXPECT_THAT(errorOf(DataSet::open(dir.getPath(), {input("a", {1, 2, 2, 3}),
                                                    input("b", {1, 2})})),
              HasSubstr("single-input model"));
  ImageOptions badMean;
  badMean.mean = {1, 2};
  EXPECT_THAT(errorOf(DataSet::open(dir.getPath(), {input("img", {1, 2, 2, 3})},
                                    badMean)),
              HasSubstr("mean has 2 values"));
}

TEST(DataSetImages, ChannelsFirstInput) {
  TempDir dir;
  writePng(dir.file("a.png"), 4, 4, {10, 20, 30});
  ImageOptions options;
  options.layout = ImageLayout::NCHW;
  QNT_ASSERT_VALUE(
      set, DataSet::open(dir.getPath(), {input("img", {1, 3, 2, 2})}, options));
  QNT_ASSERT_VALUE(sample, set.getSample(0));
  EXPECT_THAT(sample[0].getShape(), ElementsAre(1, 3, 2, 2));
  std::vector<float> values = sample[0].toFloat32();
  std::vector<::testing::Matcher<float>> expected;
  for (float channel : {10.0f, 20.0f, 30.0f})
    for (int i = 0; i < 4; ++i)
      expected.push_back(FloatNear(channel, 1e-4));
  EXPECT_THAT(values, ElementsAreArray(expected));
}

} // namespace
