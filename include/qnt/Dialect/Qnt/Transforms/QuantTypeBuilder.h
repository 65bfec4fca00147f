//===- QuantTypeBuilder.h - Quantized types from ranges and values -*- C++ -*-===//
//
// Turns calibrated ranges and constant values into `!quant.uniform` types,
// and float constants into their stored integers, following the rules of
// TFLite's int8/int16 kernels (docs: quantization-facts).
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_QUANTTYPEBUILDER_H
#define QNT_DIALECT_QNT_TRANSFORMS_QUANTTYPEBUILDER_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include <optional>

namespace qnt {

/// Activation type for the float range [min, max]: asymmetric for 8 bits
/// (zero point nudged so 0.0 is exact), symmetric with zero point 0 for 16
/// bits. `narrowRange` drops the lowest level (quantization-aware training).
/// With `powerOfTwo`, the scale is raised to the next power of two (the
/// range stays covered), as fixed-point hardware without multipliers wants.
mlir::quant::UniformQuantizedType
activationType(mlir::MLIRContext *ctx, double min, double max, unsigned bits,
               bool narrowRange = false, bool powerOfTwo = false);

/// Activation type with given scale and zero point.
mlir::quant::UniformQuantizedType
activationTypeWithParams(mlir::MLIRContext *ctx, double scale,
                         int64_t zeroPoint, unsigned bits, bool isSigned = true);

/// Symmetric narrow-range weight type for `values`: per channel along
/// `axis`, or per tensor when `axis` is empty. Widths below 8 bits (2 to 7)
/// keep int8 storage with the narrower range (e.g. i8<-7:7> for 4 bits), so
/// every int8 runtime runs them. `powerOfTwo` rounds scales up to powers of
/// two.
mlir::quant::QuantizedType weightType(mlir::DenseElementsAttr values,
                                      std::optional<unsigned> axis,
                                      unsigned bits = 8,
                                      bool powerOfTwo = false);

/// Fails with an error at `constant`, naming its tensor, when `values` hold
/// a NaN or an infinity: no scale represents them.
mlir::LogicalResult checkFiniteForQuantization(mlir::Operation *constant,
                                               mlir::DenseElementsAttr values);

/// Bias type: `bits`-bit signed storage, zero point 0, scale
/// input_scale * weight_scale (per channel when the weights are).
mlir::quant::QuantizedType biasType(mlir::quant::UniformQuantizedType input,
                                    mlir::quant::QuantizedType weights,
                                    unsigned bits = 32);

/// Scales of a per-tensor or per-axis type (one entry for per-tensor).
llvm::SmallVector<double> scalesOf(mlir::quant::QuantizedType type);
/// Zero points of a per-tensor or per-axis type.
llvm::SmallVector<int64_t> zeroPointsOf(mlir::quant::QuantizedType type);

/// The stored integers of `values` quantized to `type` (rounding half away
/// from zero, clamped to the storage range), as a DenseElementsAttr of the
/// storage type.
mlir::DenseElementsAttr quantizeValues(mlir::DenseElementsAttr values,
                                       mlir::quant::QuantizedType type);

/// `tensorType` with its element type replaced by `element`.
mlir::RankedTensorType withElementType(mlir::Type tensorType,
                                       mlir::Type element);

/// The quantized element type of a tensor type, if any.
mlir::quant::QuantizedType quantizedElementType(mlir::Type type);

} // namespace qnt

#endif // QNT_DIALECT_QNT_TRANSFORMS_QUANTTYPEBUILDER_H
