//===- BatchRunner.cpp - Runs many samples on all cores -------------------===//

#include "qnt/Interpreter/BatchRunner.h"

#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <atomic>
#include <limits>
#include <mutex>

using namespace qnt;

unsigned qnt::getBatchThreadCount(const BatchOptions &options,
                                  size_t numSamples) {
  unsigned threads = options.numThreads
                         ? options.numThreads
                         : llvm::hardware_concurrency().compute_thread_count();
  threads = std::max(threads, 1u);
  if (numSamples < threads)
    threads = std::max<size_t>(numSamples, 1);
  return threads;
}

llvm::Error qnt::runBatch(const Interpreter &interpreter, size_t numSamples,
                          const SampleSource &source, const SampleSink &sink,
                          const BatchOptions &options,
                          const ObserverFactory &observers) {
  if (numSamples == 0)
    return llvm::Error::success();
  unsigned threads = getBatchThreadCount(options, numSamples);

  // Samples are handed out in increasing order and a worker finishes the
  // sample it holds even after another one failed, so every sample below the
  // first failure is run: the reported failure does not depend on timing.
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex errorMutex;
  size_t errorIndex = std::numeric_limits<size_t>::max();
  std::string errorMessage;

  auto worker = [&] {
    Interpreter::Workspace workspace;
    std::vector<Tensor> inputs;
    llvm::SmallVector<Tensor> outputs;
    while (!failed.load()) {
      size_t index = next.fetch_add(1);
      if (index >= numSamples)
        return;
      auto record = [&](llvm::Error err) {
        std::lock_guard<std::mutex> lock(errorMutex);
        std::string message = llvm::toString(std::move(err));
        if (index < errorIndex) {
          errorIndex = index;
          errorMessage = std::move(message);
        }
        failed.store(true);
      };
      if (auto err = source(index, inputs))
        return record(std::move(err));
      Observer observer = observers ? observers(index) : nullptr;
      if (auto err = interpreter.run(inputs, workspace, outputs, observer))
        return record(std::move(err));
      if (auto err = sink(index, outputs))
        return record(std::move(err));
    }
  };

  if (threads == 1) {
    worker();
  } else {
    llvm::StdThreadPool pool(llvm::hardware_concurrency(threads));
    for (unsigned t = 0; t < threads; ++t)
      pool.async(worker);
    pool.wait();
  }
  if (failed.load())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "sample " + std::to_string(errorIndex) +
                                       ": " + errorMessage);
  return llvm::Error::success();
}
