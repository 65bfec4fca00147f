// Operator versions written for the new ops follow TFLite's rules (int8: 2,
// int16 REDUCE_MAX: 3, GATHER with batch_dims: 5), checked with a reader
// that is not qnt's; an ARG_MAX whose output_type disagrees with its output
// tensor is rejected on import.
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnt-translate --export-tflite %s -o %t/m.tflite
// RUN: %python %S/Inputs/gather_reduce_codes.py %t/m.tflite %t/bad.tflite | FileCheck %s
// CHECK-DAG: builtin 74 version 2
// CHECK-DAG: builtin 82 version 3
// CHECK-DAG: builtin 89 version 2
// CHECK-DAG: builtin 56 version 2
// CHECK-DAG: builtin 36 version 5
// CHECK-DAG: builtin 26 version 2
// RUN: not qnt-translate --import-tflite %t/bad.tflite -o %t/bad.mlir 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: {{.*}}has output_type INT64 but its output tensor is INT32

func.func @main(%q: tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>, %w: tensor<2x6x!quant.uniform<i16:f32, 0.001>>, %p: tensor<2x4x3xf32>, %i: tensor<2x5xi32>)
    -> (tensor<1x4x6x!quant.uniform<i8:f32, 1.0:3>>, tensor<2x!quant.uniform<i16:f32, 0.001>>,
        tensor<1x4x6x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1x4x6xi32>, tensor<2x5x3xf32>,
        tensor<1x2x3x8x!quant.uniform<i8:f32, 0.5:-4>>) {
  %a = qnt.const dense<[3]> : tensor<1xi32>
  %a1 = qnt.const dense<[1]> : tensor<1xi32>
  %0 = qnt.sum %q, %a : (tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1xi32>) -> tensor<1x4x6x!quant.uniform<i8:f32, 1.0:3>>
  %1 = qnt.reduce_max %w, %a1 : (tensor<2x6x!quant.uniform<i16:f32, 0.001>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i16:f32, 0.001>>
  %2 = qnt.reduce_min %q, %a : (tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1xi32>) -> tensor<1x4x6x!quant.uniform<i8:f32, 0.5:-4>>
  %3 = qnt.arg_max %q, %a : (tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1xi32>) -> tensor<1x4x6xi32>
  %4 = qnt.gather %p, %i {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x4x3xf32>, tensor<2x5xi32>) -> tensor<2x5x3xf32>
  %5 = qnt.space_to_depth %q {block_size = 2 : i32} : (tensor<1x4x6x2x!quant.uniform<i8:f32, 0.5:-4>>) -> tensor<1x2x3x8x!quant.uniform<i8:f32, 0.5:-4>>
  return %0, %1, %2, %3, %4, %5 : tensor<1x4x6x!quant.uniform<i8:f32, 1.0:3>>, tensor<2x!quant.uniform<i16:f32, 0.001>>,
        tensor<1x4x6x!quant.uniform<i8:f32, 0.5:-4>>, tensor<1x4x6xi32>, tensor<2x5x3xf32>,
        tensor<1x2x3x8x!quant.uniform<i8:f32, 0.5:-4>>
}
