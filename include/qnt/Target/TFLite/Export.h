//===- Export.h - qnt to TFLite flatbuffer ----------------------*- C++ -*-===//
//
// Writes a module of qnt ops as a TFLite model (schema version 3).
//
// - `@main` (or the module's only function) is subgraph 0; other functions
//   follow in module order. Each function must have one block.
// - The operator code table is de-duplicated by (builtin code, custom code,
//   version); `deprecated_builtin_code` holds min(code, 127). Operator
//   versions follow TFLite's versioning rules from operand types and options;
//   `min_runtime_version` metadata (16 bytes, zero padded) is the highest
//   runtime version those operator versions need.
// - Buffer 0 is empty; each constant gets its own buffer.
// - Tensor names come from locations (`NameLoc`); missing names are
//   generated, repeated names get a `_<n>` suffix so that all are unique.
// - `qnt.fake_quant` (8 bits, full range) is written as min/max on its input
//   tensor; `qnt.stats` is dropped (calibration records do not belong in a
//   deployed model). Both results are the input tensor.
// - Ops and types TFLite cannot represent are errors at their location.
// - The output depends only on the module: same module, same bytes.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_TARGET_TFLITE_EXPORT_H
#define QNT_TARGET_TFLITE_EXPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace qnt {

struct TFLiteExportOptions {
  /// Write signed quantized constants whose grid fits 4 bits (int8 storage
  /// with a range inside [-8, 7]: 4-bit and 2-bit weights) as INT4 tensors,
  /// two values a byte, the first in the low nibble. Runtimes without INT4
  /// kernels refuse such a model; off by default.
  bool packInt4 = false;
};

/// Serializes `module` as a TFLite flatbuffer into `output`. On failure
/// emits diagnostics and writes nothing.
mlir::LogicalResult exportTFLite(mlir::ModuleOp module,
                                 llvm::raw_ostream &output,
                                 const TFLiteExportOptions &options = {});

} // namespace qnt

#endif // QNT_TARGET_TFLITE_EXPORT_H
