// Found by qnt-fuzz-tflite (export after import was not a fixed point): a
// subgraph output with a training range is a fake_quant of the tensor, both
// located at the tensor's name. Export reserved the name for the fake_quant
// result, which is not a tensor of its own, so the tensor itself became
// "relu_1" and grew a suffix on every round trip.
// RUN: qnt-translate --export-tflite %s | qnt-translate --import-tflite --mlir-print-debuginfo | FileCheck %s
// RUN: qnt-translate --export-tflite %s | qnt-translate --import-tflite --mlir-print-debuginfo | qnt-translate --export-tflite | qnt-translate --import-tflite --mlir-print-debuginfo | FileCheck %s
// CHECK: qnt.relu {{.*}} loc([[RELU:#loc[0-9]*]])
// CHECK: qnt.fake_quant {{.*}}min = -1.000000e+00{{.*}} loc([[RELU]])
// CHECK: [[RELU]] = loc("relu"(
// CHECK-NOT: relu_1
func.func @main(%arg0: tensor<1x4xf32> loc("x")) -> tensor<1x4xf32> {
  %0 = qnt.relu %arg0 : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("relu")
  %1 = qnt.fake_quant %0 {min = -1.0 : f64, max = 1.0 : f64, num_bits = 8 : i32} : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("relu")
  return %1 : tensor<1x4xf32>
}
