// RUN: qnt-opt %s --quantize-target="target=int16-pow2-dsp" -split-input-file 2>%t.report | FileCheck %s --check-prefix=DSP
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: qnt-opt %s --quantize-target="target=%S/Inputs/int8-pow2-int4.json" --qnt-lower-requantize -split-input-file 2>/dev/null | FileCheck %s --check-prefix=POW2
// RUN: qnt-opt %s --quantize-target="target=int8-per-tensor" -split-input-file 2>/dev/null | FileCheck %s --check-prefix=TENSOR
// RUN: qnt-opt %s --quantize-target="target=fp16-gpu" -split-input-file | FileCheck %s --check-prefix=GPU

// int16-pow2-dsp: 16-bit symmetric activations, scales rounded up to powers
// of two. Input [-1, 3]: 3/32767 = 9.16e-5 -> 2^-13. Weights per channel:
// 2/127 -> 2^-5, stored 1/2^-5 = 32 and -64; 0.5/127 -> 2^-7, stored 64 and
// 32. Bias scales 2^-18 and 2^-20: 0.5 -> 131072, -0.1 -> -104857.6 ->
// -104858. Output [0, 6]: 6/32767 = 1.83e-4 -> 2^-12.
// DSP-LABEL: func.func @conv
// DSP-DAG: qnt.quantize %arg0 : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!quant.uniform<i16:f32, 1.220703125E-4>>
// DSP-DAG: qnt.const dense<{{\[\[\[\[}}32, -64]]], {{\[\[\[}}64, 32]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {3.125000e-02,7.812500e-03}>>
// DSP-DAG: qnt.const dense<[131072, -104858]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {3.814697265625E-6,9.5367431640625E-7}>>
// DSP: qnt.conv_2d {{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 2.44140625E-4>>
// REPORT: precision report for @conv (target int16-pow2-dsp):
// REPORT-NEXT: qnt.conv_2d 'conv': int16, weights int8 (the target's precision)
// 4-bit weights live in int8 storage with the range [-7, 7]: channel 0
// {1, -2}: 2/7 -> 0.5, stored 2, -4; channel 1 {0.5, 0.25}: 0.5/7 -> 0.125,
// stored 4, 2.
// POW2-LABEL: func.func @conv
// POW2: qnt.const dense<{{\[\[\[\[}}2, -4]]], {{\[\[\[}}4, 2]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8<-7:7>:f32:0, {5.000000e-01,1.250000e-01}>>
// Per tensor: one scale 2/127 for all weights.
// TENSOR-LABEL: func.func @conv
// TENSOR: qnt.const {{.*}} -> tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.015748031496062{{[0-9]*}}>>
// fp16-gpu: f16 weights read through dequantize, statistics left alone.
// GPU-LABEL: func.func @conv
// GPU: qnt.const {{.*}} : tensor<2x1x1x2xf16>
// GPU-NOT: quant.uniform
func.func @conv(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32> loc("conv")
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Power-of-two scales make every requantization a pure shift. Input %a
// [-1, 1]: 2/255 -> 2^-6, zero point round(-128 + 64) = -64; it is also
// returned, so the concatenation ([-1, 4]: 5/255 -> 2^-5, zero point
// round(-128 + 32) = -96) requantizes it: ratio 2^-6 / 2^-5 = 0.5, i.e.
// multiplier 2^30 and shift 0. Softmax is not in the profile's op list and
// the layer named "kept" is overridden to float: both stay float.
// POW2-LABEL: func.func @shift
// POW2: qnt.requantize %{{.*}} {multiplier = 1073741824 : i32, shift = 0 : i32} : (tensor<1x2x!quant.uniform<i8:f32, 1.562500e-02:-64>>) -> tensor<1x2x!quant.uniform<i8:f32, 3.125000e-02:-96>>
// POW2: qnt.softmax %{{.*}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// POW2: qnt.relu %{{.*}} : (tensor<1x4xf32>) -> tensor<1x4xf32>
// REPORT: precision report for @shift (target int16-pow2-dsp):
func.func @shift(%arg0: tensor<1x2xf32>, %arg1: tensor<1x2xf32>) -> (tensor<1x4xf32>, tensor<1x2xf32>, tensor<1x4xf32>) {
  %a = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %b = qnt.stats %arg1 {min = 0.0, max = 4.0} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %0 = qnt.concatenation %a, %b {axis = 1 : i32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  %1 = qnt.stats %0 {min = -1.0, max = 4.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %2 = qnt.softmax %1 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %3 = qnt.stats %2 {min = 0.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %4 = qnt.relu %1 : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("kept")
  %5 = qnt.stats %4 {min = 0.0, max = 4.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %3, %a, %5 : tensor<1x4xf32>, tensor<1x2xf32>, tensor<1x4xf32>
}
