//===- Image.h - Loading images as model input ------------------*- C++ -*-===//
//
// Turns JPEG/PNG files into float tensors the way image models expect them:
// decode to RGB (or grey), resize to the input's height and width with a
// bilinear (triangle) filter, optionally swap to BGR, then normalise each
// channel as (pixel - mean) / std. With mean = std = 127.5 pixels land in
// [-1, 1], the convention of TFLite's image tools; mean 0 and std 255 give
// [0, 1].
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DATA_IMAGE_H
#define QNT_DATA_IMAGE_H

#include "qnt/Data/NpyArray.h"

#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace qnt {

enum class ChannelOrder { RGB, BGR };
enum class ImageLayout { NHWC, NCHW };

struct ImageOptions {
  ChannelOrder channelOrder = ChannelOrder::RGB;
  /// Layout of the produced tensor (and so of the model input).
  ImageLayout layout = ImageLayout::NHWC;
  /// One value for every channel, or one per channel in the output channel
  /// order (so BGR means are given blue first, as Caffe-style models state
  /// them).
  llvm::SmallVector<float, 3> mean = {0.0f};
  llvm::SmallVector<float, 3> stddev = {1.0f};

  /// True if normalisation leaves pixel values unchanged.
  bool hasIdentityNormalization() const;
  /// Checks the mean/std counts against \p channels (1 or 3) and rejects a
  /// zero or non-finite std.
  llvm::Error validate(int64_t channels) const;
};

/// True for names ending in .jpg, .jpeg or .png, in any letter case.
bool hasImageExtension(llvm::StringRef path);

/// The image files directly inside \p directory, sorted by name. Other files
/// and subdirectories are skipped. Fails if the directory cannot be read.
llvm::Expected<std::vector<std::string>>
listImageFiles(llvm::StringRef directory);

/// Decodes \p path to \p channels (1 or 3) channels and resizes it to
/// \p height x \p width. Returns height * width * channels values in
/// [0, 255], row-major HWC, in \p order. Not normalised.
llvm::Expected<std::vector<float>>
loadImagePixels(llvm::StringRef path, int64_t height, int64_t width,
                int64_t channels, ChannelOrder order);

/// loadImagePixels followed by normalisation: an f32 array of shape
/// [1, height, width, channels] (NHWC) or [1, channels, height, width].
llvm::Expected<NpyArray> loadImage(llvm::StringRef path, int64_t height,
                                   int64_t width, int64_t channels,
                                   const ImageOptions &options);

} // namespace qnt

#endif // QNT_DATA_IMAGE_H
