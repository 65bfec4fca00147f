//===- DataMovementOps.cpp - Reshapes, copies, padding and resizing -------===//
//
// Ops that move elements without arithmetic work on bytes, for every element
// type alike; quantized operands share scale and zero point with the result
// (the zero point is what padding inserts). Resizing interpolates: in float,
// or in TFLite's 10-bit fixed point for 8- and 16-bit signed quantized data.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "qnt/Dialect/Qnt/IR/StridedSliceWindow.h"
#include "qnt/Support/ResizeSampling.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
/// Copies a strided selection of \p in (per dimension: first index, step and
/// count) to \p out in row-major order.
void gatherStrided(const Tensor &in, llvm::ArrayRef<int64_t> start,
                   llvm::ArrayRef<int64_t> step, llvm::ArrayRef<int64_t> count,
                   void *out) {
  const size_t size = getElementSize(in.getKind());
  const int64_t rank = in.getRank();
  int64_t total = 1;
  for (int64_t c : count)
    total *= c;
  if (total == 0)
    return;
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(out);
  if (rank == 0) {
    std::memcpy(dst, src, size);
    return;
  }
  llvm::SmallVector<int64_t> strides = rowMajorStrides(in.getShape());
  llvm::SmallVector<int64_t> index(rank, 0);
  int64_t offset = 0;
  for (int64_t d = 0; d < rank; ++d)
    offset += start[d] * strides[d];
  const int64_t inner = count[rank - 1];
  const int64_t innerStep = step[rank - 1] * strides[rank - 1];
  for (int64_t done = 0; done < total; done += inner) {
    if (innerStep == 1) {
      std::memcpy(dst, src + offset * size, inner * size);
      dst += inner * size;
    } else {
      for (int64_t i = 0; i < inner; ++i, dst += size)
        std::memcpy(dst, src + (offset + i * innerStep) * size, size);
    }
    for (int64_t d = rank - 2; d >= 0; --d) {
      offset += step[d] * strides[d];
      if (++index[d] < count[d])
        break;
      offset -= step[d] * strides[d] * count[d];
      index[d] = 0;
    }
  }
}

void copyBytes(const Tensor &in, Tensor &result) {
  if (in.getNumBytes())
    std::memcpy(result.getRawData(), in.getRawData(), in.getNumBytes());
}

/// The stored value that represents real 0: the zero point when quantized.
llvm::Expected<int64_t> zeroValue(Value v) {
  if (!isQuantized(v))
    return 0;
  auto info = getPerTensorQuantInfo(v, "result");
  if (!info)
    return info.takeError();
  return info->zeroPoint();
}

/// Fills \p t with \p value converted to its element type.
void fill(Tensor &t, double value) {
  dispatchElementKind(t.getKind(), [&](auto tag) {
    using T = decltype(tag);
    std::fill(t.getData<T>(), t.getData<T>() + t.getNumElements(),
              static_cast<T>(value));
  });
}
} // namespace

//===----------------------------------------------------------------------===//
// reshape, squeeze, transpose
//===----------------------------------------------------------------------===//

llvm::Error interp::evalReshape(ReshapeOp op, Operands operands,
                                Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto type = cast<RankedTensorType>(op.getOutput().getType());
  llvm::SmallVector<int64_t> shape(type.getShape());
  // Dynamic extents come from the shape operand when there is one, and one
  // remaining unknown extent from the element count.
  if (operands.size() > 1) {
    auto values = readIndexTensor(*operands[1], "shape");
    if (!values)
      return values.takeError();
    if (static_cast<int64_t>(values->size()) != type.getRank())
      return kernelError("shape has {0} elements for a result of rank {1}",
                         values->size(), type.getRank());
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (type.isDynamicDim(d))
        shape[d] = (*values)[d];
      else if ((*values)[d] >= 0 && (*values)[d] != shape[d])
        // A shape computed at run time that contradicts the result type.
        return kernelError("shape operand {0} does not match the result "
                           "shape {1}",
                           shapeToString(*values), shapeToString(shape));
    }
  }
  int64_t known = 1, unknown = -1;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    if (shape[d] < 0) {
      if (unknown >= 0)
        return kernelError("more than one unknown extent in shape {0}",
                           shapeToString(shape));
      unknown = d;
      continue;
    }
    known *= shape[d];
  }
  if (unknown >= 0) {
    if (known == 0 || in.getNumElements() % known != 0)
      return kernelError("cannot infer an extent to reshape {0} elements to "
                         "{1}",
                         in.getNumElements(), shapeToString(shape));
    shape[unknown] = in.getNumElements() / known;
    known *= shape[unknown];
  }
  if (known != in.getNumElements())
    return kernelError("cannot reshape {0} into {1}",
                       shapeToString(in.getShape()), shapeToString(shape));
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  copyBytes(in, result);
  return llvm::Error::success();
}

llvm::Error interp::evalSqueeze(SqueezeOp op, Operands operands,
                                Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  llvm::SmallVector<bool> drop(in.getRank(), false);
  if (op.getSqueezeDims().empty()) {
    for (int64_t d = 0; d < in.getRank(); ++d)
      drop[d] = in.getDimSize(d) == 1;
  }
  for (int64_t dim : op.getSqueezeDims()) {
    auto d = normalizeAxis(dim, in.getRank());
    if (!d)
      return d.takeError();
    if (in.getDimSize(*d) != 1)
      return kernelError("cannot squeeze dimension {0} of size {1}", dim,
                         in.getDimSize(*d));
    drop[*d] = true;
  }
  llvm::SmallVector<int64_t> shape;
  for (int64_t d = 0; d < in.getRank(); ++d)
    if (!drop[d])
      shape.push_back(in.getDimSize(d));
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  copyBytes(in, result);
  return llvm::Error::success();
}

llvm::Error interp::evalTranspose(TransposeOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto perm = readIndexTensor(*operands[1], "perm");
  if (!perm)
    return perm.takeError();
  const int64_t rank = in.getRank();
  if (static_cast<int64_t>(perm->size()) != rank)
    return kernelError("perm has {0} elements for rank {1}", perm->size(), rank);
  llvm::SmallVector<bool> seen(rank, false);
  for (int64_t &p : *perm) {
    // TFLite accepts entries counting from the end.
    if (p < 0)
      p += rank;
    if (p < 0 || p >= rank || seen[p])
      return kernelError("perm {0} is not a permutation of [0, {1})",
                         shapeToString(*perm), rank);
    seen[p] = true;
  }
  llvm::SmallVector<int64_t> shape, inStrides = rowMajorStrides(in.getShape());
  llvm::SmallVector<int64_t> start(rank, 0), step(rank), count(rank);
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(in.getDimSize((*perm)[d]));
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  // Walk the output in order; output dimension d steps through input
  // dimension perm[d].
  const size_t size = getElementSize(in.getKind());
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  int64_t total = result.getNumElements();
  if (total == 0)
    return llvm::Error::success();
  if (rank == 0) {
    std::memcpy(dst, src, size);
    return llvm::Error::success();
  }
  llvm::SmallVector<int64_t> index(rank, 0);
  int64_t offset = 0;
  for (int64_t i = 0; i < total; ++i, dst += size) {
    std::memcpy(dst, src + offset * size, size);
    for (int64_t d = rank - 1; d >= 0; --d) {
      int64_t stride = inStrides[(*perm)[d]];
      offset += stride;
      if (++index[d] < shape[d])
        break;
      offset -= stride * shape[d];
      index[d] = 0;
    }
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// concatenation
//===----------------------------------------------------------------------===//

llvm::Error interp::evalConcatenation(ConcatenationOp op, Operands operands,
                                      Tensor &result, Scratch &) {
  if (operands.empty())
    return kernelError("nothing to concatenate");
  const Tensor &first = *operands[0];
  // The attribute is signed; its getter returns it as unsigned.
  auto axis =
      normalizeAxis(static_cast<int32_t>(op.getAxis()), first.getRank());
  if (!axis)
    return axis.takeError();
  llvm::SmallVector<int64_t> shape(first.getShape());
  shape[*axis] = 0;
  for (const Tensor *t : operands) {
    if (t->getRank() != first.getRank() || t->getKind() != first.getKind())
      return kernelError("concatenated values differ in rank or element type");
    for (int64_t d = 0; d < t->getRank(); ++d)
      if (d != *axis && t->getDimSize(d) != first.getDimSize(d))
        return kernelError("value of shape {0} does not match {1} outside "
                           "axis {2}",
                           shapeToString(t->getShape()),
                           shapeToString(first.getShape()), *axis);
    shape[*axis] += t->getDimSize(*axis);
  }
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  if (result.getKind() != first.getKind())
    return kernelError("values and result must have one element type");

  // Quantized values whose parameters differ from the result's are
  // requantized on the way (TFLite's uint8 formula, in float).
  bool quantized = isQuantized(op.getOutput());
  QuantInfo out;
  llvm::SmallVector<std::optional<QuantInfo>> rescale(operands.size());
  if (quantized) {
    auto o = getPerTensorQuantInfo(op.getOutput(), "result");
    if (!o)
      return o.takeError();
    out = *o;
    for (auto [i, v] : llvm::enumerate(op.getValues())) {
      auto q = getPerTensorQuantInfo(v, "value");
      if (!q)
        return q.takeError();
      if (float(q->scale()) != float(out.scale()) ||
          q->zeroPoint() != out.zeroPoint())
        rescale[i] = *q;
    }
  }

  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < *axis; ++d)
    outer *= shape[d];
  for (int64_t d = *axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  const size_t size = getElementSize(result.getKind());
  char *dst = static_cast<char *>(result.getRawData());
  const int64_t outRow = shape[*axis] * inner;
  int64_t column = 0;
  for (auto [i, t] : llvm::enumerate(operands)) {
    const int64_t chunk = t->getDimSize(*axis) * inner;
    const char *src = static_cast<const char *>(t->getRawData());
    for (int64_t o = 0; o < outer; ++o) {
      char *to = dst + (o * outRow + column) * size;
      const char *from = src + o * chunk * size;
      if (!rescale[i]) {
        std::memcpy(to, from, chunk * size);
        continue;
      }
      float scale = float(rescale[i]->scale()) / float(out.scale());
      float bias = -float(rescale[i]->zeroPoint()) * scale;
      dispatchElementKind(result.getKind(), [&](auto tag) {
        using T = decltype(tag);
        const T *x = reinterpret_cast<const T *>(from);
        T *y = reinterpret_cast<T *>(to);
        for (int64_t j = 0; j < chunk; ++j) {
          int64_t q = static_cast<int64_t>(std::round(float(x[j]) * scale + bias)) +
                      out.zeroPoint();
          y[j] = clampTo<T>(q, out.qmin, out.qmax);
        }
      });
    }
    column += chunk;
  }

  Activation act = op.getFusedActivation();
  if (act == Activation::None)
    return llvm::Error::success();
  if (!quantized) {
    if (result.getKind() != ElementKind::F32)
      return kernelError("fused activation on a non-float concatenation");
    return applyFloatActivation(act, result.getData<float>(),
                                result.getNumElements());
  }
  auto range = quantizedActivationRange(act, out);
  if (!range)
    return range.takeError();
  dispatchElementKind(result.getKind(), [&](auto tag) {
    using T = decltype(tag);
    T *y = result.getData<T>();
    for (int64_t j = 0; j < result.getNumElements(); ++j)
      y[j] = clampTo<T>(static_cast<int64_t>(y[j]), range->first,
                        range->second);
  });
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// pad, pad_v2
//===----------------------------------------------------------------------===//

static llvm::Error padWith(Value output, const Tensor &in,
                           const Tensor &paddingsTensor, double padValue,
                           Tensor &result) {
  auto paddings = readIndexTensor(paddingsTensor, "paddings");
  if (!paddings)
    return paddings.takeError();
  const int64_t rank = in.getRank();
  if (static_cast<int64_t>(paddings->size()) != 2 * rank)
    return kernelError("paddings has {0} values for rank {1}", paddings->size(),
                       rank);
  llvm::SmallVector<int64_t> shape, before;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t lo = (*paddings)[2 * d], hi = (*paddings)[2 * d + 1];
    if (lo < 0 || hi < 0)
      return kernelError("negative padding {0}, {1} in dimension {2}", lo, hi,
                         d);
    before.push_back(lo);
    shape.push_back(in.getDimSize(d) + lo + hi);
  }
  if (auto err = prepareResult(output, shape, result))
    return err;
  if (in.getNumElements() == 0 || rank == 0) {
    fill(result, padValue);
    if (rank == 0)
      copyBytes(in, result);
    return llvm::Error::success();
  }
  // Only padding of the outer dimensions needs a fill of the whole result;
  // padding of the innermost one is written next to each copied row.
  bool outerPadded = false;
  for (int64_t d = 0; d + 1 < rank; ++d)
    outerPadded |= shape[d] != in.getDimSize(d);
  if (outerPadded)
    fill(result, padValue);
  llvm::SmallVector<int64_t> outStrides = rowMajorStrides(shape);
  const int64_t inner = in.getShape().back();
  const int64_t innerBefore = before[rank - 1],
                innerAfter = shape[rank - 1] - inner - innerBefore;
  dispatchElementKind(in.getKind(), [&](auto tag) {
    using T = decltype(tag);
    const T *src = in.getData<T>();
    T *dst = result.getData<T>();
    const T value = static_cast<T>(padValue);
    llvm::SmallVector<int64_t> index(rank, 0);
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += before[d] * outStrides[d];
    for (int64_t done = 0; done < in.getNumElements(); done += inner) {
      T *row = dst + offset;
      if (!outerPadded) {
        std::fill(row - innerBefore, row, value);
        std::fill(row + inner, row + inner + innerAfter, value);
      }
      std::copy(src + done, src + done + inner, row);
      for (int64_t d = rank - 2; d >= 0; --d) {
        offset += outStrides[d];
        if (++index[d] < in.getDimSize(d))
          break;
        offset -= outStrides[d] * in.getDimSize(d);
        index[d] = 0;
      }
    }
  });
  return llvm::Error::success();
}

llvm::Error interp::evalPad(PadOp op, Operands operands, Tensor &result,
                            Scratch &) {
  auto zero = zeroValue(op.getOutput());
  if (!zero)
    return zero.takeError();
  return padWith(op.getOutput(), *operands[0], *operands[1], *zero, result);
}

llvm::Error interp::evalPadV2(PadV2Op op, Operands operands, Tensor &result,
                              Scratch &) {
  const Tensor &value = *operands[2];
  if (value.getNumElements() != 1)
    return kernelError("constant_values must hold one value, got {0}",
                       value.getNumElements());
  if (value.getKind() != operands[0]->getKind())
    return kernelError("constant_values must have the input's element type");
  double padValue = value.getKind() == ElementKind::F32
                        ? value.getData<float>()[0]
                        : static_cast<double>(value.getIntValue(0));
  return padWith(op.getOutput(), *operands[0], *operands[1], padValue, result);
}

//===----------------------------------------------------------------------===//
// mirror_pad
//===----------------------------------------------------------------------===//

llvm::Error interp::evalMirrorPad(MirrorPadOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto paddings = readIndexTensor(*operands[1], "paddings");
  if (!paddings)
    return paddings.takeError();
  const int64_t rank = in.getRank();
  if (static_cast<int64_t>(paddings->size()) != 2 * rank)
    return kernelError("paddings has {0} values for rank {1}", paddings->size(),
                       rank);
  const bool reflect = op.getMode() == MirrorPadMode::Reflect;
  // Per output dimension, the input index each position copies.
  llvm::SmallVector<llvm::SmallVector<int64_t>> source(rank);
  llvm::SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    const int64_t n = in.getDimSize(d);
    const int64_t lo = (*paddings)[2 * d], hi = (*paddings)[2 * d + 1];
    const int64_t limit = reflect ? n - 1 : n;
    if (lo < 0 || hi < 0 || ((lo > 0 || hi > 0) && (lo > limit || hi > limit)))
      return kernelError("padding {0}, {1} of dimension {2} (size {3}) is "
                         "out of range for {4} mode",
                         lo, hi, d, n, stringifyMirrorPadMode(op.getMode()));
    for (int64_t o = 0; o < n + lo + hi; ++o) {
      int64_t i = o - lo;
      if (i < 0)
        i = reflect ? -i : -i - 1;
      else if (i >= n)
        i = reflect ? 2 * n - 2 - i : 2 * n - 1 - i;
      source[d].push_back(i);
    }
    shape.push_back(n + lo + hi);
  }
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  const size_t size = getElementSize(in.getKind());
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  const int64_t total = result.getNumElements();
  llvm::SmallVector<int64_t> inStrides = rowMajorStrides(in.getShape());
  llvm::SmallVector<int64_t> index(rank, 0);
  for (int64_t k = 0; k < total; ++k, dst += size) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += source[d][index[d]] * inStrides[d];
    std::memcpy(dst, src + offset * size, size);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// resize_bilinear, resize_nearest_neighbor
//===----------------------------------------------------------------------===//

namespace {
struct ResizeGeometry {
  int64_t batch, inH, inW, channels, outH, outW;
};

template <typename Op>
llvm::Expected<ResizeGeometry> makeResizeGeometry(Op op, Operands operands,
                                                  Tensor &result) {
  const Tensor &in = *operands[0];
  auto size = readIndexTensor(*operands[1], "size");
  if (!size)
    return size.takeError();
  if (in.getRank() != 4 || size->size() != 2)
    return kernelError("expected a 4-D input and a 2-element size");
  if ((*size)[0] <= 0 || (*size)[1] <= 0)
    return kernelError("size {0} must be positive", shapeToString(*size));
  // Both flags together are valid for nearest neighbour only.
  if (isa<ResizeBilinearOp>(op.getOperation()) && op.getAlignCorners() &&
      op.getHalfPixelCenters())
    return kernelError("align_corners and half_pixel_centers are exclusive");
  ResizeGeometry g{in.getDimSize(0), in.getDimSize(1), in.getDimSize(2),
                   in.getDimSize(3), (*size)[0],       (*size)[1]};
  if (auto err = prepareResult(op.getOutput(),
                               {g.batch, g.outH, g.outW, g.channels}, result))
    return std::move(err);
  if (in.getKind() != result.getKind())
    return kernelError("input and result must have one element type");
  return g;
}

/// Source coordinate and the two neighbours, in float as TFLite computes.
void interpolationValues(int64_t value, float scale, bool halfPixel,
                         int64_t inSize, float &scaled, int64_t &lower,
                         int64_t &upper) {
  scaled = halfPixel ? (static_cast<float>(value) + 0.5f) * scale - 0.5f
                     : static_cast<float>(value) * scale;
  lower = std::max<int64_t>(static_cast<int64_t>(std::floor(scaled)), 0);
  upper = std::min<int64_t>(static_cast<int64_t>(std::ceil(scaled)),
                            inSize - 1);
}

} // namespace

llvm::Error interp::evalResizeBilinear(ResizeBilinearOp op, Operands operands,
                                       Tensor &result, Scratch &) {
  auto geometry = makeResizeGeometry(op, operands, result);
  if (!geometry)
    return geometry.takeError();
  const ResizeGeometry &g = *geometry;
  const Tensor &in = *operands[0];
  bool align = op.getAlignCorners(), halfPixel = op.getHalfPixelCenters();
  const int64_t c = g.channels;
  auto at = [&](int64_t n, int64_t y, int64_t x) {
    return ((n * g.inH + y) * g.inW + x) * c;
  };

  bool fixedPoint = isQuantized(op.getOutput()) &&
                    (in.getKind() == ElementKind::I8 ||
                     in.getKind() == ElementKind::I16);
  if (fixedPoint) {
    int32_t hScale = bilinearScale10(g.inH, g.outH, align),
            wScale = bilinearScale10(g.inW, g.outW, align);
    return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      const T *src = in.getData<T>();
      T *dst = result.getData<T>();
      for (int64_t n = 0; n < g.batch; ++n)
        for (int64_t y = 0; y < g.outH; ++y) {
          BilinearTap ty = bilinearTap(y, hScale, g.inH, halfPixel);
          int64_t y0 = ty.lower, y1 = ty.upper, dy = ty.upperWeight;
          for (int64_t x = 0; x < g.outW; ++x) {
            BilinearTap tx = bilinearTap(x, wScale, g.inW, halfPixel);
            int64_t x0 = tx.lower, x1 = tx.upper, dx = tx.upperWeight;
            T *out = dst + ((n * g.outH + y) * g.outW + x) * c;
            for (int64_t ch = 0; ch < c; ++ch) {
              int64_t v = int64_t(src[at(n, y0, x0) + ch]) * ((1 << 10) - dy) *
                              ((1 << 10) - dx) +
                          int64_t(src[at(n, y1, x0) + ch]) * dy *
                              ((1 << 10) - dx) +
                          int64_t(src[at(n, y0, x1) + ch]) *
                              ((1 << 10) - dy) * dx +
                          int64_t(src[at(n, y1, x1) + ch]) * dy * dx;
              int64_t round = v > 0 ? (1 << 19) : -(1 << 19);
              out[ch] = static_cast<T>((v + round) / (1 << 20));
            }
          }
        }
      return llvm::Error::success();
    });
  }

  auto scale = [&](int64_t inSize, int64_t outSize) {
    if (align && outSize > 1)
      return static_cast<float>(inSize - 1) / static_cast<float>(outSize - 1);
    return static_cast<float>(inSize) / static_cast<float>(outSize);
  };
  float hScale = scale(g.inH, g.outH), wScale = scale(g.inW, g.outW);
  return dispatchElementKind(in.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    const T *src = in.getData<T>();
    T *dst = result.getData<T>();
    for (int64_t n = 0; n < g.batch; ++n)
      for (int64_t y = 0; y < g.outH; ++y) {
        float iy;
        int64_t y0, y1;
        interpolationValues(y, hScale, halfPixel, g.inH, iy, y0, y1);
        float dy = iy - static_cast<float>(y0);
        for (int64_t x = 0; x < g.outW; ++x) {
          float ix;
          int64_t x0, x1;
          interpolationValues(x, wScale, halfPixel, g.inW, ix, x0, x1);
          float dx = ix - static_cast<float>(x0);
          T *out = dst + ((n * g.outH + y) * g.outW + x) * c;
          for (int64_t ch = 0; ch < c; ++ch) {
            float v = static_cast<float>(src[at(n, y0, x0) + ch]) * (1 - dy) *
                          (1 - dx) +
                      static_cast<float>(src[at(n, y1, x0) + ch]) * dy *
                          (1 - dx) +
                      static_cast<float>(src[at(n, y0, x1) + ch]) * (1 - dy) *
                          dx +
                      static_cast<float>(src[at(n, y1, x1) + ch]) * dy * dx;
            out[ch] = static_cast<T>(v);
          }
        }
      }
    return llvm::Error::success();
  });
}

llvm::Error interp::evalResizeNearestNeighbor(ResizeNearestNeighborOp op,
                                              Operands operands,
                                              Tensor &result, Scratch &) {
  auto geometry = makeResizeGeometry(op, operands, result);
  if (!geometry)
    return geometry.takeError();
  const ResizeGeometry &g = *geometry;
  bool align = op.getAlignCorners(), halfPixel = op.getHalfPixelCenters();
  auto source = [&](int64_t value, int64_t inSize, int64_t outSize) {
    return nearestSource(value, inSize, outSize, align, halfPixel);
  };
  const Tensor &in = *operands[0];
  const size_t size = getElementSize(in.getKind());
  const size_t pixel = g.channels * size;
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t y = 0; y < g.outH; ++y) {
      int64_t sy = source(y, g.inH, g.outH);
      for (int64_t x = 0; x < g.outW; ++x, dst += pixel) {
        int64_t sx = source(x, g.inW, g.outW);
        std::memcpy(dst, src + ((n * g.inH + sy) * g.inW + sx) * pixel, pixel);
      }
    }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// slice, strided_slice
//===----------------------------------------------------------------------===//

llvm::Error interp::evalSlice(SliceOp op, Operands operands, Tensor &result,
                              Scratch &) {
  const Tensor &in = *operands[0];
  auto begin = readIndexTensor(*operands[1], "begin");
  if (!begin)
    return begin.takeError();
  auto size = readIndexTensor(*operands[2], "size");
  if (!size)
    return size.takeError();
  const int64_t rank = in.getRank();
  if (static_cast<int64_t>(begin->size()) != rank ||
      static_cast<int64_t>(size->size()) != rank)
    return kernelError("begin and size must have {0} elements", rank);
  llvm::SmallVector<int64_t> count(rank), step(rank, 1);
  for (int64_t d = 0; d < rank; ++d) {
    int64_t b = (*begin)[d], s = (*size)[d], dim = in.getDimSize(d);
    if (s == -1)
      s = dim - b;
    if (b < 0 || s < 0 || b + s > dim)
      return kernelError("slice [{0}, {0} + {1}) is outside dimension {2} of "
                         "size {3}",
                         b, s, d, dim);
    count[d] = s;
  }
  if (auto err = prepareResult(op.getOutput(), count, result))
    return err;
  gatherStrided(in, *begin, step, count, result.getRawData());
  return llvm::Error::success();
}

llvm::Error interp::evalStridedSlice(StridedSliceOp op, Operands operands,
                                     Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto begin = readIndexTensor(*operands[1], "begin");
  auto end = readIndexTensor(*operands[2], "end");
  auto strides = readIndexTensor(*operands[3], "strides");
  if (!begin || !end || !strides) {
    llvm::Error err = llvm::joinErrors(begin.takeError(), end.takeError());
    return llvm::joinErrors(std::move(err), strides.takeError());
  }
  llvm::SmallVector<int64_t> shape;
  for (int64_t d = 0; d < in.getRank(); ++d)
    shape.push_back(in.getDimSize(d));
  auto window = resolveStridedSlice(op, shape, *begin, *end, *strides);
  if (!window)
    return kernelError("{0}", llvm::toString(window.takeError()));
  if (auto err = prepareResult(op.getOutput(), window->resultShape, result))
    return err;
  gatherStrided(in, window->start, window->step, window->count,
                result.getRawData());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// gather
//===----------------------------------------------------------------------===//

llvm::Error interp::evalGather(GatherOp op, Operands operands, Tensor &result,
                               Scratch &) {
  const Tensor &params = *operands[0], &indices = *operands[1];
  if (indices.getKind() != ElementKind::I32 &&
      indices.getKind() != ElementKind::I64)
    return kernelError("indices must be i32 or i64, got {0}",
                       getElementKindName(indices.getKind()));
  const int64_t rank = params.getRank(), indicesRank = indices.getRank();
  auto axis = normalizeAxis(static_cast<int32_t>(op.getAxis()), rank);
  if (!axis)
    return axis.takeError();
  int64_t batchDims = static_cast<int32_t>(op.getBatchDims());
  if (batchDims < 0)
    batchDims += indicesRank;
  if (batchDims < 0 || batchDims > indicesRank || batchDims > *axis)
    return kernelError("batch_dims {0} out of range", op.getBatchDims());
  int64_t batches = 1, outer = 1, inner = 1, perBatch = 1;
  for (int64_t d = 0; d < batchDims; ++d) {
    if (params.getDimSize(d) != indices.getDimSize(d))
      return kernelError("batch dimension {0} is {1} in params but {2} in "
                         "indices",
                         d, params.getDimSize(d), indices.getDimSize(d));
    batches *= params.getDimSize(d);
  }
  for (int64_t d = batchDims; d < *axis; ++d)
    outer *= params.getDimSize(d);
  for (int64_t d = *axis + 1; d < rank; ++d)
    inner *= params.getDimSize(d);
  for (int64_t d = batchDims; d < indicesRank; ++d)
    perBatch *= indices.getDimSize(d);
  const int64_t axisSize = params.getDimSize(*axis);
  llvm::SmallVector<int64_t> shape(params.getShape().take_front(*axis));
  llvm::append_range(shape, indices.getShape().drop_front(batchDims));
  llvm::append_range(shape, params.getShape().drop_front(*axis + 1));
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  // Every index is checked before anything is copied: one out of range is
  // an error, never a read outside params.
  const bool i32 = indices.getKind() == ElementKind::I32;
  auto indexAt = [&](int64_t i) -> int64_t {
    return i32 ? indices.getData<int32_t>()[i] : indices.getData<int64_t>()[i];
  };
  for (int64_t i = 0; i < indices.getNumElements(); ++i)
    if (indexAt(i) < 0 || indexAt(i) >= axisSize)
      return kernelError("index {0} (element {1} of indices) out of range "
                         "for dimension {2} of size {3}",
                         indexAt(i), i, *axis, axisSize);
  const size_t size = getElementSize(params.getKind());
  const size_t sliceBytes = inner * size;
  const char *src = static_cast<const char *>(params.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t k = 0; k < perBatch; ++k, dst += sliceBytes) {
        int64_t index = indexAt(b * perBatch + k);
        int64_t from = ((b * outer + o) * axisSize + index) * inner;
        std::memcpy(dst, src + from * size, sliceBytes);
      }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// space_to_depth
//===----------------------------------------------------------------------===//

/// Moves runs of `run` elements between the space layout
/// [N, h * block, w * block, run] and the depth layout
/// [N, h, w, block * block * run], where run (dy, dx) of pixel (y, x) sits
/// at pixel (y * block + dy, x * block + dx). space_to_depth and
/// depth_to_space are the two directions.
static void moveBlocks(const Tensor &from, Tensor &to, int64_t n, int64_t h,
                       int64_t w, int64_t block, int64_t run, bool toDepth) {
  const size_t size = getElementSize(from.getKind());
  const size_t bytes = run * size;
  const char *src = static_cast<const char *>(from.getRawData());
  char *dst = static_cast<char *>(to.getRawData());
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < h; ++y)
      for (int64_t x = 0; x < w; ++x)
        for (int64_t dy = 0; dy < block; ++dy)
          for (int64_t dx = 0; dx < block; ++dx) {
            int64_t space =
                ((b * h * block + y * block + dy) * w * block + x * block +
                 dx) * run;
            int64_t depth =
                (((b * h + y) * w + x) * block * block + dy * block + dx) * run;
            if (toDepth)
              std::memcpy(dst + depth * size, src + space * size, bytes);
            else
              std::memcpy(dst + space * size, src + depth * size, bytes);
          }
}

llvm::Error interp::evalSpaceToDepth(SpaceToDepthOp op, Operands operands,
                                     Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  const int64_t block = static_cast<int32_t>(op.getBlockSize());
  if (in.getRank() != 4)
    return kernelError("expected a 4-D input, got rank {0}", in.getRank());
  if (block <= 0)
    return kernelError("block_size must be positive, got {0}", block);
  const int64_t n = in.getDimSize(0), h = in.getDimSize(1),
                w = in.getDimSize(2), c = in.getDimSize(3);
  if (h % block != 0 || w % block != 0)
    return kernelError("block_size {0} does not divide {1}x{2}", block, h, w);
  const int64_t oh = h / block, ow = w / block;
  if (auto err = prepareResult(op.getOutput(), {n, oh, ow, c * block * block},
                               result))
    return err;
  moveBlocks(in, result, n, oh, ow, block, c, /*toDepth=*/true);
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// depth_to_space
//===----------------------------------------------------------------------===//

llvm::Error interp::evalDepthToSpace(DepthToSpaceOp op, Operands operands,
                                     Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  const int64_t block = static_cast<int32_t>(op.getBlockSize());
  if (in.getRank() != 4)
    return kernelError("expected a 4-D input, got rank {0}", in.getRank());
  if (block <= 0)
    return kernelError("block_size must be positive, got {0}", block);
  const int64_t n = in.getDimSize(0), h = in.getDimSize(1),
                w = in.getDimSize(2), c = in.getDimSize(3);
  if (c % (block * block) != 0)
    return kernelError("block_size {0} squared does not divide {1} channels",
                       block, c);
  const int64_t oc = c / (block * block);
  if (auto err = prepareResult(op.getOutput(),
                               {n, h * block, w * block, oc}, result))
    return err;
  moveBlocks(in, result, n, h, w, block, oc, /*toDepth=*/false);
  return llvm::Error::success();
}
