//===- PoolingOps.cpp - average_pool_2d, max_pool_2d ----------------------===//
//
// Windows are clipped to the input: padded positions are neither averaged
// nor compared. Quantized pooling works on the stored integers (input and
// result share scale and zero point); the integer average rounds half away
// from zero, as TFLite's kernel does.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
struct PoolGeometry {
  int64_t batch, inH, inW, channels, filterH, filterW, strideH, strideW;
  int64_t outH, outW, padTop, padLeft;
};

template <typename Op>
llvm::Expected<PoolGeometry> makePoolGeometry(Op op, const Tensor &input) {
  if (input.getRank() != 4)
    return kernelError("expected a 4-D NHWC input, got {0}",
                       shapeToString(input.getShape()));
  PoolGeometry g;
  g.batch = input.getDimSize(0);
  g.inH = input.getDimSize(1);
  g.inW = input.getDimSize(2);
  g.channels = input.getDimSize(3);
  g.filterH = op.getFilterH();
  g.filterW = op.getFilterW();
  g.strideH = op.getStrideH();
  g.strideW = op.getStrideW();
  if (g.filterH <= 0 || g.filterW <= 0 || g.strideH <= 0 || g.strideW <= 0)
    return kernelError("filter sizes and strides must be positive");
  PaddedDim h = computePadding(op.getPadding(), g.inH, g.filterH, g.strideH, 1);
  PaddedDim w = computePadding(op.getPadding(), g.inW, g.filterW, g.strideW, 1);
  g.outH = h.outSize;
  g.outW = w.outSize;
  g.padTop = h.padBefore;
  g.padLeft = w.padBefore;
  return g;
}

/// Calls fn(window pixel pointers..., count, out) per output pixel: the valid
/// part of each window as [yBegin, yEnd) x [xBegin, xEnd).
template <typename Fn>
void forEachWindow(const PoolGeometry &g, Fn &&fn) {
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t oy = 0; oy < g.outH; ++oy)
      for (int64_t ox = 0; ox < g.outW; ++ox) {
        int64_t y0 = oy * g.strideH - g.padTop, x0 = ox * g.strideW - g.padLeft;
        int64_t yBegin = std::max<int64_t>(y0, 0),
                yEnd = std::min(y0 + g.filterH, g.inH);
        int64_t xBegin = std::max<int64_t>(x0, 0),
                xEnd = std::min(x0 + g.filterW, g.inW);
        fn(n, yBegin, yEnd, xBegin, xEnd,
           ((n * g.outH + oy) * g.outW + ox) * g.channels);
      }
}

template <typename Op, typename FloatFn, typename IntFn>
llvm::Error evalPool(Op op, const Tensor &input, Tensor &result,
                     Scratch &scratch, FloatFn floatPool, IntFn intPool) {
  auto geometry = makePoolGeometry(op, input);
  if (!geometry)
    return geometry.takeError();
  const PoolGeometry &g = *geometry;
  if (auto err = prepareResult(op.getOutput(),
                               {g.batch, g.outH, g.outW, g.channels}, result))
    return err;
  if (input.getKind() != result.getKind())
    return kernelError("input and result must have one element type");
  if (!isQuantized(op.getOutput())) {
    if (input.getKind() != ElementKind::F32)
      return kernelError("expected a float or quantized input");
    if (auto err = floatPool(g, input.getData<float>(), result.getData<float>(),
                             scratch))
      return err;
    return applyFloatActivation(op.getFusedActivation(),
                                result.getData<float>(),
                                result.getNumElements());
  }
  auto qo = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!qo)
    return qo.takeError();
  auto range = quantizedActivationRange(op.getFusedActivation(), *qo);
  if (!range)
    return range.takeError();
  switch (input.getKind()) {
  case ElementKind::I8:
    return intPool(g, input.getData<int8_t>(), result.getData<int8_t>(),
                   range->first, range->second);
  case ElementKind::U8:
    return intPool(g, input.getData<uint8_t>(), result.getData<uint8_t>(),
                   range->first, range->second);
  case ElementKind::I16:
    return intPool(g, input.getData<int16_t>(), result.getData<int16_t>(),
                   range->first, range->second);
  default:
    return kernelError("unsupported quantized storage {0}",
                       getElementKindName(input.getKind()));
  }
}
} // namespace

llvm::Error interp::evalAveragePool2D(AveragePool2DOp op, Operands operands,
                                      Tensor &result, Scratch &scratch) {
  auto floatPool = [](const PoolGeometry &g, const float *in, float *out,
                      Scratch &) -> llvm::Error {
    forEachWindow(g, [&](int64_t n, int64_t y0, int64_t y1, int64_t x0,
                         int64_t x1, int64_t outOffset) {
      float *dst = out + outOffset;
      std::fill(dst, dst + g.channels, 0.0f);
      for (int64_t y = y0; y < y1; ++y)
        for (int64_t x = x0; x < x1; ++x) {
          const float *src = in + ((n * g.inH + y) * g.inW + x) * g.channels;
          for (int64_t c = 0; c < g.channels; ++c)
            dst[c] += src[c];
        }
      float count = static_cast<float>((y1 - y0) * (x1 - x0));
      for (int64_t c = 0; c < g.channels; ++c)
        dst[c] /= count;
    });
    return llvm::Error::success();
  };
  auto intPool = [](const PoolGeometry &g, const auto *in, auto *out,
                    int32_t lo, int32_t hi) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(out)>;
    bool empty = false;
    forEachWindow(g, [&](int64_t n, int64_t y0, int64_t y1, int64_t x0,
                         int64_t x1, int64_t outOffset) {
      int32_t count = static_cast<int32_t>((y1 - y0) * (x1 - x0));
      if (count <= 0) {
        empty = true;
        return;
      }
      for (int64_t c = 0; c < g.channels; ++c) {
        int32_t acc = 0;
        for (int64_t y = y0; y < y1; ++y)
          for (int64_t x = x0; x < x1; ++x)
            acc += in[((n * g.inH + y) * g.inW + x) * g.channels + c];
        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        out[outOffset + c] = clampTo<T>(acc, lo, hi);
      }
    });
    if (empty)
      return kernelError("a pooling window covers no input element");
    return llvm::Error::success();
  };
  return evalPool(op, *operands[0], result, scratch, floatPool, intPool);
}

llvm::Error interp::evalMaxPool2D(MaxPool2DOp op, Operands operands,
                                  Tensor &result, Scratch &scratch) {
  auto floatPool = [](const PoolGeometry &g, const float *in, float *out,
                      Scratch &) -> llvm::Error {
    forEachWindow(g, [&](int64_t n, int64_t y0, int64_t y1, int64_t x0,
                         int64_t x1, int64_t outOffset) {
      float *dst = out + outOffset;
      std::fill(dst, dst + g.channels, -std::numeric_limits<float>::infinity());
      for (int64_t y = y0; y < y1; ++y)
        for (int64_t x = x0; x < x1; ++x) {
          const float *src = in + ((n * g.inH + y) * g.inW + x) * g.channels;
          for (int64_t c = 0; c < g.channels; ++c)
            dst[c] = std::max(dst[c], src[c]);
        }
    });
    return llvm::Error::success();
  };
  auto intPool = [](const PoolGeometry &g, const auto *in, auto *out,
                    int32_t lo, int32_t hi) -> llvm::Error {
    using T = std::remove_pointer_t<decltype(out)>;
    forEachWindow(g, [&](int64_t n, int64_t y0, int64_t y1, int64_t x0,
                         int64_t x1, int64_t outOffset) {
      for (int64_t c = 0; c < g.channels; ++c) {
        int32_t best = std::numeric_limits<T>::lowest();
        for (int64_t y = y0; y < y1; ++y)
          for (int64_t x = x0; x < x1; ++x)
            best = std::max<int32_t>(
                best, in[((n * g.inH + y) * g.inW + x) * g.channels + c]);
        out[outOffset + c] = clampTo<T>(best, lo, hi);
      }
    });
    return llvm::Error::success();
  };
  return evalPool(op, *operands[0], result, scratch, floatPool, intPool);
}
