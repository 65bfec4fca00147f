//===- HistogramTest.cpp - Tests for the one-pass histogram ---------------===//

#include "qnt/Calibration/Histogram.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>
#include <vector>

using namespace qnt;

namespace {

std::vector<uint64_t> countsOf(const MagnitudeHistogram &h) {
  return std::vector<uint64_t>(h.getCounts().begin(), h.getCounts().end());
}

TEST(MagnitudeHistogramTest, ChoosesTheSmallestCoveringPowerOfTwo) {
  MagnitudeHistogram h(8);
  // 3 < 8 * 2^e needs 2^e > 0.375: e = -1. 3 / 0.5 = bin 6.
  h.cover(3.0);
  h.add(3.0);
  EXPECT_EQ(h.getWidthExponent(), -1);
  EXPECT_EQ(h.getBinWidth(), 0.5);
  EXPECT_EQ(countsOf(h), (std::vector<uint64_t>{0, 0, 0, 0, 0, 0, 1, 0}));
  // A value exactly at the end of the last bin is not covered: 4 needs
  // 2^e > 0.5.
  h.cover(4.0);
  h.add(4.0);
  EXPECT_EQ(h.getWidthExponent(), 0);
  // 3 moved from bin 6 to bin 3.
  EXPECT_EQ(countsOf(h), (std::vector<uint64_t>{0, 0, 0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(h.total(), 2u);
  EXPECT_EQ(h.numUsedBins(), 5u);
}

TEST(MagnitudeHistogramTest, CoarseningMergesAlignedBins) {
  MagnitudeHistogram h(8);
  h.cover(7.5); // width 1
  for (double v : {0.0, 1.5, 2.0, 3.9, 4.0, 6.5, 7.5})
    h.add(v);
  EXPECT_EQ(countsOf(h), (std::vector<uint64_t>{1, 1, 1, 1, 1, 0, 1, 1}));
  // Width 4: bins [0,4) and [4,8).
  h.coarsenTo(2);
  EXPECT_EQ(countsOf(h), (std::vector<uint64_t>{4, 3, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(h.total(), 7u);
}

TEST(MagnitudeHistogramTest, TinyThenHugeValues) {
  MagnitudeHistogram h(2048);
  h.cover(1e-30);
  h.add(1e-30);
  h.cover(1e30);
  h.add(1e30);
  EXPECT_EQ(h.getCounts()[0], 1u);
  EXPECT_EQ(h.getCounts()[h.numUsedBins() - 1], 1u);
  EXPECT_EQ(h.total(), 2u);
  // The last value is covered by the smallest power of two that covers it.
  double w = h.getBinWidth();
  EXPECT_LT(1e30, 2048 * w);
  EXPECT_GE(1e30, 1024 * w);
}

TEST(MagnitudeHistogramTest, MinimumWidthForZeros) {
  MagnitudeHistogram h(16);
  h.cover(0.0);
  h.add(0.0);
  EXPECT_EQ(h.getWidthExponent(), MagnitudeHistogram::kMinWidthExponent);
  EXPECT_EQ(h.numUsedBins(), 1u);
}

TEST(MagnitudeHistogramTest, QuantileInterpolatesInsideBins) {
  MagnitudeHistogram h(4);
  // 0.4 < 4 * 2^e needs 2^e > 0.1: width 0.125, one value per bin.
  h.cover(0.4);
  for (double v : {0.1, 0.2, 0.3, 0.4})
    h.add(v);
  EXPECT_EQ(h.getBinWidth(), 0.125);
  EXPECT_DOUBLE_EQ(h.quantile(0.0), 0.0);
  EXPECT_DOUBLE_EQ(h.quantile(1.5), 0.1875); // halfway through bin 1
  EXPECT_DOUBLE_EQ(h.quantile(2.0), 0.25);   // end of bin 1
  EXPECT_DOUBLE_EQ(h.quantile(4.0), 0.5);    // end of bin 3
}

TEST(MagnitudeHistogramTest, QuantileSkipsEmptyBins) {
  MagnitudeHistogram h(8);
  h.cover(7.0); // width 1
  h.add(5.5);
  h.add(7.0);
  // Rank 0 is the start of the first occupied bin, not 0.
  EXPECT_DOUBLE_EQ(h.quantile(0.0), 5.0);
  EXPECT_DOUBLE_EQ(h.quantile(1.0), 6.0);
  EXPECT_DOUBLE_EQ(h.quantile(1.5), 7.5);
}

TEST(HistogramTest, SplitsBySignAndCountsZeros) {
  Histogram h(4);
  h.add({-3.0f, -1.0f, 0.0f, -0.0f, 2.0f});
  EXPECT_EQ(h.total(), 5u);
  EXPECT_EQ(h.getZeroCount(), 2u);
  EXPECT_EQ(h.getPositive().total(), 3u);
  EXPECT_EQ(h.getNegative().total(), 2u);
  // Negative magnitudes {3, 1}: width 1 (3 < 4 * 1).
  EXPECT_EQ(countsOf(h.getNegative()), (std::vector<uint64_t>{0, 1, 0, 1}));
  // Positive {0, 0, 2}: width 1 (2 < 4 * 2^-1 fails).
  EXPECT_EQ(countsOf(h.getPositive()), (std::vector<uint64_t>{2, 0, 1, 0}));
}

TEST(HistogramTest, MagnitudesUseTheCoarserWidth) {
  Histogram h(4);
  // Negative: 3 -> width 1, bin 3. Positive: 1 -> width 0.5, bin 2.
  h.add({-3.0f, 1.0f});
  EXPECT_EQ(h.getPositive().getWidthExponent(), -1);
  MagnitudeHistogram m = h.magnitudes();
  EXPECT_EQ(m.getWidthExponent(), 0);
  EXPECT_EQ(countsOf(m), (std::vector<uint64_t>{0, 1, 0, 1}));
}

TEST(HistogramTest, SignedQuantile) {
  Histogram h(4);
  // Negative magnitudes {3, 1} (width 1); positive {2} (width 1).
  h.add({-3.0f, -1.0f, 2.0f});
  // Rank 0: the far end of the bin holding -3.
  EXPECT_DOUBLE_EQ(h.quantile(0.0), -4.0);
  // Rank 0.5: halfway through that bin.
  EXPECT_DOUBLE_EQ(h.quantile(0.5), -3.5);
  // Rank 2: the near end of the bin holding -1.
  EXPECT_DOUBLE_EQ(h.quantile(2.0), -1.0);
  // Rank 2.5 is halfway through the bin [2, 3) holding 2.
  EXPECT_DOUBLE_EQ(h.quantile(2.5), 2.5);
  EXPECT_DOUBLE_EQ(h.quantile(3.0), 3.0);
}

TEST(HistogramTest, IndependentOfInsertionAndMergeOrder) {
  // Samples whose spread grows, so the width changes while filling.
  std::mt19937 engine(7);
  std::vector<std::vector<float>> samples;
  for (int s = 0; s < 12; ++s) {
    std::vector<float> values;
    for (int i = 0; i < 500; ++i) {
      double u = (engine() + 0.5) / 4294967296.0;
      values.push_back(static_cast<float>((u - 0.4) * std::ldexp(1.0, s)));
    }
    samples.push_back(values);
  }
  Histogram forward(256), backward(256);
  for (size_t s = 0; s < samples.size(); ++s) {
    forward.add(samples[s]);
    backward.add(samples[samples.size() - 1 - s]);
  }
  // Four partial histograms merged in a scrambled order.
  std::vector<Histogram> parts(4, Histogram(256));
  for (size_t s = 0; s < samples.size(); ++s)
    parts[s % 4].add(samples[s]);
  Histogram merged(256);
  for (int p : {2, 0, 3, 1})
    merged.merge(parts[p]);

  for (const Histogram *h : {&backward, &merged}) {
    EXPECT_EQ(countsOf(h->getPositive()), countsOf(forward.getPositive()));
    EXPECT_EQ(countsOf(h->getNegative()), countsOf(forward.getNegative()));
    EXPECT_EQ(h->getPositive().getWidthExponent(),
              forward.getPositive().getWidthExponent());
    EXPECT_EQ(h->getNegative().getWidthExponent(),
              forward.getNegative().getWidthExponent());
    EXPECT_EQ(h->total(), 12u * 500u);
  }

  // The counts are exactly those of a histogram built at the final width.
  MagnitudeHistogram direct(256);
  direct.cover(std::ldexp(1.0, forward.getPositive().getWidthExponent()) *
               255);
  ASSERT_EQ(direct.getWidthExponent(),
            forward.getPositive().getWidthExponent());
  for (const auto &values : samples)
    for (float v : values)
      if (v >= 0)
        direct.add(v);
  EXPECT_EQ(countsOf(direct), countsOf(forward.getPositive()));
}

} // namespace
