// Convolutions and matrix products survive export to a flatbuffer and import
// back: every option (padding, strides, dilations, depth multiplier, fused
// activation, keep_num_dims, adjoint flags), optional biases, and float,
// per-tensor and per-axis quantized types with their scales, zero points and
// quantized dimension. Each function is one subgraph, named after it.
// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --mlir-print-debuginfo=false --import-tflite %t.tflite | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %arg0: tensor<1x8x8x3xf32>) -> tensor<1x1x4x4xf32>
// CHECK: %[[W:.*]] = qnt.const dense<5.000000e-01> : tensor<4x3x3x3xf32>
// CHECK: %[[B:.*]] = qnt.const dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK: qnt.conv_2d %arg0, %[[W]], %[[B]] {dilation_h = 3 : i32, dilation_w = 2 : i32, fused_activation = #qnt.act<relu6>, padding = #qnt.padding<valid>, stride_h = 2 : i32} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x1x4x4xf32>
func.func @main(%x: tensor<1x8x8x3xf32>) -> tensor<1x1x4x4xf32> {
  %w = qnt.const dense<0.5> : tensor<4x3x3x3xf32>
  %b = qnt.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = qnt.conv_2d %x, %w, %b {padding = #qnt.padding<valid>, stride_h = 2 : i32,
                               stride_w = 1 : i32, dilation_h = 3 : i32,
                               dilation_w = 2 : i32,
                               fused_activation = #qnt.act<relu6>}
       : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// Defaults (same padding, unit strides, no activation) and no bias; the
// other activations.
// CHECK-LABEL: func.func @conv_defaults_no_bias(
// CHECK: qnt.conv_2d %arg0, %{{.*}} : (tensor<1x5x5x2xf32>, tensor<3x2x2x2xf32>) -> tensor<1x5x5x3xf32>
// CHECK: qnt.conv_2d %{{.*}} {fused_activation = #qnt.act<relu>, stride_w = 2 : i32} : (tensor<1x5x5x3xf32>, tensor<3x1x1x3xf32>) -> tensor<1x5x3x3xf32>
// CHECK: qnt.conv_2d %{{.*}} {fused_activation = #qnt.act<relu_n1_to_1>} :
// CHECK: qnt.conv_2d %{{.*}} {fused_activation = #qnt.act<tanh>} :
// CHECK: qnt.conv_2d %{{.*}} {fused_activation = #qnt.act<sign_bit>} :
func.func @conv_defaults_no_bias(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x3x3xf32> {
  %w = qnt.const dense<1.0> : tensor<3x2x2x2xf32>
  %0 = qnt.conv_2d %x, %w : (tensor<1x5x5x2xf32>, tensor<3x2x2x2xf32>) -> tensor<1x5x5x3xf32>
  %w1 = qnt.const dense<1.0> : tensor<3x1x1x3xf32>
  %1 = qnt.conv_2d %0, %w1 {stride_w = 2 : i32, fused_activation = #qnt.act<relu>}
       : (tensor<1x5x5x3xf32>, tensor<3x1x1x3xf32>) -> tensor<1x5x3x3xf32>
  %2 = qnt.conv_2d %1, %w1 {fused_activation = #qnt.act<relu_n1_to_1>}
       : (tensor<1x5x3x3xf32>, tensor<3x1x1x3xf32>) -> tensor<1x5x3x3xf32>
  %3 = qnt.conv_2d %2, %w1 {fused_activation = #qnt.act<tanh>}
       : (tensor<1x5x3x3xf32>, tensor<3x1x1x3xf32>) -> tensor<1x5x3x3xf32>
  %4 = qnt.conv_2d %3, %w1 {fused_activation = #qnt.act<sign_bit>}
       : (tensor<1x5x3x3xf32>, tensor<3x1x1x3xf32>) -> tensor<1x5x3x3xf32>
  return %4 : tensor<1x5x3x3xf32>
}

// int8 with per-channel weights (quantized dimension 0) and an int32 bias
// whose scales are input scale * weight scale. Scales are written as float32:
// 0.1 comes back as the float32 nearest to it.
// CHECK-LABEL: func.func @conv_int8_per_channel(
// CHECK-SAME: %arg0: tensor<1x4x4x2x!quant.uniform<i8:f32, 2.500000e-01:-3>>)
// CHECK: %[[W:.*]] = qnt.const dense<{{\[\[\[\[}}1, -2]]], {{\[\[\[}}127, -128]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8:f32:0, {5.000000e-01,0.10000000149011612}>>
// CHECK: %[[B:.*]] = qnt.const dense<[100, -7]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,0.02500000037252903}>>
// CHECK: qnt.conv_2d %arg0, %[[W]], %[[B]] {fused_activation = #qnt.act<relu>} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 2.500000e-01:-3>>, tensor<2x1x1x2x!quant.uniform<i8:f32:0, {5.000000e-01,0.10000000149011612}>>, tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,0.02500000037252903}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 7.500000e-01:5>>
func.func @conv_int8_per_channel(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.25:-3>>)
    -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.75:5>> {
  %w = qnt.const dense<[[[[1, -2]]], [[[127, -128]]]]> : tensor<2x1x1x2xi8>
         -> tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.5, 0.1}>>
  %b = qnt.const dense<[100, -7]> : tensor<2xi32>
         -> tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.025}>>
  %0 = qnt.conv_2d %x, %w, %b {fused_activation = #qnt.act<relu>}
       : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.25:-3>>,
          tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.5, 0.1}>>,
          tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.025}>>)
       -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.75:5>>
  return %0 : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.75:5>>
}

// TFLite does not record narrow ranges: narrow-range weights come back with
// the full storage range, their values unchanged.
// CHECK-LABEL: func.func @conv_int8_narrow_per_tensor(
// CHECK: qnt.const dense<-127> : tensor<1x1x1x1xi8> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 6.250000e-02>>
func.func @conv_int8_narrow_per_tensor(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>)
    -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>> {
  %w = qnt.const dense<-127> : tensor<1x1x1x1xi8>
         -> tensor<1x1x1x1x!quant.uniform<i8<-127:127>:f32, 0.0625>>
  %0 = qnt.conv_2d %x, %w
       : (tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>,
          tensor<1x1x1x1x!quant.uniform<i8<-127:127>:f32, 0.0625>>)
       -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>
}

// CHECK-LABEL: func.func @depthwise(
// CHECK: qnt.depthwise_conv_2d %arg0, %{{.*}}, %{{.*}} {depth_multiplier = 2 : i32, dilation_h = 2 : i32, dilation_w = 3 : i32, fused_activation = #qnt.act<relu6>, padding = #qnt.padding<valid>, stride_h = 2 : i32} : (tensor<1x9x9x2xf32>, tensor<1x2x2x4xf32>, tensor<4xf32>) -> tensor<1x4x6x4xf32>
// CHECK: qnt.depthwise_conv_2d %{{.*}}, %{{.*}} : (tensor<1x4x6x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x4x6x4xf32>
func.func @depthwise(%x: tensor<1x9x9x2xf32>) -> tensor<1x4x6x4xf32> {
  %w = qnt.const dense<0.25> : tensor<1x2x2x4xf32>
  %b = qnt.const dense<-1.0> : tensor<4xf32>
  %0 = qnt.depthwise_conv_2d %x, %w, %b {padding = #qnt.padding<valid>,
         stride_h = 2 : i32, stride_w = 1 : i32, dilation_h = 2 : i32,
         dilation_w = 3 : i32, depth_multiplier = 2 : i32,
         fused_activation = #qnt.act<relu6>}
       : (tensor<1x9x9x2xf32>, tensor<1x2x2x4xf32>, tensor<4xf32>) -> tensor<1x4x6x4xf32>
  %w1 = qnt.const dense<0.5> : tensor<1x3x3x4xf32>
  %1 = qnt.depthwise_conv_2d %0, %w1
       : (tensor<1x4x6x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x4x6x4xf32>
  return %1 : tensor<1x4x6x4xf32>
}

// Depthwise weights are quantized along dimension 3.
// CHECK-LABEL: func.func @depthwise_int8_per_channel(
// CHECK: qnt.const dense<{{.*}}> : tensor<1x1x1x3xi8> -> tensor<1x1x1x3x!quant.uniform<i8:f32:3, {2.500000e-01,5.000000e-01,1.000000e+00}>>
// CHECK: qnt.const dense<[1, 2, 3]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32:0, {1.250000e-01,2.500000e-01,5.000000e-01}>>
// CHECK: qnt.depthwise_conv_2d {{.*}} -> tensor<1x2x2x3x!quant.uniform<i8:f32, 1.000000e+00:-128>>
func.func @depthwise_int8_per_channel(%x: tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:10>>)
    -> tensor<1x2x2x3x!quant.uniform<i8:f32, 1.0:-128>> {
  %w = qnt.const dense<[[[[3, -4, 5]]]]> : tensor<1x1x1x3xi8>
         -> tensor<1x1x1x3x!quant.uniform<i8:f32:3, {0.25, 0.5, 1.0}>>
  %b = qnt.const dense<[1, 2, 3]> : tensor<3xi32>
         -> tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.25, 0.5}>>
  %0 = qnt.depthwise_conv_2d %x, %w, %b
       : (tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:10>>,
          tensor<1x1x1x3x!quant.uniform<i8:f32:3, {0.25, 0.5, 1.0}>>,
          tensor<3x!quant.uniform<i32:f32:0, {0.125, 0.25, 0.5}>>)
       -> tensor<1x2x2x3x!quant.uniform<i8:f32, 1.0:-128>>
  return %0 : tensor<1x2x2x3x!quant.uniform<i8:f32, 1.0:-128>>
}

// CHECK-LABEL: func.func @transpose_conv(
// CHECK: %[[S:.*]] = qnt.const dense<[1, 8, 4, 2]> : tensor<4xi32>
// CHECK: qnt.transpose_conv %[[S]], %{{.*}}, %arg0, %{{.*}} {fused_activation = #qnt.act<relu>, padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 3 : i32} : (tensor<4xi32>, tensor<2x2x1x3xf32>, tensor<1x4x2x3xf32>, tensor<2xf32>) -> tensor<1x8x4x2xf32>
// CHECK: qnt.transpose_conv %{{.*}} : (tensor<4xi32>, tensor<2x1x1x2xf32>, tensor<1x8x4x2xf32>) -> tensor<1x8x4x2xf32>
func.func @transpose_conv(%x: tensor<1x4x2x3xf32>) -> tensor<1x8x4x2xf32> {
  %shape = qnt.const dense<[1, 8, 4, 2]> : tensor<4xi32>
  %w = qnt.const dense<0.5> : tensor<2x2x1x3xf32>
  %b = qnt.const dense<[0.5, -0.5]> : tensor<2xf32>
  %0 = qnt.transpose_conv %shape, %w, %x, %b {padding = #qnt.padding<valid>,
         stride_h = 2 : i32, stride_w = 3 : i32, fused_activation = #qnt.act<relu>}
       : (tensor<4xi32>, tensor<2x2x1x3xf32>, tensor<1x4x2x3xf32>, tensor<2xf32>) -> tensor<1x8x4x2xf32>
  %w1 = qnt.const dense<1.0> : tensor<2x1x1x2xf32>
  %1 = qnt.transpose_conv %shape, %w1, %0
       : (tensor<4xi32>, tensor<2x1x1x2xf32>, tensor<1x8x4x2xf32>) -> tensor<1x8x4x2xf32>
  return %1 : tensor<1x8x4x2xf32>
}

// CHECK-LABEL: func.func @transpose_conv_int8(
// CHECK: qnt.transpose_conv {{.*}} : (tensor<4xi32>, tensor<2x1x1x1x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01}>>, tensor<1x2x2x1x!quant.uniform<i8:f32, 5.000000e-01:1>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 2.500000e-01:-1>>
func.func @transpose_conv_int8(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:1>>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.25:-1>> {
  %shape = qnt.const dense<[1, 2, 2, 2]> : tensor<4xi32>
  %w = qnt.const dense<[[[[2]]], [[[-3]]]]> : tensor<2x1x1x1xi8>
         -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  %0 = qnt.transpose_conv %shape, %w, %x
       : (tensor<4xi32>, tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 0.25}>>,
          tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:1>>)
       -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.25:-1>>
  return %0 : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.25:-1>>
}

// CHECK-LABEL: func.func @fully_connected(
// CHECK: qnt.fully_connected %arg0, %{{.*}}, %{{.*}} {fused_activation = #qnt.act<relu>, keep_num_dims} : (tensor<2x3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<2x3x5xf32>
// CHECK: qnt.fully_connected %{{.*}}, %{{.*}} : (tensor<2x3x5xf32>, tensor<2x5xf32>) -> tensor<6x2xf32>
func.func @fully_connected(%x: tensor<2x3x4xf32>) -> tensor<6x2xf32> {
  %w = qnt.const dense<0.125> : tensor<5x4xf32>
  %b = qnt.const dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %0 = qnt.fully_connected %x, %w, %b {fused_activation = #qnt.act<relu>, keep_num_dims}
       : (tensor<2x3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<2x3x5xf32>
  %w1 = qnt.const dense<1.0> : tensor<2x5xf32>
  %1 = qnt.fully_connected %0, %w1 : (tensor<2x3x5xf32>, tensor<2x5xf32>) -> tensor<6x2xf32>
  return %1 : tensor<6x2xf32>
}

// CHECK-LABEL: func.func @fully_connected_int8(
// CHECK: qnt.const dense<{{\[\[}}1, 2], [3, 4], [-5, -6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 1.250000e-01>>
// CHECK: qnt.const dense<[7, 8, 9]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 3.125000e-02>>
// CHECK: qnt.fully_connected {{.*}} {fused_activation = #qnt.act<relu6>} : (tensor<1x2x!quant.uniform<i8:f32, 2.500000e-01:-128>>, tensor<3x2x!quant.uniform<i8:f32, 1.250000e-01>>, tensor<3x!quant.uniform<i32:f32, 3.125000e-02>>) -> tensor<1x3x!quant.uniform<i8:f32, 6.250000e-02:-20>>
func.func @fully_connected_int8(%x: tensor<1x2x!quant.uniform<i8:f32, 0.25:-128>>)
    -> tensor<1x3x!quant.uniform<i8:f32, 0.0625:-20>> {
  %w = qnt.const dense<[[1, 2], [3, 4], [-5, -6]]> : tensor<3x2xi8>
         -> tensor<3x2x!quant.uniform<i8:f32, 0.125>>
  %b = qnt.const dense<[7, 8, 9]> : tensor<3xi32> -> tensor<3x!quant.uniform<i32:f32, 0.03125>>
  %0 = qnt.fully_connected %x, %w, %b {fused_activation = #qnt.act<relu6>}
       : (tensor<1x2x!quant.uniform<i8:f32, 0.25:-128>>,
          tensor<3x2x!quant.uniform<i8:f32, 0.125>>,
          tensor<3x!quant.uniform<i32:f32, 0.03125>>)
       -> tensor<1x3x!quant.uniform<i8:f32, 0.0625:-20>>
  return %0 : tensor<1x3x!quant.uniform<i8:f32, 0.0625:-20>>
}

// CHECK-LABEL: func.func @batch_matmul(
// CHECK: qnt.batch_matmul %arg0, %arg1 {adj_x, adj_y} : (tensor<2x3x4xf32>, tensor<5x3xf32>) -> tensor<2x4x5xf32>
// CHECK: qnt.batch_matmul %{{.*}}, %{{.*}} : (tensor<2x4x5xf32>, tensor<5x2xf32>) -> tensor<2x4x2xf32>
// CHECK: qnt.batch_matmul %arg2, %arg3 {adj_y} : (tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:3>>, tensor<4x3x!quant.uniform<i8:f32, 2.500000e-01:-2>>) -> tensor<2x4x!quant.uniform<i8:f32, 1.000000e+00>>
func.func @batch_matmul(%x: tensor<2x3x4xf32>, %y: tensor<5x3xf32>,
                        %a: tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>,
                        %b: tensor<4x3x!quant.uniform<i8:f32, 0.25:-2>>)
    -> (tensor<2x4x2xf32>, tensor<2x4x!quant.uniform<i8:f32, 1.0>>) {
  %0 = qnt.batch_matmul %x, %y {adj_x, adj_y}
       : (tensor<2x3x4xf32>, tensor<5x3xf32>) -> tensor<2x4x5xf32>
  %c = qnt.const dense<1.0> : tensor<5x2xf32>
  %1 = qnt.batch_matmul %0, %c : (tensor<2x4x5xf32>, tensor<5x2xf32>) -> tensor<2x4x2xf32>
  %2 = qnt.batch_matmul %a, %b {adj_y}
       : (tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>, tensor<4x3x!quant.uniform<i8:f32, 0.25:-2>>)
       -> tensor<2x4x!quant.uniform<i8:f32, 1.0>>
  return %1, %2 : tensor<2x4x2xf32>, tensor<2x4x!quant.uniform<i8:f32, 1.0>>
}
