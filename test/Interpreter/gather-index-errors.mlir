// GATHER checks every index when it runs: one outside [0, size) of the
// gathered dimension is an error naming the op, the sample, the index and
// its position, and nothing is read outside params. In-range samples run.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; p = np.arange(24, dtype=np.float32).reshape(2, 4, 3); np.savez('%t/ok.npz', input_0=p, input_1=np.array([[3, 0], [1, 1]], np.int32)); np.savez('%t/high.npz', input_0=p, input_1=np.array([[3, 0], [1, 4]], np.int32)); np.savez('%t/neg.npz', input_0=p, input_1=np.array([[-1, 0], [1, 1]], np.int32))"

// RUN: qnt-run %s --data %t/ok.npz -o %t/ok
// RUN: %python -c "import numpy as np; o = np.load('%t/ok/output_0.npy'); p = np.arange(24, dtype=np.float32).reshape(2, 4, 3); assert (o == np.stack([p[0, [3, 0]], p[1, [1, 1]]])).all(), o; print('OK')" | FileCheck %s --check-prefix=OK
// OK: OK

// RUN: not qnt-run %s --data %t/high.npz -o %t/high 2>&1 | FileCheck %s --check-prefix=HIGH
// HIGH: error: sample 1: op 'qnt.gather' at {{.*}}: index 4 (element 1 of indices) out of range for dimension 1 of size 4

// RUN: not qnt-run %s --data %t/neg.npz -o %t/neg 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: error: sample 0: op 'qnt.gather' at {{.*}}: index -1 (element 0 of indices) out of range for dimension 1 of size 4
func.func @main(%p: tensor<1x4x3xf32>, %i: tensor<1x2xi32>) -> tensor<1x2x3xf32> {
  %0 = qnt.gather %p, %i {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<1x4x3xf32>, tensor<1x2xi32>) -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}
