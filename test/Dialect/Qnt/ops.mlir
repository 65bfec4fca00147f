// Every qnt op parses, prints and parses again, in the custom and in the
// generic form, keeping its operands, attributes and types.
// RUN: qnt-opt --mlir-print-debuginfo=false %s | qnt-opt --mlir-print-debuginfo=false | FileCheck %s
// RUN: qnt-opt --mlir-print-debuginfo=false %s --mlir-print-op-generic | qnt-opt --mlir-print-debuginfo=false | FileCheck %s
// The generic form itself: properties in <{...}>, the quantized constant's
// stored integers and result type kept apart.
// RUN: qnt-opt --mlir-print-debuginfo=false %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

//===----------------------------------------------------------------------===//
// Constants, statistics, quantization
//===----------------------------------------------------------------------===//

// A float or integer constant shows its type once; a quantized one shows the
// stored integers' type, then the quantized result type.
// CHECK-LABEL: func.func @constants
// GENERIC-LABEL: sym_name = "constants"
// GENERIC: "qnt.const"() <{value = dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
// GENERIC: "qnt.const"() <{value = dense<[-128, 127]> : tensor<2xi8>}> : () -> tensor<2x!quant.uniform<i8:f32, 5.000000e-02:-3>>
// CHECK: qnt.const dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf32>{{$}}
// CHECK: qnt.const dense<2.500000e-01> : tensor<2x2xf16>{{$}}
// CHECK: qnt.const dense<[1, 2, 3, 4]> : tensor<4xi32>{{$}}
// CHECK: qnt.const dense<[-128, 127]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 5.000000e-02:-3>>
// CHECK: qnt.const dense<{{\[\[}}1, -127], [127, 0]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>
// CHECK: qnt.const dense<[0, 255]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 3.906250e-03:128>>
func.func @constants() -> (tensor<2xf32>, tensor<2x2xf16>, tensor<4xi32>,
                           tensor<2x!quant.uniform<i8:f32, 0.05:-3>>,
                           tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>,
                           tensor<2x!quant.uniform<u8:f32, 0.00390625:128>>) {
  %0 = qnt.const dense<[1.5, -2.0]> : tensor<2xf32>
  %1 = qnt.const dense<0.25> : tensor<2x2xf16>
  %2 = qnt.const dense<[1, 2, 3, 4]> : tensor<4xi32>
  %3 = qnt.const dense<[-128, 127]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.05:-3>>
  %4 = qnt.const dense<[[1, -127], [127, 0]]> : tensor<2x2xi8>
         -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>
  %5 = qnt.const dense<[0, 255]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 0.00390625:128>>
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<2x2xf16>, tensor<4xi32>,
                                  tensor<2x!quant.uniform<i8:f32, 0.05:-3>>,
                                  tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>,
                                  tensor<2x!quant.uniform<u8:f32, 0.00390625:128>>
}

// CHECK-LABEL: func.func @stats_and_fake_quant
// CHECK: qnt.stats %arg0 {max = 6.000000e+00 : f64, method = "minmax", min = -1.000000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: qnt.stats %{{.*}} {max = 1.000000e+00 : f64, min = 0.000000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: qnt.fake_quant %{{.*}} {max = 2.500000e+00 : f64, min = -2.500000e+00 : f64, narrow_range, num_bits = 4 : i32} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: qnt.fake_quant %{{.*}} {max = 1.000000e+00 : f64, min = -1.000000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
func.func @stats_and_fake_quant(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnt.stats %x {min = -1.0 : f64, max = 6.0 : f64, method = "minmax"} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.stats %0 {min = 0.0 : f64, max = 1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  %2 = qnt.fake_quant %1 {min = -2.5 : f64, max = 2.5 : f64, num_bits = 4 : i32, narrow_range} : (tensor<4xf32>) -> tensor<4xf32>
  %3 = qnt.fake_quant %2 {min = -1.0 : f64, max = 1.0 : f64, num_bits = 8 : i32} : (tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// CHECK-LABEL: func.func @quantize_dequantize
// CHECK: qnt.quantize %arg0 : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:-1>>
// CHECK: qnt.quantize %{{.*}} : (tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:-1>>) -> tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:127>>
// CHECK: qnt.quantize %arg0 : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {1.000000e+00,5.000000e-01,2.500000e-01}>>
// CHECK: qnt.dequantize %{{.*}} : (tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:127>>) -> tensor<2x3xf32>
// CHECK: qnt.dequantize %{{.*}} : (tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {1.000000e+00,5.000000e-01,2.500000e-01}>>) -> tensor<2x3xf32>
// CHECK: qnt.dequantize %arg1 : (tensor<2x3xf16>) -> tensor<2x3xf32>
func.func @quantize_dequantize(%x: tensor<2x3xf32>, %h: tensor<2x3xf16>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = qnt.quantize %x : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 0.5:-1>>
  %1 = qnt.quantize %0 : (tensor<2x3x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:127>>
  %2 = qnt.quantize %x : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.5, 0.25}>>
  %3 = qnt.dequantize %1 : (tensor<2x3x!quant.uniform<u8:f32, 0.5:127>>) -> tensor<2x3xf32>
  %4 = qnt.dequantize %2 : (tensor<2x3x!quant.uniform<i8<-127:127>:f32:1, {1.0, 0.5, 0.25}>>) -> tensor<2x3xf32>
  %5 = qnt.dequantize %h : (tensor<2x3xf16>) -> tensor<2x3xf32>
  return %3, %4, %5 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

// Valid padding, 3x3 filter, stride 2 on 5x5: (5 - 3) / 2 + 1 = 2.
// Same padding, dilation 2, stride 1 on 4x4: ceil(4 / 1) = 4.
// CHECK-LABEL: func.func @conv_2d
// CHECK: qnt.conv_2d %arg0, %arg1, %arg2 {fused_activation = #qnt.act<relu6>, padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x5x5x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x2x2x4xf32>
// CHECK: qnt.conv_2d %arg3, %arg1 {dilation_h = 2 : i32, dilation_w = 2 : i32} : (tensor<1x4x4x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
// CHECK: qnt.conv_2d %arg4, %arg5 {fused_activation = #qnt.act<relu_n1_to_1>} : (tensor<1x4x4x4xf32>, tensor<6x1x1x2xf32>) -> tensor<1x4x4x6xf32>
func.func @conv_2d(%x: tensor<1x5x5x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>,
                   %y: tensor<1x4x4x3xf32>, %g: tensor<1x4x4x4xf32>, %gw: tensor<6x1x1x2xf32>)
    -> (tensor<1x2x2x4xf32>, tensor<1x4x4x4xf32>, tensor<1x4x4x6xf32>) {
  %0 = qnt.conv_2d %x, %w, %b {padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32,
                               fused_activation = #qnt.act<relu6>}
       : (tensor<1x5x5x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x2x2x4xf32>
  %1 = qnt.conv_2d %y, %w {dilation_h = 2 : i32, dilation_w = 2 : i32, padding = #qnt.padding<same>}
       : (tensor<1x4x4x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  // Grouped: 4 input channels, 2 per filter, so 2 groups of 3 filters.
  %2 = qnt.conv_2d %g, %gw {fused_activation = #qnt.act<relu_n1_to_1>}
       : (tensor<1x4x4x4xf32>, tensor<6x1x1x2xf32>) -> tensor<1x4x4x6xf32>
  return %0, %1, %2 : tensor<1x2x2x4xf32>, tensor<1x4x4x4xf32>, tensor<1x4x4x6xf32>
}

// int8 per-channel weights along O, bias scales 0.5 * {0.25, 0.125}.
// CHECK-LABEL: func.func @conv_2d_quantized
// CHECK: qnt.conv_2d %arg0, %{{.*}}, %{{.*}} : (tensor<1x4x4x3x!quant.uniform<i8:f32, 5.000000e-01:-1>>, tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {2.500000e-01,1.250000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 1.000000e+00:5>>
func.func @conv_2d_quantized(%x: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5:-1>>)
    -> tensor<1x4x4x2x!quant.uniform<i8:f32, 1.0:5>> {
  %w = qnt.const dense<1> : tensor<2x3x3x3xi8>
         -> tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>>
  %b = qnt.const dense<[10, -20]> : tensor<2xi32>
         -> tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>
  %0 = qnt.conv_2d %x, %w, %b
       : (tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5:-1>>,
          tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>>,
          tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>)
       -> tensor<1x4x4x2x!quant.uniform<i8:f32, 1.0:5>>
  return %0 : tensor<1x4x4x2x!quant.uniform<i8:f32, 1.0:5>>
}

// 2 input channels, depth_multiplier 2: 4 filter and result channels.
// CHECK-LABEL: func.func @depthwise_conv_2d
// CHECK: qnt.depthwise_conv_2d %arg0, %arg1, %arg2 {depth_multiplier = 2 : i32, dilation_h = 2 : i32, fused_activation = #qnt.act<relu>} : (tensor<1x4x4x2xf32>, tensor<1x3x3x4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// CHECK: qnt.depthwise_conv_2d %arg3, %{{.*}} {padding = #qnt.padding<valid>, stride_w = 2 : i32} : (tensor<1x4x5x2x!quant.uniform<i16:f32, 1.000000e-03>>, tensor<1x3x3x2x!quant.uniform<i8<-127:127>:f32:3, {1.000000e-01,2.000000e-01}>>) -> tensor<1x2x2x2x!quant.uniform<i16:f32, 2.000000e-03>>
func.func @depthwise_conv_2d(%x: tensor<1x4x4x2xf32>, %w: tensor<1x3x3x4xf32>, %b: tensor<4xf32>,
                             %q: tensor<1x4x5x2x!quant.uniform<i16:f32, 0.001>>)
    -> (tensor<1x4x4x4xf32>, tensor<1x2x2x2x!quant.uniform<i16:f32, 0.002>>) {
  %0 = qnt.depthwise_conv_2d %x, %w, %b {depth_multiplier = 2 : i32, dilation_h = 2 : i32,
                                         fused_activation = #qnt.act<relu>}
       : (tensor<1x4x4x2xf32>, tensor<1x3x3x4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  // int16x8: int8 weights per channel along dimension 3, no bias.
  %qw = qnt.const dense<3> : tensor<1x3x3x2xi8>
          -> tensor<1x3x3x2x!quant.uniform<i8<-127:127>:f32:3, {0.1, 0.2}>>
  %1 = qnt.depthwise_conv_2d %q, %qw {padding = #qnt.padding<valid>, stride_w = 2 : i32}
       : (tensor<1x4x5x2x!quant.uniform<i16:f32, 0.001>>,
          tensor<1x3x3x2x!quant.uniform<i8<-127:127>:f32:3, {0.1, 0.2}>>)
       -> tensor<1x2x2x2x!quant.uniform<i16:f32, 0.002>>
  return %0, %1 : tensor<1x4x4x4xf32>, tensor<1x2x2x2x!quant.uniform<i16:f32, 0.002>>
}

// Same padding, stride 2: 4x4 -> 8x8 (ceil(8 / 2) = 4). Valid padding,
// stride 2, 3x3 filter: 3x3 -> 7x7 ((7 - 3) / 2 + 1 = 3).
// CHECK-LABEL: func.func @transpose_conv
// CHECK: %[[SHAPE:.*]] = qnt.const dense<[1, 8, 8, 2]> : tensor<4xi32>
// CHECK: qnt.transpose_conv %[[SHAPE]], %arg0, %arg1, %arg2 {fused_activation = #qnt.act<tanh>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<2x3x3x4xf32>, tensor<1x4x4x4xf32>, tensor<2xf32>) -> tensor<1x8x8x2xf32>
// CHECK: qnt.transpose_conv %arg3, %arg0, %arg4 {padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<2x3x3x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x7x7x2xf32>
func.func @transpose_conv(%w: tensor<2x3x3x4xf32>, %x: tensor<1x4x4x4xf32>, %b: tensor<2xf32>,
                          %s: tensor<4xi32>, %y: tensor<1x3x3x4xf32>)
    -> (tensor<1x8x8x2xf32>, tensor<1x7x7x2xf32>) {
  %shape = qnt.const dense<[1, 8, 8, 2]> : tensor<4xi32>
  %0 = qnt.transpose_conv %shape, %w, %x, %b {stride_h = 2 : i32, stride_w = 2 : i32,
                                             fused_activation = #qnt.act<tanh>}
       : (tensor<4xi32>, tensor<2x3x3x4xf32>, tensor<1x4x4x4xf32>, tensor<2xf32>) -> tensor<1x8x8x2xf32>
  %1 = qnt.transpose_conv %s, %w, %y {padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<4xi32>, tensor<2x3x3x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x7x7x2xf32>
  return %0, %1 : tensor<1x8x8x2xf32>, tensor<1x7x7x2xf32>
}

// 2x3x4 input, 5x4 filter: [6, 5], or [2, 3, 5] with keep_num_dims.
// CHECK-LABEL: func.func @fully_connected
// CHECK: qnt.fully_connected %arg0, %arg1, %arg2 {fused_activation = #qnt.act<sign_bit>} : (tensor<2x3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<6x5xf32>
// CHECK: qnt.fully_connected %arg0, %arg1 {keep_num_dims} : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32>
// CHECK: qnt.fully_connected %arg3, %{{.*}}, %{{.*}} : (tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01:3>>, tensor<5x4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>, tensor<5x!quant.uniform<i32:f32, 1.250000e-01>>) -> tensor<1x5x!quant.uniform<i8:f32, 1.000000e+00:-2>>
func.func @fully_connected(%x: tensor<2x3x4xf32>, %w: tensor<5x4xf32>, %b: tensor<5xf32>,
                           %q: tensor<1x4x!quant.uniform<i8:f32, 0.25:3>>)
    -> (tensor<6x5xf32>, tensor<2x3x5xf32>, tensor<1x5x!quant.uniform<i8:f32, 1.0:-2>>) {
  %0 = qnt.fully_connected %x, %w, %b {fused_activation = #qnt.act<sign_bit>}
       : (tensor<2x3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<6x5xf32>
  %1 = qnt.fully_connected %x, %w {keep_num_dims}
       : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32>
  // Per-tensor int8 weights; bias scale 0.25 * 0.5.
  %qw = qnt.const dense<7> : tensor<5x4xi8> -> tensor<5x4x!quant.uniform<i8<-127:127>:f32, 0.5>>
  %qb = qnt.const dense<0> : tensor<5xi32> -> tensor<5x!quant.uniform<i32:f32, 0.125>>
  %2 = qnt.fully_connected %q, %qw, %qb
       : (tensor<1x4x!quant.uniform<i8:f32, 0.25:3>>, tensor<5x4x!quant.uniform<i8<-127:127>:f32, 0.5>>,
          tensor<5x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x5x!quant.uniform<i8:f32, 1.0:-2>>
  return %0, %1, %2 : tensor<6x5xf32>, tensor<2x3x5xf32>, tensor<1x5x!quant.uniform<i8:f32, 1.0:-2>>
}

// CHECK-LABEL: func.func @batch_matmul
// CHECK: qnt.batch_matmul %arg0, %arg1 : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
// CHECK: qnt.batch_matmul %arg2, %arg3 {adj_x, adj_y} : (tensor<2x4x3xf32>, tensor<1x5x4xf32>) -> tensor<2x3x5xf32>
func.func @batch_matmul(%x: tensor<2x3x4xf32>, %y: tensor<4x5xf32>,
                        %xt: tensor<2x4x3xf32>, %yt: tensor<1x5x4xf32>)
    -> (tensor<2x3x5xf32>, tensor<2x3x5xf32>) {
  %0 = qnt.batch_matmul %x, %y : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %1 = qnt.batch_matmul %xt, %yt {adj_x, adj_y} : (tensor<2x4x3xf32>, tensor<1x5x4xf32>) -> tensor<2x3x5xf32>
  return %0, %1 : tensor<2x3x5xf32>, tensor<2x3x5xf32>
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @arithmetic
// CHECK: qnt.add %arg0, %arg1 {fused_activation = #qnt.act<relu>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.sub %{{.*}}, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.mul %{{.*}}, %arg0 {fused_activation = #qnt.act<relu6>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.div %{{.*}}, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.maximum %{{.*}}, %arg0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.minimum %{{.*}}, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @arithmetic(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = qnt.add %a, %b {fused_activation = #qnt.act<relu>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = qnt.sub %0, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = qnt.mul %1, %a {fused_activation = #qnt.act<relu6>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = qnt.div %2, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %4 = qnt.maximum %3, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = qnt.minimum %4, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %5 : tensor<2x3xf32>
}

// Add rescales inputs of different scales; maximum needs one scale.
// CHECK-LABEL: func.func @arithmetic_quantized
// CHECK: qnt.add %arg0, %arg1 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01:1>>, tensor<4x!quant.uniform<i8:f32, 2.500000e-01:-4>>) -> tensor<4x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK: qnt.maximum %arg0, %arg2 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01:1>>, tensor<1x!quant.uniform<i8:f32, 5.000000e-01:1>>) -> tensor<4x!quant.uniform<i8:f32, 5.000000e-01:1>>
func.func @arithmetic_quantized(%a: tensor<4x!quant.uniform<i8:f32, 0.5:1>>,
                                %b: tensor<4x!quant.uniform<i8:f32, 0.25:-4>>,
                                %c: tensor<1x!quant.uniform<i8:f32, 0.5:1>>)
    -> (tensor<4x!quant.uniform<i8:f32, 1.0:0>>, tensor<4x!quant.uniform<i8:f32, 0.5:1>>) {
  %0 = qnt.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.5:1>>, tensor<4x!quant.uniform<i8:f32, 0.25:-4>>)
       -> tensor<4x!quant.uniform<i8:f32, 1.0:0>>
  %1 = qnt.maximum %a, %c : (tensor<4x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x!quant.uniform<i8:f32, 0.5:1>>)
       -> tensor<4x!quant.uniform<i8:f32, 0.5:1>>
  return %0, %1 : tensor<4x!quant.uniform<i8:f32, 1.0:0>>, tensor<4x!quant.uniform<i8:f32, 0.5:1>>
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @activations
// CHECK: qnt.relu %arg0 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.relu6 %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.relu_n1_to_1 %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.prelu %{{.*}}, %arg1 : (tensor<1x2x2x3xf32>, tensor<1x1x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.hard_swish %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.logistic %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.tanh %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.softmax %{{.*}} {beta = 5.000000e-01 : f32} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.softmax %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.log_softmax %{{.*}} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
func.func @activations(%x: tensor<1x2x2x3xf32>, %alpha: tensor<1x1x3xf32>) -> tensor<1x2x2x3xf32> {
  %0 = qnt.relu %x : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %1 = qnt.relu6 %0 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %2 = qnt.relu_n1_to_1 %1 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %3 = qnt.leaky_relu %2 {alpha = 0.2 : f32} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %4 = qnt.prelu %3, %alpha : (tensor<1x2x2x3xf32>, tensor<1x1x3xf32>) -> tensor<1x2x2x3xf32>
  %5 = qnt.hard_swish %4 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %6 = qnt.logistic %5 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %7 = qnt.tanh %6 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %8 = qnt.softmax %7 {beta = 0.5 : f32} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %9 = qnt.softmax %8 {beta = 1.0 : f32} : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %10 = qnt.log_softmax %9 : (tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  return %10 : tensor<1x2x2x3xf32>
}

!qi = !quant.uniform<i8:f32, 0.05:-10>
!qo = !quant.uniform<i8:f32, 0.02:-128>
// CHECK-LABEL: func.func @math
// CHECK: qnt.exp %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.log %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.sqrt %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.rsqrt %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.elu %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.squared_difference %{{.*}}, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.pow %{{.*}}, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: qnt.abs %arg2 : (tensor<4xi32>) -> tensor<4xi32>
// CHECK: qnt.neg %{{.*}} : (tensor<4xi32>) -> tensor<4xi32>
// CHECK: qnt.abs %arg3 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-10>>) -> tensor<4x!quant.uniform<i8:f32, 2.000000e-02:-128>>
// CHECK: qnt.rsqrt %arg3 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-10>>) -> tensor<4x!quant.uniform<i8:f32, 2.000000e-02:-128>>
func.func @math(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %i: tensor<4xi32>,
                %q: tensor<4x!qi>)
    -> (tensor<2x3xf32>, tensor<4xi32>, tensor<4x!qo>, tensor<4x!qo>) {
  %0 = qnt.exp %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = qnt.log %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = qnt.sqrt %1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = qnt.rsqrt %2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = qnt.elu %3 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = qnt.squared_difference %4, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = qnt.pow %5, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %7 = qnt.abs %i : (tensor<4xi32>) -> tensor<4xi32>
  %8 = qnt.neg %7 : (tensor<4xi32>) -> tensor<4xi32>
  %9 = qnt.abs %q : (tensor<4x!qi>) -> tensor<4x!qo>
  %10 = qnt.rsqrt %q : (tensor<4x!qi>) -> tensor<4x!qo>
  return %6, %8, %9, %10 : tensor<2x3xf32>, tensor<4xi32>, tensor<4x!qo>, tensor<4x!qo>
}

// The fixed output parameters: logistic and softmax (1/256, -128) for int8,
// (1/256, 0) for uint8, (1/32768, 0) for int16; tanh (1/128, 0) for int8;
// log_softmax (16/256, 127) for int8.
// CHECK-LABEL: func.func @activations_quantized
// CHECK: qnt.logistic %arg0 : (tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>>) -> tensor<8x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: qnt.logistic %arg1 : (tensor<8x!quant.uniform<u8:f32, 1.000000e-01:130>>) -> tensor<8x!quant.uniform<u8:f32, 3.906250e-03>>
// CHECK: qnt.tanh %arg0 : (tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>>) -> tensor<8x!quant.uniform<i8:f32, 7.812500e-03>>
// CHECK: qnt.tanh %arg2 : (tensor<8x!quant.uniform<i16:f32, 1.000000e-03>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
// CHECK: qnt.softmax %arg0 : (tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>>) -> tensor<8x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: qnt.softmax %arg0 : (tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
// CHECK: qnt.log_softmax %arg0 : (tensor<8x!quant.uniform<i8:f32, 1.000000e-01:3>>) -> tensor<8x!quant.uniform<i8:f32, 6.250000e-02:127>>
// CHECK: qnt.leaky_relu %arg2 {alpha = 1.000000e-01 : f32} : (tensor<8x!quant.uniform<i16:f32, 1.000000e-03>>) -> tensor<8x!quant.uniform<i16:f32, 1.000000e-03>>
func.func @activations_quantized(%a: tensor<8x!quant.uniform<i8:f32, 0.1:3>>,
                                 %u: tensor<8x!quant.uniform<u8:f32, 0.1:130>>,
                                 %s: tensor<8x!quant.uniform<i16:f32, 0.001>>) {
  %0 = qnt.logistic %a : (tensor<8x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  %1 = qnt.logistic %u : (tensor<8x!quant.uniform<u8:f32, 0.1:130>>) -> tensor<8x!quant.uniform<u8:f32, 0.00390625:0>>
  %2 = qnt.tanh %a : (tensor<8x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.0078125:0>>
  %3 = qnt.tanh %s : (tensor<8x!quant.uniform<i16:f32, 0.001>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
  %4 = qnt.softmax %a : (tensor<8x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  %5 = qnt.softmax %a : (tensor<8x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
  %6 = qnt.log_softmax %a : (tensor<8x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.0625:127>>
  %7 = qnt.leaky_relu %s {alpha = 0.1 : f32} : (tensor<8x!quant.uniform<i16:f32, 0.001>>) -> tensor<8x!quant.uniform<i16:f32, 0.001>>
  return
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

// Same padding, 3x3 window, stride 2 on 5x6: ceil(5 / 2) = 3, ceil(6 / 2) = 3.
// Valid padding, 2x2 window, stride 2 on 5x6: (5 - 2) / 2 + 1 = 2, (6 - 2) / 2 + 1 = 3.
// CHECK-LABEL: func.func @pooling
// CHECK: qnt.average_pool_2d %arg0 {filter_h = 3 : i32, filter_w = 3 : i32, fused_activation = #qnt.act<relu6>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x5x6x2xf32>) -> tensor<1x3x3x2xf32>
// CHECK: qnt.max_pool_2d %arg1 {filter_h = 2 : i32, filter_w = 2 : i32, padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x5x6x2x!quant.uniform<i8:f32, 5.000000e-01:-3>>) -> tensor<1x2x3x2x!quant.uniform<i8:f32, 5.000000e-01:-3>>
func.func @pooling(%x: tensor<1x5x6x2xf32>, %q: tensor<1x5x6x2x!quant.uniform<i8:f32, 0.5:-3>>)
    -> (tensor<1x3x3x2xf32>, tensor<1x2x3x2x!quant.uniform<i8:f32, 0.5:-3>>) {
  %0 = qnt.average_pool_2d %x {filter_h = 3 : i32, filter_w = 3 : i32, stride_h = 2 : i32,
                               stride_w = 2 : i32, fused_activation = #qnt.act<relu6>}
       : (tensor<1x5x6x2xf32>) -> tensor<1x3x3x2xf32>
  %1 = qnt.max_pool_2d %q {filter_h = 2 : i32, filter_w = 2 : i32, stride_h = 2 : i32,
                           stride_w = 2 : i32, padding = #qnt.padding<valid>}
       : (tensor<1x5x6x2x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<1x2x3x2x!quant.uniform<i8:f32, 0.5:-3>>
  return %0, %1 : tensor<1x3x3x2xf32>, tensor<1x2x3x2x!quant.uniform<i8:f32, 0.5:-3>>
}

// CHECK-LABEL: func.func @mean
// CHECK: %[[AXIS:.*]] = qnt.const dense<[1, -2]> : tensor<2xi32>
// CHECK: qnt.mean %arg0, %[[AXIS]] {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
// CHECK: qnt.mean %arg0, %[[AXIS]] : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
func.func @mean(%x: tensor<1x4x5x3xf32>) -> (tensor<1x1x1x3xf32>, tensor<1x3xf32>) {
  %axis = qnt.const dense<[1, -2]> : tensor<2xi32>
  %0 = qnt.mean %x, %axis {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
  %1 = qnt.mean %x, %axis : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
  return %0, %1 : tensor<1x1x1x3xf32>, tensor<1x3xf32>
}

// CHECK-LABEL: func.func @reductions
// CHECK: qnt.sum %arg0, %[[AXIS:.*]] {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
// CHECK: qnt.reduce_max %arg0, %[[AXIS]] : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
// CHECK: qnt.reduce_min %arg0, %[[AXIS]] {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
// CHECK: qnt.arg_max %arg0, %{{.*}} : (tensor<1x4x5x3xf32>, tensor<1xi32>) -> tensor<1x4x5xi64>
func.func @reductions(%x: tensor<1x4x5x3xf32>) -> (tensor<1x1x1x3xf32>, tensor<1x3xf32>, tensor<1x1x1x3xf32>, tensor<1x4x5xi64>) {
  %axis = qnt.const dense<[1, -2]> : tensor<2xi32>
  %dim = qnt.const dense<[-1]> : tensor<1xi32>
  %0 = qnt.sum %x, %axis {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
  %1 = qnt.reduce_max %x, %axis : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
  %2 = qnt.reduce_min %x, %axis {keep_dims} : (tensor<1x4x5x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
  %3 = qnt.arg_max %x, %dim : (tensor<1x4x5x3xf32>, tensor<1xi32>) -> tensor<1x4x5xi64>
  return %0, %1, %2, %3 : tensor<1x1x1x3xf32>, tensor<1x3xf32>, tensor<1x1x1x3xf32>, tensor<1x4x5xi64>
}

// CHECK-LABEL: func.func @floor
// CHECK: qnt.floor %arg0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @floor(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = qnt.floor %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @arg_min
// CHECK: qnt.arg_min %arg0, %{{.*}} : (tensor<1x4x5x3xf32>, tensor<1xi32>) -> tensor<1x5x3xi32>
func.func @arg_min(%x: tensor<1x4x5x3xf32>) -> tensor<1x5x3xi32> {
  %dim = qnt.const dense<[1]> : tensor<1xi32>
  %0 = qnt.arg_min %x, %dim : (tensor<1x4x5x3xf32>, tensor<1xi32>) -> tensor<1x5x3xi32>
  return %0 : tensor<1x5x3xi32>
}

// A sum over a dimension of size 1 may keep the input's parameters (TFLite
// then adds the stored values unscaled, which is exact for one element).
// CHECK-LABEL: func.func @sum_of_one
// CHECK: qnt.sum %arg0, %{{.*}} : (tensor<2x1x!quant.uniform<i8:f32, 1.000000e-01:3>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 1.000000e-01:3>>
func.func @sum_of_one(%x: tensor<2x1x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<2x!quant.uniform<i8:f32, 0.1:3>> {
  %axis = qnt.const dense<[1]> : tensor<1xi32>
  %0 = qnt.sum %x, %axis : (tensor<2x1x!quant.uniform<i8:f32, 0.1:3>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 0.1:3>>
  return %0 : tensor<2x!quant.uniform<i8:f32, 0.1:3>>
}

// CHECK-LABEL: func.func @gather_space_to_depth
// CHECK: qnt.gather %arg0, %{{.*}} {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x4x6x3xf32>, tensor<2x5xi64>) -> tensor<2x5x6x3xf32>
// CHECK: qnt.space_to_depth %arg0 {block_size = 2 : i32} : (tensor<2x4x6x3xf32>) -> tensor<2x2x3x12xf32>
func.func @gather_space_to_depth(%x: tensor<2x4x6x3xf32>, %i: tensor<2x5xi64>) -> (tensor<2x5x6x3xf32>, tensor<2x2x3x12xf32>) {
  %0 = qnt.gather %x, %i {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x4x6x3xf32>, tensor<2x5xi64>) -> tensor<2x5x6x3xf32>
  %1 = qnt.space_to_depth %x {block_size = 2 : i32} : (tensor<2x4x6x3xf32>) -> tensor<2x2x3x12xf32>
  return %0, %1 : tensor<2x5x6x3xf32>, tensor<2x2x3x12xf32>
}

// CHECK-LABEL: func.func @depth_to_space
// CHECK: qnt.depth_to_space %arg0 {block_size = 2 : i32} : (tensor<2x4x6x12xf32>) -> tensor<2x8x12x3xf32>
// CHECK: qnt.depth_to_space %arg1 {block_size = 3 : i32} : (tensor<1x?x2x18x!quant.uniform<i8:f32, 5.000000e-01:-4>>) -> tensor<1x?x6x2x!quant.uniform<i8:f32, 5.000000e-01:-4>>
func.func @depth_to_space(%x: tensor<2x4x6x12xf32>, %q: tensor<1x?x2x18x!quant.uniform<i8:f32, 0.5:-4>>) -> (tensor<2x8x12x3xf32>, tensor<1x?x6x2x!quant.uniform<i8:f32, 0.5:-4>>) {
  %0 = qnt.depth_to_space %x {block_size = 2 : i32} : (tensor<2x4x6x12xf32>) -> tensor<2x8x12x3xf32>
  %1 = qnt.depth_to_space %q {block_size = 3 : i32} : (tensor<1x?x2x18x!quant.uniform<i8:f32, 0.5:-4>>) -> tensor<1x?x6x2x!quant.uniform<i8:f32, 0.5:-4>>
  return %0, %1 : tensor<2x8x12x3xf32>, tensor<1x?x6x2x!quant.uniform<i8:f32, 0.5:-4>>
}

// CHECK-LABEL: func.func @batch_space_tile_broadcast
// CHECK: qnt.space_to_batch_nd %arg0, %arg1, %arg2 : (tensor<1x4x6x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x3xf32>
// CHECK: qnt.batch_to_space_nd %{{.*}}, %arg1, %arg2 : (tensor<?x?x?x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x3xf32>
// CHECK: qnt.tile %arg0, %arg3 : (tensor<1x4x6x3xf32>, tensor<4xi64>) -> tensor<?x?x?x?xf32>
// CHECK: qnt.broadcast_to %arg0, %arg4 : (tensor<1x4x6x3xf32>, tensor<5xi32>) -> tensor<2x1x4x6x3xf32>
func.func @batch_space_tile_broadcast(%x: tensor<1x4x6x3xf32>, %b: tensor<2xi32>, %p: tensor<2x2xi32>, %m: tensor<4xi64>, %s: tensor<5xi32>)
    -> (tensor<?x?x?x3xf32>, tensor<?x?x?x?xf32>, tensor<2x1x4x6x3xf32>) {
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x6x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x3xf32>
  %1 = qnt.batch_to_space_nd %0, %b, %p : (tensor<?x?x?x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x3xf32>
  %2 = qnt.tile %x, %m : (tensor<1x4x6x3xf32>, tensor<4xi64>) -> tensor<?x?x?x?xf32>
  %3 = qnt.broadcast_to %x, %s : (tensor<1x4x6x3xf32>, tensor<5xi32>) -> tensor<2x1x4x6x3xf32>
  return %1, %2, %3 : tensor<?x?x?x3xf32>, tensor<?x?x?x?xf32>, tensor<2x1x4x6x3xf32>
}

// CHECK-LABEL: func.func @l2_normalization_gelu
// CHECK: qnt.l2_normalization %arg0 : (tensor<1x4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>) -> tensor<1x4x8x!quant.uniform<i8:f32, 7.812500e-03>>
// CHECK: qnt.gelu %arg1 {approximate} : (tensor<2x5xf32>) -> tensor<2x5xf32>
// CHECK: qnt.gelu %arg1 : (tensor<2x5xf32>) -> tensor<2x5xf32>
func.func @l2_normalization_gelu(%x: tensor<1x4x8x!quant.uniform<i8:f32, 0.05:3>>, %y: tensor<2x5xf32>)
    -> (tensor<1x4x8x!quant.uniform<i8:f32, 0.0078125>>, tensor<2x5xf32>, tensor<2x5xf32>) {
  %0 = qnt.l2_normalization %x : (tensor<1x4x8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x4x8x!quant.uniform<i8:f32, 0.0078125>>
  %1 = qnt.gelu %y {approximate} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  %2 = qnt.gelu %y : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0, %1, %2 : tensor<1x4x8x!quant.uniform<i8:f32, 0.0078125>>, tensor<2x5xf32>, tensor<2x5xf32>
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @shapes
// CHECK: %[[SHAPE:.*]] = qnt.const dense<[-1, 6]> : tensor<2xi32>
// CHECK: qnt.reshape %arg0, %[[SHAPE]] : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<2x6xf32>
// CHECK: qnt.reshape %arg0 : (tensor<1x2x3x2xf32>) -> tensor<12xf32>
// CHECK: qnt.squeeze %arg1 {squeeze_dims = array<i64: 0, -1>} : (tensor<1x3x1xf32>) -> tensor<3xf32>
// CHECK: qnt.squeeze %arg1 : (tensor<1x3x1xf32>) -> tensor<3xf32>
// CHECK: %[[PERM:.*]] = qnt.const dense<[0, 3, 1, 2]> : tensor<4xi32>
// CHECK: qnt.transpose %arg0, %[[PERM]] : (tensor<1x2x3x2xf32>, tensor<4xi32>) -> tensor<1x2x2x3xf32>
// CHECK: qnt.concatenation %arg0, %arg0 {axis = -1 : i32, fused_activation = #qnt.act<relu>} : (tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>) -> tensor<1x2x3x4xf32>
func.func @shapes(%x: tensor<1x2x3x2xf32>, %s: tensor<1x3x1xf32>) {
  %shape = qnt.const dense<[-1, 6]> : tensor<2xi32>
  %0 = qnt.reshape %x, %shape : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<2x6xf32>
  %1 = qnt.reshape %x : (tensor<1x2x3x2xf32>) -> tensor<12xf32>
  %2 = qnt.squeeze %s {squeeze_dims = array<i64: 0, -1>} : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %3 = qnt.squeeze %s : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %perm = qnt.const dense<[0, 3, 1, 2]> : tensor<4xi32>
  %4 = qnt.transpose %x, %perm : (tensor<1x2x3x2xf32>, tensor<4xi32>) -> tensor<1x2x2x3xf32>
  %5 = qnt.concatenation %x, %x {axis = -1 : i32, fused_activation = #qnt.act<relu>}
       : (tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>) -> tensor<1x2x3x4xf32>
  return
}

// Same-scale ops keep one scale and zero point on every quantized tensor.
// CHECK-LABEL: func.func @shapes_quantized
// CHECK: qnt.reshape %arg0, %{{.*}} : (tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:4>>, tensor<1xi32>) -> tensor<6x!quant.uniform<i8:f32, 2.500000e-01:4>>
// CHECK: qnt.concatenation %arg0, %arg0 {axis = 0 : i32} : (tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:4>>, tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:4>>) -> tensor<4x3x!quant.uniform<i8:f32, 2.500000e-01:4>>
func.func @shapes_quantized(%x: tensor<2x3x!quant.uniform<i8:f32, 0.25:4>>) {
  %shape = qnt.const dense<6> : tensor<1xi32>
  %0 = qnt.reshape %x, %shape : (tensor<2x3x!quant.uniform<i8:f32, 0.25:4>>, tensor<1xi32>)
       -> tensor<6x!quant.uniform<i8:f32, 0.25:4>>
  %1 = qnt.concatenation %x, %x {axis = 0 : i32}
       : (tensor<2x3x!quant.uniform<i8:f32, 0.25:4>>, tensor<2x3x!quant.uniform<i8:f32, 0.25:4>>)
       -> tensor<4x3x!quant.uniform<i8:f32, 0.25:4>>
  return
}

// Paddings [[0, 0], [1, 2], [2, 1], [0, 0]] on 1x2x3x2: 1x5x6x2.
// CHECK-LABEL: func.func @padding
// CHECK: %[[P:.*]] = qnt.const dense<{{\[\[}}0, 0], [1, 2], [2, 1], [0, 0]]> : tensor<4x2xi32>
// CHECK: qnt.pad %arg0, %[[P]] : (tensor<1x2x3x2xf32>, tensor<4x2xi32>) -> tensor<1x5x6x2xf32>
// CHECK: qnt.pad_v2 %arg0, %[[P]], %arg1 : (tensor<1x2x3x2xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x5x6x2xf32>
func.func @padding(%x: tensor<1x2x3x2xf32>, %c: tensor<f32>) {
  %p = qnt.const dense<[[0, 0], [1, 2], [2, 1], [0, 0]]> : tensor<4x2xi32>
  %0 = qnt.pad %x, %p : (tensor<1x2x3x2xf32>, tensor<4x2xi32>) -> tensor<1x5x6x2xf32>
  %1 = qnt.pad_v2 %x, %p, %c : (tensor<1x2x3x2xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x5x6x2xf32>
  return
}

// Reflect allows paddings up to size - 1, symmetric up to the size.
// CHECK-LABEL: func.func @mirror_padding
// CHECK: qnt.mirror_pad %arg0, %{{.*}} {mode = #qnt.mirror_pad_mode<reflect>} : (tensor<1x2x3x2xf32>, tensor<4x2xi32>) -> tensor<1x3x7x2xf32>
// CHECK: qnt.mirror_pad %arg0, %{{.*}} {mode = #qnt.mirror_pad_mode<symmetric>} : (tensor<1x2x3x2xf32>, tensor<4x2xi32>) -> tensor<1x6x9x2xf32>
func.func @mirror_padding(%x: tensor<1x2x3x2xf32>) {
  %r = qnt.const dense<[[0, 0], [1, 0], [2, 2], [0, 0]]> : tensor<4x2xi32>
  %s = qnt.const dense<[[0, 0], [2, 2], [3, 3], [0, 0]]> : tensor<4x2xi32>
  %0 = qnt.mirror_pad %x, %r {mode = #qnt.mirror_pad_mode<reflect>} : (tensor<1x2x3x2xf32>, tensor<4x2xi32>) -> tensor<1x3x7x2xf32>
  %1 = qnt.mirror_pad %x, %s {mode = #qnt.mirror_pad_mode<symmetric>} : (tensor<1x2x3x2xf32>, tensor<4x2xi32>) -> tensor<1x6x9x2xf32>
  return
}

// CHECK-LABEL: func.func @resize
// CHECK: %[[SIZE:.*]] = qnt.const dense<[4, 6]> : tensor<2xi32>
// CHECK: qnt.resize_bilinear %arg0, %[[SIZE]] {half_pixel_centers} : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x4x6x2xf32>
// CHECK: qnt.resize_bilinear %arg0, %[[SIZE]] {align_corners} : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x4x6x2xf32>
// CHECK: qnt.resize_nearest_neighbor %arg0, %[[SIZE]] {align_corners, half_pixel_centers} : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x4x6x2xf32>
// CHECK: qnt.resize_nearest_neighbor %arg0, %arg1 : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x?x?x2xf32>
func.func @resize(%x: tensor<1x2x3x2xf32>, %size: tensor<2xi32>) {
  %s = qnt.const dense<[4, 6]> : tensor<2xi32>
  %0 = qnt.resize_bilinear %x, %s {half_pixel_centers} : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x4x6x2xf32>
  %1 = qnt.resize_bilinear %x, %s {align_corners} : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x4x6x2xf32>
  %2 = qnt.resize_nearest_neighbor %x, %s {align_corners, half_pixel_centers}
       : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x4x6x2xf32>
  %3 = qnt.resize_nearest_neighbor %x, %size : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x?x?x2xf32>
  return
}

// Slice from [0, 1, 0] taking [1, -1, 2] of 2x4x3: 1x3x2.
// CHECK-LABEL: func.func @slicing
// CHECK: qnt.slice %arg0, %{{.*}}, %{{.*}} : (tensor<2x4x3xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<1x3x2xf32>
// CHECK: qnt.strided_slice %arg0, %arg1, %arg1, %arg1 {begin_mask = 1 : i32, ellipsis_mask = 4 : i32, end_mask = 2 : i32, new_axis_mask = 8 : i32, offset, shrink_axis_mask = 16 : i32} : (tensor<2x4x3xf32>, tensor<5xi32>, tensor<5xi32>, tensor<5xi32>) -> tensor<?x?x?xf32>
// CHECK: qnt.strided_slice %arg0, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x4x3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x2x3xf32>
func.func @slicing(%x: tensor<2x4x3xf32>, %v: tensor<5xi32>) {
  %b = qnt.const dense<[0, 1, 0]> : tensor<3xi32>
  %s = qnt.const dense<[1, -1, 2]> : tensor<3xi32>
  %0 = qnt.slice %x, %b, %s : (tensor<2x4x3xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<1x3x2xf32>
  %1 = qnt.strided_slice %x, %v, %v, %v {begin_mask = 1 : i32, end_mask = 2 : i32, ellipsis_mask = 4 : i32,
                                         new_axis_mask = 8 : i32, shrink_axis_mask = 16 : i32, offset}
       : (tensor<2x4x3xf32>, tensor<5xi32>, tensor<5xi32>, tensor<5xi32>) -> tensor<?x?x?xf32>
  %e = qnt.const dense<[2, 4, 3]> : tensor<3xi32>
  %st = qnt.const dense<[1, 2, 1]> : tensor<3xi32>
  %z = qnt.const dense<0> : tensor<3xi32>
  %2 = qnt.strided_slice %x, %z, %e, %st
       : (tensor<2x4x3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x2x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Ops qnt does not know
//===----------------------------------------------------------------------===//

// Options are raw bytes, zeros and high bytes included.
// CHECK-LABEL: func.func @custom
// CHECK: qnt.custom %arg0, %arg1 {name = "Convolution2DTransposeBias", options = "\01\00\02\FF\80"} : (tensor<1x8x8x4xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
// CHECK: qnt.custom {builtin_code = 150 : i32, name = "", version = 3 : i32} : () -> (tensor<2xf32>, tensor<i64>)
func.func @custom(%x: tensor<1x8x8x4xf32>, %b: tensor<4xf32>) {
  %0 = qnt.custom %x, %b {name = "Convolution2DTransposeBias", options = "\01\00\02\FF\80"}
       : (tensor<1x8x8x4xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
  %1:2 = qnt.custom {name = "", builtin_code = 150 : i32, version = 3 : i32} : () -> (tensor<2xf32>, tensor<i64>)
  return
}

//===----------------------------------------------------------------------===//
// Integer arithmetic made explicit
//===----------------------------------------------------------------------===//

// 0.75 / 0.25 = 3 = (1610612736 / 2^31) * 2^2; 0.25 / 0.5 = 0.5 = (2^30 / 2^31) * 2^0.
// CHECK-LABEL: func.func @requantize
// CHECK: qnt.requantize %arg0 {multiplier = 1610612736 : i32, shift = 2 : i32} : (tensor<2x3x!quant.uniform<i8:f32, 7.500000e-01:-4>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:10>>
// CHECK: qnt.requantize %arg1 {multiplier = 1073741824 : i32, shift = 0 : i32} : (tensor<4x!quant.uniform<i16:f32, 2.500000e-01>>) -> tensor<4x!quant.uniform<i16:f32, 5.000000e-01>>
// GENERIC-LABEL: sym_name = "requantize"
// GENERIC: "qnt.requantize"(%arg0) <{multiplier = 1610612736 : i32, shift = 2 : i32}> : (tensor<2x3x!quant.uniform<i8:f32, 7.500000e-01:-4>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:10>>
func.func @requantize(%x: tensor<2x3x!quant.uniform<i8:f32, 0.75:-4>>, %y: tensor<4x!quant.uniform<i16:f32, 0.25>>)
    -> (tensor<2x3x!quant.uniform<i8:f32, 0.25:10>>, tensor<4x!quant.uniform<i16:f32, 0.5>>) {
  %0 = qnt.requantize %x {multiplier = 1610612736 : i32, shift = 2 : i32}
       : (tensor<2x3x!quant.uniform<i8:f32, 0.75:-4>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.25:10>>
  %1 = qnt.requantize %y {multiplier = 1073741824 : i32, shift = 0 : i32}
       : (tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 0.5>>
  return %0, %1 : tensor<2x3x!quant.uniform<i8:f32, 0.25:10>>, tensor<4x!quant.uniform<i16:f32, 0.5>>
}
