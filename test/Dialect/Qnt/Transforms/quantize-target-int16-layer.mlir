// RUN: split-file %s %t
// RUN: qnt-opt %t/two.mlir --quantize-target="target=tflite-cpu layer-precision=conv=int16 layer-precision=conv2=int16" 2>%t.report | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: qnt-opt %t/two.mlir --quantize-target="target=tflite-cpu" 2>/dev/null | FileCheck %s --check-prefix=PLAIN
// RUN: qnt-opt %t/fixed.mlir --quantize-target="target=tflite-cpu layer-precision=sig=int16" 2>%t.report2 | FileCheck %s --check-prefix=FIXED
// RUN: FileCheck %s --check-prefix=REPORT2 < %t.report2

// Two int16 layers inside an int8 model.
// 'pre' is int8 [0, 3]: scale 3/255 = 0.0117647, zero point -128. The int16
// layer 'conv' reads it requantized to int16 with scale (3/255)/128 =
// 9.19117647e-5, zero point 0: every int8 value q lands on (q + 128) * 128.
// 'conv' writes int16 symmetric from its range [0, 6]: 6/32767 = 1.83111e-4.
// Weights stay int8 (per channel 2/127 and 0.5/127). Bias scales are input
// scale x weight scale: 9.19117647e-5 * 2/127 = 1.44743e-6, so 0.5 ->
// 345440.07 -> 345440 and -0.1 / (9.19117647e-5 * 0.5/127) = -276352.06 ->
// -276352 (int32 in qnt, INT64 in the file as for 16x8 models).
// 'conv2' is int16 too and reads 'conv's int16 result directly (no int8
// round trip); its bias scale is 1.83111e-4 * 2/127 = 2.88364e-6: 0.5 ->
// 173392.0 -> 173392. Its result, int16 [-12, 6] -> 12/32767 = 3.66222e-4,
// is requantized to int8 for the int8 'post': 18/255 = 0.0705882, zero point
// -128 + 12/0.0705882 = 42.
// CHECK-LABEL: func.func @two_layers
// CHECK: %[[PRE:.*]] = qnt.relu %{{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.011764705882352941:-128>>
// CHECK: %[[WIDE:.*]] = qnt.quantize %[[PRE]] : (tensor<1x2x2x2x!quant.uniform<i8:f32, 0.011764705882352941:-128>>) -> tensor<1x2x2x2x!quant.uniform<i16:f32, 9.19117647058823{{[0-9]*}}E-5>>
// CHECK: qnt.const dense<[345440, -276352]> : tensor<2xi32>
// CHECK: %[[C1:.*]] = qnt.conv_2d %[[WIDE]], {{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 1.831110568559{{[0-9]*}}E-4>>
// CHECK: qnt.const dense<[173392, -138714]> : tensor<2xi32>
// CHECK: %[[C2:.*]] = qnt.conv_2d %[[C1]], {{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 3.662221137119{{[0-9]*}}E-4>>
// CHECK: %[[NARROW:.*]] = qnt.quantize %[[C2]] : (tensor<1x2x2x2x!quant.uniform<i16:f32, 3.662221137119{{[0-9]*}}E-4>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.070588235294117646:42>>
// CHECK: qnt.relu %[[NARROW]]
// REPORT: precision report for @two_layers (target tflite-cpu):
// REPORT-NEXT: qnt.relu 'pre': int8 (the target's precision)
// REPORT-NEXT: qnt.conv_2d 'conv': int16, weights int8 (per-layer override: int16 in an int8 model)
// REPORT-NEXT: qnt.conv_2d 'conv2': int16, weights int8 (per-layer override: int16 in an int8 model)
// REPORT-NEXT: qnt.relu 'post': int8 (the target's precision)
// Without the overrides nothing is 16-bit.
// PLAIN-LABEL: func.func @two_layers
// PLAIN-NOT: i16

//--- two.mlir
func.func @two_layers(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %r = qnt.relu %in : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("pre")
  %rs = qnt.stats %r {min = 0.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %0 = qnt.conv_2d %rs, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32> loc("conv")
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %2 = qnt.conv_2d %1, %w, %b : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32> loc("conv2")
  %3 = qnt.stats %2 {min = -12.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %4 = qnt.relu %3 : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("post")
  %5 = qnt.stats %4 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %5 : tensor<1x2x2x2xf32>
}

//--- fixed.mlir
// A fixed-output op kept int16 takes TFLite's int16 output parameters
// (logistic: 1/32768, zero point 0), not the int8 ones (1/256, -128). Its
// float input is quantized straight to int16 with the int8 scale / 128:
// (8/255)/128 = 2.45098e-4. Being the model's output, it is dequantized from
// int16 directly.
// FIXED-LABEL: func.func @fixed
// FIXED: qnt.quantize %arg0 : (tensor<1x4xf32>) -> tensor<1x4x!quant.uniform<i16:f32, 2.450980392156862{{[0-9]*}}E-4>>
// FIXED: qnt.logistic %{{.*}} -> tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>
// FIXED: qnt.dequantize %{{.*}} : (tensor<1x4x!quant.uniform<i16:f32, 3.0517578125E-5>>) -> tensor<1x4xf32>
// REPORT2: qnt.logistic 'sig': int16 (per-layer override: int16 in an int8 model)
func.func @fixed(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %in = qnt.stats %arg0 {min = -4.0, max = 4.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %0 = qnt.logistic %in : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("sig")
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}
