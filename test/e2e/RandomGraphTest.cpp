//===- RandomGraphTest.cpp - random graphs through the whole pipeline -----===//
//
// A structured generator of random well-typed sg graphs — parameters and
// inputs of random small shapes, a random mix of the deterministic ops,
// samples (sg.normal, sg.std_normal, sg.bernoulli) and scalar costs — and of
// deliberately ill-typed ones. Every module goes through this build's sgc,
// which must either compile it (exit 0) or reject it with a located
// diagnostic (exit 1, `file:line:col: error:`): never crash (a signal, a
// sanitizer report, an LLVM fatal error) nor hang (kTimeoutSeconds).
//
// The well-typed graphs of one batch share one module, hence one .so, since
// sgc's run time is the cost (a rejected batch is retried graph by graph).
// For each compiled graph, in f64:
//   - the loss of the forward function is finite and the loss_grad function
//     returns the same loss and a finite gradient;
//   - the gradient of the deterministic part agrees with central finite
//     differences of the forward loss at a fixed (seed, step). Normal samples
//     are reparameterized (z = μ + σ ε), so for a fixed key the loss is a
//     deterministic function of the parameters and the gradient is pathwise.
//     Bernoulli samples and normals marked sg.score_function add score terms
//     to the parameters upstream of their distribution's parameters: those
//     parameters are left out (the generator tracks dependences); all others
//     are compared. The comparison is sgc check's: per element the best of
//     three steps h = {1e-3, 1e-4, 1e-5}·max(1, |θ|), error relative to
//     max(|g|, |fd|, 1e-3 · the largest element compared) at most kTolerance
//     (1e-5). One more floor, kLossFloor · max(1, |loss|) = 1e-6 · ...: a
//     difference quotient carries a rounding error of about ε|loss|/h ≈
//     2e-13 |loss| even at h = 1e-3, so elements below 1e-6 of the loss
//     (a whole gradient of 1e-9 on a loss of 1 was seen) are judged on that
//     absolute scale, with a margin of 50 over the noise.
//     A relu, maximum or heaviside operand within h of its kink could make
//     one step disagree; the best of three steps absorbs that.
// The generator keeps every value finite by construction (it tracks a bound
// on each value and squashes with tanh above kMaxBound; log, sqrt, div and
// standard deviations get operands bounded away from 0), so a non-finite
// loss or gradient is a compiler bug, not an overflow.
//
// Seeds are fixed: the graphs are the same on every run. For exploration,
// SG_RANDOM_GRAPHS_SEED=N in the environment shifts every seed by N (other
// graphs, same test); SG_RANDOM_GRAPHS_KEEP keeps the generated files (their
// folder is printed).
//
//===----------------------------------------------------------------------===//

#include "sg/Support/FiniteDifference.h"

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr unsigned kBatches = 12;
constexpr unsigned kGraphsPerBatch = 8;
constexpr unsigned kIllTyped = 24;
constexpr unsigned kTimeoutSeconds = 300;
constexpr double kTolerance = 1e-5;
constexpr double kLossFloor = 1e-6;
constexpr double kMaxBound = 1e3;

using Shape = std::vector<int64_t>;

int64_t numElements(const Shape &s) {
  int64_t n = 1;
  for (int64_t d : s)
    n *= d;
  return n;
}

std::string type(const Shape &s) {
  std::string t = "tensor<";
  for (int64_t d : s)
    t += std::to_string(d) + "x";
  return t + "f64>";
}

struct Arg {
  std::string name;
  bool param;
  Shape shape;
};

/// An SSA value of the graph being generated, with what the generator knows
/// about it.
struct Value {
  std::string name;
  Shape shape;
  uint64_t deps = 0; // bit i: depends (pathwise) on parameter i
  double bound = 1;  // |x| ≤ bound
  double lo = 0;     // x ≥ lo > 0 when positive, else 0
};

struct Graph {
  std::string name;
  std::vector<Arg> args;
  std::vector<Shape> outputs;
  std::string text;
  /// Parameters whose gradient holds score terms (bit i: parameter i).
  uint64_t scoreDeps = 0;
  size_t numParams() const {
    return std::count_if(args.begin(), args.end(),
                         [](const Arg &a) { return a.param; });
  }
};

/// Generates one well-typed graph.
class Generator {
public:
  Generator(uint64_t seed, std::string name) : rng(seed) { g.name = name; }

  Graph generate() {
    unsigned params = uniform(1, 3), inputs = uniform(0, 2);
    for (unsigned i = 0; i < params; ++i)
      newArg(true, randomShape());
    for (unsigned i = 0; i < inputs; ++i)
      newArg(false, randomShape());
    unsigned steps = uniform(3, 12);
    for (unsigned i = 0; i < steps; ++i)
      step();
    // Costs: the last value (so the deepest chain counts) and up to two more.
    unsigned costs = uniform(1, 3);
    cost(pool.back());
    for (unsigned i = 1; i < costs; ++i)
      cost(pick());
    if (coin(0.3)) {
      Value v = pick();
      body << "  sg.output " << v.name << " : " << type(v.shape) << "\n";
      g.outputs.push_back(v.shape);
    }
    std::ostringstream text;
    text << "sg.graph @" << g.name << "(";
    for (size_t i = 0; i < g.args.size(); ++i)
      text << (i ? ", " : "") << "%" << g.args[i].name << ": "
           << type(g.args[i].shape)
           << (g.args[i].param ? " {sg.param}" : " {sg.input}");
    text << ") {\n" << body.str() << "}\n";
    g.text = text.str();
    return g;
  }

private:
  std::mt19937_64 rng;
  Graph g;
  std::vector<Value> pool;
  std::ostringstream body;
  unsigned counter = 0;
  unsigned paramCount = 0;

  unsigned uniform(unsigned lo, unsigned hi) {
    return std::uniform_int_distribution<unsigned>(lo, hi)(rng);
  }
  double real(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  }
  bool coin(double p) { return std::bernoulli_distribution(p)(rng); }

  Shape randomShape() {
    unsigned r = uniform(0, 9);
    unsigned rank = r == 0 ? 0 : r <= 3 ? 1 : r <= 8 ? 2 : 3;
    Shape s;
    for (unsigned i = 0; i < rank; ++i)
      s.push_back(uniform(1, 5));
    return s;
  }

  Value newArg(bool param, Shape shape) {
    Value v;
    v.shape = shape;
    if (param) {
      std::string name = "w" + std::to_string(paramCount);
      v.deps = uint64_t(1) << paramCount++;
      v.bound = 1; // parameters are drawn from U(-1, 1)
      g.args.push_back({name, true, shape});
      v.name = "%" + name;
    } else {
      std::string name = "x" + std::to_string(g.args.size() - paramCount);
      v.bound = 1, v.lo = 0.05; // inputs are drawn from U(0.05, 0.95)
      g.args.push_back({name, false, shape});
      v.name = "%" + name;
    }
    pool.push_back(v);
    return v;
  }

  /// Emits `%vN = rhs` and adds the value to the pool.
  Value emit(const std::string &rhs, Shape shape, uint64_t deps, double bound,
             double lo = 0) {
    Value v{"%v" + std::to_string(counter++), shape, deps,
            std::min(bound, 1e300), lo};
    body << "  " << v.name << " = " << rhs << "\n";
    pool.push_back(v);
    return v;
  }

  /// A random value of the pool, squashed when it could be large.
  Value pick() {
    // Recent values more often, so that chains grow deep.
    size_t n = pool.size();
    size_t i = coin(0.5) ? n - 1 - std::min<size_t>(uniform(0, 2), n - 1)
                         : uniform(0, n - 1);
    return tame(pool[i]);
  }

  Value tame(const Value &v) {
    if (v.bound <= kMaxBound)
      return v;
    return emit("sg.tanh " + v.name + " : " + type(v.shape), v.shape, v.deps,
                1);
  }

  Value constant(const Shape &s) {
    if (coin(0.5) || numElements(s) > 12) {
      double c = std::round(real(-2, 2) * 8) / 8;
      return emit("sg.constant dense<" + std::to_string(c) + "> : " + type(s),
                  s, 0, std::fabs(c));
    }
    std::function<std::string(size_t)> nested = [&](size_t axis) {
      if (axis == s.size())
        return std::to_string(std::round(real(-2, 2) * 8) / 8);
      std::string t = "[";
      for (int64_t i = 0; i < s[axis]; ++i)
        t += (i ? ", " : "") + nested(axis + 1);
      return t + "]";
    };
    return emit("sg.constant dense<" + nested(0) + "> : " + type(s), s, 0, 2);
  }

  /// A value of shape `s`: one from the pool, a new argument, a constant, or
  /// the broadcast of something in the pool.
  Value like(const Shape &s) {
    std::vector<size_t> same;
    for (size_t i = 0; i < pool.size(); ++i)
      if (pool[i].shape == s)
        same.push_back(i);
    if (!same.empty() && coin(0.7))
      return tame(pool[same[uniform(0, same.size() - 1)]]);
    unsigned how = uniform(0, 3);
    if (how == 0 && g.args.size() < 6)
      return newArg(coin(0.7), s);
    if (how == 1)
      return constant(s);
    // A row or column vector broadcast along the other axis.
    if (how == 2 && s.size() == 2) {
      for (size_t i = 0; i < pool.size(); ++i) {
        const Value &v = pool[i];
        if (v.shape.size() != 1 || v.bound > kMaxBound)
          continue;
        int axis = v.shape[0] == s[0] ? 0 : v.shape[0] == s[1] ? 1 : -1;
        if (axis >= 0)
          return emit("sg.broadcast " + v.name + " [" + std::to_string(axis) +
                          "] : " + type(v.shape) + " -> " + type(s),
                      s, v.deps, v.bound, v.lo);
      }
    }
    Value x = scalar(pick());
    if (s.empty())
      return x;
    return emit("sg.broadcast " + x.name + " [] : tensor<f64> -> " + type(s), s,
                x.deps, x.bound, x.lo);
  }

  /// A scalar from v: v itself, its sum or its mean.
  Value scalar(const Value &v) {
    if (v.shape.empty())
      return v;
    double n = numElements(v.shape);
    Value s = emit("sg.sum " + v.name + " : " + type(v.shape), {}, v.deps,
                   v.bound * n, v.lo * n);
    if (coin(0.5))
      return s;
    return emit("sg.scale " + s.name + ", " + std::to_string(1.0 / n) +
                    " : tensor<f64>",
                {}, s.deps, v.bound, v.lo);
  }

  /// A positive value from v, bounded away from 0.
  Value positive(const Value &v) {
    std::string t = " : " + type(v.shape);
    if (v.lo >= 0.01 && coin(0.5))
      return v;
    switch (uniform(0, 2)) {
    case 0: {
      Value t1 = emit("sg.tanh " + v.name + t, v.shape, v.deps, 1);
      return emit("sg.exp " + t1.name + t, v.shape, v.deps, M_E, 1 / M_E);
    }
    case 1:
      if (v.bound <= 5)
        return emit("sg.softplus " + v.name + t, v.shape, v.deps,
                    v.bound + std::log(2.0), std::log1p(std::exp(-v.bound)));
      [[fallthrough]];
    default: {
      Value t1 = emit("sg.tanh " + v.name + t, v.shape, v.deps, 1);
      return emit("sg.sigmoid " + t1.name + t, v.shape, v.deps, 1,
                  1 / (1 + M_E));
    }
    }
  }

  Value probability(const Value &v) {
    std::string t = " : " + type(v.shape);
    Value s =
        v.bound <= 5 ? v : emit("sg.tanh " + v.name + t, v.shape, v.deps, 1);
    return emit("sg.sigmoid " + s.name + t, v.shape, v.deps, 1,
                1 / (1 + std::exp(s.bound)));
  }

  void cost(const Value &v) {
    Value s = scalar(tame(v));
    body << "  sg.cost " << s.name << " : tensor<f64>\n";
  }

  /// Adds one random operation (sometimes with helpers) to the graph.
  void step() {
    Value x = pick();
    const Shape &s = x.shape;
    std::string t = " : " + type(s);
    unsigned op = uniform(0, 35);
    switch (op) {
    case 0:
      emit("sg.neg " + x.name + t, s, x.deps, x.bound, 0);
      return;
    case 1:
      if (x.bound <= 4) {
        emit("sg.exp " + x.name + t, s, x.deps, std::exp(x.bound),
             std::exp(-x.bound));
        return;
      }
      positive(x);
      return;
    case 2:
      emit("sg.log " + positive(x).name + t, s, x.deps, 5);
      return;
    case 3: {
      Value p = positive(x);
      emit("sg.sqrt " + p.name + t, s, x.deps, std::sqrt(p.bound),
           std::sqrt(p.lo));
      return;
    }
    case 4:
      emit("sg.sigmoid " + x.name + t, s, x.deps, 1,
           1 / (1 + std::exp(std::min(x.bound, 700.0))));
      return;
    case 5:
      emit("sg.tanh " + x.name + t, s, x.deps, 1);
      return;
    case 6:
      if (x.bound <= 30) {
        emit("sg.softplus " + x.name + t, s, x.deps, x.bound + 1,
             std::log1p(std::exp(-x.bound)));
        return;
      }
      [[fallthrough]];
    case 7:
      emit("sg.relu " + x.name + t, s, x.deps, x.bound);
      return;
    case 8:
      if (coin(0.3)) {
        emit("sg.heaviside " + x.name + t, s, 0, 1);
        return;
      }
      [[fallthrough]];
    case 9: {
      double a = std::round(real(-2, 2) * 4) / 4;
      if (a == 0)
        a = 0.5;
      emit("sg.scale " + x.name + ", " + std::to_string(a) + t, s, x.deps,
           x.bound * std::fabs(a), a > 0 ? x.lo * a : 0);
      return;
    }
    case 10:
      if (!s.empty()) {
        bool log = coin(0.5);
        emit(std::string(log ? "sg.log_softmax " : "sg.softmax ") + x.name + t,
             s, x.deps, log ? 2 * x.bound + std::log(s.back()) + 1 : 1);
        return;
      }
      [[fallthrough]];
    case 11:
    case 12: {
      Value y = like(s);
      bool add = coin(0.5);
      emit(std::string(add ? "sg.add " : "sg.sub ") + x.name + ", " + y.name +
               t,
           s, x.deps | y.deps, x.bound + y.bound, add ? x.lo + y.lo : 0);
      return;
    }
    case 13: {
      Value y = like(s);
      emit("sg.mul " + x.name + ", " + y.name + t, s, x.deps | y.deps,
           x.bound * y.bound, x.lo * y.lo);
      return;
    }
    case 14: {
      Value y = positive(like(s));
      emit("sg.div " + x.name + ", " + y.name + t, s, x.deps | y.deps,
           x.bound / y.lo, x.lo / y.bound);
      return;
    }
    case 15: {
      Value y = like(s);
      emit("sg.maximum " + x.name + ", " + y.name + t, s, x.deps | y.deps,
           std::max(x.bound, y.bound), std::max(x.lo, y.lo));
      return;
    }
    case 16: {
      Value y = like(s), z = like(s);
      emit("sg.mul_add " + x.name + ", " + y.name + ", " + z.name + t, s,
           x.deps | y.deps | z.deps, x.bound * y.bound + z.bound);
      return;
    }
    case 17:
      scalar(x);
      return;
    case 18:
      if (!s.empty()) {
        int64_t axis = uniform(0, s.size() - 1);
        Shape r = s;
        r.erase(r.begin() + axis);
        emit("sg.reduce_sum " + x.name + " [" + std::to_string(axis) + "]" + t,
             r, x.deps, x.bound * s[axis], x.lo * s[axis]);
        return;
      }
      [[fallthrough]];
    case 19:
      if (s.size() >= 2) {
        std::vector<int64_t> perm(s.size());
        for (size_t i = 0; i < perm.size(); ++i)
          perm[i] = i;
        while (std::is_sorted(perm.begin(), perm.end()))
          std::shuffle(perm.begin(), perm.end(), rng);
        Shape r;
        std::string p;
        for (int64_t a : perm) {
          r.push_back(s[a]);
          p += (p.empty() ? "" : ", ") + std::to_string(a);
        }
        emit("sg.transpose " + x.name + " [" + p + "]" + t, r, x.deps, x.bound,
             x.lo);
        return;
      }
      [[fallthrough]];
    case 20:
    case 21:
      if (s.size() == 2) {
        bool tl = coin(0.3), tr = coin(0.3);
        int64_t m = tl ? s[1] : s[0], k = tl ? s[0] : s[1], n = uniform(1, 5);
        Value y = like(tr ? Shape{n, k} : Shape{k, n});
        std::string attrs;
        if (tl || tr)
          attrs = std::string(" {") + (tl ? "transpose_lhs" : "") +
                  (tl && tr ? ", " : "") + (tr ? "transpose_rhs" : "") + "}";
        emit("sg.matmul " + x.name + ", " + y.name + attrs + t + ", " +
                 type(y.shape),
             {m, n}, x.deps | y.deps, x.bound * y.bound * k);
        return;
      }
      [[fallthrough]];
    case 22:
      if (!s.empty()) {
        size_t k = uniform(1, s.size());
        Shape b(s.end() - k, s.end());
        Value y = like(b);
        emit("sg.bias_add " + x.name + ", " + y.name + t + ", " + type(y.shape),
             s, x.deps | y.deps, x.bound + y.bound);
        return;
      }
      [[fallthrough]];
    case 23:
      if (s.size() <= 1) {
        Shape r = s;
        unsigned axis = 0;
        int64_t extra = uniform(1, 4);
        if (s.empty())
          r = {extra};
        else if (coin(0.5))
          r.push_back(extra);
        else
          r.insert(r.begin(), extra), axis = 1;
        emit("sg.broadcast " + x.name + " [" +
                 (s.empty() ? "" : std::to_string(axis)) + "]" + t + " -> " +
                 type(r),
             r, x.deps, x.bound, x.lo);
        return;
      }
      [[fallthrough]];
    case 24:
    case 25: {
      // z ~ N(μ, σ), reparameterized unless marked: |ε| stays below 9 for
      // every key we use (Box–Muller from 32-bit uniforms).
      Value sigma = positive(like(s));
      bool score = coin(0.2);
      Value z =
          emit("sg.normal " + x.name + ", " + sigma.name +
                   (score ? " {sg.score_function}" : "") + t,
               s, score ? 0 : x.deps | sigma.deps, x.bound + 9 * sigma.bound);
      if (score)
        g.scoreDeps |= x.deps | sigma.deps;
      if (coin(0.3)) // the KL term of a VAE: sg-integrate-kl rewrites it
        emit("sg.mvn_empirical_kl " + x.name + ", " + sigma.name + ", " +
                 z.name + t,
             {}, x.deps | sigma.deps | z.deps, 1e6);
      return;
    }
    case 26:
      emit("sg.std_normal" + t, s, 0, 9);
      return;
    case 27: {
      Value p = probability(x);
      g.scoreDeps |= p.deps;
      Value b = emit("sg.bernoulli " + p.name + t, s, 0, 1);
      if (coin(0.5))
        emit("sg.bernoulli_neglogpdf " + p.name + ", " + b.name + t, {}, p.deps,
             1e6);
      return;
    }
    case 28: {
      Value p = probability(x), y = like(s);
      Value v = y.lo > 0 && y.bound <= 1 ? y : probability(y);
      emit("sg.bernoulli_neglogpdf " + p.name + ", " + v.name + t, {},
           p.deps | v.deps, 1e6);
      return;
    }
    case 29: {
      Value sigma = positive(like(s));
      if (coin(0.5)) {
        emit("sg.mvn_kl " + x.name + ", " + sigma.name + t, {},
             x.deps | sigma.deps, 1e6);
      } else {
        Value z = like(s);
        emit("sg.normal_logpdf " + z.name + ", " + x.name + ", " + sigma.name +
                 t,
             {}, x.deps | sigma.deps | z.deps, 1e6);
      }
      return;
    }
    case 30:
      if (!s.empty()) {
        Value y = like(s);
        Value targets = emit("sg.softmax " + y.name + t, s, y.deps, 1);
        emit("sg.softmax_cross_entropy " + x.name + ", " + targets.name + t, {},
             x.deps | y.deps, 1e6);
        return;
      }
      [[fallthrough]];
    case 32: {
      // A reshape: flattened, reversed axes, or a scalar made a vector.
      Shape r = s.empty() ? Shape{1} : Shape(s.rbegin(), s.rend());
      if (!s.empty() && coin(0.5)) {
        int64_t n = 1;
        for (int64_t d : s)
          n *= d;
        r = {n};
      }
      emit("sg.reshape " + x.name + t + " -> " + type(r), r, x.deps, x.bound,
           x.lo);
      return;
    }
    case 33:
      if (!s.empty()) {
        Shape r;
        std::string offsets;
        for (int64_t d : s) {
          int64_t size = uniform(1, d), offset = uniform(0, d - size);
          r.push_back(size);
          offsets += (offsets.empty() ? "" : ", ") + std::to_string(offset);
        }
        emit("sg.slice " + x.name + " [" + offsets + "]" + t + " -> " +
                 type(r),
             r, x.deps, x.bound, x.lo);
        return;
      }
      [[fallthrough]];
    case 34:
      if (!s.empty()) {
        unsigned axis = uniform(0, s.size() - 1);
        Shape ys = s, r = s;
        ys[axis] = uniform(1, 3);
        r[axis] += ys[axis];
        Value y = like(ys);
        emit("sg.concat " + x.name + ", " + y.name + " axis " +
                 std::to_string(axis) + t + ", " + type(ys),
             r, x.deps | y.deps, std::max(x.bound, y.bound),
             std::min(x.lo, y.lo));
        return;
      }
      [[fallthrough]];
    case 35:
      if (!s.empty()) {
        int64_t axis = uniform(0, s.size() - 1);
        Shape r = s;
        r.erase(r.begin() + axis);
        emit("sg.mean " + x.name + " [" + std::to_string(axis) + "]" + t, r,
             x.deps, x.bound, x.lo);
        return;
      }
      [[fallthrough]];
    default:
      constant(randomShape());
      return;
    }
  }
};

/// One deliberately ill-typed graph: a well-typed one with one defect.
std::string illTyped(unsigned kind, uint64_t seed, std::string &what) {
  std::string name = "bad" + std::to_string(seed);
  switch (kind % 12) {
  case 0:
    what = "operand type differs from the value's";
    return "sg.graph @" + name +
           "(%a: tensor<2x3xf64> {sg.param}) {\n"
           "  %b = sg.add %a, %a : tensor<3x2xf64>\n"
           "  %c = sg.sum %b : tensor<3x2xf64>\n  sg.cost %c : "
           "tensor<f64>\n}\n";
  case 1:
    what = "matmul inner dimensions differ";
    return "sg.graph @" + name +
           "(%a: tensor<2x3xf64> {sg.param}, %b: tensor<4x2xf64> {sg.param}) "
           "{\n"
           "  %m = sg.matmul %a, %b : tensor<2x3xf64>, tensor<4x2xf64>\n"
           "  %c = sg.sum %m : tensor<2x2xf64>\n  sg.cost %c : "
           "tensor<f64>\n}\n";
  case 2:
    what = "bias shape is not the trailing axes";
    return "sg.graph @" + name +
           "(%a: tensor<2x3xf64> {sg.param}, %b: tensor<2xf64> {sg.param}) {\n"
           "  %m = sg.bias_add %a, %b : tensor<2x3xf64>, tensor<2xf64>\n"
           "  %c = sg.sum %m : tensor<2x3xf64>\n  sg.cost %c : "
           "tensor<f64>\n}\n";
  case 3:
    what = "argument without a role";
    return "sg.graph @" + name +
           "(%a: tensor<3xf64>) {\n"
           "  %c = sg.sum %a : tensor<3xf64>\n  sg.cost %c : tensor<f64>\n}\n";
  case 4:
    what = "argument with two roles";
    return "sg.graph @" + name +
           "(%a: tensor<3xf64> {sg.param, sg.input}) {\n"
           "  %c = sg.sum %a : tensor<3xf64>\n  sg.cost %c : tensor<f64>\n}\n";
  case 5:
    what = "unknown role";
    return "sg.graph @" + name +
           "(%a: tensor<3xf64> {sg.weight}) {\n"
           "  %c = sg.sum %a : tensor<3xf64>\n  sg.cost %c : tensor<f64>\n}\n";
  case 6:
    what = "non-scalar cost";
    return "sg.graph @" + name +
           "(%a: tensor<3xf64> {sg.param}) {\n"
           "  %e = sg.exp %a : tensor<3xf64>\n  sg.cost %e : "
           "tensor<3xf64>\n}\n";
  case 7:
    what = "reduce_sum axis out of range";
    return "sg.graph @" + name +
           "(%a: tensor<2x3xf64> {sg.param}) {\n"
           "  %r = sg.reduce_sum %a [2] : tensor<2x3xf64>\n"
           "  %c = sg.sum %r : tensor<2xf64>\n  sg.cost %c : tensor<f64>\n}\n";
  case 8:
    what = "transpose permutation is not one";
    return "sg.graph @" + name +
           "(%a: tensor<2x3xf64> {sg.param}) {\n"
           "  %t = sg.transpose %a [1, 1] : tensor<2x3xf64>\n"
           "  %c = sg.sum %t : tensor<3x3xf64>\n  sg.cost %c : "
           "tensor<f64>\n}\n";
  case 9:
    what = "broadcast into a smaller shape";
    return "sg.graph @" + name +
           "(%a: tensor<4xf64> {sg.param}) {\n"
           "  %b = sg.broadcast %a [0] : tensor<4xf64> -> tensor<2x3xf64>\n"
           "  %c = sg.sum %b : tensor<2x3xf64>\n  sg.cost %c : "
           "tensor<f64>\n}\n";
  case 10:
    what = "two element types in one graph";
    return "sg.graph @" + name +
           "(%a: tensor<3xf64> {sg.param}, %b: tensor<3xf32> {sg.input}) {\n"
           "  %c = sg.sum %a : tensor<3xf64>\n  sg.cost %c : tensor<f64>\n"
           "  %d = sg.sum %b : tensor<3xf32>\n  sg.cost %d : tensor<f32>\n}\n";
  default:
    what = "normal with a standard deviation of another shape";
    return "sg.graph @" + name +
           "(%a: tensor<3xf64> {sg.param}, %s: tensor<2xf64> {sg.param}) {\n"
           "  %z = sg.normal %a, %s : tensor<3xf64>, tensor<2xf64>\n"
           "  %c = sg.sum %z : tensor<3xf64>\n  sg.cost %c : tensor<f64>\n}\n";
  }
}

/// A random, valid graph (from the generator) with a wrong-role argument or a
/// non-scalar cost spliced in: ill-typed input with a realistic context.
std::string spliced(uint64_t seed, std::string &what) {
  Graph g = Generator(seed, "splice" + std::to_string(seed)).generate();
  std::string text = g.text;
  auto vector = std::find_if(g.args.begin(), g.args.end(),
                             [](const Arg &a) { return !a.shape.empty(); });
  if (seed % 2 || vector == g.args.end()) {
    what = "random graph whose first argument has an sg.output role";
    size_t at = text.find(g.args[0].param ? "{sg.param}" : "{sg.input}");
    text.replace(at, 10, "{sg.output}");
  } else {
    what = "random graph with a cost on a non-scalar argument";
    text.insert(text.rfind('}'), "  sg.cost %" + vector->name + " : " +
                                     type(vector->shape) + "\n");
  }
  return text;
}

struct SgcRun {
  int exitCode = -1, signal = 0;
  std::string output;
};

/// Runs this build's sgc with a time limit: the alarm set before exec
/// survives it, so a hang ends in SIGALRM.
SgcRun runSgc(const std::vector<std::string> &args, const std::string &log) {
  std::vector<std::string> argv{SG_SGC_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char *> cargv;
  for (std::string &a : argv)
    cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    alarm(kTimeoutSeconds);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  SgcRun r;
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid)
    return r;
  if (WIFEXITED(status))
    r.exitCode = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  std::ifstream in(log);
  r.output.assign(std::istreambuf_iterator<char>(in), {});
  return r;
}

/// The outcome sgc may have: compiled, or rejected with a located error.
/// Anything else (signal, timeout, sanitizer report, fatal error, exit code
/// other than 0 and 1, exit 1 without a located error) fails the test.
void expectCleanOutcome(const SgcRun &r, const std::string &file,
                        bool &accepted) {
  accepted = false;
  ASSERT_EQ(r.signal, 0) << "sgc died from signal " << r.signal
                         << (r.signal == SIGALRM ? " (time limit)" : "")
                         << " on " << file << ":\n"
                         << r.output;
  for (const char *bad : {"AddressSanitizer", "runtime error:", "LLVM ERROR",
                          "Stack dump", "UNREACHABLE"})
    ASSERT_EQ(r.output.find(bad), std::string::npos)
        << "sgc on " << file << ":\n"
        << r.output;
  ASSERT_TRUE(r.exitCode == 0 || r.exitCode == 1)
      << "sgc exited with " << r.exitCode << " on " << file << ":\n"
      << r.output;
  if (r.exitCode == 1) {
    std::regex located(std::regex_replace(file,
                                          std::regex(R"([.^$|()\[\]{}*+?\\])"),
                                          R"(\$&)") +
                       R"(:\d+:\d+: error: )");
    ASSERT_TRUE(std::regex_search(r.output, located))
        << "sgc rejected " << file << " without a located error:\n"
        << r.output;
  }
  accepted = r.exitCode == 0;
}

std::string tempDir() {
  static std::string dir = [] {
    std::string t = std::string(P_tmpdir) + "/sg-random-graphs-XXXXXX";
    if (!mkdtemp(t.data()))
      return std::string(".");
    if (std::getenv("SG_RANDOM_GRAPHS_KEEP"))
      std::printf("random graphs in %s\n", t.c_str());
    return t;
  }();
  return dir;
}

/// Removes the (then empty) folder of generated files after the last test.
class RemoveTempDir : public testing::Environment {
  void TearDown() override {
    if (!std::getenv("SG_RANDOM_GRAPHS_KEEP"))
      rmdir(tempDir().c_str());
  }
};
testing::Environment *const removeTempDir =
    testing::AddGlobalTestEnvironment(new RemoveTempDir);

void removeFile(const std::string &path) {
  if (!std::getenv("SG_RANDOM_GRAPHS_KEEP"))
    std::remove(path.c_str());
}

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream(path) << text;
}

using Packed = int (*)(void *const *, uint64_t, uint64_t);
using LastError = const char *(*)();

/// Buffers for one packed call: arguments, then results, then the loss.
struct Buffers {
  std::vector<std::vector<double>> args, results;
  double loss = NAN;
  std::vector<void *> pointers() {
    std::vector<void *> p;
    for (auto &a : args)
      p.push_back(a.data());
    for (auto &r : results)
      p.push_back(r.data());
    p.push_back(&loss);
    return p;
  }
};

struct Counts {
  unsigned generated = 0, accepted = 0, rejected = 0, fdChecked = 0,
           fdElements = 0;
};

Counts &counts() {
  static Counts c;
  return c;
}

/// Runs one compiled graph: finite losses, the same loss from both entry
/// points, a finite gradient that agrees with central differences.
void checkGraph(void *lib, const Graph &g, uint64_t seed) {
  SCOPED_TRACE("graph @" + g.name + ":\n" + g.text);
  auto fwd = reinterpret_cast<Packed>(
      dlsym(lib, (g.name + "_forward_packed").c_str()));
  auto grad = reinterpret_cast<Packed>(
      dlsym(lib, (g.name + "_loss_grad_packed").c_str()));
  auto lastError =
      reinterpret_cast<LastError>(dlsym(lib, (g.name + "_last_error").c_str()));
  ASSERT_TRUE(fwd && grad && lastError);

  std::mt19937_64 gen(seed);
  Buffers f;
  for (const Arg &a : g.args) {
    std::uniform_real_distribution<double> u =
        a.param ? std::uniform_real_distribution<double>(-1, 1)
                : std::uniform_real_distribution<double>(0.05, 0.95);
    std::vector<double> v(numElements(a.shape));
    for (double &x : v)
      x = u(gen);
    f.args.push_back(std::move(v));
  }
  for (const Shape &s : g.outputs)
    f.results.emplace_back(numElements(s), 0.0);
  Buffers b;
  b.args = f.args;
  for (const Arg &a : g.args)
    if (a.param)
      b.results.emplace_back(numElements(a.shape), 0.0);

  const uint64_t key = seed, step = 3;
  auto loss = [&] {
    auto p = f.pointers();
    int rc = fwd(p.data(), key, step);
    EXPECT_EQ(rc, 0) << lastError();
    return f.loss;
  };
  double l = loss();
  ASSERT_TRUE(std::isfinite(l)) << "forward loss " << l;
  auto p = b.pointers();
  ASSERT_EQ(grad(p.data(), key, step), 0) << lastError();
  ASSERT_TRUE(std::isfinite(b.loss)) << "loss_grad loss " << b.loss;
  EXPECT_NEAR(b.loss, l, 1e-9 * std::max(1.0, std::fabs(l)))
      << "forward and loss_grad disagree on the loss";
  for (const auto &r : b.results)
    for (double x : r)
      ASSERT_TRUE(std::isfinite(x)) << "gradient element " << x;

  struct Pair {
    double fd, got;
    std::string where;
  };
  std::vector<Pair> pairs;
  size_t k = 0;
  for (size_t i = 0; i < g.args.size(); ++i) {
    if (!g.args[i].param)
      continue;
    size_t param = k++;
    if (g.scoreDeps >> param & 1)
      continue;
    size_t n = f.args[i].size();
    for (size_t e = 0; e < n && e < 6; ++e) {
      size_t el = n <= 6 ? e : gen() % n;
      double got = b.results[param][el];
      double best = mlir::sg::bestCentralDifference(f.args[i][el], got, loss);
      pairs.push_back(
          {best, got, "%" + g.args[i].name + "[" + std::to_string(el) + "]"});
    }
  }
  if (pairs.empty())
    return;
  double largest = 0;
  for (const Pair &q : pairs)
    largest = std::max({largest, std::fabs(q.fd), std::fabs(q.got)});
  for (const Pair &q : pairs) {
    double scale = std::max({std::fabs(q.fd), std::fabs(q.got), 1e-3 * largest,
                             kLossFloor * std::max(1.0, std::fabs(l))});
    EXPECT_LE(std::fabs(q.fd - q.got) / scale, kTolerance)
        << "d loss / d " << q.where << ": gradient " << q.got
        << ", central difference " << q.fd;
  }
  ++counts().fdChecked;
  counts().fdElements += pairs.size();
}

uint64_t seedShift() {
  const char *s = std::getenv("SG_RANDOM_GRAPHS_SEED");
  return s ? std::strtoull(s, nullptr, 10) : 0;
}

class RandomGraphs : public testing::TestWithParam<unsigned> {};

TEST_P(RandomGraphs, CompileAndRunOrReject) {
  unsigned batch = GetParam();
  std::vector<Graph> graphs;
  for (unsigned i = 0; i < kGraphsPerBatch; ++i) {
    unsigned id = batch * kGraphsPerBatch + i;
    graphs.push_back(
        Generator(1000 + id + seedShift(), "g" + std::to_string(id))
            .generate());
  }
  counts().generated += graphs.size();
  std::string dir = tempDir(), base = dir + "/batch" + std::to_string(batch);
  std::string module;
  for (const Graph &g : graphs)
    module += g.text + "\n";
  writeFile(base + ".mlir", module);
  // Generated graphs feed e.g. raw sums to exp: -w silences the lints.
  SgcRun r = runSgc({base + ".mlir", "-w", "-o", base + ".so"}, base + ".log");
  bool accepted = false;
  ASSERT_NO_FATAL_FAILURE(expectCleanOutcome(r, base + ".mlir", accepted));

  std::vector<std::pair<std::string, std::vector<const Graph *>>> libs;
  if (accepted) {
    std::vector<const Graph *> all;
    for (const Graph &g : graphs)
      all.push_back(&g);
    libs.push_back({base + ".so", all});
  } else {
    // One graph was rejected: find which, graph by graph.
    for (const Graph &g : graphs) {
      std::string one = dir + "/" + g.name;
      writeFile(one + ".mlir", g.text);
      SgcRun s = runSgc({one + ".mlir", "-w", "-o", one + ".so"}, one + ".log");
      bool ok = false;
      ASSERT_NO_FATAL_FAILURE(expectCleanOutcome(s, one + ".mlir", ok));
      if (ok)
        libs.push_back({one + ".so", {&g}});
      else {
        ++counts().rejected;
        std::printf("rejected @%s:\n%s%s", g.name.c_str(), g.text.c_str(),
                    s.output.c_str());
      }
      removeFile(one + ".mlir");
      removeFile(one + ".log");
    }
  }
  for (auto &[path, members] : libs) {
    void *lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(lib, nullptr) << dlerror();
    for (const Graph *g : members) {
      ++counts().accepted;
      checkGraph(lib, *g, 77 + g->name.size() * 31 + batch);
    }
    dlclose(lib);
    removeFile(path);
  }
  removeFile(base + ".mlir");
  removeFile(base + ".log");
  std::printf("batch %u: %u graphs, %u compiled, %u rejected, %u with "
              "finite differences checked (%u elements) so far\n",
              batch, counts().generated, counts().accepted, counts().rejected,
              counts().fdChecked, counts().fdElements);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomGraphs, testing::Range(0u, kBatches));

TEST(IllTypedGraphs, RejectedWithLocatedDiagnostic) {
  std::string dir = tempDir();
  for (unsigned i = 0; i < kIllTyped; ++i) {
    std::string what;
    std::string text =
        i < 12 ? illTyped(i, i, what) : spliced(5000 + i + seedShift(), what);
    SCOPED_TRACE(what + ":\n" + text);
    std::string base = dir + "/bad" + std::to_string(i);
    writeFile(base + ".mlir", text);
    SgcRun r =
        runSgc({base + ".mlir", "-w", "-o", base + ".so"}, base + ".log");
    bool accepted = true;
    ASSERT_NO_FATAL_FAILURE(expectCleanOutcome(r, base + ".mlir", accepted));
    EXPECT_FALSE(accepted) << "sgc compiled an ill-typed graph";
    EXPECT_EQ(r.exitCode, 1);
    removeFile(base + ".mlir");
    removeFile(base + ".log");
    removeFile(base + ".so");
  }
}

} // namespace
