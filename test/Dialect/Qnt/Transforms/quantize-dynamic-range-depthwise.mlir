// RUN: qnt-opt %s --qnt-quantize-dynamic-range="min-elements=4 per-channel=false" | FileCheck %s

// TFLite's hybrid depthwise kernel reads one scale per channel, so depthwise
// weights are per channel even with per-channel=false (max |w| 2 and 0.5:
// scales 2/127 and 0.5/127), while conv weights follow the option (one
// scale, 2/127).
// CHECK: qnt.const dense<{{\[\[\[\[}}127, 127], [127, 127]], {{\[\[}}-64, -127], [-64, -127]]]]> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32:3, {0.015748031496062992,0.003937007874015748}>>
// CHECK: qnt.depthwise_conv_2d
// CHECK: qnt.const dense<{{\[\[\[\[}}127, 32]]], {{\[\[\[}}-64, 95]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.015748031496062992>>
// CHECK: qnt.conv_2d
func.func @main(%x: tensor<1x3x3x2xf32>) -> tensor<1x2x2x2xf32> {
  %wd = qnt.const dense<[[[[2.0, 0.5], [2.0, 0.5]], [[-1.0, -0.5], [-1.0, -0.5]]]]> : tensor<1x2x2x2xf32>
  %0 = qnt.depthwise_conv_2d %x, %wd {padding = #qnt.padding<valid>} : (tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %wc = qnt.const dense<[[[[2.0, 0.5]]], [[[-1.0, 1.5]]]]> : tensor<2x1x1x2xf32>
  %1 = qnt.conv_2d %0, %wc : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
