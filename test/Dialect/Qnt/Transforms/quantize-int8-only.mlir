// RUN: qnt-opt --mlir-print-debuginfo=false %s --quantize-int8-only -split-input-file | FileCheck %s
// RUN: qnt-opt --mlir-print-debuginfo=false %s --quantize-int8-only="io-type=uint8" -split-input-file | FileCheck %s --check-prefix=U8

// Integer I/O: the model's input and output are the int8 tensors; with
// uint8 I/O they carry zero point + 128 and one requantize at each edge.
// Input [-1, 1]: scale 2/255, zero point -1 (uint8: 127). Relu output
// [0, 1]: scale 1/255, zero point -128 (uint8: 0).
// CHECK-LABEL: func.func @relu
// CHECK-SAME: (%[[ARG:.*]]: tensor<4x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>) -> tensor<4x!quant.uniform<i8:f32, 0.0039215686274509{{[0-9]*}}:-128>>
// CHECK-NEXT: %[[R:.*]] = qnt.relu %[[ARG]]
// CHECK-NEXT: return %[[R]]
// U8-LABEL: func.func @relu
// U8-SAME: (%[[ARG:.*]]: tensor<4x!quant.uniform<u8:f32, 0.0078431372549019{{[0-9]*}}:127>>) -> tensor<4x!quant.uniform<u8:f32, 0.0039215686274509{{[0-9]*}}>>
// U8-NEXT: %[[I:.*]] = qnt.quantize %[[ARG]] : {{.*}} -> tensor<4x!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
// U8-NEXT: %[[R:.*]] = qnt.relu %[[I]]
// U8-NEXT: %[[O:.*]] = qnt.quantize %[[R]] : {{.*}} -> tensor<4x!quant.uniform<u8:f32, 0.0039215686274509{{[0-9]*}}>>
// U8-NEXT: return %[[O]]
func.func @relu(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %0 = qnt.relu %in : (tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
