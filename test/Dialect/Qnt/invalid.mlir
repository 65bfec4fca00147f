// Every diagnostic of the qnt verifiers (the ops' own and the quantization
// rules of QuantizableOpInterface), one case each. verifier-coverage.test
// fails when a message in lib/Dialect/Qnt/IR has no case here. The texts
// leave out the "'qnt.op' op" prefix so that the coverage check can match
// them against the message patterns.
// RUN: qnt-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Shared shape and type checks (helpers used by many ops)
//===----------------------------------------------------------------------===//

func.func @rank(%x: tensor<1x4x4xf32>, %w: tensor<2x1x1x4xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{expects input of rank 4, got 3}}
  %0 = qnt.conv_2d %x, %w : (tensor<1x4x4xf32>, tensor<2x1x1x4xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @vector_rank(%x: tensor<2x3xf32>, %axis: tensor<1x1xi32>) -> tensor<2xf32> {
  // expected-error @+1 {{expects axis to be 1-D}}
  %0 = qnt.mean %x, %axis : (tensor<2x3xf32>, tensor<1x1xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @vector_size(%x: tensor<1x2x3x4xf32>, %perm: tensor<3xi32>) -> tensor<1x2x3x4xf32> {
  // expected-error @+1 {{expects perm of 4 elements, got 3}}
  %0 = qnt.transpose %x, %perm : (tensor<1x2x3x4xf32>, tensor<3xi32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

func.func @positive(%x: tensor<1x4x4x4xf32>, %w: tensor<2x1x1x4xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{expects stride_h > 0, got 0}}
  %0 = qnt.conv_2d %x, %w {stride_h = 0 : i32} : (tensor<1x4x4x4xf32>, tensor<2x1x1x4xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// Same padding, stride 2 on 4x4: ceil(4 / 2) = 2, not 4.
func.func @result_shape(%x: tensor<1x4x4x4xf32>, %w: tensor<2x3x3x4xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{expects result shape 1x2x2x2, got 1x4x4x2}}
  %0 = qnt.conv_2d %x, %w {stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<1x4x4x4xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @same_kind(%a: tensor<4xf32>, %b: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4xf32> {
  // expected-error @+1 {{expects operands and results to be all float, all integer or all quantized, got 'f32' and '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %0 = qnt.add %a, %b : (tensor<4xf32>, tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @same_element_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{expects one element type (or one quantized storage type) for its data operands and results, got 'f32' and 'f16'}}
  %0 = qnt.relu %x : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// Dilation 2 turns a 3-tap window into 5 taps, more than the 4 rows.
func.func @window_fits(%x: tensor<1x4x8x1xf32>, %w: tensor<1x3x3x1xf32>) -> tensor<1x0x4x1xf32> {
  // expected-error @+1 {{expects the window (5 after dilation) to fit the input height (4) with valid padding}}
  %0 = qnt.conv_2d %x, %w {padding = #qnt.padding<valid>, dilation_h = 2 : i32}
       : (tensor<1x4x8x1xf32>, tensor<1x3x3x1xf32>) -> tensor<1x0x4x1xf32>
  return %0 : tensor<1x0x4x1xf32>
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

// -----

func.func @const_not_elements() {
  // expected-error @+1 {{expected an elements attribute such as dense<...> : tensor<...>}}
  %0 = qnt.const 1 : i32
  return
}

// -----

func.func @const_shape() {
  // expected-error @+1 {{value shape must match the result shape}}
  %0 = qnt.const dense<[1, 2]> : tensor<2xi8> -> tensor<3x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @const_storage_type() {
  // expected-error @+1 {{value element type 'i16' must be 'i8' (the result's storage type)}}
  %0 = qnt.const dense<[1, 2]> : tensor<2xi16> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// -128 is outside narrow-range int8.
func.func @const_storage_range() {
  // expected-error @+1 {{stored value -128 at flat index 1 is outside the storage range [-127, 127] of '!quant.uniform<i8<-127:127>:f32, 5.000000e-01>'}}
  %0 = qnt.const dense<[1, -128]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return
}

//===----------------------------------------------------------------------===//
// Statistics and quantization
//===----------------------------------------------------------------------===//

// -----

func.func @stats_infinite(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{range must be finite}}
  %0 = qnt.stats %x {min = 0xFFF0000000000000 : f64, max = 1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @stats_reversed(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{min 2.000000e+00 is greater than max 1.000000e+00}}
  %0 = qnt.stats %x {min = 2.0 : f64, max = 1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fake_quant_bits(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{num_bits must be in [2, 16], got 1}}
  %0 = qnt.fake_quant %x {min = -1.0 : f64, max = 1.0 : f64, num_bits = 1 : i32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fake_quant_range(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{min 1.000000e+00 is greater than max -1.000000e+00}}
  %0 = qnt.fake_quant %x {min = 1.0 : f64, max = -1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @quantize_float_result(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result must be quantized}}
  %0 = qnt.quantize %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @quantize_f16_input(%x: tensor<4xf16>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{input must be f32 or quantized}}
  %0 = qnt.quantize %x : (tensor<4xf16>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @dequantize_float_input(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{input must be quantized or f16}}
  %0 = qnt.dequantize %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dequantize_f16_result(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4xf16> {
  // expected-error @+1 {{result must be f32}}
  %0 = qnt.dequantize %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @requantize_multiplier(%arg0: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  // 0.5 / 0.25 = 2 = 2^30 * 2^(2 - 31): multiplier 2^30, shift 2.
  // expected-error @+1 {{multiplier 1073741823 and shift 2 do not match the scale ratio 2.000000e+00 (expected 1073741824 and 2)}}
  %0 = qnt.requantize %arg0 {multiplier = 1073741823 : i32, shift = 2 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

func.func @requantize_float(%arg0: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{operand and result must be per-tensor quantized}}
  %0 = qnt.requantize %arg0 {multiplier = 1073741824 : i32, shift = 2 : i32} : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

// -----

func.func @conv_channels(%x: tensor<1x4x4x5xf32>, %w: tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{input channels (5) must be a multiple of filter channels (2)}}
  %0 = qnt.conv_2d %x, %w : (tensor<1x4x4x5xf32>, tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @conv_no_channels(%x: tensor<1x4x4x0xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{input has no channels}}
  %0 = qnt.conv_2d %x, %w : (tensor<1x4x4x0xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// 4 input channels, 2 per filter: 2 groups, which 3 filters cannot split.
func.func @conv_groups(%x: tensor<1x4x4x4xf32>, %w: tensor<3x1x1x2xf32>) -> tensor<1x4x4x3xf32> {
  // expected-error @+1 {{filters (3) must be a multiple of the group count (2)}}
  %0 = qnt.conv_2d %x, %w : (tensor<1x4x4x4xf32>, tensor<3x1x1x2xf32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// -----

func.func @conv_bias(%x: tensor<1x4x4x4xf32>, %w: tensor<2x1x1x4xf32>, %b: tensor<3xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{expects bias of 2 elements, got 3}}
  %0 = qnt.conv_2d %x, %w, %b : (tensor<1x4x4x4xf32>, tensor<2x1x1x4xf32>, tensor<3xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @depthwise_filter(%x: tensor<1x4x4x2xf32>, %w: tensor<2x3x3x2xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{expects filter of shape 1xHxWxC}}
  %0 = qnt.depthwise_conv_2d %x, %w : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @depthwise_multiplier(%x: tensor<1x4x4x2xf32>, %w: tensor<1x3x3x5xf32>) -> tensor<1x4x4x5xf32> {
  // expected-error @+1 {{filter channels (5) must be input channels (2) times depth_multiplier (2)}}
  %0 = qnt.depthwise_conv_2d %x, %w {depth_multiplier = 2 : i32}
       : (tensor<1x4x4x2xf32>, tensor<1x3x3x5xf32>) -> tensor<1x4x4x5xf32>
  return %0 : tensor<1x4x4x5xf32>
}

// -----

func.func @transpose_conv_channels(%s: tensor<4xi32>, %w: tensor<2x3x3x3xf32>, %x: tensor<1x4x4x4xf32>) -> tensor<1x8x8x2xf32> {
  // expected-error @+1 {{filter channels (3) must equal input channels (4)}}
  %0 = qnt.transpose_conv %s, %w, %x {stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<4xi32>, tensor<2x3x3x3xf32>, tensor<1x4x4x4xf32>) -> tensor<1x8x8x2xf32>
  return %0 : tensor<1x8x8x2xf32>
}

// -----

// Same padding, stride 2: conv_2d maps 10 rows to ceil(10 / 2) = 5, not 4.
func.func @transpose_conv_size(%s: tensor<4xi32>, %w: tensor<2x3x3x4xf32>, %x: tensor<1x4x4x4xf32>) -> tensor<1x10x8x2xf32> {
  // expected-error @+1 {{result dimension 1 (10) is not a size that conv_2d with these strides and padding maps to the input's 4}}
  %0 = qnt.transpose_conv %s, %w, %x {stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<4xi32>, tensor<2x3x3x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x10x8x2xf32>
  return %0 : tensor<1x10x8x2xf32>
}

// -----

func.func @fully_connected_rows(%x: tensor<2x5xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{input of 10 elements is not a whole number of rows of 4}}
  %0 = qnt.fully_connected %x, %w : (tensor<2x5xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// 2x8 holds 4 rows of 4, but keep_num_dims needs the last dimension to be 4.
func.func @fully_connected_keep_dims(%x: tensor<2x8xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{with keep_num_dims the input's last dimension must be the filter's depth (4)}}
  %0 = qnt.fully_connected %x, %w {keep_num_dims} : (tensor<2x8xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @batch_matmul_rank(%x: tensor<4xf32>, %y: tensor<4x5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{expects operands of rank >= 2}}
  %0 = qnt.batch_matmul %x, %y : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @batch_matmul_contracting(%x: tensor<3x4xf32>, %y: tensor<3x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{contracting dimensions differ: 4 vs 3}}
  %0 = qnt.batch_matmul %x, %y : (tensor<3x4xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @batch_matmul_broadcast(%x: tensor<2x3x4xf32>, %y: tensor<3x4x5xf32>) -> tensor<2x3x5xf32> {
  // expected-error @+1 {{batch dimensions 2 and 3 do not broadcast}}
  %0 = qnt.batch_matmul %x, %y : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

// -----

func.func @leaky_relu_alpha(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{alpha must be finite, got nan}}
  %0 = qnt.leaky_relu %x {alpha = 0x7FC00000 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @softmax_beta(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{beta must be positive and finite, got 0.000000e+00}}
  %0 = qnt.softmax %x {beta = 0.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @prelu_rank(%x: tensor<4xf32>, %alpha: tensor<2x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{alpha has a higher rank than input}}
  %0 = qnt.prelu %x, %alpha : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @prelu_broadcast(%x: tensor<2x4xf32>, %alpha: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{alpha does not broadcast to the input shape}}
  %0 = qnt.prelu %x, %alpha : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @prelu_result(%x: tensor<2x4xf32>, %alpha: tensor<4xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{result shape must equal input shape}}
  %0 = qnt.prelu %x, %alpha : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

// -----

func.func @pool_filter(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{expects filter_w > 0, got -1}}
  %0 = qnt.max_pool_2d %x {filter_h = 2 : i32, filter_w = -1 : i32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @mean_axis(%x: tensor<1x4x4x2xf32>) -> tensor<1x2xf32> {
  %axis = qnt.const dense<[1, 4]> : tensor<2xi32>
  // expected-error @+1 {{axis 4 out of range for rank 4}}
  %0 = qnt.mean %x, %axis : (tensor<1x4x4x2xf32>, tensor<2xi32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

func.func @sum_axis(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %axis = qnt.const dense<[-3]> : tensor<1xi32>
  // expected-error @+1 {{axis -3 out of range for rank 2}}
  %0 = qnt.sum %x, %axis : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @sum_same_params(%x: tensor<2x3x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<2x!quant.uniform<i8:f32, 0.1:3>> {
  %axis = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{quantized input and result must have different parameters when elements are summed (TFLite rescales only then)}}
  %0 = qnt.sum %x, %axis : (tensor<2x3x!quant.uniform<i8:f32, 0.1:3>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 0.1:3>>
  return %0 : tensor<2x!quant.uniform<i8:f32, 0.1:3>>
}

// -----

func.func @reduce_max_shape(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %axis = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{expects result shape 2, got 2x1}}
  %0 = qnt.reduce_max %x, %axis : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

func.func @reduce_min_scale(%x: tensor<2x3x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<2x!quant.uniform<i8:f32, 0.2:3>> {
  %axis = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{quantized operands and results must share scale and zero point}}
  %0 = qnt.reduce_min %x, %axis : (tensor<2x3x!quant.uniform<i8:f32, 0.1:3>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 0.2:3>>
  return %0 : tensor<2x!quant.uniform<i8:f32, 0.2:3>>
}

// -----

func.func @arg_max_dimension(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  %d = qnt.const dense<[2]> : tensor<1xi32>
  // expected-error @+1 {{dimension 2 out of range for rank 2}}
  %0 = qnt.arg_max %x, %d : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_max_dimension_size(%x: tensor<2x3xf32>, %d: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{expects dimension of 1 elements, got 2}}
  %0 = qnt.arg_max %x, %d : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_max_per_axis(%x: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>) -> tensor<2xi32> {
  %d = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{expects a per-tensor quantized input}}
  %0 = qnt.arg_max %x, %d : (tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_max_result(%x: tensor<2x3xf32>) -> tensor<3xi32> {
  %d = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{expects result shape 2, got 3}}
  %0 = qnt.arg_max %x, %d : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @arg_max_float_result(%x: tensor<2x3xf32>, %d: tensor<1xi32>) -> tensor<2xf32> {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = qnt.arg_max %x, %d : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @floor_quantized(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{expects float tensors, got '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %0 = qnt.floor %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @floor_result(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'qnt.floor' op expects one element type (or one quantized storage type) for its data operands and results, got 'f32' and 'f16'}}
  %0 = qnt.floor %x : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// qnt.arg_min shares qnt.arg_max's verifier.
func.func @arg_min_dimension(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  %d = qnt.const dense<[-3]> : tensor<1xi32>
  // expected-error @+1 {{'qnt.arg_min' op dimension -3 out of range for rank 2}}
  %0 = qnt.arg_min %x, %d : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_min_dimension_size(%x: tensor<2x3xf32>, %d: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'qnt.arg_min' op expects dimension of 1 elements, got 2}}
  %0 = qnt.arg_min %x, %d : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_min_per_axis(%x: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>) -> tensor<2xi32> {
  %d = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{'qnt.arg_min' op expects a per-tensor quantized input}}
  %0 = qnt.arg_min %x, %d : (tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_min_result(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  %d = qnt.const dense<[0]> : tensor<1xi32>
  // expected-error @+1 {{'qnt.arg_min' op expects result shape 3, got 2}}
  %0 = qnt.arg_min %x, %d : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_min_float_result(%x: tensor<2x3xf32>, %d: tensor<1xi32>) -> tensor<2xf32> {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = qnt.arg_min %x, %d : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

func.func @gather_axis(%x: tensor<2x3xf32>, %i: tensor<4xi32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{axis 2 out of range for params of rank 2}}
  %0 = qnt.gather %x, %i {axis = 2 : i32} : (tensor<2x3xf32>, tensor<4xi32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @gather_batch_dims(%x: tensor<2x3xf32>, %i: tensor<2xi32>) -> tensor<2xf32> {
  // expected-error @+1 {{batch_dims 2 out of range for indices of rank 1}}
  %0 = qnt.gather %x, %i {axis = 1 : i32, batch_dims = 2 : i32} : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @gather_batch_dims_axis(%x: tensor<2x3xf32>, %i: tensor<2x2xi32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{batch_dims 1 must not exceed axis 0}}
  %0 = qnt.gather %x, %i {batch_dims = 1 : i32} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @gather_batch_sizes(%x: tensor<2x3xf32>, %i: tensor<3x2xi32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{batch dimension 0 is 2 in params but 3 in indices}}
  %0 = qnt.gather %x, %i {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x3xf32>, tensor<3x2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @gather_constant_index(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %i = qnt.const dense<[0, 3]> : tensor<2xi32>
  // expected-error @+1 {{index 3 out of range for dimension 1 of size 3}}
  %0 = qnt.gather %x, %i {axis = -1 : i32} : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @gather_result(%x: tensor<5x3xf32>, %i: tensor<2x4xi32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{expects result shape 2x4x3, got 2x3}}
  %0 = qnt.gather %x, %i : (tensor<5x3xf32>, tensor<2x4xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @gather_float_indices(%x: tensor<5x3xf32>, %i: tensor<2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = qnt.gather %x, %i : (tensor<5x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @space_to_depth_divides(%x: tensor<1x4x6x2xf32>) -> tensor<1x1x1x32xf32> {
  // expected-error @+1 {{block_size 4 does not divide width 6}}
  %0 = qnt.space_to_depth %x {block_size = 4 : i32} : (tensor<1x4x6x2xf32>) -> tensor<1x1x1x32xf32>
  return %0 : tensor<1x1x1x32xf32>
}

// -----

func.func @space_to_depth_block(%x: tensor<1x4x6x2xf32>) -> tensor<1x4x6x2xf32> {
  // expected-error @+1 {{expects block_size > 0, got 0}}
  %0 = qnt.space_to_depth %x {block_size = 0 : i32} : (tensor<1x4x6x2xf32>) -> tensor<1x4x6x2xf32>
  return %0 : tensor<1x4x6x2xf32>
}

// -----

func.func @space_to_depth_result(%x: tensor<1x4x6x2xf32>) -> tensor<1x2x3x4xf32> {
  // expected-error @+1 {{expects result shape 1x2x3x8, got 1x2x3x4}}
  %0 = qnt.space_to_depth %x {block_size = 2 : i32} : (tensor<1x4x6x2xf32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

func.func @depth_to_space_divides(%x: tensor<1x2x3x8xf32>) -> tensor<1x6x9x1xf32> {
  // expected-error @+1 {{block_size 3 squared does not divide the 8 input channels}}
  %0 = qnt.depth_to_space %x {block_size = 3 : i32} : (tensor<1x2x3x8xf32>) -> tensor<1x6x9x1xf32>
  return %0 : tensor<1x6x9x1xf32>
}

// -----

func.func @depth_to_space_block(%x: tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32> {
  // expected-error @+1 {{expects block_size > 0, got -2}}
  %0 = qnt.depth_to_space %x {block_size = -2 : i32} : (tensor<1x2x3x8xf32>) -> tensor<1x2x3x8xf32>
  return %0 : tensor<1x2x3x8xf32>
}

// -----

func.func @depth_to_space_result(%x: tensor<1x2x3x8xf32>) -> tensor<1x4x6x8xf32> {
  // expected-error @+1 {{expects result shape 1x4x6x2, got 1x4x6x8}}
  %0 = qnt.depth_to_space %x {block_size = 2 : i32} : (tensor<1x2x3x8xf32>) -> tensor<1x4x6x8xf32>
  return %0 : tensor<1x4x6x8xf32>
}

// -----

func.func @depth_to_space_overflow(%x: tensor<1x4611686018427387904x1x4xf32>) -> tensor<1x?x2x1xf32> {
  // expected-error @+1 {{dimension 1 times block_size 2 overflows}}
  %0 = qnt.depth_to_space %x {block_size = 2 : i32} : (tensor<1x4611686018427387904x1x4xf32>) -> tensor<1x?x2x1xf32>
  return %0 : tensor<1x?x2x1xf32>
}

// -----

func.func @depth_to_space_rank(%x: tensor<2x3x8xf32>) -> tensor<4x6x2xf32> {
  // expected-error @+1 {{expects input of rank 4, got 3}}
  %0 = qnt.depth_to_space %x {block_size = 2 : i32} : (tensor<2x3x8xf32>) -> tensor<4x6x2xf32>
  return %0 : tensor<4x6x2xf32>
}

// -----

func.func @space_to_batch_rank(%x: tensor<1x4x4x4x2xf32>, %b: tensor<3xi32>, %p: tensor<3x2xi32>) -> tensor<8x2x2x2x2xf32> {
  // expected-error @+1 {{expects input of rank 3 or 4, got 5}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x4x2xf32>, tensor<3xi32>, tensor<3x2xi32>) -> tensor<8x2x2x2x2xf32>
  return %0 : tensor<8x2x2x2x2xf32>
}

// -----

func.func @space_to_batch_paddings_shape(%x: tensor<1x4x4x2xf32>, %b: tensor<2xi32>, %p: tensor<2x3xi32>) -> tensor<4x2x2x2xf32> {
  // expected-error @+1 {{expects paddings of shape 2x2}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi32>, tensor<2x3xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @space_to_batch_result_rank(%x: tensor<1x4x4x2xf32>, %b: tensor<2xi32>, %p: tensor<2x2xi32>) -> tensor<4x2x4xf32> {
  // expected-error @+1 {{result rank must equal input rank}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x4xf32>
  return %0 : tensor<4x2x4xf32>
}

// -----

func.func @space_to_batch_index_type(%x: tensor<1x4x4x2xf32>, %b: tensor<2xi64>, %p: tensor<2x2xi32>) -> tensor<4x2x2x2xf32> {
  // expected-error @+1 {{expects block_shape and paddings of element type i32}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi64>, tensor<2x2xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @space_to_batch_padded_overflow(%x: tensor<1x9223372036854775800x4x2xf32>) -> tensor<4x2x2x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<[[0, 100], [0, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{padded size of spatial dimension 0 overflows}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x9223372036854775800x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @space_to_batch_batch_overflow(%x: tensor<9223372036854775800x4x4x2xf32>) -> tensor<4x2x2x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+1 {{result batch overflows}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<9223372036854775800x4x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @batch_to_space_size_overflow(%x: tensor<4x9223372036854775800x2x2xf32>) -> tensor<1x4x4x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %c = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+1 {{result size of spatial dimension 0 overflows}}
  %0 = qnt.batch_to_space_nd %x, %b, %c : (tensor<4x9223372036854775800x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @space_to_batch_block(%x: tensor<1x4x4x2xf32>) -> tensor<4x2x2x2xf32> {
  %b = qnt.const dense<[2, 0]> : tensor<2xi32>
  %p = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+1 {{block_shape entries must be positive, got 2x0}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @space_to_batch_negative_padding(%x: tensor<1x4x4x2xf32>) -> tensor<4x2x2x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<[[0, 0], [-1, 1]]> : tensor<2x2xi32>
  // expected-error @+1 {{paddings must be non-negative, got -1}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @space_to_batch_divides(%x: tensor<1x4x4x2xf32>) -> tensor<4x2x2x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<[[1, 0], [0, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{padded size 5 of spatial dimension 0 is not a multiple of block size 2}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x2xf32>
  return %0 : tensor<4x2x2x2xf32>
}

// -----

func.func @space_to_batch_result(%x: tensor<1x4x4x2xf32>) -> tensor<4x3x2x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+1 {{expects result shape 4x2x2x2, got 4x3x2x2}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x2x2xf32>
  return %0 : tensor<4x3x2x2xf32>
}

// -----

func.func @batch_to_space_crops_shape(%x: tensor<4x2x2xf32>, %b: tensor<1xi32>, %c: tensor<2x2xi32>) -> tensor<2x4x2xf32> {
  // expected-error @+1 {{expects crops of shape 1x2}}
  %0 = qnt.batch_to_space_nd %x, %b, %c : (tensor<4x2x2xf32>, tensor<1xi32>, tensor<2x2xi32>) -> tensor<2x4x2xf32>
  return %0 : tensor<2x4x2xf32>
}

// -----

func.func @batch_to_space_crops(%x: tensor<4x2x2x2xf32>) -> tensor<1x4x4x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %c = qnt.const dense<[[3, 2], [0, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{crops 5 remove more than the size 4 of spatial dimension 0}}
  %0 = qnt.batch_to_space_nd %x, %b, %c : (tensor<4x2x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @batch_to_space_batch(%x: tensor<6x2x2x2xf32>) -> tensor<1x4x4x2xf32> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %c = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+1 {{batch 6 is not a multiple of the block sizes' product 4}}
  %0 = qnt.batch_to_space_nd %x, %b, %c : (tensor<6x2x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

func.func @tile_rank(%x: tensor<2x3xf32>, %m: tensor<2xi32>) -> tensor<4x3x1xf32> {
  // expected-error @+1 {{result rank must equal input rank}}
  %0 = qnt.tile %x, %m : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3x1xf32>
  return %0 : tensor<4x3x1xf32>
}

// -----

func.func @tile_negative(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %m = qnt.const dense<[2, -1]> : tensor<2xi32>
  // expected-error @+1 {{multiples must be non-negative, got -1 for dimension 1}}
  %0 = qnt.tile %x, %m : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @broadcast_to_result_rank(%x: tensor<3xf32>, %s: tensor<9xi32>) -> tensor<1x1x1x1x1x1x1x1x3xf32> {
  // expected-error @+1 {{expects a result of rank at most 8, got 9}}
  %0 = qnt.broadcast_to %x, %s : (tensor<3xf32>, tensor<9xi32>) -> tensor<1x1x1x1x1x1x1x1x3xf32>
  return %0 : tensor<1x1x1x1x1x1x1x1x3xf32>
}

// -----

func.func @broadcast_to_lower_rank(%x: tensor<1x2x3xf32>, %s: tensor<2xi32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{cannot broadcast input of rank 3 to a lower rank 2}}
  %0 = qnt.broadcast_to %x, %s : (tensor<1x2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @broadcast_to_negative(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %s = qnt.const dense<[-2, 3]> : tensor<2xi32>
  // expected-error @+1 {{shape must be non-negative, got -2x3}}
  %0 = qnt.broadcast_to %x, %s : (tensor<3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @broadcast_to_incompatible(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %s = qnt.const dense<[4, 3]> : tensor<2xi32>
  // expected-error @+1 {{cannot broadcast input shape 2x3 to 4x3}}
  %0 = qnt.broadcast_to %x, %s : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @l2_normalization_rank(%x: tensor<1x2x3x4x5xf32>) -> tensor<1x2x3x4x5xf32> {
  // expected-error @+1 {{expects input of rank at most 4, got 5}}
  %0 = qnt.l2_normalization %x : (tensor<1x2x3x4x5xf32>) -> tensor<1x2x3x4x5xf32>
  return %0 : tensor<1x2x3x4x5xf32>
}

// -----

func.func @gelu_on_plain_integers(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{expects float or quantized tensors, got 'i32'}}
  %0 = qnt.gelu %x : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{cannot reshape 6 elements into 8}}
  %0 = qnt.reshape %x : (tensor<2x3xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @reshape_two_inferred(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %shape = qnt.const dense<[-1, -1]> : tensor<2xi32>
  // expected-error @+1 {{shape may hold at most one -1}}
  %0 = qnt.reshape %x, %shape : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_negative(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %shape = qnt.const dense<[-2, 3]> : tensor<2xi32>
  // expected-error @+1 {{shape entries must be >= -1, got -2}}
  %0 = qnt.reshape %x, %shape : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @squeeze_range(%x: tensor<1x3x1xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{squeeze dimension 3 out of range}}
  %0 = qnt.squeeze %x {squeeze_dims = array<i64: 0, 3>} : (tensor<1x3x1xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @squeeze_size(%x: tensor<1x3x1xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{cannot squeeze dimension 1 of size 3}}
  %0 = qnt.squeeze %x {squeeze_dims = array<i64: 0, 1>} : (tensor<1x3x1xf32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @transpose_rank(%x: tensor<2x3x4xf32>, %perm: tensor<3xi32>) -> tensor<24xf32> {
  // expected-error @+1 {{result rank must equal input rank}}
  %0 = qnt.transpose %x, %perm : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<24xf32>
  return %0 : tensor<24xf32>
}

// -----

func.func @transpose_perm(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %perm = qnt.const dense<[0, 1, 1]> : tensor<3xi32>
  // expected-error @+1 {{perm is not a permutation of [0, 3)}}
  %0 = qnt.transpose %x, %perm : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @concatenation_empty() -> tensor<2xf32> {
  // expected-error @+1 {{expects at least one value}}
  %0 = qnt.concatenation {axis = 0 : i32} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @concatenation_axis(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{axis 2 out of range for rank 2}}
  %0 = qnt.concatenation %x, %x {axis = 2 : i32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concatenation_rank(%x: tensor<2x3xf32>, %y: tensor<6xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{all values must have the result's rank}}
  %0 = qnt.concatenation %x, %y {axis = 0 : i32} : (tensor<2x3xf32>, tensor<6xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concatenation_other_dim(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) -> tensor<5x3xf32> {
  // expected-error @+1 {{dimension 0 differs between a value and the result}}
  %0 = qnt.concatenation %x, %y {axis = 1 : i32} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @concatenation_sum(%x: tensor<2x3xf32>) -> tensor<5x3xf32> {
  // expected-error @+1 {{result dimension 0 must be the sum 4 of the values' sizes, got 5}}
  %0 = qnt.concatenation %x, %x {axis = 0 : i32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @pad_shape(%x: tensor<2x3xf32>, %p: tensor<3x2xi32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{expects paddings of shape 2x2}}
  %0 = qnt.pad %x, %p : (tensor<2x3xf32>, tensor<3x2xi32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %p = qnt.const dense<[[0, 0], [-1, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{paddings must be non-negative, got -1 and 0 for dimension 1}}
  %0 = qnt.pad %x, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @pad_v2_value(%x: tensor<2x3xf32>, %p: tensor<2x2xi32>, %c: tensor<2xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{expects a single constant value}}
  %0 = qnt.pad_v2 %x, %p, %c : (tensor<2x3xf32>, tensor<2x2xi32>, tensor<2xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Reflect mirrors without the border element: at most size - 1 (2 here).
func.func @mirror_pad_reflect_size(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  %p = qnt.const dense<[[0, 0], [3, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{reflect padding 3 of dimension 1 must be smaller than its size 3}}
  %0 = qnt.mirror_pad %x, %p {mode = #qnt.mirror_pad_mode<reflect>} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @mirror_pad_symmetric_size(%x: tensor<2x3xf32>) -> tensor<5x3xf32> {
  %p = qnt.const dense<[[0, 3], [0, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{symmetric padding 3 of dimension 0 must be at most its size 2}}
  %0 = qnt.mirror_pad %x, %p {mode = #qnt.mirror_pad_mode<symmetric>} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// The checks shared with qnt.pad apply too.
func.func @mirror_pad_negative(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %p = qnt.const dense<[[0, 0], [-1, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{paddings must be non-negative, got -1 and 0 for dimension 1}}
  %0 = qnt.mirror_pad %x, %p {mode = #qnt.mirror_pad_mode<symmetric>} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @resize_size(%x: tensor<1x2x2x1xf32>) -> tensor<1x0x4x1xf32> {
  %size = qnt.const dense<[0, 4]> : tensor<2xi32>
  // expected-error @+1 {{size must be positive, got 0x4}}
  %0 = qnt.resize_nearest_neighbor %x, %size : (tensor<1x2x2x1xf32>, tensor<2xi32>) -> tensor<1x0x4x1xf32>
  return %0 : tensor<1x0x4x1xf32>
}

// -----

func.func @resize_flags(%x: tensor<1x2x2x1xf32>, %size: tensor<2xi32>) -> tensor<1x4x4x1xf32> {
  // expected-error @+1 {{align_corners and half_pixel_centers are mutually exclusive}}
  %0 = qnt.resize_bilinear %x, %size {align_corners, half_pixel_centers}
       : (tensor<1x2x2x1xf32>, tensor<2xi32>) -> tensor<1x4x4x1xf32>
  return %0 : tensor<1x4x4x1xf32>
}

// -----

func.func @slice_outside(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %b = qnt.const dense<[0, 1]> : tensor<2xi32>
  %s = qnt.const dense<[2, 4]> : tensor<2xi32>
  // expected-error @+1 {{slice [1, 5) of dimension 1 is outside the input}}
  %0 = qnt.slice %x, %b, %s : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @strided_slice_specs(%x: tensor<4xf32>, %v: tensor<33xi32>) -> tensor<?xf32> {
  // expected-error @+1 {{expects at most 32 slice specs, got 33}}
  %0 = qnt.strided_slice %x, %v, %v, %v : (tensor<4xf32>, tensor<33xi32>, tensor<33xi32>, tensor<33xi32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @strided_slice_ellipsis(%x: tensor<4xf32>, %v: tensor<2xi32>) -> tensor<?xf32> {
  // expected-error @+1 {{expects at most one bit set in ellipsis_mask}}
  %0 = qnt.strided_slice %x, %v, %v, %v {ellipsis_mask = 3 : i32}
       : (tensor<4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @strided_slice_stride(%x: tensor<4xf32>, %v: tensor<1xi32>) -> tensor<?xf32> {
  %st = qnt.const dense<0> : tensor<1xi32>
  // expected-error @+1 {{strides must be non-zero}}
  %0 = qnt.strided_slice %x, %v, %v, %st : (tensor<4xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @custom_unnamed(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{needs a custom name or a builtin_code}}
  %0 = qnt.custom %x {name = ""} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Quantization rules (QuantizableOpInterface)
//===----------------------------------------------------------------------===//

// -----

func.func @same_scale(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<6x!quant.uniform<i8:f32, 0.5:2>> {
  // expected-error @+1 {{quantized operands and results must share scale and zero point, got '!quant.uniform<i8:f32, 5.000000e-01:1>' and '!quant.uniform<i8:f32, 5.000000e-01:2>'}}
  %0 = qnt.reshape %x : (tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<6x!quant.uniform<i8:f32, 0.5:2>>
  return %0 : tensor<6x!quant.uniform<i8:f32, 0.5:2>>
}

// -----

// log_softmax has an int8 kernel only.
func.func @fixed_no_kernel(%x: tensor<4x!quant.uniform<i16:f32, 0.001>>) -> tensor<4x!quant.uniform<i16:f32, 0.001>> {
  // expected-error @+1 {{has no 16-bit quantized kernel}}
  %0 = qnt.log_softmax %x : (tensor<4x!quant.uniform<i16:f32, 0.001>>) -> tensor<4x!quant.uniform<i16:f32, 0.001>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.001>>
}

// -----

// int8 logistic results are fixed at scale 1/256 and zero point -128.
func.func @fixed_params(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625>> {
  // expected-error @+1 {{quantized result must have scale 3.906250e-03 and zero point -128, got scale 3.906250e-03 and zero point 0}}
  %0 = qnt.logistic %x : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.00390625>>
}

// -----

func.func @per_axis_dimension(%w: tensor<3x4x!quant.uniform<i8:f32:2, {0.5, 0.5, 0.5}>>) -> tensor<3x4xf32> {
  // expected-error @+1 {{per-axis quantized dimension 2 is out of range for a tensor of rank 2}}
  %0 = qnt.dequantize %w : (tensor<3x4x!quant.uniform<i8:f32:2, {0.5, 0.5, 0.5}>>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @per_axis_scales(%w: tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>) -> tensor<2x4xf32> {
  // expected-error @+1 {{per-axis quantized type has 3 scales for dimension 0 of size 2}}
  %0 = qnt.dequantize %w : (tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// conv_2d weights are per channel along O (dimension 0).
func.func @weight_axis(%x: tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>,
                       %w: tensor<2x1x1x2x!quant.uniform<i8:f32:3, {0.5, 0.25}>>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{per-axis quantized weights must be quantized along dimension 0, got 3}}
  %0 = qnt.conv_2d %x, %w : (tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>,
                             tensor<2x1x1x2x!quant.uniform<i8:f32:3, {0.5, 0.25}>>)
       -> tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

func.func @weight_zero_point(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>,
                             %w: tensor<2x4x!quant.uniform<i8:f32, 0.25:3>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{int8 weights must have zero point 0, got 3}}
  %0 = qnt.fully_connected %x, %w : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.25:3>>)
       -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

func.func @bias_float_input(%x: tensor<1x4xf32>, %w: tensor<2x4xf32>,
                            %b: tensor<2x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x2xf32> {
  // expected-error @+1 {{quantized bias needs quantized input and weights}}
  %0 = qnt.fully_connected %x, %w, %b : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2x!quant.uniform<i32:f32, 0.125>>)
       -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

func.func @bias_width(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>,
                      %w: tensor<2x4x!quant.uniform<i8:f32, 0.25>>,
                      %b: tensor<2x!quant.uniform<i16:f32, 0.125>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{bias for 8-bit activations must be int32, got i16}}
  %0 = qnt.fully_connected %x, %w, %b
       : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.25>>,
          tensor<2x!quant.uniform<i16:f32, 0.125>>) -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

func.func @bias_zero_point(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>,
                           %w: tensor<2x4x!quant.uniform<i8:f32, 0.25>>,
                           %b: tensor<2x!quant.uniform<i32:f32, 0.125:1>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{bias must have zero point 0, got 1}}
  %0 = qnt.fully_connected %x, %w, %b
       : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.25>>,
          tensor<2x!quant.uniform<i32:f32, 0.125:1>>) -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

func.func @bias_scale_count(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>,
                            %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.5}>>,
                            %b: tensor<2x!quant.uniform<i32:f32, 0.125>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{bias has 1 scales, weights have 2}}
  %0 = qnt.fully_connected %x, %w, %b
       : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.5}>>,
          tensor<2x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

// Bias scale for channel 1 must be 0.5 * 0.5 = 0.25.
func.func @bias_scale(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>,
                      %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.5}>>,
                      %b: tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.125}>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{bias scale #1 must be input scale * weight scale (2.500000e-01), got 1.250000e-01}}
  %0 = qnt.fully_connected %x, %w, %b
       : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.5}>>,
          tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.125}>>) -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

func.func @math_on_plain_integers(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{expects float or quantized tensors, got 'i32'}}
  %0 = qnt.exp %x : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}
