// Model-level facts survive export and import: quantize and dequantize
// (per-tensor and per-axis, float16), constants of every storage type,
// training ranges (min/max) as qnt.fake_quant, signature defs, subgraph
// names, tensor names, custom operators and builtins qnt does not model.
// Calibration statistics (qnt.stats) are not part of a deployed model.
// RUN: qnt-translate --export-tflite %s -o %t.tflite
// RUN: qnt-translate --import-tflite %t.tflite --mlir-print-debuginfo | FileCheck %s

// CHECK: module attributes {qnt.tflite.description = "a test model", qnt.tflite.metadata = {extra = "\01\02\00\03"}, qnt.tflite.metadata_buffers = ["legacy"]}
module attributes {qnt.tflite.description = "a test model",
                   qnt.tflite.metadata = {extra = "\01\02\00\03"},
                   qnt.tflite.metadata_buffers = ["legacy"]} {

// The signature names arguments and results; tensors keep their names.
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %arg0: tensor<2x3xf32> {qnt.tflite.signature_name = "pixels"} loc("image"
// CHECK-SAME: -> (tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e+00,5.000000e-01,2.500000e-01}>> {qnt.tflite.signature_name = "q"}, tensor<2x3xf32>, tensor<2x3xf32> {qnt.tflite.signature_name = "back"})
// CHECK-SAME: attributes {qnt.tflite.signature_key = "serving_default"}
// CHECK: %[[Q:.*]] = qnt.quantize %arg0 : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e+00,5.000000e-01,2.500000e-01}>> loc(#[[QLOC:loc[0-9]*]])
// CHECK: %[[Q8:.*]] = qnt.quantize %arg0 : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:127>>
// TFLite's QUANTIZE refuses an 8-bit input with a 16-bit output: the
// widening is written as DEQUANTIZE then QUANTIZE (export-widening.mlir).
// CHECK: %[[F:.*]] = qnt.dequantize %[[Q8]] : (tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:127>>) -> tensor<2x3xf32>
// CHECK: %[[Q16:.*]] = qnt.quantize %[[F]] : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i16:f32, 2.500000e-01>>
// CHECK: qnt.dequantize %[[Q16]] : (tensor<2x3x!quant.uniform<i16:f32, 2.500000e-01>>) -> tensor<2x3xf32>
// CHECK: %[[H:.*]] = qnt.const dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [-1.000000e+00, 6.550400e+04, 5.000000e-01]]> : tensor<2x3xf16>
// CHECK: %[[D:.*]] = qnt.dequantize %[[H]] : (tensor<2x3xf16>) -> tensor<2x3xf32>
// CHECK: qnt.add %{{.*}}, %[[D]]
// CHECK: qnt.dequantize %[[Q]] : (tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e+00,5.000000e-01,2.500000e-01}>>) -> tensor<2x3xf32> loc(#[[BACK:loc[0-9]*]])
func.func @main(%x: tensor<2x3xf32> {qnt.tflite.signature_name = "pixels"} loc("image"))
    -> (tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 0.5, 0.25}>> {qnt.tflite.signature_name = "q"},
        tensor<2x3xf32>, tensor<2x3xf32> {qnt.tflite.signature_name = "back"})
    attributes {qnt.tflite.signature_key = "serving_default"} {
  %0 = qnt.quantize %x : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 0.5, 0.25}>> loc("quantized")
  %1 = qnt.quantize %x : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:127>>
  %2 = qnt.quantize %1 : (tensor<2x3x!quant.uniform<u8:f32, 0.5:127>>) -> tensor<2x3x!quant.uniform<i16:f32, 0.25>>
  %3 = qnt.dequantize %2 : (tensor<2x3x!quant.uniform<i16:f32, 0.25>>) -> tensor<2x3xf32>
  %h = qnt.const dense<[[1.0, 2.0, 3.0], [-1.0, 65504.0, 0.5]]> : tensor<2x3xf16>
  %4 = qnt.dequantize %h : (tensor<2x3xf16>) -> tensor<2x3xf32>
  %5 = qnt.add %3, %4 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = qnt.dequantize %0 : (tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 0.5, 0.25}>>) -> tensor<2x3xf32> loc("dequantized")
  return %0, %5, %6 : tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 0.5, 0.25}>>, tensor<2x3xf32>, tensor<2x3xf32>
}

// Constants of each storage type keep their bytes (bools one byte each);
// splats are written out in full and read back as splats.
// CHECK-LABEL: func.func @constants(
// CHECK: qnt.const dense<[true, false, true]> : tensor<3xi1>
// CHECK: qnt.const dense<[-128, 127]> : tensor<2xi8>
// CHECK: qnt.const dense<[0, 255]> : tensor<2xui8>
// CHECK: qnt.const dense<[-32768, 32767]> : tensor<2xi16>
// CHECK: qnt.const dense<[-2147483648, 2147483647]> : tensor<2xi32>
// CHECK: qnt.const dense<[-9223372036854775808, 9223372036854775807]> : tensor<2xi64>
// CHECK: qnt.const dense<7> : tensor<2x2xi32>
// CHECK: qnt.const dense<[0, 255]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 3.906250e-03:128>>
// CHECK: qnt.const dense<[-32768, 32767]> : tensor<2xi16> -> tensor<2x!quant.uniform<i16:f32, 1.000000e+00>>
// CHECK: qnt.const dense<{{\[\[}}1], [-1]]> : tensor<2x1xi8> -> tensor<2x1x!quant.uniform<i8:f32:0, {5.000000e-01:3,2.500000e-01:-4}>>
func.func @constants() -> (tensor<3xi1>, tensor<2xi8>, tensor<2xui8>, tensor<2xi16>, tensor<2xi32>,
                           tensor<2xi64>, tensor<2x2xi32>,
                           tensor<2x!quant.uniform<u8:f32, 0.00390625:128>>,
                           tensor<2x!quant.uniform<i16:f32, 1.0>>,
                           tensor<2x1x!quant.uniform<i8:f32:0, {0.5:3, 0.25:-4}>>) {
  %0 = qnt.const dense<[true, false, true]> : tensor<3xi1>
  %1 = qnt.const dense<[-128, 127]> : tensor<2xi8>
  %2 = qnt.const dense<[0, 255]> : tensor<2xui8>
  %3 = qnt.const dense<[-32768, 32767]> : tensor<2xi16>
  %4 = qnt.const dense<[-2147483648, 2147483647]> : tensor<2xi32>
  %5 = qnt.const dense<[-9223372036854775808, 9223372036854775807]> : tensor<2xi64>
  %7 = qnt.const dense<7> : tensor<2x2xi32>
  %8 = qnt.const dense<[0, 255]> : tensor<2xui8> -> tensor<2x!quant.uniform<u8:f32, 0.00390625:128>>
  %9 = qnt.const dense<[-32768, 32767]> : tensor<2xi16> -> tensor<2x!quant.uniform<i16:f32, 1.0>>
  %10 = qnt.const dense<[[1], [-1]]> : tensor<2x1xi8> -> tensor<2x1x!quant.uniform<i8:f32:0, {0.5:3, 0.25:-4}>>
  return %0, %1, %2, %3, %4, %5, %7, %8, %9, %10
      : tensor<3xi1>, tensor<2xi8>, tensor<2xui8>, tensor<2xi16>, tensor<2xi32>,
        tensor<2xi64>, tensor<2x2xi32>,
        tensor<2x!quant.uniform<u8:f32, 0.00390625:128>>,
        tensor<2x!quant.uniform<i16:f32, 1.0>>,
        tensor<2x1x!quant.uniform<i8:f32:0, {0.5:3, 0.25:-4}>>
}

// A training range is min/max on the tensor and reads back as an 8-bit
// qnt.fake_quant on it; qnt.stats is dropped.
// CHECK-LABEL: func.func @ranges(
// CHECK: %[[FQ:.*]] = qnt.fake_quant %arg0 {max = 6.000000e+00 : f64, min = -2.000000e+00 : f64} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[R:.*]] = qnt.relu %[[FQ]]
// CHECK: qnt.fake_quant %[[R]] {max = 5.000000e-01 : f64, min = 0.000000e+00 : f64}
// CHECK-NOT: qnt.stats
func.func @ranges(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnt.fake_quant %x {min = -2.0 : f64, max = 6.0 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = qnt.relu %0 : (tensor<4xf32>) -> tensor<4xf32>
  %2 = qnt.stats %1 {min = 0.0 : f64, max = 0.4 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  %3 = qnt.fake_quant %2 {min = 0.0 : f64, max = 0.5 : f64} : (tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// CUSTOM operators keep their name, options bytes (including NULs) and
// version; a builtin qnt does not model keeps its code. A subgraph name
// other than the symbol becomes the function name on import.
// CHECK-LABEL: func.func @"custom subgraph"(
// CHECK: %[[C:.*]]:2 = qnt.custom %arg0, %arg0 {name = "MyOp", options = "\00\01\FFabc\00", version = 3 : i32} : (tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<4xi8>) loc(#[[FUSED:loc[0-9]*]])
// CHECK: qnt.custom %[[C]]#0 {builtin_code = 66 : i32, name = ""} : (tensor<2xf32>) -> tensor<2xf32>
// CHECK: qnt.custom {name = "NoInputs"} : () -> tensor<1xi32>
func.func @customs(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<4xi8>, tensor<1xi32>)
    attributes {qnt.tflite.subgraph_name = "custom subgraph"} {
  %0:2 = qnt.custom %x, %x {name = "MyOp", options = "\00\01\FFabc\00", version = 3 : i32}
         : (tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<4xi8>)
         loc(fused["first", "second"])
  %1 = qnt.custom %0#0 {name = "", builtin_code = 66 : i32} : (tensor<2xf32>) -> tensor<2xf32>
  %2 = qnt.custom {name = "NoInputs"} : () -> tensor<1xi32>
  return %1, %0#1, %2 : tensor<2xf32>, tensor<4xi8>, tensor<1xi32>
}
}

// Locations print after the module.
// CHECK-DAG: #[[QLOC]] = loc("quantized"
// CHECK-DAG: #[[BACK]] = loc("dequantized"
// CHECK-DAG: #[[FUSED]] = loc(fused[#[[F1:loc[0-9]*]], #[[F2:loc[0-9]*]]])
// CHECK-DAG: #[[F1]] = loc("first"
// CHECK-DAG: #[[F2]] = loc("second"
