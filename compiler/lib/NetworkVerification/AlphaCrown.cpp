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

namespace {
/// CROWN's slopes for the relus of layers [0, k): 1 where the unit's input
/// is more positive than negative, else 0 (the adaptive lower line), the
/// start of every optimization below.
ReluSlopes crownSlopes(const Network &network, const NetworkBounds &bounds,
                       size_t k) {
  ReluSlopes slopes(network.layers.size());
  for (size_t li = 0; li < k; ++li) {
    if (network.layers[li].kind != LayerKind::Relu)
      continue;
    const Box &in = bounds.values[li];
    slopes[li].assign(in.size(), 0.0);
    for (size_t i = 0; i < in.size(); ++i)
      slopes[li][i] = in.upper[i] >= -in.lower[i] ? 1 : 0;
  }
  return slopes;
}

/// The affine map coeff . x + (returned constant) of a linear form `row` of
/// v_layer on a domain where no relu is unstable, in plain double (it only
/// steers the dual iterations; the final bound is rigorous): coefficients
/// from the backward pass, the constant recovered from its bound at the
/// box's minimizing corner.
double affineOnDomain(const Network &network, const NetworkBounds &bounds,
                      size_t layer, const std::vector<double> &row,
                      std::vector<double> &coeff) {
  std::vector<std::vector<double>> coeffs;
  std::vector<ReluSlopes> none(1);
  double lb = lowerBoundWithSlopes(network, bounds, layer, {row}, none, nullptr,
                                   &coeffs)[0];
  coeff = coeffs[0];
  const Box &box = bounds.values[0];
  double corner = 0;
  for (size_t i = 0; i < coeff.size(); ++i)
    corner += coeff[i] >= 0 ? coeff[i] * box.lower[i] : coeff[i] * box.upper[i];
  return lb - corner;
}
} // namespace

std::vector<double> mlir::sg::verify::optimizedLowerBounds(
    const Network &network, const NetworkBounds &bounds, size_t k,
    const std::vector<std::vector<double>> &rows,
    const SlopeOptimization &options,
    std::vector<std::vector<double>> *inputCoefficients,
    const ReluSplits *splits) {
  ReluSlopes initial = crownSlopes(network, bounds, k);
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

std::vector<double> mlir::sg::verify::stableDomainBounds(
    const Network &network, const NetworkBounds &bounds,
    const std::vector<std::vector<double>> &rows, const ReluSplits &splits,
    const std::vector<double> &start, int iterations) {
  if (splits.empty() || bounds.unstableRelus(network) != 0 || rows.empty())
    return start;
  size_t n = network.layers.size(), m = network.inputSize, k = splits.size();
  const Box &box = bounds.values[0];
  std::vector<std::vector<double>> g(k);
  std::vector<double> h(k), sign(k);
  for (size_t j = 0; j < k; ++j) {
    std::vector<double> e(bounds.values[splits[j].layer].size(), 0.0);
    e[splits[j].unit] = 1;
    h[j] = affineOnDomain(network, bounds, splits[j].layer, e, g[j]);
    sign[j] = splits[j].active ? 1 : -1;
  }
  std::vector<double> result = start;
  std::vector<std::vector<double>> betas(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<double> a;
    affineOnDomain(network, bounds, n, rows[r], a);
    // D(beta) up to the constant b; its supergradient at the minimizing
    // corner x* is -s_j (g_j . x* + h_j).
    std::vector<double> beta(k, 0.0), best(k, 0.0), c(m), grad(k);
    double bestValue = -INFINITY, scale = 0;
    for (size_t i = 0; i < m; ++i)
      scale += std::fabs(a[i]) * (box.upper[i] - box.lower[i]);
    for (int it = 0; it < iterations; ++it) {
      for (size_t i = 0; i < m; ++i) {
        c[i] = a[i];
        for (size_t j = 0; j < k; ++j)
          c[i] -= beta[j] * sign[j] * g[j][i];
      }
      double value = 0, norm = 0;
      for (size_t j = 0; j < k; ++j)
        value -= beta[j] * sign[j] * h[j];
      for (size_t i = 0; i < m; ++i)
        value += c[i] >= 0 ? c[i] * box.lower[i] : c[i] * box.upper[i];
      if (value > bestValue) {
        bestValue = value;
        best = beta;
      }
      for (size_t j = 0; j < k; ++j) {
        double gx = h[j];
        for (size_t i = 0; i < m; ++i)
          gx += g[j][i] * (c[i] >= 0 ? box.lower[i] : box.upper[i]);
        grad[j] = -sign[j] * gx;
        norm += grad[j] * grad[j];
      }
      if (!(norm > 0))
        break; // a maximum: the corner satisfies every split with equality
      // Polyak-like steps: the size of the objective's spread over the box,
      // shrinking as 1/sqrt(t), along the normalized supergradient.
      double step = scale / std::sqrt(double(it + 1)) / std::sqrt(norm);
      for (size_t j = 0; j < k; ++j)
        beta[j] = std::max(0.0, beta[j] + step * grad[j]);
    }
    betas[r] = best;
  }
  std::vector<ReluSlopes> none(rows.size());
  std::vector<double> lb = lowerBoundWithSlopes(
      network, bounds, n, rows, none, nullptr, nullptr, &splits, &betas);
  for (size_t r = 0; r < rows.size(); ++r)
    result[r] = std::max(result[r], lb[r]);
  return result;
}

double mlir::sg::verify::optimizedCombination(
    const Network &network, const NetworkBounds &bounds,
    const std::vector<std::vector<double>> &rows,
    const std::vector<double> &rhs, const SlopeOptimization &options,
    const ReluSplits *splits, std::vector<double> &weights,
    std::vector<double> &row, std::vector<double> *inputCoefficients) {
  size_t n = network.layers.size(), K = rows.size(), m = rows[0].size();
  ReluSlopes slopes = crownSlopes(network, bounds, n), sm(n), sv(n);
  for (size_t li = 0; li < n; ++li) {
    sm[li].assign(slopes[li].size(), 0.0);
    sv[li].assign(slopes[li].size(), 0.0);
  }
  bool withBetas = splits && !splits->empty();
  std::vector<std::vector<double>> betas(
      1, std::vector<double>(withBetas ? splits->size() : 0, 0.0));
  std::vector<double> bm(betas[0].size(), 0.0), bv = bm;
  std::vector<double> theta(K, 0.0), tm(K, 0.0), tv(K, 0.0), mu(K);
  double bestValue = -INFINITY, bestBound = -INFINITY;
  constexpr double b1 = 0.9, b2 = 0.999;
  double b1t = 1, b2t = 1, rate = options.rate, betaRate = options.betaRate,
         thetaRate = 0.5;
  auto adam = [&](double &x, double g, double &mo, double &ve, double lr) {
    mo = b1 * mo + (1 - b1) * g;
    ve = b2 * ve + (1 - b2) * g * g;
    double mh = mo / (1 - b1t), vh = ve / (1 - b2t);
    if (vh > 0)
      x += lr * mh / (std::sqrt(vh) + 1e-300);
  };
  int steps = std::max(options.steps, 1);
  for (int step = 0; step < steps; ++step) {
    double top = *std::max_element(theta.begin(), theta.end()), z = 0;
    for (size_t k = 0; k < K; ++k)
      z += mu[k] = std::exp(theta[k] - top);
    std::vector<double> c(m, 0.0);
    double d = 0;
    for (size_t k = 0; k < K; ++k) {
      mu[k] /= z;
      for (size_t j = 0; j < m; ++j)
        c[j] += mu[k] * rows[k][j];
      d += mu[k] * rhs[k];
    }
    bool last = step + 1 >= steps;
    std::vector<ReluSlopes> grads;
    std::vector<std::vector<double>> betaGrads, rowGrads, coeffs;
    double lb = lowerBoundWithSlopes(
        network, bounds, n, {c}, {slopes}, last ? nullptr : &grads,
        inputCoefficients ? &coeffs : nullptr, withBetas ? splits : nullptr,
        withBetas ? &betas : nullptr, withBetas && !last ? &betaGrads : nullptr,
        last ? nullptr : &rowGrads)[0];
    if (lb - d > bestValue) {
      bestValue = lb - d;
      bestBound = lb;
      weights = mu;
      row = c;
      if (inputCoefficients)
        *inputCoefficients = coeffs[0];
    }
    if (last)
      break;
    b1t *= b1;
    b2t *= b2;
    for (size_t li = 0; li < n; ++li)
      for (size_t i = 0; i < slopes[li].size(); ++i) {
        adam(slopes[li][i], grads[0][li][i], sm[li][i], sv[li][i], rate);
        slopes[li][i] = std::clamp(slopes[li][i], 0.0, 1.0);
      }
    for (size_t j = 0; j < betas[0].size(); ++j) {
      adam(betas[0][j], betaGrads[0][j], bm[j], bv[j], betaRate);
      betas[0][j] = std::max(0.0, betas[0][j]);
    }
    // d (lb - d) / d mu_k = g . rows[k] - rhs[k]; through the softmax.
    std::vector<double> gmu(K);
    double mean = 0;
    for (size_t k = 0; k < K; ++k) {
      double s = -rhs[k];
      for (size_t j = 0; j < m; ++j)
        s += rowGrads[0][j] * rows[k][j];
      gmu[k] = s;
      mean += mu[k] * s;
    }
    for (size_t k = 0; k < K; ++k)
      adam(theta[k], mu[k] * (gmu[k] - mean), tm[k], tv[k], thetaRate);
    rate *= options.decay;
    betaRate *= options.decay;
    thetaRate *= options.decay;
  }
  return bestBound;
}

double mlir::sg::verify::stableDomainCombination(
    const Network &network, const NetworkBounds &bounds,
    const std::vector<std::vector<double>> &rows,
    const std::vector<double> &rhs, const ReluSplits *splits,
    std::vector<double> &weights, std::vector<double> &row, int iterations) {
  if (bounds.unstableRelus(network) != 0 || rows.empty())
    return -INFINITY;
  size_t n = network.layers.size(), m = network.inputSize, K = rows.size(),
         S = splits ? splits->size() : 0;
  const Box &box = bounds.values[0];
  // f_k(x) = a_k . x + b_k (constraint k's left side minus its rhs), and
  // the signed split inputs q_j(x) = s_j (g_j . x + h_j) >= 0.
  std::vector<std::vector<double>> a(K), g(S);
  std::vector<double> b(K), h(S);
  for (size_t k = 0; k < K; ++k)
    b[k] = affineOnDomain(network, bounds, n, rows[k], a[k]) - rhs[k];
  for (size_t j = 0; j < S; ++j) {
    const ReluSplit &sp = (*splits)[j];
    std::vector<double> e(bounds.values[sp.layer].size(), 0.0);
    e[sp.unit] = 1;
    h[j] = affineOnDomain(network, bounds, sp.layer, e, g[j]);
    if (!sp.active) {
      h[j] = -h[j];
      for (double &x : g[j])
        x = -x;
    }
  }
  // D(mu, beta) = min over the box of sum_k mu_k f_k - sum_j beta_j q_j,
  // concave; mu stays on the simplex (beta rescaled with it: D is
  // homogeneous, only its sign matters), beta >= 0.
  std::vector<double> mu(K, 1.0 / double(K)), beta(S, 0.0), c(m), corner(m);
  std::vector<double> bestMu = mu, bestBeta = beta;
  double best = -INFINITY, scale = 0;
  for (size_t k = 0; k < K; ++k)
    for (size_t i = 0; i < m; ++i)
      scale += std::fabs(a[k][i]) * (box.upper[i] - box.lower[i]) / double(K);
  if (!(scale > 0))
    scale = 1;
  for (int it = 0; it < iterations; ++it) {
    double value = 0;
    for (size_t i = 0; i < m; ++i) {
      c[i] = 0;
      for (size_t k = 0; k < K; ++k)
        c[i] += mu[k] * a[k][i];
      for (size_t j = 0; j < S; ++j)
        c[i] -= beta[j] * g[j][i];
      corner[i] = c[i] >= 0 ? box.lower[i] : box.upper[i];
      value += c[i] * corner[i];
    }
    for (size_t k = 0; k < K; ++k)
      value += mu[k] * b[k];
    for (size_t j = 0; j < S; ++j)
      value -= beta[j] * h[j];
    if (value > best) {
      best = value;
      bestMu = mu;
      bestBeta = beta;
    }
    std::vector<double> gm(K), gb(S);
    double norm = 0;
    for (size_t k = 0; k < K; ++k) {
      gm[k] = b[k];
      for (size_t i = 0; i < m; ++i)
        gm[k] += a[k][i] * corner[i];
      norm += gm[k] * gm[k];
    }
    for (size_t j = 0; j < S; ++j) {
      gb[j] = -h[j];
      for (size_t i = 0; i < m; ++i)
        gb[j] -= g[j][i] * corner[i];
      norm += gb[j] * gb[j];
    }
    if (!(norm > 0))
      break;
    double step = 1 / std::sqrt(double(it + 1)) / std::sqrt(norm) * scale;
    double sum = 0;
    for (size_t k = 0; k < K; ++k)
      sum += mu[k] = std::max(0.0, mu[k] + step * gm[k] / scale);
    for (size_t j = 0; j < S; ++j)
      beta[j] = std::max(0.0, beta[j] + step * gb[j] / scale);
    if (!(sum > 0))
      break;
    for (double &x : mu)
      x /= sum;
    for (double &x : beta)
      x /= sum;
  }
  // The rigorous bound of the rounded combination with those multipliers.
  row.assign(rows[0].size(), 0.0);
  for (size_t k = 0; k < K; ++k)
    for (size_t j = 0; j < row.size(); ++j)
      row[j] += bestMu[k] * rows[k][j];
  weights = bestMu;
  std::vector<ReluSlopes> none(1);
  std::vector<std::vector<double>> betas{bestBeta};
  return lowerBoundWithSlopes(network, bounds, n, {row}, none, nullptr, nullptr,
                              S ? splits : nullptr, S ? &betas : nullptr)[0];
}
