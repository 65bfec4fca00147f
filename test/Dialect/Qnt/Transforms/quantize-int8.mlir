// RUN: qnt-opt --mlir-print-debuginfo=false %s --quantize-int8 -split-input-file | FileCheck %s
// RUN: qnt-opt --mlir-print-debuginfo=false %s --quantize-int8="deny-ops=softmax" -split-input-file | FileCheck %s --check-prefix=DENY
// RUN: qnt-opt --mlir-print-debuginfo=false %s --quantize-int8="deny-ops=conv_2d" -split-input-file | FileCheck %s --check-prefix=DENY-CONV

// A conv with per-channel weights and bias, integer between the edges.
// Input [-1, 3]: scale 4/255, zero point -64. Weights per channel: scales
// 2/127 and 0.5/127, stored 1 -> 63.5 -> 64 (half away from zero), -2 ->
// -127, 0.5 -> 127, 0.25 -> 63.5 -> 64. Bias 0.5 / 2.4702794e-4 = 2024.06
// -> 2024, -0.1 / 6.1756986e-5 = -1619.25 -> -1619. Output [0, 6]: scale
// 6/255, zero point -128.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[ARG:.*]]: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-DAG: %[[IN:.*]] = qnt.quantize %[[ARG]] : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-64>>
// CHECK-DAG: %[[W:.*]] = qnt.const dense<{{\[\[\[\[}}64, -127]]], {{\[\[\[}}127, 64]]]]> : tensor<2x1x1x2xi8>{{.*}}!quant.uniform<i8<-127:127>:f32:0, {0.015748031496062{{[0-9]*}},0.0039370078740157{{[0-9]*}}}>>
// CHECK-DAG: %[[B:.*]] = qnt.const dense<[2024, -1619]> : tensor<2xi32>{{.*}}!quant.uniform<i32:f32:0, {2.47027945036{{[0-9]*}}E-4,6.17569862590{{[0-9]*}}E-5}>>
// CHECK: %[[C:.*]] = qnt.conv_2d %[[IN]], %[[W]], %[[B]] {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.023529411764705{{[0-9]*}}:-128>>
// CHECK: %[[OUT:.*]] = qnt.dequantize %[[C]]
// CHECK: return %[[OUT]]
// A denied conv reads its weights and bias exactly as they were (0.25 is
// not rounded to 64 * 0.5/127), not through a quantize/dequantize pair.
// DENY-CONV-LABEL: func.func @conv
// DENY-CONV-DAG: %[[W:.*]] = qnt.const dense<{{\[\[\[\[}}1.000000e+00, -2.000000e+00]]], {{\[\[\[}}5.000000e-01, 2.500000e-01]]]]> : tensor<2x1x1x2xf32>
// DENY-CONV-DAG: %[[B:.*]] = qnt.const dense<[5.000000e-01, -1.000000e-01]> : tensor<2xf32>
// DENY-CONV: qnt.conv_2d %arg0, %[[W]], %[[B]] {{.*}} -> tensor<1x2x2x2xf32>
// DENY-CONV-NOT: qnt.dequantize
// DENY-CONV: return
func.func @conv(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Div has no int8 kernel: it stays float between a dequantize and a
// quantize; the ops around it are integer. With softmax denied, softmax
// stays float too.
// CHECK-LABEL: func.func @fallback
// CHECK: %[[A:.*]] = qnt.add {{.*}} -> tensor<1x4x!quant.uniform<i8:f32
// CHECK: %[[F:.*]] = qnt.dequantize %[[A]]
// CHECK: %[[D:.*]] = qnt.div %[[F]], %[[F]] {{.*}} -> tensor<1x4xf32>
// CHECK: %[[Q:.*]] = qnt.quantize %[[D]]
// CHECK: qnt.softmax %[[Q]] {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// DENY-LABEL: func.func @fallback
// DENY: %[[D:.*]] = qnt.div {{.*}} -> tensor<1x4xf32>
// DENY-NOT: qnt.quantize %[[D]]
// DENY: qnt.softmax %[[D]] {{.*}} -> tensor<1x4xf32>
func.func @fallback(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %0 = qnt.add %in, %in : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %1 = qnt.stats %0 {min = -2.0, max = 2.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %2 = qnt.div %1, %1 : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %3 = qnt.stats %2 {min = 0.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %4 = qnt.softmax %3 : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %5 = qnt.stats %4 {min = 0.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %5 : tensor<1x4xf32>
}

// -----

// A custom op is carried through untouched and stays float.
// CHECK-LABEL: func.func @custom
// CHECK: %[[R:.*]] = qnt.relu {{.*}} -> tensor<4x!quant.uniform<i8:f32
// CHECK: %[[F:.*]] = qnt.dequantize %[[R]]
// CHECK: qnt.custom %[[F]] {name = "MyOp", options = "\01\02"} : (tensor<4xf32>) -> tensor<4xf32>
func.func @custom(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %0 = qnt.relu %in : (tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %2 = qnt.custom %1 {name = "MyOp", options = "\01\02"} : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
