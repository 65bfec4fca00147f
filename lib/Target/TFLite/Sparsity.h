//===- Sparsity.h - Densifies TFLite sparse constants -----------*- C++ -*-===//
//
// TFLite may store a constant sparse: its `sparsity` table describes a
// traversal of the dense tensor (the original dimensions, possibly split into
// blocks) in which each traversed dimension is either dense or compressed
// (CSR: per parent position, a segment of indices). Only the values the
// traversal reaches are stored, in traversal order. qnt reads such constants
// as ordinary dense ones.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_SPARSITY_H
#define QNT_LIB_TARGET_TFLITE_SPARSITY_H

#include "Schema.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <vector>

namespace qnt::tfl {

/// The largest dense constant, in bytes, that a sparse one may expand to.
/// Sparse data can describe far more than it stores; this keeps a small
/// file from asking for an unbounded allocation.
constexpr uint64_t kMaxDensifiedBytes = uint64_t(1) << 28;

/// Expands `data`, the stored values (`elementBytes` each) of a constant of
/// static `shape` described by `sparsity`, to the dense row-major bytes of
/// that shape; positions the traversal does not reach are zero bytes. Every
/// part of `sparsity` is checked against the format; on failure `error` says
/// what is wrong (without naming the tensor) and the result is empty.
std::optional<std::vector<uint8_t>>
densify(const tflite::SparsityParameters &sparsity,
        llvm::ArrayRef<int64_t> shape, unsigned elementBytes,
        llvm::ArrayRef<uint8_t> data, std::string &error);

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_SPARSITY_H
