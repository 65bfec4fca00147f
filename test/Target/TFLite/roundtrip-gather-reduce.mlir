// SUM, REDUCE_MAX, REDUCE_MIN, ARG_MAX, ARG_MIN, GATHER and SPACE_TO_DEPTH
// survive export and import with their options (keep_dims, output_type,
// axis, batch_dims, block_size), index operands and quantized types.
// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK: %[[AX:.*]] = qnt.const dense<[1, -1]> : tensor<2xi32>
// CHECK: qnt.sum %arg0, %[[AX]] {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x5x1xf32>
// CHECK: qnt.reduce_max %arg0, %[[AX]] : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x5xf32>
// CHECK: qnt.reduce_min %arg0, %[[AX]] {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x5x1xf32>
// CHECK: %[[D:.*]] = qnt.const dense<2> : tensor<1xi64>
// CHECK: qnt.arg_max %arg0, %[[D]] : (tensor<1x4x5x3xf32>, tensor<1xi64>) -> tensor<1x4x3xi64>
// CHECK: qnt.arg_max %arg1, %{{.*}} : (tensor<2x6x!quant.uniform<i8:f32, 2.500000e-01:1>>, tensor<1xi32>) -> tensor<2xi32>
// CHECK: qnt.sum %arg1, %{{.*}} : (tensor<2x6x!quant.uniform<i8:f32, 2.500000e-01:1>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 1.250000e+00:-1>>
func.func @main(%x: tensor<1x4x5x3xf32>, %q: tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>)
    -> (tensor<1x1x5x1xf32>, tensor<1x5xf32>, tensor<1x1x5x1xf32>, tensor<1x4x3xi64>,
        tensor<2xi32>, tensor<2x!quant.uniform<i8:f32, 1.25:-1>>) {
  %axis = qnt.const dense<[1, -1]> : tensor<2xi32>
  %0 = qnt.sum %x, %axis {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x5x1xf32>
  %1 = qnt.reduce_max %x, %axis : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x5xf32>
  %2 = qnt.reduce_min %x, %axis {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x5x1xf32>
  %d = qnt.const dense<[2]> : tensor<1xi64>
  %3 = qnt.arg_max %x, %d : (tensor<1x4x5x3xf32>, tensor<1xi64>) -> tensor<1x4x3xi64>
  %d1 = qnt.const dense<[1]> : tensor<1xi32>
  %4 = qnt.arg_max %q, %d1 : (tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>, tensor<1xi32>) -> tensor<2xi32>
  %5 = qnt.sum %q, %d1 : (tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 1.25:-1>>
  return %0, %1, %2, %3, %4, %5 : tensor<1x1x5x1xf32>, tensor<1x5xf32>, tensor<1x1x5x1xf32>, tensor<1x4x3xi64>,
                                  tensor<2xi32>, tensor<2x!quant.uniform<i8:f32, 1.25:-1>>
}

// CHECK-LABEL: func.func @gather(
// CHECK: qnt.gather %arg0, %arg1 {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x4x3xf32>, tensor<2x5xi32>) -> tensor<2x5x3xf32>
// CHECK: qnt.gather %arg2, %{{.*}} {axis = -1 : i32} : (tensor<1x4x6x2x!quant.uniform<i8:f32, 5.000000e-01:-4>>, tensor<3xi64>) -> tensor<1x4x6x3x!quant.uniform<i8:f32, 5.000000e-01:-4>>
// CHECK: qnt.space_to_depth %arg2 {block_size = 2 : i32} : (tensor<1x4x6x2x!quant.uniform<i8:f32, 5.000000e-01:-4>>) -> tensor<1x2x3x8x!quant.uniform<i8:f32, 5.000000e-01:-4>>
func.func @gather(%p: tensor<2x4x3xf32>, %i: tensor<2x5xi32>, %q: tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>)
    -> (tensor<2x5x3xf32>, tensor<1x4x6x3x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1x2x3x8x!quant.uniform<i8:f32, 0.5:-4>>) {
  %0 = qnt.gather %p, %i {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x4x3xf32>, tensor<2x5xi32>) -> tensor<2x5x3xf32>
  %k = qnt.const dense<[1, 0, 1]> : tensor<3xi64>
  %1 = qnt.gather %q, %k {axis = -1 : i32} : (tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>, tensor<3xi64>) -> tensor<1x4x6x3x!quant.uniform<i8:f32, 0.5:-4>>
  %2 = qnt.space_to_depth %q {block_size = 2 : i32} : (tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>) -> tensor<1x2x3x8x!quant.uniform<i8:f32, 0.5:-4>>
  return %0, %1, %2 : tensor<2x5x3xf32>, tensor<1x4x6x3x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1x2x3x8x!quant.uniform<i8:f32, 0.5:-4>>
}

// CHECK-LABEL: func.func @arg_min(
// CHECK: qnt.arg_min %arg0, %{{.*}} : (tensor<1x4x5x3xf32>, tensor<1xi64>) -> tensor<1x4x3xi64>
// CHECK: qnt.arg_min %arg1, %{{.*}} : (tensor<2x6x!quant.uniform<i8:f32, 2.500000e-01:1>>, tensor<1xi32>) -> tensor<6xi32>
func.func @arg_min(%x: tensor<1x4x5x3xf32>, %q: tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>)
    -> (tensor<1x4x3xi64>, tensor<6xi32>) {
  %d = qnt.const dense<[2]> : tensor<1xi64>
  %0 = qnt.arg_min %x, %d : (tensor<1x4x5x3xf32>, tensor<1xi64>) -> tensor<1x4x3xi64>
  %d0 = qnt.const dense<[0]> : tensor<1xi32>
  %1 = qnt.arg_min %q, %d0 : (tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>, tensor<1xi32>) -> tensor<6xi32>
  return %0, %1 : tensor<1x4x3xi64>, tensor<6xi32>
}
