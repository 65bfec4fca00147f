// Two named fully connected layers: the names must reach the exported model
// through every step of the text route.
func.func @main(%x: tensor<1x4xf32> loc("image")) -> tensor<1x2xf32> {
  %w1 = qnt.const dense<[[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 0.25, 0.0], [0.5, -0.5, 1.0, -1.0]]> : tensor<3x4xf32> loc("dense1/kernel")
  %b1 = qnt.const dense<[0.5, -0.5, 0.25]> : tensor<3xf32> loc("dense1/bias")
  %h = qnt.fully_connected %x, %w1, %b1 {fused_activation = #qnt.act<relu>}
       : (tensor<1x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<1x3xf32> loc("dense1/Relu")
  %w2 = qnt.const dense<[[1.0, -2.0, 0.5], [0.25, 1.0, -1.0]]> : tensor<2x3xf32> loc("dense2/kernel")
  %b2 = qnt.const dense<[0.1, -0.1]> : tensor<2xf32> loc("dense2/bias")
  %y = qnt.fully_connected %h, %w2, %b2
       : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32> loc("scores")
  return %y : tensor<1x2xf32>
}
