//===- Bounds.cpp - Sound IBP and CROWN bounds ----------------------------===//
//
// See Bounds.h for the floating-point soundness argument. Every function
// here computes a *lower* bound of some linear form; upper bounds are lower
// bounds of the negated form.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Bounds.h"

#include <algorithm>
#include <cassert>
#include <cmath>

using namespace mlir::sg::verify;

namespace {

/// Relative error bound of a rounded sum of n products (see Bounds.h).
double gamma(size_t n) { return (double(n) + 3) * 0x1p-52; }
/// Absolute error allowance for underflow, per rounded operation.
constexpr double kTiny = 0x1p-1000;
/// Outward margin for values from libm and for relaxation lines.
constexpr double kRel = 1e-12, kAbs = 1e-300;

double down(double x) { return x - (std::fabs(x) * kRel + kAbs); }
double up(double x) { return x + (std::fabs(x) * kRel + kAbs); }

double magnitude(const Box &b, size_t i) {
  return std::max(std::fabs(b.lower[i]), std::fabs(b.upper[i]));
}

/// y >= slope * z + intercept (lower) or y <= ... (upper) for z in [l, u].
struct Line {
  double slope = 0, intercept = 0;
};
struct Relaxation {
  Line lower, upper;
};

/// Moves a line computed in floating point outward (down for a lower line,
/// up for an upper one) by more than its rounding and libm errors on
/// [l, u]: a, b and the function values each carry a few ulps, and the
/// line's value at z is off by at most |da| (u - l) + |db|.
Line widen(Line line, double l, double u, double fl, double fu, bool lower) {
  double margin =
      kRel * (std::fabs(line.slope) * (std::fabs(l) + std::fabs(u)) +
              std::fabs(line.intercept) + std::fabs(fl) + std::fabs(fu)) +
      kAbs;
  line.intercept += lower ? -margin : margin;
  return line;
}

/// The chord of f through (l, f(l)) and (u, f(u)).
Line chord(double l, double u, double fl, double fu) {
  Line c;
  c.slope = (fu - fl) / (u - l);
  c.intercept = fl - c.slope * l;
  return c;
}

/// The tangent of f at the midpoint of [l, u].
Line tangent(LayerKind kind, double l, double u) {
  double m = l + (u - l) / 2;
  Line t;
  t.slope = activationDerivative(kind, m);
  t.intercept = applyActivation(kind, m) - t.slope * m;
  return t;
}

/// Linear lower and upper bounds of the activation on [l, u].
Relaxation relax(LayerKind kind, double l, double u) {
  Relaxation r;
  if (kind == LayerKind::Relu) {
    // Exact when the sign is known; no rounding happens.
    if (l >= 0) {
      r.lower.slope = r.upper.slope = 1;
      return r;
    }
    if (u <= 0)
      return r;
    // Unstable: the triangle's upper side; the lower side is the better of
    // y >= 0 and y >= z (CROWN's adaptive choice).
    r.upper.slope = u / (u - l);
    r.upper.intercept = -r.upper.slope * l;
    r.upper = widen(r.upper, l, u, 0, u, /*lower=*/false);
    r.lower.slope = u >= -l ? 1 : 0;
    return r;
  }
  double fl = applyActivation(kind, l), fu = applyActivation(kind, u);
  // Degenerate or non-finite intervals: the functions are monotone, so
  // constant lines at the (widened) end values are sound.
  if (!(u - l > 1e-9 * (1 + std::fabs(l) + std::fabs(u))) ||
      !std::isfinite(fl) || !std::isfinite(fu)) {
    r.lower.intercept = down(fl);
    r.upper.intercept = up(fu);
    return r;
  }
  bool convex = kind == LayerKind::Softplus || u <= 0;
  bool concave = kind != LayerKind::Softplus && l >= 0;
  if (convex) {
    // A convex function lies below its chords and above its tangents.
    r.upper = chord(l, u, fl, fu);
    r.lower = tangent(kind, l, u);
  } else if (concave) {
    r.lower = chord(l, u, fl, fu);
    r.upper = tangent(kind, l, u);
  } else {
    // S-shaped with the inflection inside (tanh, sigmoid): f' is smallest
    // at an end of [l, u], so lines of that slope through the ends bound f
    // (DeepPoly, Singh et al. POPL 2019).
    double slope =
        std::min(activationDerivative(kind, l), activationDerivative(kind, u));
    r.lower = {slope, fl - slope * l};
    r.upper = {slope, fu - slope * u};
  }
  r.lower = widen(r.lower, l, u, fl, fu, /*lower=*/true);
  r.upper = widen(r.upper, l, u, fl, fu, /*lower=*/false);
  return r;
}

/// Interval bounds of one layer's output.
Box intervalLayer(const Layer &layer, const Box &in) {
  Box out;
  out.lower.resize(layer.out);
  out.upper.resize(layer.out);
  if (layer.kind == LayerKind::Affine) {
    for (size_t o = 0; o < layer.out; ++o) {
      double lo = layer.bias[o], hi = layer.bias[o], mag = std::fabs(lo);
      const double *w = &layer.weights[o * layer.in];
      for (size_t i = 0; i < layer.in; ++i) {
        double a = w[i] * in.lower[i], b = w[i] * in.upper[i];
        lo += std::min(a, b);
        hi += std::max(a, b);
        mag += std::fabs(w[i]) * magnitude(in, i);
      }
      double margin = gamma(layer.in + 1) * mag + kTiny * double(layer.in + 1);
      out.lower[o] = lo - margin;
      out.upper[o] = hi + margin;
    }
    return out;
  }
  for (size_t i = 0; i < layer.out; ++i) {
    if (layer.kind == LayerKind::Relu) {
      out.lower[i] = std::max(in.lower[i], 0.0);
      out.upper[i] = std::max(in.upper[i], 0.0);
    } else {
      // Every activation here is monotone non-decreasing.
      out.lower[i] = down(applyActivation(layer.kind, in.lower[i]));
      out.upper[i] = up(applyActivation(layer.kind, in.upper[i]));
    }
  }
  return out;
}

/// Row-major rows x cols matrix.
struct Matrix {
  size_t rows = 0, cols = 0;
  std::vector<double> data;
  Matrix(size_t r, size_t c) : rows(r), cols(c), data(r * c, 0.0) {}
  double *row(size_t r) { return &data[r * cols]; }
  const double *row(size_t r) const { return &data[r * cols]; }
};

/// What the backward pass used, per layer (indexed by layer): the
/// coefficients before the layer, and for activations the slope and
/// intercept of the line taken for each coefficient. Enough to
/// differentiate the bound with respect to the relu slopes.
struct Trace {
  std::vector<Matrix> before, slope, intercept;
};

/// Whether `a` may serve as the lower slope of an unstable relu: any a in
/// [0, 1] gives a sound line (relu(z) >= a z for every real z).
bool validSlope(double a) { return a >= 0 && a <= 1; }

/// Sound lower bounds of lambda.row(r) . v_k over the input box, where v_k
/// is the input of layer k (k == layers.size(): the output), by CROWN's
/// backward pass. On return `lambda` holds the input coefficients.
/// `slopes` (if given, per row) replaces CROWN's lower slopes of unstable
/// relus; `trace` (if given) records the pass.
/// `splits` and `betas` (if given, per row) add -beta_j s_j z_j to the
/// form (beta-CROWN, Bounds.h).
std::vector<double>
backward(const Network &net, const NetworkBounds &nb, size_t k, Matrix &lambda,
         const std::vector<ReluSlopes> *slopes = nullptr,
         Trace *trace = nullptr, const ReluSplits *splits = nullptr,
         const std::vector<std::vector<double>> *betas = nullptr) {
  size_t rows = lambda.rows;
  std::vector<double> beta(rows, 0.0), err(rows, 0.0);
  std::vector<Relaxation> relaxations;
  if (trace) {
    size_t n = net.layers.size();
    trace->before.assign(n, Matrix(0, 0));
    trace->slope.assign(n, Matrix(0, 0));
    trace->intercept.assign(n, Matrix(0, 0));
  }
  for (size_t li = k; li-- > 0;) {
    const Layer &layer = net.layers[li];
    const Box &in = nb.values[li];
    if (trace)
      trace->before[li] = lambda;
    if (layer.kind == LayerKind::Affine) {
      // lambda v_{li+1} + beta = (lambda W) v_li + (lambda b + beta).
      // The rounded lambda W differs from the exact product by at most
      // gamma(out) * |lambda| |W| per entry; its effect through the
      // magnitudes m of v_li is |lambda| (|W| m), a vector product per row
      // once |W| m is known.
      std::vector<double> mag(layer.in), absWm(layer.out, 0.0);
      for (size_t i = 0; i < layer.in; ++i)
        mag[i] = magnitude(in, i);
      for (size_t o = 0; o < layer.out; ++o) {
        const double *w = &layer.weights[o * layer.in];
        double sum = 0;
        for (size_t i = 0; i < layer.in; ++i)
          sum += std::fabs(w[i]) * mag[i];
        absWm[o] = sum;
      }
      Matrix next(rows, layer.in);
      for (size_t r = 0; r < rows; ++r) {
        const double *lam = lambda.row(r);
        double *n = next.row(r);
        double shift = 0, shiftMag = std::fabs(beta[r]), coeffErr = 0;
        for (size_t o = 0; o < layer.out; ++o) {
          double c = lam[o];
          if (c == 0)
            continue;
          shift += c * layer.bias[o];
          shiftMag += std::fabs(c * layer.bias[o]);
          coeffErr += std::fabs(c) * absWm[o];
          const double *w = &layer.weights[o * layer.in];
          for (size_t i = 0; i < layer.in; ++i)
            n[i] += c * w[i];
        }
        beta[r] += shift;
        err[r] += gamma(layer.out + layer.in + 1) * (coeffErr + shiftMag) +
                  kTiny * double(layer.out + layer.in + 1);
      }
      lambda = std::move(next);
      continue;
    }
    // Activation: y = f(z) with z in [in.lower, in.upper]. A positive
    // coefficient needs f's lower line, a negative one its upper line.
    relaxations.resize(layer.in);
    std::vector<double> mag(layer.in);
    for (size_t i = 0; i < layer.in; ++i) {
      relaxations[i] = relax(layer.kind, in.lower[i], in.upper[i]);
      mag[i] = magnitude(in, i);
    }
    if (trace) {
      trace->slope[li] = Matrix(rows, layer.in);
      trace->intercept[li] = Matrix(rows, layer.in);
    }
    for (size_t r = 0; r < rows; ++r) {
      double *lam = lambda.row(r);
      double shift = 0, shiftMag = std::fabs(beta[r]), prodMag = 0;
      const std::vector<double> *rowSlopes =
          slopes && layer.kind == LayerKind::Relu && li < (*slopes)[r].size() &&
                  (*slopes)[r][li].size() == layer.in
              ? &(*slopes)[r][li]
              : nullptr;
      for (size_t i = 0; i < layer.in; ++i) {
        double c = lam[i];
        if (c == 0)
          continue;
        Line line = c >= 0 ? relaxations[i].lower : relaxations[i].upper;
        // An unstable relu's lower line may be any y >= a z, 0 <= a <= 1:
        // exact in real arithmetic, so it needs no widening; the rounding
        // of c * a is covered by prodMag below.
        if (rowSlopes && c >= 0 && in.lower[i] < 0 && in.upper[i] > 0 &&
            validSlope((*rowSlopes)[i]))
          line = {(*rowSlopes)[i], 0};
        if (trace) {
          trace->slope[li].row(r)[i] = line.slope;
          trace->intercept[li].row(r)[i] = line.intercept;
        }
        double s = c * line.slope, t = c * line.intercept;
        lam[i] = s;
        shift += t;
        shiftMag += std::fabs(t);
        prodMag += std::fabs(s) * mag[i];
      }
      beta[r] += shift;
      err[r] += gamma(layer.in + 1) * shiftMag + 0x1p-52 * prodMag +
                kTiny * double(2 * layer.in + 1);
      if (!splits || !betas)
        continue;
      // The Lagrangian term -beta_j s_j z_j of each split of this layer
      // joins z_j's coefficient. Rounding is monotone and lam[i] is a
      // double, so fl(lam[i] - beta s) - lam[i] has the sign of -s: the
      // term actually added is -beta' s_j z_j with an exact beta' >= 0,
      // a valid multiplier in its own right, and everything from here on
      // bounds that form with the usual margins. No margin is needed.
      const std::vector<double> &b = (*betas)[r];
      for (size_t j = 0; j < splits->size() && j < b.size(); ++j) {
        const ReluSplit &sp = (*splits)[j];
        if (sp.layer != li || sp.unit >= layer.in || !(b[j] > 0) ||
            !std::isfinite(b[j]))
          continue;
        lam[sp.unit] = sp.active ? lam[sp.unit] - b[j] : lam[sp.unit] + b[j];
      }
    }
  }
  // Concretize over the input box: the minimum of a linear form over a box
  // takes each coordinate at the end that its coefficient's sign selects.
  const Box &box = nb.values[0];
  std::vector<double> result(rows);
  for (size_t r = 0; r < rows; ++r) {
    const double *lam = lambda.row(r);
    double s = beta[r], mag = std::fabs(beta[r]);
    for (size_t i = 0; i < box.size(); ++i) {
      double c = lam[i];
      s += c >= 0 ? c * box.lower[i] : c * box.upper[i];
      mag += std::fabs(c) * magnitude(box, i);
    }
    result[r] = s - err[r] - gamma(box.size() + 1) * mag -
                kTiny * double(box.size() + 1);
  }
  return result;
}

/// Tightens the bounds of v_k (the input of layer k, or the output) by
/// CROWN for the entries selected by `which` (all when empty).
void crownTighten(const Network &net, NetworkBounds &nb, size_t k,
                  const std::vector<size_t> &which) {
  Box &value = nb.values[k];
  size_t m = value.size();
  std::vector<size_t> idx = which;
  if (idx.empty())
    for (size_t i = 0; i < m; ++i)
      idx.push_back(i);
  // Rows e_i give lower bounds, rows -e_i (negated) upper bounds.
  Matrix lambda(2 * idx.size(), m);
  for (size_t j = 0; j < idx.size(); ++j) {
    lambda.row(2 * j)[idx[j]] = 1;
    lambda.row(2 * j + 1)[idx[j]] = -1;
  }
  std::vector<double> lb = backward(net, nb, k, lambda);
  for (size_t j = 0; j < idx.size(); ++j) {
    size_t i = idx[j];
    value.lower[i] = std::max(value.lower[i], lb[2 * j]);
    value.upper[i] = std::min(value.upper[i], -lb[2 * j + 1]);
  }
}

/// Tightens v_k by CROWN where that can matter downstream.
void crownValue(const Network &network, NetworkBounds &nb, size_t k) {
  size_t n = network.layers.size(), li = k - 1;
  // Interval bounds of an affine function of the box are already the
  // tightest; only deeper values gain from CROWN.
  if (k == 1 && network.layers[0].kind == LayerKind::Affine)
    return;
  bool last = k == n;
  const Layer *consumer = last ? nullptr : &network.layers[k];
  if (!last && consumer->kind == LayerKind::Affine)
    return; // nobody relaxes this value: intervals suffice downstream
  if (network.layers[li].kind != LayerKind::Affine)
    return; // an activation's output: its input's bounds decide it
  std::vector<size_t> which;
  if (consumer && consumer->kind == LayerKind::Relu) {
    // A relu's relaxation only depends on the bounds of unstable inputs.
    const Box &v = nb.values[k];
    for (size_t i = 0; i < v.size(); ++i)
      if (v.lower[i] < 0 && v.upper[i] > 0)
        which.push_back(i);
    if (which.empty())
      return;
  }
  crownTighten(network, nb, k, which);
}

} // namespace

size_t NetworkBounds::signChanges(size_t layer) const {
  const Box &in = values[layer];
  size_t n = 0;
  for (size_t i = 0; i < in.size(); ++i)
    n += in.lower[i] < 0 && in.upper[i] > 0;
  return n;
}

size_t NetworkBounds::unstableRelus(const Network &network) const {
  size_t n = 0;
  for (size_t li = 0; li < network.layers.size(); ++li)
    if (network.layers[li].kind == LayerKind::Relu)
      n += signChanges(li);
  return n;
}

bool NetworkBounds::empty() const {
  for (const Box &v : values)
    for (size_t i = 0; i < v.size(); ++i)
      if (v.lower[i] > v.upper[i])
        return true;
  return false;
}

size_t NetworkBounds::totalRelus(const Network &network) const {
  size_t n = 0;
  for (const Layer &l : network.layers)
    n += l.kind == LayerKind::Relu ? l.in : 0;
  return n;
}

NetworkBounds mlir::sg::verify::computeBounds(const Network &network,
                                              const Box &box,
                                              BoundMethod method,
                                              const NetworkBounds *prior,
                                              const ReluSplits *splits) {
  assert(box.size() == network.inputSize && "box of the wrong size");
  NetworkBounds nb;
  nb.values.reserve(network.layers.size() + 1);
  nb.values.push_back(box);
  size_t n = network.layers.size();
  // Clamps the input of relu layer k by the splits on it: on the domain,
  // z >= 0 (active) or z <= 0.
  auto applySplits = [&](size_t k) {
    if (!splits || k >= n || network.layers[k].kind != LayerKind::Relu)
      return;
    Box &v = nb.values[k];
    for (const ReluSplit &sp : *splits) {
      if (sp.layer != k || sp.unit >= v.size())
        continue;
      if (sp.active)
        v.lower[sp.unit] = std::max(v.lower[sp.unit], 0.0);
      else
        v.upper[sp.unit] = std::min(v.upper[sp.unit], 0.0);
    }
  };
  applySplits(0);
  for (size_t li = 0; li < n; ++li) {
    nb.values.push_back(intervalLayer(network.layers[li], nb.values[li]));
    if (prior) {
      // Bounds over a larger box hold here too: keep the tighter ends.
      Box &v = nb.values.back();
      const Box &p = prior->values[li + 1];
      for (size_t i = 0; i < v.size(); ++i) {
        v.lower[i] = std::max(v.lower[i], p.lower[i]);
        v.upper[i] = std::min(v.upper[i], p.upper[i]);
      }
    }
    size_t k = li + 1;
    if (method == BoundMethod::Crown)
      crownValue(network, nb, k);
    applySplits(k);
  }
  return nb;
}

std::vector<double> mlir::sg::verify::lowerBoundLinear(
    const Network &network, const NetworkBounds &bounds,
    const std::vector<std::vector<double>> &rows, BoundMethod method,
    std::vector<std::vector<double>> *inputCoefficients) {
  size_t m = network.outputSize();
  if (inputCoefficients)
    inputCoefficients->clear();
  if (method == BoundMethod::Interval) {
    const Box &out = bounds.output();
    std::vector<double> result;
    for (const std::vector<double> &c : rows) {
      assert(c.size() == m && "row of the wrong size");
      double s = 0, mag = 0;
      for (size_t j = 0; j < m; ++j) {
        s += c[j] >= 0 ? c[j] * out.lower[j] : c[j] * out.upper[j];
        mag += std::fabs(c[j]) * magnitude(out, j);
      }
      result.push_back(s - gamma(m + 1) * mag - kTiny * double(m + 1));
    }
    return result;
  }
  Matrix lambda(rows.size(), m);
  for (size_t r = 0; r < rows.size(); ++r) {
    assert(rows[r].size() == m && "row of the wrong size");
    std::copy(rows[r].begin(), rows[r].end(), lambda.row(r));
  }
  std::vector<double> result =
      backward(network, bounds, network.layers.size(), lambda);
  if (inputCoefficients)
    for (size_t r = 0; r < rows.size(); ++r)
      inputCoefficients->emplace_back(lambda.row(r),
                                      lambda.row(r) + lambda.cols);
  return result;
}

std::vector<double> mlir::sg::verify::lowerBoundWithSlopes(
    const Network &network, const NetworkBounds &bounds, size_t k,
    const std::vector<std::vector<double>> &rows,
    const std::vector<ReluSlopes> &slopes, std::vector<ReluSlopes> *gradients,
    std::vector<std::vector<double>> *inputCoefficients,
    const ReluSplits *splits, const std::vector<std::vector<double>> *betas,
    std::vector<std::vector<double>> *betaGradients) {
  assert(k <= network.layers.size() && slopes.size() == rows.size() &&
         "slopes for every row");
  size_t m = bounds.values[k].size();
  Matrix lambda(rows.size(), m);
  for (size_t r = 0; r < rows.size(); ++r) {
    assert(rows[r].size() == m && "row of the wrong size");
    std::copy(rows[r].begin(), rows[r].end(), lambda.row(r));
  }
  Trace trace;
  bool withBetas = splits && betas && !splits->empty();
  assert((!withBetas || betas->size() == rows.size()) &&
         "multipliers for every row");
  std::vector<double> result =
      backward(network, bounds, k, lambda, &slopes,
               gradients || betaGradients ? &trace : nullptr,
               withBetas ? splits : nullptr, withBetas ? betas : nullptr);
  if (inputCoefficients) {
    inputCoefficients->clear();
    for (size_t r = 0; r < rows.size(); ++r)
      inputCoefficients->emplace_back(lambda.row(r),
                                      lambda.row(r) + lambda.cols);
  }
  if (betaGradients)
    betaGradients->assign(rows.size(),
                          std::vector<double>(splits ? splits->size() : 0));
  if (!gradients && !betaGradients)
    return result;
  // Reverse mode through the backward pass, in plain double (only the
  // direction of the optimization depends on it): g = d bound / d lambda,
  // from the input box up to v_k.
  const Box &box = bounds.values[0];
  std::vector<ReluSlopes> slopeGradients;
  if (!gradients)
    gradients = &slopeGradients;
  gradients->assign(rows.size(), ReluSlopes(network.layers.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<double> g(box.size());
    const double *lam = lambda.row(r);
    for (size_t i = 0; i < box.size(); ++i)
      g[i] = lam[i] >= 0 ? box.lower[i] : box.upper[i];
    for (size_t li = 0; li < k; ++li) {
      const Layer &layer = network.layers[li];
      const double *before = trace.before[li].row(r);
      if (layer.kind == LayerKind::Affine) {
        // lambda_in = lambda_out W, beta += lambda_out . b.
        std::vector<double> out(layer.out);
        for (size_t o = 0; o < layer.out; ++o) {
          const double *w = &layer.weights[o * layer.in];
          double sum = layer.bias[o];
          for (size_t i = 0; i < layer.in; ++i)
            sum += w[i] * g[i];
          out[o] = sum;
        }
        g = std::move(out);
        continue;
      }
      // lambda_in = slope * lambda_out, beta += intercept * lambda_out.
      const Box &in = bounds.values[li];
      const double *slope = trace.slope[li].row(r);
      const double *intercept = trace.intercept[li].row(r);
      std::vector<double> &grad = (*gradients)[r][li];
      if (layer.kind == LayerKind::Relu)
        grad.assign(layer.in, 0.0);
      // lambda_in[z_j] -= beta_j s_j: d bound / d beta_j = -s_j g[z_j].
      if (betaGradients && splits && layer.kind == LayerKind::Relu)
        for (size_t j = 0; j < splits->size(); ++j) {
          const ReluSplit &sp = (*splits)[j];
          if (sp.layer == li && sp.unit < layer.in)
            (*betaGradients)[r][j] = sp.active ? -g[sp.unit] : g[sp.unit];
        }
      for (size_t i = 0; i < layer.in; ++i) {
        if (layer.kind == LayerKind::Relu && before[i] > 0 && in.lower[i] < 0 &&
            in.upper[i] > 0)
          grad[i] = before[i] * g[i];
        g[i] = slope[i] * g[i] + intercept[i];
      }
    }
  }
  return result;
}

std::vector<std::vector<double>>
mlir::sg::verify::reluSplitScores(const Network &network,
                                  const NetworkBounds &bounds,
                                  const std::vector<double> &row) {
  size_t n = network.layers.size();
  Matrix lambda(1, network.outputSize());
  std::copy(row.begin(), row.end(), lambda.row(0));
  Trace trace;
  backward(network, bounds, n, lambda, nullptr, &trace);
  std::vector<std::vector<double>> scores(n);
  for (size_t li = 0; li < n; ++li) {
    if (network.layers[li].kind != LayerKind::Relu)
      continue;
    const Box &in = bounds.values[li];
    const double *c = trace.before[li].row(0);
    scores[li].assign(in.size(), 0.0);
    for (size_t i = 0; i < in.size(); ++i) {
      double l = in.lower[i], u = in.upper[i];
      if (!(l < 0 && u > 0))
        continue;
      double intercept = u * -l / (u - l);
      scores[li][i] = (c[i] < 0 ? -c[i] : 0.2 * c[i]) * intercept;
    }
  }
  return scores;
}
