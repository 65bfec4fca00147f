// RUN: qnt-opt %s --quantize-int16x8 -split-input-file | FileCheck %s
// RUN: not qnt-opt %s --quantize-int16x8="fallback=false" -split-input-file 2>&1 | FileCheck %s --check-prefix=NOFALLBACK

// 16-bit activations are symmetric with zero point 0: input [-1, 3] has
// scale 3/32767 = 9.1555528e-5. Weights stay int8 per channel (2/127,
// 0.5/127); biases are int32 with scales 9.1555528e-5 * 2/127 =
// 1.4418193e-6 and 9.1555528e-5 * 0.5/127 = 3.6045484e-7: 0.5 -> 346784.08
// -> 346784, -0.1 -> -277427.27 -> -277427. Output [0, 6]: 6/32767.
// CHECK-LABEL: func.func @conv
// CHECK-DAG: qnt.quantize %arg0 : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!quant.uniform<i16:f32, 9.15555284279{{[0-9]*}}E-5>>
// CHECK-DAG: qnt.const dense<{{\[\[\[\[}}64, -127]]], {{\[\[\[}}127, 64]]]]> : tensor<2x1x1x2xi8>
// CHECK-DAG: qnt.const dense<[346784, -277427]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.44181934532{{[0-9]*}}E-6,3.60454836330{{[0-9]*}}E-7}>>
// CHECK: qnt.conv_2d {{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 1.83111056855{{[0-9]*}}E-4>>
// NOFALLBACK-NOT: @conv
func.func @conv(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Softmax has fixed 16-bit parameters (1/32768, 0). Hard swish has no
// 16-bit kernel: it stays float between a dequantize and a quantize, or,
// with fallback=false, is an error naming it.
// CHECK-LABEL: func.func @fallback
// CHECK: qnt.softmax {{.*}} -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>
// CHECK: %[[F:.*]] = qnt.dequantize
// CHECK: qnt.hard_swish %[[F]] : (tensor<1x4xf32>) -> tensor<1x4xf32>
// NOFALLBACK: error: {{.*}}qnt.hard_swish
func.func @fallback(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %0 = qnt.softmax %in : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %2 = qnt.hard_swish %1 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %3 = qnt.stats %2 {min = -0.5, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %3 : tensor<1x4xf32>
}
