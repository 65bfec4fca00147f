//===- BatchSpaceOps.cpp - space_to_batch_nd and batch_to_space_nd --------===//
//
// The pair TensorFlow wrote around dilated convolutions: spatial blocks move
// into the batch and back. Elements are copied as bytes, so every element
// type works alike; quantized operands share scale and zero point, and the
// zero point is what padding inserts.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cstring>

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

namespace {
/// The operands of either op seen as 4-D: a 3-D input `[N, H, C]` is
/// `[N, H, 1, C]` with a block of 1 and no padding along the added width.
struct BlockGeometry {
  int64_t batch, height, width, channels;
  int64_t blockH, blockW;
  int64_t beforeH, afterH, beforeW, afterW;
};

llvm::Expected<BlockGeometry> readGeometry(const Tensor &in,
                                           const Tensor &blockTensor,
                                           const Tensor &amountTensor,
                                           llvm::StringRef what) {
  const int64_t rank = in.getRank();
  if (rank != 3 && rank != 4)
    return kernelError("expected an input of rank 3 or 4, got {0}", rank);
  auto block = readIndexTensor(blockTensor, "block_shape");
  if (!block)
    return block.takeError();
  auto amounts = readIndexTensor(amountTensor, what);
  if (!amounts)
    return amounts.takeError();
  const size_t spatial = rank - 2;
  if (block->size() != spatial)
    return kernelError("block_shape has {0} values for {1} spatial "
                       "dimensions",
                       block->size(), spatial);
  if (amounts->size() != 2 * spatial)
    return kernelError("{0} has {1} values for {2} spatial dimensions", what,
                       amounts->size(), spatial);
  for (int64_t b : *block)
    if (b <= 0)
      return kernelError("block_shape {0} has a non-positive entry",
                         shapeToString(*block));
  for (int64_t a : *amounts)
    if (a < 0)
      return kernelError("{0} has a negative value {1}", what, a);
  BlockGeometry g;
  g.batch = in.getDimSize(0);
  g.height = in.getDimSize(1);
  g.width = rank == 4 ? in.getDimSize(2) : 1;
  g.channels = in.getDimSize(rank - 1);
  g.blockH = (*block)[0];
  g.blockW = rank == 4 ? (*block)[1] : 1;
  g.beforeH = (*amounts)[0];
  g.afterH = (*amounts)[1];
  g.beforeW = rank == 4 ? (*amounts)[2] : 0;
  g.afterW = rank == 4 ? (*amounts)[3] : 0;
  return g;
}

/// The 4-D geometry's result shape back in the input's rank.
llvm::SmallVector<int64_t> shapeInRank(int64_t rank, int64_t n, int64_t h,
                                       int64_t w, int64_t c) {
  if (rank == 3)
    return {n, h, c};
  return {n, h, w, c};
}

/// The stored value that represents real 0.
llvm::Expected<double> padValue(Value output) {
  if (!isQuantized(output))
    return 0.0;
  auto info = getPerTensorQuantInfo(output, "result");
  if (!info)
    return info.takeError();
  return static_cast<double>(info->zeroPoint());
}

void fillWith(Tensor &t, double value) {
  dispatchElementKind(t.getKind(), [&](auto tag) {
    using T = decltype(tag);
    std::fill(t.getData<T>(), t.getData<T>() + t.getNumElements(),
              static_cast<T>(value));
  });
}
} // namespace

llvm::Error interp::evalSpaceToBatchNd(SpaceToBatchNdOp op, Operands operands,
                                       Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto geometry = readGeometry(in, *operands[1], *operands[2], "paddings");
  if (!geometry)
    return geometry.takeError();
  const BlockGeometry &g = *geometry;
  const int64_t paddedH = g.height + g.beforeH + g.afterH;
  const int64_t paddedW = g.width + g.beforeW + g.afterW;
  if (paddedH % g.blockH != 0 || paddedW % g.blockW != 0)
    return kernelError("padded spatial size {0}x{1} is not a multiple of the "
                       "block {2}x{3}",
                       paddedH, paddedW, g.blockH, g.blockW);
  const int64_t outN = g.batch * g.blockH * g.blockW;
  const int64_t outH = paddedH / g.blockH, outW = paddedW / g.blockW;
  if (auto err = prepareResult(
          op.getOutput(),
          shapeInRank(in.getRank(), outN, outH, outW, g.channels), result))
    return err;
  auto pad = padValue(op.getOutput());
  if (!pad)
    return pad.takeError();
  fillWith(result, *pad);
  const size_t rowBytes = g.channels * getElementSize(in.getKind());
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  // Output batch (oy * blockW + ox) * N + n holds the elements at offset
  // (oy, ox) of every block of input batch n.
  for (int64_t b = 0; b < outN; ++b) {
    const int64_t n = b % g.batch, offset = b / g.batch;
    const int64_t oy = offset / g.blockW, ox = offset % g.blockW;
    for (int64_t y = 0; y < outH; ++y) {
      const int64_t inY = y * g.blockH + oy - g.beforeH;
      if (inY < 0 || inY >= g.height)
        continue;
      for (int64_t x = 0; x < outW; ++x) {
        const int64_t inX = x * g.blockW + ox - g.beforeW;
        if (inX < 0 || inX >= g.width)
          continue;
        std::memcpy(dst + ((b * outH + y) * outW + x) * rowBytes,
                    src + ((n * g.height + inY) * g.width + inX) * rowBytes,
                    rowBytes);
      }
    }
  }
  return llvm::Error::success();
}

llvm::Error interp::evalBatchToSpaceNd(BatchToSpaceNdOp op, Operands operands,
                                       Tensor &result, Scratch &) {
  const Tensor &in = *operands[0];
  auto geometry = readGeometry(in, *operands[1], *operands[2], "crops");
  if (!geometry)
    return geometry.takeError();
  const BlockGeometry &g = *geometry;
  const int64_t blocks = g.blockH * g.blockW;
  if (g.batch % blocks != 0)
    return kernelError("batch {0} is not a multiple of the block {1}x{2}",
                       g.batch, g.blockH, g.blockW);
  const int64_t fullH = g.height * g.blockH, fullW = g.width * g.blockW;
  if (g.beforeH + g.afterH > fullH || g.beforeW + g.afterW > fullW)
    return kernelError("crops remove more than the spatial size {0}x{1}",
                       fullH, fullW);
  const int64_t outN = g.batch / blocks;
  const int64_t outH = fullH - g.beforeH - g.afterH;
  const int64_t outW = fullW - g.beforeW - g.afterW;
  if (auto err = prepareResult(
          op.getOutput(),
          shapeInRank(in.getRank(), outN, outH, outW, g.channels), result))
    return err;
  const size_t rowBytes = g.channels * getElementSize(in.getKind());
  const char *src = static_cast<const char *>(in.getRawData());
  char *dst = static_cast<char *>(result.getRawData());
  // Every output element comes from exactly one input element; cropped
  // input elements are skipped.
  for (int64_t b = 0; b < g.batch; ++b) {
    const int64_t n = b % outN, offset = b / outN;
    const int64_t oy = offset / g.blockW, ox = offset % g.blockW;
    for (int64_t y = 0; y < g.height; ++y) {
      const int64_t outY = y * g.blockH + oy - g.beforeH;
      if (outY < 0 || outY >= outH)
        continue;
      for (int64_t x = 0; x < g.width; ++x) {
        const int64_t outX = x * g.blockW + ox - g.beforeW;
        if (outX < 0 || outX >= outW)
          continue;
        std::memcpy(dst + ((n * outH + outY) * outW + outX) * rowBytes,
                    src + ((b * g.height + y) * g.width + x) * rowBytes,
                    rowBytes);
      }
    }
  }
  return llvm::Error::success();
}
