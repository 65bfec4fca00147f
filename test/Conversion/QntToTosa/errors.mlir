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
