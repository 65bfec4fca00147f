// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | %upstream_mlir_opt %tosa_validate -split-input-file -o /dev/null

// uint8 edges (io-type=uint8): the same scale on both sides is multiplier
// 2^30 with TOSA shift 30 (x1); the unsigned side is flagged and its zero
// point 128 is stored in the i8 tensor as -128.
// CHECK-LABEL: func.func @uint8_in
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<30> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: tosa.rescale %arg0, %[[M]], %[[S]], %[[IZP]], %[[OZP]] {input_unsigned = true, output_unsigned = false, per_channel = false, rounding_mode = DOUBLE_ROUND, scale32 = true}
func.func @uint8_in(%x: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %0 = qnt.quantize %x : (tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// int8 (zero point -128) to uint8 (zero point 0) on half the scale: x2 is
// multiplier 2^30 with TOSA shift 29.
// CHECK-LABEL: func.func @uint8_out
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<29> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: tosa.rescale %arg0, %[[M]], %[[S]], %[[IZP]], %[[OZP]] {input_unsigned = false, output_unsigned = true,
func.func @uint8_out(%x: tensor<4x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<4x!quant.uniform<u8:f32, 0.25>> {
  %0 = qnt.quantize %x : (tensor<4x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<4x!quant.uniform<u8:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.25>>
}

// -----

!q = !quant.uniform<i8:f32, 0.5:3>

// MAXIMUM and MINIMUM compare the stored values, widened exactly to int32
// (TOSA's integer profile compares int32 only), with broadcasting by rank.
// CHECK-LABEL: func.func @minmax
// CHECK: %[[X:.*]] = tosa.rescale %arg0
// CHECK: %[[Y:.*]] = tosa.rescale %arg1
// CHECK: %[[Y4:.*]] = tosa.reshape %[[Y]], %{{.*}} -> tensor<1x1x1x4xi32>
// CHECK: %[[MX:.*]] = tosa.maximum %[[X]], %[[Y4]] : (tensor<1x2x2x4xi32>, tensor<1x1x1x4xi32>) -> tensor<1x2x2x4xi32>
// CHECK: tosa.cast %[[MX]] : (tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi8>
// CHECK: tosa.minimum
func.func @minmax(%x: tensor<1x2x2x4x!q>, %y: tensor<4x!q>) -> (tensor<1x2x2x4x!q>, tensor<1x2x2x4x!q>) {
  %0 = qnt.maximum %x, %y : (tensor<1x2x2x4x!q>, tensor<4x!q>) -> tensor<1x2x2x4x!q>
  %1 = qnt.minimum %x, %y : (tensor<1x2x2x4x!q>, tensor<4x!q>) -> tensor<1x2x2x4x!q>
  return %0, %1 : tensor<1x2x2x4x!q>, tensor<1x2x2x4x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.5:3>

// SLICE: size -1 runs to the end (8 - 1 = 7).
// CHECK-LABEL: func.func @slice
// CHECK-DAG: %[[B:.*]] = tosa.const_shape {{ *}}{values = dense<[0, 2, 1]> : tensor<3xindex>}
// CHECK-DAG: %[[S:.*]] = tosa.const_shape {{ *}}{values = dense<[1, 4, 7]> : tensor<3xindex>}
// CHECK: tosa.slice %arg0, %[[B]], %[[S]] : (tensor<1x8x8xi8>, !tosa.shape<3>, !tosa.shape<3>) -> tensor<1x4x7xi8>
func.func @slice(%x: tensor<1x8x8x!q>) -> tensor<1x4x7x!q> {
  %b = qnt.const dense<[0, 2, 1]> : tensor<3xi32>
  %s = qnt.const dense<[1, 4, -1]> : tensor<3xi32>
  %0 = qnt.slice %x, %b, %s : (tensor<1x8x8x!q>, tensor<3xi32>, tensor<3xi32>) -> tensor<1x4x7x!q>
  return %0 : tensor<1x4x7x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.5:3>

// STRIDED_SLICE with a step: x[:, 1::2] of a 2x6 tensor takes flat
// elements 1, 3, 5 and 7, 9, 11, gathered. A reversed axis, x[::-2] of 6
// elements, takes 5, 3, 1. Unit steps with a shrunk axis are a tosa.slice:
// x[1, 2:5] of 2x6 starts at [1, 2] with size [1, 3], reshaped to [3].
// CHECK-LABEL: func.func @strided
// CHECK: %[[V:.*]] = tosa.reshape %arg0, %{{.*}} -> tensor<1x12x1xi8>
// CHECK: %[[I:.*]] = "tosa.const"() <{values = dense<{{\[\[}}1, 3, 5, 7, 9, 11]]> : tensor<1x6xi32>}>
// CHECK: %[[G:.*]] = tosa.gather %[[V]], %[[I]] : (tensor<1x12x1xi8>, tensor<1x6xi32>) -> tensor<1x6x1xi8>
// CHECK: tosa.reshape %[[G]], %{{.*}} -> tensor<2x3xi8>
// CHECK: "tosa.const"() <{values = dense<{{\[\[}}5, 3, 1]]> : tensor<1x3xi32>}>
// CHECK-DAG: %[[B:.*]] = tosa.const_shape {{ *}}{values = dense<[1, 2]> : tensor<2xindex>}
// CHECK-DAG: %[[S:.*]] = tosa.const_shape {{ *}}{values = dense<[1, 3]> : tensor<2xindex>}
// CHECK: %[[SL:.*]] = tosa.slice %arg0, %[[B]], %[[S]] : (tensor<2x6xi8>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x3xi8>
// CHECK: tosa.reshape %[[SL]], %{{.*}} -> tensor<3xi8>
func.func @strided(%x: tensor<2x6x!q>, %y: tensor<6x!q>) -> (tensor<2x3x!q>, tensor<3x!q>, tensor<3x!q>) {
  %b = qnt.const dense<[0, 1]> : tensor<2xi32>
  %e = qnt.const dense<[2, 6]> : tensor<2xi32>
  %s = qnt.const dense<[1, 2]> : tensor<2xi32>
  %0 = qnt.strided_slice %x, %b, %e, %s : (tensor<2x6x!q>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3x!q>
  %rb = qnt.const dense<[-1]> : tensor<1xi32>
  %re = qnt.const dense<[0]> : tensor<1xi32>
  %rs = qnt.const dense<[-2]> : tensor<1xi32>
  %1 = qnt.strided_slice %y, %rb, %re, %rs {end_mask = 1 : i32} : (tensor<6x!q>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3x!q>
  %sb = qnt.const dense<[1, 2]> : tensor<2xi32>
  %se = qnt.const dense<[2, 5]> : tensor<2xi32>
  %ss = qnt.const dense<[1, 1]> : tensor<2xi32>
  %2 = qnt.strided_slice %x, %sb, %se, %ss {shrink_axis_mask = 1 : i32} : (tensor<2x6x!q>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<3x!q>
  return %0, %1, %2 : tensor<2x3x!q>, tensor<3x!q>, tensor<3x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.5:3>

// RESIZE_NEAREST_NEIGHBOR 2x2 -> 4x4 without flags: source floor(y / 2),
// so rows 0, 0, 1, 1 of columns 0, 0, 1, 1. With half_pixel_centers, 2 -> 3
// rows: floor((y + 0.5) * 2 / 3) = 0, 1, 1.
// CHECK-LABEL: func.func @resize_nearest
// CHECK: "tosa.const"() <{values = dense<{{\[\[}}0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3]]> : tensor<1x16xi32>}>
// CHECK: tosa.gather
// CHECK: "tosa.const"() <{values = dense<{{\[\[}}0, 1, 1]]> : tensor<1x3xi32>}>
func.func @resize_nearest(%x: tensor<1x2x2x1x!q>, %y: tensor<1x2x1x1x!q>) -> (tensor<1x4x4x1x!q>, tensor<1x3x1x1x!q>) {
  %s = qnt.const dense<[4, 4]> : tensor<2xi32>
  %0 = qnt.resize_nearest_neighbor %x, %s : (tensor<1x2x2x1x!q>, tensor<2xi32>) -> tensor<1x4x4x1x!q>
  %s2 = qnt.const dense<[3, 1]> : tensor<2xi32>
  %1 = qnt.resize_nearest_neighbor %y, %s2 {half_pixel_centers} : (tensor<1x2x1x1x!q>, tensor<2xi32>) -> tensor<1x3x1x1x!q>
  return %0, %1 : tensor<1x4x4x1x!q>, tensor<1x3x1x1x!q>
}

// -----

// MEAN over H and W: the sum of x - (-1), rescaled by 0.5 / 0.25 = 2
// (multiplier 2^30, TOSA shift 29), divided by 4 with halves away from
// zero (+-2, then intdiv), plus the output zero point 3.
// CHECK-LABEL: func.func @mean
// CHECK: %[[W:.*]] = tosa.rescale %arg0
// CHECK: %[[S1:.*]] = tosa.reduce_sum %[[W]] {axis = 1 : i32} : (tensor<1x2x2x3xi32>) -> tensor<1x1x2x3xi32>
// CHECK: %[[S2:.*]] = tosa.reduce_sum %[[S1]] {axis = 2 : i32} : (tensor<1x1x2x3xi32>) -> tensor<1x1x1x3xi32>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[SH:.*]] = "tosa.const"() <{values = dense<29> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.rescale %[[S2]], %[[M]], %[[SH]]
// CHECK-DAG: "tosa.const"() <{values = dense<2> : tensor<1x1x1x1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<-2> : tensor<1x1x1x1xi32>}>
// CHECK: %[[SEL:.*]] = tosa.select
// CHECK: %[[N:.*]] = "tosa.const"() <{values = dense<4> : tensor<1x1x1x1xi32>}>
// CHECK: %[[D:.*]] = tosa.intdiv %[[SEL]], %[[N]]
// CHECK: %[[OZP:.*]] = "tosa.const"() <{values = dense<3> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[D]], %{{.*}}, %{{.*}}, %{{.*}}, %[[OZP]]
func.func @mean(%x: tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x1x1x3x!quant.uniform<i8:f32, 0.25:3>> {
  %axes = qnt.const dense<[1, 2]> : tensor<2xi32>
  %0 = qnt.mean %x, %axes {keep_dims} : (tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:-1>>, tensor<2xi32>) -> tensor<1x1x1x3x!quant.uniform<i8:f32, 0.25:3>>
  return %0 : tensor<1x1x1x3x!quant.uniform<i8:f32, 0.25:3>>
}

// -----

!q = !quant.uniform<i8:f32, 0.5>

// LEAKY_RELU as a table over the int8 inputs -128..127: v * 0.25 for v < 0
// with TFLite's rounding (SRDHM by 2^30 then a rounding shift by 1):
// -128 -> -32, -127 -> -32 (-31.75), -126 -> -32 (-31.5, away from zero),
// -125 -> -31 (-31.25); v for v >= 0, so the table ends ..., 126, 127.
// Printed as hex bytes: E0 E0 E0 E1 ... 7E 7F.
// CHECK-LABEL: func.func @leaky_relu
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<"0xE0E0E0E1{{[0-9A-F]*}}7E7F"> : tensor<256xi8>}>
// CHECK: tosa.table %arg0, %[[T]] : (tensor<4xi8>, tensor<256xi8>) -> tensor<4xi8>
func.func @leaky_relu(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = qnt.leaky_relu %x {alpha = 0.25 : f32} : (tensor<4x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.05>

// HARD_SWISH as a table, with scale 0.05 on both sides: inputs up to
// -2.95 (q <= -59, the first 70 entries) give 0 (x * relu6(x + 3) / 6 is
// at most 0.025 in magnitude there, under half a step), q = -58 (-2.9,
// -0.048) gives -1 (FF), and q = 127 (6.35, above 3) gives 127 (7F).
// CHECK-LABEL: func.func @hard_swish
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<"0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000FF{{[0-9A-F]*}}7F"> : tensor<256xi8>}>
// CHECK: tosa.table %arg0, %[[T]]
func.func @hard_swish(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = qnt.hard_swish %x : (tensor<4x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// -----

// PRELU: x - 0 rescaled by 0.5 / 0.5 = 1 (multiplier 2^30, TOSA shift 30)
// where non-negative, else (x - 0) * (alpha - 2) rescaled by
// 0.5 * 2^-7 / 0.5 = 2^-7 (multiplier 2^30, TOSA shift 37).
// CHECK-LABEL: func.func @prelu
// CHECK: %[[V:.*]] = tosa.rescale %arg0
// CHECK: %[[A:.*]] = tosa.rescale %arg1
// CHECK: %[[A3:.*]] = tosa.reshape %[[A]], %{{.*}} -> tensor<1x1x4xi32>
// CHECK: %[[P:.*]] = tosa.mul %[[V]], %[[A3]]
// CHECK-DAG: %[[SN:.*]] = "tosa.const"() <{values = dense<37> : tensor<1xi8>}>
// CHECK: %[[NEG:.*]] = tosa.rescale %[[P]], %{{.*}}, %[[SN]]
// CHECK-DAG: %[[SP:.*]] = "tosa.const"() <{values = dense<30> : tensor<1xi8>}>
// CHECK: %[[POS:.*]] = tosa.rescale %[[V]], %{{.*}}, %[[SP]]
// CHECK: %[[GE:.*]] = tosa.greater_equal %[[V]]
// CHECK: tosa.select %[[GE]], %[[POS]], %[[NEG]]
func.func @prelu(%x: tensor<1x2x4x!quant.uniform<i8:f32, 0.5>>, %a: tensor<4x!quant.uniform<i8:f32, 0.0078125:2>>) -> tensor<1x2x4x!quant.uniform<i8:f32, 0.5>> {
  %0 = qnt.prelu %x, %a : (tensor<1x2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.0078125:2>>) -> tensor<1x2x4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x2x4x!quant.uniform<i8:f32, 0.5>>
}

// -----

!q = !quant.uniform<i8:f32, 0.5:3>

// RESIZE_BILINEAR 2 -> 3 rows (width 1) in TFLite's 10-bit fixed point:
// scale (2 * 1024 + 1) / 3 = 683, so output rows sit at 0, 683 and 1366
// (row 1 + 342). The upper neighbours are rows 0, 0, 1 with weights
// (1024 - 0, 1024 - 683, 1024 - 342) x 1024 = 1048576, 349184, 698368; the
// lower ones rows 0, 1, 1 with 0, 683 x 1024 = 699392, 342 x 1024 = 350208;
// the right-hand neighbours weigh 0. The sum is divided by 2^20 with
// halves away from zero.
// CHECK-LABEL: func.func @resize_bilinear
// CHECK: "tosa.const"() <{values = dense<{{\[\[}}0, 0, 1]]> : tensor<1x3xi32>}>
// CHECK: "tosa.const"() <{values = dense<{{\[\[\[\[}}1048576]], {{\[\[}}349184]], {{\[\[}}698368]]]]> : tensor<1x3x1x1xi32>}>
// CHECK: "tosa.const"() <{values = dense<{{\[\[}}0, 1, 1]]> : tensor<1x3xi32>}>
// CHECK: "tosa.const"() <{values = dense<{{\[\[\[\[}}0]], {{\[\[}}699392]], {{\[\[}}350208]]]]> : tensor<1x3x1x1xi32>}>
// CHECK: "tosa.const"() <{values = dense<0> : tensor<1x3x1x1xi32>}>
// CHECK: "tosa.const"() <{values = dense<0> : tensor<1x3x1x1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<524288> : tensor<1x1x1x1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<-524288> : tensor<1x1x1x1xi32>}>
// CHECK: %[[SEL:.*]] = tosa.select
// CHECK: %[[D:.*]] = "tosa.const"() <{values = dense<1048576> : tensor<1x1x1x1xi32>}>
// CHECK: %[[Q:.*]] = tosa.intdiv %[[SEL]], %[[D]]
// CHECK: tosa.cast %[[Q]] : (tensor<1x3x1x1xi32>) -> tensor<1x3x1x1xi8>
func.func @resize_bilinear(%x: tensor<1x2x1x1x!q>) -> tensor<1x3x1x1x!q> {
  %s = qnt.const dense<[3, 1]> : tensor<2xi32>
  %0 = qnt.resize_bilinear %x, %s : (tensor<1x2x1x1x!q>, tensor<2xi32>) -> tensor<1x3x1x1x!q>
  return %0 : tensor<1x3x1x1x!q>
}
