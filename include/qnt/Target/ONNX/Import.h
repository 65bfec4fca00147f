//===- Import.h - ONNX model to qnt -----------------------------*- C++ -*-===//
//
// Reads an ONNX model (default domain, opsets 11 to 17) into a module with
// one `func.func @main` of float qnt ops, using the protobuf classes and the
// shape inference of the ONNX library.
//
// - Opsets 6 to 10 are first upgraded to opset 11 by ONNX's version
//   converter (Upsample to Resize, attributes that became inputs, ...).
// - Every tensor must get a static shape from ONNX shape inference. A
//   symbolic first dimension of a graph input (the batch) is taken as 1;
//   other symbolic dimensions are an error.
// - Activations are float32. Integer tensors (shapes, indices) must be
//   computable at import time: Shape, Gather, Cast, Concat, Unsqueeze,
//   Squeeze and Reshape on constants are folded.
// - ONNX lays images out NCHW, qnt (like TFLite) NHWC. Each imported value
//   carries a permutation from its ONNX (logical) dimensions to the stored
//   ones; layout-sensitive ops (convolutions, pooling, resize, batch norm)
//   work on NHWC, elementwise ops and explicit Transposes just carry the
//   permutation along, and constants are permuted at import. A transpose is
//   emitted only where an op needs the ONNX order (e.g. Reshape of an NHWC
//   image) or at the graph boundary: with `InputLayout::NCHW` inputs and
//   outputs keep their ONNX shapes; with `InputLayout::NHWC` 4-D inputs and
//   outputs are NHWC and no boundary transposes remain.
// - BatchNormalization right after a Conv (its only user) is folded into the
//   convolution's weights and bias; Relu and Clip(0, 6) / Clip(-1, 1) after
//   a convolution, fully connected layer or Add/Sub/Mul (its only user)
//   become the op's fused activation.
// - A tensor named N is located at `loc("N"(file))`.
// - Every operator qnt cannot import is listed in one error (op type, node
//   name, opset) before anything is built. A file that is not an ONNX
//   protobuf, or a model that fails shape inference, gives an error naming
//   the file. Errors return a null module.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_TARGET_ONNX_IMPORT_H
#define QNT_TARGET_ONNX_IMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace qnt {

/// Layout of 4-D graph inputs and outputs after import.
enum class ONNXInputLayout { NCHW, NHWC };

struct ONNXImportOptions {
  ONNXInputLayout inputLayout = ONNXInputLayout::NCHW;
};

/// Imports the ONNX model in `buffer`, naming `fileName` in locations and
/// errors. Returns null after emitting diagnostics on failure.
mlir::OwningOpRef<mlir::ModuleOp>
importONNX(llvm::StringRef buffer, llvm::StringRef fileName,
           mlir::MLIRContext *context, const ONNXImportOptions &options = {});

/// Registers `--import-onnx` (with `--onnx-input-layout=nchw|nhwc`) with the
/// MLIR translation registry.
void registerONNXTranslations();

} // namespace qnt

#endif // QNT_TARGET_ONNX_IMPORT_H
