//===- BetaCrownTest.cpp - Relu splits in the bounds (beta-CROWN) ---------===//
//
// Bounds of sub-problems restricted by relu splits against ground truth:
// on random networks, no sampled point that satisfies the splits leaves any
// layer's bounds or goes below the optimized Lagrangian bound; the bound
// with multipliers is never looser than without them (same slopes, beta =
// 0 to start); a case where the multiplier's optimum is known; the
// multipliers' gradient against finite differences; contradictory splits
// detected as empty; and multipliers that are negative or not finite
// ignored. Fixed seeds: deterministic.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/AlphaCrown.h"

#include "RandomNetwork.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir::sg::verify;
using sg_test::randomNetwork;

namespace {

/// Every layer's input for x (values[i] is the input of layer i, the last
/// the output), evaluated in double as Network::evaluate does.
std::vector<std::vector<double>> layerValues(const Network &net,
                                             std::vector<double> x) {
  std::vector<std::vector<double>> values{x};
  for (const Layer &layer : net.layers) {
    std::vector<double> y(layer.out);
    for (size_t o = 0; o < layer.out; ++o) {
      if (layer.kind == LayerKind::Affine) {
        double s = layer.bias[o];
        for (size_t i = 0; i < layer.in; ++i)
          s += layer.weight(o, i) * x[i];
        y[o] = s;
      } else {
        y[o] = applyActivation(layer.kind, x[o]);
      }
    }
    x = y;
    values.push_back(x);
  }
  return values;
}

bool satisfies(const std::vector<std::vector<double>> &values,
               const ReluSplits &splits) {
  for (const ReluSplit &sp : splits) {
    double z = values[sp.layer][sp.unit];
    if (sp.active ? z < 0 : z > 0)
      return false;
  }
  return true;
}

/// Up to `count` unstable relus of `nb` with random signs.
ReluSplits randomSplits(const Network &net, const NetworkBounds &nb,
                        size_t count, std::mt19937_64 &gen) {
  std::vector<ReluSplit> unstable;
  for (size_t li = 0; li < net.layers.size(); ++li)
    if (net.layers[li].kind == LayerKind::Relu)
      for (size_t i = 0; i < nb.values[li].size(); ++i)
        if (nb.values[li].lower[i] < 0 && nb.values[li].upper[i] > 0)
          unstable.push_back({li, i, true});
  std::shuffle(unstable.begin(), unstable.end(), gen);
  if (unstable.size() > count)
    unstable.resize(count);
  for (ReluSplit &sp : unstable)
    sp.active = gen() % 2;
  return unstable;
}

/// A uniform point of the box, or (one time in four) a point on a face.
std::vector<double> samplePoint(const Box &box, std::mt19937_64 &gen) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> x(box.size());
  for (size_t i = 0; i < box.size(); ++i)
    x[i] = box.lower[i] + u(gen) * (box.upper[i] - box.lower[i]);
  if (gen() % 4 == 0) {
    size_t i = gen() % box.size();
    x[i] = gen() % 2 ? box.lower[i] : box.upper[i];
  }
  return x;
}

double dot(const std::vector<double> &a, const std::vector<double> &b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i)
    s += a[i] * b[i];
  return s;
}

struct Trial {
  Network net;
  Box box;
  ReluSplits splits;
  NetworkBounds nb;
  std::vector<std::vector<double>> rows;
};

/// A random network, a random box around a random center, 1 to 4 splits
/// of units unstable there, and three random output rows.
Trial randomTrial(std::mt19937_64 &gen) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  Trial t;
  t.net = randomNetwork(gen);
  for (int i = 0; i < 2; ++i) {
    double c = u(gen), h = 0.4 + 0.3 * u(gen);
    t.box.lower.push_back(c - h);
    t.box.upper.push_back(c + h);
  }
  NetworkBounds plain = computeBounds(t.net, t.box, BoundMethod::Crown);
  t.splits = randomSplits(t.net, plain, 1 + gen() % 4, gen);
  t.nb = computeBounds(t.net, t.box, BoundMethod::Crown, nullptr, &t.splits);
  t.rows.assign(3, std::vector<double>(2));
  for (auto &r : t.rows)
    for (double &c : r)
      c = normal(gen);
  return t;
}

TEST(BetaCrown, SampledPointsSatisfyingTheSplitsNeverEscape) {
  std::mt19937_64 gen(4242);
  int inside = 0, checkedTrials = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Trial t = randomTrial(gen);
    if (t.splits.empty())
      continue;
    SlopeOptimization opt;
    opt.steps = 30;
    std::vector<double> lb = optimizedLowerBounds(
        t.net, t.nb, t.net.layers.size(), t.rows, opt, nullptr, &t.splits);
    // Any multipliers >= 0 (and slopes in [0, 1]) give a sound bound, not
    // only those the ascent picks: random ones up to 3.
    std::uniform_real_distribution<double> u(0.0, 1.0);
    size_t k = t.net.layers.size();
    std::vector<ReluSlopes> slopes(t.rows.size(), ReluSlopes(k));
    std::vector<std::vector<double>> betas(
        t.rows.size(), std::vector<double>(t.splits.size()));
    for (size_t r = 0; r < t.rows.size(); ++r) {
      for (size_t li = 0; li < k; ++li)
        if (t.net.layers[li].kind == LayerKind::Relu) {
          slopes[r][li].resize(t.net.layers[li].in);
          for (double &a : slopes[r][li])
            a = u(gen);
        }
      for (double &b : betas[r])
        b = 3 * u(gen);
    }
    std::vector<double> any = lowerBoundWithSlopes(
        t.net, t.nb, k, t.rows, slopes, nullptr, nullptr, &t.splits, &betas);
    bool seen = false;
    for (int s = 0; s < 4000; ++s) {
      std::vector<std::vector<double>> v =
          layerValues(t.net, samplePoint(t.box, gen));
      if (!satisfies(v, t.splits))
        continue;
      // A non-empty domain is never reported empty.
      ASSERT_FALSE(t.nb.empty()) << "trial " << trial;
      seen = true;
      ++inside;
      for (size_t k = 0; k < v.size(); ++k)
        for (size_t i = 0; i < v[k].size(); ++i) {
          ASSERT_GE(v[k][i], t.nb.values[k].lower[i])
              << "trial " << trial << " value " << k << " unit " << i;
          ASSERT_LE(v[k][i], t.nb.values[k].upper[i])
              << "trial " << trial << " value " << k << " unit " << i;
        }
      for (size_t r = 0; r < t.rows.size(); ++r) {
        ASSERT_LE(lb[r], dot(t.rows[r], v.back()))
            << "trial " << trial << " row " << r;
        ASSERT_LE(any[r], dot(t.rows[r], v.back()))
            << "trial " << trial << " row " << r << " (random multipliers)";
      }
    }
    checkedTrials += seen;
  }
  // Most domains are not empty, and the test saw many of their points.
  EXPECT_GE(checkedTrials, 20);
  EXPECT_GE(inside, 25000);
}

/// The optimization starts at beta = 0 with CROWN's slopes and keeps the
/// best bound per row: never looser than that start (CROWN on the split
/// bounds). Against slopes optimized alone (beta held at 0) the joint
/// ascent follows another path, so it is compared on average only.
TEST(BetaCrown, NeverLooserThanItsStartAndTighterOnAverage) {
  std::mt19937_64 gen(77);
  double gain = 0;
  int rowsSeen = 0, tighter = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Trial t = randomTrial(gen);
    if (t.splits.empty() || t.nb.empty())
      continue;
    SlopeOptimization with, without;
    with.steps = without.steps = 20;
    without.betaRate = 0; // beta stays 0: the same slopes' trajectory
    size_t k = t.net.layers.size();
    std::vector<double> beta =
        optimizedLowerBounds(t.net, t.nb, k, t.rows, with, nullptr, &t.splits);
    std::vector<double> alpha = optimizedLowerBounds(
        t.net, t.nb, k, t.rows, without, nullptr, &t.splits);
    std::vector<double> crown =
        lowerBoundLinear(t.net, t.nb, t.rows, BoundMethod::Crown);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      ASSERT_GE(beta[r], crown[r]) << "trial " << trial << " row " << r;
      ASSERT_GE(alpha[r], crown[r]) << "trial " << trial << " row " << r;
      gain += beta[r] - alpha[r];
      tighter += beta[r] > alpha[r];
      ++rowsSeen;
    }
  }
  ASSERT_GT(rowsSeen, 60);
  // The multipliers help on a good share of the rows.
  EXPECT_GT(gain / rowsSeen, 1e-3);
  EXPECT_GE(tighter, rowsSeen / 4);
}

/// y = relu(x) - relu(-x) = x with a third unit z = x split active, on
/// x in [-1, 1]: the domain is [0, 1] and min y = 0. The intermediate
/// bounds of the other two units stay [-1, 1] (the split does not reach
/// them), so without a multiplier y >= a x + (x - 1) / 2 gives -1 at best
/// (a in [0, 1]); the Lagrangian y - beta x is bounded by
/// -|a + 1/2 - beta| - 1/2, whose optimum over beta is -1/2.
TEST(BetaCrown, ReachesTheKnownOptimumOfTheMultiplier) {
  Network net;
  net.inputSize = 1;
  net.addAffine({1, 1, -1}, {0, 0, 0}, 1, 3);
  net.addActivation(LayerKind::Relu);
  net.addAffine({0, 1, -1}, {0}, 3, 1);
  Box box{{-1}, {1}};
  ReluSplits splits{{1, 0, true}};
  NetworkBounds nb =
      computeBounds(net, box, BoundMethod::Crown, nullptr, &splits);
  EXPECT_EQ(nb.values[1].lower[0], 0);
  EXPECT_NEAR(nb.values[1].lower[1], -1, 1e-12);
  SlopeOptimization opt;
  opt.steps = 60;
  std::vector<std::vector<double>> rows{{1.0}};
  std::vector<double> beta =
      optimizedLowerBounds(net, nb, 3, rows, opt, nullptr, &splits);
  opt.betaRate = 0;
  std::vector<double> alpha =
      optimizedLowerBounds(net, nb, 3, rows, opt, nullptr, &splits);
  EXPECT_NEAR(alpha[0], -1, 1e-9);
  EXPECT_LE(beta[0], -0.5);
  EXPECT_GT(beta[0], -0.52);
}

TEST(BetaCrown, MultiplierGradientMatchesFiniteDifferences) {
  std::mt19937_64 gen(99);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  int checked = 0;
  for (int trial = 0; trial < 20; ++trial) {
    Trial t = randomTrial(gen);
    if (t.splits.empty() || t.nb.empty())
      continue;
    size_t k = t.net.layers.size(), rows = t.rows.size();
    std::vector<ReluSlopes> slopes(rows, ReluSlopes(k));
    for (ReluSlopes &s : slopes)
      for (size_t li = 0; li < k; ++li)
        if (t.net.layers[li].kind == LayerKind::Relu) {
          s[li].resize(t.net.layers[li].in);
          for (double &a : s[li])
            a = u(gen);
        }
    std::vector<std::vector<double>> betas(
        rows, std::vector<double>(t.splits.size()));
    for (auto &b : betas)
      for (double &x : b)
        x = 0.1 + u(gen);
    std::vector<std::vector<double>> grads;
    std::vector<double> base =
        lowerBoundWithSlopes(t.net, t.nb, k, t.rows, slopes, nullptr, nullptr,
                             &t.splits, &betas, &grads);
    for (size_t j = 0; j < t.splits.size(); ++j) {
      double h = 1e-6;
      auto plus = betas, minus = betas;
      for (size_t r = 0; r < rows; ++r) {
        plus[r][j] += h;
        minus[r][j] -= h;
      }
      std::vector<double> p = lowerBoundWithSlopes(
          t.net, t.nb, k, t.rows, slopes, nullptr, nullptr, &t.splits, &plus);
      std::vector<double> m = lowerBoundWithSlopes(
          t.net, t.nb, k, t.rows, slopes, nullptr, nullptr, &t.splits, &minus);
      for (size_t r = 0; r < rows; ++r) {
        double fd = (p[r] - m[r]) / (2 * h);
        // The bound is piecewise linear in beta: skip the rare kinks,
        // where the one-sided slopes differ.
        double right = (p[r] - base[r]) / h, left = (base[r] - m[r]) / h;
        if (std::fabs(right - left) > 1e-4 * (1 + std::fabs(fd)))
          continue;
        EXPECT_NEAR(grads[r][j], fd, 1e-5 * (1 + std::fabs(fd)))
            << "trial " << trial << " split " << j << " row " << r;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 30);
}

TEST(BetaCrown, ContradictorySplitsAreEmpty) {
  // z = x, then w = relu(z) + 0.1 >= 0.1 > 0, on x in [-1, 1].
  Network net;
  net.inputSize = 1;
  net.addAffine({1}, {0}, 1, 1);
  net.addActivation(LayerKind::Relu);
  net.addAffine({1}, {0.1}, 1, 1);
  net.addActivation(LayerKind::Relu);
  net.addAffine({1}, {0}, 1, 1);
  Box box{{-1}, {1}};
  // w <= 0 is impossible: the domain is empty, whatever z's sign.
  ReluSplits never{{1, 0, true}, {3, 0, false}};
  EXPECT_TRUE(
      computeBounds(net, box, BoundMethod::Crown, nullptr, &never).empty());
  // z >= 0 on a box where z < 0 everywhere: empty at once.
  ReluSplits active{{1, 0, true}};
  EXPECT_TRUE(computeBounds(net, Box{{-1}, {-0.5}}, BoundMethod::Crown, nullptr,
                            &active)
                  .empty());
  // Satisfiable splits are not empty, including at the boundary z = 0.
  ReluSplits inactive{{1, 0, false}}, edge{{1, 0, true}};
  EXPECT_FALSE(computeBounds(net, Box{{-1}, {-0.5}}, BoundMethod::Crown,
                             nullptr, &inactive)
                   .empty());
  EXPECT_FALSE(
      computeBounds(net, Box{{-1}, {0}}, BoundMethod::Crown, nullptr, &edge)
          .empty());
  EXPECT_FALSE(
      computeBounds(net, box, BoundMethod::Crown, nullptr, &active).empty());
}

/// The optimized combination of a conjunction's constraints, and the exact
/// dual on an affine split domain: on random networks, with and without
/// splits, the bound of the rounded combined row never exceeds its value at
/// a sampled point of the domain, the weights are a distribution, and the
/// combination is at least as good as the equal-weight average (its start)
/// on average.
TEST(BetaCrown, CombinationBoundsHoldOnSampledPoints) {
  std::mt19937_64 gen(31);
  std::normal_distribution<double> normal(0.0, 1.0);
  int checked = 0, stableSeen = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Trial t = randomTrial(gen);
    if (t.nb.empty())
      continue;
    // Small boxes too, where every relu may be stable under the splits.
    if (trial % 2) {
      for (size_t i = 0; i < 2; ++i) {
        double c = t.box.lower[i] + (t.box.upper[i] - t.box.lower[i]) / 2;
        t.box.lower[i] = c - 0.01;
        t.box.upper[i] = c + 0.01;
      }
      NetworkBounds plain = computeBounds(t.net, t.box, BoundMethod::Crown);
      t.splits = randomSplits(t.net, plain, 2, gen);
      t.nb =
          computeBounds(t.net, t.box, BoundMethod::Crown, nullptr, &t.splits);
      if (t.nb.empty())
        continue;
    }
    std::vector<double> rhs{normal(gen), normal(gen), normal(gen)};
    SlopeOptimization opt;
    std::vector<double> mu, row, mu2, row2;
    const ReluSplits *splits = t.splits.empty() ? nullptr : &t.splits;
    double lb =
        optimizedCombination(t.net, t.nb, t.rows, rhs, opt, splits, mu, row);
    double lb2 =
        stableDomainCombination(t.net, t.nb, t.rows, rhs, splits, mu2, row2);
    ASSERT_EQ(mu.size(), 3u);
    double sum = 0;
    for (double w : mu) {
      EXPECT_GE(w, 0);
      sum += w;
    }
    EXPECT_NEAR(sum, 1, 1e-12);
    if (lb2 > -INFINITY)
      ++stableSeen;
    for (int s = 0; s < 2000; ++s) {
      std::vector<std::vector<double>> v =
          layerValues(t.net, samplePoint(t.box, gen));
      if (!satisfies(v, t.splits))
        continue;
      ASSERT_LE(lb, dot(row, v.back())) << "trial " << trial;
      if (lb2 > -INFINITY)
        ASSERT_LE(lb2, dot(row2, v.back())) << "trial " << trial;
      ++checked;
    }
  }
  EXPECT_GE(checked, 20000);
  EXPECT_GE(stableSeen, 5);
}

/// Two constraints that each hold on a part of [-1, 1]: with y0 = x and
/// y1 = -2x, the unsafe set x <= -0.1 and -2x <= -0.1 is empty, yet
/// neither constraint is refuted on the box. The combination with weights
/// (2/3, 1/3) cancels x and clears its rhs by 0.1; the equal weights the
/// ascent starts from do not (coefficient -1/2), so the weights' gradient
/// must do the work. Where the conjunction is satisfiable (rhs 0.1) no
/// combination may be refuted.
TEST(BetaCrown, CombinationRefutesWhatNoSingleConstraintDoes) {
  Network net;
  net.inputSize = 1;
  net.addAffine({1, -2}, {0, 0}, 1, 2);
  Box box{{-1}, {1}};
  NetworkBounds nb = computeBounds(net, box, BoundMethod::Crown);
  std::vector<std::vector<double>> rows{{1, 0}, {0, 1}};
  std::vector<double> single =
      lowerBoundLinear(net, nb, rows, BoundMethod::Crown);
  EXPECT_LE(single[0], -0.1);
  EXPECT_LE(single[1], -0.1);
  SlopeOptimization opt;
  opt.steps = 40;
  std::vector<double> mu, row;
  double lb =
      optimizedCombination(net, nb, rows, {-0.1, -0.1}, opt, nullptr, mu, row);
  EXPECT_GT(lb - (mu[0] * -0.1 + mu[1] * -0.1), 0.05);
  std::vector<double> mu2, row2;
  double lb2 =
      stableDomainCombination(net, nb, rows, {-0.1, -0.1}, nullptr, mu2, row2);
  EXPECT_GT(lb2 - (mu2[0] * -0.1 + mu2[1] * -0.1), 0.05);
  lb = optimizedCombination(net, nb, rows, {0.1, 0.1}, opt, nullptr, mu, row);
  EXPECT_LE(lb, mu[0] * 0.1 + mu[1] * 0.1);
}

TEST(BetaCrown, InvalidMultipliersAreIgnored) {
  std::mt19937_64 gen(5);
  for (int trial = 0; trial < 10; ++trial) {
    Trial t = randomTrial(gen);
    if (t.splits.empty() || t.nb.empty())
      continue;
    size_t k = t.net.layers.size(), rows = t.rows.size();
    std::vector<ReluSlopes> slopes(rows);
    std::vector<std::vector<double>> zero(
        rows, std::vector<double>(t.splits.size(), 0.0)),
        bad = zero;
    for (auto &b : bad)
      for (size_t j = 0; j < b.size(); ++j)
        b[j] = j % 2 ? -1.0 : NAN;
    std::vector<double> a = lowerBoundWithSlopes(
        t.net, t.nb, k, t.rows, slopes, nullptr, nullptr, &t.splits, &zero);
    std::vector<double> b = lowerBoundWithSlopes(
        t.net, t.nb, k, t.rows, slopes, nullptr, nullptr, &t.splits, &bad);
    for (size_t r = 0; r < rows; ++r)
      EXPECT_EQ(a[r], b[r]) << "trial " << trial;
  }
}

} // namespace
