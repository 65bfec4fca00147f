//===- Import.h - TFLite flatbuffer to qnt ----------------------*- C++ -*-===//
//
// Reads a TFLite model (schema version 3, identifier "TFL3") into a module of
// `func.func`s holding qnt ops.
//
// - The buffer is checked by the flatbuffers verifier, then every index
//   (operator code, tensor, buffer, subgraph) is checked before use. A
//   malformed model gives an error naming the file and what is wrong, and a
//   null module.
// - Subgraph 0 becomes `@main`; subgraph i > 0 is named after the subgraph
//   (or `@subgraph_<i>` when unnamed or taken). The original subgraph name is
//   kept as `qnt.tflite.subgraph_name`.
// - A signature def becomes `qnt.tflite.signature_key` on its function and
//   `qnt.tflite.signature_name` on the arguments and results it names.
// - A tensor named N is located at `loc("N"(file))`.
// - A tensor with data becomes a `qnt.const` with a DenseElementsAttr (the
//   bytes are copied once, from the file into the attribute).
// - Quantization parameters become `!quant.uniform` types: per-tensor with
//   one scale, per-axis along `quantized_dimension` otherwise. Storage ranges
//   are the full range of the storage type (TFLite does not record narrow
//   ranges).
// - A float tensor with min/max (ranges from quantization-aware training)
//   gets a `qnt.fake_quant` (8 bits, full range) after its definition, so the
//   range is kept through quantization.
// - SPLIT, SPLIT_V and UNPACK become one `qnt.slice` per output (UNPACK's
//   followed by a `qnt.reshape` dropping the axis), PACK reshapes and a
//   `qnt.concatenation`, EXPAND_DIMS a `qnt.reshape`; the op defining each
//   output is located at the output's tensor name.
// - Operators qnt models become qnt ops. CUSTOM operators become `qnt.custom`
//   with their custom options verbatim. Builtin operators qnt does not model
//   (or whose options use a setting qnt does not model) become `qnt.custom`
//   with `builtin_code`; their `options` then hold the operator's builtin
//   options serialized as a standalone flatbuffer whose root is a TFLite
//   `Operator` carrying only the options unions, which export writes back as
//   they were.
// - The model description, named metadata (except `min_runtime_version`,
//   which export recomputes) and the legacy `metadata_buffer` entries are kept
//   as module attributes `qnt.tflite.description`, `qnt.tflite.metadata` and
//   `qnt.tflite.metadata_buffers`.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_TARGET_TFLITE_IMPORT_H
#define QNT_TARGET_TFLITE_IMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace qnt {

/// Imports the TFLite model in `buffer`, naming `fileName` in locations and
/// errors. Returns null after emitting diagnostics if the model is malformed
/// or uses something qnt cannot represent.
mlir::OwningOpRef<mlir::ModuleOp> importTFLite(llvm::StringRef buffer,
                                               llvm::StringRef fileName,
                                               mlir::MLIRContext *context);

} // namespace qnt

#endif // QNT_TARGET_TFLITE_IMPORT_H
