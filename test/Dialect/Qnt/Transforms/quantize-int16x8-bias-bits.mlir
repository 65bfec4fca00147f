// RUN: qnt-opt %s --quantize-int16x8=bias-bits=32 | FileCheck %s
// RUN: qnt-opt %s --quantize-int16x8 | FileCheck %s --check-prefix=DEFAULT
// RUN: not qnt-opt %s --quantize-int16x8=bias-bits=16 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not qnt-opt %s --quantize-int8=bias-bits=32 2>&1 | FileCheck %s --check-prefix=INT8
// RUN: not qnt-convert %s --mode int16x8 --bias-bits=8 -o %t.tflite 2>&1 | FileCheck %s --check-prefix=CONVERT
// RUN: not qnt-convert %s --mode int8 --bias-bits=32 -o %t.tflite 2>&1 | FileCheck %s --check-prefix=CONVERT8

// Same conv as in quantize-int16x8.mlir: biases 346784 and -277427, weights
// 1/-2 and 0.5/0.25 at 127/max|w| -> [64, -127] and [127, 64]. Worst
// accumulator 32768 * 191 + 346784 = 7105632: INT32 is safe.
// CHECK: qnt.const {qnt.bias_bits = 32 : i64} dense<[346784, -277427]> : tensor<2xi32>
// DEFAULT-NOT: qnt.bias_bits
// BAD: quantize-int16x8: bias-bits must be 32 or 64, got 16
// INT8: quantize-int8: bias-bits=32 applies to 16x8 models; int8 biases are always 32-bit
// CONVERT: qnt-convert: error: --bias-bits must be 32 or 64
// CONVERT8: qnt-convert: error: --bias-bits=32 applies to --mode int16x8
func.func @conv(%arg0: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %w = qnt.const dense<[[[[1.0, -2.0]]], [[[0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %b = qnt.const dense<[0.5, -0.1]> : tensor<2xf32>
  %0 = qnt.conv_2d %in, %w, %b {fused_activation = #qnt.act<relu6>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 6.0} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
