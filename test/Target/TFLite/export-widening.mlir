// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: %python %S/Inputs/dump_tflite.py %t.tflite | FileCheck %s --check-prefix=FILE
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s

// TFLite's QUANTIZE kernel refuses an int8 input with an int16 output, so a
// widening (the input edge of an int16 layer in an int8 model) is written as
// DEQUANTIZE (code 6, version 2 for int8) to a float tensor, then QUANTIZE
// (code 114, version 2 for an int16 output). The narrowing back to int8 is
// one QUANTIZE, which the kernel takes.
// FILE: opcode 0: builtin_code=6 deprecated_builtin_code=6 version=2
// FILE: opcode 1: builtin_code=114 deprecated_builtin_code=114 version=2
// FILE: opcode 2: builtin_code=114 deprecated_builtin_code=114 version=1
// FILE: tensor 1 'x_dequantized': type=0 shape=[4] buffer=0
// FILE: tensor 2 'wide': type=7
// FILE: tensor 3 'narrow': type=9
// FILE: operator 0: opcode=0 inputs=[0] outputs=[1]
// FILE: operator 1: opcode=1 inputs=[1] outputs=[2]
// FILE: operator 2: opcode=2 inputs=[2] outputs=[3]
// CHECK: %[[F:.*]] = qnt.dequantize %arg0 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01:3>>) -> tensor<4xf32>
// CHECK: %[[W:.*]] = qnt.quantize %[[F]] : (tensor<4xf32>) -> tensor<4x!quant.uniform<i16:f32, 3.906250e-03>>
// CHECK: qnt.quantize %[[W]] : (tensor<4x!quant.uniform<i16:f32, 3.906250e-03>>) -> tensor<4x!quant.uniform<i8:f32, 2.500000e-01>>
func.func @main(%arg0: tensor<4x!quant.uniform<i8:f32, 0.5:3>> loc("x")) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %0 = qnt.quantize %arg0 : (tensor<4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x!quant.uniform<i16:f32, 0.00390625>> loc("wide")
  %1 = qnt.quantize %0 : (tensor<4x!quant.uniform<i16:f32, 0.00390625>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> loc("narrow")
  return %1 : tensor<4x!quant.uniform<i8:f32, 0.25>>
}
