//===- ReportPrecision.h - The precision of each op, and why ----*- C++ -*-===//
//
// What `qnt-report-precision` prints, as data: for each op of a quantized
// function, the precision of its result and weights and the reason for it.
// qnt-convert puts the same records in its summary and report.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_REPORTPRECISION_H
#define QNT_DIALECT_QNT_TRANSFORMS_REPORTPRECISION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace qnt {

struct LayerPrecision {
  /// The op name (qnt.conv_2d) and its result tensor.
  std::string op;
  std::string tensor;
  /// int8, int16, uint8, "int4 in int8", f16 or float.
  std::string precision;
  /// Empty for ops without weights.
  std::string weights;
  std::string why;
};

/// The lists the quantize pass was given, which tell the reasons apart.
struct PrecisionQuery {
  unsigned activationBits = 8;
  std::vector<std::string> denyOps;
  /// Layers kept float by a per-layer override.
  std::vector<std::string> denyLocs;
  /// The target's op list (empty: every op).
  std::vector<std::string> allowOps;
};

/// One record per single-result compute op of \p func, in graph order.
std::vector<LayerPrecision>
collectLayerPrecision(mlir::func::FuncOp func, const PrecisionQuery &query);

} // namespace qnt

#endif // QNT_DIALECT_QNT_TRANSFORMS_REPORTPRECISION_H
