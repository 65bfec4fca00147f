//===- QntToTosa.h - Lowering qnt's integer graphs to TOSA --------*- C++ -*-===//
//
// Other MLIR compilers consume TOSA; this conversion hands them qnt's
// quantized graph with the quantization parameters made explicit as zero
// points and fixed-point rescales.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CONVERSION_QNTTOTOSA_QNTTOTOSA_H
#define QNT_CONVERSION_QNTTOTOSA_QNTTOTOSA_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace qnt {

#define GEN_PASS_DECL_CONVERTQNTTOTOSA
#include "qnt/Conversion/Passes.h.inc"

/// Converts tensors of `!quant.uniform` (and per-axis) element type to
/// tensors of their storage type; other types are kept.
class QntToTosaTypeConverter : public mlir::TypeConverter {
public:
  QntToTosaTypeConverter();
};

/// Adds the patterns that rewrite qnt ops as TOSA ops. The patterns read
/// quantization parameters from the original (quantized) operand and
/// result types and produce values of the converted types.
void populateQntToTosaPatterns(const mlir::TypeConverter &typeConverter,
                               mlir::RewritePatternSet &patterns);

} // namespace qnt

#endif // QNT_CONVERSION_QNTTOTOSA_QNTTOTOSA_H
