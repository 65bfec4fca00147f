// RUN: qnt-opt %s -split-input-file -verify-diagnostics

func.func @wrong_multiplier(%arg0: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{multiplier 1073741823 and shift 2 do not match the scale ratio 2.000000e+00 (expected 1073741824 and 2)}}
  %0 = qnt.requantize %arg0 {multiplier = 1073741823 : i32, shift = 2 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

func.func @float(%arg0: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{operand and result must be per-tensor quantized}}
  %0 = qnt.requantize %arg0 {multiplier = 1073741824 : i32, shift = 2 : i32} : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25>>
}
