// RUN: qnt-opt %s --qnt-post-quantize -split-input-file | FileCheck %s

// An op kept float reads its int32 bias as a float constant again: TFLite's
// DEQUANTIZE does not take INT32. Per channel: (100 - 0) * 0.5 = 50 and
// (-50 - 0) * 0.25 = -12.5. The int8 weights keep their dequantize, which
// TFLite runs.
// CHECK-LABEL: func.func @float_op_bias
// CHECK-DAG: %[[B:.*]] = qnt.const dense<[5.000000e+01, -1.250000e+01]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = qnt.dequantize %{{.*}} : (tensor<2x2x!quant.uniform<i8:f32, 1.000000e-01>>) -> tensor<2x2xf32>
// CHECK: qnt.fully_connected %arg0, %[[W]], %[[B]]
// CHECK-NOT: i32
func.func @float_op_bias(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %wq = qnt.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.1>>
  %w = qnt.dequantize %wq : (tensor<2x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x2xf32>
  %bq = qnt.const dense<[100, -50]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {0.5,0.25}>>
  %b = qnt.dequantize %bq : (tensor<2x!quant.uniform<i32:f32:0, {0.5,0.25}>>) -> tensor<2xf32>
  %y = qnt.fully_connected %x, %w, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// A per-tensor int32 constant with a zero point: (7 - 3) * 0.25 = 1.
// CHECK-LABEL: func.func @per_tensor
// CHECK: qnt.const dense<1.000000e+00> : tensor<1xf32>
// CHECK-NOT: qnt.dequantize
func.func @per_tensor() -> tensor<1xf32> {
  %q = qnt.const dense<[7]> : tensor<1xi32> -> tensor<1x!quant.uniform<i32:f32, 0.25:3>>
  %f = qnt.dequantize %q : (tensor<1x!quant.uniform<i32:f32, 0.25:3>>) -> tensor<1xf32>
  return %f : tensor<1xf32>
}
