// RUN: qnt-opt %s --qnt-quantize-float16-weights -split-input-file 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=WARN < %t.err

// f32 constants become f16 constants (round to nearest even: 0.1 ->
// 0.0999755859375, 3.14159 -> 3.140625, 1e-8 underflows to 0) read through a
// dequantize; integer constants are left alone.
// CHECK-LABEL: func.func @weights
// CHECK-DAG: %[[H:.*]] = qnt.const dense<[9.997550e-02, 3.140630e+00, 0.000000e+00, -2.000000e+00]> : tensor<4xf16>
// CHECK-DAG: %[[W:.*]] = qnt.dequantize %[[H]] : (tensor<4xf16>) -> tensor<4xf32>
// CHECK-DAG: %[[S:.*]] = qnt.const dense<2> : tensor<2xi32>
// CHECK: qnt.add %arg0, %[[W]]
// CHECK: qnt.reshape {{.*}}, %[[S]]
// CHECK-NOT: tensor<4xf32> = qnt.const
func.func @weights(%arg0: tensor<4xf32>) -> tensor<2x2xf32> {
  %w = qnt.const dense<[0.1, 3.14159, 1.0e-8, -2.0]> : tensor<4xf32>
  %s = qnt.const dense<[2, 2]> : tensor<2xi32>
  %0 = qnt.add %arg0, %w : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.reshape %0, %s : (tensor<4xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %1 : tensor<2x2xf32>
}

// -----

// Values beyond the f16 range are clamped to the largest finite f16 value,
// with a warning naming the tensor.
// WARN: warning: {{.*}}constant 'big_weights': 2 value(s) beyond the float16 range clamped to +-65504
// CHECK-LABEL: func.func @clamped
// CHECK: qnt.const dense<[6.550400e+04, -6.550400e+04, 1.000000e+00]> : tensor<3xf16>
func.func @clamped(%arg0: tensor<3xf32>) -> tensor<3xf32> {
  %w = qnt.const dense<[70000.0, -1.0e30, 1.0]> : tensor<3xf32> loc("big_weights")
  %0 = qnt.mul %arg0, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
