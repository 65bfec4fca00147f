// RUN: rm -rf %t && mkdir -p %t/hand
// RUN: qnt-opt --mlir-print-debuginfo=false %s --convert-qnt-to-tosa | FileCheck %s
// RUN: qnt-opt %s --convert-qnt-to-tosa --mlir-print-debuginfo=false -o %t/tosa.mlir
// RUN: %upstream_mlir_opt %t/tosa.mlir %tosa_validate -o /dev/null
//
// The numbers, run by mlir-runner and by qnt's interpreter on one input
// and compared with the values derived by hand below.
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.array([1, 3, -1, 5], np.int8).reshape(1, 2, 2, 1))"
// RUN: %python -c "import numpy as np; np.save('%t/hand/output_0.npy', np.array([[8, -2], [9, -1], [12, -2], [11, -1], [11, -2], [12, -1], [21, -2], [17, -1], [14, -3], [15, -1], [33, -4], [29, -1], [7, -1], [7, -1], [19, -4], [22, -1]], np.int8).reshape(1, 4, 4, 2))"
// RUN: %python %S/Inputs/e2e.py driver --input 1x2x2x1 --outputs 1x4x4x2 --samples 1 --from %t/x.npy --npy %t/x1.npy -o %t/driver.mlir
// RUN: %python %S/Inputs/e2e.py join %t/tosa.mlir %t/driver.mlir -o %t/full.mlir
// RUN: %upstream_mlir_opt %t/full.mlir %unvalidated_tosa_to_linalg -o %t/linalg.mlir
// RUN: %upstream_mlir_opt %t/linalg.mlir %linalg_to_llvm -o %t/llvm.mlir
// RUN: %mlir_runner %t/llvm.mlir > %t/runner.txt
// RUN: %python %S/Inputs/e2e.py compare %t/runner.txt --outputs 1x4x4x2 --samples 1 --exact %t/hand | FileCheck %s --check-prefix=RUNNER
// RUNNER: hand/output_0.npy: max |diff| 0, 0 of 32 values differ
// RUN: qnt-run %s --data %t/x.npy -o %t/qnt
// RUN: %python -c "import numpy as np, sys; a = np.load('%t/qnt/output_0.npy'); b = np.load('%t/hand/output_0.npy'); sys.exit(0 if a.dtype == b.dtype and a.reshape(-1).tolist() == b.reshape(-1).tolist() else 1)"

!in = !quant.uniform<i8:f32, 0.5:-1>
!w = !quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>
!b = !quant.uniform<i32:f32:0, {0.125, 0.0625}>
!out = !quant.uniform<i8:f32, 0.25:3>

// A 2x2 input at stride 2 with a 3x3 filter: the full result has
// (2 - 1) * 2 + 3 = 5 rows and columns. SAME padding of the forward
// convolution over 4: ceil(4 / 2) = 2 outputs, (2 - 1) * 2 + 3 - 4 = 1
// padded row, 0 before and 1 after: out_pad 0 before, 4 - 5 = -1 after.
// Multipliers 0.5 * 0.25 / 0.25 = 0.5 (2^30, TFLite exponent 0, TOSA shift
// 31) and 0.5 * 0.125 / 0.25 = 0.25 (2^30, exponent -1, shift 32).
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x2x1xi8>) -> tensor<1x4x4x2xi8>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{.*}}> : tensor<2x3x3x1xi8>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[8, -16]> : tensor<2xi32>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}>
// CHECK-DAG: %[[WZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.transpose_conv2d %[[X]], %[[W]], %[[B]], %[[IZP]], %[[WZP]] {acc_type = i32, out_pad = array<i64: 0, -1, 0, -1>, stride = array<i64: 2, 2>} : {{.*}} -> tensor<1x4x4x2xi32>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<2xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<[31, 32]> : tensor<2xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<3> : tensor<1xi8>}>
// CHECK: %[[R:.*]] = tosa.rescale %[[ACC]], %[[M]], %[[S]], %{{.*}}, %[[OZP]] {{.*}}per_channel = true, rounding_mode = DOUBLE_ROUND, scale32 = true}
// CHECK: return %[[R]]
//
// The numbers. Input [[1, 3], [-1, 5]] minus the zero point -1: v =
// [[2, 4], [0, 6]]. Input (iy, ix) adds v * w[ky][kx] at row 2 iy + ky,
// column 2 ix + kx; rows and columns 0..3 are kept. So row 0 takes (iy, ky)
// = (0, 0), row 1 (0, 1), row 2 (0, 2) and (1, 0), row 3 (1, 1); columns
// likewise with (ix, kx).
// Channel 0, w = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], bias 8: accumulators
//   [[10, 12, 18, 16], [16, 18, 36, 28], [22, 24, 60, 52], [8, 8, 32, 38]]
// (e.g. row 2, column 2: 2*9 + 4*7 + 0*3 + 6*1 + 8 = 60), all even, times
// 0.5 plus 3: [[8, 9, 12, 11], [11, 12, 21, 17], [14, 15, 33, 29],
// [7, 7, 19, 22]].
// Channel 1, w = [[-1, 0, 1], [-2, 0, 2], [-3, 0, 3]], bias -16:
//   [[-18, -16, -18, -16], [-20, -16, -20, -16], [-22, -16, -28, -16],
//    [-16, -16, -28, -16]]
// times 0.25 with halves rounded away from zero (-4.5 -> -5, -5.5 -> -6)
// plus 3: [[-2, -1, -2, -1], [-2, -1, -2, -1], [-3, -1, -4, -1],
// [-1, -1, -4, -1]].
func.func @main(%x: tensor<1x2x2x1x!in>) -> tensor<1x4x4x2x!out> {
  %s = qnt.const dense<[1, 4, 4, 2]> : tensor<4xi32>
  %w = qnt.const dense<[[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]], [[[-1], [0], [1]], [[-2], [0], [2]], [[-3], [0], [3]]]]> : tensor<2x3x3x1xi8> -> tensor<2x3x3x1x!w>
  %b = qnt.const dense<[8, -16]> : tensor<2xi32> -> tensor<2x!b>
  %0 = qnt.transpose_conv %s, %w, %x, %b {padding = #qnt.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, fused_activation = #qnt.act<none>} : (tensor<4xi32>, tensor<2x3x3x1x!w>, tensor<1x2x2x1x!in>, tensor<2x!b>) -> tensor<1x4x4x2x!out>
  return %0 : tensor<1x4x4x2x!out>
}
