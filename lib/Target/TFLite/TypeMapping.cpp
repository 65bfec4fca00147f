//===- TypeMapping.cpp - TFLite tensor types and MLIR types ---------------===//

#include "TypeMapping.h"

#include "mlir/IR/BuiltinTypes.h"
#include <cmath>

using namespace mlir;
using namespace qnt;
using namespace qnt::tfl;

Type tfl::importElementType(tflite::TensorType type, MLIRContext *context) {
  auto integer = [&](unsigned width, bool isUnsigned) {
    return IntegerType::get(context, width,
                            isUnsigned ? IntegerType::Unsigned
                                       : IntegerType::Signless);
  };
  switch (type) {
  case tflite::TensorType::FLOAT32:
    return Float32Type::get(context);
  case tflite::TensorType::FLOAT16:
    return Float16Type::get(context);
  case tflite::TensorType::FLOAT64:
    return Float64Type::get(context);
  case tflite::TensorType::BFLOAT16:
    return BFloat16Type::get(context);
  case tflite::TensorType::BOOL:
    return integer(1, false);
  case tflite::TensorType::INT8:
    return integer(8, false);
  case tflite::TensorType::INT4:
    // Packed 4-bit weights are unpacked into int8 containers (see
    // importQuantizedType); the importer accepts them quantized only.
    return integer(8, false);
  case tflite::TensorType::UINT8:
    return integer(8, true);
  case tflite::TensorType::INT16:
    return integer(16, false);
  case tflite::TensorType::UINT16:
    return integer(16, true);
  case tflite::TensorType::INT32:
    return integer(32, false);
  case tflite::TensorType::UINT32:
    return integer(32, true);
  case tflite::TensorType::INT64:
    return integer(64, false);
  case tflite::TensorType::UINT64:
    return integer(64, true);
  default:
    return nullptr;
  }
}

std::optional<tflite::TensorType> tfl::exportElementType(Type type) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(type)) {
    unsigned width = quantized.getStorageTypeIntegralWidth();
    bool isSigned = quantized.isSigned();
    switch (width) {
    case 8:
      return isSigned ? tflite::TensorType::INT8 : tflite::TensorType::UINT8;
    case 16:
      return isSigned ? tflite::TensorType::INT16 : tflite::TensorType::UINT16;
    case 32:
      if (isSigned)
        return tflite::TensorType::INT32;
      return std::nullopt;
    case 64:
      if (isSigned)
        return tflite::TensorType::INT64;
      return std::nullopt;
    default:
      return std::nullopt;
    }
  }
  if (type.isF32())
    return tflite::TensorType::FLOAT32;
  if (type.isF16())
    return tflite::TensorType::FLOAT16;
  if (type.isF64())
    return tflite::TensorType::FLOAT64;
  if (type.isBF16())
    return tflite::TensorType::BFLOAT16;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return std::nullopt;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 1:
    if (isUnsigned)
      return std::nullopt;
    return tflite::TensorType::BOOL;
  case 8:
    return isUnsigned ? tflite::TensorType::UINT8 : tflite::TensorType::INT8;
  case 16:
    return isUnsigned ? tflite::TensorType::UINT16 : tflite::TensorType::INT16;
  case 32:
    return isUnsigned ? tflite::TensorType::UINT32 : tflite::TensorType::INT32;
  case 64:
    return isUnsigned ? tflite::TensorType::UINT64 : tflite::TensorType::INT64;
  default:
    return std::nullopt;
  }
}

unsigned tfl::getByteWidth(tflite::TensorType type) {
  switch (type) {
  case tflite::TensorType::BOOL:
  case tflite::TensorType::INT8:
  case tflite::TensorType::UINT8:
    return 1;
  case tflite::TensorType::FLOAT16:
  case tflite::TensorType::BFLOAT16:
  case tflite::TensorType::INT16:
  case tflite::TensorType::UINT16:
    return 2;
  case tflite::TensorType::FLOAT32:
  case tflite::TensorType::INT32:
  case tflite::TensorType::UINT32:
    return 4;
  case tflite::TensorType::FLOAT64:
  case tflite::TensorType::INT64:
  case tflite::TensorType::UINT64:
    return 8;
  default:
    return 0;
  }
}

FailureOr<Type>
tfl::importQuantizedType(tflite::TensorType storage, const QuantParams &params,
                         ArrayRef<int64_t> shape, MLIRContext *context,
                         function_ref<InFlightDiagnostic()> emitError) {
  bool isSigned;
  unsigned width;
  switch (storage) {
  case tflite::TensorType::INT8:
  case tflite::TensorType::INT4:
    isSigned = true, width = 8;
    break;
  case tflite::TensorType::UINT8:
    isSigned = false, width = 8;
    break;
  case tflite::TensorType::INT16:
    isSigned = true, width = 16;
    break;
  case tflite::TensorType::UINT16:
    isSigned = false, width = 16;
    break;
  case tflite::TensorType::INT32:
    isSigned = true, width = 32;
    break;
  case tflite::TensorType::INT64:
    // `!quant.uniform` storage stops at 32 bits; int64 quantized tensors
    // are the biases of 16x8 ops, whose values fit 32 bits. The importer
    // narrows their data (checking every value) and the exporter widens
    // them back.
    isSigned = true, width = 32;
    break;
  default:
    return emitError() << "has quantization parameters but type "
                       << tflite::EnumNameTensorType(storage)
                       << ", which qnt cannot quantize";
  }
  size_t count = params.scales.size();
  if (count == 0)
    return emitError() << "has quantization parameters without a scale";
  if (params.zeroPoints.size() != count)
    return emitError() << "has " << count << " scales but "
                       << params.zeroPoints.size() << " zero points";

  int64_t storageMin =
      quant::QuantizedType::getDefaultMinimumForInteger(isSigned, width);
  int64_t storageMax =
      quant::QuantizedType::getDefaultMaximumForInteger(isSigned, width);
  // INT4 values live in int8 storage, which every qnt pass and kernel
  // reads, with the 4-bit range; the exporter can pack them again.
  if (storage == tflite::TensorType::INT4)
    storageMin = -8, storageMax = 7;
  for (size_t i = 0; i < count; ++i) {
    float scale = params.scales[i];
    if (!std::isfinite(scale) || scale <= 0.0f)
      return emitError() << "has scale #" << i << " = " << scale
                         << "; scales must be finite and positive";
    int64_t zeroPoint = params.zeroPoints[i];
    if (zeroPoint < storageMin || zeroPoint > storageMax)
      return emitError() << "has zero point #" << i << " = " << zeroPoint
                         << " outside the storage range [" << storageMin
                         << ", " << storageMax << "]";
  }

  Type storageType = IntegerType::get(context, width);
  Type expressedType = Float32Type::get(context);
  unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
  if (count == 1)
    return Type(quant::UniformQuantizedType::get(
        flags, storageType, expressedType, params.scales[0],
        params.zeroPoints[0], storageMin, storageMax));

  int32_t axis = params.quantizedDimension;
  if (axis < 0 || axis >= static_cast<int64_t>(shape.size()))
    return emitError() << "has quantized_dimension " << axis
                       << " outside its rank " << shape.size();
  if (ShapedType::isDynamic(shape[axis]) ||
      shape[axis] != static_cast<int64_t>(count))
    return emitError() << "has " << count << " scales along dimension "
                       << axis << " of size " << shape[axis];
  SmallVector<double> scales(params.scales.begin(), params.scales.end());
  return Type(quant::UniformQuantizedPerAxisType::get(
      flags, storageType, expressedType, scales, params.zeroPoints, axis,
      storageMin, storageMax));
}

std::optional<QuantParams>
tfl::exportQuantParams(quant::QuantizedType type) {
  if (!type.getExpressedType().isF32())
    return std::nullopt;
  QuantParams params;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(type)) {
    params.scales.push_back(static_cast<float>(perTensor.getScale()));
    params.zeroPoints.push_back(perTensor.getZeroPoint());
    return params;
  }
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(type)) {
    for (double scale : perAxis.getScales())
      params.scales.push_back(static_cast<float>(scale));
    params.zeroPoints.assign(perAxis.getZeroPoints().begin(),
                             perAxis.getZeroPoints().end());
    params.quantizedDimension = perAxis.getQuantizedDimension();
    return params;
  }
  return std::nullopt;
}
