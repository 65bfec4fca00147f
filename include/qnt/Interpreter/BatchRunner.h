//===- BatchRunner.h - Runs many samples on all cores -----------*- C++ -*-===//
//
// Runs an Interpreter over a numbered set of samples with a pool of worker
// threads. Each worker owns a Workspace (and its input tensors), reused from
// one sample to the next. Samples are independent, so every sample's outputs
// are the same whatever the thread count; only the order in which the
// callbacks see samples varies.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_INTERPRETER_BATCHRUNNER_H
#define QNT_INTERPRETER_BATCHRUNNER_H

#include "qnt/Interpreter/Interpreter.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace qnt {

struct BatchOptions {
  /// Worker threads; 0 uses every hardware thread. Never more than the number
  /// of samples.
  unsigned numThreads = 0;
};

/// Fills \p inputs (one tensor per function argument; the vector is reused
/// between calls of a worker) with sample \p index.
using SampleSource =
    std::function<llvm::Error(size_t index, std::vector<Tensor> &inputs)>;

/// Receives the outputs of sample \p index. Called from worker threads,
/// concurrently and in no particular order.
using SampleSink =
    std::function<llvm::Error(size_t index, llvm::ArrayRef<Tensor> outputs)>;

/// Creates the observer a worker uses for sample \p index (may return null).
/// Called on the worker's thread before the sample runs.
using ObserverFactory = std::function<Observer(size_t index)>;

/// Runs samples [0, numSamples). Stops at the first failure; if several
/// samples fail, the error of the lowest-numbered one is returned, prefixed
/// with "sample N: ".
llvm::Error runBatch(const Interpreter &interpreter, size_t numSamples,
                     const SampleSource &source, const SampleSink &sink,
                     const BatchOptions &options = {},
                     const ObserverFactory &observers = nullptr);

/// The number of workers runBatch would use.
unsigned getBatchThreadCount(const BatchOptions &options, size_t numSamples);

} // namespace qnt

#endif // QNT_INTERPRETER_BATCHRUNNER_H
