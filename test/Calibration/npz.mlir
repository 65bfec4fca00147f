// A two-input function fed by a .npz file with one array per input name
// (in any order in the file), chosen among several functions by name.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/calib.py npz %t
// RUN: qnt-calibrate %s --function second --data %t/data.npz | FileCheck %t/expected.txt
// RUN: qnt-opt %s --qnt-calibrate="function=second data=%t/data.npz" | FileCheck %t/expected.txt
// The other function is left alone.
// RUN: qnt-calibrate %s --function second --data %t/data.npz | FileCheck %s
// CHECK-LABEL: func.func @first
// CHECK-NOT: qnt.stats
// CHECK-LABEL: func.func @second
//
// RUN: not qnt-calibrate %s --data %t/data.npz 2>&1 | FileCheck %s --check-prefix=WHICH
// WHICH: error: the module has no '@main' and several functions ('@first', '@second'); name the one to use
// RUN: not qnt-calibrate %s --function third --data %t/data.npz 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: error: no function '@third' with a body
func.func @first(%arg0: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %0 = qnt.relu %arg0 : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

func.func @second(%arg0: tensor<1x3xf32> loc("a"), %arg1: tensor<1x3xf32> loc("b")) -> tensor<1x3xf32> {
  %0 = qnt.add %arg0, %arg1 : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x3xf32> loc("sum")
  return %0 : tensor<1x3xf32>
}
