func.func @f(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<6x!quant.uniform<i8:f32, 0.5:2>> {
  %0 = qnt.reshape %x : (tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<6x!quant.uniform<i8:f32, 0.5:2>>
  return %0 : tensor<6x!quant.uniform<i8:f32, 0.5:2>>
}
