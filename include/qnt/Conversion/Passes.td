//===- Passes.td - Conversions out of the qnt dialect ------*- tablegen -*-===//

#ifndef QNT_CONVERSION_PASSES_TD
#define QNT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQntToTosa : Pass<"convert-qnt-to-tosa", "::mlir::ModuleOp"> {
  let summary = "Lower qnt's integer graph to TOSA";
  let description = [{
    Rewrites the quantized ops of an integer-only qnt graph (the output of
    `--quantize-int8-only`, or of `--quantize-int16x8`) as TOSA ops on plain integer tensors: every
    `!quant.uniform` type becomes its storage type, including in function
    signatures, and the quantization parameters become TOSA zero-point
    operands and `tosa.rescale` multipliers and shifts.

    - conv_2d, depthwise_conv_2d, fully_connected and batch_matmul become
      `tosa.conv2d`, `tosa.depthwise_conv2d` and `tosa.matmul` (reshapes
      around it for fully connected) with the input and weight zero points
      and int32 accumulation, then a `tosa.rescale` (per channel for
      per-channel weights) with TFLite's multiplier and shift and
      `DOUBLE_ROUND`, then a `tosa.clamp` for a fused activation; a grouped
      conv_2d is one `tosa.conv2d` per group on sliced inputs, filters and
      biases, the accumulators concatenated;
    - transpose_conv is a `tosa.transpose_conv2d` on TFLite's OHWI filter
      whose `out_pad` crops the full result ((in - 1) * stride + k) by the
      padding qnt's op implies: negative before, and after what makes up
      the result's size; int8 and int16 (int48 accumulator). llvm-22's
      `--tosa-to-linalg-pipeline` cannot compile a strided
      `tosa.transpose_conv2d`: its decomposition emits a rank-4 `tosa.pad`
      that its own validation rejects (and, for int16, pads with an int8
      constant); the same passes without the final validation compile the
      int8 one;
    - int16 activations (the int16x8 pipeline, TOSA's int16 extension):
      zero points must be 0; conv_2d, depthwise_conv_2d and fully_connected
      (a 1x1 `tosa.conv2d`, since `tosa.matmul` takes int16 only against
      int16) accumulate int16 x int8 in int48 with the bias (int32 or int64
      in qnt) as an int48 constant, and rescale with the 16-bit multiplier
      and one rounding (`scale32 = false`), which is the 64-bit accumulator
      rescale of qnt and TFLite; add and sub shift by 15 bits instead of
      20; mul, relu, requantize, pooling, concatenation, pad and data
      movement as for int8; logistic and tanh are one `tosa.gather` from a
      65536-entry table of qnt's int16 kernel (dequantize, float32 function,
      requantize), which TOSA's interpolated 513-entry int16 table cannot
      reproduce; the float edges need the `pro_fp` profile;
    - add and sub rescale both inputs to a common scale after a left shift
      of 20 bits, as TFLite's kernels do; mul multiplies the zero-point
      corrected inputs in int32 and rescales the product;
    - relu, relu6 and relu_n1_to_1 rescale and clamp; logistic and tanh are
      256-entry `tosa.table` lookups built the way TFLite builds its tables;
    - max/average pooling, reshape, squeeze, transpose, depth_to_space
      (reshape, 4-D transpose, reshape), pad (with the zero point), pad_v2 (with its constant) and concatenation (inputs rescaled to the output's parameters)
      keep their scale;
    - quantize between quantized types and `qnt.requantize` become a
      `tosa.rescale`; dequantize at the edges becomes integer-to-float
      arithmetic and quantize from float a multiply, a rounding and a clamp;
    - uint8 edges (`io-type=uint8`): quantize between uint8 and int8 is a
      `tosa.rescale` with `input_unsigned` or `output_unsigned`; uint8
      tensors are i8 in TOSA (the same bytes) and a zero point above 127 is
      stored as its i8 bit pattern;
    - pad of rank 4 or more merges unpadded dimensions into their neighbour
      before `tosa.pad` (llvm-22's `--tosa-validate` checks the padding
      shape against MAX_RANK, rejecting any rank-4 pad);
    - maximum and minimum widen exactly to int32, compare with
      `tosa.maximum`/`tosa.minimum` and cast back;
    - slice and strided_slice with unit steps become `tosa.slice` (and a
      reshape for shrunk or new axes); other strides, negative ones included,
      and resize_nearest_neighbor become one `tosa.gather` of the source
      elements, whose positions are computed at conversion time as TFLite
      computes them;
    - mean over axes 1 and 2 of a 4-D input with keep_dims (TFLite's integer
      kernel): `tosa.reduce_sum` of the zero-point-corrected input, a
      rescale, a division by the count with halves rounded away from zero
      (`tosa.intdiv`), and the output zero point;
    - leaky_relu and hard_swish are 256-entry `tosa.table` lookups holding
      TFLite's fixed-point results for every int8 input; prelu with a
      per-tensor alpha selects between the rescaled input and the rescaled
      product of input and alpha;
    - resize_bilinear follows TFLite's int8 kernel in 10-bit fixed point:
      four gathers of the neighbours, int32 weights (summing to 2^20) per
      output position, and a division by 2^20 with halves rounded away from
      zero.

    int8 activations are lowered (and uint8 at the edges), and int16 ones
    for the ops listed above; any other qnt op, or a quantized op of another
    width, is an error naming the op. Refused with their reason: softmax
    and log_softmax (their kernels sum float32 exponentials) and div (qnt
    has no integer kernel for it); sum, reduce_max, reduce_min, arg_max,
    arg_min, gather, space_to_depth and mirror_pad (no lowering written
    yet). Not
    lowered either: mean over other axes or without keep_dims (float in
    TFLite too), prelu with a per-channel alpha, int16 batch_matmul,
    leaky_relu, prelu, hard_swish, resize and mean, and quantized float16
    or dynamic-range graphs.

    The output passes upstream `mlir-opt --tosa-attach-target="profiles=pro_int
    extensions=doubleround" --tosa-validate=strict-op-spec-alignment`
    (`profiles=pro_int,pro_fp extensions=int16,doubleround` for 16x8
    graphs), and upstream's `--tosa-to-linalg-pipeline` compiles it; the
    tests in `test/Conversion/QntToTosa/` run it with `mlir-runner` (the
    synthetic models in `e2e.test`, `e2e-ops.test`, `e2e-grouped.test`,
    `e2e-transpose-conv.test` and, quantized 16x8, `e2e-16x8.test`;
    MediaPipe's face_detection_short_range in `face-detection.test`) and compare with qnt's interpreter bit for bit.
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect",
                           "::mlir::func::FuncDialect"];
}

#endif // QNT_CONVERSION_PASSES_TD
