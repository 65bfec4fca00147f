//===- Calibrate.cpp - Record activation ranges from a data set -----------===//

#include "qnt/Calibration/Calibrate.h"

#include "qnt/Data/DataSet.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Interpreter/DataSetRunner.h"
#include "qnt/Interpreter/Interpreter.h"
#include "qnt/Interpreter/TensorNpy.h"
#include "qnt/Support/ProgressBar.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <limits>

using namespace mlir;
using namespace qnt;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// A name for \p value in messages: its location name, else where it comes
/// from.
static std::string describeTensor(Value value) {
  std::string fallback;
  llvm::raw_string_ostream os(fallback);
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    os << "argument #" << arg.getArgNumber();
  } else {
    Operation *def = value.getDefiningOp();
    os << "result of '" << def->getName() << "' at " << def->getLoc();
  }
  return "tensor '" + getValueName(value, fallback) + "'";
}

static bool isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

/// True if quantization takes \p value's range from elsewhere: ranges from
/// quantization-aware training, already quantized values, existing
/// statistics (which calibration replaces).
static bool hasGivenRange(Value value) {
  if (isa_and_nonnull<FakeQuantOp, DequantizeOp, StatsOp>(
          value.getDefiningOp()))
    return true;
  return llvm::any_of(value.getUsers(),
                      [](Operation *user) { return isa<FakeQuantOp>(user); });
}

namespace {
/// The tensors calibration records, in program order.
struct RecordedTensors {
  std::vector<Value> values;
  llvm::DenseMap<Value, unsigned> indexOf;

  void add(Value value) {
    indexOf[value] = values.size();
    values.push_back(value);
  }
};

/// One worker's share of the samples and what it learnt from them.
struct Worker {
  size_t begin = 0, end = 0;
  std::vector<RangeEstimator> estimators;
  /// The first failing sample of this worker, if any.
  size_t failedSample = std::numeric_limits<size_t>::max();
  std::string failure;
};
} // namespace

static RecordedTensors selectTensors(func::FuncOp func,
                                     const Interpreter &interpreter) {
  RecordedTensors recorded;
  auto consider = [&](Value value) {
    if (isFloatTensor(value.getType()) && !interpreter.isConstant(value) &&
        !hasGivenRange(value))
      recorded.add(value);
  };
  for (BlockArgument arg : func.getArguments())
    consider(arg);
  for (Operation &op : func.getBody().front())
    for (Value result : op.getResults())
      consider(result);
  return recorded;
}

/// Runs samples [worker.begin, worker.end) in order, stopping at the first
/// failure or once a sample is past \p firstFailure (a failure elsewhere).
static void runWorker(const Interpreter &interpreter, const DataSet &data,
                      const RecordedTensors &recorded, Worker &worker,
                      std::atomic<size_t> &firstFailure,
                      ProgressBar *progress) {
  Interpreter::Workspace workspace;
  std::vector<Tensor> inputs;
  llvm::SmallVector<Tensor> outputs;
  std::string observeError;
  size_t index = 0;
  Observer observer = [&](Value value, const Tensor &tensor) {
    auto it = recorded.indexOf.find(value);
    if (it == recorded.indexOf.end() || !observeError.empty())
      return;
    if (tensor.getKind() != ElementKind::F32) {
      observeError = describeTensor(value) + " holds " +
                     getElementKindName(tensor.getKind()).str() +
                     " values, not f32";
      return;
    }
    if (llvm::Error err = worker.estimators[it->second].observe(
            tensor.getValues<float>()))
      observeError = describeTensor(value) + ": " + toString(std::move(err));
  };

  auto fail = [&](std::string message) {
    worker.failedSample = index;
    worker.failure = "sample " + std::to_string(index) + ": " + message;
    // Lower the shared bound so other workers skip later samples.
    size_t bound = firstFailure.load();
    while (index < bound && !firstFailure.compare_exchange_weak(bound, index))
      ;
  };

  for (index = worker.begin; index < worker.end; ++index) {
    if (index > firstFailure.load())
      return;
    llvm::Expected<std::vector<NpyArray>> sample = data.getSample(index);
    if (!sample)
      return fail(toString(sample.takeError()));
    inputs.resize(sample->size());
    for (auto [array, tensor] : llvm::zip_equal(*sample, inputs))
      if (llvm::Error err = copyToTensor(array, tensor))
        return fail(toString(std::move(err)));
    if (llvm::Error err = interpreter.run(inputs, workspace, outputs, observer))
      return fail(toString(std::move(err)));
    if (!observeError.empty())
      return fail(observeError);
    if (progress)
      progress->advance();
  }
}

/// Inserts `qnt.stats` for every recorded tensor, replacing old statistics.
static void insertStatistics(func::FuncOp func,
                             const RecordedTensors &recorded,
                             llvm::ArrayRef<RangeEstimator> estimators,
                             llvm::StringRef method) {
  llvm::SmallVector<StatsOp> previous;
  func.walk([&](StatsOp op) { previous.push_back(op); });
  for (StatsOp op : previous) {
    op.getOutput().replaceAllUsesWith(op.getInput());
    op.erase();
  }

  OpBuilder builder(func.getContext());
  StringAttr methodAttr = builder.getStringAttr(method);
  Operation *lastArgumentStats = nullptr;
  for (auto [value, estimator] : llvm::zip_equal(recorded.values, estimators)) {
    if (isa<BlockArgument>(value)) {
      // Arguments' statistics open the body, in argument order.
      if (lastArgumentStats)
        builder.setInsertionPointAfter(lastArgumentStats);
      else
        builder.setInsertionPointToStart(&func.getBody().front());
    } else {
      builder.setInsertionPointAfter(value.getDefiningOp());
    }
    auto [min, max] = estimator.range();
    auto stats = StatsOp::create(builder, value.getLoc(), value.getType(),
                                 value, builder.getF64FloatAttr(min),
                                 builder.getF64FloatAttr(max), methodAttr);
    Value(value).replaceAllUsesExcept(stats.getOutput(), stats);
    if (isa<BlockArgument>(value))
      lastArgumentStats = stats;
  }
}

llvm::Error qnt::calibrate(func::FuncOp func, const DataSet &data,
                           const CalibrationOptions &options,
                           unsigned maxSamples, unsigned threads,
                           ProgressBar *progress) {
  std::string where = ("cannot calibrate '@" + func.getSymName() + "'").str();
  std::string method = formatCalibrationMethod(options);

  std::vector<RangeEstimator> merged;
  RecordedTensors recorded;
  {
    // The interpreter must be gone before the function changes.
    llvm::Expected<std::unique_ptr<Interpreter>> interpreter =
        Interpreter::create(func);
    if (!interpreter)
      return makeError(where + ": " + toString(interpreter.takeError()));
    recorded = selectTensors(func, **interpreter);

    size_t numSamples = data.size();
    if (maxSamples)
      numSamples = std::min<size_t>(numSamples, maxSamples);
    if (numSamples == 0)
      return makeError(where + ": the data set '" + data.getPath() +
                       "' has no samples");
    unsigned numWorkers =
        threads ? threads : llvm::hardware_concurrency().compute_thread_count();
    numWorkers = std::max<size_t>(1, std::min<size_t>(numWorkers, numSamples));

    std::vector<Worker> workers(numWorkers);
    for (unsigned w = 0; w < numWorkers; ++w) {
      workers[w].begin = numSamples * w / numWorkers;
      workers[w].end = numSamples * (w + 1) / numWorkers;
      workers[w].estimators.assign(recorded.values.size(),
                                   RangeEstimator(options));
    }
    std::atomic<size_t> firstFailure{std::numeric_limits<size_t>::max()};
    if (numWorkers == 1) {
      runWorker(**interpreter, data, recorded, workers[0], firstFailure,
                progress);
    } else {
      llvm::StdThreadPool pool(llvm::hardware_concurrency(numWorkers));
      for (Worker &worker : workers)
        pool.async([&, workerPtr = &worker] {
          runWorker(**interpreter, data, recorded, *workerPtr, firstFailure,
                    progress);
        });
      pool.wait();
    }

    // Every sample before the first failure ran, so the lowest failing
    // sample is the same whatever the thread count.
    const Worker *failed = nullptr;
    for (const Worker &worker : workers)
      if (!failed || worker.failedSample < failed->failedSample)
        failed = &worker;
    if (failed && !failed->failure.empty())
      return makeError(where + ": " + failed->failure);

    // In sample order: workers hold consecutive runs of samples.
    merged = std::move(workers.front().estimators);
    for (const Worker &worker : llvm::drop_begin(workers))
      for (auto [into, from] : llvm::zip_equal(merged, worker.estimators))
        into.merge(from);
  }

  insertStatistics(func, recorded, merged, method);
  return llvm::Error::success();
}

bool qnt::hasStatistics(func::FuncOp func) {
  bool found = false;
  func.walk([&](StatsOp) {
    found = true;
    return WalkResult::interrupt();
  });
  return found;
}
