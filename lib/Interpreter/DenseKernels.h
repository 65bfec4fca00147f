//===- DenseKernels.h - Matrix products and depthwise convolution -*- C++ -*-===//
//
// The arithmetic that dominates a model's run time, implemented on Eigen in
// a single translation unit (DenseKernels.cpp) so that the rest of the
// interpreter compiles without Eigen. The translation unit is built once for
// the baseline x86-64 instruction set and once for AVX2+FMA; the functions
// here pick the variant the CPU supports, once.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_INTERPRETER_DENSEKERNELS_H
#define QNT_LIB_INTERPRETER_DENSEKERNELS_H

#include <cstdint>

namespace qnt {
namespace interp {

/// C[m, n] = op(A) * op(B) for row-major contiguous matrices, where op(A) is
/// m x k (A stored k x m when transA) and op(B) is k x n (B stored n x k when
/// transB). C is overwritten. Integer products accumulate exactly in T.
void gemm(const float *a, const float *b, float *c, int64_t m, int64_t n,
          int64_t k, bool transA, bool transB);
void gemm(const int32_t *a, const int32_t *b, int32_t *c, int64_t m,
          int64_t n, int64_t k, bool transA, bool transB);
void gemm(const int64_t *a, const int64_t *b, int64_t *c, int64_t m,
          int64_t n, int64_t k, bool transA, bool transB);

/// Geometry of a depthwise convolution of one NHWC image.
struct DepthwiseGeometry {
  int64_t inH, inW, channels, multiplier;
  int64_t filterH, filterW;
  int64_t outH, outW;
  int64_t strideH, strideW, dilationH, dilationW;
  int64_t padTop, padLeft;
};

/// Float depthwise convolution of one image: input [inH, inW, C], filter
/// [filterH, filterW, C * M], bias [C * M] or null, output [outH, outW, C * M].
/// Padded positions contribute nothing.
void depthwiseConv(const DepthwiseGeometry &g, const float *input,
                   const float *filter, const float *bias, float *output);

/// Columns of a packed filter panel: two AVX vectors.
constexpr int64_t kPanelWidth = 16;

/// Floats needed by packFilter for an [n, k] filter.
inline int64_t packedFilterSize(int64_t n, int64_t k) {
  int64_t panels = (n + kPanelWidth - 1) / kPanelWidth;
  return panels * kPanelWidth * (k + 1);
}

/// Rearranges a float filter stored [n, k] row-major (a convolution's [outC,
/// kh, kw, inC]) and its bias [n] (null: zeros) for gemmBiasClamp: panels of
/// kPanelWidth output channels, each [k, kPanelWidth] and zero-padded, then
/// the bias padded the same way.
void packFilter(const float *filter, const float *bias, int64_t n, int64_t k,
                float *packed);

/// C[m, n] = clamp(A * W^T + bias, lo, hi) for A [m, k] with rows lda apart,
/// W and bias packed by packFilter and C rows ldc apart. The clamp is a fused
/// ReLU-family activation (lo = -inf, hi = +inf for none); NaN passes through
/// as std::max/std::min would let it.
void gemmBiasClamp(const float *a, int64_t lda, const float *packed, float *c,
                   int64_t ldc, int64_t m, int64_t n, int64_t k, float lo,
                   float hi);

/// True if depthwiseConvClamp handles \p g (multiplier 1, at least 8
/// channels, a 3x3 or 5x5 filter).
bool hasFastDepthwise(const DepthwiseGeometry &g);

/// depthwiseConv followed by the clamp [lo, hi], for geometries accepted by
/// hasFastDepthwise: channels are processed 8 at a time, the way NHWC lays
/// them out. Same summation order as depthwiseConv (bias, then the taps row
/// by row).
void depthwiseConvClamp(const DepthwiseGeometry &g, const float *input,
                        const float *filter, const float *bias, float *output,
                        float lo, float hi);

namespace generic {
void gemm(const float *, const float *, float *, int64_t, int64_t, int64_t,
          bool, bool);
void gemm(const int32_t *, const int32_t *, int32_t *, int64_t, int64_t,
          int64_t, bool, bool);
void gemm(const int64_t *, const int64_t *, int64_t *, int64_t, int64_t,
          int64_t, bool, bool);
void depthwiseConv(const DepthwiseGeometry &, const float *, const float *,
                   const float *, float *);
void gemmBiasClamp(const float *, int64_t, const float *, float *, int64_t,
                   int64_t, int64_t, int64_t, float, float);
void depthwiseConvClamp(const DepthwiseGeometry &, const float *,
                        const float *, const float *, float *, float, float);
} // namespace generic

namespace avx2 {
void gemm(const float *, const float *, float *, int64_t, int64_t, int64_t,
          bool, bool);
void gemm(const int32_t *, const int32_t *, int32_t *, int64_t, int64_t,
          int64_t, bool, bool);
void gemm(const int64_t *, const int64_t *, int64_t *, int64_t, int64_t,
          int64_t, bool, bool);
void depthwiseConv(const DepthwiseGeometry &, const float *, const float *,
                   const float *, float *);
void gemmBiasClamp(const float *, int64_t, const float *, float *, int64_t,
                   int64_t, int64_t, int64_t, float, float);
void depthwiseConvClamp(const DepthwiseGeometry &, const float *,
                        const float *, const float *, float *, float, float);
} // namespace avx2

} // namespace interp
} // namespace qnt

#endif // QNT_LIB_INTERPRETER_DENSEKERNELS_H
