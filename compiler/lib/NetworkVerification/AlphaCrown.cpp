//===- AlphaCrown.cpp - Optimized relu relaxations ------------------------===//
//
// See AlphaCrown.h. The slopes live per row, per relu layer, per unit;
// only those of units unstable on the box matter (the others are exact).
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/AlphaCrown.h"

#include <algorithm>
#include <cmath>

using namespace mlir::sg::verify;

std::vector<double> mlir::sg::verify::optimizedLowerBounds(
    const Network &network, const NetworkBounds &bounds, size_t k,
    const std::vector<std::vector<double>> &rows,
    const SlopeOptimization &options,
    std::vector<std::vector<double>> *inputCoefficients,
    const ReluSplits *splits) {
  // CROWN's slopes: 1 where the unit is more positive than negative.
  ReluSlopes initial(network.layers.size());
  for (size_t li = 0; li < k; ++li) {
    if (network.layers[li].kind != LayerKind::Relu)
      continue;
    const Box &in = bounds.values[li];
    initial[li].assign(in.size(), 0.0);
    for (size_t i = 0; i < in.size(); ++i)
      initial[li][i] = in.upper[i] >= -in.lower[i] ? 1 : 0;
  }
  size_t n = rows.size();
  std::vector<ReluSlopes> slopes(n, initial), moment(n), second(n), grads;
  for (size_t r = 0; r < n; ++r) {
    moment[r] = second[r] = ReluSlopes(network.layers.size());
    for (size_t li = 0; li < k; ++li) {
      moment[r][li].assign(initial[li].size(), 0.0);
      second[r][li].assign(initial[li].size(), 0.0);
    }
  }
  // Multipliers of the splits whose layer the backward pass crosses (the
  // others cannot matter): 0 to start, then ascended with the slopes.
  size_t numSplits = 0;
  if (splits)
    for (const ReluSplit &sp : *splits)
      numSplits += sp.layer < k;
  bool withBetas = numSplits > 0;
  std::vector<std::vector<double>> betas(
      n, std::vector<double>(withBetas ? splits->size() : 0, 0.0)),
      betaMoment = betas, betaSecond = betas, betaGrads;
  std::vector<double> best;
  std::vector<std::vector<double>> coeffs, bestCoeffs;
  constexpr double b1 = 0.9, b2 = 0.999;
  double b1t = 1, b2t = 1, rate = options.rate, betaRate = options.betaRate;
  for (int step = 0; step < std::max(options.steps, 1); ++step) {
    bool last = step + 1 >= options.steps;
    std::vector<double> lb = lowerBoundWithSlopes(
        network, bounds, k, rows, slopes, last ? nullptr : &grads,
        inputCoefficients ? &coeffs : nullptr, withBetas ? splits : nullptr,
        withBetas ? &betas : nullptr,
        withBetas && !last ? &betaGrads : nullptr);
    if (best.empty()) {
      best = lb;
      bestCoeffs = coeffs;
    }
    for (size_t r = 0; r < n; ++r)
      if (lb[r] > best[r]) {
        best[r] = lb[r];
        if (inputCoefficients)
          bestCoeffs[r] = coeffs[r];
      }
    if (last)
      break;
    // Adam ascent on the bound, projected onto [0, 1].
    b1t *= b1;
    b2t *= b2;
    for (size_t r = 0; r < n; ++r)
      for (size_t li = 0; li < k; ++li)
        for (size_t i = 0; i < slopes[r][li].size(); ++i) {
          double g = grads[r][li][i];
          double &m = moment[r][li][i], &v = second[r][li][i];
          m = b1 * m + (1 - b1) * g;
          v = b2 * v + (1 - b2) * g * g;
          double mh = m / (1 - b1t), vh = v / (1 - b2t);
          if (vh > 0)
            slopes[r][li][i] = std::clamp(
                slopes[r][li][i] + rate * mh / (std::sqrt(vh) + 1e-300), 0.0,
                1.0);
        }
    // The multipliers likewise, projected onto beta >= 0.
    if (withBetas) {
      for (size_t r = 0; r < n; ++r)
        for (size_t j = 0; j < betas[r].size(); ++j) {
          double g = betaGrads[r][j];
          double &m = betaMoment[r][j], &v = betaSecond[r][j];
          m = b1 * m + (1 - b1) * g;
          v = b2 * v + (1 - b2) * g * g;
          double mh = m / (1 - b1t), vh = v / (1 - b2t);
          if (vh > 0)
            betas[r][j] = std::max(
                0.0, betas[r][j] + betaRate * mh / (std::sqrt(vh) + 1e-300));
        }
    }
    rate *= options.decay;
    betaRate *= options.decay;
  }
  if (inputCoefficients)
    *inputCoefficients = std::move(bestCoeffs);
  return best;
}

void mlir::sg::verify::optimizeIntermediateBounds(
    const Network &network, NetworkBounds &bounds,
    const SlopeOptimization &options, const ReluSplits *splits) {
  // Layer by layer from the input, so that each value's optimized bounds
  // use the optimized bounds of the values before it. Only the inputs of
  // relus matter, and only where they are unstable.
  for (size_t k = 2; k < network.layers.size(); ++k) {
    if (network.layers[k].kind != LayerKind::Relu)
      continue;
    Box &value = bounds.values[k];
    std::vector<size_t> which;
    for (size_t i = 0; i < value.size(); ++i)
      if (value.lower[i] < 0 && value.upper[i] > 0)
        which.push_back(i);
    if (which.empty())
      continue;
    // Rows e_i give lower bounds, rows -e_i (negated) upper bounds.
    std::vector<std::vector<double>> rows;
    for (size_t i : which) {
      rows.emplace_back(value.size(), 0.0);
      rows.back()[i] = 1;
      rows.emplace_back(value.size(), 0.0);
      rows.back()[i] = -1;
    }
    std::vector<double> lb = optimizedLowerBounds(network, bounds, k, rows,
                                                  options, nullptr, splits);
    for (size_t j = 0; j < which.size(); ++j) {
      size_t i = which[j];
      value.lower[i] = std::max(value.lower[i], lb[2 * j]);
      value.upper[i] = std::min(value.upper[i], -lb[2 * j + 1]);
    }
  }
}
