//===- BoundsTest.cpp - Soundness of IBP and CROWN bounds -----------------===//
//
// Random small networks with every supported activation: points sampled in
// the box never leave the computed bounds (of any layer, or of linear
// functions of the output), and CROWN is never looser than IBP. Fixed
// seeds: the tests are deterministic, a failure is a soundness bug.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Bounds.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir::sg::verify;

namespace {

Network randomNetwork(std::mt19937_64 &gen, size_t inputs,
                      const std::vector<size_t> &widths, LayerKind kind,
                      double scale) {
  Network net;
  net.inputSize = inputs;
  std::normal_distribution<double> normal(0.0, 1.0);
  size_t in = inputs;
  for (size_t l = 0; l < widths.size(); ++l) {
    size_t out = widths[l];
    std::vector<double> w(in * out), b(out);
    for (double &x : w)
      x = normal(gen) * scale / std::sqrt(double(in));
    for (double &x : b)
      x = normal(gen) * 0.3;
    net.addAffine(w, b, in, out);
    if (l + 1 < widths.size())
      net.addActivation(kind);
    in = out;
  }
  return net;
}

Box randomBox(std::mt19937_64 &gen, size_t n, double maxWidth) {
  std::uniform_real_distribution<double> u(-1.0, 1.0), w(0.0, maxWidth);
  Box b;
  for (size_t i = 0; i < n; ++i) {
    double c = u(gen), h = w(gen) / 2;
    b.lower.push_back(c - h);
    b.upper.push_back(c + h);
  }
  return b;
}

std::vector<double> samplePoint(std::mt19937_64 &gen, const Box &b) {
  std::vector<double> x(b.size());
  for (size_t i = 0; i < x.size(); ++i) {
    // A quarter of the coordinates sit on a face: extremes live there.
    int face = std::uniform_int_distribution<int>(0, 7)(gen);
    x[i] = face == 0   ? b.lower[i]
           : face == 1 ? b.upper[i]
                       : std::uniform_real_distribution<double>(
                             b.lower[i], b.upper[i])(gen);
  }
  return x;
}

/// The values of every layer at x (values[0] = x).
std::vector<std::vector<double>> trace(const Network &net,
                                       const std::vector<double> &x) {
  std::vector<std::vector<double>> values{x};
  Network prefix;
  prefix.inputSize = net.inputSize;
  for (const Layer &l : net.layers) {
    prefix.layers.push_back(l);
    values.push_back(prefix.evaluate(x));
  }
  return values;
}

const LayerKind kinds[] = {LayerKind::Relu, LayerKind::Tanh, LayerKind::Sigmoid,
                           LayerKind::Softplus};

class BoundsSoundness : public ::testing::TestWithParam<LayerKind> {};

TEST_P(BoundsSoundness, SampledPointsStayInsideEveryLayersBounds) {
  std::mt19937_64 gen(1234 + int(GetParam()));
  double tightness = 0, count = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Network net =
        randomNetwork(gen, 3, {8, 8, 6, 4}, GetParam(), trial % 2 ? 1.0 : 3.0);
    Box box = randomBox(gen, 3, trial % 4 == 0 ? 2.0 : 0.5);
    NetworkBounds ibp = computeBounds(net, box, BoundMethod::Interval);
    NetworkBounds crown = computeBounds(net, box, BoundMethod::Crown);
    ASSERT_EQ(ibp.values.size(), net.layers.size() + 1);
    for (size_t v = 0; v < ibp.values.size(); ++v)
      for (size_t i = 0; i < ibp.values[v].size(); ++i) {
        // CROWN is intersected with IBP: never looser.
        EXPECT_GE(crown.values[v].lower[i], ibp.values[v].lower[i]);
        EXPECT_LE(crown.values[v].upper[i], ibp.values[v].upper[i]);
        EXPECT_LE(crown.values[v].lower[i], crown.values[v].upper[i]);
      }
    for (int s = 0; s < 300; ++s) {
      std::vector<double> x = samplePoint(gen, box);
      auto values = trace(net, x);
      for (size_t v = 0; v < values.size(); ++v)
        for (size_t i = 0; i < values[v].size(); ++i) {
          ASSERT_GE(values[v][i], crown.values[v].lower[i])
              << "trial " << trial << " value " << v << " entry " << i;
          ASSERT_LE(values[v][i], crown.values[v].upper[i])
              << "trial " << trial << " value " << v << " entry " << i;
        }
    }
    const Box &oi = ibp.output(), &oc = crown.output();
    for (size_t i = 0; i < oi.size(); ++i) {
      tightness += (oc.upper[i] - oc.lower[i]) / (oi.upper[i] - oi.lower[i]);
      count += 1;
    }
  }
  // CROWN must actually do something: on these deep random networks its
  // output intervals are much narrower than IBP's on average.
  EXPECT_LT(tightness / count, 0.9) << layerKindName(GetParam());
}

TEST_P(BoundsSoundness, LinearFunctionsOfTheOutputAreBoundedBelow) {
  std::mt19937_64 gen(99 + int(GetParam()));
  std::normal_distribution<double> normal(0.0, 1.0);
  for (int trial = 0; trial < 40; ++trial) {
    Network net = randomNetwork(gen, 4, {10, 10, 5}, GetParam(), 2.0);
    Box box = randomBox(gen, 4, 1.0);
    std::vector<std::vector<double>> rows(6, std::vector<double>(5));
    for (auto &r : rows)
      for (double &c : r)
        c = normal(gen);
    for (BoundMethod m : {BoundMethod::Interval, BoundMethod::Crown}) {
      NetworkBounds nb = computeBounds(net, box, m);
      std::vector<std::vector<double>> coeffs;
      std::vector<double> lb = lowerBoundLinear(net, nb, rows, m, &coeffs);
      ASSERT_EQ(lb.size(), rows.size());
      EXPECT_EQ(coeffs.size(), m == BoundMethod::Crown ? rows.size() : 0u);
      for (int s = 0; s < 300; ++s) {
        std::vector<double> y = net.evaluate(samplePoint(gen, box));
        for (size_t r = 0; r < rows.size(); ++r) {
          double v = 0;
          for (size_t j = 0; j < y.size(); ++j)
            v += rows[r][j] * y[j];
          ASSERT_GE(v, lb[r]) << "trial " << trial << " row " << r;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Activations, BoundsSoundness,
                         ::testing::ValuesIn(kinds), [](const auto &info) {
                           return std::string(layerKindName(info.param));
                         });

TEST(Bounds, ExactOnAnAffineNetworkAndAtAPoint) {
  // One affine layer: IBP is exact, up to the rounding margin.
  Network net;
  net.inputSize = 2;
  net.addAffine({1, -2, 0.5, 3}, {0.25, -1}, 2, 2);
  Box box{{-1, 0}, {1, 2}};
  NetworkBounds nb = computeBounds(net, box, BoundMethod::Crown);
  EXPECT_NEAR(nb.output().lower[0], 0.25 - 1 - 4, 1e-12);
  EXPECT_NEAR(nb.output().upper[0], 0.25 + 1, 1e-12);
  EXPECT_NEAR(nb.output().lower[1], -1 - 0.5, 1e-12);
  EXPECT_NEAR(nb.output().upper[1], -1 + 0.5 + 6, 1e-12);
  // A point box: bounds collapse onto the value (within the margins).
  net.addActivation(LayerKind::Tanh);
  net.addAffine({2, -1}, {0}, 2, 1);
  Box point{{0.3, 0.7}, {0.3, 0.7}};
  double y = net.evaluate({0.3, 0.7})[0];
  NetworkBounds pb = computeBounds(net, point, BoundMethod::Crown);
  EXPECT_LE(pb.output().lower[0], y);
  EXPECT_GE(pb.output().upper[0], y);
  EXPECT_LT(pb.output().upper[0] - pb.output().lower[0], 1e-9);
}

TEST(Bounds, RoundingMarginsCoverCancellation) {
  // y = x - x computed through two large weights: the true value is 0, the
  // bounds must contain it even though every product rounds.
  Network net;
  net.inputSize = 1;
  net.addAffine({1e8 + 1, 1e8}, {0.1, -0.1}, 1, 2);
  net.addActivation(LayerKind::Relu);
  net.addAffine({1, -1}, {0}, 2, 1);
  Box box{{0.1}, {0.3}};
  for (BoundMethod m : {BoundMethod::Interval, BoundMethod::Crown}) {
    NetworkBounds nb = computeBounds(net, box, m);
    for (double x : {0.1, 0.2, 0.3}) {
      double y = net.evaluate({x})[0];
      EXPECT_LE(nb.output().lower[0], y);
      EXPECT_GE(nb.output().upper[0], y);
    }
  }
}

TEST(Bounds, CountsUnstableRelus) {
  Network net;
  net.inputSize = 1;
  net.addAffine({1, -1, 1}, {0, 0, 5}, 1, 3);
  net.addActivation(LayerKind::Relu);
  NetworkBounds nb = computeBounds(net, Box{{-1}, {1}}, BoundMethod::Crown);
  EXPECT_EQ(nb.totalRelus(net), 3u);
  EXPECT_EQ(nb.unstableRelus(net), 2u); // x and -x change sign; x + 5 not
  nb = computeBounds(net, Box{{0.5}, {1}}, BoundMethod::Crown);
  EXPECT_EQ(nb.unstableRelus(net), 0u);
}

} // namespace
