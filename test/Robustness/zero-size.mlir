// Zero-size tensors: a convolution with no output channels (filter
// [0, 1, 1, 1]) quantizes, prints as text that parses again, and exports.
// Its weights cannot be per-channel (no channel to carry a scale) and take
// one per-tensor scale: the 1e-6 minimum magnitude over 127.
// RUN: qnt-opt %s --quantize-int8 | qnt-opt | FileCheck %s
// RUN: qnt-opt %s --quantize-int8 | qnt-translate --export-tflite | qnt-translate --import-tflite | FileCheck %s --check-prefix=TFLITE
// CHECK: qnt.const dense<> : tensor<0x1x1x1xi8> -> tensor<0x1x1x1x!quant.uniform<i8<-127:127>:f32, 7.874015748031{{[0-9]*}}E-9>>
// CHECK: qnt.conv_2d
// TFLITE: qnt.conv_2d {{.*}} -> tensor<1x2x2x0x!quant.uniform<i8:f32
func.func @main(%arg0: tensor<1x2x2x1xf32>) -> tensor<1x2x2x0xf32> {
  %in = qnt.stats %arg0 {min = -1.0 : f64, max = 1.0 : f64} : (tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %w = qnt.const dense<> : tensor<0x1x1x1xf32>
  %0 = qnt.conv_2d %in, %w : (tensor<1x2x2x1xf32>, tensor<0x1x1x1xf32>) -> tensor<1x2x2x0xf32>
  %1 = qnt.stats %0 {min = 0.0 : f64, max = 1.0 : f64} : (tensor<1x2x2x0xf32>) -> tensor<1x2x2x0xf32>
  return %1 : tensor<1x2x2x0xf32>
}
