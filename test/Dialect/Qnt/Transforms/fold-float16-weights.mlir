// RUN: qnt-opt %s --qnt-fold-float16-weights -split-input-file | FileCheck %s

// Every f16 value widens exactly: 65504 is the largest f16, 2^-24 the smallest.
// CHECK-LABEL: func.func @exact
// CHECK: qnt.const dense<[6.550400e+04, 5.96046448E-8, -1.000000e+00]> : tensor<3xf32>
// CHECK-NOT: qnt.dequantize
func.func @exact() -> tensor<3xf32> {
  %0 = qnt.const dense<[65504.0, 5.96046448E-8, -1.0]> : tensor<3xf16> -> tensor<3xf16>
  %1 = qnt.dequantize %0 : (tensor<3xf16>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

// -----

// A constant with another user stays for it.
// CHECK-LABEL: func.func @shared
// CHECK: %[[H:.*]] = qnt.const {{.*}} : tensor<2xf16>
// CHECK: %[[F:.*]] = qnt.const {{.*}} : tensor<2xf32>
// CHECK: return %[[F]], %[[H]]
func.func @shared() -> (tensor<2xf32>, tensor<2xf16>) {
  %0 = qnt.const dense<[1.0, 2.0]> : tensor<2xf16> -> tensor<2xf16>
  %1 = qnt.dequantize %0 : (tensor<2xf16>) -> tensor<2xf32>
  return %1, %0 : tensor<2xf32>, tensor<2xf16>
}

// -----

// Quantized constants are not float16 weights: left alone.
// CHECK-LABEL: func.func @quantized
// CHECK: qnt.dequantize
func.func @quantized() -> tensor<2xf32> {
  %0 = qnt.const dense<[1, 2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  %1 = qnt.dequantize %0 : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2xf32>
  return %1 : tensor<2xf32>
}
