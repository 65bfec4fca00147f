// Elementwise arithmetic and activations survive export and import: fused
// activations, float options (alpha, beta), broadcasting shapes, and int8,
// uint8 and int16 per-tensor types with their scales and zero points.
// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --mlir-print-debuginfo=false --import-tflite %t.tflite | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK: %[[A:.*]] = qnt.add %arg0, %arg1 {fused_activation = #qnt.act<relu>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[S:.*]] = qnt.sub %[[A]], %arg1 {fused_activation = #qnt.act<relu6>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[M:.*]] = qnt.mul %[[S]], %[[A]] {fused_activation = #qnt.act<relu_n1_to_1>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[D:.*]] = qnt.div %[[M]], %arg1 {fused_activation = #qnt.act<tanh>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[D2:.*]] = qnt.div %[[D]], %[[D]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[MAX:.*]] = qnt.maximum %[[D2]], %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.minimum %[[MAX]], %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @main(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = qnt.add %x, %y {fused_activation = #qnt.act<relu>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = qnt.sub %0, %y {fused_activation = #qnt.act<relu6>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = qnt.mul %1, %0 {fused_activation = #qnt.act<relu_n1_to_1>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = qnt.div %2, %y {fused_activation = #qnt.act<tanh>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %4 = qnt.div %3, %3 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = qnt.maximum %4, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = qnt.minimum %5, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %6 : tensor<2x3xf32>
}

// Quantized binary ops: operands with different scales and zero points.
// CHECK-LABEL: func.func @binary_quantized(
// CHECK-SAME: %arg0: tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-1>>, %arg1: tensor<4x!quant.uniform<i8:f32, 2.500000e-01:7>>, %arg2: tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>, %arg3: tensor<4x!quant.uniform<u8:f32, 1.000000e+00:128>>)
// CHECK: qnt.add %arg0, %arg1 {fused_activation = #qnt.act<relu>} : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-1>>, tensor<4x!quant.uniform<i8:f32, 2.500000e-01:7>>) -> tensor<4x!quant.uniform<i8:f32, 1.000000e+00:-128>>
// CHECK: qnt.sub %arg0, %arg1 : ({{.*}}) -> tensor<4x!quant.uniform<i8:f32, 7.500000e-01:3>>
// CHECK: qnt.mul %arg0, %arg1 : ({{.*}}) -> tensor<4x!quant.uniform<i8:f32, 1.250000e-01:-5>>
// CHECK: qnt.add %arg2, %arg2 : (tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>, tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>) -> tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>
// CHECK: qnt.sub %arg2, %arg2 : ({{.*}}) -> tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>
// CHECK: qnt.maximum %arg3, %arg3 : (tensor<4x!quant.uniform<u8:f32, 1.000000e+00:128>>, tensor<4x!quant.uniform<u8:f32, 1.000000e+00:128>>) -> tensor<4x!quant.uniform<u8:f32, 1.000000e+00:128>>
// CHECK: qnt.minimum %{{.*}}, %arg3 : ({{.*}}) -> tensor<4x!quant.uniform<u8:f32, 1.000000e+00:128>>
func.func @binary_quantized(%a: tensor<4x!quant.uniform<i8:f32, 0.5:-1>>,
                            %b: tensor<4x!quant.uniform<i8:f32, 0.25:7>>,
                            %c: tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>,
                            %u: tensor<4x!quant.uniform<u8:f32, 1.0:128>>)
    -> (tensor<4x!quant.uniform<i8:f32, 1.0:-128>>, tensor<4x!quant.uniform<i8:f32, 0.75:3>>,
        tensor<4x!quant.uniform<i8:f32, 0.125:-5>>, tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>,
        tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>, tensor<4x!quant.uniform<u8:f32, 1.0:128>>) {
  %0 = qnt.add %a, %b {fused_activation = #qnt.act<relu>}
       : (tensor<4x!quant.uniform<i8:f32, 0.5:-1>>, tensor<4x!quant.uniform<i8:f32, 0.25:7>>)
       -> tensor<4x!quant.uniform<i8:f32, 1.0:-128>>
  %1 = qnt.sub %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.5:-1>>, tensor<4x!quant.uniform<i8:f32, 0.25:7>>)
       -> tensor<4x!quant.uniform<i8:f32, 0.75:3>>
  %2 = qnt.mul %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.5:-1>>, tensor<4x!quant.uniform<i8:f32, 0.25:7>>)
       -> tensor<4x!quant.uniform<i8:f32, 0.125:-5>>
  %3 = qnt.add %c, %c : (tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>, tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>)
       -> tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>
  %4 = qnt.sub %c, %c : (tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>, tensor<4x!quant.uniform<i16:f32, 3.0517578125E-5>>)
       -> tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>
  %5 = qnt.maximum %u, %u : (tensor<4x!quant.uniform<u8:f32, 1.0:128>>, tensor<4x!quant.uniform<u8:f32, 1.0:128>>)
       -> tensor<4x!quant.uniform<u8:f32, 1.0:128>>
  %6 = qnt.minimum %5, %u : (tensor<4x!quant.uniform<u8:f32, 1.0:128>>, tensor<4x!quant.uniform<u8:f32, 1.0:128>>)
       -> tensor<4x!quant.uniform<u8:f32, 1.0:128>>
  return %0, %1, %2, %3, %4, %6 : tensor<4x!quant.uniform<i8:f32, 1.0:-128>>, tensor<4x!quant.uniform<i8:f32, 0.75:3>>,
        tensor<4x!quant.uniform<i8:f32, 0.125:-5>>, tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>,
        tensor<4x!quant.uniform<i16:f32, 6.103515625E-5>>, tensor<4x!quant.uniform<u8:f32, 1.0:128>>
}

// CHECK-LABEL: func.func @activations(
// CHECK: %[[R:.*]] = qnt.relu %arg0 : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK: %[[R6:.*]] = qnt.relu6 %[[R]]
// CHECK: %[[RN:.*]] = qnt.relu_n1_to_1 %[[R6]]
// CHECK: %[[LR:.*]] = qnt.leaky_relu %[[RN]] {alpha = 2.000000e-01 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK: %[[ALPHA:.*]] = qnt.const dense<[2.500000e-01, 5.000000e-01, 7.500000e-01, 1.000000e+00]> : tensor<4xf32>
// CHECK: %[[PR:.*]] = qnt.prelu %[[LR]], %[[ALPHA]] : (tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
// CHECK: %[[HS:.*]] = qnt.hard_swish %[[PR]]
// CHECK: %[[LG:.*]] = qnt.logistic %[[HS]]
// CHECK: %[[TH:.*]] = qnt.tanh %[[LG]]
// CHECK: %[[SM:.*]] = qnt.softmax %[[TH]] {beta = 5.000000e-01 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK: %[[SM1:.*]] = qnt.softmax %[[SM]] : (tensor<1x4xf32>) -> tensor<1x4xf32>
// CHECK: qnt.log_softmax %[[SM1]] : (tensor<1x4xf32>) -> tensor<1x4xf32>
func.func @activations(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnt.relu %x : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = qnt.relu6 %0 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %2 = qnt.relu_n1_to_1 %1 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %3 = qnt.leaky_relu %2 {alpha = 0.2 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %alpha = qnt.const dense<[0.25, 0.5, 0.75, 1.0]> : tensor<4xf32>
  %4 = qnt.prelu %3, %alpha : (tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %5 = qnt.hard_swish %4 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %6 = qnt.logistic %5 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %7 = qnt.tanh %6 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %8 = qnt.softmax %7 {beta = 0.5 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %9 = qnt.softmax %8 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %10 = qnt.log_softmax %9 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %10 : tensor<1x4xf32>
}

// int8 activations, with the fixed output parameters of logistic, tanh,
// softmax and log_softmax.
// CHECK-LABEL: func.func @activations_int8(
// CHECK: qnt.relu %arg0 : (tensor<8x!quant.uniform<i8:f32, 6.250000e-02:-10>>) -> tensor<8x!quant.uniform<i8:f32, 3.125000e-02:-128>>
// CHECK: qnt.relu6 %arg0 : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 2.343750e-02:-128>>
// CHECK: qnt.leaky_relu %arg0 {alpha = 1.250000e-01 : f32} : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 6.250000e-02:-10>>
// CHECK: qnt.hard_swish %arg0 : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 6.250000e-02:-10>>
// CHECK: qnt.logistic %arg0 : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: qnt.tanh %arg0 : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 7.812500e-03>>
// CHECK: qnt.softmax %arg0 {beta = 2.000000e+00 : f32} : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: qnt.log_softmax %arg0 : ({{.*}}) -> tensor<8x!quant.uniform<i8:f32, 6.250000e-02:127>>
func.func @activations_int8(%x: tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>)
    -> (tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>, tensor<8x!quant.uniform<i8:f32, 0.0234375:-128>>,
        tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>, tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>,
        tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>, tensor<8x!quant.uniform<i8:f32, 0.0078125>>,
        tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>, tensor<8x!quant.uniform<i8:f32, 0.0625:127>>) {
  %0 = qnt.relu %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>
  %1 = qnt.relu6 %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.0234375:-128>>
  %2 = qnt.leaky_relu %x {alpha = 0.125 : f32} : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>
  %3 = qnt.hard_swish %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>
  %4 = qnt.logistic %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  %5 = qnt.tanh %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.0078125>>
  %6 = qnt.softmax %x {beta = 2.0 : f32} : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  %7 = qnt.log_softmax %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.0625:127>>
  return %0, %1, %2, %3, %4, %5, %6, %7
      : tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>, tensor<8x!quant.uniform<i8:f32, 0.0234375:-128>>,
        tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>, tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>,
        tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>, tensor<8x!quant.uniform<i8:f32, 0.0078125>>,
        tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>, tensor<8x!quant.uniform<i8:f32, 0.0625:127>>
}

// int16 activations: zero point 0, fixed output scale 1/32768.
// CHECK-LABEL: func.func @activations_int16(
// CHECK: qnt.logistic %arg0 : (tensor<3x!quant.uniform<i16:f32, 2.44140625E-4>>) -> tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>
// CHECK: qnt.tanh %arg0 : ({{.*}}) -> tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>
func.func @activations_int16(%x: tensor<3x!quant.uniform<i16:f32, 2.44140625E-4>>)
    -> (tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>, tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>) {
  %0 = qnt.logistic %x : (tensor<3x!quant.uniform<i16:f32, 2.44140625E-4>>) -> tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>
  %1 = qnt.tanh %x : (tensor<3x!quant.uniform<i16:f32, 2.44140625E-4>>) -> tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0, %1 : tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>, tensor<3x!quant.uniform<i16:f32, 3.0517578125E-5>>
}
