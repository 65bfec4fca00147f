// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: %python %S/Inputs/dump_tflite.py %t.tflite | FileCheck %s --check-prefix=FILE
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s
// RUN: not qnt-translate --export-tflite %S/Inputs/bias-bits-errors.mlir -o %t.bad.tflite 2>&1 | FileCheck %s --check-prefix=ERR

// A 16x8 bias marked qnt.bias_bits = 32 is written INT32 (type 2, 4 bytes
// per value), the unmarked one INT64 (type 4, 8 bytes). Reading the file
// back marks the INT32 one again, so the choice survives a round trip.
// FILE: buffer 2: 8 bytes
// FILE: buffer 4: 16 bytes
// FILE: tensor 2 'bias32': type=2 shape=[2] buffer=2
// FILE: tensor 5 'bias64': type=4 shape=[2] buffer=4
// CHECK: qnt.const {qnt.bias_bits = 32 : i64} dense<[70000, -3]> : tensor<2xi32>
// CHECK: qnt.const dense<[5, -6]> : tensor<2xi32>
// ERR: error: 'qnt.const' op cannot be written to TFLite: qnt.bias_bits applies only to the quantized bias of 16x8 ops
func.func @main(%arg0: tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>> {
  %w = qnt.const dense<[[[[10, 20]]], [[[-30, 40]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
  %b = qnt.const {qnt.bias_bits = 32 : i64} dense<[70000, -3]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>> loc("bias32")
  %0 = qnt.conv_2d %arg0, %w, %b : (tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>, tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>
  %w2 = qnt.const dense<[[[[1, 2]]], [[[-3, 4]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
  %b2 = qnt.const dense<[5, -6]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>> loc("bias64")
  %1 = qnt.conv_2d %0, %w2, %b2 : (tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>, tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
  return %1 : tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
}
