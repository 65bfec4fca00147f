//===- Interpreter.h - Runs a function of qnt ops ---------------*- C++ -*-===//
//
// The reference semantics of the qnt dialect. Float ops compute in f32;
// quantized ops (`!quant.uniform` operands and results) compute with the
// integer arithmetic of TFLite's reference kernels, so that an int8 graph
// gives the TFLite runtime's outputs.
//
// An Interpreter is prepared once for a function: every op is checked to be
// executable and every value computed from constants alone (weights,
// dequantized float16 weights) is computed then. Running it afterwards only
// touches the per-sample values, in a Workspace whose buffers are reused from
// one run to the next. run() is const and thread-safe: give each thread its
// own Workspace. The function must not change while an Interpreter for it
// exists.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_INTERPRETER_INTERPRETER_H
#define QNT_INTERPRETER_INTERPRETER_H

#include "qnt/Interpreter/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <vector>

namespace qnt {

/// Called with each function argument before the first op, then with every
/// result of every op in program order (results computed from constants
/// included; Interpreter::isConstant tells them apart). The tensor is only
/// valid during the call.
using Observer = std::function<void(mlir::Value, const Tensor &)>;

class Interpreter {
public:
  /// Prepares \p func. Fails, naming the op and its location, if an op cannot
  /// be executed (`qnt.custom`, an op of another dialect, an unsupported
  /// element type) or if evaluating the constant part of the graph fails.
  static llvm::Expected<std::unique_ptr<Interpreter>>
  create(mlir::func::FuncOp func);
  ~Interpreter();

  /// The buffers of one run; reuse one per thread.
  class Workspace {
  public:
    Workspace();
    ~Workspace();
    Workspace(Workspace &&);
    Workspace &operator=(Workspace &&);

  private:
    friend class Interpreter;
    struct Impl;
    std::unique_ptr<Impl> impl;
  };

  /// Runs the function on \p inputs (one per argument, with the argument's
  /// element kind and a shape matching its static extents) and stores the
  /// returned values in \p outputs. Errors name the op and its location.
  llvm::Error run(llvm::ArrayRef<Tensor> inputs, Workspace &workspace,
                  llvm::SmallVectorImpl<Tensor> &outputs,
                  const Observer &observer = nullptr) const;

  /// run() with a fresh workspace.
  llvm::Expected<llvm::SmallVector<Tensor>>
  run(llvm::ArrayRef<Tensor> inputs, const Observer &observer = nullptr) const;

  mlir::func::FuncOp getFunction() const { return func; }
  unsigned getNumInputs() const;
  unsigned getNumOutputs() const;

  /// True if \p value depends on constants only (it was computed once, when
  /// the interpreter was prepared).
  bool isConstant(mlir::Value value) const;

private:
  struct Plan;
  explicit Interpreter(mlir::func::FuncOp func);
  llvm::Error prepare();
  /// Packs constant filters and plans activation fusion.
  void prepareFastPaths();
  llvm::Error checkInputs(llvm::ArrayRef<Tensor> inputs) const;

  mutable mlir::func::FuncOp func;
  std::unique_ptr<Plan> plan;
};

/// Prepares and runs \p func once.
llvm::Expected<llvm::SmallVector<Tensor>>
runFunction(mlir::func::FuncOp func, llvm::ArrayRef<Tensor> inputs,
            const Observer &observer = nullptr);

} // namespace qnt

#endif // QNT_INTERPRETER_INTERPRETER_H
