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
#include <cstring>

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

//===----------------------------------------------------------------------===//
// Register-tiled kernels
//===----------------------------------------------------------------------===//
//
// Written with GCC vector extensions: 8 floats are one AVX register in the
// avx2 variant (where a * b + c contracts to an FMA) and two SSE registers in
// the generic one. The shapes of mobile networks (16 to 128 channels) are too
// small for a general GEMM's packing to pay off per call; here the filter is
// packed once by the caller and activations are read in place.

namespace {
typedef float V8 __attribute__((vector_size(32)));

inline V8 load8(const float *p) {
  V8 v;
  std::memcpy(&v, p, sizeof(V8));
  return v;
}
inline void store8(float *p, V8 v) { std::memcpy(p, &v, sizeof(V8)); }
inline V8 splat(float s) { return V8{s, s, s, s, s, s, s, s}; }
/// std::min(std::max(x, lo), hi) lane-wise, NaN included.
inline V8 clamp8(V8 x, V8 lo, V8 hi) {
  x = x < lo ? lo : x;
  return hi < x ? hi : x;
}

/// Rows [0, MR) x columns [0, 8 * NV) of C from one filter panel; only the
/// first `cols` columns are stored.
template <int MR, int NV>
inline void gemmTile(const float *a, int64_t lda, const float *panel,
                     const float *bias, float *c, int64_t ldc, int64_t k,
                     int64_t cols, V8 lo, V8 hi) {
  V8 acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      acc[r][v] = V8{};
  for (int64_t kk = 0; kk < k; ++kk) {
    V8 b[NV];
    for (int v = 0; v < NV; ++v)
      b[v] = load8(panel + kk * kPanelWidth + 8 * v);
    for (int r = 0; r < MR; ++r) {
      V8 x = splat(a[r * lda + kk]);
      for (int v = 0; v < NV; ++v)
        acc[r][v] += x * b[v];
    }
  }
  // The bias is added after the products, as a GEMM followed by a bias
  // pass would.
  for (int r = 0; r < MR; ++r) {
    float *row = c + r * ldc;
    for (int v = 0; v < NV; ++v) {
      V8 out = clamp8(acc[r][v] + load8(bias + 8 * v), lo, hi);
      if (cols >= 8 * (v + 1)) {
        store8(row + 8 * v, out);
      } else {
        float tmp[8];
        store8(tmp, out);
        for (int64_t j = 8 * v; j < cols; ++j)
          row[j] = tmp[j - 8 * v];
      }
    }
  }
}

template <int NV>
void gemmPanel(const float *a, int64_t lda, const float *panel,
               const float *bias, float *c, int64_t ldc, int64_t m, int64_t k,
               int64_t cols, V8 lo, V8 hi, int64_t rowBegin,
               int64_t rowEnd) {
  constexpr int MR = NV == 2 ? 6 : 8;
  int64_t r = rowBegin;
  for (; r + MR <= rowEnd; r += MR)
    gemmTile<MR, NV>(a + r * lda, lda, panel, bias, c + r * ldc, ldc, k, cols,
                     lo, hi);
  for (; r < rowEnd; ++r)
    gemmTile<1, NV>(a + r * lda, lda, panel, bias, c + r * ldc, ldc, k, cols,
                    lo, hi);
}
} // namespace

void gemmBiasClamp(const float *a, int64_t lda, const float *packed, float *c,
                   int64_t ldc, int64_t m, int64_t n, int64_t k, float lo,
                   float hi) {
  const int64_t panels = (n + kPanelWidth - 1) / kPanelWidth;
  const float *biasBase = packed + panels * kPanelWidth * k;
  const V8 vlo = splat(lo), vhi = splat(hi);
  // Blocks of rows small enough that their slice of A stays in L1 while
  // every panel passes over it.
  const int64_t block = std::max<int64_t>(24, (4096 / std::max<int64_t>(k, 1)) / 24 * 24);
  for (int64_t r0 = 0; r0 < m; r0 += block) {
    int64_t r1 = std::min(m, r0 + block);
    for (int64_t p = 0; p < panels; ++p) {
      const float *panel = packed + p * kPanelWidth * k;
      const float *bias = biasBase + p * kPanelWidth;
      int64_t cols = std::min(kPanelWidth, n - p * kPanelWidth);
      if (cols > 8)
        gemmPanel<2>(a, lda, panel, bias, c + p * kPanelWidth, ldc, m, k,
                     cols, vlo, vhi, r0, r1);
      else
        gemmPanel<1>(a, lda, panel, bias, c + p * kPanelWidth, ldc, m, k,
                     cols, vlo, vhi, r0, r1);
    }
  }
}

namespace {
/// One output row of a depthwise convolution with a KH x KW filter,
/// multiplier 1, for the channel block [c0, c0 + 8).
template <int KH, int KW>
inline void depthwiseRowBlock(const DepthwiseGeometry &g, const float *input,
                              const float *filter, const float *bias,
                              float *outRow, int64_t y, int64_t c0,
                              int64_t xInBegin, int64_t xInEnd, V8 lo,
                              V8 hi) {
  const int64_t c = g.channels;
  V8 w[KH][KW];
  bool rowValid[KH];
  const float *rows[KH];
  for (int ky = 0; ky < KH; ++ky) {
    int64_t iy = y * g.strideH - g.padTop + ky * g.dilationH;
    rowValid[ky] = iy >= 0 && iy < g.inH;
    rows[ky] = input + (rowValid[ky] ? iy : 0) * g.inW * c + c0;
    for (int kx = 0; kx < KW; ++kx)
      w[ky][kx] = load8(filter + (ky * KW + kx) * c + c0);
  }
  const V8 b = bias ? load8(bias + c0) : V8{};
  auto pixel = [&](int64_t x, bool checked) {
    V8 acc = b;
    const int64_t ix0 = x * g.strideW - g.padLeft;
    for (int ky = 0; ky < KH; ++ky) {
      if (!rowValid[ky])
        continue;
      for (int kx = 0; kx < KW; ++kx) {
        int64_t ix = ix0 + kx * g.dilationW;
        if (checked && (ix < 0 || ix >= g.inW))
          continue;
        acc += load8(rows[ky] + ix * c) * w[ky][kx];
      }
    }
    store8(outRow + x * c + c0, clamp8(acc, lo, hi));
  };
  int64_t x = 0;
  for (; x < xInBegin; ++x)
    pixel(x, true);
  for (; x < xInEnd; ++x)
    pixel(x, false);
  for (; x < g.outW; ++x)
    pixel(x, true);
}

template <int KH, int KW>
void depthwiseClampImpl(const DepthwiseGeometry &g, const float *input,
                        const float *filter, const float *bias,
                        float *output, float lo, float hi) {
  const int64_t c = g.channels;
  // Output columns whose taps all fall inside the row.
  auto ceilDiv = [](int64_t a, int64_t b) { return (a + b - 1) / b; };
  int64_t xInBegin = std::min(g.outW, ceilDiv(g.padLeft, g.strideW));
  int64_t lastTap = (KW - 1) * g.dilationW;
  int64_t xInEnd =
      g.inW - 1 - lastTap + g.padLeft < 0
          ? 0
          : std::min(g.outW, (g.inW - 1 - lastTap + g.padLeft) / g.strideW + 1);
  xInEnd = std::max(xInEnd, xInBegin);
  const V8 vlo = splat(lo), vhi = splat(hi);
  for (int64_t y = 0; y < g.outH; ++y) {
    float *outRow = output + y * g.outW * c;
    // A channel count that is not a multiple of 8 ends with a block that
    // overlaps the previous one; it recomputes the same values.
    for (int64_t c0 = 0; c0 < c; c0 += 8)
      depthwiseRowBlock<KH, KW>(g, input, filter, bias, outRow, y,
                                std::min(c0, c - 8), xInBegin, xInEnd, vlo,
                                vhi);
  }
}
} // namespace

void depthwiseConvClamp(const DepthwiseGeometry &g, const float *input,
                        const float *filter, const float *bias, float *output,
                        float lo, float hi) {
  if (g.filterH == 3 && g.filterW == 3)
    depthwiseClampImpl<3, 3>(g, input, filter, bias, output, lo, hi);
  else
    depthwiseClampImpl<5, 5>(g, input, filter, bias, output, lo, hi);
}

} // namespace QNT_DENSE_VARIANT
} // namespace interp
} // namespace qnt
