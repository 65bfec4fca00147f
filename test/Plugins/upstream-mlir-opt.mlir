// Debian's upstream mlir-opt loads the qnt dialect and pass plugins and runs a
// qnt pass through them.
// RUN: %upstream_mlir_opt %s --load-dialect-plugin=%qnt_lib_dir/QntDialectPlugin%shlibext \
// RUN:   --load-pass-plugin=%qnt_lib_dir/QntPassPlugin%shlibext \
// RUN:   --pass-pipeline="builtin.module(func.func(qnt-fold-float16-weights))" | FileCheck %s

// CHECK-LABEL: func.func @weights
// CHECK-NEXT: %[[W:.*]] = qnt.const dense<{{\[}}1.500000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK-NOT: qnt.dequantize
// CHECK: return %[[W]]
func.func @weights() -> tensor<2xf32> {
  %0 = qnt.const dense<[1.5, -2.0]> : tensor<2xf16> -> tensor<2xf16>
  %1 = qnt.dequantize %0 : (tensor<2xf16>) -> tensor<2xf32>
  return %1 : tensor<2xf32>
}
