// A float16-weight block as TFLite float16 models store it: conv + bias +
// relu6, weights as f16 constants feeding dequantize.
func.func @main(%input: tensor<1x8x8x3xf32>) -> tensor<1x8x8x4xf32> {
  %w16 = qnt.const dense<0.25> : tensor<4x3x3x3xf16>
  %w = qnt.dequantize %w16 : (tensor<4x3x3x3xf16>) -> tensor<4x3x3x3xf32>
  %b = qnt.const dense<[0.0, 0.5, -0.5, 1.0]> : tensor<4xf32>
  %conv = qnt.conv_2d %input, %w, %b {fused_activation = #qnt.act<relu6>, padding = #qnt.padding<same>}
      : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  return %conv : tensor<1x8x8x4xf32>
}
