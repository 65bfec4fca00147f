// The int8 pipelines calibrate first when given calibration-data and the
// input has no statistics.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/calib.py pipeline %t
//
// Samples [-1, 2, 3, 0.5] and [-2, 1, 0, 4]. minmax: input [-2, 4]: scale
// 6/255 = 0.0235294..., zero point round(-128 + 2 / scale) = -128 + 85 =
// -43; relu [0, 4]: scale 4/255 = 0.0156862..., zero point -128.
// RUN: qnt-opt %s --split-input-file --quantize-int8="calibration-data=%t/data.npy" | FileCheck %s --check-prefix=MINMAX
// MINMAX-LABEL: func.func @main
// MINMAX: %[[Q:.*]] = qnt.quantize %arg0 : (tensor<1x4xf32>) -> tensor<1x4x!quant.uniform<i8:f32, 0.023529411764705{{[0-9]*}}:-43>>
// MINMAX: %[[R:.*]] = qnt.relu %[[Q]] : {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 0.015686274509803{{[0-9]*}}:-128>>
// MINMAX: qnt.dequantize %[[R]]
// MINMAX-NOT: qnt.stats
//
// moving-average (constant 0.01, first sample first): input min -1 + 0.01 *
// (-2 + 1) = -1.01, max 3 + 0.01 * (4 - 3) = 3.01: scale 4.02/255 =
// 0.0157647..., zero point round(-128 + 1.01 / scale) = round(-63.93) = -64;
// relu max 3.01: scale 3.01/255 = 0.0118039... (ranges are recorded as
// f32, so only the leading digits are exact).
// RUN: qnt-opt %s --split-input-file --quantize-int8="calibration-data=%t/data.npy calibration-method=moving-average" | FileCheck %s --check-prefix=MA
// MA-LABEL: func.func @main
// MA: qnt.quantize %arg0 : {{.*}}!quant.uniform<i8:f32, 0.01576470{{[0-9]*}}:-64>>
// MA: qnt.relu {{.*}}!quant.uniform<i8:f32, 0.01180392{{[0-9]*}}:-128>>
//
// Only the first sample: input [-1, 3]: scale 4/255, zero point
// round(-128 + 63.75) = -64; relu [0, 3]: scale 3/255 = 0.0117647...
// Integer-only with uint8 I/O: the input is uint8 with zero point -64 + 128.
// RUN: qnt-opt %s --split-input-file --quantize-int8-only="calibration-data=%t/data.npy calibration-samples=1 io-type=uint8" | FileCheck %s --check-prefix=ONE
// ONE-LABEL: func.func @main
// ONE-SAME: tensor<1x4x!quant.uniform<u8:f32, 0.015686274509803{{[0-9]*}}:64>>
// ONE: qnt.relu {{.*}}!quant.uniform<i8:f32, 0.011764705882352{{[0-9]*}}:-128>>
//
// A model with statistics keeps them: its input range [-1, 1] gives scale
// 2/255 = 0.00784313..., zero point -1, not the data's.
// MINMAX-LABEL: func.func @main
// MINMAX: qnt.quantize %arg0 : {{.*}}!quant.uniform<i8:f32, 0.0078431372549019{{[0-9]*}}:-1>>
//
// Through upstream mlir-opt with the plugins.
// RUN: %upstream_mlir_opt %s --split-input-file --load-dialect-plugin=%qnt_lib_dir/QntDialectPlugin%shlibext --load-pass-plugin=%qnt_lib_dir/QntPassPlugin%shlibext --pass-pipeline="builtin.module(quantize-int8{calibration-data=%t/data.npy})" | FileCheck %s --check-prefix=MINMAX
//
// Without statistics and without data, the tensors that lack statistics are
// listed.
// RUN: not qnt-opt %s --split-input-file --quantize-int8 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: no quantization parameters (calibration statistics) for 2 tensor(s): hidden, input
//
// Bad calibration data fails the pipeline with the calibration error.
// RUN: not qnt-opt %s --split-input-file --quantize-int8="calibration-data=%t/none.npy" 2>&1 | FileCheck %s --check-prefix=BADDATA
// BADDATA: error: cannot calibrate '@main': '{{.*}}none.npy': cannot read
func.func @main(%arg0: tensor<1x4xf32> loc("input")) -> tensor<1x4xf32> {
  %0 = qnt.relu %arg0 : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("hidden")
  return %0 : tensor<1x4xf32>
}

// -----

func.func @main(%arg0: tensor<1x4xf32> loc("input")) -> tensor<1x4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %0 = qnt.relu %in : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("hidden")
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}
