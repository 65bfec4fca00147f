//===- RepeatOps.cpp - tile and broadcast_to ------------------------------===//
//
// Ops that repeat the input's elements: each output element is a copy of
// one input element, found by a modulo (tile) or by ignoring broadcast
// dimensions (broadcast_to). Bytes are copied, so every element type works
// alike and quantized operands share scale and zero point.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cstring>

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
/// Writes \p shape's elements in row-major order, each copied from the input
/// element at `sum(inputIndex(d, i_d) * inStrides[d])`.
template <typename IndexFn>
void copyRepeated(const Tensor &in, llvm::ArrayRef<int64_t> shape,
                  llvm::ArrayRef<int64_t> inStrides, IndexFn inputIndex,
                  Tensor &result) {
  const int64_t total = result.getNumElements();
  if (total == 0)
    return;
  const size_t size = getElementSize(in.getKind());
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  const int64_t rank = shape.size();
  llvm::SmallVector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < total; ++i, dst += size) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += inputIndex(d, index[d]) * inStrides[d];
    std::memcpy(dst, src + offset * size, size);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}
} // namespace

llvm::Error interp::evalTile(TileOp op, Operands operands, Tensor &result,
                             Scratch &) {
  const Tensor &in = *operands[0];
  auto multiples = readIndexTensor(*operands[1], "multiples");
  if (!multiples)
    return multiples.takeError();
  const int64_t rank = in.getRank();
  if (static_cast<int64_t>(multiples->size()) != rank)
    return kernelError("multiples has {0} values for rank {1}",
                       multiples->size(), rank);
  llvm::SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if ((*multiples)[d] < 0)
      return kernelError("multiples {0} has a negative entry",
                         shapeToString(*multiples));
    shape.push_back(in.getDimSize(d) * (*multiples)[d]);
  }
  if (auto err = prepareResult(op.getOutput(), shape, result))
    return err;
  if (rank == 0) {
    std::memcpy(result.getRawData(), in.getRawData(), in.getNumBytes());
    return llvm::Error::success();
  }
  copyRepeated(
      in, shape, rowMajorStrides(in.getShape()),
      [&](int64_t d, int64_t i) { return i % in.getDimSize(d); }, result);
  return llvm::Error::success();
}

llvm::Error interp::evalBroadcastTo(BroadcastToOp op, Operands operands,
                                    Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto shape = readIndexTensor(*operands[1], "shape");
  if (!shape)
    return shape.takeError();
  if (shape->size() < static_cast<size_t>(in.getRank()))
    return kernelError("cannot broadcast {0} to the lower rank shape {1}",
                       shapeToString(in.getShape()), shapeToString(*shape));
  for (int64_t s : *shape)
    if (s < 0)
      return kernelError("shape {0} has a negative entry",
                         shapeToString(*shape));
  const int64_t offset = shape->size() - in.getRank();
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t from = in.getDimSize(d), to = (*shape)[offset + d];
    if (from != 1 && from != to)
      return kernelError("cannot broadcast {0} to {1}",
                         shapeToString(in.getShape()), shapeToString(*shape));
  }
  if (auto err = prepareResult(op.getOutput(), *shape, result))
    return err;
  if (shape->empty()) {
    std::memcpy(result.getRawData(), in.getRawData(), in.getNumBytes());
    return llvm::Error::success();
  }
  // Stride 0 along broadcast dimensions and the added leading ones.
  llvm::SmallVector<int64_t> strides = broadcastStrides(in.getShape(), *shape);
  copyRepeated(
      in, *shape, strides, [](int64_t, int64_t i) { return i; }, result);
  return llvm::Error::success();
}
