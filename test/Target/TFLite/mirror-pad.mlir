// MIRROR_PAD: both modes survive export and import; the file holds
// MirrorPadOptions with TFLite's mode values (REFLECT 0, SYMMETRIC 1) and
// the versions of TFLite's rules (float 1, int8 2), checked with a reader
// that is not qnt's; an unknown mode is rejected on import.
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnt-translate --export-tflite %s -o %t/m.tflite
// RUN: qnt-translate --import-tflite %t/m.tflite | FileCheck %s
// RUN: %python %S/Inputs/mirror_pad_codes.py %t/m.tflite %t/bad.tflite | FileCheck %s --check-prefix=CODES
// RUN: not qnt-translate --import-tflite %t/bad.tflite -o %t/bad.mlir 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: %[[R:.*]] = qnt.const dense<{{\[\[}}0, 0], [1, 2], [2, 0], [0, 0]]> : tensor<4x2xi32>
// CHECK: qnt.mirror_pad %arg0, %[[R]] {mode = #qnt.mirror_pad_mode<reflect>} : (tensor<1x3x4x2xf32>, tensor<4x2xi32>) -> tensor<1x6x6x2xf32>
// CHECK: qnt.mirror_pad %arg1, %{{.*}} {mode = #qnt.mirror_pad_mode<symmetric>} : (tensor<2x3x!quant.uniform<i8:f32, 2.500000e-01:-3>>, tensor<2x2xi32>) -> tensor<6x4x!quant.uniform<i8:f32, 2.500000e-01:-3>>

// CODES-DAG: builtin 100 version 1
// CODES-DAG: builtin 100 version 2
// CODES-DAG: mirror_pad options 77 mode 0
// CODES-DAG: mirror_pad options 77 mode 1
// BAD: error: {{.*}}has unknown mirror pad mode 7

func.func @main(%x: tensor<1x3x4x2xf32>, %q: tensor<2x3x!quant.uniform<i8:f32, 0.25:-3>>)
    -> (tensor<1x6x6x2xf32>, tensor<6x4x!quant.uniform<i8:f32, 0.25:-3>>) {
  %r = qnt.const dense<[[0, 0], [1, 2], [2, 0], [0, 0]]> : tensor<4x2xi32>
  %s = qnt.const dense<[[2, 2], [1, 0]]> : tensor<2x2xi32>
  %0 = qnt.mirror_pad %x, %r {mode = #qnt.mirror_pad_mode<reflect>} : (tensor<1x3x4x2xf32>, tensor<4x2xi32>) -> tensor<1x6x6x2xf32>
  %1 = qnt.mirror_pad %q, %s {mode = #qnt.mirror_pad_mode<symmetric>} : (tensor<2x3x!quant.uniform<i8:f32, 0.25:-3>>, tensor<2x2xi32>) -> tensor<6x4x!quant.uniform<i8:f32, 0.25:-3>>
  return %0, %1 : tensor<1x6x6x2xf32>, tensor<6x4x!quant.uniform<i8:f32, 0.25:-3>>
}
