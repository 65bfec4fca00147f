//===- Image.cpp - Loading images as model input --------------------------===//
//
// Decoding and resizing come from the stb libraries (Debian's libstb), which
// are compiled into libstb.so, so only their declarations are included here.
//
//===----------------------------------------------------------------------===//

#include "qnt/Data/Image.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <stb_image.h>
#include <stb_image_resize.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>

using namespace llvm;

namespace qnt {

bool ImageOptions::hasIdentityNormalization() const {
  return llvm::all_of(mean, [](float m) { return m == 0.0f; }) &&
         llvm::all_of(stddev, [](float s) { return s == 1.0f; });
}

Error ImageOptions::validate(int64_t channels) const {
  auto checkCount = [&](StringRef what, size_t count) -> Error {
    if (count == 1 || int64_t(count) == channels)
      return Error::success();
    return createStringError("image " + what + " has " + Twine(count) +
                             " values; expected 1 or " + Twine(channels) +
                             " (one per channel)");
  };
  if (Error err = checkCount("mean", mean.size()))
    return err;
  if (Error err = checkCount("std", stddev.size()))
    return err;
  for (float m : mean)
    if (!std::isfinite(m))
      return createStringError("image mean must be finite");
  for (float s : stddev)
    if (!std::isfinite(s) || s == 0.0f)
      return createStringError("image std must be finite and non-zero");
  return Error::success();
}

bool hasImageExtension(StringRef path) {
  std::string extension = sys::path::extension(path).lower();
  return extension == ".jpg" || extension == ".jpeg" || extension == ".png";
}

Expected<std::vector<std::string>> listImageFiles(StringRef directory) {
  if (!sys::fs::is_directory(directory))
    return createStringError("'" + directory + "' is not a directory");
  std::vector<std::string> files;
  std::error_code ec;
  for (sys::fs::directory_iterator it(directory, ec), end; it != end && !ec;
       it.increment(ec)) {
    const std::string &path = it->path();
    if (!hasImageExtension(path) || !sys::fs::is_regular_file(path))
      continue;
    files.push_back(path);
  }
  if (ec)
    return createStringError(ec, "cannot list '" + directory +
                                     "': " + ec.message());
  // Directory order is arbitrary; sorted names make runs reproducible.
  llvm::sort(files);
  return files;
}

namespace {
struct StbiFree {
  void operator()(stbi_uc *pixels) const { stbi_image_free(pixels); }
};
} // namespace

Expected<std::vector<float>> loadImagePixels(StringRef path, int64_t height,
                                             int64_t width, int64_t channels,
                                             ChannelOrder order) {
  auto fail = [&](const Twine &message) {
    return createStringError("image '" + path + "': " + message);
  };
  if (channels != 1 && channels != 3)
    return fail("cannot produce " + Twine(channels) +
                " channels (expected 1 or 3)");
  if (height <= 0 || width <= 0 || height > INT_MAX / 4 ||
      width > INT_MAX / (4 * channels))
    return fail("invalid target size " + Twine(height) + "x" + Twine(width));

  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("cannot read: " + buffer.getError().message());
  if ((*buffer)->getBufferSize() > size_t(INT_MAX))
    return fail("file is too large");

  int decodedWidth = 0, decodedHeight = 0, fileChannels = 0;
  std::unique_ptr<stbi_uc, StbiFree> decoded(stbi_load_from_memory(
      reinterpret_cast<const stbi_uc *>((*buffer)->getBufferStart()),
      int((*buffer)->getBufferSize()), &decodedWidth, &decodedHeight,
      &fileChannels, int(channels)));
  if (!decoded)
    return fail(Twine("cannot decode: ") + stbi_failure_reason());

  size_t decodedCount = size_t(decodedWidth) * decodedHeight * channels;
  std::vector<float> source(decoded.get(), decoded.get() + decodedCount);
  decoded.reset();

  std::vector<float> pixels;
  if (decodedWidth == width && decodedHeight == height) {
    pixels = std::move(source);
  } else {
    pixels.resize(size_t(height) * width * channels);
    // The triangle filter is bilinear interpolation when enlarging and an
    // area-weighted tent (anti-aliased, like PIL's BILINEAR) when shrinking.
    // Values are raw 0-255 codes: like most preprocessing code, no sRGB
    // linearisation.
    int ok = stbir_resize_float_generic(
        source.data(), decodedWidth, decodedHeight,
        decodedWidth * int(channels) * int(sizeof(float)), pixels.data(),
        int(width), int(height), int(width * channels * sizeof(float)),
        int(channels), STBIR_ALPHA_CHANNEL_NONE, /*flags=*/0, STBIR_EDGE_CLAMP,
        STBIR_FILTER_TRIANGLE, STBIR_COLORSPACE_LINEAR,
        /*alloc_context=*/nullptr);
    if (!ok)
      return fail("cannot resize from " + Twine(decodedWidth) + "x" +
                  Twine(decodedHeight) + " to " + Twine(width) + "x" +
                  Twine(height));
  }
  if (channels == 3 && order == ChannelOrder::BGR) {
    for (size_t i = 0; i < pixels.size(); i += 3)
      std::swap(pixels[i], pixels[i + 2]);
  }
  return pixels;
}

Expected<NpyArray> loadImage(StringRef path, int64_t height, int64_t width,
                             int64_t channels, const ImageOptions &options) {
  if (Error err = options.validate(channels))
    return err;
  Expected<std::vector<float>> pixels =
      loadImagePixels(path, height, width, channels, options.channelOrder);
  if (!pixels)
    return pixels.takeError();

  std::vector<float> &hwc = *pixels;
  size_t planeSize = size_t(height) * width;
  std::vector<float> values(hwc.size());
  for (size_t p = 0; p < planeSize; ++p) {
    for (int64_t c = 0; c < channels; ++c) {
      float mean = options.mean[options.mean.size() == 1 ? 0 : c];
      float stddev = options.stddev[options.stddev.size() == 1 ? 0 : c];
      float value = (hwc[p * channels + c] - mean) / stddev;
      if (options.layout == ImageLayout::NHWC)
        values[p * channels + c] = value;
      else
        values[c * planeSize + p] = value;
    }
  }
  SmallVector<int64_t, 4> shape =
      options.layout == ImageLayout::NHWC
          ? SmallVector<int64_t, 4>{1, height, width, channels}
          : SmallVector<int64_t, 4>{1, channels, height, width};
  return NpyArray::fromFloat32(shape, values);
}

} // namespace qnt
