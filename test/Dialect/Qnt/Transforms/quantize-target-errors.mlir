// RUN: not qnt-opt %s --quantize-target="target=no-such-target" 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not qnt-opt %s --quantize-target="target=%S/Inputs/bad-field.json" 2>&1 | FileCheck %s --check-prefix=FIELD
// RUN: not qnt-opt %s --quantize-target="target=%S/Inputs/bad-bits.json" 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not qnt-opt %s --quantize-target 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not qnt-opt %s --quantize-target="target=int16-pow2-dsp layer-precision=r=int8" 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: not qnt-opt %s --quantize-target="target=tflite-cpu layer-precision=r=int4" 2>&1 | FileCheck %s --check-prefix=INT4
// RUN: not qnt-opt %s --quantize-target="target=tflite-cpu layer-precision=nowhere=int16" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not qnt-opt %s --quantize-target="target=tflite-cpu layer-precision=hs=int16" 2>&1 | FileCheck %s --check-prefix=NOKERNEL
// RUN: not qnt-opt %s --quantize-target="target=tflite-cpu layer-precision=r" 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not qnt-opt %s --quantize-target="target=int8-mcu layer-precision=r=float" 2>&1 | FileCheck %s --check-prefix=MCU

// NAME: target 'no-such-target' is neither a built-in profile (tflite-cpu, int8-per-tensor, int16-pow2-dsp, fp16-gpu, int8-mcu) nor a readable file
// FIELD: target profile '{{.*}}bad-field.json': unknown field 'weight'
// BITS: target profile '{{.*}}bad-bits.json': weights.bits must be an integer from 2 to 8
// MISSING: quantize-target: give a target: target=NAME or target=FILE.json
// MIXED: layer 'r' asks for int8: a layer can be float, int16 (int8 layers in an int16 model are not supported)
// INT4: layer 'r' asks for int4: a layer can be float, int8 or int16
// An int16 layer must exist and have an int16 kernel.
// UNKNOWN: error: int16 layer 'nowhere': no op in @main has a result of that name
// NOKERNEL: error: loc("hs"): layer 'hs' cannot be int16: 'qnt.hard_swish' has no int16 kernel in TFLite
// SYNTAX: layer-precision 'r' is not TENSOR=PRECISION
// An integer-only target cannot keep a layer float.
// MCU: error: loc("r"): 'qnt.relu' stays float in an integer-only model: it was denied (deny-ops, deny-locs, or not in the target's op list)
func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %in = qnt.stats %arg0 {min = -1.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %0 = qnt.relu %in : (tensor<4xf32>) -> tensor<4xf32> loc("r")
  %1 = qnt.stats %0 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  %2 = qnt.hard_swish %1 : (tensor<4xf32>) -> tensor<4xf32> loc("hs")
  %3 = qnt.stats %2 {min = 0.0, max = 1.0} : (tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}
