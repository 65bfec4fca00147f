// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: %python %S/Inputs/dump_tflite.py %t.tflite | FileCheck %s --check-prefix=FILE
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s

// A 16x8 conv's bias is int32 in qnt (upstream quantized storage stops at 32
// bits) and INT64 in the file, as TFLite's 16x8 kernels want it: 8 bytes per
// value (type 4 is INT64), -3 sign-extended (otherwise it would not read
// back within 32 bits). The importer narrows it back to 32-bit storage.
// FILE: buffer 2: 16 bytes
// FILE: tensor 2 'bias': type=4 shape=[2] buffer=2
// CHECK: qnt.const dense<[70000, -3]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {9.99999974{{[0-9]*}}E-5,1.99999994{{[0-9]*}}E-4}>>
func.func @main(%arg0: tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>> {
  %w = qnt.const dense<[[[[10, 20]]], [[[-30, 40]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
  %b = qnt.const dense<[70000, -3]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>> loc("bias")
  %0 = qnt.conv_2d %arg0, %w, %b : (tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>, tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
  return %0 : tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
}
