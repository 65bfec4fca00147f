// What TFLite cannot represent is an error at the op (or argument) naming it,
// and nothing is written.
// RUN: qnt-translate --export-tflite %s -split-input-file -verify-diagnostics -o /dev/null

// expected-error @+1 {{argument #0 of @main cannot be written to TFLite: element type 'i4' has no TFLite equivalent}}
func.func @main(%x: tensor<2xi4>) -> tensor<2xi4> {
  return %x : tensor<2xi4>
}

// -----

// expected-error @+1 {{argument #1 of @main cannot be written to TFLite: element type 'ui1' has no TFLite equivalent}}
func.func @main(%x: tensor<2xf32>, %b: tensor<2xui1>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument #0 of @main cannot be written to TFLite: type 'tensor<*xf32>' is not a ranked tensor}}
func.func @main(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}

// -----

// expected-error @+1 {{quantized type '!quant.uniform<i8:f16, 5.000000e-01>' is not a uniform type over f32}}
func.func @main(%x: tensor<2x!quant.uniform<i8:f16, 0.5>>) -> tensor<2x!quant.uniform<i8:f16, 0.5>> {
  return %x : tensor<2x!quant.uniform<i8:f16, 0.5>>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xi4> {
  // expected-error @+1 {{'qnt.custom' op cannot be written to TFLite: element type 'i4' has no TFLite equivalent}}
  %0 = qnt.custom %x {name = "Narrow"} : (tensor<2xf32>) -> tensor<2xi4>
  return %0 : tensor<2xi4>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'func.call' op cannot be written to TFLite: no TFLite operator for it}}
  %0 = func.call @main(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// expected-error @+1 {{cannot be written to TFLite: the module has 2 functions and none is @main (the entry subgraph)}}
module {
  func.func @a(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
  func.func @b(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}

// -----

// expected-error @+1 {{cannot be written to TFLite: the module has no function}}
module {
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'qnt.fake_quant' op cannot be written to TFLite: tensor ranges imply 8 bits over the full range, got num_bits = 4}}
  %0 = qnt.fake_quant %x {min = -1.0 : f64, max = 1.0 : f64, num_bits = 4 : i32} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'qnt.fake_quant' op cannot be written to TFLite: tensor ranges imply 8 bits over the full range, got num_bits = 8 with narrow_range}}
  %0 = qnt.fake_quant %x {min = -1.0 : f64, max = 1.0 : f64, narrow_range} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = qnt.fake_quant %x {min = -1.0 : f64, max = 1.0 : f64} : (tensor<2xf32>) -> tensor<2xf32>
  // expected-error @+1 {{'qnt.fake_quant' op cannot be written to TFLite: tensor 'input_0' already has the range [-1.000000e+00, 1.000000e+00]}}
  %1 = qnt.fake_quant %0 {min = -2.0 : f64, max = 1.0 : f64} : (tensor<2xf32>) -> tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'qnt.custom' op cannot be written to TFLite: builtin_code 47 with options are not a serialized TFLite operator holding builtin options}}
  %0 = qnt.custom %x {name = "", builtin_code = 47 : i32, options = "garbage"} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'qnt.custom' op cannot be written to TFLite: builtin_code -3 is negative}}
  %0 = qnt.custom %x {name = "", builtin_code = -3 : i32} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @main() -> tensor<2xf32> {
  // expected-error @+1 {{'qnt.const' op cannot be written to TFLite: its resource 'missing' has no data}}
  %0 = qnt.const dense_resource<missing> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @main(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'qnt.reshape' op has no shape operand and more than one dynamic dimension: TFLite cannot infer its shape}}
  %0 = qnt.reshape %x : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// expected-error @+1 {{'func.func' op cannot be written to TFLite: a subgraph needs a body of one block}}
func.func private @main(%x: tensor<2xf32>) -> tensor<2xf32>
