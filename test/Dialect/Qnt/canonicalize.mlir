// The folders and canonicalization patterns of qnt ops. Each rewrite holds
// exactly, on float and quantized tensors; the negative cases are the ones
// that look foldable and are not.
// RUN: qnt-opt --mlir-print-debuginfo=false %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<?x3xf32>)
// CHECK-NEXT: return %[[X]], %[[Y]]
func.func @reshape_same_type(%x: tensor<2x3xf32>, %y: tensor<?x3xf32>) -> (tensor<2x3xf32>, tensor<?x3xf32>) {
  %0 = qnt.reshape %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = qnt.reshape %y : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<?x3xf32>
}

// -----

// Two unknown dimensions: 2x6 may become 3x4, so the reshape stays.
// CHECK-LABEL: func.func @reshape_two_dynamic_dims
// CHECK: qnt.reshape %arg0, %arg1 : (tensor<?x?xf32>, tensor<2xi32>) -> tensor<?x?xf32>
func.func @reshape_two_dynamic_dims(%x: tensor<?x?xf32>, %shape: tensor<2xi32>) -> tensor<?x?xf32> {
  %0 = qnt.reshape %x, %shape : (tensor<?x?xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Only the last shape of a chain counts; quantized types pass through.
// CHECK-LABEL: func.func @reshape_chain
// CHECK-NEXT: %[[R:.*]] = qnt.reshape %arg0 : (tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:1>>) -> tensor<3x2x!quant.uniform<i8:f32, 2.500000e-01:1>>
// CHECK-NEXT: return %[[R]]
func.func @reshape_chain(%x: tensor<2x3x!quant.uniform<i8:f32, 0.25:1>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.25:1>> {
  %0 = qnt.reshape %x : (tensor<2x3x!quant.uniform<i8:f32, 0.25:1>>) -> tensor<6x!quant.uniform<i8:f32, 0.25:1>>
  %1 = qnt.reshape %0 : (tensor<6x!quant.uniform<i8:f32, 0.25:1>>) -> tensor<1x6x!quant.uniform<i8:f32, 0.25:1>>
  %2 = qnt.reshape %1 : (tensor<1x6x!quant.uniform<i8:f32, 0.25:1>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.25:1>>
  return %2 : tensor<3x2x!quant.uniform<i8:f32, 0.25:1>>
}

// -----

// A chain back to the input's own type disappears.
// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-NEXT: return %arg0
func.func @reshape_round_trip(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = qnt.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  %1 = qnt.reshape %0 : (tensor<6xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// Constants are reshaped in place, stored integers included, in row-major
// order.
// CHECK-LABEL: func.func @reshape_constant
// CHECK-DAG: qnt.const dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: qnt.const dense<{{\[\[}}1, 2, 3], [-4, -5, -6]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>
// CHECK-NOT: qnt.reshape
func.func @reshape_constant() -> (tensor<3x2xf32>, tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.5>>) {
  %c = qnt.const dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = qnt.reshape %c : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %q = qnt.const dense<[1, 2, 3, -4, -5, -6]> : tensor<6xi8> -> tensor<6x!quant.uniform<i8<-127:127>:f32, 0.5>>
  %1 = qnt.reshape %q : (tensor<6x!quant.uniform<i8<-127:127>:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return %0, %1 : tensor<3x2xf32>, tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.5>>
}

// -----

// A constant that others read too is not copied.
// CHECK-LABEL: func.func @reshape_shared_constant
// CHECK: %[[C:.*]] = qnt.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[R:.*]] = qnt.reshape %[[C]] : (tensor<2xf32>) -> tensor<1x2xf32>
// CHECK: return %[[C]], %[[R]]
func.func @reshape_shared_constant() -> (tensor<2xf32>, tensor<1x2xf32>) {
  %c = qnt.const dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = qnt.reshape %c : (tensor<2xf32>) -> tensor<1x2xf32>
  return %c, %0 : tensor<2xf32>, tensor<1x2xf32>
}

// -----

// Identity permutations (negative entries count from the end) vanish.
// CHECK-LABEL: func.func @transpose_identity
// CHECK-NEXT: return %arg0, %arg0
func.func @transpose_identity(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %p = qnt.const dense<[0, 1, 2]> : tensor<3xi32>
  %0 = qnt.transpose %x, %p : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<2x3x4xf32>
  %n = qnt.const dense<[-3, 1, -1]> : tensor<3xi32>
  %1 = qnt.transpose %x, %n : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// -----

// A square transpose keeps the type but moves data.
// CHECK-LABEL: func.func @transpose_square
// CHECK: qnt.transpose %arg0
func.func @transpose_square(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %p = qnt.const dense<[1, 0]> : tensor<2xi32>
  %0 = qnt.transpose %x, %p : (tensor<2x2xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// NHWC -> NCHW ([0, 3, 1, 2]) then [0, 2, 3, 1] is NCHW -> NHWC: the input.
// CHECK-LABEL: func.func @transpose_inverse_pair
// CHECK-NEXT: return %arg0
func.func @transpose_inverse_pair(%x: tensor<1x4x5x3xf32>) -> tensor<1x4x5x3xf32> {
  %p1 = qnt.const dense<[0, 3, 1, 2]> : tensor<4xi32>
  %0 = qnt.transpose %x, %p1 : (tensor<1x4x5x3xf32>, tensor<4xi32>) -> tensor<1x3x4x5xf32>
  %p2 = qnt.const dense<[0, 2, 3, 1]> : tensor<4xi32>
  %1 = qnt.transpose %0, %p2 : (tensor<1x3x4x5xf32>, tensor<4xi32>) -> tensor<1x4x5x3xf32>
  return %1 : tensor<1x4x5x3xf32>
}

// -----

// mid[i] = x[p1[i]], out[i] = mid[p2[i]] = x[p1[p2[i]]]: p1 = [1, 2, 0],
// p2 = [1, 2, 0] give [2, 0, 1]; 2x3x4 -> 3x4x2 -> 4x2x3.
// CHECK-LABEL: func.func @transpose_chain
// CHECK: %[[P:.*]] = qnt.const dense<[2, 0, 1]> : tensor<3xi32>
// CHECK: %[[T:.*]] = qnt.transpose %arg0, %[[P]] : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<4x2x3xf32>
// CHECK: return %[[T]]
func.func @transpose_chain(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %p = qnt.const dense<[1, 2, 0]> : tensor<3xi32>
  %0 = qnt.transpose %x, %p : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<3x4x2xf32>
  %1 = qnt.transpose %0, %p : (tensor<3x4x2xf32>, tensor<3xi32>) -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// Squeeze, slice and pad whose result is their input's type move nothing;
// so does a concatenation of one value without activation.
// CHECK-LABEL: func.func @no_data_movement
// CHECK-NEXT: return %arg0, %arg0, %arg0, %arg0, %arg0
func.func @no_data_movement(%x: tensor<2x3xf32>, %c: tensor<f32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = qnt.squeeze %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %b = qnt.const dense<0> : tensor<2xi32>
  %s = qnt.const dense<-1> : tensor<2xi32>
  %1 = qnt.slice %x, %b, %s : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  %p = qnt.const dense<0> : tensor<2x2xi32>
  %2 = qnt.pad %x, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x3xf32>
  %3 = qnt.pad_v2 %x, %p, %c : (tensor<2x3xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<2x3xf32>
  %4 = qnt.concatenation %x {axis = 0 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// The fused activation of a one-value concatenation still clamps.
// CHECK-LABEL: func.func @concatenation_with_activation
// CHECK: qnt.concatenation %arg0 {axis = 0 : i32, fused_activation = #qnt.act<relu>}
func.func @concatenation_with_activation(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = qnt.concatenation %x {axis = 0 : i32, fused_activation = #qnt.act<relu>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Requantizing to the same type is the identity; to another type it is not.
// CHECK-LABEL: func.func @quantize_same_type
// CHECK-NEXT: %[[Q:.*]] = qnt.quantize %arg0 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01>>) -> tensor<4x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK-NEXT: return %arg0, %[[Q]]
func.func @quantize_same_type(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>)
    -> (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  %0 = qnt.quantize %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %1 = qnt.quantize %x : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %0, %1 : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

// dequantize(quantize(x)) rounds x to the grid and clamps it: not x, so it
// stays even though the types match.
// CHECK-LABEL: func.func @quantize_dequantize_kept
// CHECK: %[[Q:.*]] = qnt.quantize %arg0
// CHECK: %[[D:.*]] = qnt.dequantize %[[Q]]
// CHECK: return %[[D]]
func.func @quantize_dequantize_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnt.quantize %x : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %1 = qnt.dequantize %0 : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Statistics and fake quantization carry information and are kept.
// CHECK-LABEL: func.func @stats_kept
// CHECK: qnt.stats
// CHECK: qnt.fake_quant
func.func @stats_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnt.stats %x {min = -1.0 : f64, max = 1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.fake_quant %0 {min = -1.0 : f64, max = 1.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
