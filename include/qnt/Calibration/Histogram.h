//===- Histogram.h - One-pass histogram of calibration data -----*- C++ -*-===//
//
// A histogram that is filled in a single pass over data whose range is not
// known up front. Bin widths are powers of two and the bins start at zero;
// when a value falls beyond the last bin, adjacent bins are merged pairwise
// (the width doubles) until it fits. Because a coarser bin is always the exact
// union of finer ones, the counts at the final width are exactly the counts a
// histogram built with that width from the start would hold, and the final
// width is the smallest one covering the data. The result therefore does not
// depend on the order in which values arrive or histograms are merged.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_CALIBRATION_HISTOGRAM_H
#define QNT_CALIBRATION_HISTOGRAM_H

#include "llvm/ADT/ArrayRef.h"

#include <cassert>
#include <cstdint>
#include <vector>

namespace qnt {

/// Counts of non-negative magnitudes in `numBins` bins [i * w, (i + 1) * w)
/// where the width w is a power of two, no smaller than 2^kMinWidthExponent.
class MagnitudeHistogram {
public:
  /// Bins narrower than 2^-64 would only resolve values far below anything
  /// quantization can represent.
  static constexpr int kMinWidthExponent = -64;

  explicit MagnitudeHistogram(unsigned numBins);

  /// Widens the bins, if needed, so that `magnitude` falls into a bin.
  void cover(double magnitude);
  /// Counts one magnitude; it must already be covered.
  void add(double magnitude) {
    ++counts[binIndex(magnitude)];
    ++numValues;
  }
  /// Merges the bins so their width becomes 2^exponent (>= the current one).
  void coarsenTo(int exponent);
  /// Adds the counts of `other` (which must have as many bins).
  void merge(const MagnitudeHistogram &other);

  bool empty() const { return numValues == 0; }
  uint64_t total() const { return numValues; }
  unsigned getNumBins() const { return static_cast<unsigned>(counts.size()); }
  /// One past the last non-empty bin (0 when empty).
  unsigned numUsedBins() const;
  /// log2 of the bin width; meaningless while empty.
  int getWidthExponent() const { return widthExponent; }
  double getBinWidth() const;
  llvm::ArrayRef<uint64_t> getCounts() const { return counts; }

  /// The magnitude below which `rank` of the counted values lie (0 <= rank <=
  /// total()), interpolating linearly inside a bin. Only non-empty bins are
  /// considered, so rank 0 gives the lower edge of the first non-empty bin.
  double quantile(double rank) const;

private:
  size_t binIndex(double magnitude) const {
    // Scaling by a power of two is exact, so the bin of a value never depends
    // on rounding.
    size_t index = static_cast<size_t>(magnitude * inverseWidth);
    assert(hasWidth && index < counts.size() && "magnitude not covered");
    return index;
  }

  std::vector<uint64_t> counts;
  uint64_t numValues = 0;
  int widthExponent = kMinWidthExponent;
  double inverseWidth = 0.0;
  bool hasWidth = false;
};

/// A histogram of signed values kept as two magnitude histograms, one for
/// x >= 0 (including zeros) and one for |x| of x < 0, each with the finest
/// width its side allows. Exact zeros are also counted separately, since they
/// are exactly representable and carry no quantization error.
class Histogram {
public:
  explicit Histogram(unsigned numBins);

  /// Counts finite values (the caller rejects NaN and infinities).
  void add(llvm::ArrayRef<float> values);
  void merge(const Histogram &other);

  uint64_t total() const { return positives.total() + negatives.total(); }
  uint64_t getZeroCount() const { return zeroCount; }
  const MagnitudeHistogram &getPositive() const { return positives; }
  const MagnitudeHistogram &getNegative() const { return negatives; }
  /// |x| of all values, at the coarser of the two widths.
  MagnitudeHistogram magnitudes() const;

  /// The signed value below which `rank` of the values lie, 0 <= rank <=
  /// total(), interpolating linearly inside a bin.
  double quantile(double rank) const;

private:
  MagnitudeHistogram positives;
  MagnitudeHistogram negatives;
  uint64_t zeroCount = 0;
};

} // namespace qnt

#endif // QNT_CALIBRATION_HISTOGRAM_H
