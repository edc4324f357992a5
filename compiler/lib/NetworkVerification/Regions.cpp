//===- Regions.cpp - Largest certified input regions ----------------------===//

#include "sg/NetworkVerification/Regions.h"
#include "sg/NetworkVerification/BranchAndBound.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::sg::verify;

double mlir::sg::verify::logVolume(const Box &b) {
  double v = 0;
  for (size_t i = 0; i < b.size(); ++i)
    if (b.upper[i] > b.lower[i])
      v += std::log(b.upper[i] - b.lower[i]);
  return v;
}

//===----------------------------------------------------------------------===//
// The largest box under linear constraints
//===----------------------------------------------------------------------===//

namespace {

/// Solves H x = r for a symmetric positive definite H (m x m, row-major)
/// by Cholesky; false if H is not numerically positive definite.
bool choleskySolve(std::vector<double> H, std::vector<double> &r, size_t m) {
  for (size_t j = 0; j < m; ++j) {
    double d = H[j * m + j];
    for (size_t k = 0; k < j; ++k)
      d -= H[j * m + k] * H[j * m + k];
    if (!(d > 0))
      return false;
    d = std::sqrt(d);
    H[j * m + j] = d;
    for (size_t i = j + 1; i < m; ++i) {
      double s = H[i * m + j];
      for (size_t k = 0; k < j; ++k)
        s -= H[i * m + k] * H[j * m + k];
      H[i * m + j] = s / d;
    }
  }
  for (size_t i = 0; i < m; ++i) { // L y = r
    double s = r[i];
    for (size_t k = 0; k < i; ++k)
      s -= H[i * m + k] * r[k];
    r[i] = s / H[i * m + i];
  }
  for (size_t i = m; i-- > 0;) { // L^T x = y
    double s = r[i];
    for (size_t k = i + 1; k < m; ++k)
      s -= H[k * m + i] * r[k];
    r[i] = s / H[i * m + i];
  }
  return true;
}

/// The barrier problem in the variables v = (l, u) (2n of them): each
/// constraint row becomes g . v <= h with g = (-a-, a+).
class Barrier {
public:
  explicit Barrier(const LargestBoxProblem &p) : n(p.center.size()) {
    lo.resize(2 * n);
    hi.resize(2 * n);
    for (size_t i = 0; i < n; ++i) {
      lo[i] = p.limit.lower[i];
      hi[i] = p.center[i];
      lo[n + i] = p.center[i];
      hi[n + i] = p.limit.upper[i];
      if (p.limit.upper[i] > p.limit.lower[i])
        objective.push_back(i);
    }
    for (size_t k = 0; k < 2 * n; ++k)
      if (lo[k] < hi[k])
        free.push_back(k);
    for (const BoxConstraint &c : p.constraints) {
      std::vector<double> g(2 * n);
      for (size_t i = 0; i < n; ++i) {
        g[i] = -std::max(-c.a[i], 0.0);
        g[n + i] = std::max(c.a[i], 0.0);
      }
      rows.push_back(std::move(g));
      rhs.push_back(c.b);
    }
  }

  /// How many log terms the barrier has besides the objective: the duality
  /// gap after centering at t is this / t.
  double terms() const { return double(rows.size() + 2 * free.size()); }

  double slack(size_t j, const std::vector<double> &v) const {
    double s = rhs[j];
    for (size_t k = 0; k < 2 * n; ++k)
      s -= rows[j][k] * v[k];
    return s;
  }

  /// t * (-log-volume) - sum log(slacks); +inf outside the domain.
  double value(const std::vector<double> &v, double t) const {
    double f = 0;
    for (size_t i : objective) {
      double w = v[n + i] - v[i];
      if (!(w > 0))
        return INFINITY;
      f -= t * std::log(w);
    }
    for (size_t j = 0; j < rows.size(); ++j) {
      double s = slack(j, v);
      if (!(s > 0))
        return INFINITY;
      f -= std::log(s);
    }
    for (size_t k : free) {
      double a = v[k] - lo[k], b = hi[k] - v[k];
      if (!(a > 0) || !(b > 0))
        return INFINITY;
      f -= std::log(a) + std::log(b);
    }
    return f;
  }

  /// Gradient and Hessian over the free variables (m = free.size()).
  void derivatives(const std::vector<double> &v, double t,
                   std::vector<double> &grad, std::vector<double> &hess) const {
    size_t m = free.size();
    std::vector<double> g(2 * n, 0.0), H(4 * n * n, 0.0);
    auto h = [&](size_t a, size_t b) -> double & { return H[a * 2 * n + b]; };
    for (size_t i : objective) {
      double w = v[n + i] - v[i], c = t / (w * w);
      g[i] += t / w;
      g[n + i] -= t / w;
      h(i, i) += c;
      h(n + i, n + i) += c;
      h(i, n + i) -= c;
      h(n + i, i) -= c;
    }
    for (size_t j = 0; j < rows.size(); ++j) {
      double s = slack(j, v);
      const std::vector<double> &r = rows[j];
      for (size_t a = 0; a < 2 * n; ++a) {
        if (r[a] == 0)
          continue;
        g[a] += r[a] / s;
        for (size_t b = 0; b < 2 * n; ++b)
          h(a, b) += r[a] * r[b] / (s * s);
      }
    }
    for (size_t k : free) {
      double a = v[k] - lo[k], b = hi[k] - v[k];
      g[k] += -1 / a + 1 / b;
      h(k, k) += 1 / (a * a) + 1 / (b * b);
    }
    grad.assign(m, 0.0);
    hess.assign(m * m, 0.0);
    for (size_t a = 0; a < m; ++a) {
      grad[a] = g[free[a]];
      for (size_t b = 0; b < m; ++b)
        hess[a * m + b] = h(free[a], free[b]);
    }
  }

  size_t n;
  std::vector<double> lo, hi, rhs;
  std::vector<std::vector<double>> rows;
  std::vector<size_t> objective, free;
};

} // namespace

LargestBoxSolution
mlir::sg::verify::largestBox(const LargestBoxProblem &p,
                             const BoxOptimizerOptions &options) {
  LargestBoxSolution sol;
  size_t n = p.center.size();
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(p.limit.lower[i]) || !std::isfinite(p.limit.upper[i]) ||
        !(p.limit.lower[i] <= p.center[i] && p.center[i] <= p.limit.upper[i])) {
      sol.error = "the center is not inside a finite limit box";
      return sol;
    }
  Barrier bar(p);
  // A strictly feasible start: the same small fraction of the distance to
  // the limit on every side, halved until every constraint holds strictly.
  std::vector<double> v(2 * n);
  double delta = 0.5;
  for (int k = 0;; ++k) {
    for (size_t i = 0; i < n; ++i) {
      v[i] = p.center[i] - delta * (p.center[i] - p.limit.lower[i]);
      v[n + i] = p.center[i] + delta * (p.limit.upper[i] - p.center[i]);
    }
    if (std::isfinite(bar.value(v, 1)))
      break;
    if (k == 200) {
      sol.error = "no constraint-satisfying box around the center (a "
                  "constraint is tight or violated there)";
      return sol;
    }
    delta /= 2;
  }
  size_t m = bar.free.size();
  double t = 1;
  std::vector<double> grad, hess;
  for (;;) {
    // Centering: damped Newton steps with a backtracking line search that
    // stays in the domain (Armijo factor 1/4, halving).
    double previous = INFINITY;
    for (;;) {
      if (m == 0 || sol.newtonSteps >= options.maxNewtonSteps)
        break;
      bar.derivatives(v, t, grad, hess);
      std::vector<double> step(m);
      for (size_t a = 0; a < m; ++a)
        step[a] = -grad[a];
      if (!choleskySolve(hess, step, m))
        break;
      double decrement = 0; // Newton decrement squared: -grad . step
      for (size_t a = 0; a < m; ++a)
        decrement -= grad[a] * step[a];
      // Centered: the decrement is tiny, or it stopped shrinking
      // quadratically because it reached the rounding noise of the
      // gradient (t * 1/width against 1/slack terms).
      if (!(decrement / 2 > 1e-12) ||
          (decrement < 1e-6 && decrement > 0.1 * previous))
        break;
      previous = decrement;
      ++sol.newtonSteps;
      double f = bar.value(v, t), s = 1;
      std::vector<double> next(v);
      bool moved = false;
      for (int k = 0; k < 80; ++k, s /= 2) {
        for (size_t a = 0; a < m; ++a)
          next[bar.free[a]] = v[bar.free[a]] + s * step[a];
        double g = bar.value(next, t);
        // Close to the center (decrement below 1/4) the full step stays in
        // the domain and converges quadratically (the barrier is
        // self-concordant for t >= 1): take it even where f's rounding
        // (t can be 1e10) hides the decrease the Armijo test asks for.
        if (g <= f - 0.25 * s * decrement ||
            (s == 1 && decrement < 0.25 && std::isfinite(g))) {
          moved = true;
          break;
        }
      }
      if (!moved)
        break; // at the resolution of double: centered as far as it goes
      v = next;
    }
    if (bar.terms() / t < options.gapTolerance ||
        sol.newtonSteps >= options.maxNewtonSteps)
      break;
    t *= options.barrierGrowth;
  }
  sol.found = true;
  sol.dualityGap = bar.terms() / t;
  sol.box.lower.assign(v.begin(), v.begin() + n);
  sol.box.upper.assign(v.begin() + n, v.end());
  sol.logVolume = logVolume(sol.box);
  for (size_t j = 0; j < bar.rows.size(); ++j)
    sol.multipliers.push_back(1 / (t * bar.slack(j, v)));
  sol.lowerLimit.assign(n, 0.0);
  sol.lowerCenter.assign(n, 0.0);
  sol.upperCenter.assign(n, 0.0);
  sol.upperLimit.assign(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    if (bar.lo[i] < bar.hi[i]) {
      sol.lowerLimit[i] = 1 / (t * (v[i] - bar.lo[i]));
      sol.lowerCenter[i] = 1 / (t * (bar.hi[i] - v[i]));
    }
    if (bar.lo[n + i] < bar.hi[n + i]) {
      sol.upperCenter[i] = 1 / (t * (v[n + i] - bar.lo[n + i]));
      sol.upperLimit[i] = 1 / (t * (bar.hi[n + i] - v[n + i]));
    }
  }
  return sol;
}

//===----------------------------------------------------------------------===//
// The activation pattern's affine pieces
//===----------------------------------------------------------------------===//

ActivationPattern
mlir::sg::verify::activationPattern(const Network &network,
                                    const std::vector<double> &x0) {
  ActivationPattern ap;
  size_t n = network.inputSize;
  // Each value as an affine function A[r] . x + d[r] of the input, valid
  // on the polytope of x0's pattern, and its value at x0.
  std::vector<std::vector<double>> A(n, std::vector<double>(n, 0.0));
  std::vector<double> d(n, 0.0), v = x0;
  for (size_t i = 0; i < n; ++i)
    A[i][i] = 1;
  for (size_t li = 0; li < network.layers.size(); ++li) {
    const Layer &l = network.layers[li];
    if (l.kind == LayerKind::Affine) {
      std::vector<std::vector<double>> A2(l.out, std::vector<double>(n, 0.0));
      std::vector<double> d2(l.bias), v2(l.bias);
      for (size_t r = 0; r < l.out; ++r)
        for (size_t c = 0; c < l.in; ++c) {
          double w = l.weight(r, c);
          if (w == 0)
            continue;
          for (size_t i = 0; i < n; ++i)
            A2[r][i] += w * A[c][i];
          d2[r] += w * d[c];
          v2[r] += w * v[c];
        }
      A = std::move(A2);
      d = std::move(d2);
      v = std::move(v2);
      continue;
    }
    if (l.kind != LayerKind::Relu) {
      ap.error = std::string("the activation pattern needs a network of "
                             "affine layers and relus; layer ") +
                 std::to_string(li) + " is " + layerKindName(l.kind);
      return ap;
    }
    for (size_t r = 0; r < v.size(); ++r) {
      ++ap.relus;
      // Active at x0 (z > 0, where relu' = 1): z >= 0 on the box, i.e.
      // -A . x <= d; inactive: A . x <= -d, and the unit is 0 beyond.
      bool active = v[r] > 0;
      BoxConstraint c;
      c.a = A[r];
      c.b = -d[r];
      if (active) {
        for (double &e : c.a)
          e = -e;
        c.b = d[r];
      }
      ap.signs.push_back(std::move(c));
      if (!active) {
        std::fill(A[r].begin(), A[r].end(), 0.0);
        d[r] = 0;
        v[r] = 0;
      }
    }
  }
  ap.outputA = std::move(A);
  ap.outputD = std::move(d);
  ap.found = true;
  return ap;
}

//===----------------------------------------------------------------------===//
// Regions
//===----------------------------------------------------------------------===//

namespace {

/// Grows `start` inside `limit` while `holds` accepts it (holds(start) is
/// assumed): first the same fraction t of the distance to the limit on
/// every side (binary search on t), then each side on its own. With
/// `balanced`, a side takes only half of the extension found in all rounds
/// but the last: the margin that stops the growth is then shared by the
/// sides instead of going to the first one tried (the log-volume, a sum of
/// logs, favours balanced widths).
template <typename Predicate>
Box grow(const Box &limit, const Box &start, const Predicate &holds,
         const RegionOptions &options, bool balanced = false) {
  size_t n = start.size();
  auto uniform = [&](double t) {
    Box b = start;
    for (size_t i = 0; i < n; ++i) {
      b.lower[i] = start.lower[i] - t * (start.lower[i] - limit.lower[i]);
      b.upper[i] = start.upper[i] + t * (limit.upper[i] - start.upper[i]);
    }
    return b;
  };
  double good = 0, bad = 1;
  if (holds(uniform(1)))
    good = 1;
  else
    for (int s = 0; s < options.steps; ++s) {
      double t = (good + bad) / 2;
      (holds(uniform(t)) ? good : bad) = t;
    }
  Box box = uniform(good);
  for (int round = 0; round < options.rounds; ++round) {
    for (size_t i = 0; i < n; ++i) {
      for (int side = 0; side < 2; ++side) {
        double &end = side ? box.upper[i] : box.lower[i];
        double target = side ? limit.upper[i] : limit.lower[i];
        double from = end;
        if (from == target)
          continue;
        double lo = 0, hi = 1;
        end = target;
        if (holds(box))
          continue;
        for (int s = 0; s < options.steps / 2; ++s) {
          double t = (lo + hi) / 2;
          end = from + t * (target - from);
          (holds(box) ? lo : hi) = t;
        }
        if (balanced && round + 1 < options.rounds)
          lo /= 2;
        end = from + lo * (target - from);
      }
    }
  }
  return box;
}

/// The margin by which a computed constraint a . x <= b is tightened: the
/// pattern's affine maps were composed in double, so their rounding (far
/// below 1e-9 relative on networks of a few layers) must not decide
/// whether the certified bounds accept the box.
double tightening(const BoxConstraint &c, const Box &limit) {
  double scale = std::fabs(c.b);
  for (size_t i = 0; i < c.a.size(); ++i)
    scale += std::fabs(c.a[i]) *
             std::max(std::fabs(limit.lower[i]), std::fabs(limit.upper[i]));
  return 1e-9 * scale + 1e-300;
}

/// Up to `limit` combinations of one candidate per list (the best first):
/// the weakest candidates of the longest lists are dropped first.
template <typename T>
std::vector<std::vector<size_t>>
combinations(std::vector<std::vector<T>> &lists, size_t limit) {
  auto product = [&] {
    double p = 1;
    for (const auto &l : lists)
      p *= double(l.size());
    return p;
  };
  while (product() > double(std::max<size_t>(limit, 1))) {
    auto longest = std::max_element(
        lists.begin(), lists.end(),
        [](const auto &a, const auto &b) { return a.size() < b.size(); });
    longest->pop_back();
  }
  std::vector<std::vector<size_t>> all;
  std::vector<size_t> pick(lists.size(), 0);
  for (;;) {
    all.push_back(pick);
    size_t k = 0; // the next combination (mixed radix)
    while (k < pick.size() && ++pick[k] == lists[k].size())
      pick[k++] = 0;
    if (k == pick.size())
      return all;
  }
}

/// The largest certified box in x0's activation-pattern polytope.
void patternBox(const Network &network, const PropertyCase &c,
                const std::vector<double> &x0, const RegionOptions &options,
                RegionResult &r) {
  ActivationPattern ap = activationPattern(network, x0);
  if (!ap.found) {
    r.patternError = ap.error;
    return;
  }
  LargestBoxProblem problem;
  problem.limit = c.box;
  problem.center = x0;
  for (BoxConstraint s : ap.signs) {
    s.b -= tightening(s, c.box);
    problem.constraints.push_back(std::move(s));
  }
  // Each unsafe disjunct must be refuted on the whole box: inside the
  // pattern y = A x + d, so a constraint c . y <= rhs of it fails
  // everywhere iff -(c A) . x <= c . d - rhs strictly. Candidates per
  // disjunct: the constraints that fail at x0, largest gap first.
  std::vector<double> y = network.evaluate(x0);
  std::vector<std::vector<std::pair<double, BoxConstraint>>> choices(
      c.unsafe.size());
  for (size_t k = 0; k < c.unsafe.size(); ++k) {
    for (const LinearConstraint &lc : c.unsafe[k]) {
      BoxConstraint bc;
      bc.a.assign(x0.size(), 0.0);
      bc.b = -lc.rhs;
      double gap = -lc.rhs;
      for (size_t j = 0; j < lc.coeffs.size(); ++j) {
        gap += lc.coeffs[j] * y[j];
        bc.b += lc.coeffs[j] * ap.outputD[j];
        for (size_t i = 0; i < x0.size(); ++i)
          bc.a[i] -= lc.coeffs[j] * ap.outputA[j][i];
      }
      bc.b -= tightening(bc, c.box);
      if (gap > 0)
        choices[k].push_back({gap, std::move(bc)});
    }
    std::sort(choices[k].begin(), choices[k].end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    if (choices[k].empty()) {
      r.patternError = "no output constraint of an unsafe disjunct fails "
                       "at the point by a margin";
      return;
    }
  }
  LargestBoxSolution best;
  for (const std::vector<size_t> &pick :
       combinations(choices, options.patternChoices)) {
    LargestBoxProblem q = problem;
    for (size_t k = 0; k < pick.size(); ++k)
      q.constraints.push_back(choices[k][pick[k]].second);
    LargestBoxSolution s = largestBox(q, options.optimizer);
    if (s.found && (!best.found || s.logVolume > best.logVolume))
      best = std::move(s);
    else if (!best.found && !s.found)
      best.error = s.error;
  }
  if (!best.found) {
    r.patternError = best.error;
    return;
  }
  r.patternOptimum = best.logVolume;
  r.patternNewtonSteps = best.newtonSteps;
  // Certify: every relu keeps its sign by the sound bounds, and the
  // property holds by them. The optimizer worked on rounded maps with a
  // margin; should that not suffice, shrink the box towards x0 (the point
  // itself was certified).
  // The barrier keeps the optimum ~1e-9 inside limits it rests on: first
  // try it with those ends on the limits.
  Box snapped = best.box;
  for (size_t i = 0; i < snapped.size(); ++i) {
    double tol = 1e-7 * (c.box.upper[i] - c.box.lower[i]);
    if (snapped.lower[i] - c.box.lower[i] < tol)
      snapped.lower[i] = c.box.lower[i];
    if (c.box.upper[i] - snapped.upper[i] < tol)
      snapped.upper[i] = c.box.upper[i];
  }
  for (double shrink : {2.0, 1.0, 1 - 1e-6, 1 - 1e-4, 1 - 1e-2, 0.9, 0.75, 0.5,
                        0.25, 0.1, 1e-2, 1e-3, 1e-4, 1e-6, 0.0}) {
    bool snap = shrink > 1;
    if (snap && snapped.lower == best.box.lower &&
        snapped.upper == best.box.upper)
      continue; // nothing to snap
    Box b = snap ? snapped : best.box;
    shrink = std::min(shrink, 1.0);
    if (shrink < 1)
      for (size_t i = 0; i < b.size(); ++i) {
        b.lower[i] = x0[i] - shrink * (x0[i] - best.box.lower[i]);
        b.upper[i] = x0[i] + shrink * (best.box.upper[i] - x0[i]);
      }
    if (computeBounds(network, b, options.method).unstableRelus(network) != 0 ||
        !certifyBox(network, c, b, options.method, options.boxesPerCheck))
      continue;
    r.patternFound = true;
    r.patternBox = b;
    r.patternLogVolume = logVolume(b);
    r.patternShrink = shrink;
    r.patternSnapped = snap;
    return;
  }
  r.patternError = "the bounds certify no box of the pattern around the point";
}

/// Beyond the pattern: the same log-volume program with CROWN's linear
/// lower bounds in place of the affine pieces. On an outer box B (the
/// current region pushed out by a fraction tau of its distance to the
/// limit), CROWN bounds each output constraint's c . f(x) from below by a
/// linear function g . x + beta that holds on all of B; the largest box in
/// B around x0 on which, for every unsafe disjunct, one such function stays
/// above its rhs is a candidate, accepted only if branch and bound
/// certifies it and it is larger. tau doubles after a success and halves
/// after a failure.
Box optimizeBeyond(const Network &network, const PropertyCase &c,
                   const std::vector<double> &x0, const Box &start,
                   const RegionOptions &options, int &accepted) {
  Box region = start;
  double volume = logVolume(region);
  double tau = 1;
  std::vector<std::vector<double>> rows;
  std::vector<std::pair<size_t, size_t>> where; // (disjunct, constraint)
  for (size_t k = 0; k < c.unsafe.size(); ++k)
    for (size_t j = 0; j < c.unsafe[k].size(); ++j) {
      rows.push_back(c.unsafe[k][j].coeffs);
      where.push_back({k, j});
    }
  for (int it = 0; it < options.optimizeSteps; ++it, tau = tau / 2) {
    Box outer = region;
    for (size_t i = 0; i < outer.size(); ++i) {
      outer.lower[i] -= tau * (region.lower[i] - c.box.lower[i]);
      outer.upper[i] += tau * (c.box.upper[i] - region.upper[i]);
    }
    NetworkBounds nb = computeBounds(network, outer, options.method);
    std::vector<std::vector<double>> coeffs;
    std::vector<double> lb =
        lowerBoundLinear(network, nb, rows, options.method, &coeffs);
    if (coeffs.size() != rows.size())
      return region; // interval bounds give no linear function
    std::vector<std::vector<std::pair<double, BoxConstraint>>> choices(
        c.unsafe.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      // g . x + beta with beta = lb - min over the box of g . x: at least
      // c . f(x) on `outer` (up to the rounding the certification covers).
      BoxConstraint bc;
      double beta = lb[r], atX0 = 0;
      for (size_t i = 0; i < x0.size(); ++i) {
        double g = coeffs[r][i];
        beta -= std::min(g * outer.lower[i], g * outer.upper[i]);
        bc.a.push_back(-g);
        atX0 += g * x0[i];
      }
      const LinearConstraint &lc = c.unsafe[where[r].first][where[r].second];
      bc.b = beta - lc.rhs;
      bc.b -= tightening(bc, c.box);
      double gap = atX0 + bc.b; // the slack at x0
      if (gap > 0)
        choices[where[r].first].push_back({gap, std::move(bc)});
    }
    bool possible = true;
    for (auto &list : choices) {
      std::sort(list.begin(), list.end(),
                [](const auto &a, const auto &b) { return a.first > b.first; });
      possible &= !list.empty();
    }
    if (!possible)
      continue; // CROWN on `outer` is too loose even at x0: a smaller one
    LargestBoxSolution best;
    for (const std::vector<size_t> &pick :
         combinations(choices, options.patternChoices)) {
      LargestBoxProblem q;
      q.limit = outer;
      q.center = x0;
      for (size_t k = 0; k < pick.size(); ++k)
        q.constraints.push_back(choices[k][pick[k]].second);
      LargestBoxSolution sol = largestBox(q, options.optimizer);
      if (sol.found && (!best.found || sol.logVolume > best.logVolume))
        best = std::move(sol);
    }
    if (!best.found || !(best.logVolume > volume + 1e-9) ||
        !certifyBox(network, c, best.box, options.method,
                    options.boxesPerCheck))
      continue;
    region = best.box;
    volume = best.logVolume;
    ++accepted;
    tau = std::min(1.0, tau * 4); // doubled, after the loop's halving
  }
  return region;
}

} // namespace

RegionResult mlir::sg::verify::findRegion(const Network &network,
                                          const Property &property,
                                          const std::vector<double> &x0,
                                          const RegionOptions &options) {
  RegionResult r;
  const PropertyCase *c = nullptr;
  for (size_t i = 0; i < property.cases.size(); ++i)
    if (property.cases[i].box.contains(x0)) {
      c = &property.cases[i];
      r.caseIndex = i;
      break;
    }
  if (!c) {
    r.error = "the point is outside the property's input region";
    return r;
  }
  std::vector<double> y = network.evaluate(x0);
  if (Property::isUnsafeOutput(*c, y)) {
    r.error = "the property does not hold at the point itself (it is a "
              "counterexample)";
    return r;
  }
  Box point{x0, x0};
  if (!certifyBox(network, *c, point, options.method, options.boxesPerCheck)) {
    r.error = "the bounds cannot certify even the point itself (its output "
              "is within rounding of the unsafe region)";
    return r;
  }
  auto holds = [&](const Box &b) {
    return certifyBox(network, *c, b, options.method, options.boxesPerCheck);
  };
  if (options.greedy) {
    r.greedyBox = grow(c->box, point, holds, options);
    r.greedyLogVolume = logVolume(r.greedyBox);
    r.greedyFound = true;
  }
  patternBox(network, *c, x0, options, r);
  Box start = r.patternFound ? r.patternBox : point;
  start = optimizeBeyond(network, *c, x0, start, options, r.optimizedSteps);
  r.optimizedLogVolume = logVolume(start);
  r.box = grow(c->box, start, holds, options, /*balanced=*/true);
  r.found = true;
  r.logVolume = logVolume(r.box);
  NetworkBounds nb = computeBounds(network, r.box, options.method);
  r.unstableRelus = nb.unstableRelus(network);
  r.totalRelus = nb.totalRelus(network);
  return r;
}
