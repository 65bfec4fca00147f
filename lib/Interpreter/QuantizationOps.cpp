//===- QuantizationOps.cpp - const, stats, fake_quant, (de)quantize -------===//

#include "Kernels.h"

#include "qnt/Data/NpyArray.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

//===----------------------------------------------------------------------===//
// Per-axis indexing
//===----------------------------------------------------------------------===//

namespace {
/// Maps a flat element index to the channel of a per-axis type.
struct ChannelIndexer {
  int64_t inner = 1, size = 1;
  ChannelIndexer(llvm::ArrayRef<int64_t> shape, int axis) {
    if (axis < 0)
      return;
    size = shape[axis];
    for (size_t d = axis + 1; d < shape.size(); ++d)
      inner *= shape[d];
  }
  int64_t operator()(int64_t index) const { return (index / inner) % size; }
};

llvm::Error checkChannelCount(const QuantInfo &info,
                              llvm::ArrayRef<int64_t> shape,
                              llvm::StringRef what) {
  if (!info.isPerAxis())
    return llvm::Error::success();
  if (info.axis >= static_cast<int>(shape.size()) ||
      static_cast<int64_t>(info.scales.size()) != shape[info.axis])
    return kernelError("{0} has {1} per-axis scales for dimension {2} of "
                       "shape {3}",
                       what, info.scales.size(), info.axis,
                       shapeToString(shape));
  return llvm::Error::success();
}
} // namespace

//===----------------------------------------------------------------------===//
// qnt.const
//===----------------------------------------------------------------------===//

/// Copies raw little-endian elements of \p storage into \p out, widening f16.
static llvm::Error copyRawElements(Type storage, llvm::ArrayRef<char> raw,
                                   bool splat, Tensor &out) {
  int64_t n = out.getNumElements();
  if (storage.isF16()) {
    if (raw.size() != static_cast<size_t>(splat ? 2 : 2 * n))
      return kernelError("constant data has {0} bytes for {1} f16 values",
                         raw.size(), n);
    float *dst = out.getData<float>();
    for (int64_t i = 0; i < n; ++i) {
      uint16_t bits;
      std::memcpy(&bits, raw.data() + (splat ? 0 : 2 * i), 2);
      dst[i] = halfToFloat(bits);
    }
    return llvm::Error::success();
  }
  size_t size = getElementSize(out.getKind());
  if (raw.size() != (splat ? size : size * n))
    return kernelError("constant data has {0} bytes for {1} values of {2} "
                       "bytes",
                       raw.size(), n, size);
  char *dst = static_cast<char *>(out.getRawData());
  if (!splat) {
    if (n)
      std::memcpy(dst, raw.data(), size * n);
    return llvm::Error::success();
  }
  for (int64_t i = 0; i < n; ++i)
    std::memcpy(dst + i * size, raw.data(), size);
  return llvm::Error::success();
}

llvm::Error interp::evalConst(ConstOp op, Tensor &result) {
  auto valueType = cast<ShapedType>(op.getValue().getType());
  if (auto err = prepareResult(op.getOutput(), valueType.getShape(), result))
    return err;
  Type storage = valueType.getElementType();
  ElementKind storageKind;
  if (!getElementKindFor(storage, storageKind) ||
      storageKind != result.getKind())
    return kernelError("constant element type does not match the result");

  Attribute value = op.getValue();
  if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(value)) {
    if (storage.isInteger(1))
      return kernelError("i1 constants are not supported");
    return copyRawElements(storage, dense.getRawData(), dense.isSplat(),
                           result);
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return kernelError("constant refers to a missing resource blob");
    return copyRawElements(storage, blob->getData(), /*splat=*/false, result);
  }
  // Any other ElementsAttr: go through APInt / APFloat values.
  auto elements = cast<ElementsAttr>(value);
  int64_t i = 0;
  if (isa<FloatType>(storage)) {
    float *dst = result.getData<float>();
    for (APFloat v : elements.getValues<APFloat>()) {
      bool lost;
      v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
      dst[i++] = v.convertToFloat();
    }
    return llvm::Error::success();
  }
  return dispatchElementKind(result.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    T *dst = result.getData<T>();
    bool isUnsigned = storage.isUnsignedInteger();
    for (APInt v : elements.getValues<APInt>())
      dst[i++] = static_cast<T>(isUnsigned ? v.getZExtValue()
                                           : v.getSExtValue());
    return llvm::Error::success();
  });
}

//===----------------------------------------------------------------------===//
// qnt.stats, qnt.fake_quant
//===----------------------------------------------------------------------===//

llvm::Error interp::evalStats(StatsOp op, Operands operands, Tensor &result,
                              Scratch &) {
  if (auto err = checkResultShape(op.getOutput(), operands[0]->getShape()))
    return err;
  result = *operands[0];
  return llvm::Error::success();
}

llvm::Error interp::evalFakeQuant(FakeQuantOp op, Operands operands,
                                  Tensor &result, Scratch &) {
  const Tensor &input = *operands[0];
  if (auto err = prepareResult(op.getOutput(), input.getShape(), result))
    return err;
  // The nudging of TensorFlow's FakeQuantWithMinMaxArgs, in float as it does:
  // the range moves so that 0.0 falls exactly on the grid.
  float rmin = static_cast<float>(op.getMin().convertToDouble());
  float rmax = static_cast<float>(op.getMax().convertToDouble());
  if (!(rmin < rmax))
    return kernelError("empty range [{0}, {1}]", rmin, rmax);
  float quantMin = op.getNarrowRange() ? 1.0f : 0.0f;
  float quantMax = static_cast<float>((1 << op.getNumBits()) - 1);
  float scale = (rmax - rmin) / (quantMax - quantMin);
  float zeroFromMin = quantMin - rmin / scale;
  float zeroPoint = zeroFromMin < quantMin   ? quantMin
                    : zeroFromMin > quantMax ? quantMax
                                             : std::round(zeroFromMin);
  float nudgedMin = (quantMin - zeroPoint) * scale;
  float nudgedMax = (quantMax - zeroPoint) * scale;
  float inverse = 1.0f / scale;
  const float *in = input.getData<float>();
  float *out = result.getData<float>();
  for (int64_t i = 0, e = input.getNumElements(); i < e; ++i) {
    float clamped = std::min(nudgedMax, std::max(nudgedMin, in[i]));
    out[i] = std::round((clamped - nudgedMin) * inverse) * scale + nudgedMin;
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// qnt.quantize
//===----------------------------------------------------------------------===//

template <typename Out>
static void quantizeFloat(const float *in, Out *out, int64_t n,
                          const QuantInfo &info,
                          const ChannelIndexer &channel) {
  for (int64_t i = 0; i < n; ++i) {
    int64_t c = info.isPerAxis() ? channel(i) : 0;
    out[i] = static_cast<Out>(quantizeValue(
        in[i], {info.scales[c], info.zeroPoints[c]}, info.qmin, info.qmax));
  }
}

/// TFLite's integer-to-integer QUANTIZE: (q - inZp) scaled by `m` in fixed
/// point, plus outZp, clamped to [qmin, qmax]. Shared by qnt.quantize between
/// quantized types and qnt.requantize, which states `m` itself.
static llvm::Error rescaleIntegers(const Tensor &input, Tensor &result,
                                   QuantizedMultiplier m, int64_t inZp,
                                   int64_t outZp, int64_t qmin, int64_t qmax) {
  int64_t n = input.getNumElements();
  return dispatchElementKind(input.getKind(), [&](auto inTag) -> llvm::Error {
    using In = decltype(inTag);
    return dispatchElementKind(
        result.getKind(), [&](auto outTag) -> llvm::Error {
          using Out = decltype(outTag);
          if constexpr (std::is_same_v<In, float> ||
                        std::is_same_v<Out, float>) {
            return kernelError("quantized tensor with float storage");
          } else {
            const In *src = input.getData<In>();
            Out *dst = result.getData<Out>();
            for (int64_t i = 0; i < n; ++i) {
              int32_t v = multiplyByQuantizedMultiplier(
                  static_cast<int32_t>(src[i] - inZp), m);
              dst[i] = clampTo<Out>(int64_t(v) + outZp, qmin, qmax);
            }
            return llvm::Error::success();
          }
        });
  });
}

llvm::Error interp::evalQuantize(QuantizeOp op, Operands operands,
                                 Tensor &result, Scratch &) {
  const Tensor &input = *operands[0];
  if (auto err = prepareResult(op.getOutput(), input.getShape(), result))
    return err;
  auto out = getQuantInfo(op.getOutput(), "result");
  if (!out)
    return out.takeError();
  if (auto err = checkChannelCount(*out, input.getShape(), "result"))
    return err;
  int64_t n = input.getNumElements();

  if (isFloat(op.getInput())) {
    ChannelIndexer channel(input.getShape(), out->axis);
    return dispatchElementKind(result.getKind(), [&](auto tag) -> llvm::Error {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, float>)
        return kernelError("quantized result has a float storage kind");
      else
        quantizeFloat(input.getData<float>(), result.getData<T>(), n, *out,
                      channel);
      return llvm::Error::success();
    });
  }

  // Requantization, as TFLite's QUANTIZE does between integer types: the
  // zero-point-corrected input times in_scale / out_scale, in fixed point.
  auto in = getPerTensorQuantInfo(op.getInput(), "input");
  if (!in)
    return in.takeError();
  if (out->isPerAxis())
    return kernelError("requantizing to a per-axis type is not supported");
  auto m = checkedMultiplier(in->scale() / out->scale(), "requantize");
  if (!m)
    return m.takeError();
  return rescaleIntegers(input, result, *m, in->zeroPoint(),
                         out->zeroPoint(), out->qmin, out->qmax);
}

//===----------------------------------------------------------------------===//
// qnt.dequantize
//===----------------------------------------------------------------------===//

llvm::Error interp::evalDequantize(DequantizeOp op, Operands operands,
                                   Tensor &result, Scratch &) {
  const Tensor &input = *operands[0];
  if (auto err = prepareResult(op.getOutput(), input.getShape(), result))
    return err;
  // f16 data was widened to f32 when it was loaded.
  if (isFloat(op.getInput())) {
    std::memcpy(result.getRawData(), input.getRawData(), input.getNumBytes());
    return llvm::Error::success();
  }
  auto info = getQuantInfo(op.getInput(), "input");
  if (!info)
    return info.takeError();
  if (auto err = checkChannelCount(*info, input.getShape(), "input"))
    return err;
  ChannelIndexer channel(input.getShape(), info->axis);
  float *out = result.getData<float>();
  int64_t n = input.getNumElements();
  return dispatchElementKind(input.getKind(), [&](auto tag) -> llvm::Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, float>) {
      return kernelError("quantized input with float storage");
    } else {
      const T *in = input.getData<T>();
      for (int64_t i = 0; i < n; ++i) {
        int64_t c = info->isPerAxis() ? channel(i) : 0;
        out[i] = dequantizeValue(in[i], {info->scales[c], info->zeroPoints[c]});
      }
      return llvm::Error::success();
    }
  });
}

//===----------------------------------------------------------------------===//
// qnt.requantize
//===----------------------------------------------------------------------===//

llvm::Error interp::evalRequantize(RequantizeOp op, Operands operands,
                                   Tensor &result, Scratch &) {
  const Tensor &input = *operands[0];
  if (auto err = prepareResult(op.getOutput(), input.getShape(), result))
    return err;
  auto in = getPerTensorQuantInfo(op.getInput(), "input");
  if (!in)
    return in.takeError();
  auto out = getPerTensorQuantInfo(op.getOutput(), "result");
  if (!out)
    return out.takeError();
  // The op states its arithmetic: apply its own multiplier and shift.
  QuantizedMultiplier m{static_cast<int32_t>(op.getMultiplier()),
                        static_cast<int>(op.getShift())};
  if (m.multiplier < 0 || m.shift < -31 || m.shift > 30)
    return kernelError("multiplier {0} and shift {1} are out of range",
                       m.multiplier, m.shift);
  return rescaleIntegers(input, result, m, in->zeroPoint(), out->zeroPoint(),
                         out->qmin, out->qmax);
}
