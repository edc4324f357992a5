//===- MeanTest.h - a z-test of paired means, sized for power ---*- C++ -*-===//
//
// `sgc check` compares the mean of a gradient estimator with central
// differences of the mean loss, drawn in pairs with common random numbers.
// A fixed number of draws gives a test whose power depends on the model's
// noise: a gradient off by a factor of ten can pass. Here a pilot run
// measures the standard deviation of one paired difference, the number of
// draws is chosen so that a stated bias is detected, and the test reports
// the smallest bias it detects.
//
//===----------------------------------------------------------------------===//
#ifndef SGC_MEANTEST_H
#define SGC_MEANTEST_H

#include <cstdint>
#include <functional>
#include <utility>

namespace sgc {

/// The failure bound on |z|: an unbiased estimator fails with probability
/// 5.7e-7 (two-sided normal tail beyond 5).
constexpr double kMeanTestBound = 5;
/// A bias of (bound + margin) standard errors beyond the tolerance fails
/// with probability at least 97.7% (the normal tail below −2).
constexpr double kMeanTestPowerMargin = 2;

struct MeanTestOptions {
  int64_t pilot = 2000;      ///< draws that measure the noise (discarded)
  int64_t minDraws = 2000;   ///< draws of the test itself, at least...
  int64_t maxDraws = 100000; ///< ...and at most
  double targetBias = 0.05;  ///< the bias to detect, relative to |mean|
  double tolerance = 0.01;   ///< allowed relative gap (the O(h²) of the
                             ///< finite difference)
};

struct MeanTestResult {
  int64_t pilot = 0, draws = 0; ///< the pilot's and the test's draw counts
  double estimate = 0;          ///< the mean of the estimator
  double reference = 0;         ///< the mean of the reference
  double sd = 0;                ///< sd of one paired difference (the test's)
  double z = 0; ///< |mean difference| beyond the tolerance, in std errors
  double detectable = 0; ///< the smallest bias detected with power ≥ 97.7%
  bool pass = true;
};

/// Draw `step` of the pair (estimator, reference); the pilot uses steps
/// 0..pilot-1 and the test the steps after, so the test's draws are
/// independent of the choice of their number.
using PairedDraw = std::function<std::pair<double, double>(int64_t step)>;

MeanTestResult runMeanTest(const PairedDraw &draw,
                           const MeanTestOptions &options);

} // namespace sgc

#endif // SGC_MEANTEST_H
