// The progress bar is drawn on a terminal (here a pseudo-terminal made by
// script(1) from util-linux) and nowhere else.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/calib.py pipeline %t
// RUN: script -qec "qnt-calibrate %s --data %t/data.npy -o %t/tty.mlir" /dev/null | FileCheck %s --check-prefix=TTY
// TTY: calibrating [....................] 0/2
// TTY: calibrating [####################] 2/2 {{[0-9.]+}} samples/s in 0:00
// RUN: qnt-calibrate %s --data %t/data.npy -o %t/pipe.mlir 2>%t/stderr.txt
// RUN: count 0 < %t/stderr.txt
// RUN: diff %t/tty.mlir %t/pipe.mlir
//
// `-o -` and no -o both write to stdout.
// RUN: qnt-calibrate %s --data %t/data.npy -o - | diff - %t/pipe.mlir
// RUN: qnt-calibrate %s --data %t/data.npy | diff - %t/pipe.mlir
func.func @main(%arg0: tensor<1x4xf32> loc("input")) -> tensor<1x4xf32> {
  %0 = qnt.relu %arg0 : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("hidden")
  return %0 : tensor<1x4xf32>
}
