// Operators repeating operator codes, for the opcode table and metadata test.
func.func @main(%x: tensor<4xf32> {qnt.tflite.signature_name = "in"} loc("x"),
                %q: tensor<4x!quant.uniform<i8:f32, 0.5:1>> loc("q"))
    -> (tensor<4xf32> {qnt.tflite.signature_name = "out"}, tensor<4x!quant.uniform<i8:f32, 0.5:1>>)
    attributes {qnt.tflite.signature_key = "run"} {
  %0 = qnt.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("a0")
  %1 = qnt.add %0, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("a1")
  %2 = qnt.add %q, %q : (tensor<4x!quant.uniform<i8:f32, 0.5:1>>, tensor<4x!quant.uniform<i8:f32, 0.5:1>>)
       -> tensor<4x!quant.uniform<i8:f32, 0.5:1>> loc("a2")
  %3 = qnt.custom %1 {name = "Mine", options = "\01\02"} : (tensor<4xf32>) -> tensor<4xf32> loc("c0")
  %4 = qnt.custom %3 {name = "Mine"} : (tensor<4xf32>) -> tensor<4xf32> loc("c1")
  // A builtin code above 127 does not fit the deprecated int8 code.
  %5 = qnt.custom %4 {name = "", builtin_code = 150 : i32} : (tensor<4xf32>) -> tensor<4xf32> loc("b0")
  %6 = qnt.add %5, %0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("a3")
  %w = qnt.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32> loc("w")
  %7 = qnt.mul %6, %w : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("m0")
  return %7, %2 : tensor<4xf32>, tensor<4x!quant.uniform<i8:f32, 0.5:1>>
}
