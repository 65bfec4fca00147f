// Block sizes, paddings, crops, multiples and shapes known only when the
// model runs are checked by the kernels: a bad value is an error naming the
// op and the value, never a read outside the input. Good values run.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; x = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1); z = np.zeros((1, 2, 2), np.int32); s = lambda n, **k: np.savez('%t/' + n + '.npz', input_0=x, **k); s('ok', input_1=np.array([[2, 2]], np.int32), input_2=z); s('zero', input_1=np.array([[2, 0]], np.int32), input_2=z); s('odd', input_1=np.array([[2, 2]], np.int32), input_2=np.array([[[1, 0], [0, 0]]], np.int32)); s('crop', input_1=np.array([[1, 1]], np.int32), input_2=np.array([[[3, 2], [0, 0]]], np.int32)); s('tile', input_1=np.array([[1, -1, 1, 1]], np.int32)); s('bcast', input_1=np.array([[1, 4, 3, 1]], np.int32))"

// RUN: qnt-run %s --function=s2b --data %t/ok.npz -o %t/ok
// RUN: %python -c "import numpy as np; o = np.load('%t/ok/output_0.npy'); x = np.arange(16, dtype=np.float32).reshape(4, 4); e = np.stack([x[a::2, b::2] for a in (0, 1) for b in (0, 1)])[..., None]; assert o.shape == (1, 4, 2, 2, 1) and (o[0] == e).all(), o; print('OK')" | FileCheck %s --check-prefix=OK
// OK: OK

// RUN: not qnt-run %s --function=s2b --data %t/zero.npz -o %t/zero 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: sample 0: op 'qnt.space_to_batch_nd' at {{.*}}: block_shape [2, 0] has a non-positive entry
// RUN: not qnt-run %s --function=s2b --data %t/odd.npz -o %t/odd 2>&1 | FileCheck %s --check-prefix=ODD
// ODD: error: sample 0: op 'qnt.space_to_batch_nd' at {{.*}}: padded spatial size 5x4 is not a multiple of the block 2x2
// RUN: not qnt-run %s --function=b2s --data %t/ok.npz -o %t/batch 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: error: sample 0: op 'qnt.batch_to_space_nd' at {{.*}}: batch 1 is not a multiple of the block 2x2
// RUN: not qnt-run %s --function=b2s --data %t/crop.npz -o %t/crop 2>&1 | FileCheck %s --check-prefix=CROP
// CROP: error: sample 0: op 'qnt.batch_to_space_nd' at {{.*}}: crops remove more than the spatial size 4x4
// RUN: not qnt-run %s --function=tile --data %t/tile.npz -o %t/tile 2>&1 | FileCheck %s --check-prefix=TILE
// TILE: error: sample 0: op 'qnt.tile' at {{.*}}: multiples [1, -1, 1, 1] has a negative entry
// RUN: not qnt-run %s --function=bcast --data %t/bcast.npz -o %t/bcast 2>&1 | FileCheck %s --check-prefix=BCAST
// BCAST: error: sample 0: op 'qnt.broadcast_to' at {{.*}}: cannot broadcast [1, 4, 4, 1] to [1, 4, 3, 1]

func.func @s2b(%x: tensor<1x4x4x1xf32>, %b: tensor<2xi32>, %p: tensor<2x2xi32>) -> tensor<?x?x?x1xf32> {
  %0 = qnt.space_to_batch_nd %x, %b, %p : (tensor<1x4x4x1xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x1xf32>
  return %0 : tensor<?x?x?x1xf32>
}

func.func @b2s(%x: tensor<1x4x4x1xf32>, %b: tensor<2xi32>, %c: tensor<2x2xi32>) -> tensor<?x?x?x1xf32> {
  %0 = qnt.batch_to_space_nd %x, %b, %c : (tensor<1x4x4x1xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x1xf32>
  return %0 : tensor<?x?x?x1xf32>
}

func.func @tile(%x: tensor<1x4x4x1xf32>, %m: tensor<4xi32>) -> tensor<?x?x?x?xf32> {
  %0 = qnt.tile %x, %m : (tensor<1x4x4x1xf32>, tensor<4xi32>) -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}

func.func @bcast(%x: tensor<1x4x4x1xf32>, %s: tensor<4xi32>) -> tensor<?x?x?x?xf32> {
  %0 = qnt.broadcast_to %x, %s : (tensor<1x4x4x1xf32>, tensor<4xi32>) -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}
