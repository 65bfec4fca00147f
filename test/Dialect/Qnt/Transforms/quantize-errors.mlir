// RUN: qnt-opt %s --quantize-int8 -split-input-file -verify-diagnostics

// Tensors without statistics are listed by name.
// expected-error @+1 {{no quantization parameters (calibration statistics) for 2 tensor(s): hidden, input}}
func.func @missing(%arg0: tensor<4xf32> loc("input")) -> tensor<4xf32> {
  %0 = qnt.relu %arg0 : (tensor<4xf32>) -> tensor<4xf32> loc("hidden")
  return %0 : tensor<4xf32>
}
