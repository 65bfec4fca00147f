// A float model with calibration statistics: two transpose_convs of one
// input. The first at stride 2 with SAME padding, a bias and relu, to a
// 5x6 result (one row cropped before and after, one column after); the
// second at stride 1 with VALID padding and no bias.
func.func @main(%arg0: tensor<1x3x3x4xf32>) -> (tensor<1x5x6x3xf32>, tensor<1x4x4x2xf32>) {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  %s1 = qnt.const dense<[1, 5, 6, 3]> : tensor<4xi32>
  %w1 = qnt.const dense<[[[[-0.249, 0.447, -0.311, -0.321],
      [-0.150, -0.269, 0.170, -0.385],
      [0.396, 0.358, -0.497, 0.041]],
   
     [[-0.393, -0.242, -0.083, -0.046],
      [-0.032, 0.428, -0.241, -0.312],
      [0.171, 0.447, 0.423, 0.380]],
   
     [[-0.436, 0.437, 0.149, 0.372],
      [-0.092, -0.281, 0.293, 0.162],
      [0.279, -0.299, -0.366, 0.264]]],
   
   
    [[[-0.480, 0.446, -0.365, 0.100],
      [-0.081, -0.176, -0.330, 0.280],
      [0.415, 0.229, 0.100, 0.211]],
   
     [[0.036, 0.058, 0.406, -0.217],
      [-0.278, 0.447, 0.443, -0.024],
      [0.301, 0.243, 0.449, -0.418]],
   
     [[0.398, 0.000, -0.051, 0.187],
      [0.116, -0.063, -0.209, 0.419],
      [0.319, -0.398, -0.096, 0.263]]],
   
   
    [[[0.379, 0.462, -0.259, 0.392],
      [0.195, -0.432, -0.289, -0.311],
      [-0.423, 0.187, -0.190, 0.192]],
   
     [[-0.418, 0.371, 0.196, 0.282],
      [0.106, -0.042, -0.307, 0.442],
      [-0.355, 0.021, -0.379, -0.392]],
   
     [[0.197, 0.389, -0.039, 0.295],
      [0.360, 0.035, 0.275, -0.207],
      [-0.350, -0.311, -0.493, -0.429]]]]> : tensor<3x3x3x4xf32>
  %b1 = qnt.const dense<[0.100, 0.161, -0.177]> : tensor<3xf32>
  %t1 = qnt.transpose_conv %s1, %w1, %in, %b1 {fused_activation = #qnt.act<relu>, padding = #qnt.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<3x3x3x4xf32>, tensor<1x3x3x4xf32>, tensor<3xf32>) -> tensor<1x5x6x3xf32>
  %t1s = qnt.stats %t1 {min = 0.0, max = 2.0} : (tensor<1x5x6x3xf32>) -> tensor<1x5x6x3xf32>
  %s2 = qnt.const dense<[1, 4, 4, 2]> : tensor<4xi32>
  %w2 = qnt.const dense<[[[[0.221, 0.278, 0.181, -0.001],
      [-0.014, 0.195, -0.255, 0.253]],
   
     [[-0.308, -0.465, 0.434, -0.409],
      [-0.303, -0.444, -0.490, -0.376]]],
   
   
    [[[0.421, 0.196, -0.095, -0.493],
      [0.328, -0.015, 0.354, 0.004]],
   
     [[-0.422, -0.426, 0.290, -0.278],
      [-0.350, -0.091, -0.238, -0.223]]]]> : tensor<2x2x2x4xf32>
  %t2 = qnt.transpose_conv %s2, %w2, %in {fused_activation = #qnt.act<none>, padding = #qnt.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<4xi32>, tensor<2x2x2x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x4x4x2xf32>
  %t2s = qnt.stats %t2 {min = -1.5, max = 1.5} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %t1s, %t2s : tensor<1x5x6x3xf32>, tensor<1x4x4x2xf32>
}
