// RUN: not qnt-opt %s --quantize-target="target=no-such-target" 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not qnt-opt %s --quantize-target="target=%S/Inputs/bad-field.json" 2>&1 | FileCheck %s --check-prefix=FIELD
// RUN: not qnt-opt %s --quantize-target="target=%S/Inputs/bad-bits.json" 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not qnt-opt %s --quantize-target 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not qnt-opt %s --quantize-target="target=tflite-cpu layer-precision=r=int16" 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: not qnt-opt %s --quantize-target="target=tflite-cpu layer-precision=r" 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not qnt-opt %s --quantize-target="target=int8-mcu layer-precision=r=float" 2>&1 | FileCheck %s --check-prefix=MCU

// NAME: target 'no-such-target' is neither a built-in profile (tflite-cpu, int8-per-tensor, int16-pow2-dsp, fp16-gpu, int8-mcu) nor a readable file
// FIELD: target profile '{{.*}}bad-field.json': unknown field 'weight'
// BITS: target profile '{{.*}}bad-bits.json': weights.bits must be an integer from 2 to 8
// MISSING: quantize-target: give a target: target=NAME or target=FILE.json
// MIXED: layer 'r' asks for int16: a layer can be kept float or at the target's int8; mixing integer widths in one model is not supported
// SYNTAX: layer-precision 'r' is not TENSOR=PRECISION
// An integer-only target cannot keep a layer float.
// MCU: error: loc("r"): 'qnt.relu' stays float in an integer-only model: it was denied (deny-ops, deny-locs, or not in the target's op list)
func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %0 = qnt.relu %in : (tensor<4xf32>) -> tensor<4xf32> loc("r")
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
