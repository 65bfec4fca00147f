// The elementwise math ops survive export and import: float EXP, LOG, SQRT,
// RSQRT, ABS, NEG, ELU, broadcasting SQUARED_DIFFERENCE and POW, and the
// quantized forms TFLite has kernels for (int8 ABS, RSQRT,
// SQUARED_DIFFERENCE; int16 ABS) with their scales and zero points.
// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK: %[[E:.*]] = qnt.exp %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[L:.*]] = qnt.log %[[E]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[S:.*]] = qnt.sqrt %[[L]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[R:.*]] = qnt.rsqrt %[[S]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[A:.*]] = qnt.abs %[[R]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[N:.*]] = qnt.neg %[[A]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[U:.*]] = qnt.elu %[[N]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[D:.*]] = qnt.squared_difference %[[U]], %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.pow %[[D]], %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @main(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = qnt.exp %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = qnt.log %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = qnt.sqrt %1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = qnt.rsqrt %2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = qnt.abs %3 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = qnt.neg %4 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = qnt.elu %5 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = qnt.squared_difference %6, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %8 = qnt.pow %7, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %8 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @quantized(
// CHECK: qnt.abs %arg0 : (tensor<8x!quant.uniform<i8:f32, 6.250000e-02:-10>>) -> tensor<8x!quant.uniform<i8:f32, 3.125000e-02:-128>>
// CHECK: qnt.rsqrt %arg0 : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 3.125000e-02:-128>>
// CHECK: qnt.squared_difference %arg0, %arg1 : (tensor<8x!quant.uniform<i8:f32, 6.250000e-02:-10>>, tensor<1x!quant.uniform<i8:f32, 1.250000e-01:3>>) -> tensor<8x!quant.uniform<i8:f32, 2.500000e-01:-128>>
// CHECK: qnt.abs %arg2 : (tensor<8x!quant.uniform<i16:f32, 9.765625E-4>>) -> tensor<8x!quant.uniform<i16:f32, 4.8828125E-4>>
func.func @quantized(%x: tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>,
                     %y: tensor<1x!quant.uniform<i8:f32, 0.125:3>>,
                     %z: tensor<8x!quant.uniform<i16:f32, 0.0009765625>>)
    -> (tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>, tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>,
        tensor<8x!quant.uniform<i8:f32, 0.25:-128>>, tensor<8x!quant.uniform<i16:f32, 0.00048828125>>) {
  %0 = qnt.abs %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>
  %1 = qnt.rsqrt %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>
  %2 = qnt.squared_difference %x, %y : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>, tensor<1x!quant.uniform<i8:f32, 0.125:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.25:-128>>
  %3 = qnt.abs %z : (tensor<8x!quant.uniform<i16:f32, 0.0009765625>>) -> tensor<8x!quant.uniform<i16:f32, 0.00048828125>>
  return %0, %1, %2, %3 : tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>, tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>,
                          tensor<8x!quant.uniform<i8:f32, 0.25:-128>>, tensor<8x!quant.uniform<i16:f32, 0.00048828125>>
}
