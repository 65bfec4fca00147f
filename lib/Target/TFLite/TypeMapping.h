//===- TypeMapping.h - TFLite tensor types and MLIR types -------*- C++ -*-===//
//
// Element types and quantization parameters, both directions. TFLite stores
// quantization as per-tensor or per-axis affine parameters next to an
// integer tensor type; qnt uses `!quant.uniform` element types.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_TYPEMAPPING_H
#define QNT_LIB_TARGET_TFLITE_TYPEMAPPING_H

#include "Schema.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace qnt::tfl {

/// The element type of an unquantized tensor of TFLite type `type`, or null
/// when qnt has no equivalent (strings, resources, 4-bit types...).
mlir::Type importElementType(tflite::TensorType type,
                             mlir::MLIRContext *context);

/// The TFLite type that stores elements of `type`: a float or integer type,
/// or the storage of a quantized type. None when TFLite has no equivalent.
std::optional<tflite::TensorType> exportElementType(mlir::Type type);

/// Bytes one element of `type` takes in a TFLite buffer (0 if unsupported).
unsigned getByteWidth(tflite::TensorType type);

/// Affine quantization parameters as TFLite stores them.
struct QuantParams {
  llvm::SmallVector<float> scales;
  llvm::SmallVector<int64_t> zeroPoints;
  int32_t quantizedDimension = 0;
};

/// The quantized element type of a tensor of TFLite type `storage` and shape
/// `shape` with `params`: per-tensor for one scale, per-axis otherwise.
/// Emits an error and fails on parameters TFLite itself would reject.
mlir::FailureOr<mlir::Type>
importQuantizedType(tflite::TensorType storage, const QuantParams &params,
                    llvm::ArrayRef<int64_t> shape, mlir::MLIRContext *context,
                    llvm::function_ref<mlir::InFlightDiagnostic()> emitError);

/// TFLite's parameters for a `!quant.uniform` type (per-tensor or per-axis)
/// with f32 expressed type. None for other quantized types.
std::optional<QuantParams> exportQuantParams(mlir::quant::QuantizedType type);

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_TYPEMAPPING_H
