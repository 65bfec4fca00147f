// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s

// A requantize is written as TFLite's QUANTIZE between two quantized types
// (the runtime derives the same multiplier and shift from the scales) and
// reads back as qnt.quantize.
// CHECK: func.func @main
// CHECK: qnt.quantize %{{.*}} : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01>>) -> tensor<4x!quant.uniform<i8:f32, 2.500000e-01:3>>
// CHECK-NOT: qnt.requantize
func.func @main(%arg0: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:3>> {
  %0 = qnt.requantize %arg0 {multiplier = 1073741824 : i32, shift = 2 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:3>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25:3>>
}
