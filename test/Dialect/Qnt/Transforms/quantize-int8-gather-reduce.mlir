// RUN: qnt-opt %s --quantize-int8 | FileCheck %s

// space_to_depth, gather, reduce_max and reduce_min have no statistics of
// their own here: they take the input's parameters (range [-1, 3]: scale
// 4/255, zero point -64). sum's own range [-12, 12] gets room for its 8
// rounded terms (4 input steps, 16/255, per side) and one output step
// (1/254 of the widened range): +-(12 + 16/255) * 255/254, so scale
// 0.0953547 and zero point -128 + 127.5 rounded away from zero, -1. TFLite's
// SUM would wrap, not saturate, above the range. arg_max reads the int8
// tensor and writes int32, returned as it is.
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = qnt.quantize %arg0 : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: %[[S:.*]] = qnt.space_to_depth %[[X]] {{.*}} -> tensor<1x2x2x8x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: %[[G:.*]] = qnt.gather %[[S]], %{{.*}} {axis = 3 : i32} : {{.*}} -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: qnt.reduce_max %[[G]], %{{.*}} -> tensor<1x3x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: qnt.reduce_min %[[S]], %{{.*}} -> tensor<1x2x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: qnt.sum %[[S]], %{{.*}} -> tensor<1x2x2x!quant.uniform<i8:f32, 0.095354724258083{{[0-9]*}}:-1>>
// CHECK: %[[AM:.*]] = qnt.arg_max %[[X]], %{{.*}} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>, tensor<1xi32>) -> tensor<1x4x4xi32>
// CHECK-NEXT: return %{{.*}}, %{{.*}}, %{{.*}}, %[[AM]] : {{.*}}tensor<1x4x4xi32>
func.func @main(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x4x4xi32>) {
  %x = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %s = qnt.space_to_depth %x {block_size = 2 : i32} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x8xf32>
  %i = qnt.const dense<[7, 0, 2]> : tensor<3xi32>
  %g = qnt.gather %s, %i {axis = 3 : i32} : (tensor<1x2x2x8xf32>, tensor<3xi32>) -> tensor<1x2x2x3xf32>
  %a12 = qnt.const dense<[1, 2]> : tensor<2xi32>
  %a3 = qnt.const dense<[3]> : tensor<1xi32>
  %mx = qnt.reduce_max %g, %a12 : (tensor<1x2x2x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
  %mn = qnt.reduce_min %s, %a3 : (tensor<1x2x2x8xf32>, tensor<1xi32>) -> tensor<1x2x2xf32>
  %sm = qnt.sum %s, %a3 : (tensor<1x2x2x8xf32>, tensor<1xi32>) -> tensor<1x2x2xf32>
  %sms = qnt.stats %sm {min = -12.0, max = 12.0} : (tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  %am = qnt.arg_max %x, %a3 : (tensor<1x4x4x2xf32>, tensor<1xi32>) -> tensor<1x4x4xi32>
  return %mx, %mn, %sms, %am : tensor<1x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<1x4x4xi32>
}
