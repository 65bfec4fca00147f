// A float model with calibration statistics: depth_to_space with block 2
// after a relu and with block 3 on the input.
func.func @main(%arg0: tensor<1x3x4x36xf32>) -> (tensor<1x6x8x9xf32>, tensor<1x9x12x4xf32>) {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x3x4x36xf32>) -> tensor<1x3x4x36xf32>
  %r = qnt.relu %in : (tensor<1x3x4x36xf32>) -> tensor<1x3x4x36xf32>
  %rs = qnt.stats %r {min = 0.0, max = 1.0} : (tensor<1x3x4x36xf32>) -> tensor<1x3x4x36xf32>
  %d2 = qnt.depth_to_space %rs {block_size = 2 : i32} : (tensor<1x3x4x36xf32>) -> tensor<1x6x8x9xf32>
  %d3 = qnt.depth_to_space %in {block_size = 3 : i32} : (tensor<1x3x4x36xf32>) -> tensor<1x9x12x4xf32>
  return %d2, %d3 : tensor<1x6x8x9xf32>, tensor<1x9x12x4xf32>
}
