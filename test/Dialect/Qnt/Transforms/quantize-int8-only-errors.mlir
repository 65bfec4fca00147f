// RUN: qnt-opt %s --quantize-int8-only -split-input-file -verify-diagnostics

// In an integer-only model an op without an int8 kernel is an error naming it.
func.func @div(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error @+1 {{'qnt.div' stays float in an integer-only model: TFLite has no int8 kernel for it}}
  %0 = qnt.div %in, %in : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// A denied op in an integer-only model is an error naming why.
func.func @denied(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %0 = qnt.relu %in : (tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error @+1 {{'qnt.custom' stays float in an integer-only model: qnt cannot quantize a custom op}}
  %2 = qnt.custom %1 {name = "X"} : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
