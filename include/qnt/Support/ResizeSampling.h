//===- ResizeSampling.h - Where TFLite's resize ops read from ---*- C++ -*-===//
//
// The source positions of RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR, with
// TFLite's arithmetic (float32 for nearest, 10-bit fixed point for the
// 8/16-bit bilinear kernels), so that the interpreter and the lowerings pick
// the same neighbours and weights as the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_SUPPORT_RESIZESAMPLING_H
#define QNT_SUPPORT_RESIZESAMPLING_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace qnt {

/// The input index output index `out` of a nearest-neighbour resize from
/// `inSize` to `outSize` reads.
inline int64_t nearestSource(int64_t out, int64_t inSize, int64_t outSize,
                             bool alignCorners, bool halfPixelCenters) {
  float scale = alignCorners && outSize > 1
                    ? static_cast<float>(inSize - 1) /
                          static_cast<float>(outSize - 1)
                    : static_cast<float>(inSize) / static_cast<float>(outSize);
  float pos =
      (static_cast<float>(out) + (halfPixelCenters ? 0.5f : 0.0f)) * scale;
  int64_t v = alignCorners ? static_cast<int64_t>(std::round(pos))
                           : static_cast<int64_t>(std::floor(pos));
  v = std::min(v, inSize - 1);
  return halfPixelCenters ? std::max<int64_t>(v, 0) : v;
}

/// The input step per output step of a bilinear resize, in 1/1024ths
/// (rounded to nearest), as TFLite's integer kernels compute it.
inline int32_t bilinearScale10(int64_t inSize, int64_t outSize,
                               bool alignCorners) {
  if (alignCorners && outSize > 1)
    return static_cast<int32_t>(((1 << 10) * (inSize - 1) +
                                 (outSize - 1) / 2) /
                                (outSize - 1));
  return static_cast<int32_t>(((1 << 10) * inSize + outSize / 2) / outSize);
}

/// The two neighbours output index `out` blends and the weight of the
/// upper one, in 1/1024ths; the lower one weighs 1024 - `upperWeight`.
struct BilinearTap {
  int64_t lower, upper;
  int32_t upperWeight;
};

inline BilinearTap bilinearTap(int64_t out, int32_t scale10, int64_t inSize,
                               bool halfPixelCenters) {
  int32_t scaled = static_cast<int32_t>(out) * scale10;
  if (halfPixelCenters)
    scaled += scale10 / 2 - (1 << 9);
  int64_t lower = std::max<int64_t>(scaled / (1 << 10), 0);
  int64_t upper =
      std::min<int64_t>((scaled + (1 << 10) - 1) / (1 << 10), inSize - 1);
  return {lower, upper, static_cast<int32_t>(scaled - (1 << 10) * lower)};
}

} // namespace qnt

#endif // QNT_SUPPORT_RESIZESAMPLING_H
