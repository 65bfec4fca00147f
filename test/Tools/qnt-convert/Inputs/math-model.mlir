// A 1x1 convolution, a layer norm over channels written with
// squared_difference and rsqrt, then abs, neg and exp: int8 kernels for all
// but neg and exp, which stay float in --mode int8.
func.func @main(%x: tensor<1x4x4x3xf32> loc("input")) -> tensor<1x4x4x4xf32> {
  %w = qnt.const dense<[[[[0.5, -0.25, 0.75]]], [[[-0.6, 0.3, 0.2]]], [[[0.05, 0.8, -0.4]]], [[[1.0, 0.1, -0.5]]]]> : tensor<4x1x1x3xf32> loc("w")
  %b = qnt.const dense<[0.1, -0.1, 0.2, 0.0]> : tensor<4xf32> loc("b")
  %axis = qnt.const dense<[3]> : tensor<1xi32> loc("axis")
  %eps = qnt.const dense<0.01> : tensor<1xf32> loc("eps")
  %h = qnt.conv_2d %x, %w, %b : (tensor<1x4x4x3xf32>, tensor<4x1x1x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32> loc("conv")
  %mu = qnt.mean %h, %axis {keep_dims} : (tensor<1x4x4x4xf32>, tensor<1xi32>) -> tensor<1x4x4x1xf32> loc("mu")
  %sq = qnt.squared_difference %h, %mu : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x4xf32> loc("sq")
  %var = qnt.mean %sq, %axis {keep_dims} : (tensor<1x4x4x4xf32>, tensor<1xi32>) -> tensor<1x4x4x1xf32> loc("var")
  %ve = qnt.add %var, %eps : (tensor<1x4x4x1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32> loc("var_eps")
  %inv = qnt.rsqrt %ve : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32> loc("inv_std")
  %c = qnt.sub %h, %mu : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x4xf32> loc("centered")
  %n = qnt.mul %c, %inv : (tensor<1x4x4x4xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x4xf32> loc("normed")
  %a = qnt.abs %n : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> loc("abs")
  %ng = qnt.neg %a : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> loc("neg")
  %e = qnt.exp %ng : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> loc("exp")
  %y = qnt.add %e, %n : (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> loc("out")
  return %y : tensor<1x4x4x4xf32>
}
