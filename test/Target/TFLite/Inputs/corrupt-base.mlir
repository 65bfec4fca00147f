// The valid model the corrupted variants are made from: a constant, a
// quantized tensor, two operator codes, a second subgraph with a signature.
module attributes {qnt.tflite.metadata = {note = "n"}} {
func.func @main(%x: tensor<4xf32> loc("x"), %q: tensor<4x!quant.uniform<i8:f32, 0.5:1>> loc("q"))
    -> (tensor<4xf32>, tensor<4x!quant.uniform<i8:f32, 0.5:1>>) {
  %w = qnt.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32> loc("w")
  %0 = qnt.add %x, %w : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("sum")
  %1 = qnt.mul %0, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("product")
  %2 = qnt.relu %q : (tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x!quant.uniform<i8:f32, 0.5:1>> loc("r")
  return %1, %2 : tensor<4xf32>, tensor<4x!quant.uniform<i8:f32, 0.5:1>>
}
func.func @other(%x: tensor<4xf32> {qnt.tflite.signature_name = "in"} loc("y"))
    -> (tensor<4xf32> {qnt.tflite.signature_name = "out"})
    attributes {qnt.tflite.signature_key = "other"} {
  %0 = qnt.relu %x : (tensor<4xf32>) -> tensor<4xf32> loc("z")
  return %0 : tensor<4xf32>
}
}
