//===- DataSetRunner.h - Runs a function over a data set --------*- C++ -*-===//
//
// What `qnt-run` does, as a library: describe a function's inputs to the data
// layer, run every sample of a DataSet on all cores, and stack each output
// over the samples.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_INTERPRETER_DATASETRUNNER_H
#define QNT_INTERPRETER_DATASETRUNNER_H

#include "qnt/Data/DataSet.h"
#include "qnt/Interpreter/BatchRunner.h"

#include <string>
#include <vector>

namespace qnt {

/// The name of a value: the name of its location (`loc("name")`, as the
/// TFLite importer gives tensor names), or \p fallback.
std::string getValueName(mlir::Value value, llvm::StringRef fallback);

/// Names of \p func's arguments and results ("input_<i>" / "output_<i>" for
/// unnamed ones).
std::vector<std::string> getInputNames(mlir::func::FuncOp func);
std::vector<std::string> getOutputNames(mlir::func::FuncOp func);

/// The data layer's description of \p func's arguments (name, shape, dtype).
/// Fails for an argument type numpy data cannot feed.
llvm::Expected<std::vector<InputSpec>> getInputSpecs(mlir::func::FuncOp func);

/// Runs every sample of \p data and returns one array per function result,
/// holding all samples: when a result's leading extent is 1 the samples
/// replace it ([1, 896, 16] gives [N, 896, 16]); otherwise a leading sample
/// axis is added. Errors name the sample.
llvm::Expected<std::vector<NpyArray>>
runDataSet(const Interpreter &interpreter, const DataSet &data,
           const BatchOptions &options = {},
           const ObserverFactory &observers = nullptr);

} // namespace qnt

#endif // QNT_INTERPRETER_DATASETRUNNER_H
