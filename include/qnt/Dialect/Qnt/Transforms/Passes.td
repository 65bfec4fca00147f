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

#endif // QNT_DIALECT_QNT_TRANSFORMS_PASSES_TD
