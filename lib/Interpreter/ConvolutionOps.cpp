//===- ConvolutionOps.cpp - conv, depthwise, transpose conv, FC, matmul ---===//
//
// Float: convolutions become matrix products (im2col + GEMM; transposed
// convolution is GEMM + col2im), depthwise convolution has its own vector
// kernel. Quantized: the same products on zero-point-corrected integers with
// int32 accumulators (int64 for int16 activations), then TFLite's per-channel
// fixed-point rescale, output zero point and activation clamp.
//
//===----------------------------------------------------------------------===//

#include "DenseKernels.h"
#include "Kernels.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {

const Tensor *optionalOperand(Operands operands, size_t index) {
  return index < operands.size() ? operands[index] : nullptr;
}

/// Geometry of a 2-D convolution over NHWC data.
struct ConvGeometry {
  int64_t batch, inH, inW, inC;
  int64_t outC, filterH, filterW, filterC;
  int64_t strideH, strideW, dilationH, dilationW;
  int64_t outH, outW, padTop, padLeft;

  int64_t patchSize() const { return filterH * filterW * filterC; }
  int64_t outPixels() const { return outH * outW; }
  /// 1x1 filters visiting every pixel: the input already is the patch matrix.
  bool isPointwise() const {
    return filterH == 1 && filterW == 1 && strideH == 1 && strideW == 1 &&
           padTop == 0 && padLeft == 0 && filterC == inC;
  }
};

llvm::Expected<ConvGeometry>
makeConvGeometry(const Tensor &input, const Tensor &filter, Padding padding,
                 int64_t strideH, int64_t strideW, int64_t dilationH,
                 int64_t dilationW) {
  if (input.getRank() != 4 || filter.getRank() != 4)
    return kernelError("expected 4-D input and filter, got {0} and {1}",
                       shapeToString(input.getShape()),
                       shapeToString(filter.getShape()));
  ConvGeometry g;
  g.batch = input.getDimSize(0);
  g.inH = input.getDimSize(1);
  g.inW = input.getDimSize(2);
  g.inC = input.getDimSize(3);
  g.outC = filter.getDimSize(0);
  g.filterH = filter.getDimSize(1);
  g.filterW = filter.getDimSize(2);
  g.filterC = filter.getDimSize(3);
  g.strideH = strideH;
  g.strideW = strideW;
  g.dilationH = dilationH;
  g.dilationW = dilationW;
  if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0)
    return kernelError("strides and dilations must be positive");
  PaddedDim h = computePadding(padding, g.inH, g.filterH, strideH, dilationH);
  PaddedDim w = computePadding(padding, g.inW, g.filterW, strideW, dilationW);
  g.outH = h.outSize;
  g.outW = w.outSize;
  g.padTop = h.padBefore;
  g.padLeft = w.padBefore;
  return g;
}

/// Writes the patches of one image for input channels [cBegin, cBegin +
/// g.filterC) as rows of a [outPixels, patchSize] matrix, converting each
/// value to Out and adding \p offset. Positions in the padding are 0.
template <typename In, typename Out>
void im2col(const ConvGeometry &g, const In *image, int64_t cBegin,
            Out offset, Out *patches) {
  const int64_t cCount = g.filterC;
  for (int64_t oy = 0; oy < g.outH; ++oy) {
    for (int64_t ox = 0; ox < g.outW; ++ox) {
      Out *row = patches + (oy * g.outW + ox) * g.patchSize();
      for (int64_t ky = 0; ky < g.filterH; ++ky) {
        int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        int64_t ix0 = ox * g.strideW - g.padLeft;
        // A filter row inside the image over all channels is one contiguous
        // run of the input: copy it at once (the common case of a first
        // layer with few channels, where per-tap loops dominate).
        if (g.dilationW == 1 && cCount == g.inC && iy >= 0 && iy < g.inH &&
            ix0 >= 0 && ix0 + g.filterW <= g.inW) {
          Out *dst = row + ky * g.filterW * cCount;
          const In *src = image + (iy * g.inW + ix0) * g.inC;
          for (int64_t i = 0; i < g.filterW * cCount; ++i)
            dst[i] = static_cast<Out>(src[i]) + offset;
          continue;
        }
        for (int64_t kx = 0; kx < g.filterW; ++kx) {
          int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          Out *dst = row + (ky * g.filterW + kx) * cCount;
          if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) {
            std::fill(dst, dst + cCount, Out(0));
            continue;
          }
          const In *src = image + (iy * g.inW + ix) * g.inC + cBegin;
          for (int64_t c = 0; c < cCount; ++c)
            dst[c] = static_cast<Out>(src[c]) + offset;
        }
      }
    }
  }
}

void addBias(float *out, const float *bias, int64_t rows, int64_t cols) {
  if (!bias)
    return;
  for (int64_t r = 0; r < rows; ++r) {
    float *row = out + r * cols;
    for (int64_t c = 0; c < cols; ++c)
      row[c] += bias[c];
  }
}

//===----------------------------------------------------------------------===//
// Quantized operand parameters
//===----------------------------------------------------------------------===//

/// Everything the integer kernels of a weighted op need: offsets, one
/// multiplier per output channel and the output clamp.
struct QuantizedWeightedOp {
  int64_t inputZeroPoint = 0;
  llvm::SmallVector<int64_t> filterZeroPoints;
  llvm::SmallVector<QuantizedMultiplier> multipliers;
  int64_t outputZeroPoint = 0;
  int32_t clampLo = 0, clampHi = 0;
  /// int16 activations: 64-bit accumulators and TFLite's 16-bit-multiplier
  /// rescale.
  bool wide = false;
};

llvm::Expected<QuantizedWeightedOp>
getQuantizedWeightedOp(Value input, Value filter, Value bias, Value output,
                       int64_t channels, int channelAxis, Activation act) {
  auto in = getPerTensorQuantInfo(input, "input");
  if (!in)
    return in.takeError();
  auto w = getQuantInfo(filter, "filter");
  if (!w)
    return w.takeError();
  auto out = getPerTensorQuantInfo(output, "result");
  if (!out)
    return out.takeError();
  if (w->isPerAxis() && w->axis != channelAxis)
    return kernelError("filter is quantized along dimension {0}, expected {1}",
                       w->axis, channelAxis);
  if (w->isPerAxis() && static_cast<int64_t>(w->scales.size()) != channels)
    return kernelError("filter has {0} per-channel scales for {1} channels",
                       w->scales.size(), channels);
  if (w->bits != 8)
    return kernelError("filter must be 8-bit quantized, got {0} bits",
                       w->bits);
  if (in->bits != out->bits || (in->bits != 8 && in->bits != 16))
    return kernelError("input and result must both be 8-bit or both 16-bit "
                       "quantized");
  if (bias && !isQuantized(bias) &&
      !cast<ShapedType>(bias.getType()).getElementType().isInteger())
    return kernelError("bias of a quantized op must be an integer tensor");

  QuantizedWeightedOp q;
  q.wide = in->bits == 16;
  q.inputZeroPoint = in->zeroPoint();
  q.outputZeroPoint = out->zeroPoint();
  for (int64_t c = 0; c < channels; ++c) {
    size_t i = w->isPerAxis() ? c : 0;
    q.filterZeroPoints.push_back(w->zeroPoints[i]);
    auto m = checkedMultiplier(in->scale() * w->scales[i] / out->scale(),
                               "output rescale");
    if (!m)
      return m.takeError();
    q.multipliers.push_back(*m);
  }
  auto range = quantizedActivationRange(act, *out);
  if (!range)
    return range.takeError();
  std::tie(q.clampLo, q.clampHi) = *range;
  return q;
}

/// Copies a bias tensor (i32 or i64 storage) to Acc values, or zeros.
template <typename Acc>
llvm::Error loadBias(const Tensor *bias, int64_t channels, Acc *dst) {
  if (!bias) {
    std::fill(dst, dst + channels, Acc(0));
    return llvm::Error::success();
  }
  if (bias->getNumElements() != channels)
    return kernelError("bias has {0} elements for {1} channels",
                       bias->getNumElements(), channels);
  if (bias->getKind() != ElementKind::I32 &&
      bias->getKind() != ElementKind::I64)
    return kernelError("quantized bias must have i32 or i64 storage");
  if (bias->getKind() == ElementKind::I64 && sizeof(Acc) == 4)
    return kernelError("an i64 bias needs 16-bit activations");
  for (int64_t c = 0; c < channels; ++c)
    dst[c] = static_cast<Acc>(bias->getIntValue(c));
  return llvm::Error::success();
}

/// Converts filter rows [channels, depth] to zero-point-corrected Acc values.
template <typename Acc>
void loadFilter(const int8_t *filter, int64_t channels, int64_t depth,
                llvm::ArrayRef<int64_t> zeroPoints, Acc *dst) {
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t k = 0; k < depth; ++k)
      dst[c * depth + k] =
          static_cast<Acc>(filter[c * depth + k]) - static_cast<Acc>(zeroPoints[c]);
}

/// Rescales accumulators [rows, channels] (bias already added) to the output.
/// \p firstChannel is the channel of column 0 (grouped convolutions).
template <typename Acc, typename Out>
void requantizeRows(const Acc *acc, int64_t rows, int64_t channels,
                    int64_t outStride, const QuantizedWeightedOp &q, Out *out,
                    int64_t firstChannel = 0) {
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < channels; ++c) {
      int32_t v = multiplyByQuantizedMultiplier(
          acc[r * channels + c], q.multipliers[firstChannel + c]);
      out[r * outStride + c] =
          clampTo<Out>(int64_t(v) + q.outputZeroPoint, q.clampLo, q.clampHi);
    }
  }
}

template <typename Acc>
void addBiasRows(Acc *acc, const Acc *bias, int64_t rows, int64_t channels) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < channels; ++c)
      acc[r * channels + c] += bias[c];
}

llvm::Error checkMixedKinds(Value input, Value filter, Value output) {
  bool q = isQuantized(input);
  if (q != isQuantized(filter) || q != isQuantized(output))
    return kernelError("input, filter and result must all be float or all be "
                       "quantized");
  if (!q && (!isFloat(input) || !isFloat(filter) || !isFloat(output)))
    return kernelError("expected float or quantized operands");
  return llvm::Error::success();
}


//===----------------------------------------------------------------------===//
// Hybrid kernels (float activations, int8 weights)
//===----------------------------------------------------------------------===//

/// TFLite's hybrid kernels quantize their float input on the fly, one
/// scale (and, asymmetric, one zero point) per row: per batch image for
/// conv and depthwise, per input row for fully connected and batch matmul.
struct HybridRow {
  float scale = 1.0f;
  int32_t zeroPoint = 0;
};

/// Symmetric: scale = max|x| / 127, q = round(x * 127 / max|x|) in
/// [-127, 127]. Asymmetric: the range widened to include 0 spread over
/// [-128, 127] (computed in double), the zero point nudged to an integer,
/// q = round(zp + x / scale). A row of zeros gets scale 1 and q = 0.
HybridRow quantizeHybridRow(const float *x, int64_t n, bool asymmetric,
                            int8_t *q) {
  HybridRow row;
  if (n == 0)
    return row;
  auto [lo, hi] = std::minmax_element(x, x + n);
  if (!asymmetric) {
    float range = std::max(std::fabs(*lo), std::fabs(*hi));
    if (range == 0.0f) {
      std::fill(q, q + n, int8_t(0));
      return row;
    }
    row.scale = range / 127.0f;
    float inverse = 127.0f / range;
    for (int64_t i = 0; i < n; ++i)
      q[i] = static_cast<int8_t>(std::clamp<int32_t>(
          static_cast<int32_t>(std::round(x[i] * inverse)), -127, 127));
    return row;
  }
  double rmin = std::min(0.0f, *lo), rmax = std::max(0.0f, *hi);
  if (rmin == rmax) {
    std::fill(q, q + n, int8_t(0));
    return row;
  }
  const double qmin = -128.0, qmax = 127.0;
  double scale = (rmax - rmin) / (qmax - qmin);
  // The zero point from whichever end loses less precision.
  double fromMin = qmin - rmin / scale, fromMax = qmax - rmax / scale;
  double errMin = std::fabs(qmin) + std::fabs(rmin / scale);
  double errMax = std::fabs(qmax) + std::fabs(rmax / scale);
  double zp = errMin < errMax ? fromMin : fromMax;
  if (zp <= qmin)
    row.zeroPoint = -128;
  else if (zp >= qmax)
    row.zeroPoint = 127;
  else
    row.zeroPoint = static_cast<int32_t>(std::round(zp));
  row.scale = static_cast<float>(scale);
  float inverse = 1.0f / row.scale;
  for (int64_t i = 0; i < n; ++i)
    q[i] = static_cast<int8_t>(std::clamp<int32_t>(
        static_cast<int32_t>(std::round(row.zeroPoint + x[i] * inverse)),
        -128, 127));
  return row;
}

/// The weights of a hybrid op: int8 values with zero point 0 and their
/// scale per output channel.
llvm::Expected<llvm::SmallVector<float>>
getHybridFilterScales(Value filter, int64_t channels, int channelAxis) {
  auto w = getQuantInfo(filter, "filter");
  if (!w)
    return w.takeError();
  if (w->bits != 8)
    return kernelError("hybrid op: filter must be 8-bit quantized, got {0} "
                       "bits",
                       w->bits);
  if (w->isPerAxis() && w->axis != channelAxis)
    return kernelError("filter is quantized along dimension {0}, expected {1}",
                       w->axis, channelAxis);
  if (w->isPerAxis() && static_cast<int64_t>(w->scales.size()) != channels)
    return kernelError("filter has {0} per-channel scales for {1} channels",
                       w->scales.size(), channels);
  for (int64_t zp : w->zeroPoints)
    if (zp != 0)
      return kernelError("hybrid op: filter zero point must be 0, got {0}",
                         zp);
  llvm::SmallVector<float> scales;
  for (int64_t c = 0; c < channels; ++c)
    scales.push_back(static_cast<float>(w->scales[w->isPerAxis() ? c : 0]));
  return scales;
}

/// Float input and result with quantized weights: TFLite's hybrid kernel.
bool isHybrid(Value input, Value filter, Value output) {
  return isFloat(input) && isQuantized(filter) && isFloat(output);
}

llvm::Error checkHybridBias(const Tensor *bias, Value biasValue) {
  if (bias && (!biasValue || !isFloat(biasValue)))
    return kernelError("hybrid op: bias must be float");
  return llvm::Error::success();
}

/// Adds the bias and applies the op's fused activation (hybrid kernels
/// clamp in float), then an activation op the interpreter fused into it.
llvm::Error finishHybrid(float *out, const Tensor *bias, int64_t rows,
                         int64_t channels, Activation act,
                         Activation fused = Activation::None) {
  addBias(out, bias ? bias->getData<float>() : nullptr, rows, channels);
  if (auto err = applyFloatActivation(act, out, rows * channels))
    return err;
  return applyFloatActivation(fused, out, rows * channels);
}
} // namespace

//===----------------------------------------------------------------------===//
// qnt.conv_2d
//===----------------------------------------------------------------------===//

template <typename Acc, typename In, typename Out>
static llvm::Error quantizedConv(const ConvGeometry &g, int64_t groups,
                                 const Tensor &input, const Tensor &filter,
                                 const Tensor *bias,
                                 const QuantizedWeightedOp &q, Tensor &result,
                                 Scratch &scratch, std::vector<Acc> &bufA,
                                 std::vector<Acc> &bufB) {
  const int64_t perGroup = g.outC / groups, k = g.patchSize(),
                pixels = g.outPixels();
  Acc *filterAcc = scratch.grow(bufB, g.outC * k + g.outC);
  Acc *biasAcc = filterAcc + g.outC * k;
  loadFilter(filter.getData<int8_t>(), g.outC, k, q.filterZeroPoints,
             filterAcc);
  if (auto err = loadBias(bias, g.outC, biasAcc))
    return err;
  Acc *patches = scratch.grow(bufA, pixels * k + pixels * perGroup);
  Acc *acc = patches + pixels * k;
  const In *in = input.getData<In>();
  Out *out = result.getData<Out>();
  for (int64_t n = 0; n < g.batch; ++n) {
    const In *image = in + n * g.inH * g.inW * g.inC;
    for (int64_t grp = 0; grp < groups; ++grp) {
      im2col(g, image, grp * g.filterC, static_cast<Acc>(-q.inputZeroPoint),
             patches);
      gemm(patches, filterAcc + grp * perGroup * k, acc, pixels, perGroup, k,
           false, true);
      addBiasRows(acc, biasAcc + grp * perGroup, pixels, perGroup);
      requantizeRows(acc, pixels, perGroup, g.outC, q,
                     out + n * pixels * g.outC + grp * perGroup,
                     grp * perGroup);
    }
  }
  return llvm::Error::success();
}


/// Hybrid conv_2d: each image quantized to int8 (symmetric with per-tensor
/// weights; asymmetric with per-channel or grouped ones, as TFLite's
/// per-channel kernel does), integer products, then acc * input scale *
/// filter scale + bias in float. Padding is a real 0.
static llvm::Error hybridConv(const ConvGeometry &g, int64_t groups,
                              const Tensor &input, const Tensor &filter,
                              const Tensor *bias, llvm::ArrayRef<float> scales,
                              Activation act, Tensor &result,
                              Scratch &scratch) {
  const int64_t perGroup = g.outC / groups, k = g.patchSize(),
                pixels = g.outPixels(), imageSize = g.inH * g.inW * g.inC;
  bool perChannel = groups != 1 || llvm::any_of(scales, [&](float s) {
                      return s != scales.front();
                    });
  int32_t *w = scratch.grow(scratch.i32b, g.outC * k);
  const int8_t *filterData = filter.getData<int8_t>();
  for (int64_t i = 0; i < g.outC * k; ++i)
    w[i] = filterData[i];
  int32_t *patches = scratch.grow(scratch.i32, pixels * k + pixels * perGroup);
  int32_t *acc = patches + pixels * k;
  std::vector<int8_t> quantized(imageSize);
  const float *in = input.getData<float>();
  float *out = result.getData<float>();
  for (int64_t n = 0; n < g.batch; ++n) {
    HybridRow row = quantizeHybridRow(in + n * imageSize, imageSize,
                                      perChannel, quantized.data());
    float *outImage = out + n * pixels * g.outC;
    for (int64_t grp = 0; grp < groups; ++grp) {
      im2col(g, quantized.data(), grp * g.filterC, -row.zeroPoint, patches);
      gemm(patches, w + grp * perGroup * k, acc, pixels, perGroup, k, false,
           true);
      for (int64_t p = 0; p < pixels; ++p)
        for (int64_t c = 0; c < perGroup; ++c) {
          int64_t oc = grp * perGroup + c;
          float v = static_cast<float>(acc[p * perGroup + c]);
          outImage[p * g.outC + oc] =
              perChannel ? v * scales[oc] * row.scale
                         : v * (row.scale * scales[oc]);
        }
    }
  }
  return finishHybrid(out, bias, g.batch * pixels, g.outC, act,
                      scratch.fusedActivation);
}
llvm::Error interp::evalConv2D(Conv2DOp op, Operands operands, Tensor &result,
                               Scratch &scratch) {
  const Tensor &input = *operands[0], &filter = *operands[1];
  const Tensor *bias = optionalOperand(operands, 2);
  bool hybrid = isHybrid(op.getInput(), op.getFilter(), op.getOutput());
  if (!hybrid)
    if (auto err =
            checkMixedKinds(op.getInput(), op.getFilter(), op.getOutput()))
      return err;
  auto geometry = makeConvGeometry(input, filter, op.getPadding(),
                                   op.getStrideH(), op.getStrideW(),
                                   op.getDilationH(), op.getDilationW());
  if (!geometry)
    return geometry.takeError();
  const ConvGeometry &g = *geometry;
  if (g.filterC <= 0 || g.inC % g.filterC != 0)
    return kernelError("input channels ({0}) are not a multiple of filter "
                       "channels ({1})",
                       g.inC, g.filterC);
  int64_t groups = g.inC / g.filterC;
  if (g.outC % groups != 0)
    return kernelError("{0} output channels do not split into {1} groups",
                       g.outC, groups);
  if (bias && bias->getNumElements() != g.outC)
    return kernelError("bias has {0} elements for {1} output channels",
                       bias->getNumElements(), g.outC);
  if (auto err = prepareResult(op.getOutput(), {g.batch, g.outH, g.outW, g.outC},
                               result))
    return err;
  const int64_t perGroup = g.outC / groups, k = g.patchSize(),
                pixels = g.outPixels();

  if (hybrid) {
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (auto err = checkHybridBias(bias, op.getBias()))
      return err;
    auto scales = getHybridFilterScales(op.getFilter(), g.outC, 0);
    if (!scales)
      return scales.takeError();
    return hybridConv(g, groups, input, filter, bias, *scales,
                      op.getFusedActivation(), result, scratch);
  }

  if (isQuantized(op.getInput())) {
    auto q = getQuantizedWeightedOp(op.getInput(), op.getFilter(), op.getBias(),
                                    op.getOutput(), g.outC, 0,
                                    op.getFusedActivation());
    if (!q)
      return q.takeError();
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (q->wide)
      return quantizedConv<int64_t, int16_t, int16_t>(
          g, groups, input, filter, bias, *q, result, scratch, scratch.i64,
          scratch.i64b);
    return dispatchElementKind(input.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>)
        return quantizedConv<int32_t, T, T>(g, groups, input, filter, bias, *q,
                                            result, scratch, scratch.i32,
                                            scratch.i32b);
      else
        return kernelError("unsupported quantized input storage");
    });
  }

  const float *in = input.getData<float>(), *w = filter.getData<float>();
  const float *b = bias ? bias->getData<float>() : nullptr;
  float *out = result.getData<float>();
  float lo, hi;
  if (groups == 1 && getFloatClamp(op.getFusedActivation(),
                                   scratch.fusedActivation, lo, hi)) {
    // One pass: products, bias and activation per register tile.
    const float *packed = scratch.packedFilter;
    if (!packed) {
      float *buf = scratch.grow(scratch.packed, packedFilterSize(g.outC, k));
      packFilter(w, b, g.outC, k, buf);
      packed = buf;
    }
    for (int64_t n = 0; n < g.batch; ++n) {
      const float *image = in + n * g.inH * g.inW * g.inC;
      float *outImage = out + n * pixels * g.outC;
      if (g.isPointwise()) {
        gemmBiasClamp(image, k, packed, outImage, g.outC, pixels, g.outC, k,
                      lo, hi);
      } else {
        float *patches = scratch.grow(scratch.f32, pixels * k);
        im2col(g, image, 0, 0.0f, patches);
        gemmBiasClamp(patches, k, packed, outImage, g.outC, pixels, g.outC, k,
                      lo, hi);
      }
    }
    return llvm::Error::success();
  }
  for (int64_t n = 0; n < g.batch; ++n) {
    const float *image = in + n * g.inH * g.inW * g.inC;
    float *outImage = out + n * pixels * g.outC;
    if (groups == 1 && g.isPointwise()) {
      gemm(image, w, outImage, pixels, g.outC, k, false, true);
    } else if (groups == 1) {
      float *patches = scratch.grow(scratch.f32, pixels * k);
      im2col(g, image, 0, 0.0f, patches);
      gemm(patches, w, outImage, pixels, g.outC, k, false, true);
    } else {
      float *patches = scratch.grow(scratch.f32, pixels * k);
      float *acc = scratch.grow(scratch.f32b, pixels * perGroup);
      for (int64_t grp = 0; grp < groups; ++grp) {
        im2col(g, image, grp * g.filterC, 0.0f, patches);
        gemm(patches, w + grp * perGroup * k, acc, pixels, perGroup, k, false,
             true);
        for (int64_t p = 0; p < pixels; ++p)
          std::copy(acc + p * perGroup, acc + (p + 1) * perGroup,
                    outImage + p * g.outC + grp * perGroup);
      }
    }
    addBias(outImage, b, pixels, g.outC);
  }
  if (auto err = applyFloatActivation(op.getFusedActivation(), out,
                                      result.getNumElements()))
    return err;
  return applyFloatActivation(scratch.fusedActivation, out,
                              result.getNumElements());
}

//===----------------------------------------------------------------------===//
// qnt.depthwise_conv_2d
//===----------------------------------------------------------------------===//

template <typename Acc, typename In, typename Out>
static llvm::Error quantizedDepthwise(const DepthwiseGeometry &g, int64_t batch,
                                      const Tensor &input, const Tensor &filter,
                                      const Tensor *bias,
                                      const QuantizedWeightedOp &q,
                                      Tensor &result, std::vector<Acc> &buf) {
  const int64_t oc = g.channels * g.multiplier;
  if (buf.size() < static_cast<size_t>(2 * oc + oc * g.filterH * g.filterW))
    buf.resize(2 * oc + oc * g.filterH * g.filterW);
  Acc *acc = buf.data(), *biasAcc = acc + oc, *w = biasAcc + oc;
  if (auto err = loadBias(bias, oc, biasAcc))
    return err;
  const int8_t *filterData = filter.getData<int8_t>();
  for (int64_t t = 0; t < g.filterH * g.filterW; ++t)
    for (int64_t c = 0; c < oc; ++c)
      w[t * oc + c] = static_cast<Acc>(filterData[t * oc + c]) -
                      static_cast<Acc>(q.filterZeroPoints[c]);
  const In *in = input.getData<In>();
  Out *out = result.getData<Out>();
  const Acc inZp = static_cast<Acc>(q.inputZeroPoint);
  for (int64_t n = 0; n < batch; ++n) {
    const In *image = in + n * g.inH * g.inW * g.channels;
    for (int64_t oy = 0; oy < g.outH; ++oy) {
      for (int64_t ox = 0; ox < g.outW; ++ox) {
        std::copy(biasAcc, biasAcc + oc, acc);
        for (int64_t ky = 0; ky < g.filterH; ++ky) {
          int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
          if (iy < 0 || iy >= g.inH)
            continue;
          for (int64_t kx = 0; kx < g.filterW; ++kx) {
            int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
            if (ix < 0 || ix >= g.inW)
              continue;
            const In *px = image + (iy * g.inW + ix) * g.channels;
            const Acc *tap = w + (ky * g.filterW + kx) * oc;
            if (g.multiplier == 1) {
              // The common case, as one loop the compiler vectorizes.
              Acc *__restrict sum = acc;
              const Acc *__restrict weight = tap;
              const In *__restrict value = px;
              for (int64_t c = 0; c < oc; ++c)
                sum[c] += (static_cast<Acc>(value[c]) - inZp) * weight[c];
              continue;
            }
            for (int64_t c = 0; c < g.channels; ++c) {
              Acc v = static_cast<Acc>(px[c]) - inZp;
              for (int64_t m = 0; m < g.multiplier; ++m)
                acc[c * g.multiplier + m] += v * tap[c * g.multiplier + m];
            }
          }
        }
        Out *dst = out + ((n * g.outH + oy) * g.outW + ox) * oc;
        requantizeRows(acc, 1, oc, oc, q, dst);
      }
    }
  }
  return llvm::Error::success();
}


/// Hybrid depthwise_conv_2d: TFLite has only the per-channel kernel, which
/// quantizes each image asymmetrically; acc * filter scale * input scale +
/// bias in float. Padding is a real 0.
static llvm::Error hybridDepthwise(const DepthwiseGeometry &g, int64_t batch,
                                   const Tensor &input, const Tensor &filter,
                                   const Tensor *bias,
                                   llvm::ArrayRef<float> scales, Activation act,
                                   Tensor &result, Scratch &scratch) {
  const int64_t oc = g.channels * g.multiplier,
                imageSize = g.inH * g.inW * g.channels;
  std::vector<int8_t> quantized(imageSize);
  int32_t *acc = scratch.grow(scratch.i32, oc);
  const int8_t *w = filter.getData<int8_t>();
  const float *in = input.getData<float>();
  float *out = result.getData<float>();
  for (int64_t n = 0; n < batch; ++n) {
    HybridRow row = quantizeHybridRow(in + n * imageSize, imageSize,
                                      /*asymmetric=*/true, quantized.data());
    for (int64_t oy = 0; oy < g.outH; ++oy) {
      for (int64_t ox = 0; ox < g.outW; ++ox) {
        std::fill(acc, acc + oc, 0);
        for (int64_t ky = 0; ky < g.filterH; ++ky) {
          int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
          if (iy < 0 || iy >= g.inH)
            continue;
          for (int64_t kx = 0; kx < g.filterW; ++kx) {
            int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
            if (ix < 0 || ix >= g.inW)
              continue;
            const int8_t *px = quantized.data() + (iy * g.inW + ix) * g.channels;
            const int8_t *tap = w + (ky * g.filterW + kx) * oc;
            for (int64_t c = 0; c < g.channels; ++c) {
              int32_t v = static_cast<int32_t>(px[c]) - row.zeroPoint;
              for (int64_t m = 0; m < g.multiplier; ++m)
                acc[c * g.multiplier + m] += v * tap[c * g.multiplier + m];
            }
          }
        }
        float *dst = out + ((n * g.outH + oy) * g.outW + ox) * oc;
        for (int64_t c = 0; c < oc; ++c)
          dst[c] = static_cast<float>(acc[c]) * scales[c] * row.scale;
      }
    }
  }
  return finishHybrid(out, bias, batch * g.outH * g.outW, oc, act,
                      scratch.fusedActivation);
}
llvm::Error interp::evalDepthwiseConv2D(DepthwiseConv2DOp op, Operands operands,
                                        Tensor &result, Scratch &scratch) {
  const Tensor &input = *operands[0], &filter = *operands[1];
  const Tensor *bias = optionalOperand(operands, 2);
  bool hybrid = isHybrid(op.getInput(), op.getFilter(), op.getOutput());
  if (!hybrid)
    if (auto err =
            checkMixedKinds(op.getInput(), op.getFilter(), op.getOutput()))
      return err;
  if (input.getRank() != 4 || filter.getRank() != 4 || filter.getDimSize(0) != 1)
    return kernelError("expected NHWC input and 1HWC filter, got {0} and {1}",
                       shapeToString(input.getShape()),
                       shapeToString(filter.getShape()));
  int64_t mult = op.getDepthMultiplier();
  int64_t channels = input.getDimSize(3), oc = filter.getDimSize(3);
  if (mult <= 0 || channels * mult != oc)
    return kernelError("filter has {0} channels, expected {1} input channels "
                       "times depth_multiplier {2}",
                       oc, channels, mult);
  if (bias && bias->getNumElements() != oc)
    return kernelError("bias has {0} elements for {1} output channels",
                       bias->getNumElements(), oc);
  if (op.getStrideH() <= 0 || op.getStrideW() <= 0 || op.getDilationH() <= 0 ||
      op.getDilationW() <= 0)
    return kernelError("strides and dilations must be positive");
  DepthwiseGeometry g;
  g.inH = input.getDimSize(1);
  g.inW = input.getDimSize(2);
  g.channels = channels;
  g.multiplier = mult;
  g.filterH = filter.getDimSize(1);
  g.filterW = filter.getDimSize(2);
  g.strideH = op.getStrideH();
  g.strideW = op.getStrideW();
  g.dilationH = op.getDilationH();
  g.dilationW = op.getDilationW();
  PaddedDim h = computePadding(op.getPadding(), g.inH, g.filterH, g.strideH,
                               g.dilationH);
  PaddedDim w = computePadding(op.getPadding(), g.inW, g.filterW, g.strideW,
                               g.dilationW);
  g.outH = h.outSize;
  g.outW = w.outSize;
  g.padTop = h.padBefore;
  g.padLeft = w.padBefore;
  int64_t batch = input.getDimSize(0);
  if (auto err =
          prepareResult(op.getOutput(), {batch, g.outH, g.outW, oc}, result))
    return err;

  if (hybrid) {
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (auto err = checkHybridBias(bias, op.getBias()))
      return err;
    auto scales = getHybridFilterScales(op.getFilter(), oc, 3);
    if (!scales)
      return scales.takeError();
    return hybridDepthwise(g, batch, input, filter, bias, *scales,
                           op.getFusedActivation(), result, scratch);
  }

  if (isQuantized(op.getInput())) {
    auto q = getQuantizedWeightedOp(op.getInput(), op.getFilter(), op.getBias(),
                                    op.getOutput(), oc, 3,
                                    op.getFusedActivation());
    if (!q)
      return q.takeError();
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (q->wide)
      return quantizedDepthwise<int64_t, int16_t, int16_t>(
          g, batch, input, filter, bias, *q, result, scratch.i64);
    return dispatchElementKind(input.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>)
        return quantizedDepthwise<int32_t, T, T>(g, batch, input, filter, bias,
                                                 *q, result, scratch.i32);
      else
        return kernelError("unsupported quantized input storage");
    });
  }

  const float *in = input.getData<float>();
  float *out = result.getData<float>();
  float lo, hi;
  if (hasFastDepthwise(g) && getFloatClamp(op.getFusedActivation(),
                                           scratch.fusedActivation, lo, hi)) {
    for (int64_t n = 0; n < batch; ++n)
      depthwiseConvClamp(g, in + n * g.inH * g.inW * channels,
                         filter.getData<float>(),
                         bias ? bias->getData<float>() : nullptr,
                         out + n * g.outH * g.outW * oc, lo, hi);
    return llvm::Error::success();
  }
  for (int64_t n = 0; n < batch; ++n)
    depthwiseConv(g, in + n * g.inH * g.inW * channels,
                  filter.getData<float>(),
                  bias ? bias->getData<float>() : nullptr,
                  out + n * g.outH * g.outW * oc);
  if (auto err = applyFloatActivation(op.getFusedActivation(), out,
                                      result.getNumElements()))
    return err;
  return applyFloatActivation(scratch.fusedActivation, out,
                              result.getNumElements());
}

//===----------------------------------------------------------------------===//
// qnt.transpose_conv
//===----------------------------------------------------------------------===//

namespace {
struct TransposeConvGeometry {
  int64_t batch, inH, inW, inC, outH, outW, outC, filterH, filterW;
  int64_t strideH, strideW, padTop, padLeft;
};

/// Filter OHWI -> rows (ky, kx, o) of I values, so that one GEMM gives every
/// tap's contribution of every input pixel.
template <typename Src, typename Dst>
void permuteTransposeConvFilter(const TransposeConvGeometry &g, const Src *w,
                                llvm::ArrayRef<int64_t> zeroPoints, Dst *dst) {
  for (int64_t o = 0; o < g.outC; ++o)
    for (int64_t t = 0; t < g.filterH * g.filterW; ++t)
      for (int64_t i = 0; i < g.inC; ++i)
        dst[(t * g.outC + o) * g.inC + i] =
            static_cast<Dst>(w[(o * g.filterH * g.filterW + t) * g.inC + i]) -
            static_cast<Dst>(zeroPoints.empty() ? 0 : zeroPoints[o]);
}

/// Scatters the per-tap products [inH * inW, taps * outC] of one image into
/// the output image [outH, outW, outC] (which must start at zero).
template <typename T>
void col2im(const TransposeConvGeometry &g, const T *cols, T *out) {
  for (int64_t iy = 0; iy < g.inH; ++iy) {
    for (int64_t ix = 0; ix < g.inW; ++ix) {
      const T *row = cols + (iy * g.inW + ix) * g.filterH * g.filterW * g.outC;
      for (int64_t ky = 0; ky < g.filterH; ++ky) {
        int64_t oy = iy * g.strideH - g.padTop + ky;
        if (oy < 0 || oy >= g.outH)
          continue;
        for (int64_t kx = 0; kx < g.filterW; ++kx) {
          int64_t ox = ix * g.strideW - g.padLeft + kx;
          if (ox < 0 || ox >= g.outW)
            continue;
          const T *src = row + (ky * g.filterW + kx) * g.outC;
          T *dst = out + (oy * g.outW + ox) * g.outC;
          for (int64_t c = 0; c < g.outC; ++c)
            dst[c] += src[c];
        }
      }
    }
  }
}

template <typename Acc, typename In, typename Out>
llvm::Error quantizedTransposeConv(const TransposeConvGeometry &g,
                                   const Tensor &input, const Tensor &filter,
                                   const Tensor *bias,
                                   const QuantizedWeightedOp &q,
                                   Tensor &result, Scratch &scratch,
                                   std::vector<Acc> &bufA,
                                   std::vector<Acc> &bufB) {
  const int64_t taps = g.filterH * g.filterW, inPixels = g.inH * g.inW,
                outPixels = g.outH * g.outW;
  Acc *w = scratch.grow(bufB, taps * g.outC * g.inC + g.outC);
  Acc *biasAcc = w + taps * g.outC * g.inC;
  permuteTransposeConvFilter(g, filter.getData<int8_t>(), q.filterZeroPoints,
                             w);
  if (auto err = loadBias(bias, g.outC, biasAcc))
    return err;
  Acc *in = scratch.grow(bufA, inPixels * g.inC + inPixels * taps * g.outC +
                                   outPixels * g.outC);
  Acc *cols = in + inPixels * g.inC;
  Acc *acc = cols + inPixels * taps * g.outC;
  for (int64_t n = 0; n < g.batch; ++n) {
    const In *image = input.getData<In>() + n * inPixels * g.inC;
    for (int64_t i = 0; i < inPixels * g.inC; ++i)
      in[i] = static_cast<Acc>(image[i]) - static_cast<Acc>(q.inputZeroPoint);
    gemm(in, w, cols, inPixels, taps * g.outC, g.inC, false, true);
    std::fill(acc, acc + outPixels * g.outC, Acc(0));
    col2im(g, cols, acc);
    addBiasRows(acc, biasAcc, outPixels, g.outC);
    requantizeRows(acc, outPixels, g.outC, g.outC, q,
                   result.getData<Out>() + n * outPixels * g.outC);
  }
  return llvm::Error::success();
}
} // namespace

llvm::Error interp::evalTransposeConv(TransposeConvOp op, Operands operands,
                                      Tensor &result, Scratch &scratch) {
  const Tensor &outputShape = *operands[0], &filter = *operands[1],
               &input = *operands[2];
  const Tensor *bias = optionalOperand(operands, 3);
  if (auto err = checkMixedKinds(op.getInput(), op.getFilter(), op.getOutput()))
    return err;
  auto shape = readIndexTensor(outputShape, "output_shape");
  if (!shape)
    return shape.takeError();
  if (shape->size() != 4 || input.getRank() != 4 || filter.getRank() != 4)
    return kernelError("expected a 4-element output_shape and 4-D input and "
                       "filter");
  TransposeConvGeometry g;
  g.batch = input.getDimSize(0);
  g.inH = input.getDimSize(1);
  g.inW = input.getDimSize(2);
  g.inC = input.getDimSize(3);
  g.outH = (*shape)[1];
  g.outW = (*shape)[2];
  g.outC = filter.getDimSize(0);
  g.filterH = filter.getDimSize(1);
  g.filterW = filter.getDimSize(2);
  g.strideH = op.getStrideH();
  g.strideW = op.getStrideW();
  if ((*shape)[0] != g.batch || (*shape)[3] != g.outC || g.outH < 0 ||
      g.outW < 0)
    return kernelError("output_shape {0} does not fit batch {1} and {2} "
                       "filters",
                       shapeToString(*shape), g.batch, g.outC);
  if (filter.getDimSize(3) != g.inC)
    return kernelError("filter has {0} input channels, input has {1}",
                       filter.getDimSize(3), g.inC);
  if (g.strideH <= 0 || g.strideW <= 0)
    return kernelError("strides must be positive");
  if (bias && bias->getNumElements() != g.outC)
    return kernelError("bias has {0} elements for {1} output channels",
                       bias->getNumElements(), g.outC);
  // The padding the forward convolution from the output back to the input
  // would use.
  g.padTop = computePadding(op.getPadding(), g.outH, g.filterH, g.strideH, 1)
                 .padBefore;
  g.padLeft = computePadding(op.getPadding(), g.outW, g.filterW, g.strideW, 1)
                  .padBefore;
  if (auto err = prepareResult(op.getOutput(), *shape, result))
    return err;

  if (isQuantized(op.getInput())) {
    auto q = getQuantizedWeightedOp(op.getInput(), op.getFilter(), op.getBias(),
                                    op.getOutput(), g.outC, 0,
                                    op.getFusedActivation());
    if (!q)
      return q.takeError();
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (q->wide)
      return quantizedTransposeConv<int64_t, int16_t, int16_t>(
          g, input, filter, bias, *q, result, scratch, scratch.i64,
          scratch.i64b);
    return dispatchElementKind(input.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>)
        return quantizedTransposeConv<int32_t, T, T>(
            g, input, filter, bias, *q, result, scratch, scratch.i32,
            scratch.i32b);
      else
        return kernelError("unsupported quantized input storage");
    });
  }

  const int64_t taps = g.filterH * g.filterW, inPixels = g.inH * g.inW,
                outPixels = g.outH * g.outW;
  float *w = scratch.grow(scratch.f32b, taps * g.outC * g.inC);
  permuteTransposeConvFilter(g, filter.getData<float>(), {}, w);
  float *cols = scratch.grow(scratch.f32, inPixels * taps * g.outC);
  float *out = result.getData<float>();
  std::fill(out, out + result.getNumElements(), 0.0f);
  for (int64_t n = 0; n < g.batch; ++n) {
    gemm(input.getData<float>() + n * inPixels * g.inC, w, cols, inPixels,
         taps * g.outC, g.inC, false, true);
    col2im(g, cols, out + n * outPixels * g.outC);
  }
  addBias(out, bias ? bias->getData<float>() : nullptr, g.batch * outPixels,
          g.outC);
  return applyFloatActivation(op.getFusedActivation(), out,
                              result.getNumElements());
}

//===----------------------------------------------------------------------===//
// qnt.fully_connected
//===----------------------------------------------------------------------===//

template <typename Acc, typename In, typename Out>
static llvm::Error quantizedFullyConnected(int64_t rows, int64_t depth,
                                           int64_t channels, const Tensor &input,
                                           const Tensor &filter,
                                           const Tensor *bias,
                                           const QuantizedWeightedOp &q,
                                           Tensor &result, Scratch &scratch,
                                           std::vector<Acc> &bufA,
                                           std::vector<Acc> &bufB) {
  Acc *w = scratch.grow(bufB, channels * depth + channels);
  Acc *biasAcc = w + channels * depth;
  loadFilter(filter.getData<int8_t>(), channels, depth, q.filterZeroPoints, w);
  if (auto err = loadBias(bias, channels, biasAcc))
    return err;
  Acc *in = scratch.grow(bufA, rows * depth + rows * channels);
  Acc *acc = in + rows * depth;
  const In *src = input.getData<In>();
  for (int64_t i = 0; i < rows * depth; ++i)
    in[i] = static_cast<Acc>(src[i]) - static_cast<Acc>(q.inputZeroPoint);
  gemm(in, w, acc, rows, channels, depth, false, true);
  addBiasRows(acc, biasAcc, rows, channels);
  requantizeRows(acc, rows, channels, channels, q, result.getData<Out>());
  return llvm::Error::success();
}


/// Hybrid fully_connected and batch_matmul: each row of x (length depth)
/// quantized to int8, symmetric or asymmetric; row r, column c is
/// (sum q * w - zp * sum w) * input scale * filter scale in float. \p w is
/// [channels, depth].
static void hybridRows(const float *x, int64_t rows, int64_t depth,
                       const int8_t *w, int64_t channels,
                       llvm::ArrayRef<float> scales, bool asymmetric,
                       float *out, Scratch &scratch) {
  int32_t *wAcc = scratch.grow(scratch.i32b, channels * depth + channels);
  int32_t *wSums = wAcc + channels * depth;
  for (int64_t c = 0; c < channels; ++c) {
    int32_t sum = 0;
    for (int64_t k = 0; k < depth; ++k) {
      int32_t v = w[c * depth + k];
      wAcc[c * depth + k] = v;
      sum += v;
    }
    wSums[c] = sum;
  }
  int32_t *xAcc = scratch.grow(scratch.i32, depth + channels);
  int32_t *acc = xAcc + depth;
  std::vector<int8_t> quantized(depth);
  for (int64_t r = 0; r < rows; ++r) {
    HybridRow row =
        quantizeHybridRow(x + r * depth, depth, asymmetric, quantized.data());
    for (int64_t k = 0; k < depth; ++k)
      xAcc[k] = quantized[k];
    gemm(xAcc, wAcc, acc, 1, channels, depth, false, true);
    for (int64_t c = 0; c < channels; ++c) {
      int32_t dot = acc[c] - row.zeroPoint * wSums[c];
      out[r * channels + c] =
          static_cast<float>(dot) * (row.scale * scales[c]);
    }
  }
}
llvm::Error interp::evalFullyConnected(FullyConnectedOp op, Operands operands,
                                       Tensor &result, Scratch &scratch) {
  const Tensor &input = *operands[0], &filter = *operands[1];
  const Tensor *bias = optionalOperand(operands, 2);
  bool hybrid = isHybrid(op.getInput(), op.getFilter(), op.getOutput());
  if (!hybrid)
    if (auto err =
            checkMixedKinds(op.getInput(), op.getFilter(), op.getOutput()))
      return err;
  if (filter.getRank() != 2)
    return kernelError("filter must be 2-D, got {0}",
                       shapeToString(filter.getShape()));
  int64_t channels = filter.getDimSize(0), depth = filter.getDimSize(1);
  if (depth <= 0 || input.getNumElements() % depth != 0)
    return kernelError("input of shape {0} is not a whole number of rows of {1}",
                       shapeToString(input.getShape()), depth);
  if (bias && bias->getNumElements() != channels)
    return kernelError("bias has {0} elements for {1} output channels",
                       bias->getNumElements(), channels);
  int64_t rows = input.getNumElements() / depth;
  llvm::SmallVector<int64_t> shape;
  if (op.getKeepNumDims()) {
    if (input.getRank() == 0 || input.getShape().back() != depth)
      return kernelError("keep_num_dims needs the last input dimension to be "
                         "{0}, got {1}",
                         depth, shapeToString(input.getShape()));
    shape.assign(input.getShape().begin(), input.getShape().end());
    shape.back() = channels;
  } else {
    shape = {rows, channels};
  }
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;

  if (hybrid) {
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (auto err = checkHybridBias(bias, op.getBias()))
      return err;
    auto scales = getHybridFilterScales(op.getFilter(), channels, 0);
    if (!scales)
      return scales.takeError();
    float *out = result.getData<float>();
    hybridRows(input.getData<float>(), rows, depth, filter.getData<int8_t>(),
               channels, *scales,
               op.getAsymmetricQuantizeInputs(), out, scratch);
    return finishHybrid(out, bias, rows, channels, op.getFusedActivation());
  }

  if (isQuantized(op.getInput())) {
    auto q = getQuantizedWeightedOp(op.getInput(), op.getFilter(), op.getBias(),
                                    op.getOutput(), channels, 0,
                                    op.getFusedActivation());
    if (!q)
      return q.takeError();
    if (filter.getKind() != ElementKind::I8)
      return kernelError("filter must have i8 storage");
    if (q->wide)
      return quantizedFullyConnected<int64_t, int16_t, int16_t>(
          rows, depth, channels, input, filter, bias, *q, result, scratch,
          scratch.i64, scratch.i64b);
    return dispatchElementKind(input.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>)
        return quantizedFullyConnected<int32_t, T, T>(
            rows, depth, channels, input, filter, bias, *q, result, scratch,
            scratch.i32, scratch.i32b);
      else
        return kernelError("unsupported quantized input storage");
    });
  }

  float *out = result.getData<float>();
  gemm(input.getData<float>(), filter.getData<float>(), out, rows, channels,
       depth, false, true);
  addBias(out, bias ? bias->getData<float>() : nullptr, rows, channels);
  return applyFloatActivation(op.getFusedActivation(), out,
                              result.getNumElements());
}

//===----------------------------------------------------------------------===//
// qnt.batch_matmul
//===----------------------------------------------------------------------===//


/// Hybrid batch_matmul: float x, int8 per-tensor y. Each row of x (after
/// adj_x) is quantized on its own, as by the hybrid fully connected kernel.
static llvm::Error hybridBatchMatMul(BatchMatMulOp op, const Tensor &x,
                                     const Tensor &y, int64_t m, int64_t n,
                                     int64_t k, llvm::ArrayRef<int64_t> batch,
                                     Tensor &result, Scratch &scratch) {
  if (y.getKind() != ElementKind::I8)
    return kernelError("y must have i8 storage");
  auto yq = getPerTensorQuantInfo(op.getY(), "y");
  if (!yq)
    return yq.takeError();
  if (yq->bits != 8 || yq->zeroPoint() != 0)
    return kernelError("hybrid batch_matmul: y must be int8 with zero point "
                       "0");
  llvm::SmallVector<float> scales(n, static_cast<float>(yq->scale()));
  llvm::SmallVector<int64_t> xStrides =
      broadcastStrides(x.getShape().drop_back(2), batch);
  llvm::SmallVector<int64_t> yStrides =
      broadcastStrides(y.getShape().drop_back(2), batch);
  int64_t numBatches = 1;
  for (int64_t d : batch)
    numBatches *= d;
  std::vector<float> rows(m * k);
  std::vector<int8_t> yMat(k * n);
  for (int64_t b = 0; b < numBatches; ++b) {
    int64_t xo = 0, yo = 0, rest = b;
    for (int64_t d = static_cast<int64_t>(batch.size()) - 1; d >= 0; --d) {
      int64_t i = rest % batch[d];
      rest /= batch[d];
      xo += i * xStrides[d];
      yo += i * yStrides[d];
    }
    const float *xs = x.getData<float>() + xo * m * k;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < k; ++j)
        rows[i * k + j] = op.getAdjX() ? xs[j * m + i] : xs[i * k + j];
    // As [n, k] rows: y itself when adj_y, else its transpose.
    const int8_t *ys = y.getData<int8_t>() + yo * k * n;
    for (int64_t c = 0; c < n; ++c)
      for (int64_t j = 0; j < k; ++j)
        yMat[c * k + j] = op.getAdjY() ? ys[c * k + j] : ys[j * n + c];
    hybridRows(rows.data(), m, k, yMat.data(), n, scales,
               op.getAsymmetricQuantizeInputs(),
               result.getData<float>() + b * m * n, scratch);
  }
  return llvm::Error::success();
}

llvm::Error interp::evalBatchMatMul(BatchMatMulOp op, Operands operands,
                                    Tensor &result, Scratch &scratch) {
  const Tensor &x = *operands[0], &y = *operands[1];
  if (x.getRank() < 2 || y.getRank() < 2)
    return kernelError("operands must have rank >= 2");
  bool adjX = op.getAdjX(), adjY = op.getAdjY();
  int64_t m = x.getDimSize(x.getRank() - (adjX ? 1 : 2));
  int64_t kx = x.getDimSize(x.getRank() - (adjX ? 2 : 1));
  int64_t ky = y.getDimSize(y.getRank() - (adjY ? 1 : 2));
  int64_t n = y.getDimSize(y.getRank() - (adjY ? 2 : 1));
  if (kx != ky)
    return kernelError("contracting dimensions differ: {0} vs {1}", kx, ky);
  auto batchShape = broadcastShapes(x.getShape().drop_back(2),
                                    y.getShape().drop_back(2));
  if (!batchShape)
    return batchShape.takeError();
  llvm::SmallVector<int64_t> shape(*batchShape);
  shape.push_back(m);
  shape.push_back(n);
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  if (isHybrid(op.getX(), op.getY(), op.getOutput()))
    return hybridBatchMatMul(op, x, y, m, n, kx, *batchShape, result, scratch);
  bool quantized = isQuantized(op.getX());
  if (quantized != isQuantized(op.getY()) ||
      quantized != isQuantized(op.getOutput()))
    return kernelError("operands and result must all be float or all be "
                       "quantized");

  // Matrix offsets of each batch after broadcasting.
  llvm::SmallVector<int64_t> xStrides =
      broadcastStrides(x.getShape().drop_back(2), *batchShape);
  llvm::SmallVector<int64_t> yStrides =
      broadcastStrides(y.getShape().drop_back(2), *batchShape);
  int64_t numBatches = 1;
  for (int64_t d : *batchShape)
    numBatches *= d;
  auto offsets = [&](int64_t b, int64_t &xOff, int64_t &yOff) {
    xOff = yOff = 0;
    for (int64_t d = static_cast<int64_t>(batchShape->size()) - 1; d >= 0;
         --d) {
      int64_t i = b % (*batchShape)[d];
      b /= (*batchShape)[d];
      xOff += i * xStrides[d];
      yOff += i * yStrides[d];
    }
  };
  const int64_t xMat = m * kx, yMat = kx * n, oMat = m * n;

  if (!quantized) {
    for (int64_t b = 0; b < numBatches; ++b) {
      int64_t xo, yo;
      offsets(b, xo, yo);
      gemm(x.getData<float>() + xo * xMat, y.getData<float>() + yo * yMat,
           result.getData<float>() + b * oMat, m, n, kx, adjX, adjY);
    }
    return llvm::Error::success();
  }

  auto xq = getPerTensorQuantInfo(op.getX(), "x");
  if (!xq)
    return xq.takeError();
  auto yq = getPerTensorQuantInfo(op.getY(), "y");
  if (!yq)
    return yq.takeError();
  auto oq = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!oq)
    return oq.takeError();
  auto mult = checkedMultiplier(xq->scale() * yq->scale() / oq->scale(),
                                "output rescale");
  if (!mult)
    return mult.takeError();
  QuantizedWeightedOp q;
  q.multipliers.assign(n, *mult);
  q.outputZeroPoint = oq->zeroPoint();
  q.clampLo = oq->qmin;
  q.clampHi = oq->qmax;
  q.wide = oq->bits == 16;
  auto run = [&](auto accTag, auto inTag) -> llvm::Error {
    using Acc = decltype(accTag);
    using In = decltype(inTag);
    if (x.getKind() != elementKindOf<In>() || y.getKind() != elementKindOf<In>())
      return kernelError("x and y must have the same storage type");
    std::vector<Acc> *buf;
    if constexpr (std::is_same_v<Acc, int64_t>)
      buf = &scratch.i64;
    else
      buf = &scratch.i32;
    Acc *xa = scratch.grow(*buf, xMat + yMat + oMat);
    Acc *ya = xa + xMat, *acc = ya + yMat;
    for (int64_t b = 0; b < numBatches; ++b) {
      int64_t xo, yo;
      offsets(b, xo, yo);
      const In *xs = x.getData<In>() + xo * xMat;
      const In *ys = y.getData<In>() + yo * yMat;
      for (int64_t i = 0; i < xMat; ++i)
        xa[i] = static_cast<Acc>(xs[i]) - static_cast<Acc>(xq->zeroPoint());
      for (int64_t i = 0; i < yMat; ++i)
        ya[i] = static_cast<Acc>(ys[i]) - static_cast<Acc>(yq->zeroPoint());
      gemm(xa, ya, acc, m, n, kx, adjX, adjY);
      requantizeRows(acc, m, n, n, q, result.getData<In>() + b * oMat);
    }
    return llvm::Error::success();
  };
  switch (result.getKind()) {
  case ElementKind::I8:
    return run(int32_t(), int8_t());
  case ElementKind::U8:
    return run(int32_t(), uint8_t());
  case ElementKind::I16:
    return run(int64_t(), int16_t());
  default:
    return kernelError("unsupported quantized storage for batch_matmul");
  }
}
