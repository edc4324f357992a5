//===- BranchAndBound.cpp - Complete verification ------------------------===//

#include "sg/NetworkVerification/BranchAndBound.h"
#include "sg/NetworkVerification/AlphaCrown.h"
#include "sg/NetworkVerification/Attack.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

using namespace mlir::sg::verify;

const char *mlir::sg::verify::verdictName(Verdict v) {
  switch (v) {
  case Verdict::Unsat:
    return "unsat";
  case Verdict::Sat:
    return "sat";
  case Verdict::Unknown:
    return "unknown";
  }
  return "?";
}

const char *mlir::sg::verify::splittingName(Splitting s) {
  switch (s) {
  case Splitting::Input:
    return "input";
  case Splitting::Relu:
    return "relu";
  case Splitting::Auto:
    return "auto";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;
using Conjunction = std::vector<LinearConstraint>;

std::vector<double> center(const Box &b) {
  std::vector<double> c(b.size());
  for (size_t i = 0; i < b.size(); ++i)
    c[i] = b.lower[i] + (b.upper[i] - b.lower[i]) / 2;
  return c;
}

/// How far a lower bound `lb` of c.y clears `rhs`: positive means c.y <= rhs
/// is impossible. The rhs came from a decimal rounded to nearest, so half
/// an ulp of it is subtracted (we take a whole one).
double margin(double lb, double rhs) {
  return lb - rhs - std::fabs(rhs) * 0x1p-52;
}

/// A constraint of a conjunction, or an average of some (rounded), with
/// bounds of its rounding: the exact average c.y <= d holds at every unsafe
/// point, and the rounded coefficients and rhs are within `coeffError` and
/// `rhsError` of the exact ones.
struct Combined {
  LinearConstraint constraint;
  std::vector<double> coeffError;
  double rhsError = 0;
};
using Combination = std::vector<Combined>;

/// How far the lower bounds `lb` of the rounded left sides clear each
/// constraint of `comb` (positive: refuted on the box): an unsafe y has
/// c~.y <= d~ + rhsError + coeffError . |y|, with |y| bounded by the
/// output's bounds `out`.
std::vector<double> gaps(const Combination &comb, const std::vector<double> &lb,
                         const Box &out) {
  std::vector<double> g(comb.size());
  for (size_t k = 0; k < comb.size(); ++k) {
    double slack = comb[k].rhsError;
    for (size_t j = 0; j < comb[k].coeffError.size(); ++j)
      if (comb[k].coeffError[j] != 0)
        slack += comb[k].coeffError[j] *
                 std::max(std::fabs(out.lower[j]), std::fabs(out.upper[j]));
    // The slack's own rounding: a few ulps, covered by doubling it.
    g[k] = margin(lb[k], comb[k].constraint.rhs) - 2 * slack;
  }
  return g;
}

/// The box one ulp wider on every side.
Box widen(const Box &b) {
  Box w = b;
  for (size_t i = 0; i < b.size(); ++i) {
    w.lower[i] = std::nextafter(b.lower[i], -INFINITY);
    w.upper[i] = std::nextafter(b.upper[i], INFINITY);
  }
  return w;
}

/// A sub-problem of branch and bound (a box and the relu splits that
/// restrict it) with the disjuncts not yet refuted on it.
struct Node {
  Box box;
  std::vector<size_t> open;
  int depth = 0;
  ReluSplits splits;
  /// Its share of the case, for the proven fraction: halved by each split
  /// (the volume for input splits; an even share for relu splits).
  double share = 1;
  /// The parent's bounds: they hold on this smaller box too.
  std::shared_ptr<const NetworkBounds> parent;
  /// Strong branching bounds children before choosing them: then `open`
  /// is already reduced and these hold the results.
  bool evaluated = false;
  std::shared_ptr<const NetworkBounds> own;
  std::vector<double> score;
  /// Where the linear lower bound of the constraint closest to holding is
  /// smallest in the box: a good start for the counterexample search.
  std::vector<double> hint;
  double missing = 0; ///< sum over open disjuncts of the missing margin
  /// Unstable relus by decreasing intercept score (at most
  /// VerifyOptions::reluCandidates), when relu splits are on.
  ReluSplits reluCandidates;
};

/// Branch and bound over one property, shared by the worker threads: a
/// stack of boxes (depth first keeps it small) under one mutex. Bounding,
/// the expensive part, runs outside the lock.
class Search {
public:
  Search(const Network &net, const VerifyOptions &options)
      : net(net), options(options) {}

  /// Runs branch and bound on one case. Returns false on sat, timeout or
  /// box limit.
  bool solveCase(const PropertyCase &c, double caseFraction);
  void report(bool force = false);
  double elapsed() const {
    return std::chrono::duration<double>(Clock::now() - start).count();
  }

  Progress progress;
  VerifyResult result;

private:
  bool tryPoint(const PropertyCase &c, const std::vector<double> &x);
  bool attack(const PropertyCase &c, const Node &node,
              const std::vector<std::vector<double>> &starts, int steps,
              Descent kind);
  std::vector<double> bound(const PropertyCase &c, Node &node,
                            std::shared_ptr<const NetworkBounds> &bounds);
  void evaluate(const PropertyCase &c, Node &node);
  double bestReluSplit(const PropertyCase &c, const Node &node,
                       uint64_t &bounded, std::vector<Node> &children);
  bool chooseSplit(const PropertyCase &c, const Node &node,
                   const std::vector<double> &score, size_t &dim);
  void work(const PropertyCase &c, double caseFraction, uint64_t worker);

  const Network &net;
  const VerifyOptions &options;
  Clock::time_point start = Clock::now(), lastReport = Clock::now();

  std::mutex mutex;
  std::condition_variable wake;
  std::vector<Node> stack;
  unsigned busy = 0; ///< workers bounding a box
  bool stop = false; ///< sat, timeout, box limit or an undecidable box
  bool failed = false;
  std::thread::id reporter; ///< the thread that prints progress
  /// Per disjunct of the current case: its constraints, then the averages
  /// of every pair and of all of them (set up before the workers start).
  std::vector<Combination> combinations;
};

/// A conjunction with averaged constraints added: an unsafe point satisfies
/// every constraint, hence every average, so refuting an average refutes
/// the conjunction — and an average can be refuted on a box where no single
/// constraint is (e.g. y1 > y0 on one half, y2 > y0 on the other).
Combination withAverages(const Conjunction &conj) {
  Combination all;
  for (const LinearConstraint &lc : conj)
    all.push_back({lc, std::vector<double>(lc.coeffs.size(), 0.0), 0});
  size_t n = conj.size();
  if (n < 2)
    return all;
  // Each term c / m and each of the m additions rounds once: the result is
  // within (m + 3) 2^-52 sum |c| of the exact average (Higham's gamma, as in
  // Bounds.h, with room to spare).
  auto average = [&](const std::vector<size_t> &which) {
    double m = double(which.size()), gamma = (m + 3) * 0x1p-52;
    Combined a;
    a.constraint.coeffs.assign(conj[0].coeffs.size(), 0.0);
    a.coeffError.assign(conj[0].coeffs.size(), 0.0);
    for (size_t k : which) {
      for (size_t j = 0; j < a.constraint.coeffs.size(); ++j) {
        a.constraint.coeffs[j] += conj[k].coeffs[j] / m;
        a.coeffError[j] += gamma * std::fabs(conj[k].coeffs[j]);
      }
      a.constraint.rhs += conj[k].rhs / m;
      a.rhsError += gamma * std::fabs(conj[k].rhs);
    }
    return a;
  };
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      all.push_back(average({i, j}));
  if (n > 2) {
    std::vector<size_t> every(n);
    for (size_t k = 0; k < n; ++k)
      every[k] = k;
    all.push_back(average(every));
  }
  return all;
}

void Search::report(bool force) {
  if (!options.progress)
    return;
  auto now = Clock::now();
  if (!force && std::chrono::duration<double>(now - lastReport).count() <
                    options.progressInterval)
    return;
  lastReport = now;
  progress.seconds = elapsed();
  options.progress(progress);
}

/// Records x as the counterexample if f(x) is unsafe for some disjunct.
bool Search::tryPoint(const PropertyCase &c, const std::vector<double> &x) {
  if (!c.box.contains(x))
    return false;
  std::vector<double> y = net.evaluate(x);
  if (!Property::isUnsafeOutput(c, y))
    return false;
  std::lock_guard<std::mutex> lock(mutex);
  if (result.verdict != Verdict::Sat) {
    result.verdict = Verdict::Sat;
    result.counterexample = x;
    result.output = y;
  }
  stop = true;
  wake.notify_all();
  return true;
}

/// Gradient descent from `starts` points for each open disjunct; polishes a
/// violating point further so that it is not on the boundary.
bool Search::attack(const PropertyCase &c, const Node &node,
                    const std::vector<std::vector<double>> &starts, int steps,
                    Descent kind) {
  if (!options.searchCounterexamples)
    return false;
  // Search inside the parsed box (the root was widened by an ulp).
  Box box = node.box;
  for (size_t i = 0; i < box.size(); ++i) {
    box.lower[i] = std::max(box.lower[i], c.box.lower[i]);
    box.upper[i] = std::min(box.upper[i], c.box.upper[i]);
    if (!(box.lower[i] <= box.upper[i]))
      return false; // the box lies in the widening only
  }
  for (size_t d : node.open) {
    for (std::vector<double> x0 : starts) {
      for (size_t i = 0; i < x0.size(); ++i)
        x0[i] = std::clamp(x0[i], box.lower[i], box.upper[i]);
      double v;
      std::vector<double> x =
          descend(net, c.unsafe[d], box, x0, steps, v, kind);
      if (v <= 0) {
        double polished;
        std::vector<double> better =
            descend(net, c.unsafe[d], box, x, 20, polished, kind);
        if (polished < v && tryPoint(c, better))
          return true;
        if (tryPoint(c, x))
          return true;
      }
    }
  }
  return false;
}

/// Bounds the node: drops refuted disjuncts and returns the split score of
/// each input.
std::vector<double>
Search::bound(const PropertyCase &c, Node &node,
              std::shared_ptr<const NetworkBounds> &bounds) {
  const ReluSplits *splits = node.splits.empty() ? nullptr : &node.splits;
  auto nb = std::make_shared<NetworkBounds>(
      computeBounds(net, node.box, options.method, node.parent.get(), splits));
  node.missing = 0;
  node.hint.clear();
  node.reluCandidates.clear();
  std::vector<double> score(node.box.size(), 0.0);
  if (nb->empty()) {
    // No point of the box satisfies the splits: nothing to refute.
    node.open.clear();
    bounds = std::move(nb);
    return score;
  }
  std::vector<size_t> stillOpen;
  // Per relu layer and unit, the intercept scores summed over the open
  // disjuncts' constraints closest to refutation.
  std::vector<std::vector<double>> reluScore;
  bool wantRelus = options.splitting != Splitting::Input &&
                   options.method == BoundMethod::Crown;
  for (size_t d : node.open) {
    const Combination &conj = combinations[d];
    std::vector<std::vector<double>> rows;
    for (const Combined &lc : conj)
      rows.push_back(lc.constraint.coeffs);
    std::vector<std::vector<double>> coeffs;
    std::vector<double> lb =
        lowerBoundLinear(net, *nb, rows, options.method, &coeffs);
    std::vector<double> gap = gaps(conj, lb, nb->output());
    // A disjunct with input constraints only has no gaps (and no bound to
    // improve).
    // A conjunction gets its constraints' best combination optimized
    // instead (below), which includes each of them.
    size_t singles = c.unsafe[d].size();
    if (options.slopeSteps > 0 && options.method == BoundMethod::Crown &&
        singles < 2 && !gap.empty() &&
        *std::max_element(gap.begin(), gap.end()) <= 0) {
      // Optimized slopes: each bound is sound, and at least CROWN's.
      SlopeOptimization opt;
      opt.steps = options.slopeSteps;
      lb = optimizedLowerBounds(net, *nb, net.layers.size(), rows, opt, &coeffs,
                                splits);
      gap = gaps(conj, lb, nb->output());
    }
    if (splits && options.method == BoundMethod::Crown && !gap.empty() &&
        *std::max_element(gap.begin(), gap.end()) <= 0) {
      // Affine on the split domain: the multipliers of the small dual LP.
      lb = stableDomainBounds(net, *nb, rows, *splits, lb);
      gap = gaps(conj, lb, nb->output());
    }
    // The disjunct is refuted when one constraint (or an average of some,
    // which every unsafe point satisfies too) cannot hold anywhere in the
    // box: min (c . y) > rhs.
    bool refuted = false;
    size_t closest = 0;
    double closestGap = -std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < conj.size(); ++k) {
      if (gap[k] > 0)
        refuted = true;
      if (gap[k] > closestGap) {
        closestGap = gap[k];
        closest = k;
      }
    }
    if (!refuted && options.slopeSteps > 0 &&
        options.method == BoundMethod::Crown && singles >= 2) {
      // The best weighted combination of the conjunction's constraints
      // (optimized with the slopes): refutes boxes where different
      // constraints fail on different parts.
      std::vector<std::vector<double>> single(rows.begin(),
                                              rows.begin() + singles);
      std::vector<double> rhs, mu, row;
      for (size_t k = 0; k < singles; ++k)
        rhs.push_back(conj[k].constraint.rhs);
      SlopeOptimization opt;
      opt.steps = 2 * options.slopeSteps;
      double lbc =
          optimizedCombination(net, *nb, single, rhs, opt, splits, mu, row);
      // On an affine domain, the exact dual's combination instead when it
      // is better.
      std::vector<double> mu2, row2;
      double lb2 =
          stableDomainCombination(net, *nb, single, rhs, splits, mu2, row2);
      if (lb2 > -INFINITY) {
        double d1 = 0, d2 = 0;
        for (size_t k = 0; k < singles; ++k) {
          d1 += mu[k] * rhs[k];
          d2 += mu2[k] * rhs[k];
        }
        if (lb2 - d2 > lbc - d1) {
          lbc = lb2;
          mu = std::move(mu2);
          row = std::move(row2);
        }
      }
      // The rounded row and rhs against the exact combination: each is a
      // sum of `singles` rounded products (Higham's gamma, as averages).
      Combined comb;
      comb.constraint.coeffs = row;
      comb.coeffError.assign(row.size(), 0.0);
      double g = (double(singles) + 3) * 0x1p-52;
      for (size_t k = 0; k < singles; ++k) {
        for (size_t j = 0; j < row.size(); ++j)
          comb.coeffError[j] += g * mu[k] * std::fabs(single[k][j]);
        comb.constraint.rhs += mu[k] * rhs[k];
        comb.rhsError += g * mu[k] * std::fabs(rhs[k]);
      }
      double cg = gaps({comb}, {lbc}, nb->output())[0];
      if (cg > 0)
        refuted = true;
      closestGap = std::max(closestGap, cg);
    }
    if (refuted)
      continue;
    stillOpen.push_back(d);
    node.missing += -closestGap;
    // A disjunct with no output constraint (input bounds only) has no
    // bound to score the relus against.
    if (wantRelus && !conj.empty()) {
      std::vector<std::vector<double>> s =
          reluSplitScores(net, *nb, conj[closest].constraint.coeffs);
      if (reluScore.empty())
        reluScore = std::move(s);
      else
        for (size_t li = 0; li < s.size(); ++li)
          for (size_t i = 0; i < s[li].size(); ++i)
            reluScore[li][i] += s[li][i];
    }
    if (!coeffs.empty() && node.hint.empty()) {
      node.hint.resize(node.box.size());
      for (size_t i = 0; i < node.box.size(); ++i)
        node.hint[i] =
            coeffs[closest][i] >= 0 ? node.box.lower[i] : node.box.upper[i];
    }
    // Split where the bound of the constraint closest to refutation
    // depends most on the input: |coefficient| x width. When that linear
    // part is small next to the missing margin, the slack is in the
    // relaxations of unstable units instead: halve the input that is
    // widest relative to the region, which shrinks them all.
    std::vector<double> linear(node.box.size());
    double total = 0;
    for (size_t i = 0; i < node.box.size(); ++i) {
      double w = node.box.upper[i] - node.box.lower[i];
      linear[i] = coeffs.empty() ? w : std::fabs(coeffs[closest][i]) * w;
      total += linear[i];
    }
    bool slackInRelaxations = !(total > 1e-6 * -closestGap);
    for (size_t i = 0; i < node.box.size(); ++i) {
      double range = c.box.upper[i] - c.box.lower[i];
      score[i] +=
          slackInRelaxations
              ? (range > 0 ? (node.box.upper[i] - node.box.lower[i]) / range
                           : 0)
              : linear[i] / total;
    }
  }
  node.open = std::move(stillOpen);
  if (!reluScore.empty()) {
    std::vector<std::pair<double, ReluSplit>> ranked;
    for (size_t li = 0; li < reluScore.size(); ++li)
      for (size_t i = 0; i < reluScore[li].size(); ++i)
        // Every unstable unit is a candidate (those the bound does not
        // depend on last): once none is left, the domain is affine and
        // stableDomainBounds applies.
        if (nb->values[li].lower[i] < 0 && nb->values[li].upper[i] > 0)
          ranked.push_back({reluScore[li][i], ReluSplit{li, i, true}});
    size_t keep =
        std::min<size_t>(ranked.size(), std::max(1, options.reluCandidates));
    std::partial_sort(
        ranked.begin(), ranked.begin() + keep, ranked.end(),
        [](const auto &a, const auto &b) { return a.first > b.first; });
    for (size_t j = 0; j < keep; ++j)
      node.reluCandidates.push_back(ranked[j].second);
  }
  bounds = std::move(nb);
  return score;
}

/// One half of `node` along input `dim`, cut at `mid`.
Node split(const Node &node, size_t dim, double mid, bool upperHalf) {
  Node child;
  child.box = node.box;
  (upperHalf ? child.box.lower : child.box.upper)[dim] = mid;
  child.open = node.open;
  child.depth = node.depth + 1;
  child.splits = node.splits;
  child.share = node.share / 2;
  child.parent = node.own;
  return child;
}

/// The sub-problem of `node` where the input of relu `which` is >= 0
/// (`active`) or <= 0: the same box with one more split.
Node splitRelu(const Node &node, ReluSplit which, bool active) {
  Node child;
  child.box = node.box;
  child.open = node.open;
  child.depth = node.depth + 1;
  child.splits = node.splits;
  which.active = active;
  child.splits.push_back(which);
  child.share = node.share / 2;
  child.parent = node.own;
  return child;
}

void Search::evaluate(const PropertyCase &c, Node &node) {
  std::shared_ptr<const NetworkBounds> bounds;
  node.score = bound(c, node, bounds);
  node.own = std::move(bounds);
  node.parent.reset(); // the node's own bounds supersede them
  node.evaluated = true;
}

/// The input to halve by the score of bound(); false when no input can be
/// split (all widths at double resolution).
bool Search::chooseSplit(const PropertyCase &c, const Node &node,
                         const std::vector<double> &score, size_t &dim) {
  dim = std::max_element(score.begin(), score.end()) - score.begin();
  if (!(score[dim] > 0)) {
    // No preference: halve the widest input, relative to the case.
    double widest = 0;
    for (size_t i = 0; i < node.box.size(); ++i) {
      double range = c.box.upper[i] - c.box.lower[i];
      double w =
          range > 0 ? (node.box.upper[i] - node.box.lower[i]) / range : 0;
      if (w > widest) {
        widest = w;
        dim = i;
      }
    }
  }
  double lo = node.box.lower[dim], hi = node.box.upper[dim];
  double mid = lo + (hi - lo) / 2;
  return mid > lo && mid < hi;
}

/// Bounds both signs of each relu candidate of `node` and puts the pair
/// whose worse child misses the least margin into `children`; returns that
/// margin. The first pair is kept even if its bounds overflowed (missing
/// +inf or NaN): a split is never worse than none.
double Search::bestReluSplit(const PropertyCase &c, const Node &node,
                             uint64_t &bounded, std::vector<Node> &children) {
  double best = std::numeric_limits<double>::infinity();
  children.clear();
  for (const ReluSplit &sp : node.reluCandidates) {
    Node l = splitRelu(node, sp, false), r = splitRelu(node, sp, true);
    evaluate(c, l);
    evaluate(c, r);
    bounded += 2;
    double missing = std::max(l.missing, r.missing);
    if (children.empty() || missing < best) {
      best = missing;
      children.clear();
      children.push_back(std::move(l));
      children.push_back(std::move(r));
    }
  }
  return best;
}

void Search::work(const PropertyCase &c, double caseFraction, uint64_t worker) {
  // Every 32 boxes, a few fresh random starts over the whole region: the
  // boxes' own starts only look near where bounds are weak.
  std::mt19937_64 gen(options.seed * 0x9E3779B97F4A7C15ull + worker + 1);
  uint64_t sinceRestart = 0;
  // Also every 20 ms: boxes bounded with optimized slopes are ~10x slower,
  // and the search should not slow down with them.
  double lastRestart = elapsed();
  for (;;) {
    Node node;
    {
      std::unique_lock<std::mutex> lock(mutex);
      wake.wait(lock, [&] { return stop || !stack.empty() || busy == 0; });
      if (stop || stack.empty())
        return; // decided, or no box left anywhere
      if (elapsed() > options.timeoutSeconds ||
          (options.maxBoxes && progress.boxes >= options.maxBoxes)) {
        stop = failed = true;
        wake.notify_all();
        return;
      }
      node = std::move(stack.back());
      stack.pop_back();
      --progress.pending;
      ++busy;
    }
    uint64_t bounded = 0;
    if (!node.evaluated) {
      evaluate(c, node);
      ++bounded;
    }
    if (options.slopeSteps > 0 && options.method == BoundMethod::Crown &&
        node.depth <= options.slopeDepth && !node.open.empty()) {
      // Optimized intermediate bounds, then the node bounded again on
      // them: its children (strong branching bounds ten) and their
      // descendants inherit them through the parent's bounds.
      auto tightened = std::make_shared<NetworkBounds>(*node.own);
      SlopeOptimization opt;
      opt.steps = options.slopeSteps;
      optimizeIntermediateBounds(net, *tightened, opt,
                                 node.splits.empty() ? nullptr : &node.splits);
      node.parent = std::move(tightened);
      evaluate(c, node);
      ++bounded;
    }
    std::vector<std::vector<double>> starts{center(node.box)};
    if (!node.hint.empty())
      starts.push_back(node.hint);
    bool found =
        !node.open.empty() && attack(c, node, starts, 5, Descent::Sign);
    if (!found && !node.open.empty() &&
        (++sinceRestart >= 16 || elapsed() - lastRestart > 0.02)) {
      sinceRestart = 0;
      lastRestart = elapsed();
      Node whole{c.box, node.open, 0};
      found = attack(c, whole, randomStarts(c.box, 4, gen), 40, Descent::Adam);
    }
    std::vector<Node> children;
    size_t dim = 0;
    bool splittable =
        node.open.empty() || found || chooseSplit(c, node, node.score, dim);
    // Relu splits, when on and a relu is unstable; a box without one is
    // split by input (its network is affine there, but the multipliers
    // are only approximately optimal).
    bool reluSplit = !node.open.empty() && !found &&
                     options.splitting != Splitting::Input &&
                     !node.reluCandidates.empty();
    if (reluSplit &&
        (options.splitting == Splitting::Relu || !options.strongBranching)) {
      if (!options.strongBranching) {
        children.push_back(splitRelu(node, node.reluCandidates[0], false));
        children.push_back(splitRelu(node, node.reluCandidates[0], true));
      } else {
        bestReluSplit(c, node, bounded, children);
      }
      splittable = true;
    } else if (!node.open.empty() && !found && (splittable || reluSplit)) {
      splittable = true;
      if (options.strongBranching) {
        // Bound both halves along every input and keep the split that
        // leaves the least margin missing: fewer, better-chosen boxes.
        // Among (near) ties, e.g. when no split helps yet, take the input
        // widest relative to the case, so that no input is halved forever.
        struct Candidate {
          double missing, width;
          Node left, right;
        };
        std::vector<Candidate> candidates;
        double best = std::numeric_limits<double>::infinity();
        for (size_t i = 0; i < node.box.size(); ++i) {
          double lo = node.box.lower[i], hi = node.box.upper[i];
          double mid = lo + (hi - lo) / 2;
          double range = c.box.upper[i] - c.box.lower[i];
          // Widths below 1e-12 of the range are past what the inputs can
          // mean: never split them (the box is given up instead).
          if (!(mid > lo && mid < hi) || !(range > 0) ||
              !((hi - lo) > 1e-12 * range))
            continue;
          Node l = split(node, i, mid, false), r = split(node, i, mid, true);
          evaluate(c, l);
          evaluate(c, r);
          bounded += 2;
          // The worse half decides how much the split helps.
          double missing = std::max(l.missing, r.missing);
          best = std::min(best, missing);
          candidates.push_back(
              {missing, (hi - lo) / range, std::move(l), std::move(r)});
        }
        // A split that does not shrink the missing margin by 0.1% is no
        // better than any other: then all inputs tie.
        if (best > node.missing * (1 - 1e-3))
          best = std::numeric_limits<double>::infinity();
        Candidate *pick = nullptr;
        for (Candidate &k : candidates)
          if (k.missing <= best + 1e-3 * std::fabs(best) &&
              (!pick || k.width > pick->width))
            pick = &k;
        // Auto: the relu candidates compete on the same measure; an input
        // split wins ties (it also shrinks the box for the attack).
        // Without an input to split, the best relu split is kept anyway.
        if (reluSplit) {
          double inputBest =
              pick ? pick->missing : std::numeric_limits<double>::infinity();
          double reluBest = bestReluSplit(c, node, bounded, children);
          // The relu split must beat the input split clearly (a NaN
          // margin never does); without an input split it is kept.
          if (pick && !(reluBest < inputBest * (1 - 1e-3) &&
                        reluBest <= node.missing * (1 - 1e-3)))
            children.clear(); // the input split is kept
          else
            pick = nullptr;
        }
        if (pick) {
          children.push_back(std::move(pick->left));
          children.push_back(std::move(pick->right));
        }
      } else {
        double lo = node.box.lower[dim], hi = node.box.upper[dim];
        double mid = lo + (hi - lo) / 2;
        children.push_back(split(node, dim, mid, false));
        children.push_back(split(node, dim, mid, true));
      }
    }
    std::unique_lock<std::mutex> lock(mutex);
    --busy;
    progress.boxes += bounded;
    if (children.size() == 2)
      ++(children[0].splits.size() > node.splits.size() ? progress.reluSplits
                                                        : progress.inputSplits);
    if (found) // tryPoint has stopped the search
      return;
    if (node.open.empty()) {
      progress.provenFraction += caseFraction * node.share;
    } else if (!splittable || children.empty()) {
      // The box cannot shrink further (a point, or widths below double
      // resolution) and the bounds still do not decide it: give up on
      // completeness rather than loop.
      stop = failed = true;
      wake.notify_all();
      return;
    }
    // The stack pops the last child first: make it the one with the most
    // margin missing, where a counterexample is likelier.
    if (children.size() == 2 && children[0].missing > children[1].missing)
      std::swap(children[0], children[1]);
    for (Node &child : children) {
      if (child.evaluated && child.open.empty()) {
        progress.provenFraction += caseFraction * child.share;
        continue;
      }
      stack.push_back(std::move(child));
      ++progress.pending;
    }
    if (std::this_thread::get_id() == reporter)
      report();
    wake.notify_all();
  }
}

bool Search::solveCase(const PropertyCase &c, double caseFraction) {
  // Bound a box one ulp wider than the parsed one: the property's decimal
  // bounds were rounded to nearest, possibly inward. (Counterexamples must
  // still lie in the parsed box.)
  Node root{widen(c.box), {}, 0};
  combinations.clear();
  for (size_t d = 0; d < c.unsafe.size(); ++d) {
    root.open.push_back(d);
    combinations.push_back(withAverages(c.unsafe[d]));
  }
  // A first, broader search for counterexamples: the center and random
  // points of the whole region.
  std::mt19937_64 gen(options.seed);
  std::vector<std::vector<double>> starts =
      randomStarts(c.box, 16, gen, /*faces=*/false);
  starts.push_back(center(c.box));
  if (attack(c, root, starts, 60, Descent::Sign))
    return false;
  stack.assign(1, root);
  progress.pending += 1;
  busy = 0;
  reporter = std::this_thread::get_id();
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < std::max(1u, options.threads); ++t)
    helpers.emplace_back([&, t] { work(c, caseFraction, t); });
  work(c, caseFraction, 0);
  for (std::thread &t : helpers)
    t.join();
  progress.pending = 0;
  bool decided = !stop && !failed;
  stack.clear();
  return decided;
}

} // namespace

bool mlir::sg::verify::certifyBox(const Network &network, const PropertyCase &c,
                                  const Box &box, BoundMethod method,
                                  uint64_t maxBoxes) {
  Property p;
  p.numInputs = network.inputSize;
  p.numOutputs = network.outputSize();
  p.cases.push_back({box, c.unsafe});
  VerifyOptions o;
  o.method = method;
  o.searchCounterexamples = false;
  o.maxBoxes = std::max<uint64_t>(maxBoxes, 1);
  o.timeoutSeconds = std::numeric_limits<double>::infinity();
  return verifyProperty(network, p, o).verdict == Verdict::Unsat;
}

namespace {
VerifyResult verifyOnce(const Network &network, const Property &property,
                        const VerifyOptions &options) {
  Search search(network, options);
  bool decided = true;
  double fraction = 1.0 / double(std::max<size_t>(property.cases.size(), 1));
  for (const PropertyCase &c : property.cases) {
    if (!search.solveCase(c, fraction)) {
      decided = false;
      break;
    }
  }
  search.report(/*force=*/true);
  VerifyResult result = std::move(search.result);
  result.stats = search.progress;
  result.stats.seconds = search.elapsed();
  if (result.verdict != Verdict::Sat)
    result.verdict = decided ? Verdict::Unsat : Verdict::Unknown;
  return result;
}
} // namespace

VerifyResult mlir::sg::verify::verifyProperty(const Network &network,
                                              const Property &property,
                                              const VerifyOptions &options) {
  if (options.slopeSteps <= 0 || !(options.slopesAfterSeconds > 0))
    return verifyOnce(network, property, options);
  if (!(options.slopesAfterSeconds < options.timeoutSeconds)) {
    // CROWN alone for at least the whole time limit: no slopes at all.
    VerifyOptions crownOnly = options;
    crownOnly.slopeSteps = 0;
    return verifyOnce(network, property, crownOnly);
  }
  // CROWN alone first: most properties are decided before optimized slopes
  // would pay for themselves. Otherwise start over with them (and fresh
  // random starts), in the time that is left.
  VerifyOptions first = options;
  first.slopeSteps = 0;
  first.timeoutSeconds = options.slopesAfterSeconds;
  VerifyResult r = verifyOnce(network, property, first);
  if (r.verdict != Verdict::Unknown)
    return r;
  VerifyOptions second = options;
  second.timeoutSeconds = options.timeoutSeconds - r.stats.seconds;
  second.seed = options.seed + 1;
  if (second.maxBoxes)
    second.maxBoxes -= std::min(second.maxBoxes - 1, r.stats.boxes);
  VerifyResult r2 = verifyOnce(network, property, second);
  r2.stats.seconds += r.stats.seconds;
  r2.stats.boxes += r.stats.boxes;
  r2.stats.inputSplits += r.stats.inputSplits;
  r2.stats.reluSplits += r.stats.reluSplits;
  return r2;
}
