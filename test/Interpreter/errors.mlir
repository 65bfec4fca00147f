// qnt-run's errors name the file, op, input and sample, and exit non-zero.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; a = np.zeros((3, 2, 4), np.float32); np.save('%t/x.npy', a); a[1, 1, 2] = np.nan; np.save('%t/nan.npy', a); np.save('%t/bad.npy', np.zeros((3, 4, 2), np.float32)); np.savez('%t/rs.npz', input_0=np.zeros((2, 2, 4), np.float32), input_1=np.array([[4, 2], [3, 3]], np.int32))"

// RUN: not qnt-run %s --function custom --data %t/x.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=CUSTOM
// CUSTOM: qnt-run: error: {{.*}}errors.mlir: cannot execute op 'qnt.custom' (custom op 'MyOp') at loc({{.*}}errors.mlir":[[@LINE+2]]:{{[0-9]+}})
func.func @custom(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = qnt.custom %x {name = "MyOp", options = "\01\02"} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// RUN: not qnt-run %s --function builtin --data %t/x.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=BUILTIN
// BUILTIN: cannot execute op 'qnt.custom' (TFLite builtin operator 99)
func.func @builtin(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = qnt.custom %x {name = "", builtin_code = 99 : i32} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// TFLite's kernels reject SIGN_BIT; so does qnt rather than guess.
// RUN: not qnt-run %s --function sign_bit --data %t/x.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=SIGNBIT
// SIGNBIT: error: sample 0: op 'qnt.add' at {{.*}}: fused activation 'sign_bit' is not supported
func.func @sign_bit(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = qnt.add %x, %x {fused_activation = #qnt.act<sign_bit>} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// Data problems name the input and the sample.
// RUN: not qnt-run %s --function ok --data %t/nan.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: error: '{{.*}}nan.npy': sample 1 of input 'input_0' (element 6) is a NaN
// RUN: not qnt-run %s --function ok --data %t/bad.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: error: '{{.*}}bad.npy': shape [3, 4, 2] does not fit input 'input_0' of shape [2, 4]
// RUN: not qnt-run %s --function quantized --data %t/x.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: error: '{{.*}}x.npy': f32 data cannot feed input 'input_0' of element type i8
// RUN: not qnt-run %s --function ok --data %t/missing.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: '{{.*}}missing.npy': cannot read
func.func @ok(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = qnt.relu %x : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// A failure while running names the sample and the op.
// RUN: not qnt-run %s --function reshape --data %t/rs.npz -o %t/o 2>&1 | FileCheck %s --check-prefix=RESHAPE
// RESHAPE: error: sample 1: op 'qnt.reshape' at {{.*}}: shape operand [3, 3] does not match the result shape [4, 2]
func.func @reshape(%x: tensor<2x4xf32>, %s: tensor<2xi32>) -> tensor<4x2xf32> {
  %0 = qnt.reshape %x, %s : (tensor<2x4xf32>, tensor<2xi32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

func.func @quantized(%x: tensor<2x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5:1>> {
  %0 = qnt.relu %x : (tensor<2x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5:1>>
  return %0 : tensor<2x4x!quant.uniform<i8:f32, 0.5:1>>
}

// RUN: not qnt-run %s --data %t/x.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=NOMAIN
// NOMAIN: error: {{.*}}errors.mlir: the module has no '@main' and several functions ('@custom', '@builtin', '@sign_bit', '@ok', '@reshape', '@quantized'); name the one to use
// RUN: not qnt-run %t/none.mlir --data %t/x.npy -o %t/o 2>&1 | FileCheck %s --check-prefix=NOMODEL
// NOMODEL: error: {{.*}}none.mlir: cannot open input file
