// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --import-tflite %t.tflite | qnt-opt --quantize-int8 | FileCheck %s

// A quantization-aware-trained model carries its ranges as min/max on the
// TFLite tensors. They survive export and import (as qnt.fake_quant) and the
// int8 pipeline quantizes with them, with no calibration: input [-1, 3] is
// 4/255, zero point round(-128 + 63.75) = -64; the conv output [0, 6] is
// 6/255, -128.
// CHECK-LABEL: func.func @main
// CHECK: qnt.quantize %arg0 {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: qnt.conv_2d {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.023529411764705{{[0-9]*}}:-128>>
// CHECK-NOT: qnt.fake_quant
func.func @main(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.fake_quant %arg0 {min = -1.0, max = 3.0, num_bits = 8 : i32} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = qnt.fake_quant %0 {min = 0.0, max = 6.0, num_bits = 8 : i32} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
