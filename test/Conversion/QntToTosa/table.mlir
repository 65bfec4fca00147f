// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

// LOGISTIC with input scale 1/16: table entry i holds the output for the
// input i - 128. Input 0 (entry 128): sigmoid(0) * 256 - 128 = 0. Input 16
// (x = 1, entry 144): round(0.7310586 * 256) = 187, - 128 = 59. Input -16
// (entry 112): round(0.2689414 * 256) = 69 -> -59. The ends: sigmoid(-8) *
// 256 = 0.086 -> -128; sigmoid(7.9375) * 256 = 255.9 -> 256 - 128, clamped
// to 127.
// CHECK-LABEL: func.func @logistic
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<[-128, {{(-?[0-9]+, ){111}-59, (-?[0-9]+, ){15}0, (-?[0-9]+, ){15}59, (-?[0-9]+, ){110}127}}]> : tensor<256xi8>}>
// CHECK: tosa.table %arg0, %[[T]] : (tensor<8xi8>, tensor<256xi8>) -> tensor<8xi8>
func.func @logistic(%x: tensor<8x!quant.uniform<i8:f32, 0.0625>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>> {
  %0 = qnt.logistic %x : (tensor<8x!quant.uniform<i8:f32, 0.0625>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// TANH with input scale 1/32 and zero point 0: input 32 (x = 1, entry 160):
// round(0.7615942 * 128) = 97; input -32 (entry 96): -97; input 0: 0.
// CHECK-LABEL: func.func @tanh
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<[{{(-?[0-9]+, ){96}-97, (-?[0-9]+, ){31}0, (-?[0-9]+, ){31}97}}, {{.*}}]> : tensor<256xi8>}>
// CHECK: tosa.table %arg0, %[[T]]
func.func @tanh(%x: tensor<8x!quant.uniform<i8:f32, 0.03125>>) -> tensor<8x!quant.uniform<i8:f32, 0.0078125>> {
  %0 = qnt.tanh %x : (tensor<8x!quant.uniform<i8:f32, 0.03125>>) -> tensor<8x!quant.uniform<i8:f32, 0.0078125>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.0078125>>
}
