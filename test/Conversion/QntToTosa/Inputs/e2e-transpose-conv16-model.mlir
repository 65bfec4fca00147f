// The stride-1 transpose_conv of e2e-transpose-conv-model.mlir alone, with
// a bias: upstream's TOSA -> linalg passes in llvm-22 cannot compile a
// strided int16 tosa.transpose_conv2d (their decomposition pads the int16
// input with an int8 constant), so e2e-transpose-conv.test runs 16x8 on
// this model.
func.func @main(%arg0: tensor<1x3x3x4xf32>) -> tensor<1x4x4x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  %s2 = qnt.const dense<[1, 4, 4, 2]> : tensor<4xi32>
  %w2 = qnt.const dense<[[[[0.221, 0.278, 0.181, -0.001],
      [-0.014, 0.195, -0.255, 0.253]],
   
     [[-0.308, -0.465, 0.434, -0.409],
      [-0.303, -0.444, -0.490, -0.376]]],
   
   
    [[[0.421, 0.196, -0.095, -0.493],
      [0.328, -0.015, 0.354, 0.004]],
   
     [[-0.422, -0.426, 0.290, -0.278],
      [-0.350, -0.091, -0.238, -0.223]]]]> : tensor<2x2x2x4xf32>
  %b2 = qnt.const dense<[0.125, -0.093]> : tensor<2xf32>
  %t2 = qnt.transpose_conv %s2, %w2, %in, %b2 {fused_activation = #qnt.act<none>, padding = #qnt.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<4xi32>, tensor<2x2x2x4xf32>, tensor<1x3x3x4xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %t2s = qnt.stats %t2 {min = -1.5, max = 1.5} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %t2s : tensor<1x4x4x2xf32>
}
