//===- BranchAndBoundTest.cpp - Complete verification and regions ---------===//
//
// Branch and bound against ground truth on small networks: answers agree
// with dense sampling (a sat answer carries a true counterexample; an unsat
// answer is never contradicted by any sample), and regions are certified.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/BranchAndBound.h"
#include "sg/NetworkVerification/Regions.h"

#include "RandomNetwork.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir::sg::verify;
using sg_test::gapAtMost;
using sg_test::randomNetwork;
using sg_test::sampledMinGap;

namespace {

/// f(x) = relu(x) - relu(-x) = x on one input.
Network identityThroughRelus() {
  Network net;
  net.inputSize = 1;
  net.addAffine({1, -1}, {0, 0}, 1, 2);
  net.addActivation(LayerKind::Relu);
  net.addAffine({1, -1}, {0}, 2, 1);
  return net;
}

/// A property "Y_0 <= rhs" (unsafe when the output is at most rhs) on a box.
Property atMost(const Box &box, double rhs) {
  Property p;
  p.numInputs = box.size();
  p.numOutputs = 1;
  p.cases.push_back({box, {{LinearConstraint{{1.0}, rhs}}}});
  return p;
}

VerifyOptions quick() {
  VerifyOptions o;
  o.timeoutSeconds = 20;
  return o;
}

TEST(BranchAndBound, DecidesAOneInputNetwork) {
  Network net = identityThroughRelus();
  Box box{{-1}, {1}};
  // y = x >= -1 on the box: y <= -1.5 is unreachable, y <= 0.5 is not.
  VerifyResult unsat = verifyProperty(net, atMost(box, -1.5), quick());
  EXPECT_EQ(unsat.verdict, Verdict::Unsat);
  VerifyResult sat = verifyProperty(net, atMost(box, 0.5), quick());
  ASSERT_EQ(sat.verdict, Verdict::Sat);
  ASSERT_EQ(sat.counterexample.size(), 1u);
  EXPECT_TRUE(box.contains(sat.counterexample));
  EXPECT_LE(net.evaluate(sat.counterexample)[0], 0.5);
  // A disjunction: unsafe if y <= -1.5 or y >= 0.9 (-y <= -0.9).
  Property p = atMost(box, -1.5);
  p.cases[0].unsafe.push_back({LinearConstraint{{-1.0}, -0.9}});
  VerifyResult either = verifyProperty(net, p, quick());
  ASSERT_EQ(either.verdict, Verdict::Sat);
  EXPECT_GE(net.evaluate(either.counterexample)[0], 0.9);
}

/// CROWN alone; optimized slopes on the final and the intermediate bounds;
/// and the same after a first phase of CROWN alone so short (1 ns) that
/// every property it leaves undecided goes to the second phase (sat trials
/// are mostly answered by the root's counterexample search before that);
/// relu splits with optimized slopes and multipliers; and relu or input
/// splits chosen per box by strong branching.
class AgreesWithDenseSampling : public ::testing::TestWithParam<int> {};

TEST_P(AgreesWithDenseSampling, OnRandomNetworks) {
  std::mt19937_64 gen(2026);
  VerifyOptions options = quick();
  if (GetParam() > 0) {
    options.slopeSteps = 8;
    options.slopeDepth = 3;
  }
  if (GetParam() == 2)
    options.slopesAfterSeconds = 1e-9;
  // Relu splits (beta-CROWN) alone, and chosen against input splits.
  // Relu splits alone need many sub-problems on a 2-input network whose
  // relus are nearly all unstable (most sign patterns are empty, which the
  // bounds show only approximately): there an unsat trial may end unknown
  // (after 20,000 bounded sub-problems each, on one thread: a budget that
  // does not depend on the machine's speed), which is never wrong; the
  // rest must agree.
  if (GetParam() == 3) {
    options.splitting = Splitting::Relu;
    options.strongBranching = true;
    options.maxBoxes = 20000;
    options.threads = 1;
  }
  if (GetParam() == 4) {
    options.splitting = Splitting::Auto;
    options.strongBranching = true;
  }
  Box box{{-1, -1}, {1, 1}};
  int sat = 0, unsat = 0, unknown = 0;
  for (int trial = 0; trial < 30; ++trial) {
    Network net = randomNetwork(gen);
    // Unsafe: y0 - y1 <= t, with t just below or just above the minimum
    // found by sampling.
    double lo = sampledMinGap(net);
    double t = trial % 2 ? lo - 0.05 : lo + 0.05;
    VerifyResult r = verifyProperty(net, gapAtMost(t), options);
    if (GetParam() == 3 && r.verdict == Verdict::Unknown && trial % 2) {
      ++unknown;
      continue;
    }
    ASSERT_NE(r.verdict, Verdict::Unknown) << "trial " << trial;
    if (trial % 2 == 0) {
      // A sample reaches the unsafe set: the answer must be sat, with a
      // real counterexample.
      ASSERT_EQ(r.verdict, Verdict::Sat) << "trial " << trial;
      std::vector<double> y = net.evaluate(r.counterexample);
      EXPECT_LE(y[0] - y[1], t);
      EXPECT_TRUE(box.contains(r.counterexample));
      ++sat;
    } else if (r.verdict == Verdict::Sat) {
      // Sampling can miss a narrow dip; a sat answer must then be real.
      std::vector<double> y = net.evaluate(r.counterexample);
      EXPECT_LE(y[0] - y[1], t);
    } else {
      ++unsat;
    }
  }
  EXPECT_EQ(sat, 15);
  EXPECT_GE(unsat, 10);
  EXPECT_LE(unknown, 5);
}

/// Without the counterexample search, a reachable unsafe set can only end
/// sat (by a box's own point) or unknown, never unsat: this is where a
/// sub-problem wrongly refuted (a split sign flipped, a sibling's clamped
/// bounds inherited, half a relu's domain dropped) shows, which the test
/// above mostly cannot see (its sat trials end at the root's search). The
/// unsafe sets are reached by a sample, so a sound search says unsat never.
class NeverRefutesAReachableSet : public ::testing::TestWithParam<Splitting> {
protected:
  /// No counterexample search; optimized slopes; a budget of sub-problems
  /// on one thread, the same on any machine.
  static VerifyOptions searchOff() {
    VerifyOptions options;
    options.searchCounterexamples = false;
    options.strongBranching = true;
    options.splitting = GetParam();
    options.slopeSteps = 8;
    options.slopeDepth = 3;
    options.maxBoxes = 3000;
    options.threads = 1;
    return options;
  }
};

TEST_P(NeverRefutesAReachableSet, OnRandomNetworks) {
  std::mt19937_64 gen(2026);
  VerifyOptions options = searchOff();
  for (int trial = 0; trial < 30; ++trial) {
    Network net = randomNetwork(gen);
    Property p = gapAtMost(sampledMinGap(net) + 0.05);
    EXPECT_NE(verifyProperty(net, p, options).verdict, Verdict::Unsat)
        << "trial " << trial;
  }
}

/// The same for conjunctions, which are bounded by optimized combinations
/// of their constraints (with optimized slopes): y0 <= a and y1 <= b, each
/// 0.02 above its value at a random grid point, so that point is unsafe.
TEST_P(NeverRefutesAReachableSet, ConjunctionsOnRandomNetworks) {
  std::mt19937_64 gen(77);
  VerifyOptions options = searchOff();
  Box box{{-1, -1}, {1, 1}};
  for (int trial = 0; trial < 30; ++trial) {
    Network net = randomNetwork(gen);
    std::vector<double> x{-1 + double(gen() % 201) / 100,
                          -1 + double(gen() % 201) / 100};
    std::vector<double> y = net.evaluate(x);
    Property p;
    p.numInputs = 2;
    p.numOutputs = 2;
    p.cases.push_back({box,
                       {{LinearConstraint{{1.0, 0.0}, y[0] + 0.02},
                         LinearConstraint{{0.0, 1.0}, y[1] + 0.02}}}});
    EXPECT_NE(verifyProperty(net, p, options).verdict, Verdict::Unsat)
        << "trial " << trial;
  }
}

INSTANTIATE_TEST_SUITE_P(Splits, NeverRefutesAReachableSet,
                         ::testing::Values(Splitting::Input, Splitting::Relu,
                                           Splitting::Auto),
                         [](const auto &info) {
                           return std::string(splittingName(info.param));
                         });

/// A disjunct that constrains only the inputs has no output bound to score
/// relus against; with relu splits on it must still be decided (here sat:
/// every input of the box is unsafe), not crash.
TEST(BranchAndBound, ReluSplitsOnAnInputOnlyDisjunct) {
  std::mt19937_64 gen(1);
  Network net = randomNetwork(gen);
  Property p;
  p.numInputs = 2;
  p.numOutputs = 2;
  p.cases.push_back({Box{{-1, -1}, {1, 1}}, {{}}});
  for (Splitting splitting : {Splitting::Relu, Splitting::Auto}) {
    VerifyOptions options;
    options.searchCounterexamples = false;
    options.strongBranching = true;
    options.splitting = splitting;
    options.maxBoxes = 50;
    options.threads = 1;
    EXPECT_NE(verifyProperty(net, p, options).verdict, Verdict::Unsat)
        << splittingName(splitting);
  }
}

const char *const kBoundNames[] = {"Crown", "AlphaCrown", "CrownThenAlphaCrown",
                                   "ReluSplits", "InputOrReluSplits"};
INSTANTIATE_TEST_SUITE_P(Bounds, AgreesWithDenseSampling,
                         ::testing::Values(0, 1, 2, 3, 4),
                         [](const auto &info) {
                           return std::string(kBoundNames[info.param]);
                         });

TEST(BranchAndBound, TimesOutAsUnknown) {
  std::mt19937_64 gen(7);
  Network net = randomNetwork(gen);
  // Unsafe exactly at the minimum's neighbourhood: needs deep splitting.
  Property p = gapAtMost(-1e9);
  VerifyOptions o;
  o.timeoutSeconds = 1e-9;
  VerifyResult r = verifyProperty(net, p, o);
  EXPECT_EQ(r.verdict, Verdict::Unknown);
}

TEST(Region, GrowsACertifiedBoxAroundAPoint) {
  Network net = identityThroughRelus();
  // Unsafe: y <= -0.5 on [-1, 1]; around x0 = 0.5 the property holds on
  // (-0.5, 1].
  Property p = atMost(Box{{-1}, {1}}, -0.5);
  RegionResult r = findRegion(net, p, {0.5}, RegionOptions());
  ASSERT_TRUE(r.found) << r.error;
  EXPECT_TRUE(certifyBox(net, p.cases[0], r.box, BoundMethod::Crown,
                         RegionOptions().boxesPerCheck));
  EXPECT_GT(r.box.lower[0], -0.5);
  EXPECT_LT(r.box.lower[0], -0.49); // grown to the boundary
  EXPECT_EQ(r.box.upper[0], 1.0);
  EXPECT_NEAR(r.logVolume, std::log(1.5), 0.01);
  // relu(x) and relu(-x) both change sign inside: kinks possible.
  EXPECT_EQ(r.unstableRelus, 2u);
  EXPECT_EQ(r.totalRelus, 2u);
  // The activation pattern of 0.5 holds on (0, 1].
  EXPECT_GE(r.patternBox.lower[0], 0.0);
  EXPECT_LT(r.patternBox.lower[0], 0.01);

  RegionResult outside = findRegion(net, p, {2.0}, RegionOptions());
  EXPECT_FALSE(outside.found);
  RegionResult unsafe = findRegion(net, p, {-0.8}, RegionOptions());
  EXPECT_FALSE(unsafe.found);
}

TEST(Region, RandomNetworkRegionsAreSafeEverywhere) {
  std::mt19937_64 gen(11);
  for (int trial = 0; trial < 10; ++trial) {
    Network net = randomNetwork(gen);
    std::vector<double> x0{0.1, -0.2};
    std::vector<double> y0 = net.evaluate(x0);
    // Unsafe: y0 - y1 <= (value at x0) - 0.3.
    double t = y0[0] - y0[1] - 0.3;
    Property p = gapAtMost(t);
    RegionResult r = findRegion(net, p, x0, RegionOptions());
    ASSERT_TRUE(r.found) << r.error;
    EXPECT_TRUE(r.box.contains(x0));
    std::uniform_real_distribution<double> u(0, 1);
    for (int s = 0; s < 2000; ++s) {
      std::vector<double> x{
          r.box.lower[0] + u(gen) * (r.box.upper[0] - r.box.lower[0]),
          r.box.lower[1] + u(gen) * (r.box.upper[1] - r.box.lower[1])};
      std::vector<double> y = net.evaluate(x);
      ASSERT_GT(y[0] - y[1], t) << "trial " << trial;
    }
  }
}

} // namespace
