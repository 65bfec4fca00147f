//===- QuantTypeBuilder.cpp - Quantized types from ranges and values ------===//

#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"
#include "qnt/Support/QuantMath.h"

#include "mlir/IR/TypeUtilities.h"
#include <cmath>

using namespace mlir;
using namespace qnt;

static IntegerType storageType(MLIRContext *ctx, unsigned bits) {
  return IntegerType::get(ctx, bits);
}

quant::UniformQuantizedType
qnt::activationTypeWithParams(MLIRContext *ctx, double scale,
                              int64_t zeroPoint, unsigned bits,
                              bool isSigned) {
  auto [qmin, qmax] = integerRange(bits, isSigned);
  return quant::UniformQuantizedType::get(
      isSigned ? quant::QuantizationFlags::Signed : 0,
      storageType(ctx, bits), Float32Type::get(ctx), scale, zeroPoint, qmin,
      qmax);
}

quant::UniformQuantizedType qnt::activationType(MLIRContext *ctx, double min,
                                                double max, unsigned bits,
                                                bool narrowRange,
                                                bool powerOfTwo) {
  auto [qmin, qmax] = integerRange(bits, /*isSigned=*/true, narrowRange);
  if (bits == 16) {
    // int16 activations are symmetric with zero point 0.
    QuantParams p = chooseSymmetricParams(
        std::max(std::fabs(min), std::fabs(max)), qmax);
    double scale = powerOfTwo ? roundScaleToPowerOfTwo(p.scale) : p.scale;
    return activationTypeWithParams(ctx, scale, 0, bits);
  }
  QuantParams p = chooseAsymmetricParams(min, max, qmin, qmax);
  if (powerOfTwo) {
    // A larger scale covers more than [min, max]; place the zero point so
    // that both ends stay inside, doubling the scale if rounding the zero
    // point pushed one end out.
    p.scale = roundScaleToPowerOfTwo(p.scale);
    for (;;) {
      double zp = std::round(qmin - std::min(min, 0.0) / p.scale);
      p.zeroPoint = static_cast<int64_t>(
          std::min<double>(std::max<double>(zp, qmin), qmax));
      if ((qmin - p.zeroPoint) * p.scale <= std::min(min, 0.0) &&
          (qmax - p.zeroPoint) * p.scale >= std::max(max, 0.0))
        break;
      p.scale *= 2;
    }
  }
  return quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, storageType(ctx, bits),
      Float32Type::get(ctx), p.scale, p.zeroPoint, qmin, qmax);
}

quant::QuantizedType qnt::weightType(DenseElementsAttr values,
                                     std::optional<unsigned> axis,
                                     unsigned bits, bool powerOfTwo) {
  MLIRContext *ctx = values.getContext();
  auto shape = values.getType().getShape();
  // A per-axis type needs at least one channel (its text form has no
  // spelling for zero scales); zero channels take one per-tensor scale.
  if (axis && shape[*axis] == 0)
    axis.reset();
  auto [qmin, qmax] = integerRange(bits, /*isSigned=*/true, /*narrow=*/true);
  // Narrower grids live in int8 containers.
  unsigned storageBits = std::max(bits, 8u);
  unsigned channels = axis ? shape[*axis] : 1;
  // Inner size: elements after the channel axis, for strided access.
  int64_t inner = 1;
  if (axis)
    for (size_t d = *axis + 1; d < shape.size(); ++d)
      inner *= shape[d];
  SmallVector<double> absMax(channels, 0.0);
  int64_t i = 0;
  for (const APFloat &v : values.getValues<APFloat>()) {
    unsigned c = axis ? (i / inner) % channels : 0;
    absMax[c] = std::max(absMax[c], std::fabs(v.convertToDouble()));
    ++i;
  }
  SmallVector<double> scales;
  for (double m : absMax) {
    double scale = chooseSymmetricParams(m, qmax).scale;
    scales.push_back(powerOfTwo ? roundScaleToPowerOfTwo(scale) : scale);
  }
  Type f32 = Float32Type::get(ctx);
  if (!axis)
    return quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                            storageType(ctx, storageBits), f32,
                                            scales[0], 0, qmin, qmax);
  SmallVector<int64_t> zeroPoints(channels, 0);
  return quant::UniformQuantizedPerAxisType::get(
      quant::QuantizationFlags::Signed, storageType(ctx, storageBits), f32,
      scales, zeroPoints, *axis, qmin, qmax);
}

LogicalResult qnt::checkFiniteForQuantization(Operation *constant,
                                              DenseElementsAttr values) {
  int64_t i = 0;
  for (const APFloat &v : values.getValues<APFloat>()) {
    if (v.isFinite()) {
      ++i;
      continue;
    }
    std::string name = "constant";
    if (auto loc = dyn_cast<NameLoc>(constant->getLoc()))
      name = "tensor '" + loc.getName().str() + "'";
    return constant->emitError()
           << "cannot quantize " << name << ": element " << i << " is "
           << (v.isNaN() ? "NaN" : "infinite");
  }
  return success();
}

SmallVector<double> qnt::scalesOf(quant::QuantizedType type) {
  if (auto t = dyn_cast<quant::UniformQuantizedType>(type))
    return {t.getScale()};
  if (auto t = dyn_cast<quant::UniformQuantizedPerAxisType>(type))
    return SmallVector<double>(t.getScales());
  return {};
}

SmallVector<int64_t> qnt::zeroPointsOf(quant::QuantizedType type) {
  if (auto t = dyn_cast<quant::UniformQuantizedType>(type))
    return {t.getZeroPoint()};
  if (auto t = dyn_cast<quant::UniformQuantizedPerAxisType>(type))
    return SmallVector<int64_t>(t.getZeroPoints());
  return {};
}

quant::QuantizedType qnt::biasType(quant::UniformQuantizedType input,
                                   quant::QuantizedType weights,
                                   unsigned bits) {
  MLIRContext *ctx = input.getContext();
  SmallVector<double> scales;
  for (double w : scalesOf(weights))
    scales.push_back(input.getScale() * w);
  auto [qmin, qmax] = integerRange(bits, /*isSigned=*/true);
  Type f32 = Float32Type::get(ctx);
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(weights))
    return quant::UniformQuantizedPerAxisType::get(
        quant::QuantizationFlags::Signed, storageType(ctx, bits), f32, scales,
        SmallVector<int64_t>(scales.size(), 0), 0, qmin, qmax);
  return quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                          storageType(ctx, bits), f32,
                                          scales[0], 0, qmin, qmax);
}

DenseElementsAttr qnt::quantizeValues(DenseElementsAttr values,
                                      quant::QuantizedType type) {
  auto shapedType = values.getType();
  auto shape = shapedType.getShape();
  SmallVector<double> scales = scalesOf(type);
  SmallVector<int64_t> zeroPoints = zeroPointsOf(type);
  unsigned channels = scales.size();
  int64_t inner = 1;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(type))
    for (size_t d = perAxis.getQuantizedDimension() + 1; d < shape.size(); ++d)
      inner *= shape[d];
  int64_t qmin = type.getStorageTypeMin(), qmax = type.getStorageTypeMax();
  unsigned bits = type.getStorageTypeIntegralWidth();
  SmallVector<APInt> stored;
  stored.reserve(values.getNumElements());
  int64_t i = 0;
  for (const APFloat &v : values.getValues<APFloat>()) {
    unsigned c = channels > 1 ? (i / inner) % channels : 0;
    double scaled = scales[c] == 0.0 ? 0.0 : v.convertToDouble() / scales[c];
    // Round half away from zero, as TFLite's quantizer does. Saturate
    // before converting: a value far outside the range (a max pool's
    // -FLT_MAX padding) does not fit an int64.
    double r = std::round(scaled) + double(zeroPoints[c]);
    int64_t q = !(r > double(qmin))   ? qmin
                : !(r < double(qmax)) ? qmax
                                      : static_cast<int64_t>(r);
    stored.push_back(APInt(bits, q, /*isSigned=*/true));
    ++i;
  }
  auto storedType = RankedTensorType::get(shape, type.getStorageType());
  return DenseElementsAttr::get(storedType, stored);
}

RankedTensorType qnt::withElementType(Type tensorType, Type element) {
  return cast<RankedTensorType>(tensorType).clone(element);
}

quant::QuantizedType qnt::quantizedElementType(Type type) {
  return dyn_cast<quant::QuantizedType>(getElementTypeOrSelf(type));
}
