// Calibration errors name the input or tensor, and the sample; they exit
// non-zero and leave an existing output file as it was.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/calib.py errors %t
// RUN: echo "previous contents" > %t/out.mlir
//
// RUN: not qnt-calibrate %s --data %t/wrong-shape.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: error: cannot calibrate '@main': '{{.*}}wrong-shape.npy': shape [3, 1, 5] does not fit input 'input' of shape [1, 4]
// RUN: not qnt-calibrate %s --data %t/nan.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: error: cannot calibrate '@main': '{{.*}}nan.npy': sample 2 of input 'input' (element 1) is a NaN
// RUN: not qnt-calibrate %s --data %t/empty.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: error: cannot calibrate '@main': '{{.*}}empty.npy': the data set is empty
// RUN: not qnt-calibrate %s --data %t/missing.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: cannot calibrate '@main': '{{.*}}missing.npy': cannot read
//
// A NaN computed inside the model (0 / 0 in sample 1) names the tensor.
// RUN: not qnt-calibrate %s --data %t/zero.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=ACT
// ACT: error: cannot calibrate '@main': sample 1: tensor 'ratio': non-finite value NaN at index 2
// The same error whatever the number of threads.
// RUN: not qnt-calibrate %s --data %t/zero.npy --num-threads=3 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=ACT
//
// RUN: not qnt-calibrate %S/Inputs/custom.mlir --data %t/good.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=CUSTOM
// CUSTOM: error: cannot calibrate '@main': cannot execute op 'qnt.custom' (custom op 'MyOp') at loc("mine")
//
// RUN: not qnt-calibrate %s --data %t/good.npy --method foo -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=METHOD
// METHOD: error: cannot calibrate '@main': unknown calibration method 'foo'
// RUN: not qnt-calibrate %s --data %t/good.npy --method percentile=20 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=PCT
// PCT: error: cannot calibrate '@main': invalid percentile '20' in 'percentile=20': expected a number in (50, 100]
// RUN: not qnt-calibrate %s --data %t -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=IMAGES
// IMAGES: error: cannot calibrate '@main': '{{.*}}': images cannot feed input 'input' of shape [1, 4]
// RUN: not qnt-calibrate %t/nonexistent.mlir --data %t/good.npy 2>&1 | FileCheck %s --check-prefix=MODEL
// MODEL: qnt-calibrate: error: {{.*}}nonexistent.mlir: cannot open input file
//
// None of the failures touched the output.
// RUN: FileCheck %s --check-prefix=KEPT --input-file=%t/out.mlir
// KEPT: previous contents
//
// The same errors from the pass in qnt-opt.
// RUN: not qnt-opt %s --qnt-calibrate="data=%t/zero.npy" 2>&1 | FileCheck %s --check-prefix=ACT
// RUN: not qnt-opt %s --qnt-calibrate 2>&1 | FileCheck %s --check-prefix=NODATA
// NODATA: error: cannot calibrate '@main': no data set given
func.func @main(%arg0: tensor<1x4xf32> loc("input")) -> tensor<1x4xf32> {
  %0 = qnt.div %arg0, %arg0 : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32> loc("ratio")
  return %0 : tensor<1x4xf32>
}
