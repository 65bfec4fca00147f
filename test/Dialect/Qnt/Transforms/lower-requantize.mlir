// RUN: qnt-opt %s --qnt-lower-requantize -split-input-file | FileCheck %s

// scale ratio (2/255) / (5/255) = 0.4 = 0.8 * 2^-1: multiplier
// round(0.8 * 2^31) = 1717986918, shift -1. Ratio 0.8: shift 0. Ratio 2:
// 0.5 * 2^2: multiplier 2^30, shift 2.
// CHECK-LABEL: func.func @ratios
// CHECK: qnt.requantize %arg0 {multiplier = 1717986918 : i32, shift = -1 : i32}
// CHECK: qnt.requantize %arg1 {multiplier = 1717986918 : i32, shift = 0 : i32}
// CHECK: qnt.requantize %arg2 {multiplier = 1073741824 : i32, shift = 2 : i32}
// CHECK-NOT: qnt.quantize
func.func @ratios(%arg0: tensor<4x!quant.uniform<i8:f32, 0.00784313725490196:-1>>,
                  %arg1: tensor<4x!quant.uniform<i8:f32, 0.01568627450980392:-128>>,
                  %arg2: tensor<4x!quant.uniform<i8:f32, 0.5>>)
    -> (tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>,
        tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>,
        tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  %0 = qnt.quantize %arg0 : (tensor<4x!quant.uniform<i8:f32, 0.00784313725490196:-1>>) -> tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>
  %1 = qnt.quantize %arg1 : (tensor<4x!quant.uniform<i8:f32, 0.01568627450980392:-128>>) -> tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>
  %2 = qnt.quantize %arg2 : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0, %1, %2 : tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>, tensor<4x!quant.uniform<i8:f32, 0.0196078431372549:-77>>, tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Float to quantized stays a quantize.
// CHECK-LABEL: func.func @from_float
// CHECK: qnt.quantize
func.func @from_float(%arg0: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %0 = qnt.quantize %arg0 : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}
