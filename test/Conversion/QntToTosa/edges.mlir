// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt --tosa-attach-target="profiles=pro_int,pro_fp extensions=doubleround" --tosa-validate=strict-op-spec-alignment -split-input-file -o /dev/null

// qnt.requantize carries its own multiplier and shift: TFLite exponent -1 is
// TOSA shift 32.
// CHECK-LABEL: func.func @requantize
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1717986918> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<32> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-77> : tensor<1xi8>}>
// CHECK: tosa.rescale %arg0, %[[M]], %[[S]], %[[IZP]], %[[OZP]] {{.*}}rounding_mode = DOUBLE_ROUND
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.00784313725490196:-1>>) -> tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>> {
  %0 = qnt.requantize %x {multiplier = 1717986918 : i32, shift = -1 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.00784313725490196:-1>>) -> tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>
}

// -----

// At the float edges: quantize multiplies by 1 / 0.5 = 2, rounds half away
// from zero (floor(|y| + 0.5) with the sign put back), adds the zero point 3
// and clamps to [-128, 127]; dequantize is (q - (-2)) * 0.25 in float.
// CHECK-LABEL: func.func @edges
// CHECK: %[[INV:.*]] = "tosa.const"() <{values = dense<2.000000e+00> : tensor<1xf32>}>
// CHECK: %[[Y:.*]] = tosa.mul %arg0, %[[INV]]
// CHECK: %[[A:.*]] = tosa.abs %[[Y]]
// CHECK: %[[H:.*]] = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1xf32>}>
// CHECK: %[[AH:.*]] = tosa.add %[[A]], %[[H]]
// CHECK: %[[F:.*]] = tosa.floor %[[AH]]
// CHECK: %[[NEG:.*]] = tosa.greater %{{.*}}, %[[Y]]
// CHECK: %[[NF:.*]] = tosa.negate %[[F]]
// CHECK: %[[R:.*]] = tosa.select %[[NEG]], %[[NF]], %[[F]]
// CHECK: %[[ZP:.*]] = "tosa.const"() <{values = dense<3.000000e+00> : tensor<1xf32>}>
// CHECK: %[[RZ:.*]] = tosa.add %[[R]], %[[ZP]]
// CHECK: %[[C:.*]] = tosa.clamp %[[RZ]] {max_val = 1.270000e+02 : f32, min_val = -1.280000e+02 : f32, nan_mode = IGNORE}
// CHECK: %[[Q:.*]] = tosa.cast %[[C]] : (tensor<4xf32>) -> tensor<4xi8>
// CHECK: %[[RQ:.*]] = tosa.rescale %[[Q]]
// CHECK: %[[D:.*]] = tosa.cast %[[RQ]] : (tensor<4xi8>) -> tensor<4xf32>
// CHECK: %[[DZP:.*]] = "tosa.const"() <{values = dense<-2.000000e+00> : tensor<1xf32>}>
// CHECK: %[[DS:.*]] = tosa.sub %[[D]], %[[DZP]]
// CHECK: %[[SC:.*]] = "tosa.const"() <{values = dense<2.500000e-01> : tensor<1xf32>}>
// CHECK: tosa.mul %[[DS]], %[[SC]]
func.func @edges(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = qnt.quantize %x : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:3>>
  %r = qnt.requantize %q {multiplier = 1073741824 : i32, shift = 2 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-2>>
  %d = qnt.dequantize %r : (tensor<4x!quant.uniform<i8:f32, 0.25:-2>>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}
