//===- RandomNetwork.h - Random relu networks for verifier tests -*- C++
//-*-===//
//
// One random relu network shape, shared by the branch-and-bound and region
// tests: 2 -> 12 -> 12 -> 2, weights scaled by 1/sqrt(fan-in).
//
//===----------------------------------------------------------------------===//

#ifndef SG_TEST_UNIT_RANDOMNETWORK_H
#define SG_TEST_UNIT_RANDOMNETWORK_H

#include "sg/NetworkVerification/Network.h"

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

} // namespace sg_test

#endif // SG_TEST_UNIT_RANDOMNETWORK_H
