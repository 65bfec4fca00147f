// A custom op the interpreter cannot run.
func.func @main(%arg0: tensor<1x4xf32> loc("input")) -> tensor<1x4xf32> {
  %0 = qnt.custom %arg0 {name = "MyOp", options = "\01\02"} : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("mine")
  return %0 : tensor<1x4xf32>
}
