// RUN: qnt-opt %s --qnt-prepare-quantize --qnt-propagate-quantize | FileCheck %s
// RUN: qnt-opt %s --quantize-int8 | FileCheck %s --check-prefix=INT8

// Max pooling with padding TFLite's SAME does not express pads with
// -FLT_MAX. The pad value takes the input's parameters (range [-1, 1]:
// scale 2/255, zero point -1) by being quantized with them directly, where
// saturation makes it -128; requantizing it from its own parameters would
// need a multiplier of about 1e38 / 0.0078.
// CHECK-LABEL: func.func @max_pool_pad_value
// CHECK: %[[C:.*]] = qnt.const dense<-3.40282347E+38> : tensor<f32>
// CHECK-NEXT: %[[Q:.*]] = qnt.quantize %[[C]] : (tensor<f32>) -> tensor<!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
// CHECK-NEXT: %[[D:.*]] = qnt.dequantize %[[Q]]
// CHECK-NEXT: qnt.pad_v2 %{{.*}}, %{{.*}}, %[[D]]
// CHECK-NOT: !quant.uniform<i8:f32, {{[0-9.]+}}E+{{[0-9]+}}
// INT8-LABEL: func.func @max_pool_pad_value
// INT8: qnt.const dense<-128> : tensor<i8> -> tensor<!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
// INT8-NOT: E+{{[0-9]+}}:
func.func @max_pool_pad_value(%arg0: tensor<1x2x2x1xf32>) -> tensor<1x1x1x1xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %p = qnt.const dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi32>
  %c = qnt.const dense<-3.40282347E+38> : tensor<f32>
  %0 = qnt.pad_v2 %in, %p, %c : (tensor<1x2x2x1xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x4x4x1xf32>
  %1 = qnt.stats %0 {min = -3.40282347E+38, max = 1.0} : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %2 = qnt.max_pool_2d %1 {filter_h = 3 : i32, filter_w = 3 : i32, padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x4x4x1xf32>) -> tensor<1x1x1x1xf32>
  %3 = qnt.stats %2 {min = -1.0, max = 1.0} : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  return %3 : tensor<1x1x1x1xf32>
}
