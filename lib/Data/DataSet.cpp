//===- DataSet.cpp - Representative data for a model's inputs -------------===//

#include "qnt/Data/DataSet.h"
#include "qnt/Data/Npz.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cmath>

using namespace llvm;

namespace qnt {

namespace {
bool matchesShape(ArrayRef<int64_t> pattern, ArrayRef<int64_t> shape) {
  if (pattern.size() != shape.size())
    return false;
  for (auto [want, have] : llvm::zip_equal(pattern, shape))
    if (want >= 0 && want != have)
      return false;
  return true;
}

bool isBatchLike(int64_t extent) { return extent == 1 || extent < 0; }

/// How an array's leading axis maps onto samples of an input.
struct SampleLayout {
  int64_t numSamples;
  SmallVector<int64_t, 4> sampleShape;
};

std::optional<SampleLayout> getSampleLayout(ArrayRef<int64_t> inputShape,
                                            ArrayRef<int64_t> dataShape) {
  // [N, <input shape>]: one sample per row.
  if (dataShape.size() == inputShape.size() + 1 &&
      matchesShape(inputShape, dataShape.drop_front()))
    return SampleLayout{dataShape.front(),
                        SmallVector<int64_t, 4>(dataShape.drop_front())};
  // [N, <input shape without its batch of 1>]: the sample axis doubles as the
  // batch axis.
  if (!inputShape.empty() && dataShape.size() == inputShape.size() &&
      isBatchLike(inputShape.front()) &&
      matchesShape(inputShape.drop_front(), dataShape.drop_front())) {
    SmallVector<int64_t, 4> sampleShape(dataShape);
    sampleShape.front() = 1;
    return SampleLayout{dataShape.front(), sampleShape};
  }
  // Exactly the input's shape: a single sample.
  if (matchesShape(inputShape, dataShape))
    return SampleLayout{1, SmallVector<int64_t, 4>(dataShape)};
  return std::nullopt;
}

/// "[N, 1, 8] or [N, 8]": the shapes getSampleLayout accepts, for messages.
std::string describeAcceptedShapes(ArrayRef<int64_t> inputShape) {
  auto withSampleAxis = [](ArrayRef<int64_t> shape) {
    return shape.empty() ? std::string("[N]")
                         : "[N, " + formatShape(shape).substr(1);
  };
  std::string accepted = withSampleAxis(inputShape);
  if (!inputShape.empty() && isBatchLike(inputShape.front()))
    accepted += " or " + withSampleAxis(inputShape.drop_front());
  else
    accepted += " or exactly " + formatShape(inputShape);
  return accepted;
}
} // namespace

Error DataSet::addArray(size_t inputIndex, NpyArray array,
                        StringRef arrayName) {
  const InputSpec &input = inputs[inputIndex];
  std::string where = "'" + path + "'";
  if (!arrayName.empty())
    where += (": array '" + arrayName + "'").str();

  std::optional<SampleLayout> layout =
      getSampleLayout(input.shape, array.getShape());
  if (!layout)
    return createStringError(
        where + ": shape " + formatShape(array.getShape()) +
        " does not fit input '" + input.name + "' of shape " +
        formatShape(input.shape) + " (expected " +
        describeAcceptedShapes(input.shape) + ", N being the sample count)");

  if (inputIndex == 0)
    numSamples = layout->numSamples;
  else if (layout->numSamples != int64_t(numSamples))
    return createStringError(where + ": holds " + Twine(layout->numSamples) +
                             " samples for input '" + input.name +
                             "' but input '" + inputs.front().name + "' has " +
                             Twine(numSamples));

  // Decide the type getSample hands out and whether the data may become it.
  DType dataType = array.getDType();
  DType target =
      isFloatDType(input.elementType) ? DType::F32 : input.elementType;
  bool compatible;
  if (target == DType::F32)
    compatible = dataType != DType::Bool;
  else if (target == DType::Bool)
    compatible = dataType == DType::Bool;
  else
    compatible = !isFloatDType(dataType) && dataType != DType::Bool;
  if (!compatible)
    return createStringError(
        where + ": " + getDTypeName(dataType) + " data cannot feed input '" +
        input.name + "' of element type " + getDTypeName(input.elementType));

  int64_t sampleElements =
      layout->numSamples ? array.getNumElements() / layout->numSamples : 0;
  auto describeElement = [&](int64_t flatIndex) {
    return "sample " + std::to_string(flatIndex / sampleElements) +
           " of input '" + input.name + "' (element " +
           std::to_string(flatIndex % sampleElements) + ")";
  };

  // Integer narrowing must not wrap silently.
  if (target != DType::F32 && target != dataType) {
    auto [lo, hi] = getIntegerRange(target);
    for (int64_t i = 0, e = array.getNumElements(); i < e; ++i) {
      int64_t value = array.getAsInt64(i);
      if (value < lo || value > hi)
        return createStringError(where + ": " + describeElement(i) +
                                 " has value " + std::to_string(value) +
                                 ", outside the range of " +
                                 getDTypeName(target));
    }
  }

  NpyArray converted =
      target == dataType ? std::move(array) : array.convertTo(target);
  if (target == DType::F32) {
    ArrayRef<float> values = converted.getValues<float>();
    for (size_t i = 0; i < values.size(); ++i) {
      if (std::isfinite(values[i]))
        continue;
      // f64 data may also have overflowed f32 in the conversion above.
      std::string what = std::isnan(values[i]) ? "a NaN"
                         : dataType == DType::F64
                             ? "infinite or beyond the f32 range"
                             : "infinite";
      return createStringError(where + ": " + describeElement(i) + " is " +
                               what);
    }
  }

  InputData entry;
  entry.sampleBytes = sampleElements * getDTypeSize(target);
  entry.sampleShape = layout->sampleShape;
  entry.all = std::move(converted);
  data[inputIndex] = std::move(entry);
  return Error::success();
}

Expected<DataSet> DataSet::open(StringRef path, ArrayRef<InputSpec> inputs,
                                const ImageOptions &imageOptions) {
  DataSet set;
  set.path = path.str();
  set.inputs.assign(inputs.begin(), inputs.end());
  set.imageOptions = imageOptions;
  set.data.resize(inputs.size());
  std::string quoted = ("'" + path + "'").str();

  if (inputs.empty())
    return createStringError(quoted + ": the model has no inputs");
  StringSet<> names;
  for (const InputSpec &input : inputs)
    if (!names.insert(input.name).second)
      return createStringError("two model inputs are named '" + input.name +
                               "'");
  std::string inputList =
      llvm::join(llvm::map_range(inputs,
                                 [](const InputSpec &input) {
                                   return "'" + input.name + "'";
                                 }),
                 ", ");

  if (sys::fs::is_directory(path)) {
    set.source = Source::ImageDirectory;
    if (inputs.size() != 1)
      return createStringError(quoted +
                               ": an image directory can feed only "
                               "a single-input model; inputs are " +
                               inputList);
    const InputSpec &input = inputs.front();
    ArrayRef<int64_t> shape = input.shape;
    bool nhwc = imageOptions.layout == ImageLayout::NHWC;
    int64_t channels = shape.size() == 4 ? shape[nhwc ? 3 : 1] : 0;
    int64_t height = shape.size() == 4 ? shape[nhwc ? 1 : 2] : 0;
    int64_t width = shape.size() == 4 ? shape[nhwc ? 2 : 3] : 0;
    if (shape.size() != 4 || !isBatchLike(shape[0]) ||
        (channels != 1 && channels != 3) || height <= 0 || width <= 0)
      return createStringError(
          quoted + ": images cannot feed input '" + input.name + "' of shape " +
          formatShape(shape) + "; expected " +
          (nhwc ? "[1, H, W, 1 or 3]" : "[1, 1 or 3, H, W]") +
          " with static H and W");
    if (input.elementType != DType::U8 && !isFloatDType(input.elementType))
      return createStringError(quoted + ": images cannot feed input '" +
                               input.name + "' of element type " +
                               getDTypeName(input.elementType) +
                               " (expected a float type or u8)");
    if (input.elementType == DType::U8 &&
        !imageOptions.hasIdentityNormalization())
      return createStringError(quoted + ": input '" + input.name +
                               "' takes raw u8 pixels, so mean/std "
                               "normalisation cannot apply");
    if (Error err = imageOptions.validate(channels))
      return createStringError(quoted + ": " + toString(std::move(err)));
    Expected<std::vector<std::string>> files = listImageFiles(path);
    if (!files)
      return files.takeError();
    if (files->empty())
      return createStringError(quoted +
                               ": the data set is empty (no .jpg, .jpeg or "
                               ".png files in the directory)");
    set.imageFiles = std::move(*files);
    set.numSamples = set.imageFiles.size();
    set.imageSampleShape.assign(shape.begin(), shape.end());
    set.imageSampleShape[0] = 1;
    return set;
  }

  // A file: .npz or .npy, told apart by content so extensions may be odd.
  char magic[2] = {0, 0};
  {
    Expected<sys::fs::file_t> file = sys::fs::openNativeFileForRead(path);
    if (!file)
      return createStringError(quoted +
                               ": cannot read: " + toString(file.takeError()));
    Expected<size_t> got =
        sys::fs::readNativeFile(*file, MutableArrayRef<char>(magic));
    sys::fs::closeFile(*file);
    if (!got)
      return createStringError(quoted +
                               ": cannot read: " + toString(got.takeError()));
  }
  // Zip archives start with "PK"; anything else must parse as .npy.
  if (StringRef(magic, 2) == "PK") {
    set.source = Source::Npz;
    Expected<std::vector<NamedArray>> arrays = readNpz(path);
    if (!arrays)
      return arrays.takeError();
    StringMap<size_t> byName;
    for (size_t i = 0; i < arrays->size(); ++i)
      byName[(*arrays)[i].first] = i;
    for (const NamedArray &entry : *arrays)
      if (!names.contains(entry.first))
        return createStringError(
            quoted + ": array '" + entry.first +
            "' does not name a model input (inputs: " + inputList + ")");
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto it = byName.find(inputs[i].name);
      if (it == byName.end()) {
        std::string present =
            llvm::join(llvm::map_range(*arrays,
                                       [](const NamedArray &entry) {
                                         return "'" + entry.first + "'";
                                       }),
                       ", ");
        return createStringError(
            quoted + ": no array for input '" + inputs[i].name +
            "' (arrays: " + (present.empty() ? "none" : present) + ")");
      }
      if (Error err = set.addArray(i, std::move((*arrays)[it->second].second),
                                   inputs[i].name))
        return err;
    }
  } else {
    set.source = Source::Npy;
    if (inputs.size() != 1)
      return createStringError(quoted +
                               ": a .npy holds data for one input "
                               "but the model has " +
                               Twine(inputs.size()) + " (" + inputList +
                               "); use an .npz with one array per input");
    Expected<NpyArray> array = readNpy(path);
    if (!array)
      return array.takeError();
    if (Error err = set.addArray(0, std::move(*array), ""))
      return err;
  }
  if (set.numSamples == 0)
    return createStringError(quoted + ": the data set is empty (0 samples)");
  return set;
}

Expected<std::vector<NpyArray>> DataSet::getSample(size_t index) const {
  if (index >= numSamples)
    return createStringError("'" + path + "': sample " + Twine(index) +
                             " is out of range (" + Twine(numSamples) +
                             " samples)");
  std::vector<NpyArray> sample;
  if (source == Source::ImageDirectory) {
    const InputSpec &input = inputs.front();
    bool nhwc = imageOptions.layout == ImageLayout::NHWC;
    ArrayRef<int64_t> shape = imageSampleShape;
    int64_t channels = shape[nhwc ? 3 : 1];
    int64_t height = shape[nhwc ? 1 : 2];
    int64_t width = shape[nhwc ? 2 : 3];
    auto fail = [&](Error err) {
      return createStringError("sample " + Twine(index) + " of input '" +
                               input.name + "': " + toString(std::move(err)));
    };
    Expected<NpyArray> image =
        loadImage(imageFiles[index], height, width, channels, imageOptions);
    if (!image)
      return fail(image.takeError());
    if (input.elementType == DType::U8) {
      // Resized pixels are fractional; round back to codes.
      sample.push_back(image->convertTo(DType::U8));
    } else {
      sample.push_back(std::move(*image));
    }
    return sample;
  }

  for (const InputData &entry : data) {
    ArrayRef<uint8_t> bytes = entry.all.getBytes().slice(
        index * entry.sampleBytes, entry.sampleBytes);
    Expected<NpyArray> array =
        NpyArray::create(entry.all.getDType(), entry.sampleShape,
                         std::vector<uint8_t>(bytes.begin(), bytes.end()));
    if (!array)
      return array.takeError();
    sample.push_back(std::move(*array));
  }
  return sample;
}

} // namespace qnt
