//===- ImportDecomposed.h - TFLite operators built from qnt ops -*- C++ -*-===//
//
// Builtin operators qnt has no op of its own for, imported as a composition
// of single-result qnt ops (which the interpreter and the quantization passes
// handle): SPLIT, SPLIT_V and UNPACK become one slice per output, PACK
// reshapes and a concatenation, EXPAND_DIMS a reshape. The exporter writes
// the qnt ops.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_TARGET_TFLITE_IMPORTDECOMPOSED_H
#define QNT_LIB_TARGET_TFLITE_IMPORTDECOMPOSED_H

#include "Schema.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include <string>

namespace qnt::tfl {

/// One operator being imported, as the subgraph importer exposes it: its
/// inputs and outputs by position in the operator, every index checked.
class DecomposedOperator {
public:
  virtual ~DecomposedOperator() = default;

  virtual const tflite::Operator &getOperator() const = 0;
  virtual int32_t getCode() const = 0;
  virtual mlir::OpBuilder &getBuilder() = 0;
  /// An error starting "subgraph S: operator #I (NAME): ".
  virtual mlir::InFlightDiagnostic emitOpError() = 0;

  /// The value of input `i`.
  virtual mlir::FailureOr<mlir::Value> getInput(unsigned i) = 0;
  /// The data of input `i`, which must be an unquantized constant; reading
  /// it adds nothing to the IR.
  virtual mlir::FailureOr<mlir::DenseElementsAttr>
  getConstantInput(unsigned i) = 0;
  /// "tensor #N 'name'" of input `i` (checked by an earlier call).
  virtual std::string describeInput(unsigned i) = 0;

  /// Checks output `i` (a valid tensor, not defined yet, no data) and
  /// returns the type the file gives it.
  virtual mlir::FailureOr<mlir::RankedTensorType> claimOutput(unsigned i) = 0;
  virtual mlir::LogicalResult defineOutput(unsigned i, mlir::Value value) = 0;
  /// The location of output `i`: its tensor name, with `suffix` appended
  /// for the intermediate ops that lead to it.
  virtual mlir::Location getOutputLoc(unsigned i,
                                      llvm::StringRef suffix = {}) = 0;
  virtual std::string describeOutput(unsigned i) = 0;
};

/// Whether operators with builtin code `code` import through
/// importDecomposed.
bool isDecomposedOperator(int32_t code);

/// Imports `op` as qnt ops, validating everything it reads from the file.
mlir::LogicalResult importDecomposed(DecomposedOperator &op);

} // namespace qnt::tfl

#endif // QNT_LIB_TARGET_TFLITE_IMPORTDECOMPOSED_H
