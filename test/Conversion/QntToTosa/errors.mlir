// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file -verify-diagnostics

// int16 activations lower only where the lowering handles them (the ops of
// the int16x8 pipeline); the error names the operand.
func.func @int16_hard_swish(%x: tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  // expected-error @+3 {{input: only int8 activations lower to TOSA for this op}}
  // expected-error @+2 {{result: only int8 activations lower to TOSA for this op}}
  // expected-error @+1 {{failed to legalize operation 'qnt.hard_swish'}}
  %0 = qnt.hard_swish %x : (tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.25>>
}

// -----

// TOSA's int16 operands take zero point 0.
func.func @int16_zero_point(%x: tensor<4x!quant.uniform<i16:f32, 0.5:3>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  // expected-error @+2 {{input: int16 activations must have zero point 0 to lower to TOSA}}
  // expected-error @+1 {{failed to legalize operation 'qnt.relu'}}
  %0 = qnt.relu %x : (tensor<4x!quant.uniform<i16:f32, 0.5:3>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.25>>
}

// -----

// int8 and int16 do not mix in one op.
func.func @mixed_widths(%x: tensor<4x!quant.uniform<i16:f32, 0.5>>, %y: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  // expected-error @+2 {{operands and result must all be int8 or all int16}}
  // expected-error @+1 {{failed to legalize operation 'qnt.add'}}
  %0 = qnt.add %x, %y : (tensor<4x!quant.uniform<i16:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.25>>
}

// -----

// Refused ops name the reason.
func.func @softmax(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>> {
  // expected-error @+2 {{qnt.softmax does not lower to TOSA: its kernel sums float32 exponentials}}
  // expected-error @+1 {{failed to legalize operation 'qnt.softmax'}}
  %0 = qnt.softmax %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

func.func @reduce_max(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %axis = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+2 {{qnt.reduce_max does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.reduce_max'}}
  %0 = qnt.reduce_max %x, %axis : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<2x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @mirror_pad(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x5x!quant.uniform<i8:f32, 0.5>> {
  %p = qnt.const dense<[[0, 0], [1, 1]]> : tensor<2x2xi32>
  // expected-error @+2 {{qnt.mirror_pad does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.mirror_pad'}}
  %0 = qnt.mirror_pad %x, %p {mode = #qnt.mirror_pad_mode<reflect>} : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x2xi32>) -> tensor<2x5x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<2x5x!quant.uniform<i8:f32, 0.5>>
}

// -----

// arg_max: a quantized input, an integer result.
func.func @arg_max(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2xi32> {
  %d = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+2 {{qnt.arg_max does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.arg_max'}}
  %0 = qnt.arg_max %x, %d : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @arg_min(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2xi32> {
  %d = qnt.const dense<[1]> : tensor<1xi32>
  // expected-error @+2 {{qnt.arg_min does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.arg_min'}}
  %0 = qnt.arg_min %x, %d : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<1xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @space_to_batch_nd(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x2x2x2x!quant.uniform<i8:f32, 0.5:3>> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %p = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+2 {{qnt.space_to_batch_nd does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.space_to_batch_nd'}}
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x2x!quant.uniform<i8:f32, 0.5:3>>
  return %0 : tensor<4x2x2x2x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

func.func @batch_to_space_nd(%x: tensor<4x2x2x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>> {
  %b = qnt.const dense<[2, 2]> : tensor<2xi32>
  %c = qnt.const dense<0> : tensor<2x2xi32>
  // expected-error @+2 {{qnt.batch_to_space_nd does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.batch_to_space_nd'}}
  %0 = qnt.batch_to_space_nd %x, %b, %c : (tensor<4x2x2x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
  return %0 : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

func.func @tile(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x8x4x2x!quant.uniform<i8:f32, 0.5:3>> {
  %m = qnt.const dense<[1, 2, 1, 1]> : tensor<4xi32>
  // expected-error @+2 {{qnt.tile does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.tile'}}
  %0 = qnt.tile %x, %m : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<4xi32>) -> tensor<1x8x4x2x!quant.uniform<i8:f32, 0.5:3>>
  return %0 : tensor<1x8x4x2x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

func.func @broadcast_to(%x: tensor<1x1x4x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>> {
  %s = qnt.const dense<[1, 4, 4, 2]> : tensor<4xi32>
  // expected-error @+2 {{qnt.broadcast_to does not lower to TOSA: qnt has no TOSA lowering for it yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.broadcast_to'}}
  %0 = qnt.broadcast_to %x, %s : (tensor<1x1x4x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<4xi32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
  return %0 : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

func.func @l2_normalization(%x: tensor<1x4x8x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x4x8x!quant.uniform<i8:f32, 0.0078125>> {
  // expected-error @+2 {{qnt.l2_normalization does not lower to TOSA: its fixed-point inverse square root has no TOSA lowering in qnt yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.l2_normalization'}}
  %0 = qnt.l2_normalization %x : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x4x8x!quant.uniform<i8:f32, 0.0078125>>
  return %0 : tensor<1x4x8x!quant.uniform<i8:f32, 0.0078125>>
}

// -----

func.func @gelu(%x: tensor<1x8x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x8x!quant.uniform<i8:f32, 0.25:-100>> {
  // expected-error @+2 {{qnt.gelu does not lower to TOSA: qnt has no TOSA lowering for its int8 table yet}}
  // expected-error @+1 {{failed to legalize operation 'qnt.gelu'}}
  %0 = qnt.gelu %x : (tensor<1x8x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x8x!quant.uniform<i8:f32, 0.25:-100>>
  return %0 : tensor<1x8x!quant.uniform<i8:f32, 0.25:-100>>
}

// -----

// A mean TFLite computes in float (here without keep_dims) names the cause.
func.func @mean_float_kernel(%x: tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x!quant.uniform<i8:f32, 0.5>> {
  %axes = qnt.const dense<[1, 2]> : tensor<2xi32>
  // expected-error @+2 {{only a mean over axes 1 and 2 of a 4-D input with keep_dims lowers to TOSA}}
  // expected-error @+1 {{failed to legalize operation 'qnt.mean'}}
  %0 = qnt.mean %x, %axes : (tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5>>, tensor<2xi32>) -> tensor<1x3x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x3x!quant.uniform<i8:f32, 0.5>>
}

// -----

// PReLU with a per-channel alpha is not lowered.
func.func @prelu_per_channel(%x: tensor<1x2x!quant.uniform<i8:f32, 0.5>>, %a: tensor<2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+2 {{alpha must be quantized per tensor}}
  // expected-error @+1 {{failed to legalize operation 'qnt.prelu'}}
  %0 = qnt.prelu %x, %a : (tensor<1x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.5>>
}

// -----

// uint8 activations are lowered only at the edges.
func.func @uint8_relu(%x: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:128>> {
  // expected-error @+3 {{input: only int8 and int16 activations lower to TOSA}}
  // expected-error @+2 {{result: only int8 and int16 activations lower to TOSA}}
  // expected-error @+1 {{failed to legalize operation 'qnt.relu'}}
  %0 = qnt.relu %x : (tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

func.func @log_softmax(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.0625:127>> {
  // expected-error @+2 {{qnt.log_softmax does not lower to TOSA: its kernel sums float32 exponentials}}
  // expected-error @+1 {{failed to legalize operation 'qnt.log_softmax'}}
  %0 = qnt.log_softmax %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.0625:127>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.0625:127>>
}

// -----

func.func @div(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+2 {{qnt.div does not lower to TOSA: qnt has no integer kernel for a quantized div}}
  // expected-error @+1 {{failed to legalize operation 'qnt.div'}}
  %0 = qnt.div %x, %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @transpose_conv(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>, %w: tensor<1x2x2x1x!quant.uniform<i8<-127:127>:f32, 0.25>>) -> tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> {
  %s = qnt.const dense<[1, 4, 4, 1]> : tensor<4xi32>
  // expected-error @+2 {{fused activation tanh does not lower to TOSA}}
  // expected-error @+1 {{failed to legalize operation 'qnt.transpose_conv'}}
  %0 = qnt.transpose_conv %s, %w, %x {padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32, fused_activation = #qnt.act<tanh>} : (tensor<4xi32>, tensor<1x2x2x1x!quant.uniform<i8<-127:127>:f32, 0.25>>, tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// The elementwise math ops have no TOSA lowering: the conversion refuses
// them by name rather than passing them through.
func.func @no_lowering(%x: tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.03125:-128>> {
  // expected-error @+1 {{failed to legalize operation 'qnt.abs'}}
  %0 = qnt.abs %x : (tensor<8x!quant.uniform<i8:f32, 0.0625:-10>>) -> tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.03125:-128>>
}
