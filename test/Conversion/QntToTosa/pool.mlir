// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

!q = !quant.uniform<i8:f32, 0.5:-3>

// MAX_POOL_2D keeps the scale; SAME padding of a 3x3 window at stride 1
// pads one element on each side.
// CHECK-LABEL: func.func @max_pool
// CHECK: tosa.max_pool2d %arg0 {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x3x3x2xi8>) -> tensor<1x3x3x2xi8>
func.func @max_pool(%x: tensor<1x3x3x2x!q>) -> tensor<1x3x3x2x!q> {
  %0 = qnt.max_pool_2d %x {filter_h = 3 : i32, filter_w = 3 : i32} : (tensor<1x3x3x2x!q>) -> tensor<1x3x3x2x!q>
  return %0 : tensor<1x3x3x2x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.5:-3>

// AVERAGE_POOL_2D as TFLite computes it: the sum of the stored values over
// the unpadded window (a depthwise convolution with unit weights and zero
// points 0), plus or minus half the count by sign, divided by the count
// with truncation. A 3x3 window over a 3x3 input with SAME padding covers
// 4 elements at the corners, 6 at the edges, 9 in the middle.
// CHECK-LABEL: func.func @average_pool
// CHECK-DAG: %[[ONES:.*]] = "tosa.const"() <{values = dense<1> : tensor<3x3x2x1xi8>}>
// CHECK-DAG: %[[ZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: %[[SUM:.*]] = tosa.depthwise_conv2d %arg0, %[[ONES]], %{{.*}}, %[[ZP]], %[[ZP]] {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} {{.*}} -> tensor<1x3x3x2xi32>
// CHECK: %[[POS:.*]] = tosa.greater %[[SUM]]
// CHECK: %[[HALF:.*]] = "tosa.const"() <{values = dense<{{\[\[\[}}[2], [3], [2]], {{\[\[}}3], [4], [3]], {{\[\[}}2], [3], [2]]]]> : tensor<1x3x3x1xi32>}>
// CHECK: %[[UP:.*]] = tosa.add %[[SUM]], %[[HALF]]
// CHECK: %[[NHALF:.*]] = "tosa.const"() <{values = dense<{{\[\[\[}}[-2], [-3], [-2]], {{\[\[}}-3], [-4], [-3]], {{\[\[}}-2], [-3], [-2]]]]> : tensor<1x3x3x1xi32>}>
// CHECK: %[[DOWN:.*]] = tosa.add %[[SUM]], %[[NHALF]]
// CHECK: %[[SEL:.*]] = tosa.select %[[POS]], %[[UP]], %[[DOWN]]
// CHECK: %[[COUNT:.*]] = "tosa.const"() <{values = dense<{{\[\[\[}}[4], [6], [4]], {{\[\[}}6], [9], [6]], {{\[\[}}4], [6], [4]]]]> : tensor<1x3x3x1xi32>}>
// CHECK: %[[AVG:.*]] = tosa.intdiv %[[SEL]], %[[COUNT]]
// CHECK: tosa.cast %[[AVG]] : (tensor<1x3x3x2xi32>) -> tensor<1x3x3x2xi8>
func.func @average_pool(%x: tensor<1x3x3x2x!q>) -> tensor<1x3x3x2x!q> {
  %0 = qnt.average_pool_2d %x {filter_h = 3 : i32, filter_w = 3 : i32} : (tensor<1x3x3x2x!q>) -> tensor<1x3x3x2x!q>
  return %0 : tensor<1x3x3x2x!q>
}
