// Hybrid fully connected (float x, int8 weights at scale 0.5): weights in
// real terms [[0.5, 1, 1.5, 2], [-0.5, 0, 0.5, 0]], bias [0.25, -1].
!w = tensor<2x4x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>
func.func @sym(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = qnt.const dense<[[1, 2, 3, 4], [-1, 0, 1, 0]]> : tensor<2x4xi8> -> !w
  %b = qnt.const dense<[0.25, -1.0]> : tensor<2xf32>
  %0 = qnt.fully_connected %x, %w, %b : (tensor<1x4xf32>, !w, tensor<2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
func.func @asym(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = qnt.const dense<[[1, 2, 3, 4], [-1, 0, 1, 0]]> : tensor<2x4xi8> -> !w
  %b = qnt.const dense<[0.25, -1.0]> : tensor<2xf32>
  %0 = qnt.fully_connected %x, %w, %b {asymmetric_quantize_inputs} : (tensor<1x4xf32>, !w, tensor<2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
