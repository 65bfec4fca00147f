// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

!a = !quant.uniform<i8:f32, 0.5:1>
!b = !quant.uniform<i8:f32, 0.25:-3>
!out = !quant.uniform<i8:f32, 1.0:0>

// TFLite's ADD: (q - zp) << 20 (multiplier 2^30 with TOSA shift 10 is an
// exact shift), each input brought to twice the larger scale (1.0):
// 0.5 / 1 = 0.5 * 2^0 -> shift 31, 0.25 / 1 = 0.5 * 2^-1 -> shift 32; the
// int32 sum rescaled by 1 / (2^20 * 1.0) = 0.5 * 2^-19 -> shift 50. The
// rank-1 operand is reshaped to rank 2 for TOSA's broadcast.
// CHECK-LABEL: func.func @add
// CHECK-DAG: %[[M30:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S10:.*]] = "tosa.const"() <{values = dense<10> : tensor<1xi8>}>
// CHECK-DAG: %[[ZA:.*]] = "tosa.const"() <{values = dense<1> : tensor<1xi8>}>
// CHECK: %[[WA:.*]] = tosa.rescale %arg0, %[[M30]], %[[S10]], %[[ZA]], %{{.*}} {{.*}} : (tensor<2x4xi8>, {{.*}}) -> tensor<2x4xi32>
// CHECK: %[[S31:.*]] = "tosa.const"() <{values = dense<31> : tensor<1xi8>}>
// CHECK: %[[XA:.*]] = tosa.rescale %[[WA]], %{{.*}}, %[[S31]], {{.*}}rounding_mode = DOUBLE_ROUND{{.*}} -> tensor<2x4xi32>
// CHECK: "tosa.const"() <{values = dense<-3> : tensor<1xi8>}>
// CHECK: %[[WB:.*]] = tosa.rescale %arg1, {{.*}} -> tensor<4xi32>
// CHECK: %[[S32:.*]] = "tosa.const"() <{values = dense<32> : tensor<1xi8>}>
// CHECK: %[[XB:.*]] = tosa.rescale %[[WB]], %{{.*}}, %[[S32]], {{.*}} -> tensor<4xi32>
// CHECK: %[[XB2:.*]] = tosa.reshape %[[XB]], {{.*}} -> tensor<1x4xi32>
// CHECK: %[[SUM:.*]] = tosa.add %[[XA]], %[[XB2]] : (tensor<2x4xi32>, tensor<1x4xi32>) -> tensor<2x4xi32>
// CHECK: %[[S50:.*]] = "tosa.const"() <{values = dense<50> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[SUM]], %{{.*}}, %[[S50]], {{.*}} -> tensor<2x4xi8>
func.func @add(%x: tensor<2x4x!a>, %y: tensor<4x!b>) -> tensor<2x4x!out> {
  %0 = qnt.add %x, %y : (tensor<2x4x!a>, tensor<4x!b>) -> tensor<2x4x!out>
  return %0 : tensor<2x4x!out>
}

// -----

!a = !quant.uniform<i8:f32, 0.5:1>
!out = !quant.uniform<i8:f32, 1.0:0>

// SUB as ADD with tosa.sub; the fused relu clamps at the zero point.
// CHECK-LABEL: func.func @sub
// CHECK: tosa.sub {{.*}} -> tensor<4xi32>
// CHECK: tosa.rescale
// CHECK: tosa.clamp %{{.*}} {max_val = 127 : i8, min_val = 0 : i8}
func.func @sub(%x: tensor<4x!a>, %y: tensor<4x!a>) -> tensor<4x!out> {
  %0 = qnt.sub %x, %y {fused_activation = #qnt.act<relu>} : (tensor<4x!a>, tensor<4x!a>) -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

!a = !quant.uniform<i8:f32, 0.5:1>
!b = !quant.uniform<i8:f32, 0.25:-3>
!out = !quant.uniform<i8:f32, 0.125:4>

// MUL: (qa - 1) and (qb + 3) as int32 (multiplier 2^30, TOSA shift 30 is
// the identity), their int32 product, rescaled by 0.5 * 0.25 / 0.125 = 1 =
// 0.5 * 2^1: multiplier 2^30, TOSA shift 30, output zero point 4.
// CHECK-LABEL: func.func @mul
// CHECK: %[[X:.*]] = tosa.rescale %arg0, {{.*}} -> tensor<4xi32>
// CHECK: %[[Y:.*]] = tosa.rescale %arg1, {{.*}} -> tensor<4xi32>
// CHECK: %[[NOSHIFT:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: %[[P:.*]] = tosa.mul %[[X]], %[[Y]], %[[NOSHIFT]] : (tensor<4xi32>, tensor<4xi32>, tensor<1xi8>) -> tensor<4xi32>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<30> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<4> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[P]], %[[M]], %[[S]], %{{.*}}, %[[OZP]]
func.func @mul(%x: tensor<4x!a>, %y: tensor<4x!b>) -> tensor<4x!out> {
  %0 = qnt.mul %x, %y : (tensor<4x!a>, tensor<4x!b>) -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

!in = !quant.uniform<i8:f32, 0.5:-1>
!out = !quant.uniform<i8:f32, 0.25:-100>

// RELU6: rescale by 0.5 / 0.25 = 2 = 0.5 * 2^2 (TOSA shift 29) from zero
// point -1 to -100, clamp to [-100, -100 + 6 / 0.25] = [-100, -76].
// CHECK-LABEL: func.func @relu6
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<29> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-100> : tensor<1xi8>}>
// CHECK: %[[R:.*]] = tosa.rescale %arg0, %[[M]], %[[S]], %[[IZP]], %[[OZP]] {{.*}} -> tensor<4xi8>
// CHECK: tosa.clamp %[[R]] {max_val = -76 : i8, min_val = -100 : i8}
func.func @relu6(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnt.relu6 %x : (tensor<4x!in>) -> tensor<4x!out>
  return %0 : tensor<4x!out>
}
