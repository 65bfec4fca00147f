//===- Histogram.cpp - One-pass histogram of calibration data -------------===//

#include "qnt/Calibration/Histogram.h"

#include <algorithm>
#include <cmath>

using namespace qnt;

//===----------------------------------------------------------------------===//
// MagnitudeHistogram
//===----------------------------------------------------------------------===//

MagnitudeHistogram::MagnitudeHistogram(unsigned numBins) : counts(numBins, 0) {
  assert(numBins > 0 && "a histogram needs bins");
}

/// The smallest exponent e >= kMinWidthExponent such that `numBins` bins of
/// width 2^e cover `magnitude`, i.e. magnitude < numBins * 2^e.
static int coveringExponent(double magnitude, unsigned numBins) {
  auto covers = [&](int e) {
    return magnitude < std::ldexp(static_cast<double>(numBins), e);
  };
  int lowest = MagnitudeHistogram::kMinWidthExponent;
  if (covers(lowest))
    return lowest;
  // Start near log2(magnitude / numBins) and correct the estimate exactly.
  int e = std::max(lowest, std::ilogb(magnitude) -
                               std::ilogb(static_cast<double>(numBins)));
  while (!covers(e))
    ++e;
  while (e > lowest && covers(e - 1))
    --e;
  return e;
}

void MagnitudeHistogram::cover(double magnitude) {
  assert(std::isfinite(magnitude) && magnitude >= 0 && "bad magnitude");
  int needed = coveringExponent(magnitude, getNumBins());
  if (!hasWidth) {
    hasWidth = true;
    widthExponent = needed;
    inverseWidth = std::ldexp(1.0, -needed);
    return;
  }
  if (needed > widthExponent)
    coarsenTo(needed);
}

void MagnitudeHistogram::coarsenTo(int exponent) {
  assert(hasWidth && exponent >= widthExponent && "can only merge bins");
  int factorLog2 = exponent - widthExponent;
  if (factorLog2 == 0)
    return;
  // Bin i moves to bin i >> factorLog2. Targets never exceed their source, so
  // a single forward sweep is safe in place.
  for (size_t i = 0, e = counts.size(); i != e; ++i) {
    uint64_t c = counts[i];
    counts[i] = 0;
    size_t target = factorLog2 >= 63 ? 0 : i >> factorLog2;
    counts[target] += c;
  }
  widthExponent = exponent;
  inverseWidth = std::ldexp(1.0, -exponent);
}

void MagnitudeHistogram::merge(const MagnitudeHistogram &other) {
  assert(other.getNumBins() == getNumBins() && "bin counts differ");
  if (other.empty())
    return;
  if (empty()) {
    *this = other;
    return;
  }
  auto addCounts = [&](const MagnitudeHistogram &source) {
    for (size_t i = 0, e = counts.size(); i != e; ++i)
      counts[i] += source.counts[i];
    numValues += source.numValues;
  };
  if (other.widthExponent < widthExponent) {
    MagnitudeHistogram coarsened = other;
    coarsened.coarsenTo(widthExponent);
    addCounts(coarsened);
    return;
  }
  coarsenTo(other.widthExponent);
  addCounts(other);
}

unsigned MagnitudeHistogram::numUsedBins() const {
  for (size_t i = counts.size(); i != 0; --i)
    if (counts[i - 1] != 0)
      return static_cast<unsigned>(i);
  return 0;
}

double MagnitudeHistogram::getBinWidth() const {
  return hasWidth ? std::ldexp(1.0, widthExponent) : 0.0;
}

double MagnitudeHistogram::quantile(double rank) const {
  if (empty())
    return 0.0;
  double width = getBinWidth();
  double before = 0.0;
  unsigned used = numUsedBins();
  for (unsigned i = 0; i != used; ++i) {
    if (counts[i] == 0)
      continue;
    double count = static_cast<double>(counts[i]);
    if (before + count >= rank) {
      double fraction = std::clamp((rank - before) / count, 0.0, 1.0);
      return (i + fraction) * width;
    }
    before += count;
  }
  return used * width;
}

//===----------------------------------------------------------------------===//
// Histogram
//===----------------------------------------------------------------------===//

Histogram::Histogram(unsigned numBins) : positives(numBins), negatives(numBins) {}

void Histogram::add(llvm::ArrayRef<float> values) {
  // Widen once per call rather than once per value.
  double maxPositive = -1.0, maxNegative = -1.0;
  for (float v : values) {
    if (v >= 0.0f)
      maxPositive = std::max(maxPositive, static_cast<double>(v));
    else
      maxNegative = std::max(maxNegative, -static_cast<double>(v));
  }
  if (maxPositive >= 0.0)
    positives.cover(maxPositive);
  if (maxNegative >= 0.0)
    negatives.cover(maxNegative);
  for (float v : values) {
    // -0.0 compares equal to 0.0 and is counted as a zero.
    if (v >= 0.0f) {
      positives.add(v);
      zeroCount += v == 0.0f;
    } else {
      negatives.add(-static_cast<double>(v));
    }
  }
}

void Histogram::merge(const Histogram &other) {
  positives.merge(other.positives);
  negatives.merge(other.negatives);
  zeroCount += other.zeroCount;
}

MagnitudeHistogram Histogram::magnitudes() const {
  MagnitudeHistogram result = positives;
  result.merge(negatives);
  return result;
}

double Histogram::quantile(double rank) const {
  // Negative values in ascending order are their magnitudes in descending
  // order.
  double numNegative = static_cast<double>(negatives.total());
  rank = std::clamp(rank, 0.0, static_cast<double>(total()));
  if (!negatives.empty() && rank <= numNegative)
    return -negatives.quantile(numNegative - rank);
  return positives.quantile(rank - numNegative);
}
