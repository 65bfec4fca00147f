//===- DenseDispatch.cpp - Picks the dense kernels the CPU supports -------===//

#include "DenseKernels.h"

using namespace qnt::interp;

namespace {
bool cpuHasAvx2Fma() {
#if defined(QNT_HAVE_AVX2_KERNELS) && (defined(__x86_64__) || defined(__i386__))
  static const bool supported = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return supported;
#else
  return false;
#endif
}
} // namespace

#ifdef QNT_HAVE_AVX2_KERNELS
#define QNT_DISPATCH(call)                                                     \
  do {                                                                         \
    if (cpuHasAvx2Fma())                                                       \
      return avx2::call;                                                       \
    return generic::call;                                                      \
  } while (false)
#else
#define QNT_DISPATCH(call)                                                     \
  do {                                                                         \
    (void)cpuHasAvx2Fma;                                                       \
    return generic::call;                                                      \
  } while (false)
#endif

void qnt::interp::gemm(const float *a, const float *b, float *c, int64_t m,
                       int64_t n, int64_t k, bool transA, bool transB) {
  QNT_DISPATCH(gemm(a, b, c, m, n, k, transA, transB));
}

void qnt::interp::gemm(const int32_t *a, const int32_t *b, int32_t *c,
                       int64_t m, int64_t n, int64_t k, bool transA,
                       bool transB) {
  QNT_DISPATCH(gemm(a, b, c, m, n, k, transA, transB));
}

void qnt::interp::gemm(const int64_t *a, const int64_t *b, int64_t *c,
                       int64_t m, int64_t n, int64_t k, bool transA,
                       bool transB) {
  QNT_DISPATCH(gemm(a, b, c, m, n, k, transA, transB));
}

void qnt::interp::depthwiseConv(const DepthwiseGeometry &g, const float *input,
                                const float *filter, const float *bias,
                                float *output) {
  QNT_DISPATCH(depthwiseConv(g, input, filter, bias, output));
}

void qnt::interp::gemmBiasClamp(const float *a, int64_t lda,
                                const float *packed, float *c, int64_t ldc,
                                int64_t m, int64_t n, int64_t k, float lo,
                                float hi) {
  QNT_DISPATCH(gemmBiasClamp(a, lda, packed, c, ldc, m, n, k, lo, hi));
}

void qnt::interp::depthwiseConvClamp(const DepthwiseGeometry &g,
                                     const float *input, const float *filter,
                                     const float *bias, float *output,
                                     float lo, float hi) {
  QNT_DISPATCH(depthwiseConvClamp(g, input, filter, bias, output, lo, hi));
}

// Neither needs vector instructions, so they have a single variant.

void qnt::interp::packFilter(const float *filter, const float *bias, int64_t n,
                             int64_t k, float *packed) {
  const int64_t panels = (n + kPanelWidth - 1) / kPanelWidth;
  for (int64_t p = 0; p < panels; ++p) {
    float *panel = packed + p * kPanelWidth * k;
    for (int64_t kk = 0; kk < k; ++kk)
      for (int64_t j = 0; j < kPanelWidth; ++j) {
        int64_t col = p * kPanelWidth + j;
        panel[kk * kPanelWidth + j] = col < n ? filter[col * k + kk] : 0.0f;
      }
  }
  float *packedBias = packed + panels * kPanelWidth * k;
  for (int64_t j = 0; j < panels * kPanelWidth; ++j)
    packedBias[j] = bias && j < n ? bias[j] : 0.0f;
}

bool qnt::interp::hasFastDepthwise(const DepthwiseGeometry &g) {
  return g.multiplier == 1 && g.channels >= 8 &&
         ((g.filterH == 3 && g.filterW == 3) ||
          (g.filterH == 5 && g.filterW == 5));
}
