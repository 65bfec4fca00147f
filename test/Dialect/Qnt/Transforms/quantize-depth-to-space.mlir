// RUN: qnt-opt %s --quantize-int8 | FileCheck %s
// RUN: qnt-opt %s --quantize-int16x8 | FileCheck %s --check-prefix=I16

// depth_to_space has no statistics of its own: it takes its input's
// parameters (relu's range [0, 3]: scale 3/255, zero point -128).
// CHECK-LABEL: func.func @main
// CHECK: %[[R:.*]] = qnt.relu %{{.*}} -> tensor<1x2x2x8x!quant.uniform<i8:f32, 0.011764705882352{{[0-9]*}}:-128>>
// CHECK: %[[D:.*]] = qnt.depth_to_space %[[R]] {block_size = 2 : i32} : (tensor<1x2x2x8x!quant.uniform<i8:f32, 0.011764705882352{{[0-9]*}}:-128>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.011764705882352{{[0-9]*}}:-128>>
// CHECK: qnt.dequantize %[[D]]
// TFLite has no int16 DEPTH_TO_SPACE kernel: in 16x8 it stays float after
// the int16 relu.
// I16: %[[R:.*]] = qnt.relu %{{.*}} -> tensor<1x2x2x8x!quant.uniform<i16:f32,
// I16: %[[F:.*]] = qnt.dequantize %[[R]]
// I16: qnt.depth_to_space %[[F]] {block_size = 2 : i32} : (tensor<1x2x2x8xf32>) -> tensor<1x4x4x2xf32>
func.func @main(%arg0: tensor<1x2x2x8xf32>) -> tensor<1x4x4x2xf32> {
  %x = qnt.stats %arg0 {min = -1.0, max = 3.0} : (tensor<1x2x2x8xf32>) -> tensor<1x2x2x8xf32>
  %r = qnt.relu %x : (tensor<1x2x2x8xf32>) -> tensor<1x2x2x8xf32>
  %rs = qnt.stats %r {min = 0.0, max = 3.0} : (tensor<1x2x2x8xf32>) -> tensor<1x2x2x8xf32>
  %d = qnt.depth_to_space %rs {block_size = 2 : i32} : (tensor<1x2x2x8xf32>) -> tensor<1x4x4x2xf32>
  %y = qnt.stats %d {min = 0.0, max = 3.0} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}
