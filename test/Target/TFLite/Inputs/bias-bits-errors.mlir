// An int8 conv's bias is INT32 in any case: a bias width mark on it is an error.
func.func @main(%arg0: tensor<1x1x1x2x!quant.uniform<i8:f32, 1.000000e-03>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 5.000000e-03>> {
  %w = qnt.const dense<[[[[10, 20]]], [[[-30, 40]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
  %b = qnt.const {qnt.bias_bits = 32 : i64} dense<[70000, -3]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>
  %0 = qnt.conv_2d %arg0, %w, %b : (tensor<1x1x1x2x!quant.uniform<i8:f32, 1.000000e-03>>, tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 5.000000e-03>>
  return %0 : tensor<1x1x1x2x!quant.uniform<i8:f32, 5.000000e-03>>
}
