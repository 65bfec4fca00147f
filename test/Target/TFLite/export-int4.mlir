// RUN: qnt-translate --export-tflite --tflite-pack-int4 %s -o %t.packed.tflite
// RUN: qnt-translate --export-tflite %s -o %t.plain.tflite
// RUN: %python %S/Inputs/dump_tflite.py %t.packed.tflite | FileCheck %s --check-prefix=PACKED
// RUN: %python %S/Inputs/dump_tflite.py %t.plain.tflite | FileCheck %s --check-prefix=PLAIN
// RUN: %python -c "import sys; sys.path.insert(0, '%S/Inputs'); import tflite_reader as R; m = R.read_model(open('%t.packed.tflite', 'rb').read()); print(' '.join(b.bytes(0).hex() for b in m.tables(4) if b.bytes(0)))" | FileCheck %s --check-prefix=BYTES
// RUN: qnt-translate --import-tflite %t.packed.tflite | FileCheck %s
// RUN: qnt-translate --import-tflite %t.packed.tflite --mlir-print-debuginfo | qnt-translate --export-tflite --tflite-pack-int4 -o %t.again.tflite
// RUN: cmp %t.packed.tflite %t.again.tflite
// RUN: %python %S/Inputs/patch_int4.py %t.packed.tflite %t.bad
// RUN: not qnt-translate --import-tflite %t.bad/int4-no-data.tflite 2>&1 | FileCheck %s --check-prefix=NODATA
// RUN: not qnt-translate --import-tflite %t.bad/int4-bytes.tflite 2>&1 | FileCheck %s --check-prefix=BYTECOUNT
// NODATA: error: subgraph 0: tensor #1 'w4' is an INT4 tensor without data; qnt supports INT4 only for constant weights
// BYTECOUNT: error: subgraph 0: tensor #5 'w8' has 4 bytes of data, expected 2 for 4 packed 4-bit elements

// With --tflite-pack-int4, signed quantized constants whose grid fits 4 bits
// are written as INT4 (type 17), two values a byte, the first in the low
// nibble. 4-bit weights {1, -2, 7, -7, 3} (an odd count): nibbles 0x1, 0xE,
// 0x7, 0x9, 0x3 -> bytes 0xE1, 0x97, 0x03 (the last high nibble unused).
// 2-bit weights {-1, 1, 0, 1} fit too: 0xF, 0x1, 0x0, 0x1 -> 0x1F, 0x10.
// The int8 weights of 'w8' stay INT8 (type 9), 4 bytes.
// PACKED: tensor 1 'w4': type=17 shape=[5]
// PACKED: tensor 3 'w2': type=17 shape=[4]
// PACKED: tensor 5 'w8': type=9 shape=[4]
// PLAIN: tensor 1 'w4': type=9 shape=[5]
// PLAIN: tensor 3 'w2': type=9 shape=[4]
// BYTES: e19703 1f10 {{[0-9a-f]+}}
// Read back into int8 storage with the 4-bit range [-8, 7], which every qnt
// pass and kernel reads; the same values.
// CHECK: qnt.const dense<[1, -2, 7, -7, 3]> : tensor<5xi8> -> tensor<5x!quant.uniform<i8<-8:7>:f32, 5.000000e-01>>
// CHECK: qnt.const dense<[-1, 1, 0, 1]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8<-8:7>:f32, 2.500000e-01>>
// CHECK: qnt.const dense<[100, -100, 7, -128]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 0.10000000149011612>>
func.func @main(%arg0: tensor<5xf32> loc("x")) -> (tensor<5xf32>, tensor<4xf32>, tensor<4xf32>) {
  %w4 = qnt.const dense<[1, -2, 7, -7, 3]> : tensor<5xi8> -> tensor<5x!quant.uniform<i8<-7:7>:f32, 0.5>> loc("w4")
  %0 = qnt.dequantize %w4 : (tensor<5x!quant.uniform<i8<-7:7>:f32, 0.5>>) -> tensor<5xf32>
  %w2 = qnt.const dense<[-1, 1, 0, 1]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8<-1:1>:f32, 0.25>> loc("w2")
  %1 = qnt.dequantize %w2 : (tensor<4x!quant.uniform<i8<-1:1>:f32, 0.25>>) -> tensor<4xf32>
  %w8 = qnt.const dense<[100, -100, 7, -128]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 0.1>> loc("w8")
  %2 = qnt.dequantize %w8 : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4xf32>
  %3 = qnt.add %arg0, %0 : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  return %3, %1, %2 : tensor<5xf32>, tensor<4xf32>, tensor<4xf32>
}
