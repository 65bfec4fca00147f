//===- QntDialect.td - The qnt dialect ---------------------*- tablegen -*-===//
//
// The qnt dialect holds float and quantized graphs at the level of TFLite
// builtin operators.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_IR_QNTDIALECT_TD
#define QNT_DIALECT_QNT_IR_QNTDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Qnt_Dialect : Dialect {
  let name = "qnt";
  let cppNamespace = "::qnt";
  let summary = "Graphs of TFLite-level operators for post-training quantization";
  let description = [{
    Each op of `qnt` mirrors one TFLite builtin operator: same operands in the
    same order, the same options as attributes and the same semantics. Tensors
    are float (`f32`, `f16`), integer, or quantized with upstream
    `!quant.uniform` types (per-tensor and per-axis). The quantization
    properties of every op (which operands share a scale, fixed output
    parameters, where the weights and bias are) are declared on the op through
    `QuantizableOpInterface`, so passes ask the op rather than keep tables.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect",
                           "::mlir::func::FuncDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

//===----------------------------------------------------------------------===//
// Enumerations shared by many ops.
//===----------------------------------------------------------------------===//

def Qnt_PaddingSame : I32EnumAttrCase<"Same", 0, "same">;
def Qnt_PaddingValid : I32EnumAttrCase<"Valid", 1, "valid">;
def Qnt_Padding : I32EnumAttr<"Padding", "TFLite padding scheme",
                              [Qnt_PaddingSame, Qnt_PaddingValid]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::qnt";
}
def Qnt_PaddingAttr : EnumAttr<Qnt_Dialect, Qnt_Padding, "padding"> {
  let assemblyFormat = "`<` $value `>`";
}

def Qnt_ActNone : I32EnumAttrCase<"None", 0, "none">;
def Qnt_ActRelu : I32EnumAttrCase<"Relu", 1, "relu">;
def Qnt_ActReluN1To1 : I32EnumAttrCase<"ReluN1To1", 2, "relu_n1_to_1">;
def Qnt_ActRelu6 : I32EnumAttrCase<"Relu6", 3, "relu6">;
def Qnt_ActTanh : I32EnumAttrCase<"Tanh", 4, "tanh">;
def Qnt_ActSignBit : I32EnumAttrCase<"SignBit", 5, "sign_bit">;
def Qnt_Activation : I32EnumAttr<"Activation",
    "fused activation function applied to an op's result",
    [Qnt_ActNone, Qnt_ActRelu, Qnt_ActReluN1To1, Qnt_ActRelu6, Qnt_ActTanh,
     Qnt_ActSignBit]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::qnt";
}
def Qnt_ActivationAttr : EnumAttr<Qnt_Dialect, Qnt_Activation, "act"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // QNT_DIALECT_QNT_IR_QNTDIALECT_TD
