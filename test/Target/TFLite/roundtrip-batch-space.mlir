// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND (4-D and 3-D), TILE, BROADCAST_TO,
// L2_NORMALIZATION and GELU survive export and import with their index
// operands, options (GELU approximate) and quantized types, and the operator
// versions follow TFLite's rules (read back with a reader that is not qnt's:
// int8 2, 3-D block ops 3, BROADCAST_TO from 2 and 3 for int8/int16, TILE 3
// for int8; codes above 127 keep 127 in the deprecated field).
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnt-translate --export-tflite %s -o %t/m.tflite
// RUN: %python %S/Inputs/dump_tflite.py %t/m.tflite | FileCheck %s --check-prefix=CODES
// CODES: opcode 0: builtin_code=38 deprecated_builtin_code=38 version=1
// CODES: opcode 1: builtin_code=37 deprecated_builtin_code=37 version=1
// CODES: opcode 2: builtin_code=38 deprecated_builtin_code=38 version=2
// CODES: opcode 3: builtin_code=37 deprecated_builtin_code=37 version=2
// CODES: opcode 4: builtin_code=38 deprecated_builtin_code=38 version=3
// CODES: opcode 5: builtin_code=37 deprecated_builtin_code=37 version=3
// CODES: opcode 6: builtin_code=69 deprecated_builtin_code=69 version=1
// CODES: opcode 7: builtin_code=69 deprecated_builtin_code=69 version=3
// CODES: opcode 8: builtin_code=130 deprecated_builtin_code=127 version=2
// CODES: opcode 9: builtin_code=130 deprecated_builtin_code=127 version=3
// CODES: opcode 10: builtin_code=11 deprecated_builtin_code=11 version=1
// CODES: opcode 11: builtin_code=11 deprecated_builtin_code=11 version=2
// CODES: opcode 12: builtin_code=150 deprecated_builtin_code=127 version=1
// CODES: opcode 13: builtin_code=150 deprecated_builtin_code=127 version=2
// RUN: qnt-translate --import-tflite %t/m.tflite | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-DAG: %[[B:.*]] = qnt.const dense<2> : tensor<2xi32>
// CHECK-DAG: %[[P:.*]] = qnt.const dense<{{\[\[}}1, 0], [1, 1]]> : tensor<2x2xi32>
// CHECK: %[[S:.*]] = qnt.space_to_batch_nd %arg0, %[[B]], %[[P]] : (tensor<1x5x6x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x4x2xf32>
// CHECK: %[[C:.*]] = qnt.const dense<{{\[\[}}0, 1], [1, 1]]> : tensor<2x2xi32>
// CHECK: qnt.batch_to_space_nd %[[S]], %[[B]], %[[C]] : (tensor<4x3x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x5x6x2xf32>
// CHECK: qnt.space_to_batch_nd %arg1, {{.*}} -> tensor<4x3x4x2x!quant.uniform<i8:f32, {{.*}}:3>>
// CHECK: qnt.batch_to_space_nd {{.*}} -> tensor<1x5x6x2x!quant.uniform<i8:f32, {{.*}}:3>>
// CHECK: qnt.space_to_batch_nd %arg2, {{.*}} : (tensor<1x7x2x!quant.uniform<i8:f32, {{.*}}:3>>, tensor<1xi32>, tensor<1x2xi32>) -> tensor<3x3x2x!quant.uniform<i8:f32, {{.*}}:3>>
// CHECK: qnt.batch_to_space_nd {{.*}} -> tensor<1x7x2x!quant.uniform<i8:f32, {{.*}}:3>>
// CHECK: qnt.tile %arg0, {{.*}} : (tensor<1x5x6x2xf32>, tensor<4xi32>) -> tensor<2x5x12x2xf32>
// CHECK: qnt.tile %arg1, {{.*}} : ({{.*}}, tensor<4xi64>) -> tensor<1x10x6x2x!quant.uniform<i8:f32, {{.*}}:3>>
// CHECK: qnt.broadcast_to %arg0, {{.*}} : (tensor<1x5x6x2xf32>, tensor<4xi32>) -> tensor<3x5x6x2xf32>
// CHECK: qnt.broadcast_to %arg3, {{.*}} -> tensor<1x4x5x!quant.uniform<i16:f32, {{.*}}>>
// CHECK: qnt.l2_normalization %arg0 : (tensor<1x5x6x2xf32>) -> tensor<1x5x6x2xf32>
// CHECK: qnt.l2_normalization %arg1 : ({{.*}}) -> tensor<1x5x6x2x!quant.uniform<i8:f32, 7.812500e-03>>
// CHECK: qnt.gelu %arg0 {approximate} : (tensor<1x5x6x2xf32>) -> tensor<1x5x6x2xf32>
// CHECK: qnt.gelu %arg1 : ({{.*}}) -> tensor<1x5x6x2x!quant.uniform<i8:f32, {{.*}}:-90>>

func.func @main(%x: tensor<1x5x6x2xf32>, %q: tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>,
                %v: tensor<1x7x2x!quant.uniform<i8:f32, 0.05:3>>, %w: tensor<1x1x5x!quant.uniform<i16:f32, 0.001>>)
    -> (tensor<1x5x6x2xf32>, tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<1x7x2x!quant.uniform<i8:f32, 0.05:3>>,
        tensor<2x5x12x2xf32>, tensor<1x10x6x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<3x5x6x2xf32>,
        tensor<1x4x5x!quant.uniform<i16:f32, 0.001>>, tensor<1x5x6x2xf32>, tensor<1x5x6x2x!quant.uniform<i8:f32, 0.0078125>>,
        tensor<1x5x6x2xf32>, tensor<1x5x6x2x!quant.uniform<i8:f32, 0.02:-90>>) {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<[[1, 0], [1, 1]]> : tensor<2x2xi32>
  %c = qnt.const dense<[[0, 1], [1, 1]]> : tensor<2x2xi32>
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x5x6x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x4x2xf32>
  %1 = qnt.batch_to_space_nd %0, %b, %c : (tensor<4x3x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x5x6x2xf32>
  %2 = qnt.space_to_batch_nd %q, %b, %p : (tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x4x2x!quant.uniform<i8:f32, 0.05:3>>
  %3 = qnt.batch_to_space_nd %2, %b, %c : (tensor<4x3x4x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>
  %b1 = qnt.const dense<3> : tensor<1xi32>
  %p1 = qnt.const dense<[[2, 0]]> : tensor<1x2xi32>
  %c1 = qnt.const dense<[[1, 1]]> : tensor<1x2xi32>
  %4 = qnt.space_to_batch_nd %v, %b1, %p1 : (tensor<1x7x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<1xi32>, tensor<1x2xi32>) -> tensor<3x3x2x!quant.uniform<i8:f32, 0.05:3>>
  %5 = qnt.batch_to_space_nd %4, %b1, %c1 : (tensor<3x3x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<1xi32>, tensor<1x2xi32>) -> tensor<1x7x2x!quant.uniform<i8:f32, 0.05:3>>
  %m = qnt.const dense<[2, 1, 2, 1]> : tensor<4xi32>
  %6 = qnt.tile %x, %m : (tensor<1x5x6x2xf32>, tensor<4xi32>) -> tensor<2x5x12x2xf32>
  %m8 = qnt.const dense<[1, 2, 1, 1]> : tensor<4xi64>
  %7 = qnt.tile %q, %m8 : (tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<4xi64>) -> tensor<1x10x6x2x!quant.uniform<i8:f32, 0.05:3>>
  %s = qnt.const dense<[3, 5, 6, 2]> : tensor<4xi32>
  %8 = qnt.broadcast_to %x, %s : (tensor<1x5x6x2xf32>, tensor<4xi32>) -> tensor<3x5x6x2xf32>
  %s16 = qnt.const dense<[1, 4, 5]> : tensor<3xi32>
  %9 = qnt.broadcast_to %w, %s16 : (tensor<1x1x5x!quant.uniform<i16:f32, 0.001>>, tensor<3xi32>) -> tensor<1x4x5x!quant.uniform<i16:f32, 0.001>>
  %10 = qnt.l2_normalization %x : (tensor<1x5x6x2xf32>) -> tensor<1x5x6x2xf32>
  %11 = qnt.l2_normalization %q : (tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x5x6x2x!quant.uniform<i8:f32, 0.0078125>>
  %12 = qnt.gelu %x {approximate} : (tensor<1x5x6x2xf32>) -> tensor<1x5x6x2xf32>
  %13 = qnt.gelu %q : (tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x5x6x2x!quant.uniform<i8:f32, 0.02:-90>>
  return %1, %3, %5, %6, %7, %8, %9, %10, %11, %12, %13 : tensor<1x5x6x2xf32>, tensor<1x5x6x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<1x7x2x!quant.uniform<i8:f32, 0.05:3>>,
        tensor<2x5x12x2xf32>, tensor<1x10x6x2x!quant.uniform<i8:f32, 0.05:3>>, tensor<3x5x6x2xf32>,
        tensor<1x4x5x!quant.uniform<i16:f32, 0.001>>, tensor<1x5x6x2xf32>, tensor<1x5x6x2x!quant.uniform<i8:f32, 0.0078125>>,
        tensor<1x5x6x2xf32>, tensor<1x5x6x2x!quant.uniform<i8:f32, 0.02:-90>>
}
