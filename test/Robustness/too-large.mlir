// A model whose constants exceed what a flatbuffer can address (2 GB) is
// refused before anything is written. The splat holds 4 bytes in memory but
// declares 600M floats = 2.4 GB; no 2 GB buffer is ever allocated.
// RUN: not qnt-translate --export-tflite %s -o %t.tflite 2>&1 | FileCheck %s
// RUN: not test -e %t.tflite
// CHECK: error: loc("huge"): 'qnt.const' op cannot be written to TFLite: the model's constants exceed the 2 GB a flatbuffer can hold
func.func @main(%arg0: tensor<600000000xf32>) -> tensor<600000000xf32> {
  %c = qnt.const dense<1.0> : tensor<600000000xf32> loc("huge")
  %0 = qnt.add %arg0, %c : (tensor<600000000xf32>, tensor<600000000xf32>) -> tensor<600000000xf32>
  return %0 : tensor<600000000xf32>
}
