//===- OpaqueOptions.h - Builtin options carried without reading --*- C++ -*-===//
//
// Builtin operators qnt does not model become `qnt.custom` ops whose
// `options` hold the operator's builtin options as they were: a standalone
// flatbuffer whose root is a TFLite `Operator` with only `builtin_options`
// and `builtin_options_2` set. Export copies them back into the model, so
// such operators survive a round trip unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_OPAQUEOPTIONS_H
#define QNT_LIB_TARGET_TFLITE_OPAQUEOPTIONS_H

#include "Schema.h"

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace qnt::tfl {

/// The builtin options of `op` as opaque bytes; empty when it has none.
/// Fails with `error` set when the options are of a type newer than qnt's
/// schema (they could not be written back).
mlir::FailureOr<std::string> packOpaqueOptions(const tflite::Operator &op,
                                               std::string &error);

/// Builtin options written into a model under construction.
struct OpaqueOptionsOffsets {
  tflite::BuiltinOptions type = tflite::BuiltinOptions::NONE;
  flatbuffers::Offset<void> options;
  tflite::BuiltinOptions2 type2 = tflite::BuiltinOptions2::NONE;
  flatbuffers::Offset<void> options2;
};

/// Writes options made by packOpaqueOptions into `fbb`. Fails with `error`
/// set when `bytes` are not such options.
mlir::FailureOr<OpaqueOptionsOffsets>
unpackOpaqueOptions(llvm::StringRef bytes, flatbuffers::FlatBufferBuilder &fbb,
                    std::string &error);

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_OPAQUEOPTIONS_H
