//===- Attack.cpp - Counterexample search by projected gradient -----------===//

#include "sg/NetworkVerification/Attack.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::sg::verify;

double mlir::sg::verify::violation(const std::vector<LinearConstraint> &conj,
                                   const std::vector<double> &y,
                                   size_t *which) {
  double worst = -std::numeric_limits<double>::infinity();
  for (size_t k = 0; k < conj.size(); ++k) {
    double v = -conj[k].rhs;
    for (size_t j = 0; j < y.size(); ++j)
      v += conj[k].coeffs[j] * y[j];
    if (v > worst) {
      worst = v;
      if (which)
        *which = k;
    }
  }
  return worst;
}

std::vector<double>
mlir::sg::verify::descend(const Network &net,
                          const std::vector<LinearConstraint> &conj,
                          const Box &box, std::vector<double> x, int steps,
                          double &best, Descent kind) {
  std::vector<double> bestX = x;
  best = std::numeric_limits<double>::infinity();
  if (conj.empty()) { // no constraint: every point is unsafe
    best = -1;
    return bestX;
  }
  size_t n = x.size(), m = net.outputSize();
  std::vector<double> moment(n, 0.0), second(n, 0.0), gaps(conj.size());
  constexpr double b1 = 0.9, b2 = 0.999;
  double b1t = 1, b2t = 1, signRate = 0.25;
  for (int s = 0; s <= steps; ++s) {
    std::vector<double> y = net.evaluate(x);
    double worst = violation(conj, y);
    if (worst < best) {
      best = worst;
      bestX = x;
    }
    if (s == steps || !std::isfinite(worst))
      break;
    // Softmax weights of the constraints: the gradient of a smoothed max.
    // The temperature shrinks with the violation, so near the unsafe set
    // the descent follows the most violated constraints only.
    double temperature =
               kind == Descent::Sign ? 1e-300 : 0.01 + 0.1 * std::fabs(worst),
           total = 0;
    for (size_t k = 0; k < conj.size(); ++k) {
      double v = -conj[k].rhs;
      for (size_t j = 0; j < m; ++j)
        v += conj[k].coeffs[j] * y[j];
      gaps[k] = std::exp((v - worst) / temperature);
      total += gaps[k];
    }
    std::vector<double> c(m, 0.0);
    for (size_t k = 0; k < conj.size(); ++k)
      for (size_t j = 0; j < m; ++j)
        c[j] += gaps[k] / total * conj[k].coeffs[j];
    std::vector<double> g = net.gradient(x, c);
    if (kind == Descent::Sign) {
      // Sign steps on the most violated constraint (its weight is ~1
      // once the temperature is small), 0.25 of the width shrinking by 0.9.
      for (size_t i = 0; i < n; ++i) {
        double w = box.upper[i] - box.lower[i];
        double step = g[i] > 0 ? -signRate * w : g[i] < 0 ? signRate * w : 0;
        x[i] = std::clamp(x[i] + step, box.lower[i], box.upper[i]);
      }
      signRate *= 0.9;
      continue;
    }
    b1t *= b1;
    b2t *= b2;
    double rate = 0.2 * std::pow(1e-3 / 0.2, double(s) / steps);
    for (size_t i = 0; i < n; ++i) {
      moment[i] = b1 * moment[i] + (1 - b1) * g[i];
      second[i] = b2 * second[i] + (1 - b2) * g[i] * g[i];
      double mh = moment[i] / (1 - b1t), vh = second[i] / (1 - b2t);
      double step = vh > 0 ? mh / (std::sqrt(vh) + 1e-300) : 0;
      double w = box.upper[i] - box.lower[i];
      x[i] = std::clamp(x[i] - rate * w * step, box.lower[i], box.upper[i]);
    }
  }
  return bestX;
}

std::vector<std::vector<double>>
mlir::sg::verify::randomStarts(const Box &box, int n, std::mt19937_64 &gen,
                               bool faces) {
  std::vector<std::vector<double>> points;
  for (int s = 0; s < n; ++s) {
    std::vector<double> x(box.size());
    for (size_t i = 0; i < x.size(); ++i) {
      double u = faces ? std::uniform_real_distribution<double>(0, 1)(gen) : 1;
      x[i] = u < 0.25  ? box.lower[i]
             : u < 0.5 ? box.upper[i]
                       : std::uniform_real_distribution<double>(
                             box.lower[i], box.upper[i])(gen);
    }
    points.push_back(std::move(x));
  }
  return points;
}
