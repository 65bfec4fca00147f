// A model with a custom op: qnt's interpreter cannot run it, so it cannot be
// calibrated, and no integer-only model can contain it.
func.func @main(%x: tensor<1x4xf32> loc("input")) -> tensor<1x4xf32> {
  %0 = qnt.custom %x {name = "MyOp", options = "\01\02"} : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("custom_out")
  %1 = qnt.relu %0 : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("relu_out")
  return %1 : tensor<1x4xf32>
}
