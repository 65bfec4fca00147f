// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file | FileCheck %s

// int16 conv_2d: i16 x i8 accumulates in i48 with an i48 bias; the rescale
// uses the 16-bit multiplier. Real multiplier 0.5 * 0.25 / 1.0 = 0.125 =
// 2^30 * 2^-31 * 2^-2 (TFLite: multiplier 2^30, exponent -2); reduced to 15
// bits (2^30 + 2^15) >> 16 = 16384, shift 15 - (-2) = 17, one rounding.
// CHECK-LABEL: func.func @conv16
// CHECK: %[[BIAS:.*]] = "tosa.const"() <{values = dense<[100, -7]> : tensor<2xi48>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %arg0, %{{.*}}, %[[BIAS]], %{{.*}}, %{{.*}} {acc_type = i48{{.*}} : (tensor<1x3x3x2xi16>, tensor<2x1x1x2xi8>, tensor<2xi48>, tensor<1xi16>, tensor<1xi8>) -> tensor<1x3x3x2xi48>
// CHECK: %[[M:.*]] = "tosa.const"() <{values = dense<16384> : tensor<1xi16>}>
// CHECK: %[[S:.*]] = "tosa.const"() <{values = dense<17> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[ACC]], %[[M]], %[[S]], %{{.*}}, %{{.*}} {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = SINGLE_ROUND, scale32 = false} : (tensor<1x3x3x2xi48>, tensor<1xi16>, tensor<1xi8>, tensor<1xi48>, tensor<1xi16>) -> tensor<1x3x3x2xi16>
func.func @conv16(%x: tensor<1x3x3x2x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x3x3x2x!quant.uniform<i16:f32, 1.0>> {
  %w = qnt.const dense<[[[[1, 2]]], [[[3, 4]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.25>>
  %b = qnt.const dense<[100, -7]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.125>>
  %0 = qnt.conv_2d %x, %w, %b {padding = #qnt.padding<valid>} : (tensor<1x3x3x2x!quant.uniform<i16:f32, 0.5>>, tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.25>>, tensor<2x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x3x3x2x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x3x3x2x!quant.uniform<i16:f32, 1.0>>
}

// -----

// int16 add: TFLite's left shift is 15 bits, not 20. Twice the larger input
// scale is 1.0: lhs 0.5 (2^30, exponent 0: TOSA shift 31), rhs 0.25 (2^30,
// exponent -1: shift 32), output 1.0 / (2^15 * 1.0) = 2^-15 (2^30,
// exponent -14: shift 45). Widening multiplies by 2^30 with shift 15: x << 15.
// CHECK-LABEL: func.func @add16
// CHECK: %[[W:.*]] = "tosa.const"() <{values = dense<15> : tensor<1xi8>}>
// CHECK: %[[X:.*]] = tosa.rescale %arg0, %{{.*}}, %[[W]], {{.*}} : (tensor<4xi16>, {{.*}}) -> tensor<4xi32>
// CHECK: %[[SL:.*]] = "tosa.const"() <{values = dense<31> : tensor<1xi8>}>
// CHECK: %[[XS:.*]] = tosa.rescale %[[X]], %{{.*}}, %[[SL]], {{.*}} -> tensor<4xi32>
// CHECK: %[[W2:.*]] = "tosa.const"() <{values = dense<15> : tensor<1xi8>}>
// CHECK: %[[Y:.*]] = tosa.rescale %arg1, %{{.*}}, %[[W2]], {{.*}} : (tensor<4xi16>, {{.*}}) -> tensor<4xi32>
// CHECK: %[[SR:.*]] = "tosa.const"() <{values = dense<32> : tensor<1xi8>}>
// CHECK: %[[YS:.*]] = tosa.rescale %[[Y]], %{{.*}}, %[[SR]], {{.*}} -> tensor<4xi32>
// CHECK: %[[SUM:.*]] = tosa.add %[[XS]], %[[YS]]
// CHECK: %[[SO:.*]] = "tosa.const"() <{values = dense<45> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[SUM]], %{{.*}}, %[[SO]], {{.*}} -> tensor<4xi16>
func.func @add16(%x: tensor<4x!quant.uniform<i16:f32, 0.5>>, %y: tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 1.0>> {
  %0 = qnt.add %x, %y : (tensor<4x!quant.uniform<i16:f32, 0.5>>, tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 1.0>>
}

// -----

// int16 logistic: a gather from the function of all 65536 inputs, at
// input + 32768. With input scale 2^-10 and output scale 2^-15, input 0
// (entry 32768) is 0.5 -> 16384 (checked end to end in e2e-16x8.test); the
// most negative input (entry 0) is sigmoid(-32) ~ 1.3e-14 -> 0; the largest
// (entry 65535) is 1.0 in float32 -> 32768, clamped to 32767 (0x7FFF, stored
// little-endian).
// CHECK-LABEL: func.func @logistic16
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<"0x0000{{[0-9A-F]*}}FF7F"> : tensor<1x65536x1xi16>}>
// CHECK: %[[OFF:.*]] = "tosa.const"() <{values = dense<32768> : tensor<1xi32>}>
// CHECK: %[[I:.*]] = tosa.add %{{.*}}, %[[OFF]]
// CHECK: %[[R:.*]] = tosa.reshape %[[I]]
// CHECK: tosa.gather %[[T]], %[[R]] : (tensor<1x65536x1xi16>, tensor<1x4xi32>) -> tensor<1x4x1xi16>
func.func @logistic16(%x: tensor<4x!quant.uniform<i16:f32, 0.0009765625>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>> {
  %0 = qnt.logistic %x : (tensor<4x!quant.uniform<i16:f32, 0.0009765625>>) -> tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>
}

// -----

// Grouped conv_2d (4 input channels, filter depth 2: two groups of one
// output channel): each group's input channels, filter and bias are sliced,
// convolved alone, and the int32 accumulators concatenated.
// CHECK-LABEL: func.func @grouped
// CHECK: %[[S0:.*]] = tosa.const_shape {values = dense<0> : tensor<4xindex>}
// CHECK: %[[X0:.*]] = tosa.slice %arg0, %[[S0]], %{{.*}} -> tensor<1x2x2x2xi8>
// CHECK: %[[A0:.*]] = tosa.conv2d %[[X0]], {{.*}} -> tensor<1x2x2x1xi32>
// CHECK: %[[S2:.*]] = tosa.const_shape {values = dense<[0, 0, 0, 2]> : tensor<4xindex>}
// CHECK: %[[X1:.*]] = tosa.slice %arg0, %[[S2]], %{{.*}} -> tensor<1x2x2x2xi8>
// CHECK: %[[A1:.*]] = tosa.conv2d %[[X1]], {{.*}} -> tensor<1x2x2x1xi32>
// CHECK: %[[ACC:.*]] = tosa.concat %[[A0]], %[[A1]] {axis = 3 : i32} : (tensor<1x2x2x1xi32>, tensor<1x2x2x1xi32>) -> tensor<1x2x2x2xi32>
// CHECK: tosa.rescale %[[ACC]]
func.func @grouped(%x: tensor<1x2x2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>> {
  %w = qnt.const dense<[[[[1, 2]]], [[[3, 4]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.25>>
  %0 = qnt.conv_2d %x, %w {padding = #qnt.padding<valid>} : (tensor<1x2x2x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.25>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

// pad_v2 fills with its constant's stored value.
// CHECK-LABEL: func.func @pad_v2
// CHECK: %[[C:.*]] = "tosa.const"() <{values = dense<-5> : tensor<1xi8>}>
// CHECK: tosa.pad %arg0, %{{.*}}, %[[C]] : (tensor<2x3xi8>, !tosa.shape<4>, tensor<1xi8>) -> tensor<4x3xi8>
func.func @pad_v2(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.5:1>> {
  %p = qnt.const dense<[[1, 1], [0, 0]]> : tensor<2x2xi32>
  %c = qnt.const dense<-5> : tensor<i8> -> tensor<!quant.uniform<i8:f32, 0.5:1>>
  %0 = qnt.pad_v2 %x, %p, %c : (tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>, tensor<2x2xi32>, tensor<!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.5:1>>
  return %0 : tensor<4x3x!quant.uniform<i8:f32, 0.5:1>>
}
