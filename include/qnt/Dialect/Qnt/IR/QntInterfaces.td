//===- QntInterfaces.td - Quantization properties of ops ---*- tablegen -*-===//
//
// Passes ask an op how it quantizes instead of keeping per-op tables. The
// answers come from traits attached to each op in QntOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_IR_QNTINTERFACES_TD
#define QNT_DIALECT_QNT_IR_QNTINTERFACES_TD

include "mlir/IR/OpBase.td"

def Qnt_QuantizableOpInterface : OpInterface<"QuantizableOpInterface"> {
  let cppNamespace = "::qnt";
  let description = [{
    The quantization properties of an op: whether its quantized operands and
    results share one scale and zero point, whether its result has fixed
    quantization parameters, which operands are weights and bias (and the
    per-channel axis of the weights), and which integer kernels exist for it.
  }];
  let methods = [
    InterfaceMethod<
      "True when all quantized operands and results must share scale and zero point.",
      "bool", "isSameScale", (ins), [{}],
      [{ return ConcreteOp::template hasTrait<::qnt::OpTrait::SameScale>(); }]>,
    InterfaceMethod<
      "The fixed output parameters for activations of `bitWidth` bits, if any.",
      "std::optional<::qnt::FixedQuantParams>", "getFixedOutputParams",
      (ins "unsigned":$bitWidth), [{}],
      [{ return ::qnt::detail::getFixedOutputParams<ConcreteOp>(bitWidth); }]>,
    InterfaceMethod<
      "Where the weights and bias are, if the op has them.",
      "std::optional<::qnt::WeightOperands>", "getWeightOperands", (ins), [{}],
      [{ return ::qnt::detail::getWeightOperands<ConcreteOp>(); }]>,
    InterfaceMethod<
      "True when TFLite has an int8 kernel for the op.",
      "bool", "hasInt8Kernel", (ins), [{}],
      [{ return ConcreteOp::template hasTrait<::qnt::OpTrait::Int8Kernel>(); }]>,
    InterfaceMethod<
      "True when TFLite has an int16x8 kernel for the op.",
      "bool", "hasInt16Kernel", (ins), [{}],
      [{ return ConcreteOp::template hasTrait<::qnt::OpTrait::Int16Kernel>(); }]>,
  ];
  // The rules that can be checked on one op, for every op at once.
  let verify = [{ return ::qnt::detail::verifyQuantizableOp($_op); }];
}

// Traits read by the interface's default implementations (QntTraits.h).
def Qnt_SameScale : NativeOpTrait<"SameScale"> {
  let cppNamespace = "::qnt::OpTrait";
}
def Qnt_Int8Kernel : NativeOpTrait<"Int8Kernel"> {
  let cppNamespace = "::qnt::OpTrait";
}
def Qnt_Int16Kernel : NativeOpTrait<"Int16Kernel"> {
  let cppNamespace = "::qnt::OpTrait";
}
// Result parameters fixed at scale 1/den, for int8 and int16 results
// (den16 = 0: no int16 kernel).
class Qnt_FixedOutputRange<int den8, int zp8, int den16, int zp16>
    : ParamNativeOpTrait<"FixedOutputRange",
          !interleave([den8, zp8, den16, zp16], ", ")> {
  let cppNamespace = "::qnt::OpTrait";
}
// Activation input at operand `input`, weights at operand `weight`, bias at
// operand `bias` (-1: none), weights quantized per channel along `axis`.
class Qnt_WeightAndBias<int input, int weight, int bias, int axis>
    : ParamNativeOpTrait<"WeightAndBias",
          !interleave([input, weight, bias, axis], ", ")> {
  let cppNamespace = "::qnt::OpTrait";
}

#endif // QNT_DIALECT_QNT_IR_QNTINTERFACES_TD
