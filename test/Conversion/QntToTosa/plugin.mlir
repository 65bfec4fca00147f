// Debian's mlir-opt runs the conversion from qnt's plugins.
// RUN: %upstream_mlir_opt %s --load-dialect-plugin=%qnt_lib_dir/QntDialectPlugin%shlibext --load-pass-plugin=%qnt_lib_dir/QntPassPlugin%shlibext --pass-pipeline='builtin.module(convert-qnt-to-tosa)' | FileCheck %s

// Requantizing by 0.5 / 0.25 = 2 = 0.5 * 2^2: multiplier 2^30, TOSA shift 29.
// CHECK-LABEL: func.func @requantize
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<29> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<3> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-2> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[X]], %[[M]], %[[S]], %[[IZP]], %[[OZP]]
// CHECK-NOT: qnt.
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-2>> {
  %0 = qnt.quantize %x : (tensor<4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-2>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25:-2>>
}
