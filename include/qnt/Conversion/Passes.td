//===- Passes.td - Conversions out of the qnt dialect ------*- tablegen -*-===//

#ifndef QNT_CONVERSION_PASSES_TD
#define QNT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQntToTosa : Pass<"convert-qnt-to-tosa", "::mlir::ModuleOp"> {
  let summary = "Lower qnt's integer graph to TOSA";
  let description = [{
    Rewrites the quantized ops of an integer-only qnt graph (the output of
    `--quantize-int8-only`) as TOSA ops on plain integer tensors: every
    `!quant.uniform` type becomes its storage type, including in function
    signatures, and the quantization parameters become TOSA zero-point
    operands and `tosa.rescale` multipliers and shifts.

    - conv_2d, depthwise_conv_2d, fully_connected and batch_matmul become
      `tosa.conv2d`, `tosa.depthwise_conv2d` and `tosa.matmul` (reshapes
      around it for fully connected) with the input and weight zero points
      and int32 accumulation, then a `tosa.rescale` (per channel for
      per-channel weights) with TFLite's multiplier and shift and
      `DOUBLE_ROUND`, then a `tosa.clamp` for a fused activation;
    - add and sub rescale both inputs to a common scale after a left shift
      of 20 bits, as TFLite's kernels do; mul multiplies the zero-point
      corrected inputs in int32 and rescales the product;
    - relu, relu6 and relu_n1_to_1 rescale and clamp; logistic and tanh are
      256-entry `tosa.table` lookups built the way TFLite builds its tables;
    - max/average pooling, reshape, squeeze, transpose, pad (with the zero
      point) and concatenation (inputs rescaled to the output's parameters)
      keep their scale;
    - quantize between quantized types and `qnt.requantize` become a
      `tosa.rescale`; dequantize at the edges becomes integer-to-float
      arithmetic and quantize from float a multiply, a rounding and a clamp.

    Only 8-bit signed activations are lowered; any other qnt op, or a
    quantized op of another width, is an error naming the op.
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect",
                           "::mlir::func::FuncDialect"];
}

#endif // QNT_CONVERSION_PASSES_TD
