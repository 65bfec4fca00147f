// Each calibration method on a graph with outliers in its data: the ranges
// in qnt.stats are compared with numpy's (see Inputs/calib.py).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/calib.py methods %t
// RUN: qnt-calibrate %s --data %t/data.npy -o %t/minmax.mlir
// RUN: %python %S/Inputs/calib.py check %t/minmax.mlir %t minmax
// RUN: qnt-calibrate %s --data %t/data.npy --method moving-average -o %t/ma.mlir
// RUN: %python %S/Inputs/calib.py check %t/ma.mlir %t moving-average
// RUN: qnt-calibrate %s --data %t/data.npy --method percentile=99 -o %t/pct.mlir
// RUN: %python %S/Inputs/calib.py check %t/pct.mlir %t percentile=99
// RUN: qnt-calibrate %s --data %t/data.npy --method entropy -o %t/entropy.mlir
// RUN: %python %S/Inputs/calib.py check %t/entropy.mlir %t entropy
// RUN: qnt-calibrate %s --data %t/data.npy --method mse -o %t/mse.mlir
// RUN: %python %S/Inputs/calib.py check %t/mse.mlir %t mse
//
// The thread count does not change the result (moving-average depends on the
// order of samples, so it is the one to check).
// RUN: qnt-calibrate %s --data %t/data.npy --method moving-average --num-threads=1 -o %t/ma1.mlir
// RUN: qnt-calibrate %s --data %t/data.npy --method moving-average --num-threads=3 -o %t/ma3.mlir
// RUN: diff %t/ma1.mlir %t/ma3.mlir
//
// Where the stats go: after each definition, arguments first; none for the
// constant; tensor names kept in locations.
// RUN: FileCheck %s --input-file=%t/minmax.mlir
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[ARG:.*]]: tensor<1x512xf32> loc("input"))
// CHECK-NEXT: %[[IN:.*]] = qnt.stats %[[ARG]] {max = 4.000000e+01 : f64, method = "minmax", min = -2.500000e+01 : f64}
// CHECK-NEXT: %[[W:.*]] = qnt.const
// CHECK-NEXT: %[[S:.*]] = qnt.mul %[[IN]], %[[W]]
// CHECK-NEXT: %[[SS:.*]] = qnt.stats %[[S]] {max = 8.000000e+01 : f64, method = "minmax", min = -5.000000e+01 : f64}
// CHECK-NEXT: %[[R:.*]] = qnt.relu %[[SS]]
// CHECK-NEXT: %[[RS:.*]] = qnt.stats %[[R]]
// CHECK-NEXT: %[[T:.*]] = qnt.tanh %[[RS]]
// CHECK-NEXT: %[[TS:.*]] = qnt.stats %[[T]]
// CHECK-NEXT: return %[[TS]]
// CHECK-DAG: loc("scaled")
// CHECK-DAG: loc("relu")
// CHECK-DAG: loc("tanh")
func.func @main(%arg0: tensor<1x512xf32> loc("input")) -> tensor<1x512xf32> {
  %w = qnt.const dense<2.0> : tensor<1x512xf32> loc("weight")
  %0 = qnt.mul %arg0, %w : (tensor<1x512xf32>, tensor<1x512xf32>) -> tensor<1x512xf32> loc("scaled")
  %1 = qnt.relu %0 : (tensor<1x512xf32>) -> tensor<1x512xf32> loc("relu")
  %2 = qnt.tanh %1 : (tensor<1x512xf32>) -> tensor<1x512xf32> loc("tanh")
  return %2 : tensor<1x512xf32>
}
