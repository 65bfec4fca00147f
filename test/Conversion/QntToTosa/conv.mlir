// RUN: qnt-opt --mlir-print-debuginfo=false %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

!in = !quant.uniform<i8:f32, 0.5:-1>
!w = !quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>
!b = !quant.uniform<i32:f32:0, {0.125, 0.0625}>
!out = !quant.uniform<i8:f32, 0.125:-128>

// Multipliers 0.5 * 0.25 / 0.125 = 1 = 0.5 * 2^1 and 0.5 * 0.125 / 0.125 =
// 0.5 * 2^0: 2^30 each, TFLite exponents 1 and 0, TOSA shifts 31 - e = 30
// and 31. SAME padding of a 3x3 window at stride 2 over 4 rows: 2 outputs,
// (2 - 1) * 2 + 3 - 4 = 1 padded row, 0 before and 1 after. Relu6 clamps at
// round(6 / 0.125) - 128 = -80.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xi8>) -> tensor<1x2x2x2xi8>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{.*}}> : tensor<2x3x3x3xi8>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[5, -7]> : tensor<2xi32>}>
// CHECK-DAG: %[[WZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %[[X]], %[[W]], %[[B]], %[[IZP]], %[[WZP]] {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 1, 0, 1>, stride = array<i64: 2, 2>} : {{.*}} -> tensor<1x2x2x2xi32>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<2xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<[30, 31]> : tensor<2xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// CHECK-DAG: %[[AZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi32>}>
// CHECK: %[[R:.*]] = tosa.rescale %[[ACC]], %[[M]], %[[S]], %[[AZP]], %[[OZP]] {input_unsigned = false, output_unsigned = false, per_channel = true, rounding_mode = DOUBLE_ROUND, scale32 = true}
// CHECK: %[[C:.*]] = tosa.clamp %[[R]] {max_val = -80 : i8, min_val = -128 : i8}
// CHECK: return %[[C]]
func.func @conv(%x: tensor<1x4x4x3x!in>) -> tensor<1x2x2x2x!out> {
  %w = qnt.const dense<1> : tensor<2x3x3x3xi8> -> tensor<2x3x3x3x!w>
  %b = qnt.const dense<[5, -7]> : tensor<2xi32> -> tensor<2x!b>
  %0 = qnt.conv_2d %x, %w, %b {fused_activation = #qnt.act<relu6>, stride_h = 2 : i32, stride_w = 2 : i32}
      : (tensor<1x4x4x3x!in>, tensor<2x3x3x3x!w>, tensor<2x!b>) -> tensor<1x2x2x2x!out>
  return %0 : tensor<1x2x2x2x!out>
}

// -----

!in = !quant.uniform<i8:f32, 0.5:3>
!w = !quant.uniform<i8<-127:127>:f32:3, {0.25, 0.25, 0.125, 0.125}>
!out = !quant.uniform<i8:f32, 0.1:-5>

// Depth multiplier 2: the [1, 3, 3, 4] filter is TOSA's [3, 3, 2, 2]. No
// bias: zeros. Per channel 0.5 * 0.25 / 0.1 = 1.25 = 0.625 * 2^1 and
// 0.625 = 0.625 * 2^0, with 0.1 rounded to float32 first
// (0.100000001490116): 0.625 / 1.0000000149011612 * 2^31 = 1342177260.0 ->
// 1342177260; TOSA shifts 30 and 31. Relu clamps at the zero point -5.
// CHECK-LABEL: func.func @depthwise
// CHECK-DAG: %[[F:.*]] = tosa.reshape %{{.*}}, %{{.*}} : (tensor<1x3x3x4xi8>, !tosa.shape<4>) -> tensor<3x3x2x2xi8>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<0> : tensor<4xi32>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<3> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.depthwise_conv2d %arg0, %[[F]], %[[B]], %[[IZP]], %{{.*}} {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : {{.*}} -> tensor<1x3x3x4xi32>
// CHECK: "tosa.const"() <{values = dense<1342177260> : tensor<4xi32>}>
// CHECK: "tosa.const"() <{values = dense<[30, 30, 31, 31]> : tensor<4xi8>}>
// CHECK: tosa.rescale %[[ACC]]
// CHECK: tosa.clamp %{{.*}} {max_val = 127 : i8, min_val = -5 : i8}
func.func @depthwise(%x: tensor<1x5x5x2x!in>) -> tensor<1x3x3x4x!out> {
  %w = qnt.const dense<2> : tensor<1x3x3x4xi8> -> tensor<1x3x3x4x!w>
  %0 = qnt.depthwise_conv_2d %x, %w {depth_multiplier = 2 : i32, padding = #qnt.padding<valid>, fused_activation = #qnt.act<relu>}
      : (tensor<1x5x5x2x!in>, tensor<1x3x3x4x!w>) -> tensor<1x3x3x4x!out>
  return %0 : tensor<1x3x3x4x!out>
}
