//===- StridedSliceWindow.cpp - What a strided_slice selects --------------===//

#include "qnt/Dialect/Qnt/IR/StridedSliceWindow.h"

#include "llvm/ADT/bit.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <limits>

using namespace llvm;

namespace {
template <typename... Ts> Error windowError(const char *format, Ts &&...vals) {
  return createStringError(inconvertibleErrorCode(),
                           formatv(format, std::forward<Ts>(vals)...).str());
}
} // namespace

Expected<qnt::StridedSliceWindow>
qnt::resolveStridedSlice(StridedSliceOp op, ArrayRef<int64_t> inputShape,
                         ArrayRef<int64_t> begin, ArrayRef<int64_t> end,
                         ArrayRef<int64_t> strides) {
  const int64_t n = static_cast<int64_t>(begin.size());
  const int64_t rank = static_cast<int64_t>(inputShape.size());
  if (static_cast<int64_t>(end.size()) != n ||
      static_cast<int64_t>(strides.size()) != n)
    return windowError("begin, end and strides differ in length");
  if (n > 32)
    return windowError("more than 32 slice specs");
  uint32_t beginMask = op.getBeginMask(), endMask = op.getEndMask(),
           ellipsisMask = op.getEllipsisMask(),
           newAxisMask = op.getNewAxisMask(),
           shrinkMask = op.getShrinkAxisMask();
  if (llvm::popcount(ellipsisMask) > 1)
    return windowError("more than one ellipsis in ellipsis_mask");

  // Specs that consume an input dimension; an ellipsis stands for the rest.
  int64_t consuming = 0;
  for (int64_t i = 0; i < n; ++i)
    if (!(newAxisMask & (1u << i)) && !(ellipsisMask & (1u << i)))
      ++consuming;
  StridedSliceWindow w;
  int64_t dim = 0;
  auto wholeDim = [&] {
    w.start.push_back(0);
    w.step.push_back(1);
    w.count.push_back(inputShape[dim]);
    w.resultShape.push_back(inputShape[dim]);
    ++dim;
  };
  for (int64_t i = 0; i < n; ++i) {
    uint32_t bit = 1u << i;
    if (ellipsisMask & bit) {
      if (rank - consuming < 0)
        return windowError("the slice specification has more dimensions "
                           "than the input (rank {0})",
                           rank);
      for (int64_t k = rank - consuming; k > 0; --k)
        wholeDim();
      continue;
    }
    if (newAxisMask & bit) {
      w.resultShape.push_back(1);
      continue;
    }
    if (dim >= rank)
      return windowError("the slice specification has more dimensions than "
                         "the input (rank {0})",
                         rank);
    int64_t size = inputShape[dim], s = strides[i];
    if (s == 0)
      return windowError("stride {0} is zero", i);
    if (shrinkMask & bit) {
      int64_t b = begin[i] < 0 ? begin[i] + size : begin[i];
      if (b < 0 || b >= size)
        return windowError("index {0} is out of range for dimension {1} of "
                           "size {2}",
                           begin[i], dim, size);
      w.start.push_back(b);
      w.step.push_back(1);
      w.count.push_back(1);
      ++dim;
      continue;
    }
    // Python slice bounds, clamped to the dimension.
    auto clampBound = [&](int64_t v) {
      if (v < 0)
        v += size;
      return s > 0 ? std::clamp<int64_t>(v, 0, size)
                   : std::clamp<int64_t>(v, -1, size - 1);
    };
    int64_t b = (beginMask & bit) ? (s > 0 ? 0 : size - 1) : clampBound(begin[i]);
    int64_t e;
    if (op.getOffset() && !(endMask & bit)) {
      int64_t sum;
      if (AddOverflow(begin[i], end[i], sum))
        sum = end[i] > 0 ? std::numeric_limits<int64_t>::max()
                         : std::numeric_limits<int64_t>::min();
      e = clampBound(sum);
    } else {
      e = (endMask & bit) ? (s > 0 ? size : -1) : clampBound(end[i]);
    }
    // Elements in [b, e) counted every |s|; unsigned so that no stride
    // overflows.
    int64_t span = s > 0 ? e - b : b - e;
    uint64_t stride = s > 0 ? uint64_t(s) : uint64_t(0) - uint64_t(s);
    int64_t c = span > 0 ? int64_t((uint64_t(span) - 1) / stride + 1) : 0;
    w.start.push_back(c ? b : 0);
    w.step.push_back(s);
    w.count.push_back(c);
    w.resultShape.push_back(c);
    ++dim;
  }
  while (dim < rank)
    wholeDim();
  return w;
}
