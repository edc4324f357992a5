//===- MeanTestTest.cpp - the power of sgc check's mean-gradient test -----===//
//
// Synthetic paired draws with a known bias: an unbiased estimator passes,
// one biased by the bias the test says it detects fails, and when the draw
// budget runs out the stated detectable bias says so. Fixed seeds; the
// unbiased cases fail with probability 5.7e-7 each (|z| > 5), the biased
// case at the stated level passes with probability at most 2.3% (a bias of
// (5 + 2) standard errors), the ten-fold one with probability below 1e-9.
// The seeds are fixed, so the outcome is deterministic; these are the odds
// that another choice of seeds would fail.
//
//===----------------------------------------------------------------------===//

#include "MeanTest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace sgc;

namespace {

/// Pairs (truth + bias + noise_g, truth + noise_d) with correlated noise,
/// as common random numbers give; the draw is keyed by its step.
PairedDraw synthetic(double truth, double bias, double sdG, double sdD,
                     uint64_t seed) {
  return [=](int64_t step) {
    std::mt19937_64 gen(seed * 1000003 + step);
    std::normal_distribution<double> n(0, 1);
    double common = n(gen), own = n(gen);
    return std::make_pair(truth + bias + sdG * (0.6 * common + 0.8 * own),
                          truth + sdD * common);
  };
}

TEST(MeanTest, UnbiasedPasses) {
  MeanTestOptions o;
  o.pilot = o.minDraws = 500;
  MeanTestResult r = runMeanTest(synthetic(2.0, 0, 3.0, 1.0, 1), o);
  EXPECT_TRUE(r.pass) << "z = " << r.z;
  EXPECT_EQ(r.pilot, 500);
  // Sized for a 5% bias: (7 sd / 0.1)² draws with sd ≈ √(9 + 1 − 2·1.8).
  EXPECT_GT(r.draws, 500);
  EXPECT_LE(r.detectable, 0.05 * 2.0 * 1.1);
}

TEST(MeanTest, BiasAtTheStatedLevelFails) {
  MeanTestOptions o;
  o.pilot = o.minDraws = 500;
  MeanTestResult unbiased = runMeanTest(synthetic(2.0, 0, 3.0, 1.0, 2), o);
  ASSERT_TRUE(unbiased.pass);
  // A bias equal to what the test says it detects (minus the tolerance,
  // which the detectable figure includes) is caught.
  MeanTestResult biased =
      runMeanTest(synthetic(2.0, unbiased.detectable, 3.0, 1.0, 3), o);
  EXPECT_FALSE(biased.pass) << "z = " << biased.z;
  // The ten-fold error of issue 14 (0.39 against 5.36), which passed the
  // fixed-size test (|z| = 0.97), under heavy noise.
  MeanTestResult tenfold =
      runMeanTest(synthetic(5.364, 0.3914 - 5.364, 60.0, 20.0, 9), o);
  EXPECT_FALSE(tenfold.pass) << "z = " << tenfold.z;
}

TEST(MeanTest, BudgetLimitsTheStatedPower) {
  MeanTestOptions o;
  o.pilot = o.minDraws = 200;
  o.maxDraws = 1000;
  MeanTestResult r = runMeanTest(synthetic(1.0, 0, 50.0, 1.0, 4), o);
  EXPECT_TRUE(r.pass);
  EXPECT_EQ(r.draws, 1000);
  // 7 standard errors of 1000 draws plus the 1% tolerance: far above 5%.
  double se = r.sd / std::sqrt(1000.0);
  EXPECT_NEAR(r.detectable, 7 * se + 0.01 * std::fabs(r.reference), 1e-12);
  EXPECT_GT(r.detectable, 0.05);
}

TEST(MeanTest, DeterministicGapFails) {
  MeanTestOptions o;
  o.pilot = o.minDraws = 10;
  auto exact = [](double bias) -> PairedDraw {
    return [=](int64_t) { return std::make_pair(1.0 + bias, 1.0); };
  };
  EXPECT_TRUE(runMeanTest(exact(0), o).pass);
  EXPECT_TRUE(runMeanTest(exact(0.005), o).pass); // within the 1% tolerance
  EXPECT_FALSE(runMeanTest(exact(0.02), o).pass);
}

} // namespace
