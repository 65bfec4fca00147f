// RUN: qnt-opt %s --qnt-prepare-quantize -split-input-file | FileCheck %s
// RUN: qnt-opt %s --qnt-prepare-quantize="per-channel=false" -split-input-file | FileCheck %s --check-prefix=TENSOR
// RUN: qnt-opt %s --qnt-prepare-quantize="activation-bits=16" -split-input-file | FileCheck %s --check-prefix=I16

// A calibrated range [-1, 3] gives scale 4/255 and zero point -128 + 1/scale
// = -64.25, nudged to -64 so that 0.0 is exact. Per-channel weights along O:
// channel 0 |w| <= 2 -> scale 2/127, channel 1 |w| <= 0.5 -> scale 0.5/127.
// int16: symmetric, scale 3/32767, zero point 0.

// CHECK-LABEL: func.func @conv
// CHECK-NOT: qnt.stats
// CHECK: %[[Q:.*]] = qnt.quantize %arg0 : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK: %[[DQ:.*]] = qnt.dequantize %[[Q]]
// CHECK: qnt.quantize %{{.*}} : (tensor<2x1x1x2xf32>) -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.015748031496062{{[0-9]*}},0.0039370078740157{{[0-9]*}}}>>
// The bias is left to propagation.
// CHECK-NOT: tensor<2x!quant
// CHECK: qnt.conv_2d %[[DQ]]
// Relu6 range [0, 6]: scale 6/255, zero point -128.
// CHECK: qnt.quantize %{{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.023529411764705{{[0-9]*}}:-128>>

// TENSOR-LABEL: func.func @conv
// TENSOR: tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.015748031496062{{[0-9]*}}>>

// I16-LABEL: func.func @conv
// I16: tensor<1x2x2x2x!quant.uniform<i16:f32, 9.15555284{{[0-9]*}}E-5>>
func.func @conv(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Ranges from quantization-aware training are kept as trained: [-1, 1] with
// narrow range [-127, 127] gives scale 2/254 and zero point 0.
// CHECK-LABEL: func.func @qat
// CHECK-NOT: qnt.fake_quant
// CHECK: qnt.quantize %arg0 : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.0078740157480314{{[0-9]*}}>>
func.func @qat(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnt.fake_quant %arg0 {min = -1.0, max = 1.0, narrow_range} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A float constant read as an activation (the second addend) gets
// asymmetric parameters from its values: range [0, 2.55] -> scale 0.01,
// zero point -128.
// CHECK-LABEL: func.func @const_addend
// CHECK: qnt.quantize %{{.*}} : (tensor<2xf32>) -> tensor<2x!quant.uniform<i8:f32, {{0\.0(1|099999[0-9]*)}}:-128>>
func.func @const_addend(%arg0: tensor<2xf32>) -> tensor<2xf32> {
  %c = qnt.const dense<[1.0, 2.55]> : tensor<2xf32>
  %0 = qnt.add %arg0, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
