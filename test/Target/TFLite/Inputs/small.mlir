// A small float model for tests of the output file handling.
func.func @main(%x: tensor<1x4xf32> loc("x")) -> tensor<1x2xf32> {
  %w = qnt.const dense<[[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 0.25, 0.0]]> : tensor<2x4xf32> loc("w")
  %b = qnt.const dense<[0.5, -0.5]> : tensor<2xf32> loc("b")
  %0 = qnt.fully_connected %x, %w, %b {fused_activation = #qnt.act<relu>}
       : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<1x2xf32> loc("y")
  return %0 : tensor<1x2xf32>
}
