//===- ModelFile.h - Load a model file of any format qnt reads --*- C++ -*-===//
//
// The tools take a model path and pick the importer by its extension, so
// that every tool reads the same formats the same way.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_TARGET_MODELFILE_H
#define QNT_TARGET_MODELFILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"

namespace qnt {

/// Reads the model at \p path: `.tflite` a TFLite flatbuffer, `.onnx` an ONNX
/// model (image inputs NHWC, as in TFLite models, so that image data sets
/// fit both), anything else MLIR text or bytecode (`-` is stdin). Importer
/// and parser diagnostics go to the context's handlers; MLIR input is kept
/// in \p sourceMgr so that they can quote its lines. The error names the
/// path.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
loadModelFile(llvm::StringRef path, mlir::MLIRContext *context,
              llvm::SourceMgr &sourceMgr);

} // namespace qnt

#endif // QNT_TARGET_MODELFILE_H
