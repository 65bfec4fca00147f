//===- RangeEstimatorTest.cpp - Tests for calibration range estimators ----===//
//
// Synthetic data comes from std::mt19937 (whose output the standard fixes)
// through our own uniform and Box-Muller transforms, so the data are the same
// with every standard library. Expected ranges are derived from the
// distributions (quantiles, analytic optima), not from the estimator.
//
//===----------------------------------------------------------------------===//

#include "qnt/Calibration/RangeEstimator.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>
#include <vector>

using namespace qnt;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// The message of a failed operation; "" on success.
std::string errorMessage(llvm::Error err) {
  return err ? llvm::toString(std::move(err)) : std::string();
}
template <typename T>
std::string errorMessage(llvm::Expected<T> &value) {
  return value ? std::string() : llvm::toString(value.takeError());
}

testing::AssertionResult contains(const std::string &text,
                                  const std::string &part) {
  if (text.find(part) != std::string::npos)
    return testing::AssertionSuccess();
  return testing::AssertionFailure()
         << "'" << text << "' does not contain '" << part << "'";
}

/// Uniform and standard normal variates from a fixed-seed mt19937.
class Generator {
public:
  explicit Generator(uint32_t seed) : engine(seed) {}

  /// Uniform in the open interval (0, 1).
  double unit() { return (static_cast<double>(engine()) + 0.5) / 4294967296.0; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  double normal() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double radius = std::sqrt(-2.0 * std::log(unit()));
    double angle = 2.0 * kPi * unit();
    spare = radius * std::sin(angle);
    hasSpare = true;
    return radius * std::cos(angle);
  }

private:
  std::mt19937 engine;
  double spare = 0.0;
  bool hasSpare = false;
};

using Samples = std::vector<std::vector<float>>;

Samples uniformSamples(uint32_t seed, int numSamples, int perSample, double lo,
                       double hi) {
  Generator gen(seed);
  Samples samples(numSamples);
  for (auto &sample : samples)
    for (int i = 0; i < perSample; ++i)
      sample.push_back(static_cast<float>(gen.uniform(lo, hi)));
  return samples;
}

Samples normalSamples(uint32_t seed, int numSamples, int perSample) {
  Generator gen(seed);
  Samples samples(numSamples);
  for (auto &sample : samples)
    for (int i = 0; i < perSample; ++i)
      sample.push_back(static_cast<float>(gen.normal()));
  return samples;
}

CalibrationOptions optionsFor(CalibrationMethod method, bool symmetric = false,
                              double percentile = 99.99) {
  CalibrationOptions options;
  options.method = method;
  options.symmetric = symmetric;
  options.percentile = percentile;
  return options;
}

RangeEstimator estimate(const CalibrationOptions &options,
                        const Samples &samples) {
  RangeEstimator estimator(options);
  for (const auto &sample : samples) {
    EXPECT_EQ(errorMessage(estimator.observe(sample)), "");
  }
  return estimator;
}

std::pair<float, float> rangeOf(const CalibrationOptions &options,
                                const Samples &samples) {
  return estimate(options, samples).range();
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

TEST(ParseCalibrationMethodTest, ValidSpecs) {
  auto minmax = parseCalibrationMethod("minmax");
  ASSERT_EQ(errorMessage(minmax), "");
  EXPECT_EQ(minmax->method, CalibrationMethod::MinMax);
  EXPECT_EQ(minmax->numBins, 2048u);
  EXPECT_EQ(minmax->numBits, 8);
  EXPECT_FALSE(minmax->symmetric);

  auto average = parseCalibrationMethod("moving-average");
  ASSERT_EQ(errorMessage(average), "");
  EXPECT_EQ(average->method, CalibrationMethod::MovingAverage);

  auto defaultPercentile = parseCalibrationMethod("percentile");
  ASSERT_EQ(errorMessage(defaultPercentile), "");
  EXPECT_EQ(defaultPercentile->method, CalibrationMethod::Percentile);
  EXPECT_EQ(defaultPercentile->percentile, 99.99);

  auto percentile = parseCalibrationMethod("percentile=99.9");
  ASSERT_EQ(errorMessage(percentile), "");
  EXPECT_EQ(percentile->percentile, 99.9);

  auto all = parseCalibrationMethod("percentile=100");
  ASSERT_EQ(errorMessage(all), "");
  EXPECT_EQ(all->percentile, 100.0);

  auto entropy = parseCalibrationMethod("entropy");
  ASSERT_EQ(errorMessage(entropy), "");
  EXPECT_EQ(entropy->method, CalibrationMethod::Entropy);

  auto mse = parseCalibrationMethod("mse");
  ASSERT_EQ(errorMessage(mse), "");
  EXPECT_EQ(mse->method, CalibrationMethod::Mse);
}

TEST(ParseCalibrationMethodTest, BadSpecs) {
  auto failure = [](llvm::StringRef spec) {
    auto result = parseCalibrationMethod(spec);
    return result ? std::string("<accepted>")
                  : llvm::toString(result.takeError());
  };
  EXPECT_TRUE(contains(failure(""), "unknown calibration method ''"));
  EXPECT_EQ(failure("kl"), "unknown calibration method 'kl'; expected "
                           "minmax, moving-average, percentile[=P], entropy "
                           "or mse");
  EXPECT_TRUE(contains(failure("MinMax"), "unknown calibration method"));
  EXPECT_TRUE(contains(failure("minmax "), "unknown calibration method"));
  EXPECT_EQ(failure("minmax=1"),
            "calibration method 'minmax' takes no argument (in 'minmax=1')");
  EXPECT_TRUE(contains(failure("entropy=128"), "takes no argument"));
  EXPECT_EQ(failure("percentile=abc"),
            "invalid percentile 'abc' in 'percentile=abc': expected a number "
            "in (50, 100]");
  for (const char *bad :
       {"percentile=", "percentile=99.9x", "percentile=50", "percentile=10",
        "percentile=100.5", "percentile=nan", "percentile=inf",
        "percentile=-99"})
    EXPECT_TRUE(contains(failure(bad), "invalid percentile")) << bad;
}

TEST(ParseCalibrationMethodTest, FormatRoundTrips) {
  for (const char *spec : {"minmax", "moving-average", "percentile=99.99",
                           "percentile=99.9", "percentile=100", "entropy",
                           "mse"}) {
    auto options = parseCalibrationMethod(spec);
    ASSERT_EQ(errorMessage(options), "");
    EXPECT_EQ(formatCalibrationMethod(*options), spec);
  }
}

//===----------------------------------------------------------------------===//
// Recording
//===----------------------------------------------------------------------===//

TEST(RangeEstimatorTest, EmptyEstimator) {
  RangeEstimator estimator(optionsFor(CalibrationMethod::Entropy));
  EXPECT_TRUE(estimator.empty());
  EXPECT_EQ(estimator.count(), 0u);
  EXPECT_EQ(estimator.range(), std::make_pair(0.0f, 0.0f));
  // An empty sample changes nothing.
  EXPECT_EQ(errorMessage(estimator.observe({})), "");
  EXPECT_TRUE(estimator.empty());
  EXPECT_EQ(estimator.numSamples(), 0u);
}

TEST(RangeEstimatorTest, NonFiniteSamplesAreRejectedWhole) {
  for (CalibrationMethod method :
       {CalibrationMethod::MinMax, CalibrationMethod::MovingAverage,
        CalibrationMethod::Percentile, CalibrationMethod::Entropy,
        CalibrationMethod::Mse}) {
    RangeEstimator estimator(optionsFor(method));
    ASSERT_EQ(errorMessage(estimator.observe({-1.0f, 0.5f, 2.0f})), "");
    std::pair<float, float> before = estimator.range();

    float nan = std::nanf("");
    float inf = std::numeric_limits<float>::infinity();
    EXPECT_EQ(errorMessage(estimator.observe({100.0f, -7.0f, nan})),
              "non-finite value NaN at index 2 of a calibration sample");
    EXPECT_TRUE(contains(errorMessage(estimator.observe({inf})),
                         "+Inf at index 0"));
    EXPECT_TRUE(contains(errorMessage(estimator.observe({0.0f, -inf})),
                         "-Inf at index 1"));

    // The finite values of the rejected samples (100, -7) left no trace.
    EXPECT_EQ(estimator.count(), 3u);
    EXPECT_EQ(estimator.numSamples(), 1u);
    EXPECT_EQ(estimator.range(), before);
    EXPECT_EQ(estimator.observedRange(), std::make_pair(-1.0f, 2.0f));
  }
}

//===----------------------------------------------------------------------===//
// minmax
//===----------------------------------------------------------------------===//

TEST(MinMaxTest, UniformIsExact) {
  Samples samples = uniformSamples(1, 20, 1000, -1.0, 3.0);
  // Put the bounds themselves into two samples.
  samples[3][17] = -1.0f;
  samples[11][5] = 3.0f;
  RangeEstimator estimator =
      estimate(optionsFor(CalibrationMethod::MinMax), samples);
  EXPECT_EQ(estimator.range(), std::make_pair(-1.0f, 3.0f));
  EXPECT_EQ(estimator.count(), 20000u);
  EXPECT_EQ(estimator.numSamples(), 20u);
  // Symmetric: the larger magnitude on both sides.
  EXPECT_EQ(rangeOf(optionsFor(CalibrationMethod::MinMax, true), samples),
            std::make_pair(-3.0f, 3.0f));
}

TEST(MinMaxTest, DoesNotIncludeZero) {
  // Widening to 0 is the parameter chooser's job.
  Samples samples = {{5.0f, 7.0f}, {10.0f, 6.0f}};
  EXPECT_EQ(rangeOf(optionsFor(CalibrationMethod::MinMax), samples),
            std::make_pair(5.0f, 10.0f));
}

TEST(MinMaxTest, MergedHalvesEqualOnePass) {
  Samples samples = normalSamples(2, 40, 500);
  CalibrationOptions options = optionsFor(CalibrationMethod::MinMax);
  RangeEstimator all = estimate(options, samples);
  Samples first(samples.begin(), samples.begin() + 20);
  Samples second(samples.begin() + 20, samples.end());
  RangeEstimator a = estimate(options, first);
  RangeEstimator b = estimate(options, second);
  RangeEstimator ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(ab.range(), all.range());
  EXPECT_EQ(ba.range(), all.range());
  EXPECT_EQ(ab.count(), all.count());
  EXPECT_EQ(ab.numSamples(), 40u);
  // Merging into an empty estimator copies.
  RangeEstimator empty(options);
  empty.merge(all);
  EXPECT_EQ(empty.range(), all.range());
}

//===----------------------------------------------------------------------===//
// moving-average
//===----------------------------------------------------------------------===//

TEST(MovingAverageTest, HandComputed) {
  RangeEstimator estimator(optionsFor(CalibrationMethod::MovingAverage));
  // The first sample initializes the averages.
  ASSERT_EQ(errorMessage(estimator.observe({-1.0f, 0.0f, 1.0f})), "");
  EXPECT_EQ(estimator.range(), std::make_pair(-1.0f, 1.0f));
  // min: -1 + 0.01 * (-2 - -1) = -1.01; max: 1 + 0.01 * (3 - 1) = 1.02.
  ASSERT_EQ(errorMessage(estimator.observe({3.0f, -2.0f})), "");
  EXPECT_FLOAT_EQ(estimator.range().first, -1.01f);
  EXPECT_FLOAT_EQ(estimator.range().second, 1.02f);
  // min: -1.01 + 0.01 * (0 + 1.01) = -0.9999;
  // max: 1.02 + 0.01 * (1 - 1.02) = 1.0198.
  ASSERT_EQ(errorMessage(estimator.observe({0.0f, 1.0f})), "");
  EXPECT_FLOAT_EQ(estimator.range().first, -0.9999f);
  EXPECT_FLOAT_EQ(estimator.range().second, 1.0198f);
  EXPECT_EQ(estimator.observedRange(), std::make_pair(-2.0f, 3.0f));
}

TEST(MovingAverageTest, MergeAppendsSamples) {
  Samples samples = normalSamples(3, 30, 200);
  CalibrationOptions options = optionsFor(CalibrationMethod::MovingAverage);
  RangeEstimator all = estimate(options, samples);
  RangeEstimator a = estimate(options, Samples(samples.begin(),
                                               samples.begin() + 12));
  RangeEstimator b =
      estimate(options, Samples(samples.begin() + 12, samples.end()));
  a.merge(b);
  EXPECT_EQ(a.range(), all.range());
  EXPECT_EQ(a.numSamples(), 30u);
}

//===----------------------------------------------------------------------===//
// percentile
//===----------------------------------------------------------------------===//

TEST(PercentileTest, HandComputedSmallSample) {
  // 0.5, 1.5, ..., 99.5: the histogram width is 1/16 (99.5 < 2048 / 16), so
  // every value starts its own bin.
  std::vector<float> values;
  for (int i = 0; i < 100; ++i)
    values.push_back(i + 0.5f);
  // 99th percentile: rank 99 ends the bin starting at 98.5; 1st percentile:
  // rank 1 ends the bin starting at 0.5.
  EXPECT_EQ(rangeOf(optionsFor(CalibrationMethod::Percentile, false, 99.0),
                    {values}),
            std::make_pair(0.5625f, 98.5625f));
  // 100% keeps everything.
  EXPECT_EQ(rangeOf(optionsFor(CalibrationMethod::Percentile, false, 100.0),
                    {values}),
            std::make_pair(0.5f, 99.5f));
}

TEST(PercentileTest, UniformTails) {
  // Uniform on [-1, 3]: the 10th and 90th percentiles are -0.6 and 2.6.
  Samples samples = uniformSamples(4, 50, 4000, -1.0, 3.0);
  auto [lo, hi] = rangeOf(
      optionsFor(CalibrationMethod::Percentile, false, 90.0), samples);
  EXPECT_NEAR(lo, -0.6, 0.02);
  EXPECT_NEAR(hi, 2.6, 0.02);
  // |x|: P(|x| <= a) = (1 + a) / 4 for a >= 1, so the 90th percentile is 2.6.
  auto [slo, shi] = rangeOf(
      optionsFor(CalibrationMethod::Percentile, true, 90.0), samples);
  EXPECT_NEAR(shi, 2.6, 0.02);
  EXPECT_EQ(slo, -shi);
}

//===----------------------------------------------------------------------===//
// entropy
//===----------------------------------------------------------------------===//

TEST(EntropyTest, HandComputedTinyHistogram) {
  // 4 bins of width 1 (3.5 < 4) holding [3, 1, 0, 1]; 2 bits give 2 levels.
  // T = 5 values.
  //  2 bins: P = [3, 1 + 1] / 5, Q = [3, 1] / 4:
  //          0.6 ln(0.6 / 0.75) + 0.4 ln(0.4 / 0.25) = 0.0541
  //  3 bins: the clipped value lands in empty bin 2, which Q cannot
  //          represent: infinite.
  //  4 bins: P = [3, 1, 0, 1] / 5, Q = [2, 2, 0, 1] / 5:
  //          0.6 ln(3 / 2) + 0.2 ln(1 / 2) = 0.1047
  // so the threshold is 2 bins.
  CalibrationOptions options = optionsFor(CalibrationMethod::Entropy);
  options.numBins = 4;
  options.numBits = 2;
  std::vector<float> values = {0.5f, 0.5f, 0.5f, 1.5f, 3.5f};
  EXPECT_EQ(rangeOf(options, {values}), std::make_pair(0.5f, 2.0f));
  options.symmetric = true;
  EXPECT_EQ(rangeOf(options, {values}), std::make_pair(-2.0f, 2.0f));
}

TEST(EntropyTest, FewBinsAreNotClipped) {
  // With fewer bins than the 128 levels of int8, quantization loses nothing
  // and the threshold is the whole histogram.
  Samples samples = normalSamples(5, 10, 1000);
  CalibrationOptions options = optionsFor(CalibrationMethod::Entropy);
  options.numBins = 100;
  RangeEstimator estimator = estimate(options, samples);
  EXPECT_EQ(estimator.range(), estimator.observedRange());
}

TEST(EntropyTest, UniformKeepsNearlyTheWholeRange) {
  // Clipping uniform data piles mass into the last bin, which the quantized
  // distribution cannot follow; the threshold stays at the edge.
  Samples samples = uniformSamples(6, 50, 4000, -1.0, 1.0);
  auto [lo, hi] = rangeOf(optionsFor(CalibrationMethod::Entropy), samples);
  EXPECT_GT(hi, 0.97f);
  EXPECT_LT(lo, -0.97f);
}

TEST(EntropyTest, NonNegativeDataStaysNonNegative) {
  Samples samples = uniformSamples(7, 20, 1000, 0.0, 2.0);
  auto [lo, hi] = rangeOf(optionsFor(CalibrationMethod::Entropy), samples);
  EXPECT_GE(lo, 0.0f);
  EXPECT_GT(hi, 1.9f);
  auto [slo, shi] =
      rangeOf(optionsFor(CalibrationMethod::Entropy, true), samples);
  EXPECT_EQ(slo, -shi);
}

//===----------------------------------------------------------------------===//
// mse
//===----------------------------------------------------------------------===//

TEST(MseTest, UniformOptimum) {
  // Uniform on [-1, 1], N values, clipped at +-t with step 2t/255:
  //   E(t) / N = (1 - t)^3 / 3 + t * (2t / 255)^2 / 12,
  // E'(t) = 0 gives 1 - t = t * sqrt(3 / 195075), t = 0.99609.
  Samples samples = uniformSamples(8, 50, 4000, -1.0, 1.0);
  auto [lo, hi] = rangeOf(optionsFor(CalibrationMethod::Mse), samples);
  EXPECT_NEAR(hi, 0.99609, 0.002);
  EXPECT_NEAR(lo, -0.99609, 0.002);
  // Symmetric, step t/127: 1 - t = t * sqrt(3 / 193548), t = 0.99608.
  auto [slo, shi] = rangeOf(optionsFor(CalibrationMethod::Mse, true), samples);
  EXPECT_NEAR(shi, 0.99608, 0.002);
  EXPECT_EQ(slo, -shi);
}

TEST(MseTest, HandComputedCoarseHistogram) {
  // 4 bins of width 1 (3.5 < 4), 2 bits (3 steps). 40 values at 0.5 (bin 0)
  // and one at 3.5 (bin 3). For a threshold t = k, a value spread over a bin
  // j bins past t costs j^2 + j + 1/3; each in-range value costs
  // (t / 3)^2 / 12:
  //   t = 1: 6.333 + 40 / 108 = 6.704    t = 2: 2.333 + 40 / 27 = 3.815
  //   t = 3: 0.333 + 40 / 12  = 3.667    t = 4: 41 * 16 / 108   = 6.074
  CalibrationOptions options = optionsFor(CalibrationMethod::Mse);
  options.numBins = 4;
  options.numBits = 2;
  std::vector<float> values(40, 0.5f);
  values.push_back(3.5f);
  EXPECT_EQ(rangeOf(options, {values}), std::make_pair(0.5f, 3.0f));
}

TEST(MseTest, ExactZerosCostNothing) {
  // A ReLU-like tensor: the exact zeros are representable and must not pull
  // the range in, so adding them leaves the result unchanged.
  Samples positive = uniformSamples(9, 10, 1000, 0.0, 1.0);
  Samples withZeros = positive;
  for (auto &sample : withZeros)
    sample.insert(sample.end(), 9000, 0.0f);
  CalibrationOptions options = optionsFor(CalibrationMethod::Mse);
  std::pair<float, float> expected = rangeOf(options, positive);
  EXPECT_EQ(rangeOf(options, withZeros).second, expected.second);
  // Uniform on [0, 1] with step t/255: E(t) / N = (1 - t)^3 / 3 +
  // t * (t / 255)^2 / 12, so 1 - t = t / 510 and t = 0.99804.
  EXPECT_NEAR(expected.second, 0.99804, 0.002);
}

//===----------------------------------------------------------------------===//
// Gaussian data with outliers
//===----------------------------------------------------------------------===//

class OutlierTest : public testing::Test {
protected:
  // 100 samples of 10,000 standard normal values (sigma = 1).
  static void SetUpTestSuite() {
    gaussian = new Samples(normalSamples(10, 100, 10000));
  }
  static void TearDownTestSuite() {
    delete gaussian;
    gaussian = nullptr;
  }

  /// The Gaussian data with +40 in sample 90 and -40 in sample 50.
  static Samples withTwoOutliers() {
    Samples samples = *gaussian;
    samples[90][0] = 40.0f;
    samples[50][0] = -40.0f;
    return samples;
  }

  static Samples *gaussian;
};

Samples *OutlierTest::gaussian = nullptr;

TEST_F(OutlierTest, MinMaxHitsTheOutliers) {
  EXPECT_EQ(rangeOf(optionsFor(CalibrationMethod::MinMax), withTwoOutliers()),
            std::make_pair(-40.0f, 40.0f));
}

TEST_F(OutlierTest, PercentileStaysWithTheBulk) {
  Samples samples = withTwoOutliers();
  // The 0.01% upper tail of N(0, 1) starts at 3.7190; both tails likewise.
  auto [lo, hi] = rangeOf(optionsFor(CalibrationMethod::Percentile), samples);
  EXPECT_NEAR(hi, 3.719, 0.1);
  EXPECT_NEAR(lo, -3.719, 0.1);
  // P(|x| > t) = 1e-4 at t = 3.8906.
  auto [slo, shi] =
      rangeOf(optionsFor(CalibrationMethod::Percentile, true), samples);
  EXPECT_NEAR(shi, 3.891, 0.1);
  EXPECT_EQ(slo, -shi);
}

TEST_F(OutlierTest, EntropyStaysWithinAFewSigma) {
  // The bins are 1/32 wide (40 < 2048 / 32), so the smallest candidate, 128
  // bins, is 4.0; the outliers at 40 are far beyond the chosen threshold.
  auto [lo, hi] =
      rangeOf(optionsFor(CalibrationMethod::Entropy), withTwoOutliers());
  EXPECT_GE(hi, 4.0f);
  EXPECT_LE(hi, 8.0f);
  EXPECT_EQ(lo, -hi);
}

TEST_F(OutlierTest, MovingAverageIsBetween) {
  Samples samples = withTwoOutliers();
  // Per-sample maxima of 10,000 normals average about 3.87. The +40 outlier
  // enters 10 samples before the end with weight 0.01 * 0.99^10, adding
  // about 0.33; the -40 one (50 samples before) subtracts about 0.22.
  auto [lo, hi] =
      rangeOf(optionsFor(CalibrationMethod::MovingAverage), samples);
  EXPECT_GT(hi, 3.9f);
  EXPECT_LT(hi, 4.6f);
  EXPECT_LT(lo, -3.75f);
  EXPECT_GT(lo, -4.45f);
  auto [plo, phi] =
      rangeOf(optionsFor(CalibrationMethod::Percentile), samples);
  EXPECT_GT(hi, phi);
  EXPECT_LT(lo, plo);
}

TEST_F(OutlierTest, MseTradesOutliersAgainstRounding) {
  // With N = 10^6, clipping at +-t costs N * 2 E[(|x| - t)^2; |x| > t]
  // + 2 (40 - t)^2 for the outliers, and rounding costs
  // N (2t / 255)^2 / 12. Minimizing numerically gives t = 11.2: the two
  // outliers are worth keeping partly, but most of the range is cut.
  auto [lo, hi] =
      rangeOf(optionsFor(CalibrationMethod::Mse), withTwoOutliers());
  EXPECT_NEAR(hi, 11.2, 0.4);
  EXPECT_NEAR(lo, -11.2, 0.4);
}

TEST_F(OutlierTest, MseClipsASmallOutlier) {
  // One outlier at +12: the same cost with tn, tp searched separately is
  // smallest at tn = 3.91, tp = 4.22.
  Samples samples = *gaussian;
  samples[70][0] = 12.0f;
  auto [lo, hi] = rangeOf(optionsFor(CalibrationMethod::Mse), samples);
  EXPECT_NEAR(hi, 4.22, 0.3);
  EXPECT_NEAR(lo, -3.91, 0.3);
}

TEST_F(OutlierTest, HistogramMethodsIgnoreMergeOrder) {
  Samples samples = withTwoOutliers();
  for (CalibrationMethod method :
       {CalibrationMethod::Percentile, CalibrationMethod::Entropy,
        CalibrationMethod::Mse}) {
    for (bool symmetric : {false, true}) {
      CalibrationOptions options = optionsFor(method, symmetric);
      RangeEstimator onePass = estimate(options, samples);
      // Four shards of interleaved samples, merged in a scrambled order.
      std::vector<RangeEstimator> shards(4, RangeEstimator(options));
      for (size_t s = 0; s < samples.size(); ++s)
        ASSERT_EQ(errorMessage(shards[s % 4].observe(samples[s])), "");
      RangeEstimator merged(options);
      for (int s : {3, 1, 0, 2})
        merged.merge(shards[s]);
      EXPECT_EQ(merged.range(), onePass.range())
          << formatCalibrationMethod(options) << " symmetric " << symmetric;
      EXPECT_EQ(merged.count(), onePass.count());
    }
  }
}

} // namespace
