// Pooling, reductions and data movement survive export and import, with
// their options (pool windows, strides, padding, activation, keep_dims,
// squeeze dims, axis, resize flags, strided slice masks), their index
// operands, and quantized operands.
// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --import-tflite %t.tflite | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK: %[[AP:.*]] = qnt.average_pool_2d %arg0 {filter_h = 3 : i32, filter_w = 2 : i32, fused_activation = #qnt.act<relu6>, padding = #qnt.padding<valid>, stride_h = 2 : i32, stride_w = 3 : i32} : (tensor<1x7x8x2xf32>) -> tensor<1x3x3x2xf32>
// CHECK: qnt.max_pool_2d %[[AP]] {filter_h = 2 : i32, filter_w = 2 : i32} : (tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
// CHECK: qnt.max_pool_2d %arg1 {filter_h = 2 : i32, filter_w = 1 : i32, fused_activation = #qnt.act<relu>, stride_h = 2 : i32} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 5.000000e-01:-4>>) -> tensor<1x2x4x1x!quant.uniform<i8:f32, 5.000000e-01:-4>>
func.func @main(%x: tensor<1x7x8x2xf32>, %q: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5:-4>>)
    -> (tensor<1x3x3x2xf32>, tensor<1x2x4x1x!quant.uniform<i8:f32, 0.5:-4>>) {
  %0 = qnt.average_pool_2d %x {padding = #qnt.padding<valid>, filter_h = 3 : i32,
         filter_w = 2 : i32, stride_h = 2 : i32, stride_w = 3 : i32,
         fused_activation = #qnt.act<relu6>} : (tensor<1x7x8x2xf32>) -> tensor<1x3x3x2xf32>
  %1 = qnt.max_pool_2d %0 {filter_h = 2 : i32, filter_w = 2 : i32}
       : (tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %2 = qnt.max_pool_2d %q {filter_h = 2 : i32, filter_w = 1 : i32, stride_h = 2 : i32,
         fused_activation = #qnt.act<relu>}
       : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5:-4>>) -> tensor<1x2x4x1x!quant.uniform<i8:f32, 0.5:-4>>
  return %1, %2 : tensor<1x3x3x2xf32>, tensor<1x2x4x1x!quant.uniform<i8:f32, 0.5:-4>>
}

// CHECK-LABEL: func.func @mean(
// CHECK: %[[AX:.*]] = qnt.const dense<[1, 2]> : tensor<2xi32>
// CHECK: qnt.mean %arg0, %[[AX]] {keep_dims} : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
// CHECK: qnt.mean %arg0, %[[AX]] : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
// CHECK: qnt.mean %arg1, %{{.*}} : (tensor<2x6x!quant.uniform<i8:f32, 2.500000e-01:1>>, tensor<1xi32>) -> tensor<2x!quant.uniform<i8:f32, 1.250000e-01:-1>>
func.func @mean(%x: tensor<1x4x4x3xf32>, %q: tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>)
    -> (tensor<1x1x1x3xf32>, tensor<1x3xf32>, tensor<2x!quant.uniform<i8:f32, 0.125:-1>>) {
  %axis = qnt.const dense<[1, 2]> : tensor<2xi32>
  %0 = qnt.mean %x, %axis {keep_dims} : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<1x1x1x3xf32>
  %1 = qnt.mean %x, %axis : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<1x3xf32>
  %last = qnt.const dense<[-1]> : tensor<1xi32>
  %2 = qnt.mean %q, %last : (tensor<2x6x!quant.uniform<i8:f32, 0.25:1>>, tensor<1xi32>)
       -> tensor<2x!quant.uniform<i8:f32, 0.125:-1>>
  return %0, %1, %2 : tensor<1x1x1x3xf32>, tensor<1x3xf32>, tensor<2x!quant.uniform<i8:f32, 0.125:-1>>
}

// A reshape without a shape operand writes its shape as the new_shape option
// only; both forms read back as they were.
// CHECK-LABEL: func.func @reshapes(
// CHECK: %[[S:.*]] = qnt.const dense<[3, -1]> : tensor<2xi32>
// CHECK: %[[R:.*]] = qnt.reshape %arg0, %[[S]] : (tensor<2x3x2xf32>, tensor<2xi32>) -> tensor<3x4xf32>
// CHECK: %[[R2:.*]] = qnt.reshape %[[R]] : (tensor<3x4xf32>) -> tensor<12x1xf32>
// CHECK: %[[SQ:.*]] = qnt.squeeze %[[R2]] {squeeze_dims = array<i64: -1>} : (tensor<12x1xf32>) -> tensor<12xf32>
// CHECK: qnt.squeeze %arg1 : (tensor<1x2x1x!quant.uniform<i8:f32, 1.000000e+00:2>>) -> tensor<2x!quant.uniform<i8:f32, 1.000000e+00:2>>
func.func @reshapes(%x: tensor<2x3x2xf32>, %q: tensor<1x2x1x!quant.uniform<i8:f32, 1.0:2>>)
    -> (tensor<12xf32>, tensor<2x!quant.uniform<i8:f32, 1.0:2>>) {
  %shape = qnt.const dense<[3, -1]> : tensor<2xi32>
  %0 = qnt.reshape %x, %shape : (tensor<2x3x2xf32>, tensor<2xi32>) -> tensor<3x4xf32>
  %1 = qnt.reshape %0 : (tensor<3x4xf32>) -> tensor<12x1xf32>
  %2 = qnt.squeeze %1 {squeeze_dims = array<i64: -1>} : (tensor<12x1xf32>) -> tensor<12xf32>
  %3 = qnt.squeeze %q : (tensor<1x2x1x!quant.uniform<i8:f32, 1.0:2>>) -> tensor<2x!quant.uniform<i8:f32, 1.0:2>>
  return %2, %3 : tensor<12xf32>, tensor<2x!quant.uniform<i8:f32, 1.0:2>>
}

// CHECK-LABEL: func.func @movement(
// CHECK: %[[P:.*]] = qnt.const dense<[2, 0, 1]> : tensor<3xi32>
// CHECK: %[[T:.*]] = qnt.transpose %arg0, %[[P]] : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<4x2x3xf32>
// CHECK: %[[C:.*]] = qnt.concatenation %[[T]], %[[T]] {axis = -2 : i32, fused_activation = #qnt.act<relu>} : (tensor<4x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x4x3xf32>
// CHECK: %[[PADS:.*]] = qnt.const dense<{{\[\[}}0, 1], [2, 0], [1, 1]]> : tensor<3x2xi32>
// CHECK: %[[PD:.*]] = qnt.pad %[[C]], %[[PADS]] : (tensor<4x4x3xf32>, tensor<3x2xi32>) -> tensor<5x6x5xf32>
// CHECK: %[[V:.*]] = qnt.const dense<-1.000000e+00> : tensor<f32>
// CHECK: qnt.pad_v2 %[[PD]], %[[PADS]], %[[V]] : (tensor<5x6x5xf32>, tensor<3x2xi32>, tensor<f32>) -> tensor<6x8x7xf32>
func.func @movement(%x: tensor<2x3x4xf32>) -> tensor<6x8x7xf32> {
  %perm = qnt.const dense<[2, 0, 1]> : tensor<3xi32>
  %0 = qnt.transpose %x, %perm : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<4x2x3xf32>
  %1 = qnt.concatenation %0, %0 {axis = -2 : i32, fused_activation = #qnt.act<relu>}
       : (tensor<4x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x4x3xf32>
  %pads = qnt.const dense<[[0, 1], [2, 0], [1, 1]]> : tensor<3x2xi32>
  %2 = qnt.pad %1, %pads : (tensor<4x4x3xf32>, tensor<3x2xi32>) -> tensor<5x6x5xf32>
  %value = qnt.const dense<-1.0> : tensor<f32>
  %3 = qnt.pad_v2 %2, %pads, %value : (tensor<5x6x5xf32>, tensor<3x2xi32>, tensor<f32>) -> tensor<6x8x7xf32>
  return %3 : tensor<6x8x7xf32>
}

// CHECK-LABEL: func.func @movement_int8(
// CHECK: qnt.transpose %arg0, %{{.*}} : (tensor<2x3x!quant.uniform<i8:f32, 1.250000e-01:-2>>, tensor<2xi32>) -> tensor<3x2x!quant.uniform<i8:f32, 1.250000e-01:-2>>
// CHECK: qnt.concatenation %arg0, %arg0, %arg0 {axis = 0 : i32} : ({{.*}}) -> tensor<6x3x!quant.uniform<i8:f32, 1.250000e-01:-2>>
// CHECK: %[[V:.*]] = qnt.const dense<-2> : tensor<i8> -> tensor<!quant.uniform<i8:f32, 1.250000e-01:-2>>
// CHECK: qnt.pad_v2 %arg0, %{{.*}}, %[[V]] : (tensor<2x3x!quant.uniform<i8:f32, 1.250000e-01:-2>>, tensor<2x2xi32>, tensor<!quant.uniform<i8:f32, 1.250000e-01:-2>>) -> tensor<3x3x!quant.uniform<i8:f32, 1.250000e-01:-2>>
func.func @movement_int8(%x: tensor<2x3x!quant.uniform<i8:f32, 0.125:-2>>)
    -> (tensor<3x2x!quant.uniform<i8:f32, 0.125:-2>>, tensor<6x3x!quant.uniform<i8:f32, 0.125:-2>>,
        tensor<3x3x!quant.uniform<i8:f32, 0.125:-2>>) {
  %perm = qnt.const dense<[1, 0]> : tensor<2xi32>
  %0 = qnt.transpose %x, %perm : (tensor<2x3x!quant.uniform<i8:f32, 0.125:-2>>, tensor<2xi32>)
       -> tensor<3x2x!quant.uniform<i8:f32, 0.125:-2>>
  %1 = qnt.concatenation %x, %x, %x {axis = 0 : i32}
       : (tensor<2x3x!quant.uniform<i8:f32, 0.125:-2>>, tensor<2x3x!quant.uniform<i8:f32, 0.125:-2>>,
          tensor<2x3x!quant.uniform<i8:f32, 0.125:-2>>) -> tensor<6x3x!quant.uniform<i8:f32, 0.125:-2>>
  %pads = qnt.const dense<[[1, 0], [0, 0]]> : tensor<2x2xi32>
  %value = qnt.const dense<-2> : tensor<i8> -> tensor<!quant.uniform<i8:f32, 0.125:-2>>
  %2 = qnt.pad_v2 %x, %pads, %value
       : (tensor<2x3x!quant.uniform<i8:f32, 0.125:-2>>, tensor<2x2xi32>, tensor<!quant.uniform<i8:f32, 0.125:-2>>)
       -> tensor<3x3x!quant.uniform<i8:f32, 0.125:-2>>
  return %0, %1, %2 : tensor<3x2x!quant.uniform<i8:f32, 0.125:-2>>, tensor<6x3x!quant.uniform<i8:f32, 0.125:-2>>,
                      tensor<3x3x!quant.uniform<i8:f32, 0.125:-2>>
}

// CHECK-LABEL: func.func @resize(
// CHECK: %[[SZ:.*]] = qnt.const dense<[4, 6]> : tensor<2xi32>
// CHECK: qnt.resize_bilinear %arg0, %[[SZ]] {align_corners} : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x4x6x1xf32>
// CHECK: qnt.resize_bilinear %arg0, %[[SZ]] {half_pixel_centers} :
// CHECK: qnt.resize_bilinear %arg0, %[[SZ]] : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x4x6x1xf32>
// CHECK: qnt.resize_nearest_neighbor %arg0, %[[SZ]] {align_corners, half_pixel_centers} :
// CHECK: qnt.resize_nearest_neighbor %arg1, %[[SZ]] : (tensor<1x2x3x1x!quant.uniform<i8:f32, 2.000000e+00:3>>, tensor<2xi32>) -> tensor<1x4x6x1x!quant.uniform<i8:f32, 2.000000e+00:3>>
func.func @resize(%x: tensor<1x2x3x1xf32>, %q: tensor<1x2x3x1x!quant.uniform<i8:f32, 2.0:3>>)
    -> (tensor<1x4x6x1xf32>, tensor<1x4x6x1xf32>, tensor<1x4x6x1xf32>, tensor<1x4x6x1xf32>,
        tensor<1x4x6x1x!quant.uniform<i8:f32, 2.0:3>>) {
  %size = qnt.const dense<[4, 6]> : tensor<2xi32>
  %0 = qnt.resize_bilinear %x, %size {align_corners} : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x4x6x1xf32>
  %1 = qnt.resize_bilinear %x, %size {half_pixel_centers} : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x4x6x1xf32>
  %2 = qnt.resize_bilinear %x, %size : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x4x6x1xf32>
  %3 = qnt.resize_nearest_neighbor %x, %size {align_corners, half_pixel_centers}
       : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x4x6x1xf32>
  %4 = qnt.resize_nearest_neighbor %q, %size
       : (tensor<1x2x3x1x!quant.uniform<i8:f32, 2.0:3>>, tensor<2xi32>) -> tensor<1x4x6x1x!quant.uniform<i8:f32, 2.0:3>>
  return %0, %1, %2, %3, %4 : tensor<1x4x6x1xf32>, tensor<1x4x6x1xf32>, tensor<1x4x6x1xf32>,
                              tensor<1x4x6x1xf32>, tensor<1x4x6x1x!quant.uniform<i8:f32, 2.0:3>>
}

// CHECK-LABEL: func.func @slices(
// CHECK: %[[B:.*]] = qnt.const dense<[0, 1, 1]> : tensor<3xi32>
// CHECK: %[[Z:.*]] = qnt.const dense<[-1, 2, 3]> : tensor<3xi32>
// CHECK: qnt.slice %arg0, %[[B]], %[[Z]] : (tensor<2x4x5xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x2x3xf32>
// CHECK: qnt.strided_slice %arg0, %{{.*}}, %{{.*}}, %{{.*}} {begin_mask = 1 : i32, end_mask = 2 : i32, shrink_axis_mask = 4 : i32} : (tensor<2x4x5xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x2xf32>
// CHECK: qnt.strided_slice %arg0, %{{.*}}, %{{.*}}, %{{.*}} {ellipsis_mask = 1 : i32, new_axis_mask = 2 : i32, offset} : (tensor<2x4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x4x1x5xf32>
// CHECK: qnt.slice %arg1, {{.*}} -> tensor<1x!quant.uniform<i8:f32, 5.000000e-01:7>>
func.func @slices(%x: tensor<2x4x5xf32>, %q: tensor<3x!quant.uniform<i8:f32, 0.5:7>>)
    -> (tensor<2x2x3xf32>, tensor<2x2xf32>, tensor<2x4x1x5xf32>, tensor<1x!quant.uniform<i8:f32, 0.5:7>>) {
  %begin = qnt.const dense<[0, 1, 1]> : tensor<3xi32>
  %size = qnt.const dense<[-1, 2, 3]> : tensor<3xi32>
  %0 = qnt.slice %x, %begin, %size : (tensor<2x4x5xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x2x3xf32>
  // begin[0] ignored, end[1] ignored, dimension 2 shrunk to index 4.
  %b = qnt.const dense<[1, 0, 4]> : tensor<3xi32>
  %e = qnt.const dense<[2, 1, 5]> : tensor<3xi32>
  %s = qnt.const dense<[1, 2, 1]> : tensor<3xi32>
  %1 = qnt.strided_slice %x, %b, %e, %s {begin_mask = 1 : i32, end_mask = 2 : i32, shrink_axis_mask = 4 : i32}
       : (tensor<2x4x5xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<2x2xf32>
  // An ellipsis for the first two dimensions, then a new axis.
  %b2 = qnt.const dense<[0, 0]> : tensor<2xi32>
  %e2 = qnt.const dense<[0, 1]> : tensor<2xi32>
  %s2 = qnt.const dense<[1, 1]> : tensor<2xi32>
  %2 = qnt.strided_slice %x, %b2, %e2, %s2 {ellipsis_mask = 1 : i32, new_axis_mask = 2 : i32, offset}
       : (tensor<2x4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x4x1x5xf32>
  %qb = qnt.const dense<[2]> : tensor<1xi32>
  %qs = qnt.const dense<[1]> : tensor<1xi32>
  %3 = qnt.slice %q, %qb, %qs : (tensor<3x!quant.uniform<i8:f32, 0.5:7>>, tensor<1xi32>, tensor<1xi32>)
       -> tensor<1x!quant.uniform<i8:f32, 0.5:7>>
  return %0, %1, %2, %3 : tensor<2x2x3xf32>, tensor<2x2xf32>, tensor<2x4x1x5xf32>, tensor<1x!quant.uniform<i8:f32, 0.5:7>>
}
