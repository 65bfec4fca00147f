// RUN: qnt-opt %s --qnt-quantize-dynamic-range=min-elements=4 -split-input-file | FileCheck %s
// RUN: qnt-opt %s --qnt-quantize-dynamic-range -split-input-file | FileCheck %s --check-prefix=DEFAULT

// Conv weights per channel: channel 0 {1, -2} scale 2/127 -> 64, -127;
// channel 1 {0.5, 0.25} scale 0.5/127 -> 127, 64. Input, bias and result
// stay f32 (hybrid kernel).
// CHECK-LABEL: func.func @conv
// CHECK: %[[W:.*]] = qnt.const dense<{{\[\[\[\[}}64, -127]]], {{\[\[\[}}127, 64]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.015748031496062{{[0-9]*}},0.0039370078740157{{[0-9]*}}}>>
// CHECK: qnt.conv_2d %arg0, %[[W]], %{{.*}} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2x!quant.uniform{{.*}}>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// Below the default threshold of 1024 elements the weights stay float.
// DEFAULT-LABEL: func.func @conv
// DEFAULT: qnt.conv_2d %arg0, %{{.*}}, %{{.*}} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
func.func @conv(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %arg0, %w, %b : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// Fully connected and batch matmul: per tensor, scale 2/127, stored 64,
// -32, 16, 127; both quantize their inputs asymmetrically.
// CHECK-LABEL: func.func @matmuls
// CHECK: %[[W:.*]] = qnt.const dense<{{\[\[}}64, -32], [16, 127]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32, 0.015748031496062{{[0-9]*}}>>
// CHECK: qnt.fully_connected %arg0, %[[W]] {asymmetric_quantize_inputs} : (tensor<1x2xf32>, {{.*}}) -> tensor<1x2xf32>
// CHECK: %[[Y:.*]] = qnt.const dense<{{\[\[}}64, -32], [16, 127]]> : tensor<2x2xi8>
// CHECK: qnt.batch_matmul %arg0, %[[Y]] {asymmetric_quantize_inputs} : (tensor<1x2xf32>, {{.*}}) -> tensor<1x2xf32>
func.func @matmuls(%arg0: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %w = qnt.const dense<[[1.0, -0.5], [0.25, 2.0]]> : tensor<2x2xf32>
  %0 = qnt.fully_connected %arg0, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %1 = qnt.batch_matmul %arg0, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %0, %1 : tensor<1x2xf32>, tensor<1x2xf32>
}
