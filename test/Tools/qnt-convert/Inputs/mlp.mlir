// A two-layer classifier, small enough to check by hand: 4 inputs, 6 hidden
// units with relu, 3 logits. The weights are written out so that
// check_mlp.py computes the float reference with numpy from this file.
func.func @main(%x: tensor<1x4xf32> loc("input")) -> tensor<1x3xf32> {
  %w1 = qnt.const dense<[[0.5, -0.25, 0.75, 0.1], [-0.6, 0.3, 0.2, 0.9], [0.05, 0.8, -0.4, -0.3], [1.0, 0.1, 0.1, -0.5], [-0.2, -0.7, 0.6, 0.4], [0.3, 0.3, -0.9, 0.2]]> : tensor<6x4xf32> loc("w1")
  %b1 = qnt.const dense<[0.1, -0.1, 0.2, 0.0, 0.05, -0.2]> : tensor<6xf32> loc("b1")
  %h = qnt.fully_connected %x, %w1, %b1 {fused_activation = #qnt.act<relu>} : (tensor<1x4xf32>, tensor<6x4xf32>, tensor<6xf32>) -> tensor<1x6xf32> loc("hidden")
  %w2 = qnt.const dense<[[0.7, -0.5, 0.2, 0.4, -0.1, 0.6], [-0.3, 0.8, 0.5, -0.6, 0.9, 0.1], [0.2, 0.1, -0.7, 0.3, 0.4, -0.8]]> : tensor<3x6xf32> loc("w2")
  %b2 = qnt.const dense<[0.0, 0.1, -0.1]> : tensor<3xf32> loc("b2")
  %y = qnt.fully_connected %h, %w2, %b2 : (tensor<1x6xf32>, tensor<3x6xf32>, tensor<3xf32>) -> tensor<1x3xf32> loc("logits")
  return %y : tensor<1x3xf32>
}
