//===- RangeEstimator.h - Calibration range estimation ----------*- C++ -*-===//
//
// Records the values one float tensor takes over the calibration samples and
// chooses the [min, max] range its quantization parameters are derived from.
//
// Methods:
//  - minmax: the running minimum and maximum (TFLite's default).
//  - moving-average: an exponential moving average, with constant 0.01, of
//    each sample's minimum and maximum; the first sample initializes it.
//  - percentile=P: clips each tail separately: min is the (100 - P)-th and
//    max the P-th percentile of the signed values. With `symmetric`, the
//    range is [-t, t] where t is the P-th percentile of |x|.
//  - entropy: TensorRT's KL-divergence method over the histogram of |x|: for
//    each candidate threshold of at least 2^(numBits-1) bins (128 for int8),
//    the clipped distribution is compared with its quantization to
//    2^(numBits-1) levels; the threshold with the smallest divergence wins.
//    The method is symmetric: without `symmetric` the observed range is
//    clipped to [-t, t] (so a non-negative tensor stays non-negative).
//  - mse: the range minimizing the expected squared error of quantizing to
//    numBits bits, estimated from the histogram (clipping error plus step^2/12
//    rounding error per non-zero value in range; exact zeros cost nothing).
//    Asymmetric: both ends are searched (2^numBits - 1 steps); symmetric:
//    [-t, t] with 2^(numBits-1) - 1 steps on each side.
//
// With `symmetric`, minmax and moving-average return [-a, a] where a is the
// larger magnitude of their two ends. Without it, every method returns a
// sub-range of the observed [min, max], not widened to include 0
// (chooseAsymmetricParams does that).
//
// Determinism: minmax and the histogram methods give bit-identical results
// whatever the order of samples and merges (see Histogram.h). moving-average
// depends on the order of samples by definition: merge() appends the other
// estimator's samples, so merging in a fixed order gives the same result as
// one pass over the samples in that order.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CALIBRATION_RANGEESTIMATOR_H
#define QNT_CALIBRATION_RANGEESTIMATOR_H

#include "qnt/Calibration/Histogram.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qnt {

enum class CalibrationMethod { MinMax, MovingAverage, Percentile, Entropy, Mse };

struct CalibrationOptions {
  CalibrationMethod method = CalibrationMethod::MinMax;
  /// Used by Percentile; in (50, 100].
  double percentile = 99.99;
  /// Bins per sign of the histogram (Percentile, Entropy, Mse).
  unsigned numBins = 2048;
  /// Width of the integer type the range is for (Entropy, Mse).
  int numBits = 8;
  /// Choose a range [-t, t].
  bool symmetric = false;
};

/// Parses "minmax", "moving-average", "percentile" (99.99), "percentile=P"
/// with P in (50, 100], "entropy" or "mse". Other fields keep their defaults.
llvm::Expected<CalibrationOptions> parseCalibrationMethod(llvm::StringRef spec);

/// The spelling parseCalibrationMethod accepts for `options`' method (with
/// "=P" for percentiles).
std::string formatCalibrationMethod(const CalibrationOptions &options);

class RangeEstimator {
public:
  /// Weight of the newest sample in the moving average.
  static constexpr double kMovingAverageConstant = 0.01;

  explicit RangeEstimator(const CalibrationOptions &options);

  /// Records one sample of the tensor. A sample holding NaN or an infinity is
  /// rejected as a whole, leaving the estimator unchanged, and the returned
  /// error says which value at which index; the caller adds the tensor's
  /// name. An empty sample is ignored.
  llvm::Error observe(llvm::ArrayRef<float> sampleValues);

  /// Adds the samples `other` recorded (same options required), as if they
  /// had been observed by this estimator after its own.
  void merge(const RangeEstimator &other);

  /// The chosen range; {0, 0} while empty().
  std::pair<float, float> range() const;
  /// The running minimum and maximum, whatever the method; {0, 0} while
  /// empty().
  std::pair<float, float> observedRange() const;

  bool empty() const { return numValues == 0; }
  /// Number of values observed.
  uint64_t count() const { return numValues; }
  /// Number of non-empty samples observed.
  uint64_t numSamples() const { return sampleCount; }
  const CalibrationOptions &getOptions() const { return options; }

private:
  std::pair<double, double> movingAverageRange() const;
  std::pair<double, double> percentileRange() const;
  std::pair<double, double> entropyRange() const;
  std::pair<double, double> mseRange() const;

  CalibrationOptions options;
  uint64_t numValues = 0;
  uint64_t sampleCount = 0;
  float minValue = 0.0f;
  float maxValue = 0.0f;
  /// Per-sample [min, max], in observation order (moving-average only).
  std::vector<std::pair<float, float>> sampleRanges;
  /// Percentile, Entropy and Mse only.
  std::optional<Histogram> histogram;
};

} // namespace qnt

#endif // QNT_CALIBRATION_RANGEESTIMATOR_H
