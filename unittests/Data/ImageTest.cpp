//===- ImageTest.cpp - Tests for image loading and preprocessing ----------===//
//
// Images are made here with stb_image_write; expected values are worked out
// by hand from the pixels written.
//
//===----------------------------------------------------------------------===//

#include "qnt/Data/Image.h"

#include "DataTestUtils.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include <stb_image_write.h>

using namespace llvm;
using namespace qnt;
using namespace qnt::testing;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using ::testing::HasSubstr;

namespace {

/// Writes a PNG of \p width x \p height pixels from \p pixels, row-major with
/// \p channels interleaved.
void writePng(const std::string &path, int width, int height, int channels,
              ArrayRef<uint8_t> pixels) {
  ASSERT_EQ(pixels.size(), size_t(width) * height * channels);
  ASSERT_NE(stbi_write_png(path.c_str(), width, height, channels, pixels.data(),
                           width * channels),
            0);
}

std::vector<uint8_t> solid(int width, int height, ArrayRef<uint8_t> colour) {
  std::vector<uint8_t> pixels;
  for (int i = 0; i < width * height; ++i)
    pixels.insert(pixels.end(), colour.begin(), colour.end());
  return pixels;
}

/// Matchers for \p values, each within \p tolerance.
std::vector<::testing::Matcher<float>> near(ArrayRef<float> values,
                                            float tolerance = 1e-4f) {
  std::vector<::testing::Matcher<float>> matchers;
  for (float value : values)
    matchers.push_back(FloatNear(value, tolerance));
  return matchers;
}

TEST(Image, ConstantColourSurvivesResizeAndNormalises) {
  TempDir dir;
  std::string path = dir.file("solid.png");
  writePng(path, /*width=*/5, /*height=*/7, 3, solid(5, 7, {10, 20, 30}));

  QNT_ASSERT_VALUE(pixels, loadImagePixels(path, 3, 4, 3, ChannelOrder::RGB));
  ASSERT_EQ(pixels.size(), 3u * 4 * 3);
  for (size_t i = 0; i < pixels.size(); i += 3)
    EXPECT_THAT(ArrayRef<float>(pixels).slice(i, 3),
                ElementsAreArray(near({10, 20, 30})));

  // mean = std = 127.5 maps [0, 255] onto [-1, 1].
  ImageOptions options;
  options.mean = {127.5f};
  options.stddev = {127.5f};
  QNT_ASSERT_VALUE(image, loadImage(path, 3, 4, 3, options));
  EXPECT_EQ(image.getDType(), DType::F32);
  EXPECT_THAT(image.getShape(), ElementsAre(1, 3, 4, 3));
  std::vector<float> values = image.toFloat32();
  float expected[3] = {(10 - 127.5f) / 127.5f, (20 - 127.5f) / 127.5f,
                       (30 - 127.5f) / 127.5f};
  EXPECT_NEAR(expected[0], -0.9215686f, 1e-6);
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_NEAR(values[i], expected[i % 3], 1e-5) << i;
}

// Enlarging 2 pixels to 4: output centres sit at input x = 0.25, 0.75, 1.25,
// 1.75 (in pixel units, input centres at 0.5 and 1.5). Bilinear weights give
// A, 3/4 A + 1/4 B, 1/4 A + 3/4 B, B, the outer two clamped to the edge.
TEST(Image, TwoColourEnlargeIsBilinear) {
  TempDir dir;
  std::string path = dir.file("pair.png");
  writePng(path, 2, 1, 3, {0, 0, 0, 200, 100, 40});
  QNT_ASSERT_VALUE(pixels, loadImagePixels(path, 2, 4, 3, ChannelOrder::RGB));
  // Both rows are the same: the image has one row.
  for (int row = 0; row < 2; ++row)
    EXPECT_THAT(ArrayRef<float>(pixels).slice(row * 12, 12),
                ElementsAreArray(
                    near({0, 0, 0, 50, 25, 10, 150, 75, 30, 200, 100, 40})))
        << row;
}

// Shrinking 4 columns A A B B to 2: each output pixel covers two input pixels
// and the tent filter reaches one input pixel further on each side. For the
// first output (centre x = 1.0) the input centres -0.5 (clamped to the first
// column), 0.5, 1.5 and 2.5 lie at distances 1.5, 0.5, 0.5, 1.5 and weigh
// 1 - d/2 = 1/4, 3/4, 3/4, 1/4, so out = (7/4 A + 1/4 B) / 2 = 7/8 A + 1/8 B.
TEST(Image, TwoColourShrinkIsAreaWeighted) {
  TempDir dir;
  std::string path = dir.file("halves.png");
  std::vector<uint8_t> pixels;
  for (int row = 0; row < 4; ++row)
    for (int column = 0; column < 4; ++column)
      pixels.push_back(column < 2 ? 0 : 200);
  writePng(path, 4, 4, 1, pixels);
  QNT_ASSERT_VALUE(out, loadImagePixels(path, 2, 2, 1, ChannelOrder::RGB));
  EXPECT_THAT(out, ElementsAreArray(near({25, 175, 25, 175})));
}

TEST(Image, ChannelOrderAndPerChannelNormalisation) {
  TempDir dir;
  std::string path = dir.file("one.png");
  writePng(path, 1, 1, 3, {10, 20, 30});
  ImageOptions options;
  options.channelOrder = ChannelOrder::BGR;
  // Per-channel values follow the output (BGR) order.
  options.mean = {1, 2, 3};
  options.stddev = {2, 4, 6};
  QNT_ASSERT_VALUE(image, loadImage(path, 1, 1, 3, options));
  EXPECT_THAT(image.toFloat32(),
              ElementsAreArray(
                  near({(30 - 1) / 2.0f, (20 - 2) / 4.0f, (10 - 3) / 6.0f})));
  QNT_ASSERT_VALUE(bgr, loadImagePixels(path, 1, 1, 3, ChannelOrder::BGR));
  EXPECT_THAT(bgr, ElementsAre(30, 20, 10));
}

TEST(Image, ChannelsFirstLayout) {
  TempDir dir;
  std::string path = dir.file("two.png");
  writePng(path, 2, 1, 3, {1, 2, 3, 4, 5, 6});
  ImageOptions options;
  options.layout = ImageLayout::NCHW;
  QNT_ASSERT_VALUE(image, loadImage(path, 1, 2, 3, options));
  EXPECT_THAT(image.getShape(), ElementsAre(1, 3, 1, 2));
  EXPECT_THAT(image.toFloat32(), ElementsAre(1, 4, 2, 5, 3, 6));
}

TEST(Image, ChannelConversions) {
  TempDir dir;
  // RGB to grey uses stb's integer luma: (77 R + 150 G + 29 B) >> 8, which
  // for (10, 20, 30) is 4640 >> 8 = 18.
  std::string rgb = dir.file("rgb.png");
  writePng(rgb, 1, 1, 3, {10, 20, 30});
  QNT_ASSERT_VALUE(grey, loadImagePixels(rgb, 1, 1, 1, ChannelOrder::RGB));
  EXPECT_THAT(grey, ElementsAre(18));

  std::string greyPng = dir.file("grey.png");
  writePng(greyPng, 1, 1, 1, {77});
  QNT_ASSERT_VALUE(expanded,
                   loadImagePixels(greyPng, 1, 1, 3, ChannelOrder::RGB));
  EXPECT_THAT(expanded, ElementsAre(77, 77, 77));

  // Alpha is dropped, not blended.
  std::string rgba = dir.file("rgba.png");
  writePng(rgba, 1, 1, 4, {10, 20, 30, 0});
  QNT_ASSERT_VALUE(opaque, loadImagePixels(rgba, 1, 1, 3, ChannelOrder::RGB));
  EXPECT_THAT(opaque, ElementsAre(10, 20, 30));
}

TEST(Image, Jpeg) {
  TempDir dir;
  std::string path = dir.file("solid.JPG");
  std::vector<uint8_t> pixels = solid(16, 16, {100, 150, 200});
  ASSERT_NE(stbi_write_jpg(path.c_str(), 16, 16, 3, pixels.data(), 100), 0);
  QNT_ASSERT_VALUE(out, loadImagePixels(path, 8, 8, 3, ChannelOrder::RGB));
  ASSERT_EQ(out.size(), 8u * 8 * 3);
  // JPEG's colour conversion may move a flat colour by a code or two.
  for (size_t i = 0; i < out.size(); i += 3)
    EXPECT_THAT(ArrayRef<float>(out).slice(i, 3),
                ElementsAreArray(near({100, 150, 200}, 3.0f)));
}

TEST(Image, ListsImagesSortedAndSkipsOthers) {
  TempDir dir;
  std::vector<uint8_t> pixel = {1, 2, 3};
  writePng(dir.file("b.png"), 1, 1, 3, pixel);
  writePng(dir.file("a.JPG"), 1, 1, 3, pixel);
  writePng(dir.file("c.jpeg"), 1, 1, 3, pixel);
  writeFile(dir.file("notes.txt"), "not an image");
  writeFile(dir.file("labels.csv"), "x");
  ASSERT_FALSE(sys::fs::create_directory(dir.file("d.png")));
  QNT_ASSERT_VALUE(files, listImageFiles(dir.getPath()));
  EXPECT_THAT(files, ElementsAre(dir.file("a.JPG"), dir.file("b.png"),
                                 dir.file("c.jpeg")));
  EXPECT_THAT(errorOf(listImageFiles(dir.file("b.png"))),
              HasSubstr("is not a directory"));
}

TEST(Image, UnreadableImagesNameTheFile) {
  TempDir dir;
  std::string fake = dir.file("fake.png");
  writeFile(fake, "this is text, not a PNG");
  std::string message =
      errorOf(loadImagePixels(fake, 2, 2, 3, ChannelOrder::RGB));
  EXPECT_THAT(message, HasSubstr(fake));
  EXPECT_THAT(message, HasSubstr("cannot decode"));

  // A valid PNG cut short.
  std::string whole = dir.file("whole.png");
  writePng(whole, 8, 8, 3, solid(8, 8, {1, 2, 3}));
  ErrorOr<std::unique_ptr<MemoryBuffer>> bytes = MemoryBuffer::getFile(whole);
  ASSERT_TRUE(bool(bytes));
  std::string cut = dir.file("cut.png");
  writeFile(cut, (*bytes)->getBuffer().take_front(40));
  EXPECT_THAT(errorOf(loadImagePixels(cut, 8, 8, 3, ChannelOrder::RGB)),
              HasSubstr(cut));

  std::string missing = dir.file("missing.png");
  EXPECT_THAT(errorOf(loadImagePixels(missing, 2, 2, 3, ChannelOrder::RGB)),
              HasSubstr(missing));
}

TEST(Image, OptionValidation) {
  ImageOptions options;
  EXPECT_FALSE(static_cast<bool>(options.validate(3)));
  EXPECT_TRUE(options.hasIdentityNormalization());
  options.mean = {1, 2};
  EXPECT_THAT(errorOf(options.validate(3)),
              HasSubstr("mean has 2 values; expected 1 or 3"));
  options.mean = {1, 2, 3};
  EXPECT_FALSE(options.hasIdentityNormalization());
  EXPECT_THAT(errorOf(options.validate(1)), HasSubstr("expected 1 or 1"));
  options.mean = {0};
  options.stddev = {1, 0, 1};
  EXPECT_THAT(errorOf(options.validate(3)), HasSubstr("non-zero"));
  options.stddev = {NAN};
  EXPECT_THAT(errorOf(options.validate(3)), HasSubstr("finite"));

  TempDir dir;
  std::string path = dir.file("p.png");
  writePng(path, 1, 1, 3, {1, 2, 3});
  EXPECT_THAT(errorOf(loadImagePixels(path, 1, 1, 2, ChannelOrder::RGB)),
              HasSubstr("expected 1 or 3"));
  EXPECT_THAT(errorOf(loadImagePixels(path, 0, 1, 3, ChannelOrder::RGB)),
              HasSubstr("invalid target size"));
}

TEST(Image, ExtensionCheck) {
  EXPECT_TRUE(hasImageExtension("x/a.PNG"));
  EXPECT_TRUE(hasImageExtension("a.jpeg"));
  EXPECT_TRUE(hasImageExtension("a.Jpg"));
  EXPECT_FALSE(hasImageExtension("a.gif"));
  EXPECT_FALSE(hasImageExtension("png"));
  EXPECT_FALSE(hasImageExtension("a.png.txt"));
}

} // namespace
