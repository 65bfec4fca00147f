// RUN: qnt-opt %s --qnt-select-bias-bits -split-input-file -verify-diagnostics | FileCheck %s
// RUN: qnt-opt %s --qnt-select-bias-bits=bits=64 -split-input-file | FileCheck %s --check-prefix=WIDE
// RUN: not qnt-opt %s --qnt-select-bias-bits=bits=16 -split-input-file 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: bits must be 32 or 64, got 16

!x16 = tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>
!y16 = tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
!w = tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
!b = tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>

// Channel sums of |w| are 30 and 70: the worst accumulator is
// 32768 * 70 + 3 = 2293763, far inside int32, so the bias is written INT32.
// bits=64 removes the mark (the default, INT64).
// CHECK-LABEL: func.func @conv
// CHECK: qnt.const {qnt.bias_bits = 32 : i64} dense<[70000, -3]>
// WIDE-LABEL: func.func @conv
// WIDE-NOT: qnt.bias_bits
func.func @conv(%arg0: !x16) -> !y16 {
  %w = qnt.const dense<[[[[10, 20]]], [[[-30, 40]]]]> : tensor<2x1x1x2xi8> -> !w
  %b = qnt.const {qnt.bias_bits = 32 : i64} dense<[70000, -3]> : tensor<2xi32> -> !b
  %0 = qnt.conv_2d %arg0, %w, %b : (!x16, !w, !b) -> !y16
  return %0 : !y16
}

// -----

// 600 weights of 127: 32768 * 76200 + 1000 = 2496922600 > 2^31 - 1. TFLite's
// INT32-bias kernel would accumulate in 32 bits and wrap, so it stays INT64.
!x = tensor<1x600x!quant.uniform<i16:f32, 1.000000e-03>>
!y = tensor<1x1x!quant.uniform<i16:f32, 1.000000e+00>>
!w = tensor<1x600x!quant.uniform<i8<-127:127>:f32, 1.000000e-02>>
!b = tensor<1x!quant.uniform<i32:f32, 1.000000e-05>>
// CHECK-LABEL: func.func @fc_overflow
// CHECK: qnt.const dense<1000>
func.func @fc_overflow(%arg0: !x) -> !y {
  %w = qnt.const dense<127> : tensor<1x600xi8> -> !w
  %b = qnt.const dense<1000> : tensor<1xi32> -> !b loc("fcbias")
  // expected-warning @+1 {{bias 'fcbias' stays int64: the 32-bit accumulator of 'qnt.fully_connected' could reach 2496922600 (32768 * sum |w| + |bias|), beyond int32}}
  %0 = qnt.fully_connected %arg0, %w, %b : (!x, !w, !b) -> !y
  return %0 : !y
}

// -----

// 500 weights of 127 fit: 32768 * 63500 + 1000 = 2080769000 <= 2147483647.
!x = tensor<1x500x!quant.uniform<i16:f32, 1.000000e-03>>
!y = tensor<1x1x!quant.uniform<i16:f32, 1.000000e+00>>
!w = tensor<1x500x!quant.uniform<i8<-127:127>:f32, 1.000000e-02>>
!b = tensor<1x!quant.uniform<i32:f32, 1.000000e-05>>
// CHECK-LABEL: func.func @fc_fits
// CHECK: qnt.const {qnt.bias_bits = 32 : i64} dense<-1000>
func.func @fc_fits(%arg0: !x) -> !y {
  %w = qnt.const dense<-127> : tensor<1x500xi8> -> !w
  %b = qnt.const dense<-1000> : tensor<1xi32> -> !b
  %0 = qnt.fully_connected %arg0, %w, %b : (!x, !w, !b) -> !y
  return %0 : !y
}

// -----

// TFLite's 16x8 depthwise kernel refuses INT32 biases: INT64 with a warning.
!x16 = tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>
!y16 = tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
!w = tensor<1x1x1x2x!quant.uniform<i8<-127:127>:f32:3, {1.000000e-01,2.000000e-01}>>
!b = tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>
// CHECK-LABEL: func.func @depthwise
// CHECK: qnt.const dense<[5, 6]>
func.func @depthwise(%arg0: !x16) -> !y16 {
  %w = qnt.const dense<[[[[1, 2]]]]> : tensor<1x1x1x2xi8> -> !w
  %b = qnt.const dense<[5, 6]> : tensor<2xi32> -> !b loc("dwbias")
  // expected-warning @+1 {{bias 'dwbias' stays int64: TFLite's 16x8 depthwise_conv_2d kernel takes only INT64 biases}}
  %0 = qnt.depthwise_conv_2d %arg0, %w, %b {padding = #qnt.padding<valid>} : (!x16, !w, !b) -> !y16
  return %0 : !y16
}

// -----

// transpose_conv (weights OHWI, channel axis 0) takes INT32. An int8 conv's
// bias is INT32 anyway and is not marked.
!x16 = tensor<1x1x1x2x!quant.uniform<i16:f32, 1.000000e-03>>
!y16 = tensor<1x1x1x2x!quant.uniform<i16:f32, 5.000000e-03>>
!x8 = tensor<1x1x1x2x!quant.uniform<i8:f32, 1.000000e-03>>
!y8 = tensor<1x1x1x2x!quant.uniform<i8:f32, 5.000000e-03>>
!w = tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
!b = tensor<2x!quant.uniform<i32:f32:0, {1.000000e-04,2.000000e-04}>>
// CHECK-LABEL: func.func @transpose_and_int8
// CHECK: qnt.const {qnt.bias_bits = 32 : i64} dense<[7, 8]>
// CHECK: qnt.const dense<[9, 10]>
func.func @transpose_and_int8(%arg0: !x16, %arg1: !x8) -> (!y16, !y8) {
  %s = qnt.const dense<[1, 1, 1, 2]> : tensor<4xi32>
  %w = qnt.const dense<[[[[10, 20]]], [[[-30, 40]]]]> : tensor<2x1x1x2xi8> -> !w
  %b = qnt.const dense<[7, 8]> : tensor<2xi32> -> !b
  %0 = qnt.transpose_conv %s, %w, %arg0, %b {padding = #qnt.padding<valid>} : (tensor<4xi32>, !w, !x16, !b) -> !y16
  %b8 = qnt.const dense<[9, 10]> : tensor<2xi32> -> !b
  %1 = qnt.conv_2d %arg1, %w, %b8 : (!x8, !w, !b) -> !y8
  return %0, %1 : !y16, !y8
}
