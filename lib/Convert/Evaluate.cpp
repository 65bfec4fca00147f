//===- Evaluate.cpp - Float and quantized models side by side -------------===//

#include "Evaluate.h"

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Interpreter/DataSetRunner.h"
#include "qnt/Support/ProgressBar.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace qnt;

double TensorStats::sqnrDb() const {
  if (noise == 0)
    return std::numeric_limits<double>::infinity();
  if (signal == 0)
    return -std::numeric_limits<double>::infinity();
  return 10 * std::log10(signal / noise);
}

double TensorStats::stddev() const {
  if (!count)
    return 0;
  double mean = sum / count;
  return std::sqrt(std::max(0.0, signal / count - mean * mean));
}

namespace {
/// How a tensor's stored values map to real values.
struct QuantInfo {
  bool quantized = false;
  int32_t axis = -1;
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;
  int64_t storageMin = 0, storageMax = 0;
};
} // namespace

static QuantInfo getQuantInfo(Type type) {
  QuantInfo info;
  Type elem = getElementTypeOrSelf(type);
  if (auto q = dyn_cast<quant::UniformQuantizedType>(elem)) {
    info.quantized = true;
    info.scales = {q.getScale()};
    info.zeroPoints = {q.getZeroPoint()};
    info.storageMin = q.getStorageTypeMin();
    info.storageMax = q.getStorageTypeMax();
  } else if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(elem)) {
    info.quantized = true;
    info.axis = q.getQuantizedDimension();
    info.scales.assign(q.getScales().begin(), q.getScales().end());
    info.zeroPoints.assign(q.getZeroPoints().begin(), q.getZeroPoints().end());
    info.storageMin = q.getStorageTypeMin();
    info.storageMax = q.getStorageTypeMax();
  }
  return info;
}

/// The real values of \p t.
static void toReal(const Tensor &t, const QuantInfo &q,
                   std::vector<float> &out) {
  size_t n = t.getNumElements();
  out.resize(n);
  int64_t inner = 1, dim = 1;
  if (q.axis >= 0 && q.axis < t.getRank()) {
    dim = t.getDimSize(q.axis);
    for (int64_t d = q.axis + 1; d < t.getRank(); ++d)
      inner *= t.getDimSize(d);
  }
  dispatchElementKind(t.getKind(), [&](auto tag) {
    using T = decltype(tag);
    const T *data = t.getData<T>();
    if (!q.quantized) {
      for (size_t i = 0; i < n; ++i)
        out[i] = static_cast<float>(data[i]);
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      size_t c = q.axis >= 0 ? (i / inner) % dim : 0;
      c = std::min(c, q.scales.size() - 1);
      out[i] = static_cast<float>(
          (static_cast<double>(static_cast<int64_t>(data[i])) -
           q.zeroPoints[c]) *
          q.scales[c]);
    }
  });
}

/// A float sample as the quantized model's argument \p argType takes it.
static llvm::Error prepareInput(const Tensor &sample, Type argType,
                                Tensor &out) {
  QuantInfo q = getQuantInfo(argType);
  if (!q.quantized || sample.getKind() != ElementKind::F32) {
    out = sample;
    return llvm::Error::success();
  }
  ElementKind kind;
  if (!getElementKindFor(argType, kind) || q.axis >= 0)
    return llvm::createStringError("unsupported quantized input type");
  out.reset(kind, sample.getShape());
  const float *src = sample.getData<float>();
  dispatchElementKind(kind, [&](auto tag) {
    using T = decltype(tag);
    T *dst = out.getData<T>();
    for (int64_t i = 0, e = sample.getNumElements(); i < e; ++i) {
      double v = std::round(src[i] / q.scales[0]) + q.zeroPoints[0];
      v = std::min<double>(std::max<double>(v, q.storageMin), q.storageMax);
      dst[i] = static_cast<T>(v);
    }
  });
  return llvm::Error::success();
}

static void accumulate(TensorStats &s, llvm::ArrayRef<float> ref,
                       llvm::ArrayRef<float> quant) {
  for (size_t i = 0; i < ref.size(); ++i) {
    double x = ref[i], e = double(quant[i]) - x;
    if (s.count == 0 && i == 0)
      s.observedMin = s.observedMax = ref[i];
    s.observedMin = std::min(s.observedMin, ref[i]);
    s.observedMax = std::max(s.observedMax, ref[i]);
    s.signal += x * x;
    s.sum += x;
    s.noise += e * e;
    s.maxAbsError = std::max(s.maxAbsError, std::fabs(e));
    if (ref[i] < s.usedMin || ref[i] > s.usedMax)
      ++s.clipped;
  }
  s.count += ref.size();
}

static std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << getElementTypeOrSelf(type);
  return text;
}

static void setUsedRange(TensorStats &s, const QuantInfo &q) {
  if (!q.quantized) {
    s.usedMin = -std::numeric_limits<float>::infinity();
    s.usedMax = std::numeric_limits<float>::infinity();
    return;
  }
  s.perAxis = q.axis >= 0;
  s.zeroPoint = q.zeroPoints[0];
  s.usedMin = std::numeric_limits<float>::infinity();
  s.usedMax = -std::numeric_limits<float>::infinity();
  for (size_t c = 0; c < q.scales.size(); ++c) {
    s.scale = std::max(s.scale, q.scales[c]);
    s.usedMin = std::min<float>(s.usedMin,
                                (q.storageMin - q.zeroPoints[c]) * q.scales[c]);
    s.usedMax = std::max<float>(s.usedMax,
                                (q.storageMax - q.zeroPoints[c]) * q.scales[c]);
  }
}

llvm::Error qnt::evaluate(const Interpreter &floatModel,
                          const Interpreter &quantModel,
                          const std::vector<std::vector<Tensor>> &samples,
                          bool compareTensors,
                          std::vector<OutputStats> &outputs,
                          std::vector<TensorStats> *tensors,
                          ProgressBar *progress) {
  func::FuncOp floatFunc = floatModel.getFunction();
  func::FuncOp quantFunc = quantModel.getFunction();
  if (floatFunc.getNumArguments() != quantFunc.getNumArguments() ||
      floatFunc.getNumResults() != quantFunc.getNumResults())
    return llvm::createStringError(
        "the converted model has a different signature");
  std::vector<std::string> names = getOutputNames(floatFunc);
  outputs.assign(names.size(), OutputStats());
  for (size_t i = 0; i < names.size(); ++i) {
    TensorStats &s = outputs[i].values;
    s.name = names[i];
    s.type = typeString(quantFunc.getResultTypes()[i]);
    setUsedRange(s, getQuantInfo(quantFunc.getResultTypes()[i]));
  }

  llvm::StringMap<size_t> tensorIndex;
  llvm::StringMap<Tensor> floatValues;
  llvm::StringSet<> seen;
  std::vector<float> ref, quant;
  Interpreter::Workspace floatWs, quantWs;
  llvm::SmallVector<Tensor> floatOut, quantOut;
  std::vector<Tensor> quantIn;

  for (size_t sample = 0; sample < samples.size(); ++sample) {
    floatValues.clear();
    Observer floatObserver;
    if (compareTensors && tensors)
      floatObserver = [&](Value v, const Tensor &t) {
        if (t.getKind() != ElementKind::F32 || floatModel.isConstant(v))
          return;
        std::string name = getValueName(v, "");
        if (!name.empty() && !floatValues.count(name))
          floatValues[name] = t;
      };
    if (llvm::Error err = floatModel.run(samples[sample], floatWs, floatOut,
                                         floatObserver))
      return llvm::createStringError("float model, sample " +
                                     std::to_string(sample) + ": " +
                                     toString(std::move(err)));

    quantIn.resize(samples[sample].size());
    for (size_t i = 0; i < samples[sample].size(); ++i)
      if (llvm::Error err = prepareInput(
              samples[sample][i], quantFunc.getArgument(i).getType(),
              quantIn[i]))
        return err;
    seen.clear();
    Observer quantObserver;
    if (compareTensors && tensors)
      quantObserver = [&](Value v, const Tensor &t) {
        QuantInfo q = getQuantInfo(v.getType());
        if (!q.quantized || quantModel.isConstant(v))
          return;
        std::string name = getValueName(v, "");
        // A model output is named on the dequantize that makes it float;
        // the quantized tensor it reads carries the name then.
        if (!floatValues.count(name))
          for (Operation *user : v.getUsers())
            if (isa<DequantizeOp>(user)) {
              std::string outputName = getValueName(user->getResult(0), "");
              if (floatValues.count(outputName)) {
                name = outputName;
                break;
              }
            }
        if (name.empty() || !seen.insert(name).second)
          return;
        auto it = floatValues.find(name);
        if (it == floatValues.end() || it->second.getShape() != t.getShape())
          return;
        auto [pos, inserted] = tensorIndex.try_emplace(name, tensors->size());
        if (inserted) {
          TensorStats s;
          s.name = name;
          s.opName = v.getDefiningOp()
                         ? v.getDefiningOp()->getName().getStringRef().str()
                         : "argument";
          s.type = typeString(v.getType());
          setUsedRange(s, q);
          if (Operation *def = v.getDefiningOp())
            for (Value operand : def->getOperands()) {
              auto in = tensorIndex.find(getValueName(operand, ""));
              if (in != tensorIndex.end() &&
                  in->second < tensors->size())
                s.inputs.push_back(in->second);
            }
          tensors->push_back(std::move(s));
        }
        TensorStats &s = (*tensors)[pos->second];
        const Tensor &f = it->second;
        ref.assign(f.getData<float>(), f.getData<float>() + f.getNumElements());
        toReal(t, q, quant);
        accumulate(s, ref, quant);
      };
    if (llvm::Error err =
            quantModel.run(quantIn, quantWs, quantOut, quantObserver))
      return llvm::createStringError("converted model, sample " +
                                     std::to_string(sample) + ": " +
                                     toString(std::move(err)));

    for (size_t i = 0; i < outputs.size(); ++i) {
      toReal(floatOut[i], getQuantInfo(floatFunc.getResultTypes()[i]), ref);
      toReal(quantOut[i], getQuantInfo(quantFunc.getResultTypes()[i]), quant);
      if (ref.size() != quant.size())
        return llvm::createStringError(
            "output '" + names[i] + "' has " + std::to_string(quant.size()) +
            " values in the converted model, " + std::to_string(ref.size()) +
            " in the float model");
      OutputStats &o = outputs[i];
      accumulate(o.values, ref, quant);
      llvm::ArrayRef<int64_t> shape = floatOut[i].getShape();
      if (shape.size() == 2 && shape[1] > 1) {
        if (!o.top1Agree)
          o.top1Agree = 0;
        int64_t classes = shape[1];
        for (int64_t row = 0; row < shape[0]; ++row) {
          auto argmax = [&](const std::vector<float> &v) {
            auto begin = v.begin() + row * classes;
            return std::max_element(begin, begin + classes) - begin;
          };
          *o.top1Agree += argmax(ref) == argmax(quant);
          ++o.top1Rows;
        }
      }
    }
    if (progress)
      progress->advance();
  }
  return llvm::Error::success();
}
