// RUN: qnt-opt %s --qnt-prepare-quantize --qnt-propagate-quantize -split-input-file | FileCheck %s

// Bias: int32, zero point 0, scale input_scale * weight_scale per channel:
// (4/255) * (2/127) = 2.4702794e-4 and (4/255) * (0.5/127) = 6.1756986e-5.
// CHECK-LABEL: func.func @bias
// CHECK: qnt.quantize %{{.*}} : (tensor<2xf32>) -> tensor<2x!quant.uniform<i32:f32:0, {2.47027945036{{[0-9]*}}E-4,6.17569862590{{[0-9]*}}E-5}>>
func.func @bias(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Softmax results have the fixed parameters (1/256, -128), whatever was
// calibrated.
// CHECK-LABEL: func.func @softmax
// CHECK: qnt.softmax
// CHECK-NEXT: qnt.quantize %{{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 3.906250e-03:-128>>
func.func @softmax(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %in = qnt.stats %arg0 {min = -5.0, max = 5.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %0 = qnt.softmax %in : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 0.9} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}

// -----

// Max pooling and reshape take their input's parameters (range [-1, 1]:
// scale 2/255, zero point -1), dropping their own calibrated ranges.
// CHECK-LABEL: func.func @same_scale
// CHECK: qnt.max_pool_2d
// CHECK-NEXT: qnt.quantize %{{.*}} -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
// CHECK: qnt.reshape
// CHECK-NEXT: qnt.quantize %{{.*}} -> tensor<2x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
func.func @same_scale(%arg0: tensor<1x2x2x2xf32>) -> tensor<2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %0 = qnt.max_pool_2d %in {filter_h = 2 : i32, filter_w = 2 : i32, padding = #qnt.padding<valid>} : (tensor<1x2x2x2xf32>) -> tensor<1x1x1x2xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 0.5} : (tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  %2 = qnt.reshape %1 : (tensor<1x1x1x2xf32>) -> tensor<2xf32>
  %3 = qnt.stats %2 {min = 0.0, max = 0.5} : (tensor<2xf32>) -> tensor<2xf32>
  return %3 : tensor<2xf32>
}

// -----

// Concatenation keeps its own range [-1, 4] (scale 5/255, zero point -77).
// Input %a, [-1, 1] (zero point -1), is also returned, so it keeps its
// parameters and is requantized to the concatenation's explicitly. Input
// %b, [0, 4], is read by the concatenation only, so it is quantized with
// the concatenation's parameters directly: no requantize.
// CHECK-LABEL: func.func @concat
// CHECK-DAG: %[[A:.*]] = qnt.quantize %arg0 : (tensor<1x2xf32>) -> tensor<1x2x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
// CHECK-DAG: %[[B:.*]] = qnt.quantize %arg1 : (tensor<1x2xf32>) -> tensor<1x2x!quant.uniform<i8:f32, 0.019607843137254{{[0-9]*}}:-77>>
// CHECK-DAG: %[[RA:.*]] = qnt.quantize %[[A]] : (tensor<1x2x!quant.uniform<i8:f32, 0.0078{{.*}}:-1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.019607843137254{{[0-9]*}}:-77>>
// CHECK-DAG: %[[DA:.*]] = qnt.dequantize %[[RA]]
// CHECK-DAG: %[[DB:.*]] = qnt.dequantize %[[B]]
// CHECK: qnt.concatenation %[[DA]], %[[DB]]
// CHECK-NOT: qnt.quantize %[[B]]
func.func @concat(%arg0: tensor<1x2xf32>, %arg1: tensor<1x2xf32>) -> (tensor<1x4xf32>, tensor<1x2xf32>) {
  %a = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %b = qnt.stats %arg1 {min = 0.0, max = 4.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %0 = qnt.concatenation %a, %b {axis = 1 : i32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  %1 = qnt.stats %0 {min = -1.0, max = 4.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1, %a : tensor<1x4xf32>, tensor<1x2xf32>
}

// -----

// The adoption walks back through reshape (same scale, read once) to the
// relu that produces the value: both take the concatenation's parameters
// [-2, 2] (4/255, zero point -1), and no requantize is inserted.
// CHECK-LABEL: func.func @concat_through_reshape
// CHECK: qnt.relu
// CHECK-NEXT: qnt.quantize %{{.*}} -> tensor<2x1x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-1>>
// CHECK: qnt.reshape
// CHECK-NEXT: qnt.quantize %{{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-1>>
// CHECK-NOT: qnt.quantize %{{[0-9a-z]+}} : (tensor<{{[0-9x]+}}x!quant
func.func @concat_through_reshape(%arg0: tensor<2x1xf32>, %arg1: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %in = qnt.stats %arg0 {min = -2.0, max = 2.0} : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %r = qnt.relu %in : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %rs = qnt.stats %r {min = 0.0, max = 2.0} : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %s = qnt.reshape %rs : (tensor<2x1xf32>) -> tensor<1x2xf32>
  %ss = qnt.stats %s {min = 0.0, max = 2.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %b = qnt.stats %arg1 {min = -2.0, max = 1.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %0 = qnt.concatenation %ss, %b {axis = 1 : i32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  %1 = qnt.stats %0 {min = -2.0, max = 2.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}
