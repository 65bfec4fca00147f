// RUN: qnt-opt %s --convert-qnt-to-tosa -split-input-file -verify-diagnostics

// Only int8 activations lower; the error names the operand.
func.func @int16(%x: tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  // expected-error @+3 {{input: only int8 activations lower to TOSA}}
  // expected-error @+2 {{result: only int8 activations lower to TOSA}}
  // expected-error @+1 {{failed to legalize operation 'qnt.relu'}}
  %0 = qnt.relu %x : (tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.25>>
}

// -----

// An op without a lowering stays illegal.
func.func @softmax(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>> {
  // expected-error @+1 {{failed to legalize operation 'qnt.softmax'}}
  %0 = qnt.softmax %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.00390625:-128>>
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
  // expected-error @+3 {{input: only int8 activations lower to TOSA}}
  // expected-error @+2 {{result: only int8 activations lower to TOSA}}
  // expected-error @+1 {{failed to legalize operation 'qnt.relu'}}
  %0 = qnt.relu %x : (tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.5:128>>
}
