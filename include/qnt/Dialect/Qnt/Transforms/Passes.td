//===- Passes.td - Passes over qnt graphs ------------------*- tablegen -*-===//

#ifndef QNT_DIALECT_QNT_TRANSFORMS_PASSES_TD
#define QNT_DIALECT_QNT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FoldFloat16Weights : Pass<"qnt-fold-float16-weights", "::mlir::func::FuncOp"> {
  let summary = "Fold float16 constants feeding dequantize into f32 constants";
  let description = [{
    Float16 TFLite models store each weight as an `f16` constant followed by a
    DEQUANTIZE to `f32`. This pass replaces every such pair by one `f32`
    constant (exact: every f16 value is an f32 value), giving the float graph
    that calibration and quantization start from. A constant with other
    users than dequantize ops stays in place for them.
  }];
  let dependentDialects = ["::qnt::QntDialect"];
}

def PrepareQuantize : Pass<"qnt-prepare-quantize", "::mlir::func::FuncOp"> {
  let summary = "Turn statistics into quantize/dequantize pairs and quantize weights";
  let description = [{
    Each `qnt.stats` becomes a `qnt.quantize` / `qnt.dequantize` pair whose
    type holds the range's parameters: int8 asymmetric (range widened to
    include 0, zero point nudged so 0.0 is exact) or int16 symmetric. Each
    `qnt.fake_quant` does the same with its own range and bit width, kept as
    quantization-aware training set it. Constant weights (the operand an op
    declares through `QuantizableOpInterface`) get symmetric narrow-range
    int8 parameters, per channel along the op's declared axis unless
    disabled; other float constants feeding quantizable ops get asymmetric
    per-tensor parameters from their values.

    With 8-bit activations, the layers named in `int16-layers` (by result
    tensor name) compute on int16 symmetric activations: each activation
    input is requantized from int8 to int16 with the int8 scale / 128 (an
    exact, lossless step), the result is int16 from its range and is
    requantized to int8 for its readers; an int16 layer reading another
    reads its int16 result directly.
  }];
  let options = [
    Option<"activationBits", "activation-bits", "unsigned", "8",
           "Bit width of activations (8 or 16)">,
    Option<"perChannel", "per-channel", "bool", "true",
           "Quantize conv, depthwise and transpose conv weights per channel">,
    Option<"perChannelFC", "per-channel-fc", "bool", "true",
           "Quantize fully connected weights per channel (some runtimes only take per-tensor)">,
    Option<"weightBits", "weight-bits", "unsigned", "8",
           "Bit width of weights, 2 to 8 (below 8: the narrower grid in int8 storage)">,
    Option<"powerOfTwoScales", "power-of-two-scales", "bool", "false",
           "Round every scale up to a power of two (requantization becomes a shift)">,
    ListOption<"int16Layers", "int16-layers", "std::string",
               "Layers (by result tensor name) with int16 activations in an int8 model">,
  ];
  let dependentDialects = ["::qnt::QntDialect", "::mlir::quant::QuantDialect"];
}

def PropagateQuantize : Pass<"qnt-propagate-quantize", "::mlir::func::FuncOp"> {
  let summary = "Make quantization parameters agree with each op's rules";
  let description = [{
    A worklist over the graph in program order, repeated until nothing
    changes:
    - ops with fixed output parameters (softmax, logistic, tanh, log_softmax)
      get them on their results;
    - single-input same-scale ops (reshape, pooling, pad, slice, resize...)
      give their result the input's parameters (their output range lies in
      the input's), or their input the result's when only the result has
      parameters;
    - multi-input same-scale ops (concatenation, maximum, minimum) keep the
      result's parameters (the union of the inputs' ranges when it has
      none) and requantize every input whose parameters differ, with an
      explicit quantize-to-quantized op: never by silently picking a side;
    - biases get signed 32-bit parameters with scale
      `input_scale * weight_scale`, per channel when the weights are (also
      with 16-bit activations: TFLite's 16x8 kernels take int32 biases, and
      upstream `!quant.uniform` storage stops at 32 bits, so int64 biases
      cannot be expressed).
  }];
  let options = [
    Option<"activationBits", "activation-bits", "unsigned", "8",
           "Bit width of activations (8 or 16)">,
    Option<"powerOfTwoScales", "power-of-two-scales", "bool", "false",
           "Round the scales this pass chooses up to powers of two">,
  ];
  let dependentDialects = ["::qnt::QntDialect", "::mlir::quant::QuantDialect"];
}

def Quantize : Pass<"qnt-quantize", "::mlir::func::FuncOp"> {
  let summary = "Fold dequantize -> float op -> quantize into quantized ops";
  let description = [{
    Every op whose float operands all come from `qnt.dequantize` and whose
    results all feed `qnt.quantize` is rebuilt on the quantized types, so
    the graph is integer between its edges; quantized float constants
    become quantized `qnt.const` ops (no float weight is left). An op stays
    float when it has no integer kernel for the activation width, when the
    user denied it (`deny-ops` by op name, `deny-locs` by tensor name), or
    is a `qnt.custom`; it reads its constant weights and bias as they were
    before quantization. An op that could be quantized but whose tensors
    lack parameters is an error listing those tensors.
  }];
  let options = [
    Option<"activationBits", "activation-bits", "unsigned", "8",
           "Bit width of activations (8 or 16)">,
    ListOption<"denyOps", "deny-ops", "std::string",
               "Ops kept float, by name (e.g. softmax or qnt.softmax)">,
    ListOption<"denyLocs", "deny-locs", "std::string",
               "Ops kept float, by the name of their result tensor">,
    ListOption<"allowOps", "allow-ops", "std::string",
               "When given, only these ops are quantized (a target's op list)">,
  ];
  let dependentDialects = ["::qnt::QntDialect", "::mlir::quant::QuantDialect"];
}

def PostQuantize : Pass<"qnt-post-quantize", "::mlir::func::FuncOp"> {
  let summary = "Remove redundant quantize/dequantize pairs and set the I/O types";
  let description = [{
    Drops quantize/dequantize pairs that no quantized op absorbed (float ops
    read the float value again), turns dequantize -> quantize chains into
    one requantize or nothing, and sets the function's inputs and outputs:
    `float` keeps quantize at the inputs and dequantize at the outputs;
    `int8` makes them the quantized tensors themselves; `uint8` adds a
    requantize between uint8 (zero point + 128) and int8 at each edge. With
    `integer-only`, any op left float is an error naming it and why. A
    constant wider than 16 bits read through a dequantize (the int32 bias of
    an op kept float) becomes a float constant, as TFLite's DEQUANTIZE takes
    no INT32.
  }];
  let options = [
    Option<"ioType", "io-type", "std::string", "\"float\"",
           "Type of the model's inputs and outputs: float, int8 or uint8">,
    Option<"integerOnly", "integer-only", "bool", "false",
           "Fail when any op stays float">,
  ];
  let dependentDialects = ["::qnt::QntDialect", "::mlir::quant::QuantDialect"];
}

def LowerRequantize : Pass<"qnt-lower-requantize", "::mlir::func::FuncOp"> {
  let summary = "State rescales between quantized types as fixed-point integer arithmetic";
  let description = [{
    Each `qnt.quantize` from one per-tensor quantized type to another
    becomes a `qnt.requantize` carrying the multiplier and shift TFLite
    computes for `scale_in / scale_out` (a multiplier in [2^30, 2^31) and a
    power-of-two shift), so a compiler lowering the integer graph further
    reads the arithmetic from the op instead of recomputing it.
  }];
  let dependentDialects = ["::qnt::QntDialect"];
}

def QuantizeFloat16Weights : Pass<"qnt-quantize-float16-weights", "::mlir::func::FuncOp"> {
  let summary = "Store f32 constants as f16 constants followed by a dequantize";
  let description = [{
    TFLite's float16 mode: every `f32` constant becomes an `f16` constant
    (rounded to nearest even) read through a `qnt.dequantize` to `f32`, so
    the model stores half the bytes while every op still computes in f32.
    Values beyond the f16 range are clamped to +-65504 with a warning naming
    the tensor. The inverse of `qnt-fold-float16-weights`.
  }];
  let dependentDialects = ["::qnt::QntDialect"];
}

def QuantizeDynamicRange : Pass<"qnt-quantize-dynamic-range", "::mlir::func::FuncOp"> {
  let summary = "Quantize the weights of conv, depthwise, fully connected and batch matmul to int8";
  let description = [{
    TFLite's dynamic range mode: the constant weights of `conv_2d`,
    `depthwise_conv_2d`, `fully_connected` and the constant right operand of
    `batch_matmul` become int8 symmetric narrow-range constants (per channel
    along the op's declared axis where the option allows; depthwise always,
    as TFLite's hybrid depthwise kernel reads one scale per channel), while inputs,
    biases and results stay f32. TFLite runs such ops with its hybrid
    kernels, which quantize the float input on the fly (per batch row,
    asymmetrically when `asymmetric-inputs` is set on fully connected and
    batch matmul). Weights with fewer than `min-elements` elements stay
    float, as the cost of a hybrid kernel outweighs the bytes saved.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", "1024",
           "Weights with fewer elements stay float">,
    Option<"perChannel", "per-channel", "bool", "true",
           "Quantize conv and depthwise weights per channel">,
    Option<"perChannelFC", "per-channel-fc", "bool", "false",
           "Quantize fully connected weights per channel">,
    Option<"asymmetricInputs", "asymmetric-inputs", "bool", "true",
           "Hybrid fully connected and batch matmul quantize their inputs asymmetrically">,
  ];
  let dependentDialects = ["::qnt::QntDialect", "::mlir::quant::QuantDialect"];
}

def ReportPrecision : Pass<"qnt-report-precision", "::mlir::func::FuncOp"> {
  let summary = "Print the precision chosen for each op and why";
  let description = [{
    Prints one line per op to stderr after quantization: the op, its result
    tensor, the precision of its results (int8, int16, float) and of its
    weights, and why: the target's default, a per-layer override, an op
    the target does not run, an op with no integer kernel at that width, a
    custom op. Takes the same op lists as the quantize pass to tell these
    apart. The IR is unchanged.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"\"",
           "Name of the target, for the header line">,
    Option<"activationBits", "activation-bits", "unsigned", "8",
           "Bit width of activations (8 or 16)">,
    ListOption<"denyOps", "deny-ops", "std::string", "Ops kept float by name">,
    ListOption<"denyLocs", "deny-locs", "std::string",
               "Ops kept float by per-layer override">,
    ListOption<"allowOps", "allow-ops", "std::string",
               "The target's op list (empty: every op)">,
  ];
}

def SelectBiasBits : Pass<"qnt-select-bias-bits", "::mlir::func::FuncOp"> {
  let summary = "Choose 32-bit biases for the 16x8 ops whose TFLite kernels take them";
  let description = [{
    TFLite's 16x8 kernels take INT64 biases; CONV_2D, FULLY_CONNECTED and
    TRANSPOSE_CONV also take INT32 ones, and then accumulate in 32 bits,
    where a sum that does not fit wraps around. With `bits=32` the bias
    constant of each such op is marked `qnt.bias_bits = 32` (written INT32
    by the TFLite exporter) when the worst case of its accumulator,
    32768 * sum |w| + |bias| over each output channel, fits in int32. A bias
    stays INT64, with a warning naming the tensor, when its op is a
    DEPTHWISE_CONV_2D (whose 16x8 kernel refuses INT32 biases), when that
    bound does not fit, or when the weights are not constant. `bits=64`
    removes the marks.
  }];
  let options = [
    Option<"bits", "bits", "unsigned", "32",
           "Width of 16x8 biases in the TFLite file: 32 or 64">,
  ];
}

#endif // QNT_DIALECT_QNT_TRANSFORMS_PASSES_TD
