//===- AttackTest.cpp - Counterexample search -----------------------------===//
//
// The gradient search on its own: the violation it minimizes, where its
// starts lie, that it reaches narrow unsafe sets, and that it returns only
// points of the box.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Attack.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace mlir::sg::verify;

namespace {

const std::string kDataDir = SG_ACASXU_DIR;

bool haveData() {
  struct stat st;
  return stat((kDataDir + "/prop_7.vnnlib").c_str(), &st) == 0;
}

TEST(Attack, ViolationIsTheMostViolatedConstraint) {
  std::vector<LinearConstraint> conj{{{1, 0}, 1}, {{0, -1}, 0.5}};
  size_t which = 9;
  // y = (3, 1): 3 - 1 = 2 and -1 - 0.5 = -1.5.
  EXPECT_DOUBLE_EQ(violation(conj, {3, 1}, &which), 2);
  EXPECT_EQ(which, 0u);
  EXPECT_DOUBLE_EQ(violation(conj, {0, -4}, &which), 3.5);
  EXPECT_EQ(which, 1u);
}

TEST(Attack, StartsLieInTheBoxAndOftenOnItsFaces) {
  Box box{{-1, 0, 2}, {1, 0.5, 3}};
  std::mt19937_64 gen(7);
  int onFace = 0, total = 0;
  for (const std::vector<double> &x : randomStarts(box, 400, gen)) {
    ASSERT_TRUE(box.contains(x));
    for (size_t i = 0; i < x.size(); ++i, ++total)
      onFace += x[i] == box.lower[i] || x[i] == box.upper[i];
  }
  // Each input is on a face with probability 1/2: 600 of 1200 expected,
  // sd 17; the bounds are 6 sd away.
  EXPECT_GT(onFace, 500);
  EXPECT_LT(onFace, 700);
  for (const std::vector<double> &x : randomStarts(box, 100, gen, false))
    for (size_t i = 0; i < x.size(); ++i)
      EXPECT_TRUE(x[i] > box.lower[i] && x[i] < box.upper[i]);
}

/// A two-input network with y = relu(x0 + x1 - 1.9) - 0.01 * x0: its
/// unsafe set (y >= 0.05, i.e. -y <= -0.05) is a small corner of [0, 1]^2
/// in which the gradient of the max is zero almost everywhere outside.
TEST(Attack, DescentStaysInTheBoxAndReachesTheCorner) {
  Network net;
  net.inputSize = 2;
  net.addAffine({1, 1, 1, 0}, {-1.9, 0}, 2, 2);
  net.addActivation(LayerKind::Relu);
  net.addAffine({1, -0.01}, {0}, 2, 1);
  Box box{{0, 0}, {1, 1}};
  std::vector<LinearConstraint> conj{{{-1}, -0.05}};
  for (Descent kind : {Descent::Adam, Descent::Sign}) {
    double best;
    std::vector<double> x =
        descend(net, conj, box, {0.99, 0.95}, 40, best, kind);
    ASSERT_TRUE(box.contains(x));
    EXPECT_LE(best, 0);
    EXPECT_DOUBLE_EQ(violation(conj, net.evaluate(x)), best);
  }
}

/// ACAS Xu N1,9 property 7 is violated (VNN-COMP 2021) in a small region
/// near faces of the box, which 40-step descents from the seeded starts
/// below reach (branch and bound's random restarts are these).
TEST(Attack, FindsTheAcasXuN19Property7Counterexample) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  std::string text, error;
  Network net;
  NNetInfo info;
  Property p;
  ASSERT_TRUE(
      readFile(kDataDir + "/ACASXU_run2a_1_9_batch_2000.nnet", text, error) &&
      parseNNet(text, "n19", net, info, error))
      << error;
  ASSERT_TRUE(readFile(kDataDir + "/prop_7.vnnlib", text, error) &&
              parseVnnLib(text, "prop_7", p, error))
      << error;
  const PropertyCase &c = p.cases.at(0);
  auto search = [&](Descent kind) {
    std::mt19937_64 gen(1);
    for (const std::vector<double> &x0 : randomStarts(c.box, 1000, gen))
      for (const std::vector<LinearConstraint> &conj : c.unsafe) {
        double best;
        std::vector<double> x = descend(net, conj, c.box, x0, 40, best, kind);
        if (best <= 0) {
          EXPECT_TRUE(c.box.contains(x));
          EXPECT_TRUE(Property::isUnsafeOutput(c, net.evaluate(x)));
          return true;
        }
      }
    return false;
  };
  EXPECT_TRUE(search(Descent::Adam));
}

} // namespace
