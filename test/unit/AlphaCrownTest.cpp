//===- AlphaCrownTest.cpp - Optimized relu slopes -------------------------===//
//
// alpha-CROWN's bounds against ground truth: never looser than CROWN,
// never above any reachable value (sampled points, and points that a
// gradient descent pushes towards the minimum), tight where the optimal
// slope is known, the slope gradient against finite differences, and
// slopes outside [0, 1] ignored. Fixed seeds: deterministic.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/AlphaCrown.h"
#include "sg/NetworkVerification/Attack.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir::sg::verify;

namespace {

Network randomReluNetwork(std::mt19937_64 &gen, size_t inputs,
                          const std::vector<size_t> &widths) {
  Network net;
  net.inputSize = inputs;
  std::normal_distribution<double> normal(0.0, 1.0);
  size_t in = inputs;
  for (size_t l = 0; l < widths.size(); ++l) {
    std::vector<double> w(in * widths[l]), b(widths[l]);
    for (double &x : w)
      x = normal(gen) * 2 / std::sqrt(double(in));
    for (double &x : b)
      x = normal(gen) * 0.3;
    net.addAffine(w, b, in, widths[l]);
    if (l + 1 < widths.size())
      net.addActivation(LayerKind::Relu);
    in = widths[l];
  }
  return net;
}

double dot(const std::vector<double> &a, const std::vector<double> &b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i)
    s += a[i] * b[i];
  return s;
}

TEST(AlphaCrown, NeverLooserThanCrownNeverAboveAReachableValue) {
  std::mt19937_64 gen(2024);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  double gain = 0;
  int rowsSeen = 0;
  for (int trial = 0; trial < 30; ++trial) {
    Network net = randomReluNetwork(gen, 3, {12, 12, 10, 4});
    Box box;
    for (int i = 0; i < 3; ++i) {
      double c = u(gen), h = 0.3 + 0.3 * u(gen);
      box.lower.push_back(c - h);
      box.upper.push_back(c + h);
    }
    NetworkBounds nb = computeBounds(net, box, BoundMethod::Crown);
    std::vector<std::vector<double>> rows(5, std::vector<double>(4));
    for (auto &r : rows)
      for (double &c : r)
        c = normal(gen);
    std::vector<double> crown =
        lowerBoundLinear(net, nb, rows, BoundMethod::Crown);
    std::vector<std::vector<double>> coeffs;
    std::vector<double> alpha = optimizedLowerBounds(
        net, nb, net.layers.size(), rows, SlopeOptimization(), &coeffs);
    ASSERT_EQ(coeffs.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      ASSERT_GE(alpha[r], crown[r]) << "trial " << trial << " row " << r;
      gain += alpha[r] - crown[r];
      ++rowsSeen;
      // The lowest value of c . f that descents from 20 points reach: the
      // bound must stay below it.
      std::vector<LinearConstraint> c{{rows[r], 0}};
      std::mt19937_64 starts(trial * 10 + r);
      for (const std::vector<double> &x0 : randomStarts(box, 20, starts)) {
        double lowest;
        std::vector<double> x = descend(net, c, box, x0, 30, lowest);
        ASSERT_TRUE(box.contains(x));
        ASSERT_LE(alpha[r], dot(rows[r], net.evaluate(x)))
            << "trial " << trial << " row " << r;
        ASSERT_LE(alpha[r], dot(rows[r], net.evaluate(x0)));
      }
    }
  }
  // The optimization must do something on these networks.
  EXPECT_GT(gain / rowsSeen, 1e-3);
}

TEST(AlphaCrown, IntermediateBoundsTightenAndHoldEverySampledValue) {
  std::mt19937_64 gen(77);
  double before = 0, after = 0;
  for (int trial = 0; trial < 20; ++trial) {
    Network net = randomReluNetwork(gen, 3, {12, 12, 12, 12, 3});
    Box box{{-0.6, -0.1, 0.2}, {0.2, 0.5, 0.7}};
    NetworkBounds crown = computeBounds(net, box, BoundMethod::Crown);
    NetworkBounds alpha = crown;
    optimizeIntermediateBounds(net, alpha, SlopeOptimization());
    for (size_t v = 0; v < crown.values.size(); ++v)
      for (size_t i = 0; i < crown.values[v].size(); ++i) {
        ASSERT_GE(alpha.values[v].lower[i], crown.values[v].lower[i]);
        ASSERT_LE(alpha.values[v].upper[i], crown.values[v].upper[i]);
        before += crown.values[v].upper[i] - crown.values[v].lower[i];
        after += alpha.values[v].upper[i] - alpha.values[v].lower[i];
      }
    // Every layer's value at sampled points (a quarter of the coordinates
    // on faces) and at the box's corners stays inside.
    std::uniform_real_distribution<double> u(0, 1);
    for (int s = 0; s < 300; ++s) {
      std::vector<double> x(3);
      for (size_t i = 0; i < 3; ++i) {
        double r = u(gen);
        x[i] = s < 8       ? ((s >> i) & 1 ? box.upper[i] : box.lower[i])
               : r < 0.125 ? box.lower[i]
               : r < 0.25
                   ? box.upper[i]
                   : box.lower[i] + u(gen) * (box.upper[i] - box.lower[i]);
      }
      Network prefix;
      prefix.inputSize = 3;
      for (size_t l = 0; l < net.layers.size(); ++l) {
        prefix.layers.push_back(net.layers[l]);
        std::vector<double> y = prefix.evaluate(x);
        for (size_t i = 0; i < y.size(); ++i) {
          ASSERT_GE(y[i], alpha.values[l + 1].lower[i]) << trial;
          ASSERT_LE(y[i], alpha.values[l + 1].upper[i]) << trial;
        }
      }
    }
  }
  // Deep random networks: the optimized intermediate bounds are narrower.
  EXPECT_LT(after, 0.95 * before);
}

/// relu(x) on [-1, 1]: CROWN takes y >= x (u >= -l) and bounds relu(x)
/// below by -1; the optimal slope 0 gives the exact minimum 0.
TEST(AlphaCrown, FindsTheOptimalSlopeOfOneRelu) {
  Network net;
  net.inputSize = 1;
  net.addAffine({1}, {0}, 1, 1);
  net.addActivation(LayerKind::Relu);
  Box box{{-1}, {1}};
  NetworkBounds nb = computeBounds(net, box, BoundMethod::Crown);
  std::vector<std::vector<double>> rows{{1}};
  EXPECT_NEAR(lowerBoundLinear(net, nb, rows, BoundMethod::Crown)[0], -1,
              1e-12);
  double alpha = optimizedLowerBounds(net, nb, net.layers.size(), rows,
                                      SlopeOptimization())[0];
  EXPECT_LE(alpha, 0.0); // relu(0) = 0
  EXPECT_GT(alpha, -1e-9);
}

TEST(AlphaCrown, SlopeGradientMatchesFiniteDifferences) {
  std::mt19937_64 gen(7);
  Network net = randomReluNetwork(gen, 3, {10, 10, 3});
  Box box{{-0.5, -0.2, 0.1}, {0.4, 0.6, 0.9}};
  NetworkBounds nb = computeBounds(net, box, BoundMethod::Crown);
  std::vector<std::vector<double>> rows{{1, -1, 0.5}};
  size_t k = net.layers.size();
  ReluSlopes slopes(k);
  for (size_t li = 0; li < k; ++li)
    if (net.layers[li].kind == LayerKind::Relu)
      slopes[li].assign(net.layers[li].in, 0.5);
  std::vector<ReluSlopes> grads;
  lowerBoundWithSlopes(net, nb, k, rows, {slopes}, &grads);
  int checked = 0;
  for (size_t li = 0; li < k; ++li)
    for (size_t i = 0; i < slopes[li].size(); ++i) {
      ReluSlopes lo = slopes, hi = slopes;
      lo[li][i] -= 1e-4;
      hi[li][i] += 1e-4;
      double fd = (lowerBoundWithSlopes(net, nb, k, rows, {hi})[0] -
                   lowerBoundWithSlopes(net, nb, k, rows, {lo})[0]) /
                  2e-4;
      EXPECT_NEAR(grads[0][li][i], fd, 1e-6 * (1 + std::fabs(fd)))
          << "layer " << li << " unit " << i;
      checked += grads[0][li][i] != 0;
    }
  EXPECT_GT(checked, 3); // some unstable units with an effect
}

TEST(AlphaCrown, SlopesOutsideTheUnitIntervalAreIgnored) {
  std::mt19937_64 gen(11);
  Network net = randomReluNetwork(gen, 2, {8, 8, 2});
  Box box{{-1, -1}, {1, 1}};
  NetworkBounds nb = computeBounds(net, box, BoundMethod::Crown);
  std::vector<std::vector<double>> rows{{1, 0}, {0.3, -1}};
  std::vector<double> crown =
      lowerBoundLinear(net, nb, rows, BoundMethod::Crown);
  size_t k = net.layers.size();
  for (double bad : {1.5, -0.25, std::nan("")}) {
    ReluSlopes slopes(k);
    for (size_t li = 0; li < k; ++li)
      if (net.layers[li].kind == LayerKind::Relu)
        slopes[li].assign(net.layers[li].in, bad);
    std::vector<double> lb =
        lowerBoundWithSlopes(net, nb, k, rows, {slopes, slopes});
    EXPECT_EQ(lb, crown) << bad;
  }
}

} // namespace
