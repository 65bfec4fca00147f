//===- DataSet.h - Representative data for a model's inputs -----*- C++ -*-===//
//
// A DataSet supplies samples for calibration and evaluation. It is opened from
// one of:
//   * a .npy file, for a single-input model. Its first axis indexes samples:
//     for an input of shape [1, 224, 224, 3] it may be [N, 224, 224, 3] or
//     [N, 1, 224, 224, 3]; an array shaped exactly like the input is one
//     sample.
//   * a .npz file with one array per input, named like the inputs, laid out
//     as above and with the same number of samples.
//   * a directory of .jpg/.jpeg/.png images, for a model with a single 4-D
//     image input, preprocessed as ImageOptions says.
// Everything that can be checked up front is checked in open(): shapes,
// element types, NaN/Inf, empty data. Images are decoded on demand.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DATA_DATASET_H
#define QNT_DATA_DATASET_H

#include "qnt/Data/Image.h"
#include "qnt/Data/NpyArray.h"

#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace qnt {

/// A model input as the data layer needs to know it.
struct InputSpec {
  std::string name;
  /// A negative extent (such as mlir::ShapedType::kDynamic) is dynamic.
  llvm::SmallVector<int64_t, 4> shape;
  DType elementType = DType::F32;
};

class DataSet {
public:
  enum class Source { Npy, Npz, ImageDirectory };

  /// Opens \p path for a model with \p inputs. \p imageOptions applies only to
  /// image directories.
  static llvm::Expected<DataSet> open(llvm::StringRef path,
                                      llvm::ArrayRef<InputSpec> inputs,
                                      const ImageOptions &imageOptions = {});

  Source getSource() const { return source; }
  llvm::StringRef getPath() const { return path; }
  llvm::ArrayRef<InputSpec> getInputs() const { return inputs; }
  /// For image directories, the image behind each sample.
  llvm::ArrayRef<std::string> getImageFiles() const { return imageFiles; }

  /// The number of samples; never 0 for an opened data set.
  size_t size() const { return numSamples; }

  /// One array per input, in input order. Floating-point inputs get f32
  /// arrays; integer and bool inputs get arrays of their own element type.
  /// Shapes are the input shapes with dynamic extents filled in (a dynamic
  /// batch becomes 1 unless the data holds larger batches).
  llvm::Expected<std::vector<NpyArray>> getSample(size_t index) const;

private:
  DataSet() = default;

  /// An input's data, already converted to the type getSample returns.
  struct InputData {
    NpyArray all;
    llvm::SmallVector<int64_t, 4> sampleShape;
    size_t sampleBytes = 0;
  };

  /// Checks \p array against input \p inputIndex and records it.
  llvm::Error addArray(size_t inputIndex, NpyArray array,
                       llvm::StringRef arrayName);

  Source source = Source::Npy;
  std::string path;
  std::vector<InputSpec> inputs;
  size_t numSamples = 0;
  std::vector<InputData> data;
  std::vector<std::string> imageFiles;
  ImageOptions imageOptions;
  llvm::SmallVector<int64_t, 4> imageSampleShape;
};

} // namespace qnt

#endif // QNT_DATA_DATASET_H
