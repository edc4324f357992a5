//===- GradientTest.cpp - every pullback rule against finite differences --===//
//
// libpullbacks.so is compiled by sgc from pullbacks.mlir: per op, a graph
// with cost ½ Σ op(params)². Its generated fd_<op>_loss_grad is compared
// with central differences of fd_<op>_forward, in f64, at random points
// inside each op's domain and away from its kinks.
//
// Criterion: |g − fd| ≤ 1e-6 · max(|g|, |fd|, 1e-2) for every element, with
// h = 1e-5 · max(1, |x|). The truncation error of central differences is
// O(h²) ≈ 1e-10 and the rounding error O(ε/h) ≈ 1e-11, far below the bound.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr size_t kSize = 20; // every parameter is a 4x5 tensor

using Ptr = const double *;
using Fwd1 = int (*)(Ptr, uint64_t, uint64_t, double *);
using Fwd2 = int (*)(Ptr, Ptr, uint64_t, uint64_t, double *);
using Fwd3 = int (*)(Ptr, Ptr, Ptr, uint64_t, uint64_t, double *);
using Grad1 = int (*)(Ptr, double *, uint64_t, uint64_t, double *);
using Grad2 = int (*)(Ptr, Ptr, double *, double *, uint64_t, uint64_t,
                      double *);
using Grad3 = int (*)(Ptr, Ptr, Ptr, double *, double *, double *, uint64_t,
                      uint64_t, double *);

/// Where an op's arguments are drawn from.
enum Domain {
  Signed,      // ±[0.2, 1.5]: away from 0, the kink of relu and heaviside
  Positive,    // [0.3, 2]: log, sqrt, divisors, standard deviations
  Probability, // [0.05, 0.95]
  AwayFromA,   // a ± [0.2, 1]: maximum's kink is at a = b
};

struct Case {
  const char *op;
  std::vector<Domain> domains;
};

const Case kCases[] = {
    {"neg", {Signed}},
    {"exp", {Signed}},
    {"log", {Positive}},
    {"sqrt", {Positive}},
    {"sigmoid", {Signed}},
    {"softplus", {Signed}},
    {"tanh", {Signed}},
    {"relu", {Signed}},
    {"heaviside", {Signed}},
    {"softmax", {Signed}},
    {"log_softmax", {Signed}},
    {"scale", {Signed}},
    {"add", {Signed, Signed}},
    {"sub", {Signed, Signed}},
    {"mul", {Signed, Signed}},
    {"div", {Signed, Positive}},
    {"maximum", {Signed, AwayFromA}},
    {"mul_add", {Signed, Signed, Signed}},
    {"constant", {Signed}},
    {"sum", {Signed}},
    {"reduce_sum_0", {Signed}},
    {"reduce_sum_1", {Signed}},
    {"broadcast", {Signed}},
    {"broadcast_scalar", {Signed}},
    {"bias_add", {Signed, Signed}},
    {"transpose", {Signed}},
    {"reshape", {Signed}},
    {"slice", {Signed}},
    {"concat", {Signed, Signed}},
    {"mean_0", {Signed}},
    {"mean_1", {Signed}},
    {"mean_all", {Signed}},
    {"matmul", {Signed, Signed}},
    {"matmul_tl", {Signed, Signed}},
    {"matmul_tr", {Signed, Signed}},
    {"matmul_tl_tr", {Signed, Signed}},
    {"mvn_kl", {Signed, Positive}},
    {"mvn_empirical_kl", {Signed, Positive, Signed}},
    {"normal_logpdf", {Signed, Positive, Signed}},
    {"bernoulli_neglogpdf", {Probability, Probability}},
    {"bernoulli_logits_neglogpdf", {Signed, Probability}},
    {"softmax_cross_entropy", {Signed, Probability}},
};

class Library {
public:
  Library() : handle(dlopen(SG_PULLBACKS_SO, RTLD_NOW | RTLD_LOCAL)) {}
  ~Library() {
    if (handle)
      dlclose(handle);
  }
  void *symbol(const std::string &name) const {
    return handle ? dlsym(handle, name.c_str()) : nullptr;
  }
  void *handle;
};

const Library &library() {
  static Library lib;
  return lib;
}

struct Model {
  void *forward, *grad;
  size_t arity;

  double loss(const std::vector<std::vector<double>> &x) const {
    double l = 0;
    switch (arity) {
    case 1:
      reinterpret_cast<Fwd1>(forward)(x[0].data(), 0, 0, &l);
      break;
    case 2:
      reinterpret_cast<Fwd2>(forward)(x[0].data(), x[1].data(), 0, 0, &l);
      break;
    default:
      reinterpret_cast<Fwd3>(forward)(x[0].data(), x[1].data(), x[2].data(), 0,
                                      0, &l);
    }
    return l;
  }

  std::vector<std::vector<double>>
  gradient(const std::vector<std::vector<double>> &x, double &l) const {
    std::vector<std::vector<double>> g(arity, std::vector<double>(kSize));
    switch (arity) {
    case 1:
      reinterpret_cast<Grad1>(grad)(x[0].data(), g[0].data(), 0, 0, &l);
      break;
    case 2:
      reinterpret_cast<Grad2>(grad)(x[0].data(), x[1].data(), g[0].data(),
                                    g[1].data(), 0, 0, &l);
      break;
    default:
      reinterpret_cast<Grad3>(grad)(x[0].data(), x[1].data(), x[2].data(),
                                    g[0].data(), g[1].data(), g[2].data(), 0, 0,
                                    &l);
    }
    return g;
  }
};

std::vector<double> draw(Domain domain, const std::vector<double> &a,
                         std::mt19937 &gen) {
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> v(kSize);
  for (size_t i = 0; i < kSize; ++i) {
    double sign = u(gen) < 0.5 ? -1 : 1;
    switch (domain) {
    case Signed:
      v[i] = sign * (0.2 + 1.3 * u(gen));
      break;
    case Positive:
      v[i] = 0.3 + 1.7 * u(gen);
      break;
    case Probability:
      v[i] = 0.05 + 0.9 * u(gen);
      break;
    case AwayFromA:
      v[i] = a[i] + sign * (0.2 + 0.8 * u(gen));
      break;
    }
  }
  return v;
}

class PullbackRule : public ::testing::TestWithParam<Case> {};

TEST_P(PullbackRule, MatchesCentralDifferences) {
  const Case &c = GetParam();
  ASSERT_NE(library().handle, nullptr) << dlerror();
  std::string base = std::string("fd_") + c.op;
  Model model{library().symbol(base + "_forward"),
              library().symbol(base + "_loss_grad"), c.domains.size()};
  ASSERT_NE(model.forward, nullptr) << base << "_forward missing";
  ASSERT_NE(model.grad, nullptr) << base << "_loss_grad missing";

  std::mt19937 gen(12345);
  for (int trial = 0; trial < 3; ++trial) {
    std::vector<std::vector<double>> x;
    for (Domain d : c.domains)
      x.push_back(draw(d, x.empty() ? std::vector<double>() : x[0], gen));
    double l = 0;
    auto g = model.gradient(x, l);
    EXPECT_DOUBLE_EQ(l, model.loss(x)) << "loss_grad and forward disagree";
    for (size_t k = 0; k < x.size(); ++k) {
      for (size_t i = 0; i < kSize; ++i) {
        double saved = x[k][i];
        double h = 1e-5 * std::max(1.0, std::fabs(saved));
        x[k][i] = saved + h;
        double up = model.loss(x);
        x[k][i] = saved - h;
        double down = model.loss(x);
        x[k][i] = saved;
        double fd = (up - down) / (2 * h);
        double scale = std::max({std::fabs(g[k][i]), std::fabs(fd), 1e-2});
        EXPECT_LE(std::fabs(g[k][i] - fd), 1e-6 * scale)
            << c.op << ": parameter " << k << " element " << i << ": pullback "
            << g[k][i] << " vs finite difference " << fd;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllDeterministicOps, PullbackRule,
                         ::testing::ValuesIn(kCases), [](const auto &info) {
                           return std::string(info.param.op);
                         });

} // namespace
