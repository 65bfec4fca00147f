// A directory of PNG images as calibration data: pixels normalised with
// per-channel mean and std, in RGB or BGR order. The expected input ranges
// are computed by numpy from the pixels the script wrote (the 4x4 images
// match the input size, so resizing leaves them as they are). Files that
// are not images are skipped.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/calib.py images %t
// RUN: qnt-calibrate %s --data %t/images --mean 10,100,200 --std 1,2,4 | FileCheck %t/expected.txt --check-prefix=RGB
// RUN: qnt-calibrate %s --data %t/images --mean=10,100,200 --std=1,2,4 --channel-order bgr | FileCheck %t/expected.txt --check-prefix=BGR
// RUN: qnt-opt %s --qnt-calibrate="data=%t/images mean=10,100,200 std=1,2,4" | FileCheck %t/expected.txt --check-prefix=RGB
//
// RUN: not qnt-calibrate %s --data %t/images --mean 1,2 2>&1 | FileCheck %s --check-prefix=MEAN
// MEAN: error: cannot calibrate '@main': '{{.*}}images': image mean has 2 values; expected 1 or 3
func.func @main(%arg0: tensor<1x4x4x3xf32> loc("image")) -> tensor<1x4x4x3xf32> {
  %0 = qnt.relu %arg0 : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32> loc("relu")
  return %0 : tensor<1x4x4x3xf32>
}
