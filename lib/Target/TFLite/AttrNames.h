//===- AttrNames.h - Attributes that carry TFLite-only facts ----*- C++ -*-===//
//
// Parts of a TFLite model with no qnt op or type of their own are kept as
// attributes, written by import and read by export.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_ATTRNAMES_H
#define QNT_LIB_TARGET_TFLITE_ATTRNAMES_H

#include "llvm/ADT/StringRef.h"

namespace qnt::tfl {

/// On a function: the subgraph's name when it differs from the symbol.
constexpr llvm::StringLiteral kSubgraphNameAttr = "qnt.tflite.subgraph_name";
/// On a function: the key of the subgraph's signature def.
constexpr llvm::StringLiteral kSignatureKeyAttr = "qnt.tflite.signature_key";
/// On arguments and results: the name the signature def gives them.
constexpr llvm::StringLiteral kSignatureNameAttr = "qnt.tflite.signature_name";
/// On the module: the model description.
constexpr llvm::StringLiteral kDescriptionAttr = "qnt.tflite.description";
/// On the module: named metadata, name -> bytes.
constexpr llvm::StringLiteral kMetadataAttr = "qnt.tflite.metadata";
/// On the module: the legacy unnamed `metadata_buffer` entries, as bytes.
constexpr llvm::StringLiteral kMetadataBuffersAttr =
    "qnt.tflite.metadata_buffers";
/// The metadata entry export computes from the operators it writes.
constexpr llvm::StringLiteral kMinRuntimeVersion = "min_runtime_version";

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_ATTRNAMES_H
