// RUN: qnt-opt %s --quantize-int8 -split-input-file | FileCheck %s
// RUN: qnt-opt %s --quantize-int8="per-channel-fc=false" -split-input-file | FileCheck %s --check-prefix=FCT

// The int8 pipeline on each kind of op. Numbers are derived by hand:
// activations [lo, hi] get scale (hi - lo) / 255 and zero point
// round(-128 - lo / scale); weights get max|w| / 127 per channel.

// Depthwise: per-channel weights on axis 3 of the 1HWC filter. Input [-1, 1]:
// 2/255, zp round(-0.5) = -1. Channel 0 {0.5, 0.25}: scale 0.5/127, stored
// 127, 64; channel 1 {-2, 1}: scale 2/127, stored -127, 64. Bias scales
// (2/255)(0.5/127) = 3.0878493e-5 and (2/255)(2/127) = 1.2351397e-4:
// 0.11 -> 3562.35 -> 3562, 0.3 -> 2428.875 -> 2429. Output [-2, 2]: 4/255, -1.
// CHECK-LABEL: func.func @depthwise
// CHECK-DAG: qnt.const dense<{{\[\[\[\[}}127, -127], [64, 64]]]]> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!quant.uniform<i8<-127:127>:f32:3, {0.0039370078740157{{[0-9]*}},0.015748031496062{{[0-9]*}}}>>
// CHECK-DAG: qnt.const dense<[3562, 2429]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {3.08784931295{{[0-9]*}}E-5,1.23513972518{{[0-9]*}}E-4}>>
// CHECK: qnt.depthwise_conv_2d {{.*}} : (tensor<1x2x2x2x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>, {{.*}}) -> tensor<1x2x1x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-1>>
func.func @depthwise(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x1x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[0.5, -2.0], [0.25, 1.0]]]]> : tensor<1x1x2x2xf32>
  %b = qnt.const dense<[0.11, 0.3]> : tensor<2xf32>
  %0 = qnt.depthwise_conv_2d %in, %w, %b {padding = #qnt.padding<valid>} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>, tensor<2xf32>) -> tensor<1x2x1x2xf32>
  %1 = qnt.stats %0 {min = -2.0, max = 2.0} : (tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  return %1 : tensor<1x2x1x2xf32>
}

// -----

// Fully connected. Input [0, 4]: 4/255, -128. Per channel (default): row 0
// {1, -0.5} scale 1/127 stored 127, -64 (63.5 rounds away from zero); row 1
// {0.25, 2} scale 2/127 stored 16, 127; bias 1.0 / ((4/255)(1/127)) =
// 8096.25 -> 8096 and 1.0 / ((4/255)(2/127)) = 4048.125 -> 4048. Per tensor:
// scale 2/127, stored 64, -32, 16, 127, bias 4048 for both. Output [-3, 5]:
// 8/255, zp round(-128 + 95.625) = -32.
// CHECK-LABEL: func.func @fully_connected
// CHECK-DAG: qnt.const dense<{{\[\[}}127, -64], [16, 127]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {0.0078740157480314{{[0-9]*}},0.015748031496062{{[0-9]*}}}>>
// CHECK-DAG: qnt.const dense<[8096, 4048]> : tensor<2xi32>
// CHECK: qnt.fully_connected {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.031372549019607{{[0-9]*}}:-32>>
// FCT-LABEL: func.func @fully_connected
// FCT-DAG: qnt.const dense<{{\[\[}}64, -32], [16, 127]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32, 0.015748031496062{{[0-9]*}}>>
// FCT-DAG: qnt.const dense<4048> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 2.47027945036{{[0-9]*}}E-4>>
func.func @fully_connected(%arg0: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %in = qnt.stats %arg0 {min = 0.0, max = 4.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %w = qnt.const dense<[[1.0, -0.5], [0.25, 2.0]]> : tensor<2x2xf32>
  %b = qnt.const dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = qnt.fully_connected %in, %w, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %1 = qnt.stats %0 {min = -3.0, max = 5.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  return %1 : tensor<1x2xf32>
}

// -----

// Add and mul take inputs of different scales as they are (the integer
// kernels rescale internally): a [-1, 1] is 2/255, -1; b [0, 8] is 8/255,
// -128; a + b [-1, 9] is 10/255, zp round(-128 + 25.5) = -103 (-102.5 rounds
// away from zero); a * b [-8, 8] is 16/255, -1.
// CHECK-LABEL: func.func @add_mul
// CHECK-DAG: %[[A:.*]] = qnt.quantize %arg0 {{.*}} -> tensor<4x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
// CHECK-DAG: %[[B:.*]] = qnt.quantize %arg1 {{.*}} -> tensor<4x!quant.uniform<i8:f32, 0.031372549019607{{[0-9]*}}:-128>>
// CHECK-DAG: qnt.add %[[A]], %[[B]] {{.*}} -> tensor<4x!quant.uniform<i8:f32, 0.039215686274509{{[0-9]*}}:-103>>
// CHECK-DAG: qnt.mul %[[A]], %[[B]] {{.*}} -> tensor<4x!quant.uniform<i8:f32, 0.062745098039215{{[0-9]*}}:-1>>
func.func @add_mul(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %b = qnt.stats %arg1 {min = 0.0, max = 8.0} : (tensor<4xf32>) -> tensor<4xf32>
  %0 = qnt.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.stats %0 {min = -1.0, max = 9.0} : (tensor<4xf32>) -> tensor<4xf32>
  %2 = qnt.mul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = qnt.stats %2 {min = -8.0, max = 8.0} : (tensor<4xf32>) -> tensor<4xf32>
  return %1, %3 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Logistic has a fixed output (1/256, -128) whatever its statistics say.
// Max pooling and reshape share their input's parameters ([-2, 6]: 8/255,
// zp round(-128 + 63.75) = -64) and ignore their own statistics.
// CHECK-LABEL: func.func @fixed_and_shared
// CHECK: qnt.logistic {{.*}} -> tensor<1x2x2x1x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: %[[P:.*]] = qnt.max_pool_2d {{.*}} -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.031372549019607{{[0-9]*}}:-64>>
// CHECK: qnt.reshape %[[P]] {{.*}} -> tensor<1x!quant.uniform<i8:f32, 0.031372549019607{{[0-9]*}}:-64>>
func.func @fixed_and_shared(%arg0: tensor<1x2x2x1xf32>) -> (tensor<1x2x2x1xf32>, tensor<1xf32>) {
  %in = qnt.stats %arg0 {min = -2.0, max = 6.0} : (tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %0 = qnt.logistic %in : (tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %1 = qnt.stats %0 {min = 0.1, max = 0.9} : (tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %2 = qnt.max_pool_2d %in {filter_h = 2 : i32, filter_w = 2 : i32, padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x2x2x1xf32>) -> tensor<1x1x1x1xf32>
  %3 = qnt.stats %2 {min = -1.0, max = 5.0} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  %4 = qnt.reshape %3 : (tensor<1x1x1x1xf32>) -> tensor<1xf32>
  %5 = qnt.stats %4 {min = 0.0, max = 4.0} : (tensor<1xf32>) -> tensor<1xf32>
  return %1, %5 : tensor<1x2x2x1xf32>, tensor<1xf32>
}
