// RUN: qnt-opt --mlir-print-debuginfo=false %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

!q = !quant.uniform<i8:f32, 0.5:-4>

// Same-scale ops only move int8 values. PAD fills with the zero point -4
// (the real value 0); TOSA takes paddings as a shape of [before, after]
// pairs. Index operands are read at conversion time and leave no constant.
// CHECK-LABEL: func.func @data_movement
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi8>) -> tensor<4x4xi8>
// CHECK: %[[T:.*]] = tosa.transpose %[[X]] {perms = array<i32: 1, 0>} : (tensor<2x3xi8>) -> tensor<3x2xi8>
// CHECK-DAG: %[[SHAPE:.*]] = tosa.const_shape {{ *}}{values = dense<[1, 0, 1, 1]> : tensor<4xindex>}
// CHECK-DAG: %[[ZP:.*]] = "tosa.const"() <{values = dense<-4> : tensor<1xi8>}>
// CHECK: %[[P:.*]] = tosa.pad %[[T]], %[[SHAPE]], %[[ZP]] : (tensor<3x2xi8>, !tosa.shape<4>, tensor<1xi8>) -> tensor<4x4xi8>
// CHECK: return %[[P]]
// CHECK-NOT: tensor<2xi32>
func.func @data_movement(%x: tensor<2x3x!q>) -> tensor<4x4x!q> {
  %perm = qnt.const dense<[1, 0]> : tensor<2xi32>
  %t = qnt.transpose %x, %perm : (tensor<2x3x!q>, tensor<2xi32>) -> tensor<3x2x!q>
  %pads = qnt.const dense<[[1, 0], [1, 1]]> : tensor<2x2xi32>
  %p = qnt.pad %t, %pads : (tensor<3x2x!q>, tensor<2x2xi32>) -> tensor<4x4x!q>
  return %p : tensor<4x4x!q>
}

// -----

!a = !quant.uniform<i8:f32, 0.5:2>

// CONCATENATION on shared parameters (the quantizer requantizes inputs that
// differ before the op), with a negative axis; reshape keeps the values.
// CHECK-LABEL: func.func @concat
// CHECK: %[[C:.*]] = tosa.concat %arg0, %arg1 {axis = 1 : i32} : (tensor<1x2xi8>, tensor<1x3xi8>) -> tensor<1x5xi8>
// CHECK: tosa.reshape %[[C]], %{{.*}} : (tensor<1x5xi8>, !tosa.shape<1>) -> tensor<5xi8>
func.func @concat(%x: tensor<1x2x!a>, %y: tensor<1x3x!a>) -> tensor<5x!a> {
  %0 = qnt.concatenation %x, %y {axis = -1 : i32} : (tensor<1x2x!a>, tensor<1x3x!a>) -> tensor<1x5x!a>
  %1 = qnt.reshape %0 : (tensor<1x5x!a>) -> tensor<5x!a>
  return %1 : tensor<5x!a>
}

// -----

!p = !quant.uniform<i8:f32, 0.5:3>

// Rank-4 pads reach tosa.pad with unpadded dimensions merged into the one
// before (llvm-22's validation rejects a padding shape of 8 values): here
// [1, 4, 4, 3] padded by 1 row above and below and 2 channels after is
// [1, 16, 3] padded by 4 = 1 x 4 values before and after in its middle
// dimension, then [1, 24, 5] back to [1, 6, 4, 5].
// CHECK-LABEL: func.func @pad_rank4
// CHECK: %[[IN:.*]] = tosa.reshape %arg0, %{{.*}} : (tensor<1x4x4x3xi8>, !tosa.shape<3>) -> tensor<1x16x3xi8>
// CHECK-DAG: %[[SHAPE:.*]] = tosa.const_shape {{ *}}{values = dense<[0, 0, 4, 4, 0, 2]> : tensor<6xindex>}
// CHECK-DAG: %[[ZP:.*]] = "tosa.const"() <{values = dense<3> : tensor<1xi8>}>
// CHECK: %[[P:.*]] = tosa.pad %[[IN]], %[[SHAPE]], %[[ZP]] : (tensor<1x16x3xi8>, !tosa.shape<6>, tensor<1xi8>) -> tensor<1x24x5xi8>
// CHECK: tosa.reshape %[[P]], %{{.*}} : (tensor<1x24x5xi8>, !tosa.shape<4>) -> tensor<1x6x4x5xi8>
func.func @pad_rank4(%x: tensor<1x4x4x3x!p>) -> tensor<1x6x4x5x!p> {
  %pads = qnt.const dense<[[0, 0], [1, 1], [0, 0], [0, 2]]> : tensor<4x2xi32>
  %p = qnt.pad %x, %pads : (tensor<1x4x4x3x!p>, tensor<4x2xi32>) -> tensor<1x6x4x5x!p>
  return %p : tensor<1x6x4x5x!p>
}

// -----

!p = !quant.uniform<i8:f32, 0.5:3>

// Channel padding as in MobileNet-style residual blocks: [1, 8, 8, 24] is
// [64, 24] padded by 4 channels after.
// CHECK-LABEL: func.func @pad_channels
// CHECK: tosa.const_shape {{ *}}{values = dense<[0, 0, 0, 4]> : tensor<4xindex>}
// CHECK: tosa.pad %{{.*}} : (tensor<64x24xi8>, !tosa.shape<4>, tensor<1xi8>) -> tensor<64x28xi8>
func.func @pad_channels(%x: tensor<1x8x8x24x!p>) -> tensor<1x8x8x28x!p> {
  %pads = qnt.const dense<[[0, 0], [0, 0], [0, 0], [0, 4]]> : tensor<4x2xi32>
  %p = qnt.pad %x, %pads : (tensor<1x8x8x24x!p>, tensor<4x2xi32>) -> tensor<1x8x8x28x!p>
  return %p : tensor<1x8x8x28x!p>
}
