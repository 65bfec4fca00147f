//===- DenseKernels.cpp - Matrix products and depthwise convolution -------===//
//
// The only translation unit of the interpreter that includes Eigen. It is
// compiled twice, with QNT_DENSE_VARIANT naming the namespace of the variant
// (generic: baseline flags; avx2: -mavx2 -mfma). Eigen runs single-threaded
// here: the interpreter parallelises over samples instead.
//
//===----------------------------------------------------------------------===//

#include "DenseKernels.h"

#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>

#include <algorithm>

#ifndef QNT_DENSE_VARIANT
#error "QNT_DENSE_VARIANT must name the variant being compiled"
#endif

namespace qnt {
namespace interp {
namespace QNT_DENSE_VARIANT {

namespace {
template <typename T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic,
                               Eigen::RowMajor>;
template <typename T>
using ColMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic,
                               Eigen::ColMajor>;

template <typename T>
void gemmImpl(const T *a, const T *b, T *c, int64_t m, int64_t n, int64_t k,
              bool transA, bool transB) {
  Eigen::Map<RowMajor<T>> out(c, m, n);
  if (k == 0) {
    out.setZero();
    return;
  }
  // A stored transposed is a column-major view of the same bytes.
  if (!transA && !transB)
    out.noalias() = Eigen::Map<const RowMajor<T>>(a, m, k) *
                    Eigen::Map<const RowMajor<T>>(b, k, n);
  else if (!transA && transB)
    out.noalias() = Eigen::Map<const RowMajor<T>>(a, m, k) *
                    Eigen::Map<const ColMajor<T>>(b, k, n);
  else if (transA && !transB)
    out.noalias() = Eigen::Map<const ColMajor<T>>(a, m, k) *
                    Eigen::Map<const RowMajor<T>>(b, k, n);
  else
    out.noalias() = Eigen::Map<const ColMajor<T>>(a, m, k) *
                    Eigen::Map<const ColMajor<T>>(b, k, n);
}

using ArrayRows =
    Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Array<float, 1, Eigen::Dynamic>;
using OuterStrided = Eigen::OuterStride<Eigen::Dynamic>;
using BothStrided = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
} // namespace

void gemm(const float *a, const float *b, float *c, int64_t m, int64_t n,
          int64_t k, bool transA, bool transB) {
  gemmImpl(a, b, c, m, n, k, transA, transB);
}
void gemm(const int32_t *a, const int32_t *b, int32_t *c, int64_t m,
          int64_t n, int64_t k, bool transA, bool transB) {
  gemmImpl(a, b, c, m, n, k, transA, transB);
}
void gemm(const int64_t *a, const int64_t *b, int64_t *c, int64_t m,
          int64_t n, int64_t k, bool transA, bool transB) {
  gemmImpl(a, b, c, m, n, k, transA, transB);
}

void depthwiseConv(const DepthwiseGeometry &g, const float *input,
                   const float *filter, const float *bias, float *output) {
  const int64_t c = g.channels, mult = g.multiplier, oc = c * mult;
  for (int64_t y = 0; y < g.outH; ++y) {
    // One output row [outW, oc] at a time: every filter tap adds a strided
    // block of an input row, scaled channel-wise by the tap's weights.
    Eigen::Map<ArrayRows> outRow(output + y * g.outW * oc, g.outW, oc);
    if (bias)
      outRow.rowwise() = Eigen::Map<const RowVector>(bias, oc);
    else
      outRow.setZero();
    for (int64_t ky = 0; ky < g.filterH; ++ky) {
      int64_t iy = y * g.strideH - g.padTop + ky * g.dilationH;
      if (iy < 0 || iy >= g.inH)
        continue;
      for (int64_t kx = 0; kx < g.filterW; ++kx) {
        // Output columns whose tap lands inside the row: 0 <= x * s + off < W.
        int64_t offset = kx * g.dilationW - g.padLeft;
        int64_t x0 = offset >= 0 ? 0 : (-offset + g.strideW - 1) / g.strideW;
        int64_t x1 = g.inW - 1 - offset < 0
                         ? 0
                         : std::min(g.outW, (g.inW - 1 - offset) / g.strideW + 1);
        if (x0 >= x1)
          continue;
        int64_t count = x1 - x0;
        const float *in = input + (iy * g.inW + x0 * g.strideW + offset) * c;
        const float *w = filter + (ky * g.filterW + kx) * oc;
        Eigen::Map<const ArrayRows, 0, OuterStrided> inBlock(
            in, count, c, OuterStrided(g.strideW * c));
        if (mult == 1) {
          outRow.middleRows(x0, count) +=
              inBlock.rowwise() * Eigen::Map<const RowVector>(w, oc);
          continue;
        }
        // Output channel ch * M + m reads input channel ch.
        for (int64_t m = 0; m < mult; ++m) {
          Eigen::Map<ArrayRows, 0, BothStrided> outBlock(
              output + (y * g.outW + x0) * oc + m, count, c,
              BothStrided(oc, mult));
          Eigen::Map<const RowVector, 0, Eigen::InnerStride<>> wm(
              w + m, c, Eigen::InnerStride<>(mult));
          outBlock += inBlock.rowwise() * wm;
        }
      }
    }
  }
}

} // namespace QNT_DENSE_VARIANT
} // namespace interp
} // namespace qnt
