//===- RegionsTest.cpp - Largest certified regions ------------------------===//
//
// The log-volume optimizer against a closed-form optimum and the KKT
// conditions; the activation pattern's affine maps against evaluation;
// regions never containing a sampled unsafe point, and a slightly enlarged
// region caught by the same sampling.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Regions.h"
#include "sg/NetworkVerification/BranchAndBound.h"

#include "RandomNetwork.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

using namespace mlir::sg::verify;
using sg_test::randomNetwork;

namespace {

/// The KKT conditions of max sum log(u - l) s.t. the problem's constraints,
/// with the solution's multipliers: stationarity in every l_i and u_i (to
/// `tol` relative to 1/width), dual feasibility, and primal feasibility.
void expectKkt(const LargestBoxProblem &p, const LargestBoxSolution &s,
               double tol) {
  size_t n = p.center.size();
  for (double m : s.multipliers)
    EXPECT_GE(m, 0);
  for (size_t j = 0; j < p.constraints.size(); ++j) {
    double worst = 0; // max over the box of a . x
    for (size_t i = 0; i < n; ++i)
      worst += std::max(p.constraints[j].a[i] * s.box.lower[i],
                        p.constraints[j].a[i] * s.box.upper[i]);
    EXPECT_LE(worst, p.constraints[j].b) << "constraint " << j;
  }
  for (size_t i = 0; i < n; ++i) {
    EXPECT_GE(s.box.lower[i], p.limit.lower[i]);
    EXPECT_LE(s.box.lower[i], p.center[i]);
    EXPECT_GE(s.box.upper[i], p.center[i]);
    EXPECT_LE(s.box.upper[i], p.limit.upper[i]);
    if (!(p.limit.upper[i] > p.limit.lower[i]))
      continue;
    double w = s.box.upper[i] - s.box.lower[i];
    // d/dl: -1/w = sum_j lambda_j (-a-_ji) - muLimit + muCenter.
    // d/du: 1/w = sum_j lambda_j a+_ji + muLimit - muCenter.
    double rl = -1 / w + s.lowerLimit[i] - s.lowerCenter[i];
    double ru = 1 / w - s.upperLimit[i] + s.upperCenter[i];
    for (size_t j = 0; j < p.constraints.size(); ++j) {
      double a = p.constraints[j].a[i];
      rl += s.multipliers[j] * std::max(-a, 0.0);
      ru -= s.multipliers[j] * std::max(a, 0.0);
    }
    EXPECT_LT(std::fabs(rl) * w, tol) << "input " << i;
    EXPECT_LT(std::fabs(ru) * w, tol) << "input " << i;
  }
}

TEST(LargestBox, OneConstraintHasTheClosedFormOptimum) {
  // a . x <= b on [-1, 1]^3 with a = (1, -2, 0.5), b = -1. Each input's
  // free end is the one the constraint does not see (l for a > 0, u for
  // a < 0) and sits on the limit; the constraint becomes
  // sum |a_i| w_i <= B = b - sum_i (a_i > 0 ? a_i L_i : a_i U_i) = 2.5,
  // whose log-volume optimum shares B equally: w_i = B / (3 |a_i|).
  LargestBoxProblem p;
  p.limit = Box{{-1, -1, -1}, {1, 1, 1}};
  p.center = {-0.9, 0.9, -0.9};
  p.constraints.push_back({{1, -2, 0.5}, -1});
  LargestBoxSolution s = largestBox(p);
  ASSERT_TRUE(s.found) << s.error;
  double B = 2.5, a[3] = {1, 2, 0.5};
  double expected = 0;
  for (double ai : a)
    expected += std::log(B / (3 * ai));
  EXPECT_NEAR(s.logVolume, expected, 1e-7);
  EXPECT_LE(s.logVolume, expected + 1e-12); // never above the optimum
  EXPECT_NEAR(s.box.lower[0], -1, 1e-7);
  EXPECT_NEAR(s.box.upper[0], -1 + B / 3, 1e-7);
  EXPECT_NEAR(s.box.lower[1], 1 - B / 6, 1e-7);
  EXPECT_NEAR(s.box.upper[1], 1, 1e-7);
  EXPECT_NEAR(s.box.upper[2], -1 + B / 1.5, 1e-7);
  // The constraint's multiplier: 1 / (w_i |a_i|) = 3 / B; the limits the
  // free ends rest on carry 1 / w_i, the center's bounds nothing.
  EXPECT_NEAR(s.multipliers[0], 3 / B, 1e-5);
  EXPECT_NEAR(s.lowerLimit[0], 3 / B, 1e-5);
  EXPECT_NEAR(s.upperLimit[1], 6 / B, 1e-5);
  EXPECT_LT(s.lowerCenter[0] + s.upperCenter[0], 1e-5);
  EXPECT_LT(s.dualityGap, 1e-7);
  expectKkt(p, s, 1e-5);
}

TEST(LargestBox, LimitsAndFixedInputs) {
  // No constraint: the whole limit. An input whose limit is a point stays
  // fixed and does not count.
  LargestBoxProblem p;
  p.limit = Box{{0, 2, -1}, {1, 2, 3}};
  p.center = {0.5, 2, 0};
  LargestBoxSolution s = largestBox(p);
  ASSERT_TRUE(s.found) << s.error;
  EXPECT_NEAR(s.logVolume, std::log(1.0) + std::log(4.0), 1e-7);
  EXPECT_EQ(s.box.lower[1], 2);
  EXPECT_EQ(s.box.upper[1], 2);
  // A center that violates a constraint has no box.
  p.constraints.push_back({{1, 0, 0}, 0.4});
  LargestBoxSolution none = largestBox(p);
  EXPECT_FALSE(none.found);
  EXPECT_FALSE(none.error.empty());
}

TEST(LargestBox, RandomPolytopesSatisfyKkt) {
  std::mt19937_64 gen(7);
  std::normal_distribution<double> normal(0, 1);
  std::uniform_real_distribution<double> u(-0.2, 0.2);
  int compared = 0;
  for (int trial = 0; trial < 30; ++trial) {
    size_t n = 2 + trial % 4;
    LargestBoxProblem p;
    p.limit.lower.assign(n, -1);
    p.limit.upper.assign(n, 1);
    for (size_t i = 0; i < n; ++i)
      p.center.push_back(u(gen));
    // Constraints a . x <= a . center + margin: the center is strictly
    // inside.
    for (int j = 0; j < 20; ++j) {
      BoxConstraint c;
      double ac = 0;
      for (size_t i = 0; i < n; ++i) {
        c.a.push_back(normal(gen));
        ac += c.a.back() * p.center[i];
      }
      c.b = ac + 0.05 + 0.5 * std::fabs(normal(gen));
      p.constraints.push_back(c);
    }
    LargestBoxSolution s = largestBox(p);
    ASSERT_TRUE(s.found) << s.error;
    expectKkt(p, s, 1e-5);
    EXPECT_LT(s.dualityGap, 1e-7);
    // No box shifted or scaled a little from the optimum is feasible and
    // larger (the optimum is global for this concave program; this checks
    // the implementation, not the theorem).
    for (int k = 0; k < 200; ++k) {
      Box b = s.box;
      for (size_t i = 0; i < n; ++i) {
        b.lower[i] =
            std::max(p.limit.lower[i],
                     std::min(p.center[i], b.lower[i] + 0.01 * normal(gen)));
        b.upper[i] =
            std::min(p.limit.upper[i],
                     std::max(p.center[i], b.upper[i] + 0.01 * normal(gen)));
      }
      bool feasible = true;
      for (const BoxConstraint &c : p.constraints) {
        double worst = 0;
        for (size_t i = 0; i < n; ++i)
          worst += std::max(c.a[i] * b.lower[i], c.a[i] * b.upper[i]);
        feasible &= worst <= c.b;
      }
      // (logVolume skips empty widths: a flat box is not larger.)
      for (size_t i = 0; i < n; ++i)
        feasible &= b.upper[i] > b.lower[i];
      if (!feasible)
        continue;
      ++compared;
      EXPECT_LE(logVolume(b), s.logVolume + 1e-7) << "trial " << trial;
    }
  }
  EXPECT_GT(compared, 100); // the check compared something
}

TEST(ActivationPattern, AffineMapsMatchTheNetworkInsideThePattern) {
  std::mt19937_64 gen(3);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int trial = 0; trial < 10; ++trial) {
    Network net = randomNetwork(gen);
    std::vector<double> x0{u(gen), u(gen)};
    ActivationPattern ap = activationPattern(net, x0);
    ASSERT_TRUE(ap.found) << ap.error;
    EXPECT_EQ(ap.relus, 24u);
    EXPECT_EQ(ap.signs.size(), 24u);
    // Points near x0 inside every sign constraint: the affine map is the
    // network; points outside some constraint exist too (the pattern
    // changes), where it generally is not.
    int inside = 0;
    for (int k = 0; k < 500; ++k) {
      std::vector<double> x{x0[0] + 0.3 * u(gen), x0[1] + 0.3 * u(gen)};
      bool in = true;
      for (const BoxConstraint &c : ap.signs)
        in &= c.a[0] * x[0] + c.a[1] * x[1] <= c.b;
      if (!in)
        continue;
      ++inside;
      std::vector<double> y = net.evaluate(x);
      for (size_t j = 0; j < 2; ++j)
        EXPECT_NEAR(ap.outputA[j][0] * x[0] + ap.outputA[j][1] * x[1] +
                        ap.outputD[j],
                    y[j], 1e-12);
    }
    EXPECT_GT(inside, 0);
  }
  Network tanhNet;
  tanhNet.inputSize = 1;
  tanhNet.addAffine({1}, {0}, 1, 1);
  tanhNet.addActivation(LayerKind::Tanh);
  ActivationPattern none = activationPattern(tanhNet, {0.5});
  EXPECT_FALSE(none.found);
  EXPECT_NE(none.error.find("layer 1 is tanh"), std::string::npos);
}

/// Whether `samples` uniform points of `box` (a quarter on its faces)
/// all keep the property y0 - y1 > t.
bool samplesSafe(const Network &net, const Box &box, double t,
                 std::mt19937_64 &gen, int samples = 4000) {
  std::uniform_real_distribution<double> u(0, 1);
  for (int s = 0; s < samples; ++s) {
    std::vector<double> x(box.size());
    for (size_t i = 0; i < box.size(); ++i) {
      double f = u(gen);
      if (s % 4 == 0) // a face: each input at an end with probability 1/2
        f = f < 0.25 ? 0 : f > 0.75 ? 1 : u(gen);
      x[i] = box.lower[i] + f * (box.upper[i] - box.lower[i]);
    }
    std::vector<double> y = net.evaluate(x);
    if (!(y[0] - y[1] > t))
      return false;
  }
  return true;
}

class RegionSoundness : public ::testing::Test {
protected:
  /// Unsafe: y0 - y1 <= t with t a little below the value at x0.
  Property property(const Network &net, const std::vector<double> &x0,
                    double &t) {
    std::vector<double> y0 = net.evaluate(x0);
    t = y0[0] - y0[1] - 0.3;
    return sg_test::gapAtMost(t);
  }
};

TEST_F(RegionSoundness, SampledPointsNeverViolateAndEnlargementIsCaught) {
  std::mt19937_64 gen(11);
  int caught = 0, tight = 0;
  for (int trial = 0; trial < 10; ++trial) {
    Network net = randomNetwork(gen);
    std::vector<double> x0{0.1, -0.2};
    double t;
    Property p = property(net, x0, t);
    RegionResult r = findRegion(net, p, x0, RegionOptions());
    ASSERT_TRUE(r.found) << r.error;
    ASSERT_TRUE(r.patternFound) << r.patternError;
    ASSERT_TRUE(r.greedyFound);
    for (const Box *b : {&r.box, &r.patternBox, &r.greedyBox}) {
      EXPECT_TRUE(b->contains(x0));
      EXPECT_TRUE(p.cases[0].box.contains(b->lower));
      EXPECT_TRUE(p.cases[0].box.contains(b->upper));
      EXPECT_TRUE(samplesSafe(net, *b, t, gen)) << "trial " << trial;
    }
    // The region grows from the pattern box: never smaller.
    EXPECT_GE(r.logVolume, r.patternLogVolume);
    // On the pattern box every relu keeps its sign (the network is affine).
    EXPECT_EQ(
        computeBounds(net, r.patternBox, BoundMethod::Crown).unstableRelus(net),
        0u);
    // Mutation: every side of the region that stopped short of the limit
    // moved out by 2% of the region's width. Where the region is tight
    // (the property fails just beyond), sampling finds the violation.
    Box bigger = r.box;
    bool grew = false;
    for (size_t i = 0; i < 2; ++i) {
      double w = r.box.upper[i] - r.box.lower[i];
      if (bigger.lower[i] > -1) {
        bigger.lower[i] = std::max(-1.0, bigger.lower[i] - 0.02 * w);
        grew = true;
      }
      if (bigger.upper[i] < 1) {
        bigger.upper[i] = std::min(1.0, bigger.upper[i] + 0.02 * w);
        grew = true;
      }
    }
    if (!grew)
      continue;
    ++tight;
    caught += !samplesSafe(net, bigger, t, gen, 20000);
  }
  // The certified regions reach close to the property's boundary: most
  // enlargements contain violations that sampling finds.
  EXPECT_GT(tight, 5);
  EXPECT_GE(caught, tight / 2) << caught << " of " << tight;
  std::printf("enlarged regions caught: %d of %d\n", caught, tight);
}

TEST(Region, PatternBoxNeedsARelu) {
  // A tanh network has no activation pattern: the region starts from the
  // point, and the reason is reported.
  Network net;
  net.inputSize = 1;
  net.addAffine({1}, {0}, 1, 1);
  net.addActivation(LayerKind::Tanh);
  Property p;
  p.numInputs = 1;
  p.numOutputs = 1;
  p.cases.push_back({Box{{-1}, {1}}, {{LinearConstraint{{1.0}, -0.5}}}});
  RegionResult r = findRegion(net, p, {0.5}, RegionOptions());
  ASSERT_TRUE(r.found) << r.error;
  EXPECT_FALSE(r.patternFound);
  EXPECT_NE(r.patternError.find("tanh"), std::string::npos);
  // Both grow to the boundary (to the binary search's resolution).
  EXPECT_NEAR(r.logVolume, r.greedyLogVolume, 1e-2);
  EXPECT_LT(r.box.lower[0], -0.5); // tanh(x) > -0.5 iff x > -0.549
  EXPECT_GT(r.box.lower[0], -0.56);
}

} // namespace
