// RUN: qnt-opt --mlir-print-debuginfo=false %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

!in = !quant.uniform<i8:f32, 0.5:2>
!w = !quant.uniform<i8<-127:127>:f32, 0.25>
!b = !quant.uniform<i32:f32, 0.125>
!out = !quant.uniform<i8:f32, 0.25:-7>

// TOSA 1.0 has no fully connected op: [1, N, I] x [1, I, O] as a matmul
// with the input zero point 2 and weight zero point 0, the bias added in
// int32, then one multiplier 0.5 * 0.25 / 0.25 = 0.5 * 2^0: 2^30 with TOSA
// shift 31 (per tensor).
// CHECK-LABEL: func.func @fully_connected
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi8>) -> tensor<2x4xi8>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{.*}}> : tensor<4x3xi8>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[1, 2, 3, 4]> : tensor<4xi32>}>
// CHECK-DAG: %[[B3:.*]] = tosa.reshape %[[B]], %{{.*}} -> tensor<1x1x4xi32>
// CHECK-DAG: %[[X3:.*]] = tosa.reshape %[[X]], %{{.*}} -> tensor<1x2x3xi8>
// CHECK-DAG: %[[WT:.*]] = tosa.transpose %[[W]] {perms = array<i32: 1, 0>} : (tensor<4x3xi8>) -> tensor<3x4xi8>
// CHECK-DAG: %[[W3:.*]] = tosa.reshape %[[WT]], %{{.*}} -> tensor<1x3x4xi8>
// CHECK-DAG: %[[WZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<2> : tensor<1xi8>}>
// CHECK: %[[MM:.*]] = tosa.matmul %[[X3]], %[[W3]], %[[IZP]], %[[WZP]] : {{.*}} -> tensor<1x2x4xi32>
// CHECK: %[[SUM:.*]] = tosa.add %[[MM]], %[[B3]]
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<31> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-7> : tensor<1xi8>}>
// CHECK: %[[R:.*]] = tosa.rescale %[[SUM]], %[[M]], %[[S]], %{{.*}}, %[[OZP]] {{{.*}}per_channel = false, rounding_mode = DOUBLE_ROUND, scale32 = true}
// CHECK: %[[O:.*]] = tosa.reshape %[[R]], %{{.*}} -> tensor<2x4xi8>
// CHECK: return %[[O]]
func.func @fully_connected(%x: tensor<2x3x!in>) -> tensor<2x4x!out> {
  %w = qnt.const dense<[[1, 2, 3], [4, 5, 6], [7, 8, 9], [-1, -2, -3]]> : tensor<4x3xi8> -> tensor<4x3x!w>
  %b = qnt.const dense<[1, 2, 3, 4]> : tensor<4xi32> -> tensor<4x!b>
  %0 = qnt.fully_connected %x, %w, %b : (tensor<2x3x!in>, tensor<4x3x!w>, tensor<4x!b>) -> tensor<2x4x!out>
  return %0 : tensor<2x4x!out>
}

// -----

!x = !quant.uniform<i8:f32, 0.5:1>
!y = !quant.uniform<i8:f32, 0.25:-2>
!out = !quant.uniform<i8:f32, 0.0625:0>

// Both operands are activations with their own zero points (1 and -2);
// adj_y transposes y's last two dimensions. 0.5 * 0.25 / 0.0625 = 2 =
// 0.5 * 2^2: multiplier 2^30, TOSA shift 31 - 2 = 29.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: %[[YT:.*]] = tosa.transpose %arg1 {perms = array<i32: 0, 2, 1>} : (tensor<2x4x3xi8>) -> tensor<2x3x4xi8>
// CHECK-DAG: %[[XZP:.*]] = "tosa.const"() <{values = dense<1> : tensor<1xi8>}>
// CHECK-DAG: %[[YZP:.*]] = "tosa.const"() <{values = dense<-2> : tensor<1xi8>}>
// CHECK: %[[MM:.*]] = tosa.matmul %arg0, %[[YT]], %[[XZP]], %[[YZP]] : {{.*}} -> tensor<2x2x4xi32>
// CHECK-DAG: "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<29> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[MM]]
func.func @batch_matmul(%x: tensor<2x2x3x!x>, %y: tensor<2x4x3x!y>) -> tensor<2x2x4x!out> {
  %0 = qnt.batch_matmul %x, %y {adj_y} : (tensor<2x2x3x!x>, tensor<2x4x3x!y>) -> tensor<2x2x4x!out>
  return %0 : tensor<2x2x4x!out>
}
