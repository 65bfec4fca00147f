// Calibrated ranges that are a single value still give a valid (positive,
// finite) scale, and the model exports. QuantMath.h: 0.0 is always in the
// range, and a range narrower than 1e-6 is widened to 1e-6 away from 0.
//   [0, 0]     -> [0, 1e-6]: scale 1e-6 / 255 = 3.92156862745098e-09, zp -128
//   [2.5, 2.5] -> [0, 2.5]:  scale 2.5 / 255 = 0.00980392156862745,   zp -128
//   [-3, -3]   -> [-3, 0]:   scale 3 / 255   = 0.0117647058823529,    zp 127
// RUN: qnt-opt %s --quantize-int8 | FileCheck %s
// RUN: qnt-opt %s --quantize-int8 | qnt-translate --export-tflite | qnt-translate --import-tflite | FileCheck %s --check-prefix=TFLITE
// CHECK: qnt.quantize %arg0 {{.*}}!quant.uniform<i8:f32, 3.92156862745098{{[0-9]*}}E-9:-128>>
// CHECK: qnt.relu {{.*}}!quant.uniform<i8:f32, 0.0098039215686274{{[0-9]*}}:-128>>
// CHECK: qnt.add {{.*}}!quant.uniform<i8:f32, 0.011764705882352{{[0-9]*}}:127>>
// TFLite stores scales as float32: 7 significant digits survive.
// TFLITE: !quant.uniform<i8:f32, 3.921568{{[0-9]*}}E-9:-128>
// TFLITE: !quant.uniform<i8:f32, 0.009803921{{[0-9]*}}:-128>
// TFLITE: !quant.uniform<i8:f32, 0.01176470{{[0-9]*}}:127>
func.func @main(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnt.stats %arg0 {min = 0.0 : f64, max = 0.0 : f64} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = qnt.relu %0 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %2 = qnt.stats %1 {min = 2.5 : f64, max = 2.5 : f64} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %3 = qnt.add %2, %2 : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %4 = qnt.stats %3 {min = -3.0 : f64, max = -3.0 : f64} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %4 : tensor<1x4xf32>
}
