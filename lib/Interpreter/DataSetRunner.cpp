//===- DataSetRunner.cpp - Runs a function over a data set ----------------===//

#include "qnt/Interpreter/DataSetRunner.h"

#include "qnt/Interpreter/TensorNpy.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"

#include <mutex>

using namespace mlir;
using namespace qnt;

/// The first name found in \p loc.
static std::optional<std::string> findName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location inner : fused.getLocations())
      if (auto found = findName(inner))
        return found;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return findName(callSite.getCallee());
  return std::nullopt;
}

std::string qnt::getValueName(Value value, llvm::StringRef fallback) {
  std::optional<std::string> name = findName(value.getLoc());
  if (name && !name->empty())
    return *name;
  return fallback.str();
}

std::vector<std::string> qnt::getInputNames(func::FuncOp func) {
  std::vector<std::string> names;
  for (BlockArgument arg : func.getArguments())
    names.push_back(
        getValueName(arg, "input_" + std::to_string(arg.getArgNumber())));
  return names;
}

std::vector<std::string> qnt::getOutputNames(func::FuncOp func) {
  std::vector<std::string> names;
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands()))
    names.push_back(getValueName(v, "output_" + std::to_string(i)));
  return names;
}

llvm::Expected<std::vector<InputSpec>> qnt::getInputSpecs(func::FuncOp func) {
  std::vector<InputSpec> specs;
  std::vector<std::string> names = getInputNames(func);
  for (BlockArgument arg : func.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    ElementKind kind;
    if (!type || !getElementKindFor(type, kind))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "input '%s' has a type the interpreter cannot feed",
          names[arg.getArgNumber()].c_str());
    InputSpec spec;
    spec.name = names[arg.getArgNumber()];
    spec.shape.assign(type.getShape().begin(), type.getShape().end());
    spec.elementType = getDTypeOf(kind);
    specs.push_back(std::move(spec));
  }
  return specs;
}

llvm::Expected<std::vector<NpyArray>>
qnt::runDataSet(const Interpreter &interpreter, const DataSet &data,
                const BatchOptions &options,
                const ObserverFactory &observers) {
  const size_t numSamples = data.size();
  std::vector<std::string> outputNames =
      getOutputNames(interpreter.getFunction());

  // Stacked outputs are allocated when the first sample finishes; every
  // sample then copies its outputs into its own slice.
  std::mutex mutex;
  bool allocated = false;
  std::vector<llvm::SmallVector<int64_t>> sampleShapes;
  std::vector<ElementKind> kinds;
  std::vector<std::vector<uint8_t>> stacked;

  auto source = [&](size_t index, std::vector<Tensor> &inputs) -> llvm::Error {
    auto arrays = data.getSample(index);
    if (!arrays)
      return arrays.takeError();
    inputs.resize(arrays->size());
    for (auto [i, array] : llvm::enumerate(*arrays))
      if (auto err = copyToTensor(array, inputs[i]))
        return err;
    return llvm::Error::success();
  };
  auto sink = [&](size_t index, llvm::ArrayRef<Tensor> outputs) -> llvm::Error {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!allocated) {
        for (const Tensor &t : outputs) {
          sampleShapes.emplace_back(t.getShape());
          kinds.push_back(t.getKind());
          stacked.emplace_back(t.getNumBytes() * numSamples);
        }
        allocated = true;
      }
    }
    for (auto [i, t] : llvm::enumerate(outputs)) {
      if (t.getShape() != llvm::ArrayRef<int64_t>(sampleShapes[i]) ||
          t.getKind() != kinds[i])
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "output '%s' has shape %s here but %s in another sample",
            outputNames[i].c_str(), shapeToString(t.getShape()).c_str(),
            shapeToString(sampleShapes[i]).c_str());
      if (t.getNumBytes())
        std::memcpy(stacked[i].data() + index * t.getNumBytes(),
                    t.getRawData(), t.getNumBytes());
    }
    return llvm::Error::success();
  };
  if (auto err = runBatch(interpreter, numSamples, source, sink, options,
                          observers))
    return std::move(err);

  std::vector<NpyArray> arrays;
  for (size_t i = 0; i < stacked.size(); ++i) {
    llvm::SmallVector<int64_t> shape;
    llvm::ArrayRef<int64_t> sample = sampleShapes[i];
    shape.push_back(static_cast<int64_t>(numSamples));
    if (!sample.empty() && sample.front() == 1)
      sample = sample.drop_front();
    shape.append(sample.begin(), sample.end());
    auto array = NpyArray::create(getDTypeOf(kinds[i]), shape,
                                  std::move(stacked[i]));
    if (!array)
      return array.takeError();
    arrays.push_back(std::move(*array));
  }
  return arrays;
}
