//===- OpMapping.h - qnt ops and TFLite builtin operators -------*- C++ -*-===//
//
// One entry per qnt op with a TFLite builtin operator: the operator code, the
// binding between the op's attributes and the operator's builtin options, the
// operator version TFLite's versioning rules give the op, and the oldest
// runtime release that runs each version. Import and export read the same
// entry, so they cannot disagree about an op. Operands are in the same order
// on both sides, so only options need a mapping.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_OPMAPPING_H
#define QNT_LIB_TARGET_TFLITE_OPMAPPING_H

#include "Schema.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <string>
#include <vector>

namespace qnt::tfl {

/// What reading the builtin options of one operator needs.
struct OptionsReader {
  const tflite::Operator &op;
  /// Types of the operator's results, for options whose meaning depends on
  /// them.
  mlir::TypeRange resultTypes;
  mlir::Builder &builder;
  /// Receives the op's attributes.
  mlir::NamedAttrList &attrs;
  /// Set to the setting the qnt op cannot express, if any; the importer then
  /// keeps the operator as `qnt.custom`.
  std::string &unmodeled;
  /// Reports malformed options (e.g. an enum value out of range).
  llvm::function_ref<mlir::InFlightDiagnostic()> emitError;
};

/// Builtin options written for an op.
struct WrittenOptions {
  tflite::BuiltinOptions type = tflite::BuiltinOptions::NONE;
  flatbuffers::Offset<void> offset;
};

class OpMapping {
public:
  using ImportFn = std::function<mlir::LogicalResult(OptionsReader &)>;
  using ExportFn = std::function<mlir::FailureOr<WrittenOptions>(
      mlir::Operation *, flatbuffers::FlatBufferBuilder &)>;
  using VersionFn = int (*)(mlir::Operation *);

  OpMapping(llvm::StringRef opName, tflite::BuiltinOperator code,
            ImportFn importFn, ExportFn exportFn, VersionFn versionFn,
            std::vector<llvm::StringRef> runtimeVersions)
      : opName(opName), code(code), importFn(std::move(importFn)),
        exportFn(std::move(exportFn)), versionFn(versionFn),
        runtimeVersions(std::move(runtimeVersions)) {}

  llvm::StringRef getOpName() const { return opName; }
  tflite::BuiltinOperator getCode() const { return code; }

  /// Reads the operator's builtin options into attributes.
  mlir::LogicalResult importOptions(OptionsReader &reader) const {
    return importFn(reader);
  }
  /// Writes the op's attributes as builtin options; emits an error at the op
  /// and fails when a value does not fit.
  mlir::FailureOr<WrittenOptions>
  exportOptions(mlir::Operation *op, flatbuffers::FlatBufferBuilder &fbb) const {
    return exportFn(op, fbb);
  }
  /// The operator version of `op` (its types and options decide it).
  int getVersion(mlir::Operation *op) const { return versionFn(op); }
  /// The oldest TFLite release that runs `version`, or "" when unknown.
  llvm::StringRef getMinRuntimeVersion(int version) const {
    if (version < 1 || version > static_cast<int>(runtimeVersions.size()))
      return {};
    return runtimeVersions[version - 1];
  }

private:
  llvm::StringRef opName;
  tflite::BuiltinOperator code;
  ImportFn importFn;
  ExportFn exportFn;
  VersionFn versionFn;
  std::vector<llvm::StringRef> runtimeVersions;
};

/// The entry of a qnt op (by operation name), or null.
const OpMapping *lookupOpMapping(llvm::StringRef opName);
/// The entry of a builtin operator code, or null when qnt has no op for it.
const OpMapping *lookupOpMapping(int32_t builtinCode);

/// True when runtime release `a` is older than `b` ("1.14.0" < "2.3.0").
bool isOlderRuntime(llvm::StringRef a, llvm::StringRef b);

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_OPMAPPING_H
