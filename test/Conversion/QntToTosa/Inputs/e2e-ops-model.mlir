// A float model with calibration statistics for the ops lowered after the
// first set: leaky_relu, hard_swish, prelu, maximum, minimum,
// resize_nearest_neighbor, resize_bilinear, strided_slice (strides 3 and 2, and a reversed
// axis), slice and a spatial mean. Quantized with io-type=uint8 its input and
// outputs are uint8.
func.func @main(%arg0: tensor<1x8x8x4xf32>) -> (tensor<1x5x8x8xf32>, tensor<1x4x4x8xf32>, tensor<1x1x1x8xf32>, tensor<1x8x4x8xf32>, tensor<1x11x13x8xf32>) {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %cw = qnt.const dense<[[[[ 0.125,  0.397,  0.276, -0.275],
   [-0.200,  0.374, -0.495,  0.321],
   [ 0.297, -0.032, -0.197, -0.222]],

  [[-0.245, -0.055,  0.005,  0.053],
   [ 0.496,  0.293,  0.122,  0.489],
   [-0.285, -0.340,  0.113, -0.456]],

  [[-0.464,  0.015, -0.034,  0.417],
   [ 0.129,  0.014, -0.003, -0.252],
   [-0.488, -0.308,  0.192, -0.299]]],


 [[[-0.130, -0.496,  0.330, -0.346],
   [-0.232,  0.380,  0.010,  0.347],
   [ 0.140,  0.242, -0.409,  0.041]],

  [[ 0.008,  0.371, -0.139,  0.098],
   [-0.441, -0.112, -0.177, -0.350],
   [ 0.316, -0.121,  0.479,  0.090]],

  [[ 0.105,  0.138,  0.176, -0.349],
   [-0.060, -0.260, -0.098, -0.403],
   [ 0.468, -0.285,  0.172, -0.200]]],


 [[[ 0.374,  0.162, -0.368,  0.345],
   [ 0.445,  0.404,  0.070, -0.355],
   [-0.308,  0.428,  0.052, -0.319]],

  [[ 0.384,  0.142,  0.070, -0.124],
   [-0.089, -0.261, -0.462,  0.376],
   [-0.032,  0.048, -0.178,  0.251]],

  [[-0.475, -0.128, -0.470, -0.377],
   [ 0.467,  0.158, -0.072,  0.024],
   [ 0.373, -0.156,  0.090,  0.184]]],


 [[[-0.145,  0.019,  0.265,  0.409],
   [-0.349,  0.433, -0.495,  0.253],
   [ 0.311, -0.363, -0.081,  0.315]],

  [[-0.486,  0.128,  0.293,  0.013],
   [ 0.226, -0.274, -0.301, -0.137],
   [-0.321, -0.154,  0.448,  0.073]],

  [[-0.160, -0.228,  0.452, -0.056],
   [ 0.480,  0.016,  0.021,  0.397],
   [ 0.243,  0.081, -0.073,  0.378]]],


 [[[-0.088,  0.423, -0.431, -0.070],
   [ 0.020,  0.451, -0.249,  0.306],
   [ 0.176,  0.217,  0.130,  0.472]],

  [[-0.167, -0.102, -0.297, -0.449],
   [-0.287,  0.415,  0.340, -0.388],
   [ 0.104, -0.021,  0.095,  0.159]],

  [[-0.193,  0.461, -0.034,  0.128],
   [ 0.135, -0.316, -0.438, -0.088],
   [ 0.264,  0.315,  0.230, -0.387]]],


 [[[ 0.413,  0.302,  0.378,  0.023],
   [ 0.416, -0.453, -0.470, -0.480],
   [-0.247, -0.251, -0.312,  0.067]],

  [[-0.461,  0.090, -0.334,  0.178],
   [-0.479, -0.189,  0.438,  0.038],
   [ 0.312,  0.158,  0.111, -0.309]],

  [[ 0.074, -0.460,  0.302,  0.460],
   [ 0.354, -0.449, -0.161, -0.182],
   [-0.387,  0.127,  0.297, -0.186]]],


 [[[ 0.363,  0.297, -0.371,  0.267],
   [ 0.383, -0.303,  0.074,  0.139],
   [ 0.109, -0.404,  0.161,  0.132]],

  [[ 0.324,  0.304, -0.173,  0.222],
   [ 0.367,  0.393, -0.338, -0.473],
   [ 0.151, -0.285,  0.064,  0.445]],

  [[-0.121, -0.247, -0.043,  0.157],
   [-0.399, -0.119, -0.366,  0.162],
   [ 0.331, -0.123, -0.128,  0.040]]],


 [[[-0.285, -0.253, -0.170, -0.043],
   [-0.418,  0.253,  0.079, -0.200],
   [-0.422,  0.263, -0.369, -0.367]],

  [[-0.369, -0.419,  0.406, -0.231],
   [-0.194,  0.333,  0.120, -0.313],
   [-0.065,  0.384, -0.125,  0.211]],

  [[-0.403,  0.227,  0.276,  0.326],
   [ 0.174, -0.129, -0.436,  0.019],
   [ 0.257, -0.309, -0.234,  0.036]]]]> : tensor<8x3x3x4xf32>
  %cb = qnt.const dense<[ 0.099,  0.159, -0.150, -0.126,  0.120,  0.058,  0.088,  0.199]> : tensor<8xf32>
  %c = qnt.conv_2d %in, %cw, %cb {padding = #qnt.padding<same>} : (tensor<1x8x8x4xf32>, tensor<8x3x3x4xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  %cs = qnt.stats %c {min = -3.0, max = 3.0} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %l = qnt.leaky_relu %cs {alpha = 0.2 : f32} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %ls = qnt.stats %l {min = -0.6, max = 3.0} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %h = qnt.hard_swish %cs : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %hs = qnt.stats %h {min = -0.375, max = 3.0} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %alpha = qnt.const dense<[0.379, 0.345, 0.322, 0.188, 0.274, 0.115, 0.316, 0.315]> : tensor<8xf32>
  %p = qnt.prelu %cs, %alpha : (tensor<1x8x8x8xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  %ps = qnt.stats %p {min = -1.2, max = 3.0} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %mx = qnt.maximum %ls, %hs : (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %mxs = qnt.stats %mx {min = -0.6, max = 3.0} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %mn = qnt.minimum %ls, %ps : (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %mns = qnt.stats %mn {min = -1.2, max = 3.0} : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %size = qnt.const dense<[15, 16]> : tensor<2xi32>
  %r = qnt.resize_nearest_neighbor %mxs, %size {half_pixel_centers} : (tensor<1x8x8x8xf32>, tensor<2xi32>) -> tensor<1x15x16x8xf32>
  %b = qnt.const dense<[0, 1, 0, 0]> : tensor<4xi32>
  %e = qnt.const dense<[1, 15, 16, 8]> : tensor<4xi32>
  %st = qnt.const dense<[1, 3, 2, 1]> : tensor<4xi32>
  %s = qnt.strided_slice %r, %b, %e, %st : (tensor<1x15x16x8xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x5x8x8xf32>
  %sb = qnt.const dense<[0, 2, 2, 0]> : tensor<4xi32>
  %ss = qnt.const dense<[1, 4, 4, -1]> : tensor<4xi32>
  %sl = qnt.slice %mns, %sb, %ss : (tensor<1x8x8x8xf32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x4x4x8xf32>
  %axes = qnt.const dense<[1, 2]> : tensor<2xi32>
  %mean = qnt.mean %mns, %axes {keep_dims} : (tensor<1x8x8x8xf32>, tensor<2xi32>) -> tensor<1x1x1x8xf32>
  %means = qnt.stats %mean {min = -0.5, max = 1.5} : (tensor<1x1x1x8xf32>) -> tensor<1x1x1x8xf32>
  %rb = qnt.const dense<[0, 0, -1, 0]> : tensor<4xi32>
  %re = qnt.const dense<[1, 8, 0, 8]> : tensor<4xi32>
  %rs = qnt.const dense<[1, 1, -2, 1]> : tensor<4xi32>
  %rev = qnt.strided_slice %mns, %rb, %re, %rs {end_mask = 4 : i32} : (tensor<1x8x8x8xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x8x4x8xf32>
  %bsize = qnt.const dense<[11, 13]> : tensor<2xi32>
  %bl = qnt.resize_bilinear %hs, %bsize {half_pixel_centers} : (tensor<1x8x8x8xf32>, tensor<2xi32>) -> tensor<1x11x13x8xf32>
  return %s, %sl, %means, %rev, %bl : tensor<1x5x8x8xf32>, tensor<1x4x4x8xf32>, tensor<1x1x1x8xf32>, tensor<1x8x4x8xf32>, tensor<1x11x13x8xf32>
}
