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

namespace generic {
void gemm(const float *, const float *, float *, int64_t, int64_t, int64_t,
          bool, bool);
void gemm(const int32_t *, const int32_t *, int32_t *, int64_t, int64_t,
          int64_t, bool, bool);
void gemm(const int64_t *, const int64_t *, int64_t *, int64_t, int64_t,
          int64_t, bool, bool);
void depthwiseConv(const DepthwiseGeometry &, const float *, const float *,
                   const float *, float *);
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
} // namespace avx2

} // namespace interp
} // namespace qnt

#endif // QNT_LIB_INTERPRETER_DENSEKERNELS_H
