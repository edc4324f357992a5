//===- EstimatorTest.cpp - the gradient estimators are unbiased -----------===//
//
// estimators.mlir is compiled by sgc with each estimator option (see
// CMakeLists.txt). For every graph and option, the compiled <graph>_loss_grad
// runs N = 20000 times with seed 2026 and steps 0..N−1; the mean of each
// gradient component (and of the loss) is compared with its closed form by a
// z-test: z = (mean − truth) / (sd / √N), failing if |z| > 5.
//
// False-failure rate: by the central limit theorem P(|z| > 5) ≈ 5.7e-7 per
// check for an unbiased estimator; this file makes fewer than 250 checks,
// so a correct compiler fails it with probability below 1.5e-4 (and, with
// fixed seeds, the outcome is the same on every run). Deterministic
// estimators (sd = 0) must match to 1e-9 instead.
//
// Power: a bias of 5·sd/√N ≈ 3.5% of a component's standard deviation is
// detected; dropping the score term of any sample here is detected by far
// (EstimatorSelfCheck below shows the test rejecting a biased estimator).
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace {

constexpr int kRuns = 20000;
constexpr uint64_t kSeed = 2026;
constexpr double kZ = 5.0;

using P = const double *;
using D = double *;

struct Stats {
  std::vector<double> mean, sd;
  double lossMean = 0, lossSd = 0;
};

/// Runs `call(step, grad, loss)` kRuns times; Welford's mean and variance.
Stats collect(size_t n,
              const std::function<void(uint64_t, D, double &)> &call) {
  std::vector<double> mean(n, 0), m2(n, 0), g(n);
  double lm = 0, l2 = 0;
  for (int i = 0; i < kRuns; ++i) {
    double loss = 0;
    call(static_cast<uint64_t>(i), g.data(), loss);
    for (size_t j = 0; j < n; ++j) {
      double d = g[j] - mean[j];
      mean[j] += d / (i + 1);
      m2[j] += d * (g[j] - mean[j]);
    }
    double d = loss - lm;
    lm += d / (i + 1);
    l2 += d * (loss - lm);
  }
  Stats s{mean, std::vector<double>(n), lm, std::sqrt(l2 / (kRuns - 1))};
  for (size_t j = 0; j < n; ++j)
    s.sd[j] = std::sqrt(m2[j] / (kRuns - 1));
  return s;
}

void expectUnbiased(double mean, double sd, double truth,
                    const std::string &what) {
  if (sd == 0) {
    EXPECT_NEAR(mean, truth, 1e-9 * std::max(1.0, std::fabs(truth))) << what;
    return;
  }
  double z = (mean - truth) / (sd / std::sqrt(double(kRuns)));
  EXPECT_LE(std::fabs(z), kZ) << what << ": mean " << mean << ", truth "
                              << truth << ", sd " << sd << ", z = " << z;
}

void expectUnbiased(const Stats &s, const std::vector<double> &truth,
                    double lossTruth, const std::string &what) {
  ASSERT_EQ(s.mean.size(), truth.size());
  for (size_t j = 0; j < truth.size(); ++j)
    expectUnbiased(s.mean[j], s.sd[j], truth[j],
                   what + " gradient component " + std::to_string(j));
  expectUnbiased(s.lossMean, s.lossSd, lossTruth, what + " loss");
}

class Variant {
public:
  explicit Variant(const std::string &name)
      : name(name), handle(dlopen((std::string(SG_ESTIMATORS_DIR) +
                                   "/libestimators_" + name + ".so")
                                      .c_str(),
                                  RTLD_NOW | RTLD_LOCAL)) {}
  ~Variant() {
    if (handle)
      dlclose(handle);
  }
  template <typename F> F get(const std::string &symbol) const {
    void *p = handle ? dlsym(handle, symbol.c_str()) : nullptr;
    EXPECT_NE(p, nullptr) << name << ": " << symbol;
    return reinterpret_cast<F>(p);
  }
  std::string name;
  void *handle;
};

const std::vector<double> kMu = {0.5, -0.3, 1.0};
const std::vector<double> kS = {-0.2, 0.1, 0.3};

//===--- Gaussian sample with a downstream cost ---===//

std::vector<double> gaussTruth() {
  std::vector<double> t;
  for (double m : kMu)
    t.push_back(2 * m);
  for (double s : kS)
    t.push_back(2 * std::exp(2 * s));
  return t;
}
double gaussLoss() {
  double e = 0;
  for (int i = 0; i < 3; ++i)
    e += kMu[i] * kMu[i] + std::exp(2 * kS[i]);
  return e;
}

/// `baselines`: the size of the baseline buffer (0: none).
Stats runTwoParams(const Variant &v, const std::string &graph, int baselines) {
  if (baselines == 0) {
    auto f =
        v.get<int (*)(P, P, D, D, uint64_t, uint64_t, D)>(graph + "_loss_grad");
    if (!f)
      return {};
    return collect(6, [&](uint64_t step, D g, double &loss) {
      f(kMu.data(), kS.data(), g, g + 3, kSeed, step, &loss);
    });
  }
  auto f = v.get<int (*)(P, P, P, D, D, D, uint64_t, uint64_t, D)>(
      graph + "_loss_grad");
  if (!f)
    return {};
  std::vector<double> b(baselines, 0), nb(baselines);
  return collect(6, [&](uint64_t step, D g, double &loss) {
    f(kMu.data(), kS.data(), b.data(), g, g + 3, nb.data(), kSeed, step, &loss);
    b.swap(nb);
  });
}

TEST(Unbiased, GaussianReparameterized) {
  expectUnbiased(runTwoParams(Variant("default"), "gauss", 0), gaussTruth(),
                 gaussLoss(), "gauss reparameterized");
}
TEST(Unbiased, GaussianScoreFunction) {
  expectUnbiased(runTwoParams(Variant("score"), "gauss", 0), gaussTruth(),
                 gaussLoss(), "gauss score function");
}
TEST(Unbiased, GaussianScoreFunctionWithBaseline) {
  expectUnbiased(runTwoParams(Variant("baseline"), "gauss", 3), gaussTruth(),
                 gaussLoss(), "gauss score function + baseline");
}

//===--- Two samples in sequence ---===//

/// `baselines`: the size of the baseline buffer (0: none).
Stats runOneParam(const Variant &v, const std::string &graph,
                  const std::vector<double> &theta, const double *input,
                  int baselines) {
  size_t n = theta.size();
  if (input) {
    if (baselines == 0) {
      auto f =
          v.get<int (*)(P, P, D, uint64_t, uint64_t, D)>(graph + "_loss_grad");
      if (!f)
        return {};
      return collect(n, [&](uint64_t step, D g, double &loss) {
        f(theta.data(), input, g, kSeed, step, &loss);
      });
    }
    auto f = v.get<int (*)(P, P, P, D, D, uint64_t, uint64_t, D)>(graph +
                                                                  "_loss_grad");
    if (!f)
      return {};
    std::vector<double> b(baselines, 0), nb(baselines);
    return collect(n, [&](uint64_t step, D g, double &loss) {
      f(theta.data(), input, b.data(), g, nb.data(), kSeed, step, &loss);
      b.swap(nb);
    });
  }
  if (baselines == 0) {
    auto f = v.get<int (*)(P, D, uint64_t, uint64_t, D)>(graph + "_loss_grad");
    if (!f)
      return {};
    return collect(n, [&](uint64_t step, D g, double &loss) {
      f(theta.data(), g, kSeed, step, &loss);
    });
  }
  auto f =
      v.get<int (*)(P, P, D, D, uint64_t, uint64_t, D)>(graph + "_loss_grad");
  if (!f)
    return {};
  std::vector<double> b(baselines, 0), nb(baselines);
  return collect(n, [&](uint64_t step, D g, double &loss) {
    f(theta.data(), b.data(), g, nb.data(), kSeed, step, &loss);
    b.swap(nb);
  });
}

std::vector<double> twiceMu() {
  std::vector<double> t;
  for (double m : kMu)
    t.push_back(2 * m);
  return t;
}
double chainLoss() {
  double e = 0;
  for (double m : kMu)
    e += m * m + 2;
  return e;
}

TEST(Unbiased, TwoSamplesInSequenceReparameterized) {
  expectUnbiased(runOneParam(Variant("default"), "chain", kMu, nullptr, 0),
                 twiceMu(), chainLoss(), "chain reparameterized");
}
TEST(Unbiased, TwoSamplesInSequenceScoreFunction) {
  expectUnbiased(runOneParam(Variant("score"), "chain", kMu, nullptr, 0),
                 twiceMu(), chainLoss(), "chain score function");
}
TEST(Unbiased, TwoSamplesInSequenceWithBaseline) {
  expectUnbiased(runOneParam(Variant("baseline"), "chain", kMu, nullptr, 3),
                 twiceMu(), chainLoss(), "chain score function + baseline");
}

//===--- A Bernoulli latent ---===//

const std::vector<double> kTheta = {0.3, -1.0, 2.0, 0.0};
const std::vector<double> kT = {0, 1, 0, 1};

std::vector<double> bernTruth() {
  std::vector<double> t;
  for (int i = 0; i < 4; ++i) {
    double p = 1 / (1 + std::exp(-kTheta[i]));
    t.push_back((1 - 2 * kT[i]) * p * (1 - p));
  }
  return t;
}
double bernLoss() {
  double e = 0;
  for (int i = 0; i < 4; ++i) {
    double p = 1 / (1 + std::exp(-kTheta[i]));
    e += p * (1 - 2 * kT[i]) + kT[i] * kT[i];
  }
  return e;
}

TEST(Unbiased, Bernoulli) {
  expectUnbiased(runOneParam(Variant("score"), "bern", kTheta, kT.data(), 0),
                 bernTruth(), bernLoss(), "bernoulli");
}
TEST(Unbiased, BernoulliWithBaseline) {
  expectUnbiased(runOneParam(Variant("baseline"), "bern", kTheta, kT.data(), 4),
                 bernTruth(), bernLoss(), "bernoulli + baseline");
}

TEST(Unbiased, BernoulliLogits) {
  expectUnbiased(runOneParam(Variant("score"), "bernl", kTheta, kT.data(), 0),
                 bernTruth(), bernLoss(), "bernoulli logits");
}
TEST(Unbiased, BernoulliLogitsWithBaseline) {
  expectUnbiased(
      runOneParam(Variant("baseline"), "bernl", kTheta, kT.data(), 4),
      bernTruth(), bernLoss(), "bernoulli logits + baseline");
}

//===--- A categorical latent per row ---===//

const std::vector<double> kCatTheta = {0.2, -0.5, 1.0, 0.0,  -1.0, 0.3,
                                       0.3, 2.0,  0.0, -0.7, 0.4,  1.2};
const std::vector<double> kCatW = {0.5, -1.0, 1.5, 0.2, -0.3, 0.8, 1.0, 1.0};

/// softmax of row r of θ (3 rows of 4).
std::vector<double> catProbs(size_t r) {
  std::vector<double> p(4);
  double z = 0;
  for (size_t k = 0; k < 4; ++k)
    z += p[k] = std::exp(kCatTheta[r * 4 + k]);
  for (double &v : p)
    v /= z;
  return p;
}
std::vector<double> catS() {
  std::vector<double> s(4);
  for (size_t k = 0; k < 4; ++k)
    s[k] = kCatW[2 * k] * kCatW[2 * k] + kCatW[2 * k + 1] * kCatW[2 * k + 1];
  return s;
}
std::vector<double> catTruth() {
  std::vector<double> t(20, 0), s = catS();
  for (size_t r = 0; r < 3; ++r) {
    std::vector<double> p = catProbs(r);
    double mean = 0;
    for (size_t k = 0; k < 4; ++k)
      mean += p[k] * s[k];
    for (size_t k = 0; k < 4; ++k) {
      t[r * 4 + k] = p[k] * (s[k] - mean);
      for (size_t j = 0; j < 2; ++j)
        t[12 + 2 * k + j] += 2 * kCatW[2 * k + j] * p[k];
    }
  }
  return t;
}
double catLoss() {
  double e = 0;
  std::vector<double> s = catS();
  for (size_t r = 0; r < 3; ++r) {
    std::vector<double> p = catProbs(r);
    for (size_t k = 0; k < 4; ++k)
      e += p[k] * s[k];
  }
  return e;
}

/// `baselines`: the size of the baseline buffer (0: none; 3, one per row,
/// for the per-row terms the categorical rows get).
Stats runCat(const Variant &v, int baselines) {
  if (baselines == 0) {
    auto f = v.get<int (*)(P, P, D, D, uint64_t, uint64_t, D)>("cat_loss_grad");
    if (!f)
      return {};
    return collect(20, [&](uint64_t step, D g, double &loss) {
      f(kCatTheta.data(), kCatW.data(), g, g + 12, kSeed, step, &loss);
    });
  }
  auto f = v.get<int (*)(P, P, P, D, D, D, uint64_t, uint64_t, D)>(
      "cat_loss_grad");
  if (!f)
    return {};
  std::vector<double> b(baselines, 0), nb(baselines);
  return collect(20, [&](uint64_t step, D g, double &loss) {
    f(kCatTheta.data(), kCatW.data(), b.data(), g, g + 12, nb.data(), kSeed,
      step, &loss);
    b.swap(nb);
  });
}

TEST(Unbiased, Categorical) {
  expectUnbiased(runCat(Variant("score"), 0), catTruth(), catLoss(),
                 "categorical");
}

//===--- Enumeration: the exact expectation, no sampling noise ---===//

// sg-enumerate sums the sample out (2 values per row of the 4-row
// Bernoulli; 4³ = 64 categorical assignments with max-support 64, or 4
// classes per row by default): every estimate must equal
// the closed form to rounding (sd = 0, |error| ≤ 1e-9), whatever the key.
void expectExact(const Stats &s, const std::vector<double> &truth,
                 double lossTruth, const std::string &what) {
  ASSERT_EQ(s.mean.size(), truth.size()) << what;
  for (size_t j = 0; j < truth.size(); ++j) {
    EXPECT_EQ(s.sd[j], 0) << what << " component " << j << " is sampled";
    EXPECT_NEAR(s.mean[j], truth[j], 1e-9) << what << " component " << j;
  }
  EXPECT_NEAR(s.lossMean, lossTruth, 1e-9) << what << " loss";
}

TEST(Enumerated, BernoulliIsExact) {
  expectExact(runOneParam(Variant("default"), "bern", kTheta, kT.data(), 0),
              bernTruth(), bernLoss(), "bernoulli, enumerated");
}
TEST(Enumerated, BernoulliLogitsIsExact) {
  expectExact(runOneParam(Variant("default"), "bernl", kTheta, kT.data(), 0),
              bernTruth(), bernLoss(), "bernoulli logits, enumerated");
}
TEST(Enumerated, CategoricalIsExact) {
  expectExact(runCat(Variant("enumerate"), 0), catTruth(), catLoss(),
              "categorical, enumerated");
}
// The default compile (max-support 16 < 4³) enumerates the 3 rows one by
// one (4 values each, the cost Σ e² being a sum of per-row terms): the
// same exact loss and gradient, nothing sampled.
TEST(Enumerated, CategoricalPerRowByDefault) {
  expectExact(runCat(Variant("default"), 0), catTruth(), catLoss(),
              "categorical, enumerated per row");
}

// @cat_net: logits from inputs, a per-row cost through mean.
const std::vector<double> kNetW = {0.3, -0.8, 1.2, 0.1, -0.4, 0.6, 0.2, -1.1};
const std::vector<double> kNetV = {0.5, -1.0, 2.0, 0.0};
const std::vector<double> kNetX = {1.0, 0.5, -0.7, 1.3, 0.2, -1.5};
const std::vector<double> kNetY = {0.4, -0.6, 1.1};

std::vector<double> netProbs(size_t i) {
  std::vector<double> p(4);
  double z = 0;
  for (size_t k = 0; k < 4; ++k) {
    double l = kNetX[2 * i] * kNetW[k] + kNetX[2 * i + 1] * kNetW[4 + k];
    z += p[k] = std::exp(l);
  }
  for (double &v : p)
    v /= z;
  return p;
}
double netF(size_t i, size_t k) {
  return (kNetV[k] - kNetY[i]) * (kNetV[k] - kNetY[i]);
}
std::vector<double> netTruth() {
  std::vector<double> t(12, 0); // ∇W (2x4), then ∇v (4)
  for (size_t i = 0; i < 3; ++i) {
    std::vector<double> p = netProbs(i);
    double mean = 0;
    for (size_t k = 0; k < 4; ++k)
      mean += p[k] * netF(i, k);
    for (size_t k = 0; k < 4; ++k) {
      double dl = p[k] * (netF(i, k) - mean) / 3;
      t[k] += kNetX[2 * i] * dl;
      t[4 + k] += kNetX[2 * i + 1] * dl;
      t[8 + k] += 2 * p[k] * (kNetV[k] - kNetY[i]) / 3;
    }
  }
  return t;
}
double netLoss() {
  double e = 0;
  for (size_t i = 0; i < 3; ++i) {
    std::vector<double> p = netProbs(i);
    for (size_t k = 0; k < 4; ++k)
      e += p[k] * netF(i, k) / 3;
  }
  return e;
}
Stats runNet(const Variant &v) {
  auto f = v.get<int (*)(P, P, P, P, D, D, uint64_t, uint64_t, D)>(
      "cat_net_loss_grad");
  if (!f)
    return {};
  return collect(12, [&](uint64_t step, D g, double &loss) {
    f(kNetW.data(), kNetV.data(), kNetX.data(), kNetY.data(), g, g + 8, kSeed,
      step, &loss);
  });
}

// The score-function estimator agrees with the closed form (which checks
// it); the default compile enumerates the rows and equals it exactly.
TEST(Unbiased, CategoricalFromInputs) {
  expectUnbiased(runNet(Variant("score")), netTruth(), netLoss(),
                 "categorical from inputs");
}
TEST(Enumerated, CategoricalFromInputsPerRowByDefault) {
  expectExact(runNet(Variant("default")), netTruth(), netLoss(),
              "categorical from inputs, enumerated per row");
}

TEST(Unbiased, CategoricalWithBaseline) {
  expectUnbiased(runCat(Variant("baseline"), 3), catTruth(), catLoss(),
                 "categorical + baseline");
}

//===--- A cost not downstream of the sample ---===//

std::vector<double> splitTruth() {
  std::vector<double> t;
  for (double m : kMu)
    t.push_back(2 * m + 3 * m * m);
  return t;
}
double splitLoss() {
  double e = 0;
  for (double m : kMu)
    e += m * m + 1 + m * m * m;
  return e;
}

TEST(Unbiased, DownstreamCostsOnly) {
  expectUnbiased(runOneParam(Variant("default"), "split", kMu, nullptr, 0),
                 splitTruth(), splitLoss(), "split, downstream costs");
}
TEST(Unbiased, AllCosts) {
  expectUnbiased(runOneParam(Variant("allcosts"), "split", kMu, nullptr, 0),
                 splitTruth(), splitLoss(), "split, all costs");
}

// Downstream-only drops cost terms that are independent of the sample: same
// expectation, lower variance (the point of the option).
TEST(Unbiased, DownstreamHasLowerVarianceThanAllCosts) {
  Stats down = runOneParam(Variant("default"), "split", kMu, nullptr, 0);
  Stats all = runOneParam(Variant("allcosts"), "split", kMu, nullptr, 0);
  ASSERT_EQ(down.sd.size(), all.sd.size());
  for (size_t j = 0; j < down.sd.size(); ++j)
    EXPECT_LT(down.sd[j], all.sd[j]) << "component " << j;
}

//===--- The analytic KL rewrite ---===//

std::vector<double> klTruth() {
  std::vector<double> t;
  for (double m : kMu)
    t.push_back(m);
  for (double s : kS)
    t.push_back(std::exp(2 * s) - 1);
  return t;
}
double klLoss() {
  double e = 0;
  for (int i = 0; i < 3; ++i)
    e += -0.5 * (1 + 2 * kS[i] - kMu[i] * kMu[i] - std::exp(2 * kS[i]));
  return e;
}

TEST(Unbiased, AnalyticKLIsExact) {
  Stats s = runTwoParams(Variant("default"), "kl", 0);
  for (double sd : s.sd)
    EXPECT_EQ(sd, 0) << "the integrated KL has no sampling noise";
  expectUnbiased(s, klTruth(), klLoss(), "kl, analytic");
}
TEST(Unbiased, EmpiricalKLReparameterized) {
  expectUnbiased(runTwoParams(Variant("empirical"), "kl", 0), klTruth(),
                 klLoss(), "kl, empirical, reparameterized");
}
TEST(Unbiased, EmpiricalKLScoreFunction) {
  expectUnbiased(runTwoParams(Variant("empirical_score"), "kl", 0), klTruth(),
                 klLoss(), "kl, empirical, score function");
}

//===--- Per-row score terms and their fallbacks ---===//

// Variants: "score" and "baseline" get per-row terms where the analysis
// proves them, "score_scalar" and "baseline_scalar" keep one coefficient per
// sample (--score-rows=scalar). Baselines are one element per row (4) for
// per-row terms, else one.
const std::vector<double> kRowTheta = {0.4, -0.7};
const std::vector<double> kY = {0, 1, 1, 1, 0, 0, 1, 0};  // 4x2, row-major
const std::vector<double> kYt = {0, 1, 0, 1, 1, 1, 0, 0}; // its transpose

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

std::vector<double> rowsTruth() {
  std::vector<double> t(2, 0);
  for (int j = 0; j < 2; ++j) {
    double p = sigmoid(kRowTheta[j]);
    for (int i = 0; i < 4; ++i)
      t[j] += (1 - 2 * kY[2 * i + j]) * p * (1 - p);
  }
  return t;
}
double rowsLoss() {
  double e = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 2; ++j) {
      double y = kY[2 * i + j];
      e += sigmoid(kRowTheta[j]) * (1 - 2 * y) + y * y;
    }
  return e;
}
std::vector<double> coupledTruth() {
  double total = sigmoid(kRowTheta[0]) + sigmoid(kRowTheta[1]);
  std::vector<double> t;
  for (double th : kRowTheta) {
    double p = sigmoid(th), d = p * (1 - p);
    t.push_back(4 * d * (1 - 2 * p) + 32 * total * d);
  }
  return t;
}
double coupledLoss() {
  double var = 0, total = 0;
  for (double th : kRowTheta) {
    double p = sigmoid(th);
    var += 4 * p * (1 - p);
    total += 4 * p;
  }
  return var + total * total;
}

TEST(PerRow, SumOverRows) {
  expectUnbiased(
      runOneParam(Variant("score"), "rows", kRowTheta, kY.data(), 0),
      rowsTruth(), rowsLoss(), "rows, per-row");
  expectUnbiased(
      runOneParam(Variant("baseline"), "rows", kRowTheta, kY.data(), 4),
      rowsTruth(), rowsLoss(), "rows, per-row + per-row baseline");
  expectUnbiased(
      runOneParam(Variant("score_scalar"), "rows", kRowTheta, kY.data(), 0),
      rowsTruth(), rowsLoss(), "rows, scalar");
  expectUnbiased(
      runOneParam(Variant("baseline_scalar"), "rows", kRowTheta, kY.data(), 1),
      rowsTruth(), rowsLoss(), "rows, scalar + baseline");
}

// The point of per-row terms: same mean, lower variance.
TEST(PerRow, LowerVarianceThanScalar) {
  Stats rows = runOneParam(Variant("score"), "rows", kRowTheta, kY.data(), 0);
  Stats scalar =
      runOneParam(Variant("score_scalar"), "rows", kRowTheta, kY.data(), 0);
  ASSERT_EQ(rows.sd.size(), scalar.sd.size());
  for (size_t j = 0; j < rows.sd.size(); ++j)
    EXPECT_LT(rows.sd[j], scalar.sd[j]) << "component " << j;
}

// The same cost through slice, concat, reshape and mean: still per-row
// terms (lower variance than the scalar scheme on the same graph).
TEST(PerRow, ThroughShapeOps) {
  Stats rows =
      runOneParam(Variant("score"), "rows_shapes", kRowTheta, kY.data(), 0);
  expectUnbiased(rows, rowsTruth(), rowsLoss(), "rows through shape ops");
  expectUnbiased(
      runOneParam(Variant("baseline"), "rows_shapes", kRowTheta, kY.data(), 4),
      rowsTruth(), rowsLoss(), "rows through shape ops + per-row baseline");
  Stats scalar = runOneParam(Variant("score_scalar"), "rows_shapes", kRowTheta,
                             kY.data(), 0);
  ASSERT_EQ(rows.sd.size(), scalar.sd.size());
  for (size_t j = 0; j < rows.sd.size(); ++j)
    EXPECT_LT(rows.sd[j], scalar.sd[j]) << "component " << j;
}

// Fallbacks: a transpose and a coupling cost keep the scalar coefficient.
TEST(PerRow, TransposeFallsBackToScalar) {
  expectUnbiased(
      runOneParam(Variant("score"), "transposed", kRowTheta, kYt.data(), 0),
      rowsTruth(), rowsLoss(), "transposed");
  expectUnbiased(
      runOneParam(Variant("baseline"), "transposed", kRowTheta, kYt.data(), 1),
      rowsTruth(), rowsLoss(), "transposed + baseline");
}
TEST(PerRow, CouplingCostFallsBackToScalar) {
  expectUnbiased(
      runOneParam(Variant("score"), "coupled", kRowTheta, kY.data(), 0),
      coupledTruth(), coupledLoss(), "coupled");
  expectUnbiased(
      runOneParam(Variant("baseline"), "coupled", kRowTheta, kY.data(), 1),
      coupledTruth(), coupledLoss(), "coupled + baseline");
}
// Per-row terms with a coupling cost entering every row whole.
TEST(PerRow, SeparableAndCouplingCosts) {
  std::vector<double> truth = rowsTruth(), extra = coupledTruth();
  for (size_t j = 0; j < truth.size(); ++j)
    truth[j] += extra[j];
  double loss = rowsLoss() + coupledLoss();
  expectUnbiased(
      runOneParam(Variant("score"), "mixed", kRowTheta, kY.data(), 0), truth,
      loss, "mixed");
  expectUnbiased(
      runOneParam(Variant("baseline"), "mixed", kRowTheta, kY.data(), 4), truth,
      loss, "mixed + baseline");
}

TEST(PerRow, GaussianScoreFunction) {
  std::vector<double> truth;
  double loss = 0;
  for (double m : kMu) {
    truth.push_back(8 * m);
    loss += 4 * (m * m + 1);
  }
  expectUnbiased(
      runOneParam(Variant("score"), "normal_rows", kMu, nullptr, 0), truth,
      loss, "normal rows");
  expectUnbiased(
      runOneParam(Variant("baseline"), "normal_rows", kMu, nullptr, 4), truth,
      loss, "normal rows + baseline");
}

TEST(PerRow, ThroughADownstreamSample) {
  std::vector<double> truth;
  double loss = 0;
  for (double th : kRowTheta) {
    double p = sigmoid(th);
    truth.push_back(4 * p * (1 - p));
    loss += 4 * (p + 1);
  }
  expectUnbiased(
      runOneParam(Variant("score"), "through_sample", kRowTheta, nullptr, 0),
      truth, loss, "through a sample");
}

// The scalar scheme on the earlier graphs.
TEST(PerRow, ScalarSchemeOnEarlierGraphs) {
  expectUnbiased(runTwoParams(Variant("score_scalar"), "gauss", 0),
                 gaussTruth(), gaussLoss(), "gauss, scalar");
  expectUnbiased(runTwoParams(Variant("baseline_scalar"), "gauss", 1),
                 gaussTruth(), gaussLoss(), "gauss, scalar + baseline");
  expectUnbiased(
      runOneParam(Variant("baseline_scalar"), "bern", kTheta, kT.data(), 1),
      bernTruth(), bernLoss(), "bern, scalar + baseline");
}

//===--- The test itself can fail ---===//

// A biased estimator: the pathwise gradient of Σ z² without the score term
// misses the dependence of z on μ entirely (it is 0 for μ here). The same
// z-test must reject it.
TEST(EstimatorSelfCheck, RejectsAnEstimatorWithoutScoreTerm) {
  Stats s = runOneParam(Variant("score"), "split", kMu, nullptr, 0);
  // Remove the score term's contribution: only ∂(Σ μ³) = 3μ² remains.
  std::vector<double> biased;
  for (double m : kMu)
    biased.push_back(3 * m * m);
  int rejected = 0;
  for (size_t j = 0; j < biased.size(); ++j) {
    double z = (biased[j] - splitTruth()[j]) / (s.sd[j] / std::sqrt(kRuns));
    rejected += std::fabs(z) > kZ;
  }
  EXPECT_EQ(rejected, 3);
}

} // namespace
