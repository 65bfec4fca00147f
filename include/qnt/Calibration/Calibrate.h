//===- Calibrate.h - Record activation ranges from a data set ---*- C++ -*-===//
//
// Calibration runs a float function on representative samples with the
// reference interpreter, records the values of every float activation tensor
// (each function argument and each op result that does not depend on
// constants alone) in a RangeEstimator, and writes the chosen range into the
// IR as a `qnt.stats` op right after the tensor's definition:
//
//   %1 = qnt.relu %0 : ...
//   %2 = qnt.stats %1 {min = 0.0, max = 6.5, method = "minmax"} : ...
//
// with every former use of %1 reading %2. The int8 pipeline's prepare pass
// turns these into quantize/dequantize pairs.
//
// Not recorded: constants (weights, and values computed from them), tensors
// whose range is already fixed (inputs and results of `qnt.fake_quant`,
// results of `qnt.dequantize`), and non-float tensors. Existing `qnt.stats`
// ops are replaced, so calibrating twice gives the second data set's ranges.
//
// Samples run on several threads. Each worker takes a contiguous run of
// samples and owns one estimator per tensor; the workers' estimators are
// merged in sample order, so the ranges equal those of one pass over the
// samples in order, whatever the thread count (which matters for
// moving-average, whose result depends on the order of samples).
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CALIBRATION_CALIBRATE_H
#define QNT_CALIBRATION_CALIBRATE_H

#include "qnt/Calibration/RangeEstimator.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace qnt {

class DataSet;
class ProgressBar;

/// Calibrates \p func on the first \p maxSamples samples of \p data (all of
/// them when 0) with \p threads workers (0: one per hardware thread) and
/// inserts `qnt.stats` ops. \p progress, when given, is advanced once per
/// sample. Fails, leaving \p func unchanged, if the function cannot be
/// interpreted (naming the op), a sample does not fit its inputs, or a
/// recorded tensor takes a NaN or infinite value (naming the tensor and the
/// sample).
llvm::Error calibrate(mlir::func::FuncOp func, const DataSet &data,
                      const CalibrationOptions &options, unsigned maxSamples,
                      unsigned threads, ProgressBar *progress = nullptr);

/// True if \p func already holds calibration statistics.
bool hasStatistics(mlir::func::FuncOp func);

} // namespace qnt

#endif // QNT_CALIBRATION_CALIBRATE_H
