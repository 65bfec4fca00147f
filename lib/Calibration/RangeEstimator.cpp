//===- RangeEstimator.cpp - Calibration range estimation ------------------===//

#include "qnt/Calibration/RangeEstimator.h"

#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <limits>

using namespace qnt;

//===----------------------------------------------------------------------===//
// Options
//===----------------------------------------------------------------------===//

llvm::Expected<CalibrationOptions>
qnt::parseCalibrationMethod(llvm::StringRef spec) {
  CalibrationOptions options;
  auto [name, argument] = spec.split('=');
  bool hasArgument = spec.contains('=');
  if (name == "minmax") {
    options.method = CalibrationMethod::MinMax;
  } else if (name == "moving-average") {
    options.method = CalibrationMethod::MovingAverage;
  } else if (name == "percentile") {
    options.method = CalibrationMethod::Percentile;
  } else if (name == "entropy") {
    options.method = CalibrationMethod::Entropy;
  } else if (name == "mse") {
    options.method = CalibrationMethod::Mse;
  } else {
    return llvm::createStringError(
        "unknown calibration method '" + spec +
        "'; expected minmax, moving-average, percentile[=P], entropy or mse");
  }
  if (!hasArgument)
    return options;
  if (options.method != CalibrationMethod::Percentile)
    return llvm::createStringError("calibration method '" + name +
                                   "' takes no argument (in '" + spec + "')");
  double percentile = 0.0;
  // getAsDouble returns true on failure; the negated comparison rejects NaN.
  if (argument.getAsDouble(percentile) ||
      !(percentile > 50.0 && percentile <= 100.0))
    return llvm::createStringError("invalid percentile '" + argument +
                                   "' in '" + spec +
                                   "': expected a number in (50, 100]");
  options.percentile = percentile;
  return options;
}

std::string qnt::formatCalibrationMethod(const CalibrationOptions &options) {
  switch (options.method) {
  case CalibrationMethod::MinMax:
    return "minmax";
  case CalibrationMethod::MovingAverage:
    return "moving-average";
  case CalibrationMethod::Percentile: {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "percentile=%.15g",
                  options.percentile);
    return buffer;
  }
  case CalibrationMethod::Entropy:
    return "entropy";
  case CalibrationMethod::Mse:
    return "mse";
  }
  return "";
}

static bool usesHistogram(CalibrationMethod method) {
  return method == CalibrationMethod::Percentile ||
         method == CalibrationMethod::Entropy ||
         method == CalibrationMethod::Mse;
}

//===----------------------------------------------------------------------===//
// Recording
//===----------------------------------------------------------------------===//

RangeEstimator::RangeEstimator(const CalibrationOptions &options)
    : options(options) {
  assert(options.numBins > 0 && "a histogram needs bins");
  assert(options.numBits >= 2 && options.numBits <= 16 &&
         "unsupported integer width");
  assert(options.percentile > 50.0 && options.percentile <= 100.0 &&
         "percentile out of range");
  if (usesHistogram(options.method))
    histogram.emplace(options.numBins);
}

/// Min and max of `values` in one pass, and whether any is NaN. Eight
/// independent lanes let the compiler vectorize the loop (a single running
/// min/max is a serial dependence it may not reorder).
static void scanRange(llvm::ArrayRef<float> values, float &lo, float &hi,
                      bool &hasNaN) {
  constexpr size_t kLanes = 8;
  float los[kLanes], his[kLanes];
  int nans[kLanes];
  for (size_t j = 0; j < kLanes; ++j) {
    los[j] = std::numeric_limits<float>::infinity();
    his[j] = -std::numeric_limits<float>::infinity();
    nans[j] = 0;
  }
  const float *data = values.data();
  size_t n = values.size(), i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (size_t j = 0; j < kLanes; ++j) {
      float v = data[i + j];
      los[j] = v < los[j] ? v : los[j];
      his[j] = v > his[j] ? v : his[j];
      nans[j] |= v != v;
    }
  for (; i < n; ++i) {
    float v = data[i];
    los[0] = v < los[0] ? v : los[0];
    his[0] = v > his[0] ? v : his[0];
    nans[0] |= v != v;
  }
  lo = los[0], hi = his[0];
  int nan = nans[0];
  for (size_t j = 1; j < kLanes; ++j) {
    lo = std::min(lo, los[j]);
    hi = std::max(hi, his[j]);
    nan |= nans[j];
  }
  hasNaN = nan != 0;
}

llvm::Error RangeEstimator::observe(llvm::ArrayRef<float> sampleValues) {
  if (sampleValues.empty())
    return llvm::Error::success();
  float lo, hi;
  bool hasNaN;
  scanRange(sampleValues, lo, hi, hasNaN);
  // Validate before recording so a bad sample leaves no trace; find the
  // first bad value only when there is one.
  if (hasNaN || std::isinf(lo) || std::isinf(hi)) {
    for (size_t i = 0, e = sampleValues.size(); i != e; ++i) {
      float v = sampleValues[i];
      if (std::isfinite(v))
        continue;
      const char *kind = std::isnan(v) ? "NaN" : (v > 0 ? "+Inf" : "-Inf");
      return llvm::createStringError(llvm::Twine("non-finite value ") + kind +
                                     " at index " + llvm::Twine(i) +
                                     " of a calibration sample");
    }
  }

  if (empty()) {
    minValue = lo;
    maxValue = hi;
  } else {
    minValue = std::min(minValue, lo);
    maxValue = std::max(maxValue, hi);
  }
  numValues += sampleValues.size();
  ++sampleCount;
  if (options.method == CalibrationMethod::MovingAverage)
    sampleRanges.emplace_back(lo, hi);
  if (histogram)
    histogram->add(sampleValues);
  return llvm::Error::success();
}

void RangeEstimator::merge(const RangeEstimator &other) {
  assert(options.method == other.options.method &&
         options.numBins == other.options.numBins &&
         options.numBits == other.options.numBits &&
         options.symmetric == other.options.symmetric &&
         options.percentile == other.options.percentile &&
         "merging estimators with different options");
  if (other.empty())
    return;
  if (empty()) {
    minValue = other.minValue;
    maxValue = other.maxValue;
  } else {
    minValue = std::min(minValue, other.minValue);
    maxValue = std::max(maxValue, other.maxValue);
  }
  numValues += other.numValues;
  sampleCount += other.sampleCount;
  sampleRanges.insert(sampleRanges.end(), other.sampleRanges.begin(),
                      other.sampleRanges.end());
  if (histogram)
    histogram->merge(*other.histogram);
}

//===----------------------------------------------------------------------===//
// Choosing the range
//===----------------------------------------------------------------------===//

std::pair<float, float> RangeEstimator::observedRange() const {
  if (empty())
    return {0.0f, 0.0f};
  return {minValue, maxValue};
}

std::pair<float, float> RangeEstimator::range() const {
  if (empty())
    return {0.0f, 0.0f};
  std::pair<double, double> result;
  switch (options.method) {
  case CalibrationMethod::MinMax:
    result = {minValue, maxValue};
    break;
  case CalibrationMethod::MovingAverage:
    result = movingAverageRange();
    break;
  case CalibrationMethod::Percentile:
    result = percentileRange();
    break;
  case CalibrationMethod::Entropy:
    result = entropyRange();
    break;
  case CalibrationMethod::Mse:
    result = mseRange();
    break;
  }
  if (options.symmetric) {
    double magnitude = std::max(std::abs(result.first), std::abs(result.second));
    result = {-magnitude, magnitude};
  }
  return {static_cast<float>(result.first), static_cast<float>(result.second)};
}

std::pair<double, double> RangeEstimator::movingAverageRange() const {
  double lo = sampleRanges.front().first;
  double hi = sampleRanges.front().second;
  for (const auto &[sampleMin, sampleMax] :
       llvm::ArrayRef(sampleRanges).drop_front()) {
    lo += kMovingAverageConstant * (sampleMin - lo);
    hi += kMovingAverageConstant * (sampleMax - hi);
  }
  return {lo, hi};
}

std::pair<double, double> RangeEstimator::percentileRange() const {
  double total = static_cast<double>(histogram->total());
  double upperRank = options.percentile * total / 100.0;
  if (options.symmetric) {
    double maxAbs = std::max(-double(minValue), double(maxValue));
    double t = std::min(histogram->magnitudes().quantile(upperRank), maxAbs);
    return {-t, t};
  }
  double lowerRank = (100.0 - options.percentile) * total / 100.0;
  double lo = histogram->quantile(lowerRank);
  double hi = histogram->quantile(upperRank);
  return {std::clamp(lo, double(minValue), double(maxValue)),
          std::clamp(hi, double(minValue), double(maxValue))};
}

/// The entropy-calibrated threshold, as a number of bins of `hist`.
static unsigned entropyThresholdBins(const MagnitudeHistogram &hist,
                                     unsigned numLevels) {
  llvm::ArrayRef<uint64_t> counts = hist.getCounts();
  unsigned used = hist.numUsedBins();
  if (used <= numLevels)
    return used;

  double total = static_cast<double>(hist.total());
  // outliers[i]: values in bins >= i, clipped into bin i - 1 by candidate i.
  std::vector<double> outliers(used + 1, 0.0);
  for (unsigned i = used; i != 0; --i)
    outliers[i - 1] = outliers[i] + static_cast<double>(counts[i - 1]);

  std::vector<double> expanded(used);
  double bestDivergence = std::numeric_limits<double>::infinity();
  unsigned bestBins = used;
  for (unsigned bins = numLevels; bins <= used; ++bins) {
    double inside = total - outliers[bins];
    if (inside == 0.0)
      continue;
    // Quantize bins [0, bins) to numLevels levels, then spread each level's
    // count evenly over the bins of its group that were non-empty.
    for (unsigned level = 0; level != numLevels; ++level) {
      unsigned begin = static_cast<unsigned>(uint64_t(level) * bins / numLevels);
      unsigned end =
          static_cast<unsigned>(uint64_t(level + 1) * bins / numLevels);
      double sum = 0.0;
      unsigned nonEmpty = 0;
      for (unsigned j = begin; j != end; ++j) {
        sum += static_cast<double>(counts[j]);
        nonEmpty += counts[j] != 0;
      }
      for (unsigned j = begin; j != end; ++j)
        expanded[j] = counts[j] != 0 ? sum / nonEmpty : 0.0;
    }
    // KL(P || Q), P being the clipped distribution over all values.
    double divergence = 0.0;
    bool finite = true;
    for (unsigned j = 0; j != bins; ++j) {
      double p = static_cast<double>(counts[j]);
      if (j == bins - 1)
        p += outliers[bins];
      if (p == 0.0)
        continue;
      if (expanded[j] == 0.0) {
        // Mass clipped into an empty bin that Q cannot represent.
        finite = false;
        break;
      }
      double pNorm = p / total;
      divergence += pNorm * std::log(pNorm / (expanded[j] / inside));
    }
    if (finite && divergence < bestDivergence) {
      bestDivergence = divergence;
      bestBins = bins;
    }
  }
  return bestBins;
}

std::pair<double, double> RangeEstimator::entropyRange() const {
  MagnitudeHistogram magnitudes = histogram->magnitudes();
  unsigned numLevels = 1u << (options.numBits - 1);
  double maxAbs = std::max(-double(minValue), double(maxValue));
  double t = std::min(entropyThresholdBins(magnitudes, numLevels) *
                          magnitudes.getBinWidth(),
                      maxAbs);
  if (options.symmetric)
    return {-t, t};
  return {std::max(double(minValue), -t), std::min(double(maxValue), t)};
}

namespace {
/// Squared-error terms of clipping one side of the data at threshold k * w,
/// for k = 0 .. numUsedBins.
struct SideCosts {
  double binWidth = 0.0;
  /// Summed squared distance to the threshold of the values beyond it,
  /// assuming values are spread uniformly inside each bin.
  std::vector<double> clipError;
  /// Number of non-zero values below the threshold (each costs step^2 / 12).
  std::vector<double> inRange;
};
} // namespace

static SideCosts computeSideCosts(const MagnitudeHistogram &hist,
                                  uint64_t zerosInFirstBin) {
  SideCosts costs;
  unsigned used = hist.numUsedBins();
  costs.binWidth = hist.getBinWidth();
  costs.clipError.assign(used + 1, 0.0);
  costs.inRange.assign(used + 1, 0.0);
  llvm::ArrayRef<uint64_t> counts = hist.getCounts();
  std::vector<std::pair<unsigned, double>> nonEmpty;
  for (unsigned i = 0; i != used; ++i) {
    double n = static_cast<double>(counts[i] - (i == 0 ? zerosInFirstBin : 0));
    costs.inRange[i + 1] = costs.inRange[i] + n;
    if (n != 0.0)
      nonEmpty.emplace_back(i, n);
  }
  double w2 = costs.binWidth * costs.binWidth;
  for (unsigned k = 0; k <= used; ++k) {
    double error = 0.0;
    // A bin j bins past the threshold spans [j * w, (j + 1) * w) beyond it;
    // the mean squared distance over that interval is w^2 (j^2 + j + 1/3).
    for (const auto &[i, n] : nonEmpty) {
      if (i < k)
        continue;
      double j = static_cast<double>(i - k);
      error += n * (j * j + j + 1.0 / 3.0);
    }
    costs.clipError[k] = error * w2;
  }
  return costs;
}

std::pair<double, double> RangeEstimator::mseRange() const {
  double lo = minValue, hi = maxValue;
  if (options.symmetric) {
    MagnitudeHistogram magnitudes = histogram->magnitudes();
    SideCosts costs = computeSideCosts(magnitudes, histogram->getZeroCount());
    double steps = double((1 << (options.numBits - 1)) - 1);
    double bestError = std::numeric_limits<double>::infinity();
    double bestT = 0.0;
    for (size_t k = 1; k < costs.clipError.size(); ++k) {
      double t = k * costs.binWidth;
      double step = t / steps;
      double error = costs.clipError[k] + step * step / 12.0 * costs.inRange[k];
      if (error < bestError) {
        bestError = error;
        bestT = t;
      }
    }
    double t = std::min(bestT, std::max(-lo, hi));
    return {-t, t};
  }

  SideCosts negative = computeSideCosts(histogram->getNegative(), 0);
  SideCosts positive =
      computeSideCosts(histogram->getPositive(), histogram->getZeroCount());
  double steps = double((1 << options.numBits) - 1);
  double bestError = std::numeric_limits<double>::infinity();
  double bestLo = 0.0, bestHi = 0.0;
  for (size_t kn = 0; kn < negative.clipError.size(); ++kn) {
    double tn = kn * negative.binWidth;
    for (size_t kp = 0; kp < positive.clipError.size(); ++kp) {
      double tp = kp * positive.binWidth;
      if (tn + tp == 0.0)
        continue;
      double step = (tn + tp) / steps;
      double error = negative.clipError[kn] + positive.clipError[kp] +
                     step * step / 12.0 *
                         (negative.inRange[kn] + positive.inRange[kp]);
      if (error < bestError) {
        bestError = error;
        bestLo = -tn;
        bestHi = tp;
      }
    }
  }
  return {std::max(lo, bestLo), std::min(hi, bestHi)};
}
