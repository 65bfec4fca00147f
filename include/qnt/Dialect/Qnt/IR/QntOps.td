//===- QntOps.td - Operations of the qnt dialect -----------*- tablegen -*-===//
//
// One op per TFLite builtin operator: same operands in the same order, the
// options as attributes, the same semantics.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_IR_QNTOPS_TD
#define QNT_DIALECT_QNT_IR_QNTOPS_TD

include "qnt/Dialect/Qnt/IR/QntDialect.td"
include "qnt/Dialect/Qnt/IR/QntInterfaces.td"
include "mlir/Dialect/Quant/IR/QuantBase.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def Qnt_ElementType : AnyTypeOf<[F32, F16, AnyInteger, quant_QuantizedType]>;
def Qnt_Tensor : RankedTensorOf<[F32, F16, AnyInteger, quant_QuantizedType]>;
def Qnt_FloatTensor : RankedTensorOf<[F32, F16]>;
def Qnt_IndexTensor : RankedTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class Qnt_Op<string mnemonic, list<Trait> traits = []>
    : Op<Qnt_Dialect, mnemonic,
         !listconcat(traits, [Qnt_QuantizableOpInterface])> {
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
}

// Attribute bundles used by many ops.
defvar Qnt_FusedActivation =
    DefaultValuedAttr<Qnt_ActivationAttr, "::qnt::Activation::None">;

// Elementwise ops on two tensors with numpy-style broadcasting.
class Qnt_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Qnt_Op<mnemonic, !listconcat(traits, [Pure, ResultsBroadcastableShape])> {
  let arguments = (ins Qnt_Tensor:$lhs, Qnt_Tensor:$rhs,
                       Qnt_FusedActivation:$fused_activation);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

// Elementwise ops on one tensor.
class Qnt_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Qnt_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultShape])> {
  let arguments = (ins Qnt_Tensor:$input);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Constants, statistics and quantization
//===----------------------------------------------------------------------===//

def Qnt_ConstOp : Qnt_Op<"const", [ConstantLike, Pure]> {
  let summary = "Constant tensor, float or quantized";
  let description = [{
    A constant tensor. For float and integer results `value` has the result
    type and the assembly shows the type once. For a quantized result
    (`!quant.uniform`, per-tensor or per-axis) `value` holds the stored
    integers: its element type is the storage type of the quantized type and
    its shape is the result's shape, so quantized weights carry no float
    copy (unsigned storage may also be spelled `ui8`, so uint8 data reads
    0..255). Every stored integer lies in the storage range of the quantized
    type (`[-127, 127]` for narrow-range int8 weights).

    ```mlir
    %b = qnt.const dense<[0.5, -1.0]> : tensor<2xf32>
    %w = qnt.const dense<[[1, -127]]> : tensor<1x2xi8>
           -> tensor<1x2x!quant.uniform<i8<-127:127>:f32, 0.05>>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Qnt_Tensor:$output);
  let assemblyFormat = ?;
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_StatsOp : Qnt_Op<"stats", [Pure, SameOperandsAndResultType]> {
  let summary = "Calibrated range of a float tensor";
  let description = [{
    Identity on values. Records the range `[min, max]` that calibration chose
    for `input`, which the quantization passes turn into quantization
    parameters. `method` names the calibration method that produced the
    range. Written by `qnt-calibrate`; removed by quantization.
  }];
  let arguments = (ins Qnt_FloatTensor:$input, F64Attr:$min, F64Attr:$max,
                       OptionalAttr<StrAttr>:$method);
  let results = (outs Qnt_FloatTensor:$output);
  let hasVerifier = 1;
}

def Qnt_FakeQuantOp : Qnt_Op<"fake_quant", [Pure, SameOperandsAndResultType]> {
  let summary = "Range fixed by quantization-aware training";
  let description = [{
    Rounds `input` to the grid of `num_bits` bits spanning `[min, max]`
    (nudged so that 0.0 is exact; `narrow_range` drops the lowest level), as
    quantization-aware training did. The range is kept as it is by
    quantization: no calibration is needed for the tensor.
  }];
  let arguments = (ins Qnt_FloatTensor:$input, F64Attr:$min, F64Attr:$max,
                       DefaultValuedAttr<I32Attr, "8">:$num_bits,
                       UnitAttr:$narrow_range);
  let results = (outs Qnt_FloatTensor:$output);
  let hasVerifier = 1;
}

def Qnt_QuantizeOp : Qnt_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Float to quantized, or quantized to other quantized parameters";
  let description = [{
    TFLite QUANTIZE. From `f32`: `q = clamp(round(x / scale) + zero_point)`
    with rounding half away from zero, clamped to the storage range. From a
    quantized tensor: requantizes to the result's parameters (how int8 and
    uint8 tensors, or two scales, meet). Input and result have one shape.
  }];
  let arguments = (ins Qnt_Tensor:$input);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_DequantizeOp : Qnt_Op<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Quantized or float16 to float32";
  let description = [{
    TFLite DEQUANTIZE: `x = (q - zero_point) * scale` for a quantized input
    (per-tensor, or per-axis with one scale and zero point per slice); for
    an `f16` input (how float16 models store weights) widens to `f32`.
    Input and result have one shape.
  }];
  let arguments = (ins Qnt_Tensor:$input);
  let results = (outs Qnt_FloatTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

def Qnt_Conv2DOp : Qnt_Op<"conv_2d", [Pure, Qnt_Int8Kernel, Qnt_Int16Kernel,
                                      Qnt_WeightAndBias<0, 1, 2, 0>]> {
  let summary = "2-D convolution (TFLite CONV_2D)";
  let description = [{
    `input` is NHWC, `filter` OHWI, `bias` (optional) has O elements; the
    result is `N x out_h x out_w x O`. Per spatial dimension, with
    `dilated_k = (k - 1) * dilation + 1`: padding `valid` gives
    `out = floor((in - dilated_k) / stride) + 1` (no padding); `same` gives
    `out = ceil(in / stride)` and pads `total = max((out - 1) * stride +
    dilated_k - in, 0)` elements, `floor(total / 2)` before and the rest
    after, with zeros (the input zero point when quantized). When `I` is
    smaller than the input's channel count C the convolution is grouped:
    `C / I` groups, each of `O / (C / I)` filters. Quantized: int8 (or int16)
    input and output, int8 weights with zero point 0 (per tensor or per
    channel along O), int32 bias (int32 or int64 for int16 input) with zero
    point 0 and scale `input_scale * filter_scale[o]`; the int32/int64
    accumulator is rescaled to the output and clamped by the fused
    activation.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_Tensor:$filter,
                       Optional<Qnt_Tensor>:$bias,
                       DefaultValuedAttr<Qnt_PaddingAttr, "::qnt::Padding::Same">:$padding,
                       DefaultValuedAttr<I32Attr, "1">:$stride_h,
                       DefaultValuedAttr<I32Attr, "1">:$stride_w,
                       DefaultValuedAttr<I32Attr, "1">:$dilation_h,
                       DefaultValuedAttr<I32Attr, "1">:$dilation_w,
                       Qnt_FusedActivation:$fused_activation);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_DepthwiseConv2DOp
    : Qnt_Op<"depthwise_conv_2d", [Pure, Qnt_Int8Kernel, Qnt_Int16Kernel,
                                   Qnt_WeightAndBias<0, 1, 2, 3>]> {
  let summary = "Depthwise 2-D convolution (TFLite DEPTHWISE_CONV_2D)";
  let description = [{
    `input` is NHWC, `filter` `1 x H x W x (C * M)` with
    `M = depth_multiplier`: output channel `c * M + m` convolves input
    channel `c` with filter channel `c * M + m`. Output sizes and padding as
    for `qnt.conv_2d`; the result is `N x out_h x out_w x (C * M)`.
    Quantized weights have zero point 0 and are per tensor or per channel
    along dimension 3; bias as for `qnt.conv_2d`.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_Tensor:$filter,
                       Optional<Qnt_Tensor>:$bias,
                       DefaultValuedAttr<Qnt_PaddingAttr, "::qnt::Padding::Same">:$padding,
                       DefaultValuedAttr<I32Attr, "1">:$stride_h,
                       DefaultValuedAttr<I32Attr, "1">:$stride_w,
                       DefaultValuedAttr<I32Attr, "1">:$dilation_h,
                       DefaultValuedAttr<I32Attr, "1">:$dilation_w,
                       DefaultValuedAttr<I32Attr, "1">:$depth_multiplier,
                       Qnt_FusedActivation:$fused_activation);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_TransposeConvOp
    : Qnt_Op<"transpose_conv", [Pure, Qnt_Int8Kernel, Qnt_Int16Kernel,
                                Qnt_WeightAndBias<2, 1, 3, 0>]> {
  let summary = "Transposed 2-D convolution (TFLite TRANSPOSE_CONV)";
  let description = [{
    The gradient of `qnt.conv_2d` with respect to its input. Operands in
    TFLite's order: `output_shape` (1-D int32 of 4 elements, NHWC), `filter`
    OHWI, `input` NHWC, optional `bias` (O elements). Each input pixel
    scatters `input * filter` into the output at `stride` steps; the padding
    is the one `qnt.conv_2d` with the same filter, strides and padding
    scheme would add to an input of the result's size, and it is cropped
    from the full result. So `qnt.conv_2d` on the result's size gives back
    the input's size: `ceil(out / stride) = in` for `same`,
    `floor((out - k) / stride) + 1 = in` for `valid`. Quantized weights have
    zero point 0, per tensor or per channel along O; bias as for
    `qnt.conv_2d`; the fused activation (TFLite's option, `none` in older
    files) clamps the result.
  }];
  let arguments = (ins Qnt_IndexTensor:$output_shape, Qnt_Tensor:$filter,
                       Qnt_Tensor:$input, Optional<Qnt_Tensor>:$bias,
                       DefaultValuedAttr<Qnt_PaddingAttr, "::qnt::Padding::Same">:$padding,
                       DefaultValuedAttr<I32Attr, "1">:$stride_h,
                       DefaultValuedAttr<I32Attr, "1">:$stride_w,
                       Qnt_FusedActivation:$fused_activation);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_FullyConnectedOp
    : Qnt_Op<"fully_connected", [Pure, Qnt_Int8Kernel, Qnt_Int16Kernel,
                                 Qnt_WeightAndBias<0, 1, 2, 0>]> {
  let summary = "Fully connected layer (TFLite FULLY_CONNECTED)";
  let description = [{
    `filter` is `[O, I]`; `input` is viewed as `[N, I]` with `N` its element
    count divided by I. `output[n, o] = sum_i input[n, i] * filter[o, i] +
    bias[o]`, then the fused activation. With `keep_num_dims` the result
    keeps the input's shape with the last dimension (which must be I)
    replaced by O; otherwise it is `[N, O]`. Quantized weights have zero
    point 0, per tensor or per channel along O; bias as for `qnt.conv_2d`.
    With float input and output and int8 weights (TFLite's hybrid kernel),
    the input is quantized on the fly per row, asymmetrically when
    `asymmetric_quantize_inputs` is set, symmetrically otherwise.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_Tensor:$filter,
                       Optional<Qnt_Tensor>:$bias,
                       Qnt_FusedActivation:$fused_activation,
                       UnitAttr:$keep_num_dims,
                       UnitAttr:$asymmetric_quantize_inputs);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_BatchMatMulOp
    : Qnt_Op<"batch_matmul", [Pure, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Batched matrix product (TFLite BATCH_MATMUL)";
  let description = [{
    Matrix product of the last two dimensions of `x` (`M x K`) and `y`
    (`K x N`), each transposed first when `adj_x` / `adj_y`; the leading
    (batch) dimensions broadcast as numpy does, so the result is
    `batch x M x N`. Both operands are activations when quantized (per
    tensor).
    With float `x` and result and int8 `y` (TFLite's hybrid kernel), `x`
    is quantized on the fly, asymmetrically when `asymmetric_quantize_inputs`
    is set.
  }];
  let arguments = (ins Qnt_Tensor:$x, Qnt_Tensor:$y, UnitAttr:$adj_x,
                       UnitAttr:$adj_y, UnitAttr:$asymmetric_quantize_inputs);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

def Qnt_AddOp : Qnt_BinaryOp<"add", [Commutative, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Elementwise sum (TFLite ADD)";
  let description = [{
    `lhs + rhs` with numpy broadcasting, then the fused activation. Quantized
    inputs may have different scales: both are rescaled to a common scale
    before the sum and the sum is rescaled to the output.
  }];
}

def Qnt_SubOp : Qnt_BinaryOp<"sub", [Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Elementwise difference (TFLite SUB)";
  let description = [{
    `lhs - rhs` with numpy broadcasting, then the fused activation. Quantized
    as for `qnt.add`.
  }];
}

def Qnt_MulOp : Qnt_BinaryOp<"mul", [Commutative, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Elementwise product (TFLite MUL)";
  let description = [{
    `lhs * rhs` with numpy broadcasting, then the fused activation. Quantized:
    the product of the zero-point-corrected inputs is rescaled by
    `lhs_scale * rhs_scale / output_scale`.
  }];
}

def Qnt_DivOp : Qnt_BinaryOp<"div"> {
  let summary = "Elementwise quotient (TFLite DIV)";
  let description = [{
    `lhs / rhs` with numpy broadcasting, then the fused activation. Float
    only in qnt: it has no int8 kernel, so it stays float under
    quantization.
  }];
}

def Qnt_MaximumOp : Qnt_Op<"maximum", [Pure, Commutative, ResultsBroadcastableShape,
                                       Qnt_SameScale, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Elementwise maximum (TFLite MAXIMUM)";
  let description = [{
    `max(lhs, rhs)` with numpy broadcasting. Quantized operands and result
    share one scale and zero point, so the integer maximum is exact.
  }];
  let arguments = (ins Qnt_Tensor:$lhs, Qnt_Tensor:$rhs);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_MinimumOp : Qnt_Op<"minimum", [Pure, Commutative, ResultsBroadcastableShape,
                                       Qnt_SameScale, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Elementwise minimum (TFLite MINIMUM)";
  let description = [{
    `min(lhs, rhs)` with numpy broadcasting; quantized as `qnt.maximum`.
  }];
  let arguments = (ins Qnt_Tensor:$lhs, Qnt_Tensor:$rhs);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

def Qnt_ReluOp : Qnt_UnaryOp<"relu", [Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "max(x, 0) (TFLite RELU)";
  let description = [{ `max(x, 0)` elementwise. Quantized: rescaled to the
    output parameters, then clamped at the quantized zero. }];
}

def Qnt_Relu6Op : Qnt_UnaryOp<"relu6", [Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "min(max(x, 0), 6) (TFLite RELU6)";
  let description = [{ `min(max(x, 0), 6)` elementwise. }];
}

def Qnt_ReluN1To1Op : Qnt_UnaryOp<"relu_n1_to_1", [Qnt_Int8Kernel]> {
  let summary = "min(max(x, -1), 1) (TFLite RELU_N1_TO_1)";
  let description = [{ `min(max(x, -1), 1)` elementwise. }];
}

def Qnt_LeakyReluOp : Qnt_Op<"leaky_relu", [Pure, SameOperandsAndResultShape,
                                            Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "x >= 0 ? x : alpha * x (TFLite LEAKY_RELU)";
  let description = [{
    `x` where `x >= 0`, `alpha * x` elsewhere, with `alpha` a finite scalar.
    Quantized: the two branches are rescaled to the output by
    `input_scale / output_scale` and `alpha * input_scale / output_scale`.
  }];
  let arguments = (ins Qnt_Tensor:$input, F32Attr:$alpha);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_PReluOp : Qnt_Op<"prelu", [Pure, Qnt_Int8Kernel]> {
  let summary = "Parametric ReLU (TFLite PRELU)";
  let description = [{
    `x` where `x >= 0`, `alpha * x` elsewhere, with `alpha` a tensor
    broadcast against `input` (numpy rules; usually one slope per channel).
    The result has the input's shape. Quantized `alpha` is a constant
    quantized like a weight.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_Tensor:$alpha);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_HardSwishOp : Qnt_UnaryOp<"hard_swish", [Qnt_Int8Kernel]> {
  let summary = "x * relu6(x + 3) / 6 (TFLite HARD_SWISH)";
  let description = [{ `x * min(max(x + 3, 0), 6) / 6` elementwise. }];
}

def Qnt_LogisticOp : Qnt_UnaryOp<"logistic", [Qnt_Int8Kernel, Qnt_Int16Kernel,
                                              Qnt_FixedOutputRange<256, -128, 32768, 0>]> {
  let summary = "1 / (1 + exp(-x)) (TFLite LOGISTIC)";
  let description = [{ The sigmoid elementwise. Quantized results have the
    fixed parameters (1/256, -128) for int8 and (1/32768, 0) for int16. }];
}

def Qnt_TanhOp : Qnt_UnaryOp<"tanh", [Qnt_Int8Kernel, Qnt_Int16Kernel,
                                      Qnt_FixedOutputRange<128, 0, 32768, 0>]> {
  let summary = "Hyperbolic tangent (TFLite TANH)";
  let description = [{ `tanh(x)` elementwise. Quantized results have the
    fixed parameters (1/128, 0) for int8 and (1/32768, 0) for int16. }];
}

def Qnt_SoftmaxOp : Qnt_Op<"softmax", [Pure, SameOperandsAndResultShape,
                                       Qnt_Int8Kernel, Qnt_Int16Kernel,
                                       Qnt_FixedOutputRange<256, -128, 32768, 0>]> {
  let summary = "Softmax over the last dimension (TFLite SOFTMAX)";
  let description = [{
    `exp(beta * (x - max)) / sum(exp(beta * (x - max)))` over the last
    dimension, with `beta > 0` (the quantized kernels fold `beta` into a
    multiplier that must be positive). Quantized results have the fixed
    parameters (1/256, -128) for int8 and (1/32768, 0) for int16.
  }];
  let arguments = (ins Qnt_Tensor:$input, DefaultValuedAttr<F32Attr, "1.0f">:$beta);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_LogSoftmaxOp : Qnt_UnaryOp<"log_softmax", [Qnt_Int8Kernel,
                                                   Qnt_FixedOutputRange<16, 127, 0, 0>]> {
  let summary = "Log of the softmax over the last dimension (TFLite LOG_SOFTMAX)";
  let description = [{ `x - max - log(sum(exp(x - max)))` over the last
    dimension. Quantized int8 results have the fixed parameters (16/256, 127);
    there is no int16 kernel. }];
}

def Qnt_L2NormalizationOp : Qnt_UnaryOp<"l2_normalization", [Qnt_Int8Kernel,
                                        Qnt_FixedOutputRange<128, 0, 0, 0>]> {
  let summary = "Divide by the L2 norm of the last dimension (TFLite L2_NORMALIZATION)";
  let description = [{
    `x / max(sqrt(sum(x * x)), 1e-6)` over the last dimension (rank at most
    4). Quantized int8: the sum of squares of `q - zp_in` gets TFLite's
    fixed-point inverse square root, applied with 7 more bits, so results
    have the fixed parameters (1/128, 0); there is no int16 kernel. TFLite
    refuses a fused activation, so the op has none.
  }];
}

def Qnt_GeluOp : Qnt_Op<"gelu", [Pure, SameOperandsAndResultShape,
                                 Qnt_Int8Kernel]> {
  let summary = "Gaussian error linear unit (TFLite GELU)";
  let description = [{
    `0.5 * x * (1 + erf(x / sqrt(2)))` elementwise; with `approximate`,
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`. Quantized
    int8: a 256-entry table built by dequantizing every stored value,
    applying the function in float and quantizing the result (rounded half
    away from zero) with the output's own parameters.
  }];
  let arguments = (ins Qnt_Tensor:$input, UnitAttr:$approximate);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise math. Int8Kernel marks only the kernels the TFLite runtime qnt
// is tested against has; the others stay float under --quantize-int8.
//===----------------------------------------------------------------------===//

def Qnt_ExpOp : Qnt_UnaryOp<"exp"> {
  let summary = "exp(x) (TFLite EXP)";
  let description = [{ `exp(x)` elementwise. Float only in qnt: the
    runtime qnt is tested against has no int8 EXP (later TFLite releases
    add a table-based one). }];
}

def Qnt_LogOp : Qnt_UnaryOp<"log"> {
  let summary = "Natural logarithm (TFLite LOG)";
  let description = [{ `log(x)` elementwise (`-inf` at 0, NaN below).
    Float only in qnt, as for `qnt.exp`. }];
}

def Qnt_SqrtOp : Qnt_UnaryOp<"sqrt"> {
  let summary = "Square root (TFLite SQRT)";
  let description = [{ `sqrt(x)` elementwise (NaN below 0). Float only in
    qnt, as for `qnt.exp`. }];
}

def Qnt_RsqrtOp : Qnt_UnaryOp<"rsqrt", [Qnt_Int8Kernel]> {
  let summary = "1 / sqrt(x) (TFLite RSQRT)";
  let description = [{ `1 / sqrt(x)` elementwise. Quantized int8: TFLite's
    fixed-point inverse square root of `q - zp_in` (five Newton steps),
    rescaled by `1 / (sqrt(input_scale) * output_scale)`; `q == zp_in` gives
    the largest output and `q < zp_in` is an error. }];
}

def Qnt_AbsOp : Qnt_UnaryOp<"abs", [Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "|x| (TFLite ABS)";
  let description = [{ `|x|` elementwise. Quantized: `|q - zp_in|`
    rescaled by `input_scale / output_scale` (not at all when the scales
    are equal) plus `zp_out`, so the result has its own parameters. }];
}

def Qnt_NegOp : Qnt_UnaryOp<"neg"> {
  let summary = "-x (TFLite NEG)";
  let description = [{ `-x` elementwise. Float (and plain integer) only:
    TFLite has no quantized kernel. }];
}

def Qnt_FloorOp : Qnt_UnaryOp<"floor"> {
  let summary = "Largest integer not above x (TFLite FLOOR)";
  let description = [{ `floor(x)` elementwise, float only: TFLite's FLOOR
    has no quantized kernel. }];
}

def Qnt_EluOp : Qnt_UnaryOp<"elu"> {
  let summary = "x > 0 ? x : exp(x) - 1 (TFLite ELU)";
  let description = [{ The exponential linear unit with alpha 1. Float only
    in qnt: the runtime qnt is tested against refuses int8 ELU. }];
}

def Qnt_SquaredDifferenceOp : Qnt_Op<"squared_difference",
                                     [Pure, ResultsBroadcastableShape,
                                      Qnt_Int8Kernel]> {
  let summary = "(lhs - rhs)^2 (TFLite SQUARED_DIFFERENCE)";
  let description = [{
    `(lhs - rhs) * (lhs - rhs)` with numpy broadcasting. Quantized int8:
    both inputs are rescaled to a common scale with a left shift of 7 bits,
    subtracted and squared, and the square is rescaled to the output.
  }];
  let arguments = (ins Qnt_Tensor:$lhs, Qnt_Tensor:$rhs);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_PowOp : Qnt_Op<"pow", [Pure, ResultsBroadcastableShape]> {
  let summary = "lhs ^ rhs (TFLite POW)";
  let description = [{
    `pow(lhs, rhs)` with numpy broadcasting. Float (and plain integer) only:
    TFLite has no quantized kernel.
  }];
  let arguments = (ins Qnt_Tensor:$lhs, Qnt_Tensor:$rhs);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

class Qnt_PoolOp<string mnemonic> : Qnt_Op<mnemonic, [Pure, Qnt_SameScale,
                                                      Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let arguments = (ins Qnt_Tensor:$input,
                       DefaultValuedAttr<Qnt_PaddingAttr, "::qnt::Padding::Same">:$padding,
                       I32Attr:$filter_h, I32Attr:$filter_w,
                       DefaultValuedAttr<I32Attr, "1">:$stride_h,
                       DefaultValuedAttr<I32Attr, "1">:$stride_w,
                       Qnt_FusedActivation:$fused_activation);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_AveragePool2DOp : Qnt_PoolOp<"average_pool_2d"> {
  let summary = "2-D average pooling (TFLite AVERAGE_POOL_2D)";
  let description = [{
    NHWC average over `filter_h x filter_w` windows; output sizes and
    padding as for `qnt.conv_2d` with dilation 1, channels unchanged. Padded
    positions are not counted: each output divides by the number of input
    elements its window covers. Quantized: the integer sum divided by that
    count, rounded half away from zero; input and output share scale and
    zero point.
  }];
}

def Qnt_MaxPool2DOp : Qnt_PoolOp<"max_pool_2d"> {
  let summary = "2-D max pooling (TFLite MAX_POOL_2D)";
  let description = [{
    NHWC maximum over `filter_h x filter_w` windows; output sizes and
    padding as for `qnt.conv_2d` with dilation 1, channels unchanged; padded
    positions are ignored. Input and output share scale and zero point when
    quantized.
  }];
}

def Qnt_MeanOp : Qnt_Op<"mean", [Pure, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Mean over axes (TFLite MEAN)";
  let description = [{
    Mean of `input` over the dimensions listed in `axis` (1-D int32; each
    entry in `[-rank, rank)`, negative values count from the end, repeats
    count once). `keep_dims` keeps the reduced dimensions with size 1;
    otherwise they are dropped. Quantized: the integer sum is rescaled to
    the output parameters.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$axis, UnitAttr:$keep_dims);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_SumOp : Qnt_Op<"sum", [Pure, Qnt_Int8Kernel]> {
  let summary = "Sum over axes (TFLite SUM)";
  let description = [{
    Sum of `input` over the dimensions listed in `axis`, with the axis rules
    and `keep_dims` of `qnt.mean`. Quantized (int8 only: TFLite's int16 SUM
    cannot rescale): the output has its own parameters; the stored values
    are summed in 32 bits and mapped to the output as TFLite does, in float:
    `round(sum * s + bias) + zp_out` with `s = scale_in / scale_out` and
    `bias = -zp_in * s * count`, rounded half away from zero and clamped
    (TFLite's kernel skips the clamp and wraps). TFLite only rescales when
    the input and output parameters differ, so they must differ unless each
    output sums a single element.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$axis,
                       UnitAttr:$keep_dims);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

class Qnt_ReduceExtremumOp<string mnemonic>
    : Qnt_Op<mnemonic, [Pure, Qnt_SameScale, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$axis,
                       UnitAttr:$keep_dims);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_ReduceMaxOp : Qnt_ReduceExtremumOp<"reduce_max"> {
  let summary = "Maximum over axes (TFLite REDUCE_MAX)";
  let description = [{
    Largest element of `input` over the dimensions listed in `axis`, with
    the axis rules and `keep_dims` of `qnt.mean`; the reduced dimensions
    must not be empty. Input and output share scale and zero point when
    quantized.
  }];
}

def Qnt_ReduceMinOp : Qnt_ReduceExtremumOp<"reduce_min"> {
  let summary = "Minimum over axes (TFLite REDUCE_MIN)";
  let description = [{
    Smallest element of `input` over the dimensions listed in `axis`, as
    `qnt.reduce_max` otherwise.
  }];
}

class Qnt_ArgExtremumOp<string mnemonic>
    : Qnt_Op<mnemonic, [Pure, Qnt_Int8Kernel]> {
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$dimension);
  let results = (outs Qnt_IndexTensor:$output);
  let hasVerifier = 1;
}

def Qnt_ArgMaxOp : Qnt_ArgExtremumOp<"arg_max"> {
  let summary = "Index of the maximum along one axis (TFLite ARG_MAX)";
  let description = [{
    `dimension` is a one-element int32 or int64 tensor naming the axis (in
    `[-rank, rank)`); the result drops that axis and holds, for each
    position, the index of the largest element along it (the first one on
    ties). The result is int32 or int64 (TFLite's `output_type`), never
    quantized; a quantized input is compared on its stored values.
  }];
}

def Qnt_ArgMinOp : Qnt_ArgExtremumOp<"arg_min"> {
  let summary = "Index of the minimum along one axis (TFLite ARG_MIN)";
  let description = [{
    The index of the smallest element along `dimension` (the first one on
    ties), as `qnt.arg_max` otherwise.
  }];
}

//===----------------------------------------------------------------------===//
// Shape and data movement (quantized operands share scale and zero point)
//===----------------------------------------------------------------------===//

def Qnt_ReshapeOp : Qnt_Op<"reshape", [Pure, Qnt_SameScale, Qnt_Int8Kernel,
                                       Qnt_Int16Kernel]> {
  let summary = "Reshape (TFLite RESHAPE)";
  let description = [{
    Same elements in row-major order, new shape. `shape` is an optional 1-D
    int32 tensor (TFLite also accepts the shape as an option only) in which
    one entry may be -1 (inferred); the result type states the shape. The
    element counts must match.
  }];
  let arguments = (ins Qnt_Tensor:$input, Optional<Qnt_IndexTensor>:$shape);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Qnt_SqueezeOp : Qnt_Op<"squeeze", [Pure, Qnt_SameScale, Qnt_Int8Kernel,
                                       Qnt_Int16Kernel]> {
  let summary = "Drop dimensions of size 1 (TFLite SQUEEZE)";
  let description = [{
    Removes the dimensions listed in `squeeze_dims` (all size-1 dimensions
    when the list is empty); each listed dimension must have size 1.
    Negative entries count from the end.
  }];
  let arguments = (ins Qnt_Tensor:$input,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$squeeze_dims);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_TransposeOp : Qnt_Op<"transpose", [Pure, Qnt_SameScale, Qnt_Int8Kernel,
                                           Qnt_Int16Kernel]> {
  let summary = "Permute dimensions (TFLite TRANSPOSE)";
  let description = [{
    `output` dimension `i` is `input` dimension `perm[i]`; `perm` is a 1-D
    int32 tensor holding a permutation of `[0, rank)` (TFLite also accepts
    negative entries counting from the end).
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$perm);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Qnt_ConcatenationOp : Qnt_Op<"concatenation", [Pure, Qnt_SameScale,
                                                   Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Join tensors along an axis (TFLite CONCATENATION)";
  let description = [{
    Joins `values` along `axis` (negative counts from the end); all other
    dimensions must agree. Quantized inputs are requantized to the output's
    parameters before they get here, so operands and result share scale and
    zero point.
  }];
  let arguments = (ins Variadic<Qnt_Tensor>:$values, I32Attr:$axis,
                       Qnt_FusedActivation:$fused_activation);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_PadOp : Qnt_Op<"pad", [Pure, Qnt_SameScale, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Pad with zeros (TFLite PAD)";
  let description = [{
    `paddings` is `[rank, 2]` int32 of non-negative counts: elements added
    before and after each dimension, so dimension `d` of the result is
    `in[d] + paddings[d][0] + paddings[d][1]`. Padded elements are 0.0 (the
    zero point when quantized).
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$paddings);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_PadV2Op : Qnt_Op<"pad_v2", [Pure, Qnt_SameScale, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Pad with a value (TFLite PADV2)";
  let description = [{
    As `qnt.pad`, with padded elements equal to the scalar
    `constant_values` (quantized like the input when quantized).
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$paddings,
                       Qnt_Tensor:$constant_values);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_MirrorPadReflect : I32EnumAttrCase<"Reflect", 0, "reflect">;
def Qnt_MirrorPadSymmetric : I32EnumAttrCase<"Symmetric", 1, "symmetric">;
def Qnt_MirrorPadMode : I32EnumAttr<"MirrorPadMode",
    "which border elements qnt.mirror_pad repeats",
    [Qnt_MirrorPadReflect, Qnt_MirrorPadSymmetric]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::qnt";
}
def Qnt_MirrorPadModeAttr : EnumAttr<Qnt_Dialect, Qnt_MirrorPadMode,
                                     "mirror_pad_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

// No Qnt_Int16Kernel: int16 MIRROR_PAD (version 3) needs TFLite 2.12, and
// the runtimes qnt is checked against refuse it.
def Qnt_MirrorPadOp : Qnt_Op<"mirror_pad", [Pure, Qnt_SameScale,
                                             Qnt_Int8Kernel]> {
  let summary = "Pad with mirrored elements (TFLite MIRROR_PAD)";
  let description = [{
    `paddings` as for `qnt.pad`; padded elements mirror the input at its
    border. `reflect` leaves the border element out of the mirror (numpy's
    `reflect`: `[1, 2, 3]` padded by 2 on each side is `[3, 2, 1, 2, 3, 2,
    1]`), so each padding must be smaller than its dimension; `symmetric`
    repeats it (`[2, 1, 1, 2, 3, 3, 2]`), so each padding may equal its
    dimension.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$paddings,
                       Qnt_MirrorPadModeAttr:$mode);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

class Qnt_ResizeOp<string mnemonic> : Qnt_Op<mnemonic, [Pure, Qnt_SameScale,
                                                        Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$size,
                       UnitAttr:$align_corners, UnitAttr:$half_pixel_centers);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_ResizeBilinearOp : Qnt_ResizeOp<"resize_bilinear"> {
  let summary = "Bilinear resize of NHWC images (TFLite RESIZE_BILINEAR)";
  let description = [{
    `size` is `[new_h, new_w]`, the result's spatial size. Per spatial
    dimension, `scale = (in - 1) / (out - 1)` with `align_corners` (and
    `out > 1`), `in / out` otherwise. Source coordinate of output `y`:
    `(y + 0.5) * scale - 0.5` with `half_pixel_centers`, `y * scale`
    otherwise; the neighbours are `max(floor(src), 0)` and
    `min(ceil(src), in - 1)`, blended linearly by the fraction of `src`.
    `align_corners` and `half_pixel_centers` cannot both be set.
  }];
}

def Qnt_ResizeNearestNeighborOp : Qnt_ResizeOp<"resize_nearest_neighbor"> {
  let summary = "Nearest-neighbour resize (TFLite RESIZE_NEAREST_NEIGHBOR)";
  let description = [{
    `size` is `[new_h, new_w]`, the result's spatial size. Per spatial
    dimension, `scale` as for `qnt.resize_bilinear` and `offset = 0.5` with
    `half_pixel_centers`, 0 otherwise. Source index of output `y`:
    `round((y + offset) * scale)` (half away from zero) with
    `align_corners`, `floor((y + offset) * scale)` otherwise, at most
    `in - 1` (and at least 0 with `half_pixel_centers`). Unlike the bilinear
    resize, both flags may be set.
  }];
}

def Qnt_SliceOp : Qnt_Op<"slice", [Pure, Qnt_SameScale, Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Contiguous slice (TFLite SLICE)";
  let description = [{
    Takes `size[i]` elements from `begin[i]` in each dimension; `size[i] = -1`
    means to the end. `begin` and `size` have one entry per input dimension
    and the slice must lie inside the input.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$begin, Qnt_IndexTensor:$size);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Qnt_StridedSliceOp : Qnt_Op<"strided_slice", [Pure, Qnt_SameScale,
                                                  Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Strided slice (TFLite STRIDED_SLICE)";
  let description = [{
    Python-style `input[begin:end:strides]`: `begin`, `end` and `strides`
    are 1-D int32 of one length n (one entry per slice spec, n <= 32
    because the masks are bit sets); strides are non-zero, negative ones
    walk backwards; negative indices count from the end and are clamped
    to the dimension. Bit `i` of `begin_mask` / `end_mask` ignores
    `begin[i]` / `end[i]` and takes the fullest range in the stride's
    direction; bit `i` of `shrink_axis_mask` takes the single index
    `begin[i]` and drops the dimension; bit `i` of `ellipsis_mask` (at most
    one bit) stands for as many full dimensions as the specs leave out;
    bit `i` of `new_axis_mask` inserts a dimension of size 1. With
    `offset`, `end` is relative to `begin` (the end index is
    `begin + end`). Each kept dimension has `ceil((end - begin) / stride)`
    elements (at least 0).
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$begin,
                       Qnt_IndexTensor:$end, Qnt_IndexTensor:$strides,
                       DefaultValuedAttr<I32Attr, "0">:$begin_mask,
                       DefaultValuedAttr<I32Attr, "0">:$end_mask,
                       DefaultValuedAttr<I32Attr, "0">:$ellipsis_mask,
                       DefaultValuedAttr<I32Attr, "0">:$new_axis_mask,
                       DefaultValuedAttr<I32Attr, "0">:$shrink_axis_mask,
                       UnitAttr:$offset);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_GatherOp : Qnt_Op<"gather", [Pure, Qnt_SameScale, Qnt_Int8Kernel,
                                     Qnt_Int16Kernel]> {
  let summary = "Gather slices by index (TFLite GATHER)";
  let description = [{
    Takes the slices of `params` along `axis` named by `indices` (int32 or
    int64; each in `[0, params[axis])`, checked when run). With
    `batch_dims = b` the first `b` dimensions of `params` and `indices`
    are batch dimensions (equal sizes, `b <= axis`) and each batch gathers
    from its own slice. The result shape is `params[:axis] ++
    indices[b:] ++ params[axis + 1:]`. Negative `axis` counts from the end
    of `params`, negative `batch_dims` from the end of `indices`. `params`
    and the result share scale and zero point when quantized.
  }];
  let arguments = (ins Qnt_Tensor:$params, Qnt_IndexTensor:$indices,
                       DefaultValuedAttr<I32Attr, "0">:$axis,
                       DefaultValuedAttr<I32Attr, "0">:$batch_dims);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_SpaceToDepthOp : Qnt_Op<"space_to_depth", [Pure, Qnt_SameScale,
                                                   Qnt_Int8Kernel]> {
  let summary = "Move spatial blocks into channels (TFLite SPACE_TO_DEPTH)";
  let description = [{
    NHWC `input` `[N, H, W, C]` with `H` and `W` multiples of `block_size`
    (b > 0) gives `[N, H / b, W / b, C * b * b]`:
    `output[n, y, x, (dy * b + dx) * C + c] = input[n, y * b + dy,
    x * b + dx, c]`. Input and output share scale and zero point when
    quantized (TFLite has no int16 kernel).
  }];
  let arguments = (ins Qnt_Tensor:$input, I32Attr:$block_size);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_DepthToSpaceOp : Qnt_Op<"depth_to_space", [Pure, Qnt_SameScale,
                                                   Qnt_Int8Kernel]> {
  let summary = "Move channels into spatial blocks (TFLite DEPTH_TO_SPACE)";
  let description = [{
    The inverse of `qnt.space_to_depth`: NHWC `input` `[N, H, W, C]` with
    `C` a multiple of `b * b` (b = `block_size` > 0) gives
    `[N, H * b, W * b, C / (b * b)]`: `output[n, y * b + dy, x * b + dx, c]
    = input[n, y, x, (dy * b + dx) * C / (b * b) + c]`. Input and output
    share scale and zero point when quantized (TFLite has no int16 kernel).
  }];
  let arguments = (ins Qnt_Tensor:$input, I32Attr:$block_size);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_SpaceToBatchNdOp : Qnt_Op<"space_to_batch_nd", [Pure, Qnt_SameScale,
                                                        Qnt_Int8Kernel]> {
  let summary = "Move padded spatial blocks into the batch (TFLite SPACE_TO_BATCH_ND)";
  let description = [{
    `input` is `[N, spatial..., C]` with one or two spatial dimensions (rank
    3 or 4); `block_shape` (1-D int32, one entry > 0 per spatial dimension)
    and `paddings` (`[spatial, 2]` int32, non-negative) say how. Each
    spatial dimension is padded (with 0.0, the zero point when quantized) to
    a multiple of its block size `b`, then split: the result is
    `[N * prod(b), (in + before + after) / b..., C]`, where batch
    `(offsets) * N + n` holds the elements at `offset` within each block:
    `output[(o0 * b1 + o1) * N + n, y, x, c] = padded[n, y * b0 + o0,
    x * b1 + o1, c]`. The op TensorFlow wrote around a dilated convolution.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$block_shape,
                       Qnt_IndexTensor:$paddings);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_BatchToSpaceNdOp : Qnt_Op<"batch_to_space_nd", [Pure, Qnt_SameScale,
                                                        Qnt_Int8Kernel]> {
  let summary = "Move batch blocks back into space (TFLite BATCH_TO_SPACE_ND)";
  let description = [{
    The inverse of `qnt.space_to_batch_nd`: `input` `[N * prod(b),
    spatial..., C]` (rank 3 or 4) gives `[N, in * b - before - after..., C]`
    with `output[n, y * b0 + o0 - before0, x * b1 + o1 - before1, c] =
    input[(o0 * b1 + o1) * N + n, y, x, c]`; `crops` (`[spatial, 2]` int32,
    non-negative) removes elements at both ends of each spatial dimension.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$block_shape,
                       Qnt_IndexTensor:$crops);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_TileOp : Qnt_Op<"tile", [Pure, Qnt_SameScale, Qnt_Int8Kernel]> {
  let summary = "Repeat a tensor along each dimension (TFLite TILE)";
  let description = [{
    `multiples` (1-D int32 or int64, one non-negative entry per dimension)
    repeats the whole input: `output[i...] = input[i % in...]`, with
    dimension `d` of size `in[d] * multiples[d]`.
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$multiples);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

def Qnt_BroadcastToOp : Qnt_Op<"broadcast_to", [Pure, Qnt_SameScale, Qnt_Int16Kernel,
                                                Qnt_Int8Kernel]> {
  let summary = "Broadcast to a shape (TFLite BROADCAST_TO)";
  let description = [{
    `shape` (1-D int32 or int64) is the result's shape; `input` broadcasts
    to it by numpy rules (its dimensions align at the end and each is 1 or
    equal to the result's; the result has at least the input's rank).
  }];
  let arguments = (ins Qnt_Tensor:$input, Qnt_IndexTensor:$shape);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Ops qnt does not know
//===----------------------------------------------------------------------===//

def Qnt_CustomOp : Qnt_Op<"custom"> {
  let summary = "An operator qnt does not know (TFLite CUSTOM or unknown builtin)";
  let description = [{
    Carries an operator through every pass untouched and exports it back
    byte for byte. `name` is the custom code (or, for a builtin operator
    qnt does not model, empty with `builtin_code` set); `options` holds the
    raw option bytes (custom options, or the builtin's serialized options
    table); `version` the operator version. Kept float: passes surround it
    with dequantize/quantize and never look inside. It declares no traits,
    so passes treat it as having unknown side effects.

    ```mlir
    %0 = qnt.custom %x {name = "Convolution2DTransposeBias",
                        options = "\01\00\02"}
           : (tensor<1x8x8x4xf32>) -> tensor<1x16x16x4xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, StrAttr:$name,
                       DefaultValuedAttr<StrAttr, "\"\"">:$options,
                       OptionalAttr<I32Attr>:$builtin_code,
                       DefaultValuedAttr<I32Attr, "1">:$version);
  let results = (outs Variadic<AnyType>:$outputs);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Integer arithmetic made explicit
//===----------------------------------------------------------------------===//

def Qnt_RequantizeOp : Qnt_Op<"requantize", [Pure, SameOperandsAndResultShape,
                                             Qnt_Int8Kernel, Qnt_Int16Kernel]> {
  let summary = "Rescale quantized integers with a fixed-point multiplier";
  let description = [{
    The integer form of a quantize between two quantized types, for
    compilers that lower qnt's graph further: with `x = q_in - zp_in`,
    `q_out = clamp(zp_out + (SRDHM(x * 2^max(shift, 0), multiplier)
    >> max(-shift, 0)))`, where SRDHM is the saturating rounding doubling
    high multiply and `>>` rounds half away from zero (TFLite's double
    rounding). `multiplier * 2^(shift - 31)` approximates
    `scale_in / scale_out`; the verifier checks the pair is the one TFLite
    computes from the two types, so the arithmetic stated here is the
    arithmetic of the types.
  }];
  let arguments = (ins Qnt_Tensor:$input, I32Attr:$multiplier, I32Attr:$shift);
  let results = (outs Qnt_Tensor:$output);
  let hasVerifier = 1;
}

#endif // QNT_DIALECT_QNT_IR_QNTOPS_TD
