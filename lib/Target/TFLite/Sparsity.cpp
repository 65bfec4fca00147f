//===- Sparsity.cpp - Densifies TFLite sparse constants
//--------------------===//
//
// The format (TFLite's schema, SparsityParameters): a tensor of rank n whose
// block_map names k of its dimensions is traversed over n + k dimensions.
// Dimension d < n stands for original dimension d, divided by its block size
// when d is blocked; dimension n + j is the inside of block j. The first n
// entries of traversal_order order the original dimensions, the last k the
// block dimensions. dim_metadata[l] describes the l-th traversed dimension:
// DENSE takes all `dense_size` coordinates, SPARSE_CSR takes, for parent
// position p, the coordinates array_indices[array_segments[p] ..
// array_segments[p + 1]). Positions number the entries of a level in
// traversal order; the values are stored in the order of the last level's
// positions. Block dimensions are always DENSE; their dense_size is the
// block size.
//
// Everything comes from the file, so all of it is checked before the walk,
// and the walk itself only follows checked numbers.
//
//===----------------------------------------------------------------------===//

#include "Sparsity.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace llvm;
using namespace qnt;
using namespace qnt::tfl;

namespace {

/// An index vector of any of the format's three element types, read as
/// 64-bit values.
class IndexVector {
public:
  /// Reads the union member of `type`; false when there is none.
  bool assign(tflite::SparseIndexVector type, const void *table) {
    if (!table)
      return false;
    switch (type) {
    case tflite::SparseIndexVector::Int32Vector:
      i32 = static_cast<const tflite::Int32Vector *>(table)->values();
      return true;
    case tflite::SparseIndexVector::Uint16Vector:
      u16 = static_cast<const tflite::Uint16Vector *>(table)->values();
      return true;
    case tflite::SparseIndexVector::Uint8Vector:
      u8 = static_cast<const tflite::Uint8Vector *>(table)->values();
      return true;
    default:
      return false;
    }
  }
  size_t size() const {
    return i32 ? i32->size() : u16 ? u16->size() : u8 ? u8->size() : 0;
  }
  int64_t operator[](size_t i) const {
    return i32 ? i32->Get(i) : u16 ? u16->Get(i) : u8->Get(i);
  }

private:
  const flatbuffers::Vector<int32_t> *i32 = nullptr;
  const flatbuffers::Vector<uint16_t> *u16 = nullptr;
  const flatbuffers::Vector<uint8_t> *u8 = nullptr;
};

/// One traversed dimension, checked.
struct Level {
  bool sparse = false;
  /// The number of coordinates of the dimension it traverses.
  uint64_t size = 0;
  /// How far one coordinate moves in the dense tensor, in elements.
  uint64_t stride = 0;
  IndexVector segments, indices;
};

/// Names traversed dimension `e` of a rank-`n` tensor in messages.
std::string describeDim(size_t e, size_t n) {
  if (e < n)
    return "original dimension " + std::to_string(e);
  return "block dimension " + std::to_string(e - n);
}

} // namespace

std::optional<std::vector<uint8_t>>
tfl::densify(const tflite::SparsityParameters &sparsity,
             ArrayRef<int64_t> shape, unsigned elementBytes,
             ArrayRef<uint8_t> data, std::string &error) {
  error.clear();
  llvm::raw_string_ostream os(error);
  if (elementBytes == 0) {
    os << "its element type has no fixed byte size";
    return std::nullopt;
  }
  const auto *order = sparsity.traversal_order();
  const auto *blockMap = sparsity.block_map();
  const auto *metadata = sparsity.dim_metadata();
  size_t n = shape.size();
  size_t k = blockMap ? blockMap->size() : 0;
  size_t m = n + k;

  // The dense size, bounded before anything is allocated or walked.
  uint64_t numElements = 1;
  for (int64_t dim : shape) {
    if (dim < 0) {
      os << "its shape is dynamic";
      return std::nullopt;
    }
    if (dim != 0 &&
        numElements > kMaxDensifiedBytes / static_cast<uint64_t>(dim)) {
      os << "it has too many elements (qnt densifies "
            "sparse constants up to "
         << kMaxDensifiedBytes << " bytes)";
      return std::nullopt;
    }
    numElements *= static_cast<uint64_t>(dim);
  }
  // Every size is positive from here on, so no product of sizes exceeds
  // numElements.
  if (numElements == 0) {
    os << "it has no elements";
    return std::nullopt;
  }
  uint64_t denseBytes = numElements * elementBytes;
  if (denseBytes > kMaxDensifiedBytes) {
    os << "its dense data would take " << denseBytes
       << " bytes; qnt densifies sparse "
       << "constants up to " << kMaxDensifiedBytes << " bytes";
    return std::nullopt;
  }

  // block_map: distinct original dimensions in increasing order (TFLite's
  // reader pairs them with block dimensions in that order).
  SmallVector<size_t> blocked;
  for (size_t j = 0; j < k; ++j) {
    int32_t d = blockMap->Get(j);
    if (d < 0 || static_cast<size_t>(d) >= n) {
      os << "block_map entry " << j << " = " << d
         << " is not a dimension of a tensor of rank " << n;
      return std::nullopt;
    }
    if (j > 0 && static_cast<size_t>(d) <= blocked.back()) {
      os << "block_map entry " << j << " = " << d
         << "; entries must be distinct dimensions in increasing order";
      return std::nullopt;
    }
    blocked.push_back(d);
  }

  // traversal_order: the original dimensions, then the block dimensions.
  size_t orderSize = order ? order->size() : 0;
  if (orderSize != m) {
    os << "traversal_order has length " << orderSize << "; a tensor of rank "
       << n << " with " << k << " block dimensions needs " << m;
    return std::nullopt;
  }
  SmallVector<size_t> traversed;
  std::vector<bool> seen(m, false);
  for (size_t l = 0; l < m; ++l) {
    int32_t e = order->Get(l);
    bool inRange = l < n ? e >= 0 && static_cast<size_t>(e) < n
                         : static_cast<size_t>(e) >= n &&
                               static_cast<size_t>(e) < m && e >= 0;
    if (!inRange) {
      if (l < n)
        os << "traversal_order entry " << l << " = " << e << "; the first " << n
           << " entries must be a permutation of the original dimensions 0.."
           << n - 1;
      else
        os << "traversal_order entry " << l << " = " << e << "; the last " << k
           << " entries must be a permutation of the block dimensions " << n
           << ".." << m - 1;
      return std::nullopt;
    }
    if (seen[e]) {
      os << "traversal_order entry " << l << " = " << e
         << ", which repeats a dimension";
      return std::nullopt;
    }
    seen[e] = true;
    traversed.push_back(e);
  }

  size_t metadataSize = metadata ? metadata->size() : 0;
  if (metadataSize != m) {
    os << "dim_metadata has length " << metadataSize << ", expected " << m
       << " (one per traversal_order entry)";
    return std::nullopt;
  }
  for (size_t l = 0; l < m; ++l) {
    tflite::DimensionType format = metadata->Get(l)->format();
    if (format != tflite::DimensionType::DENSE &&
        format != tflite::DimensionType::SPARSE_CSR) {
      os << "dim_metadata[" << l << "] has unknown format "
         << static_cast<int>(format);
      return std::nullopt;
    }
  }

  // Block sizes: the dense_size of the level that walks each block
  // dimension.
  SmallVector<uint64_t> blockSize(k, 0);
  for (size_t l = n; l < m; ++l) {
    size_t j = traversed[l] - n;
    const tflite::DimensionMetadata &dim = *metadata->Get(l);
    if (dim.format() != tflite::DimensionType::DENSE) {
      os << "dim_metadata[" << l << "] is SPARSE_CSR for block dimension " << j
         << "; block dimensions must be DENSE";
      return std::nullopt;
    }
    int64_t size = dim.dense_size();
    int64_t whole = shape[blocked[j]];
    if (size <= 0) {
      os << "block dimension " << j << " has size " << size
         << "; block sizes must be positive";
      return std::nullopt;
    }
    if (whole % size != 0) {
      os << "block dimension " << j << " has size " << size
         << ", which does not divide original dimension " << blocked[j]
         << " of size " << whole;
      return std::nullopt;
    }
    blockSize[j] = size;
  }

  // Sizes and dense strides of the n + k traversed dimensions.
  SmallVector<uint64_t> denseStride(n, 1);
  for (size_t d = n; d-- > 1;)
    denseStride[d - 1] = denseStride[d] * static_cast<uint64_t>(shape[d]);
  SmallVector<uint64_t> dimSize(m), dimStride(m);
  for (size_t d = 0; d < n; ++d) {
    dimSize[d] = shape[d];
    dimStride[d] = denseStride[d];
  }
  for (size_t j = 0; j < k; ++j) {
    size_t d = blocked[j];
    dimSize[d] /= blockSize[j];
    dimStride[d] *= blockSize[j];
    dimSize[n + j] = blockSize[j];
    dimStride[n + j] = denseStride[d];
  }

  // The levels, and the number of positions each one has. With indices
  // strictly increasing inside a segment, a level never has more positions
  // than the dense tensor has elements.
  std::vector<Level> levels(m);
  uint64_t positions = 1;
  for (size_t l = 0; l < m; ++l) {
    const tflite::DimensionMetadata &dim = *metadata->Get(l);
    Level &level = levels[l];
    size_t e = traversed[l];
    level.size = dimSize[e];
    level.stride = dimStride[e];
    if (dim.format() == tflite::DimensionType::DENSE) {
      if (dim.dense_size() < 0 ||
          static_cast<uint64_t>(dim.dense_size()) != level.size) {
        os << "dim_metadata[" << l << "] is DENSE with dense_size "
           << dim.dense_size() << ", but " << describeDim(e, n)
           << ", which it traverses, has size " << level.size;
        return std::nullopt;
      }
      positions *= level.size;
      continue;
    }
    level.sparse = true;
    if (!level.segments.assign(dim.array_segments_type(),
                               dim.array_segments())) {
      os << "dim_metadata[" << l << "] is SPARSE_CSR without array_segments";
      return std::nullopt;
    }
    if (!level.indices.assign(dim.array_indices_type(), dim.array_indices())) {
      os << "dim_metadata[" << l << "] is SPARSE_CSR without array_indices";
      return std::nullopt;
    }
    const IndexVector &segments = level.segments;
    const IndexVector &indices = level.indices;
    if (segments.size() != positions + 1) {
      os << "dim_metadata[" << l << "] has " << segments.size()
         << " array_segments entries, expected " << positions + 1
         << " (one per position of the level above, plus one)";
      return std::nullopt;
    }
    if (segments[0] != 0) {
      os << "dim_metadata[" << l << "] array_segments start at " << segments[0]
         << " instead of 0";
      return std::nullopt;
    }
    for (uint64_t p = 0; p < positions; ++p) {
      int64_t begin = segments[p], end = segments[p + 1];
      if (end < begin) {
        os << "dim_metadata[" << l << "] array_segments decrease from " << begin
           << " to " << end << " at entry " << p + 1;
        return std::nullopt;
      }
      if (static_cast<uint64_t>(end) > indices.size()) {
        os << "dim_metadata[" << l << "] array_segments entry " << p + 1
           << " = " << end << " is past the " << indices.size()
           << " array_indices";
        return std::nullopt;
      }
      for (int64_t i = begin; i < end; ++i) {
        int64_t index = indices[i];
        if (index < 0 || static_cast<uint64_t>(index) >= level.size) {
          os << "dim_metadata[" << l << "] array_indices entry " << i << " = "
             << index << " is outside " << describeDim(e, n) << " of size "
             << level.size;
          return std::nullopt;
        }
        if (i > begin && index <= indices[i - 1]) {
          os << "dim_metadata[" << l << "] array_indices entry " << i << " = "
             << index << " is not above the entry before it in its segment";
          return std::nullopt;
        }
      }
    }
    if (static_cast<uint64_t>(segments[positions]) != indices.size()) {
      os << "dim_metadata[" << l << "] has " << indices.size()
         << " array_indices but its array_segments end at "
         << segments[positions];
      return std::nullopt;
    }
    positions = indices.size();
  }

  // One stored value per position of the last level.
  if (data.size() != positions * elementBytes) {
    os << "the data has " << data.size() << " bytes, expected " << positions
       << " stored values of " << elementBytes << " bytes";
    return std::nullopt;
  }

  std::vector<uint8_t> dense(denseBytes, 0);
  if (m == 0) {
    std::memcpy(dense.data(), data.data(), data.size());
    return dense;
  }
  // Depth-first walk without recursion: at each level, the range of
  // positions under the current parent and the offset reached so far.
  std::vector<uint64_t> next(m), end(m), start(m), offset(m + 1, 0);
  auto enter = [&](size_t l, uint64_t parent) {
    const Level &level = levels[l];
    if (level.sparse) {
      start[l] = next[l] = level.segments[parent];
      end[l] = level.segments[parent + 1];
    } else {
      start[l] = next[l] = parent * level.size;
      end[l] = start[l] + level.size;
    }
  };
  enter(0, 0);
  size_t l = 0;
  while (true) {
    if (next[l] == end[l]) {
      if (l == 0)
        break;
      ++next[--l];
      continue;
    }
    uint64_t position = next[l];
    const Level &level = levels[l];
    uint64_t coordinate =
        level.sparse ? level.indices[position] : position - start[l];
    offset[l + 1] = offset[l] + coordinate * level.stride;
    if (l + 1 < m) {
      enter(l + 1, position);
      ++l;
      continue;
    }
    // Checked above; kept as a guard against a mistake in the walk.
    if (offset[m] >= numElements || position >= positions) {
      error = "internal error: the sparse walk left the tensor";
      return std::nullopt;
    }
    std::memcpy(dense.data() + offset[m] * elementBytes,
                data.data() + position * elementBytes, elementBytes);
    ++next[l];
  }
  return dense;
}
