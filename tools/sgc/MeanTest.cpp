//===- MeanTest.cpp - a z-test of paired means, sized for power -----------===//

#include "MeanTest.h"

#include <algorithm>
#include <cmath>

using namespace sgc;

namespace {
/// Welford's running mean and variance of the estimator, the reference and
/// their difference.
struct Moments {
  int64_t n = 0;
  double mean[3] = {0, 0, 0}, m2[3] = {0, 0, 0};
  void add(double estimate, double reference) {
    ++n;
    double x[3] = {estimate, reference, estimate - reference};
    for (int i = 0; i < 3; ++i) {
      double d = x[i] - mean[i];
      mean[i] += d / n;
      m2[i] += d * (x[i] - mean[i]);
    }
  }
  double sdOfDifference() const {
    return n > 1 ? std::sqrt(m2[2] / (n - 1)) : 0;
  }
};
} // namespace

MeanTestResult sgc::runMeanTest(const PairedDraw &draw,
                                const MeanTestOptions &options) {
  MeanTestResult r;
  Moments pilot;
  for (int64_t s = 0; s < options.pilot; ++s) {
    auto [estimate, reference] = draw(s);
    pilot.add(estimate, reference);
  }
  r.pilot = pilot.n;
  // n draws give a standard error sd/√n; a bias of `target` is detected with
  // the stated power when (bound + margin)·sd/√n + tolerance ≤ target.
  double scale = std::max(std::fabs(pilot.mean[0]), std::fabs(pilot.mean[1]));
  double room =
      options.targetBias * scale - options.tolerance * std::fabs(pilot.mean[1]);
  double k = kMeanTestBound + kMeanTestPowerMargin;
  double sd = pilot.sdOfDifference();
  double wanted = room > 0 ? std::ceil(std::pow(k * sd / room, 2))
                           : double(options.maxDraws);
  int64_t n = static_cast<int64_t>(
      std::clamp(wanted, double(options.minDraws), double(options.maxDraws)));

  Moments test;
  for (int64_t s = 0; s < n; ++s) {
    auto [estimate, reference] = draw(options.pilot + s);
    test.add(estimate, reference);
  }
  r.draws = test.n;
  r.estimate = test.mean[0];
  r.reference = test.mean[1];
  r.sd = test.sdOfDifference();
  double se = test.n > 0 ? r.sd / std::sqrt(double(test.n)) : 0;
  double tolerance = options.tolerance * std::fabs(r.reference);
  double gap = std::max(0.0, std::fabs(test.mean[2]) - tolerance);
  r.z = se > 0 ? gap / se : (gap > 0 ? INFINITY : 0);
  r.detectable = k * se + tolerance;
  r.pass = r.z <= kMeanTestBound;
  return r;
}
