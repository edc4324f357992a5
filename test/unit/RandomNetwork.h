//===- RandomNetwork.h - Random relu networks for verifier tests *- C++ -*-===//
//
// One random relu network shape, shared by the branch-and-bound and region
// tests: 2 -> 12 -> 12 -> 2, weights scaled by 1/sqrt(fan-in); and the
// property these tests put on it.
//
//===----------------------------------------------------------------------===//

#ifndef SG_TEST_UNIT_RANDOMNETWORK_H
#define SG_TEST_UNIT_RANDOMNETWORK_H

#include "sg/NetworkVerification/Network.h"
#include "sg/NetworkVerification/Readers.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace sg_test {

/// A random relu network 2 -> 12 -> 12 -> 2.
inline mlir::sg::verify::Network randomNetwork(std::mt19937_64 &gen) {
  using namespace mlir::sg::verify;
  std::normal_distribution<double> normal(0.0, 1.0);
  Network net;
  net.inputSize = 2;
  size_t in = 2;
  for (size_t out : {12u, 12u, 2u}) {
    std::vector<double> w(in * out), b(out);
    for (double &x : w)
      x = normal(gen) / std::sqrt(double(in));
    for (double &x : b)
      x = 0.2 * normal(gen);
    net.addAffine(w, b, in, out);
    if (out != 2)
      net.addActivation(LayerKind::Relu);
    in = out;
  }
  return net;
}

/// Unsafe when y0 - y1 <= t, on the input box [-1, 1]^2.
inline mlir::sg::verify::Property gapAtMost(double t) {
  using namespace mlir::sg::verify;
  Property p;
  p.numInputs = 2;
  p.numOutputs = 2;
  p.cases.push_back(
      {Box{{-1, -1}, {1, 1}}, {{LinearConstraint{{1.0, -1.0}, t}}}});
  return p;
}

/// The least y0 - y1 sampled on a 201 x 201 grid over [-1, 1]^2.
inline double sampledMinGap(const mlir::sg::verify::Network &net) {
  double lo = INFINITY;
  for (int i = 0; i <= 200; ++i)
    for (int j = 0; j <= 200; ++j) {
      std::vector<double> y = net.evaluate({-1 + i / 100.0, -1 + j / 100.0});
      lo = std::min(lo, y[0] - y[1]);
    }
  return lo;
}

} // namespace sg_test

#endif // SG_TEST_UNIT_RANDOMNETWORK_H
