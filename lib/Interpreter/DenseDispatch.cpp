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
