//===- ReductionOps.cpp - softmax, mean, sum, reduce/arg max and min ------===//
//
// Quantized SOFTMAX and LOG_SOFTMAX follow the float formulation of TFLite's
// optimized 8-bit kernels (exponentials of integer differences from the row
// maximum, a float sum, rounding half away from zero), which agrees with the
// TFLite runtime within one unit in the last place. Quantized MEAN over the
// two spatial axes of a 4-D tensor with keep_dims uses TFLite's fixed-point
// formula; other quantized means use its float formula.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
/// Rows of the last dimension: count and length.
struct Rows {
  int64_t count, depth;
};

llvm::Expected<Rows> lastDimRows(const Tensor &t) {
  if (t.getRank() == 0)
    return kernelError("expected a tensor of rank >= 1");
  Rows r;
  r.depth = t.getShape().back();
  r.count = r.depth ? t.getNumElements() / r.depth : 0;
  return r;
}

/// Calls fn(in, out, depth, qi, qo) for each row of an 8-bit or 16-bit
/// quantized tensor.
template <typename Fn>
llvm::Error forEachQuantizedRow(Value input, Value output, const Tensor &in,
                                Tensor &result, Rows rows, Fn fn) {
  auto qi = getPerTensorQuantInfo(input, "input");
  if (!qi)
    return qi.takeError();
  auto qo = getPerTensorQuantInfo(output, "result");
  if (!qo)
    return qo.takeError();
  if (in.getKind() != result.getKind())
    return kernelError("input and result must share a storage type");
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t> ||
                  std::is_same_v<T, int16_t>) {
      for (int64_t r = 0; r < rows.count; ++r)
        fn(in.getData<T>() + r * rows.depth,
           result.getData<T>() + r * rows.depth, rows.depth, *qi, *qo);
      return llvm::Error::success();
    } else {
      return kernelError("unsupported quantized storage {0}",
                         getElementKindName(in.getKind()));
    }
  });
}
} // namespace

llvm::Error interp::evalSoftmax(SoftmaxOp op, Operands operands,
                                Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto rows = lastDimRows(in);
  if (!rows)
    return rows.takeError();
  if (auto err = prepareResult(op.getOutput(), in.getShape(), result))
    return err;
  float beta = op.getBeta().convertToFloat();
  if (!isQuantized(op.getOutput())) {
    if (in.getKind() != ElementKind::F32)
      return kernelError("expected a float input");
    for (int64_t r = 0; r < rows->count; ++r) {
      const float *x = in.getData<float>() + r * rows->depth;
      float *y = result.getData<float>() + r * rows->depth;
      float max = *std::max_element(x, x + rows->depth);
      float sum = 0;
      for (int64_t c = 0; c < rows->depth; ++c) {
        y[c] = std::exp((x[c] - max) * beta);
        sum += y[c];
      }
      for (int64_t c = 0; c < rows->depth; ++c)
        y[c] /= sum;
    }
    return llvm::Error::success();
  }
  return forEachQuantizedRow(
      op.getInput(), op.getOutput(), in, result, *rows,
      [&](auto *x, auto *y, int64_t depth, const QuantInfo &qi,
          const QuantInfo &qo) {
        using T = std::remove_pointer_t<decltype(y)>;
        int32_t max = *std::max_element(x, x + depth);
        float inScale = static_cast<float>(qi.scale());
        float sum = 0;
        for (int64_t c = 0; c < depth; ++c)
          sum += std::exp(-inScale * beta * static_cast<float>(max - x[c]));
        float inverse = 1.0f / (sum * static_cast<float>(qo.scale()));
        for (int64_t c = 0; c < depth; ++c) {
          float e = std::exp(-inScale * beta * static_cast<float>(max - x[c]));
          int64_t q = static_cast<int64_t>(std::round(e * inverse)) +
                      qo.zeroPoint();
          y[c] = clampTo<T>(q, qo.qmin, qo.qmax);
        }
      });
}

llvm::Error interp::evalLogSoftmax(LogSoftmaxOp op, Operands operands,
                                   Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto rows = lastDimRows(in);
  if (!rows)
    return rows.takeError();
  if (auto err = prepareResult(op.getOutput(), in.getShape(), result))
    return err;
  if (!isQuantized(op.getOutput())) {
    if (in.getKind() != ElementKind::F32)
      return kernelError("expected a float input");
    for (int64_t r = 0; r < rows->count; ++r) {
      const float *x = in.getData<float>() + r * rows->depth;
      float *y = result.getData<float>() + r * rows->depth;
      float max = *std::max_element(x, x + rows->depth);
      float sum = 0;
      for (int64_t c = 0; c < rows->depth; ++c)
        sum += std::exp(x[c] - max);
      float logSum = std::log(sum);
      for (int64_t c = 0; c < rows->depth; ++c)
        y[c] = x[c] - max - logSum;
    }
    return llvm::Error::success();
  }
  return forEachQuantizedRow(
      op.getInput(), op.getOutput(), in, result, *rows,
      [&](auto *x, auto *y, int64_t depth, const QuantInfo &qi,
          const QuantInfo &qo) {
        using T = std::remove_pointer_t<decltype(y)>;
        int32_t max = *std::max_element(x, x + depth);
        float inScale = static_cast<float>(qi.scale());
        float sum = 0;
        for (int64_t c = 0; c < depth; ++c)
          sum += std::exp(-inScale * static_cast<float>(max - x[c]));
        float logSum = std::log(sum);
        float outScale = static_cast<float>(qo.scale());
        for (int64_t c = 0; c < depth; ++c) {
          float real = -inScale * static_cast<float>(max - x[c]) - logSum;
          int64_t q = static_cast<int64_t>(std::round(real / outScale)) +
                      qo.zeroPoint();
          y[c] = clampTo<T>(q, qo.qmin, qo.qmax);
        }
      });
}

//===----------------------------------------------------------------------===//
// qnt.mean
//===----------------------------------------------------------------------===//

namespace {
/// Calls fn(inIndex, outIndex) for every input element in row-major order.
template <typename Fn>
void forEachReducedElement(llvm::ArrayRef<int64_t> shape,
                           llvm::ArrayRef<int64_t> outStrides, Fn fn) {
  int64_t total = 1;
  for (int64_t d : shape)
    total *= d;
  if (total == 0)
    return;
  const int64_t rank = shape.size();
  if (rank == 0) {
    fn(0, 0);
    return;
  }
  llvm::SmallVector<int64_t> index(rank, 0);
  int64_t outOffset = 0;
  for (int64_t i = 0; i < total; ++i) {
    fn(i, outOffset);
    for (int64_t d = rank - 1; d >= 0; --d) {
      outOffset += outStrides[d];
      if (++index[d] < shape[d])
        break;
      outOffset -= outStrides[d] * shape[d];
      index[d] = 0;
    }
  }
}

/// Sums the elements of \p in into \p sums (one per output element): output
/// strides are 0 along reduced axes.
template <typename In, typename Acc>
void reduceSum(const In *in, llvm::ArrayRef<int64_t> shape,
               llvm::ArrayRef<int64_t> outStrides, Acc offset, Acc *sums) {
  forEachReducedElement(shape, outStrides, [&](int64_t i, int64_t o) {
    sums[o] += static_cast<Acc>(in[i]) + offset;
  });
}
} // namespace

llvm::Error interp::evalMean(MeanOp op, Operands operands, Tensor &result,
                             Scratch &scratch) {
  const Tensor &in = *operands[0];
  auto axes = readIndexTensor(*operands[1], "axis");
  if (!axes)
    return axes.takeError();
  const int64_t rank = in.getRank();
  llvm::SmallVector<bool> reduced(rank, false);
  for (int64_t a : *axes) {
    auto axis = normalizeAxis(a, rank);
    if (!axis)
      return axis.takeError();
    reduced[*axis] = true;
  }
  llvm::SmallVector<int64_t> outShape, keptShape;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (reduced[d]) {
      count *= in.getDimSize(d);
      if (op.getKeepDims())
        outShape.push_back(1);
      keptShape.push_back(1);
    } else {
      outShape.push_back(in.getDimSize(d));
      keptShape.push_back(in.getDimSize(d));
    }
  }
  if (auto err = prepareResult(op.getOutput(), outShape, result))
    return err;
  llvm::SmallVector<int64_t> outStrides = rowMajorStrides(keptShape);
  for (int64_t d = 0; d < rank; ++d)
    if (reduced[d])
      outStrides[d] = 0;
  const int64_t outCount = result.getNumElements();
  if (count == 0)
    return kernelError("mean over an empty dimension");

  if (!isQuantized(op.getOutput())) {
    if (in.getKind() != ElementKind::F32)
      return kernelError("expected a float input");
    std::vector<double> sums(outCount, 0.0);
    reduceSum(in.getData<float>(), in.getShape(), outStrides, 0.0,
              sums.data());
    float *out = result.getData<float>();
    for (int64_t i = 0; i < outCount; ++i)
      out[i] = static_cast<float>(sums[i] / static_cast<double>(count));
    return llvm::Error::success();
  }

  auto qi = getPerTensorQuantInfo(op.getInput(), "input");
  if (!qi)
    return qi.takeError();
  auto qo = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!qo)
    return qo.takeError();
  if (in.getKind() != result.getKind())
    return kernelError("input and result must share a storage type");
  bool spatial4d = op.getKeepDims() && rank == 4 && axes->size() == 2 &&
                   reduced[1] && reduced[2] && !reduced[0] && !reduced[3];
  int64_t *sums = scratch.grow(scratch.i64, outCount);
  std::fill(sums, sums + outCount, 0);
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t> ||
                  std::is_same_v<T, int16_t>) {
      T *out = result.getData<T>();
      if (spatial4d) {
        // Fixed point: the zero-point-corrected sum rescaled by
        // in_scale / out_scale, then divided by the count (rounding half away
        // from zero).
        reduceSum(in.getData<T>(), in.getShape(), outStrides,
                  static_cast<int64_t>(-qi->zeroPoint()), sums);
        auto m = checkedMultiplier(qi->scale() / qo->scale(), "rescale");
        if (!m)
          return m.takeError();
        for (int64_t i = 0; i < outCount; ++i) {
          if (sums[i] > std::numeric_limits<int32_t>::max() ||
              sums[i] < std::numeric_limits<int32_t>::min())
            return kernelError("integer sum overflows 32 bits");
          int32_t acc = multiplyByQuantizedMultiplier(
              static_cast<int32_t>(sums[i]), *m);
          int32_t n = static_cast<int32_t>(count);
          acc = acc > 0 ? (acc + n / 2) / n : (acc - n / 2) / n;
          out[i] = clampTo<T>(int64_t(acc) + qo->zeroPoint(), qo->qmin,
                              qo->qmax);
        }
        return llvm::Error::success();
      }
      // TFLite's general quantized mean: float mean of the stored values,
      // rescaled, rounded half away from zero.
      reduceSum(in.getData<T>(), in.getShape(), outStrides, int64_t(0), sums);
      float scale = static_cast<float>(qi->scale()) /
                    static_cast<float>(qo->scale());
      float bias = -static_cast<float>(qi->zeroPoint()) * scale;
      for (int64_t i = 0; i < outCount; ++i) {
        float mean = static_cast<float>(sums[i]) / static_cast<float>(count);
        float q = std::round(mean * scale + bias) +
                  static_cast<float>(qo->zeroPoint());
        q = std::min(std::max(q, static_cast<float>(qo->qmin)),
                     static_cast<float>(qo->qmax));
        out[i] = static_cast<T>(q);
      }
      return llvm::Error::success();
    } else {
      return kernelError("unsupported quantized storage {0}",
                         getElementKindName(in.getKind()));
    }
  });
}

//===----------------------------------------------------------------------===//
// qnt.sum, qnt.reduce_max, qnt.reduce_min
//===----------------------------------------------------------------------===//

namespace {
/// Where each input element goes in a reduction over some axes.
struct ReductionLayout {
  llvm::SmallVector<int64_t> outShape;
  /// Row-major strides of the output seen from the input: 0 along reduced
  /// axes.
  llvm::SmallVector<int64_t> outStrides;
  /// Input elements folded into each output element.
  int64_t count = 1;
};

llvm::Expected<ReductionLayout> reductionLayout(const Tensor &in,
                                                const Tensor &axisTensor,
                                                bool keepDims) {
  auto axes = readIndexTensor(axisTensor, "axis");
  if (!axes)
    return axes.takeError();
  const int64_t rank = in.getRank();
  llvm::SmallVector<bool> reduced(rank, false);
  for (int64_t a : *axes) {
    auto axis = normalizeAxis(a, rank);
    if (!axis)
      return axis.takeError();
    reduced[*axis] = true;
  }
  ReductionLayout layout;
  llvm::SmallVector<int64_t> keptShape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = in.getDimSize(d);
    if (reduced[d]) {
      layout.count *= size;
      if (keepDims)
        layout.outShape.push_back(1);
      keptShape.push_back(1);
    } else {
      layout.outShape.push_back(size);
      keptShape.push_back(size);
    }
  }
  layout.outStrides = rowMajorStrides(keptShape);
  for (int64_t d = 0; d < rank; ++d)
    if (reduced[d])
      layout.outStrides[d] = 0;
  return layout;
}

/// REDUCE_MAX / REDUCE_MIN: the same comparison on floats and on stored
/// integers (quantized operands share their parameters).
template <bool isMax, typename OpTy>
llvm::Error evalExtremum(OpTy op, Operands operands, Tensor &result) {
  const Tensor &in = *operands[0];
  auto layout = reductionLayout(in, *operands[1], op.getKeepDims());
  if (!layout)
    return layout.takeError();
  if (auto err = prepareResult(op.getOutput(), layout->outShape, result))
    return err;
  if (layout->count == 0)
    return kernelError("{0} over an empty dimension",
                       isMax ? "maximum" : "minimum");
  if (in.getKind() != result.getKind())
    return kernelError("input and result must share an element type");
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    const T *src = in.getData<T>();
    T *out = result.getData<T>();
    std::fill(out, out + result.getNumElements(),
              isMax ? std::numeric_limits<T>::lowest()
                    : std::numeric_limits<T>::max());
    forEachReducedElement(in.getShape(), layout->outStrides,
                          [&](int64_t i, int64_t o) {
                            if (isMax ? src[i] > out[o] : src[i] < out[o])
                              out[o] = src[i];
                          });
    return llvm::Error::success();
  });
}
} // namespace

llvm::Error interp::evalSum(SumOp op, Operands operands, Tensor &result,
                            Scratch &scratch) {
  const Tensor &in = *operands[0];
  auto layout = reductionLayout(in, *operands[1], op.getKeepDims());
  if (!layout)
    return layout.takeError();
  if (auto err = prepareResult(op.getOutput(), layout->outShape, result))
    return err;
  const int64_t outCount = result.getNumElements();

  if (!isQuantized(op.getOutput())) {
    if (in.getKind() != ElementKind::F32)
      return kernelError("expected a float input");
    std::vector<double> sums(outCount, 0.0);
    reduceSum(in.getData<float>(), in.getShape(), layout->outStrides, 0.0,
              sums.data());
    float *out = result.getData<float>();
    for (int64_t i = 0; i < outCount; ++i)
      out[i] = static_cast<float>(sums[i]);
    return llvm::Error::success();
  }

  auto qi = getPerTensorQuantInfo(op.getInput(), "input");
  if (!qi)
    return qi.takeError();
  auto qo = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!qo)
    return qo.takeError();
  if (in.getKind() != result.getKind())
    return kernelError("input and result must share a storage type");
  int64_t *sums = scratch.grow(scratch.i64, outCount);
  std::fill(sums, sums + outCount, 0);
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t> ||
                  std::is_same_v<T, int16_t>) {
      const T *src = in.getData<T>();
      forEachReducedElement(in.getShape(), layout->outStrides,
                            [&](int64_t i, int64_t o) { sums[o] += src[i]; });
      // TFLite sums the stored values in 32 bits and maps the sum to the
      // output in float: the zero points enter as a float bias.
      float scale = static_cast<float>(qi->scale()) /
                    static_cast<float>(qo->scale());
      float bias = -static_cast<float>(qi->zeroPoint()) * scale *
                   static_cast<float>(layout->count);
      T *out = result.getData<T>();
      for (int64_t i = 0; i < outCount; ++i) {
        if (sums[i] > std::numeric_limits<int32_t>::max() ||
            sums[i] < std::numeric_limits<int32_t>::min())
          return kernelError("integer sum overflows 32 bits");
        float q = std::round(static_cast<float>(sums[i]) * scale + bias) +
                  static_cast<float>(qo->zeroPoint());
        q = std::min(std::max(q, static_cast<float>(qo->qmin)),
                     static_cast<float>(qo->qmax));
        out[i] = static_cast<T>(q);
      }
      return llvm::Error::success();
    } else {
      return kernelError("unsupported quantized storage {0}",
                         getElementKindName(in.getKind()));
    }
  });
}

llvm::Error interp::evalReduceMax(ReduceMaxOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  return evalExtremum<true>(op, operands, result);
}

llvm::Error interp::evalReduceMin(ReduceMinOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  return evalExtremum<false>(op, operands, result);
}

//===----------------------------------------------------------------------===//
// qnt.arg_max, qnt.arg_min
//===----------------------------------------------------------------------===//

template <bool IsMax, typename OpT>
static llvm::Error evalArgExtremum(OpT op, Operands operands,
                                   Tensor &result) {
  const Tensor &in = *operands[0];
  auto dims = readIndexTensor(*operands[1], "dimension");
  if (!dims)
    return dims.takeError();
  if (dims->size() != 1)
    return kernelError("dimension has {0} elements, expected 1", dims->size());
  auto axis = normalizeAxis(dims->front(), in.getRank());
  if (!axis)
    return axis.takeError();
  llvm::SmallVector<int64_t> outShape;
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    if (d == *axis)
      continue;
    outShape.push_back(in.getDimSize(d));
    (d < *axis ? outer : inner) *= in.getDimSize(d);
  }
  if (auto err = prepareResult(op.getOutput(), outShape, result))
    return err;
  const int64_t depth = in.getDimSize(*axis);
  if (depth == 0)
    return kernelError("{0} over an empty dimension",
                       op->getName().stripDialect());
  if (result.getKind() != ElementKind::I32 &&
      result.getKind() != ElementKind::I64)
    return kernelError("expected an i32 or i64 result");
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    const T *src = in.getData<T>();
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        const T *row = src + o * depth * inner + i;
        int64_t best = 0;
        // Strictly better: the first extremum wins, as in TFLite.
        for (int64_t k = 1; k < depth; ++k)
          if (IsMax ? row[k * inner] > row[best * inner]
                    : row[k * inner] < row[best * inner])
            best = k;
        int64_t at = o * inner + i;
        if (result.getKind() == ElementKind::I32)
          result.getData<int32_t>()[at] = static_cast<int32_t>(best);
        else
          result.getData<int64_t>()[at] = best;
      }
    return llvm::Error::success();
  });
}

llvm::Error interp::evalArgMax(ArgMaxOp op, Operands operands, Tensor &result,
                               Scratch &) {
  return evalArgExtremum<true>(op, operands, result);
}

llvm::Error interp::evalArgMin(ArgMinOp op, Operands operands, Tensor &result,
                               Scratch &) {
  return evalArgExtremum<false>(op, operands, result);
}
