//===- variance.cpp - variance of the gradient estimators, side by side ---===//
//
// One graph (variance.mlir), compiled by sgc with each estimator option.
// For each, 50000 gradient estimates at the same point: the mean (all must
// agree: every estimator is unbiased) and the total variance Σⱼ Var(gⱼ),
// with its ratio to the reparameterized estimator.
//
//===----------------------------------------------------------------------===//

#include <dlfcn.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {
constexpr int kRuns = 50000;
constexpr int kDim = 8;
using P = const double *;
using D = double *;
using Plain = void (*)(P, P, D, D, uint64_t, uint64_t, D);
using WithBaseline = void (*)(P, P, P, D, D, D, uint64_t, uint64_t, D);

struct Result {
  double totalVariance = 0;
  std::vector<double> mean;
  double var0 = 0; // variance of the first component
};

/// `baseline`: the size of the baseline buffer (0: none; kDim for per-row
/// score terms, 1 for a scalar coefficient).
Result measure(const std::string &lib, int baseline) {
  Result r;
  void *h = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    std::fprintf(stderr, "cannot open %s: %s\n", lib.c_str(), dlerror());
    return r;
  }
  void *f = dlsym(h, "model_loss_grad");
  std::vector<double> mu(kDim), s(kDim), g(2 * kDim), mean(2 * kDim, 0),
      m2(2 * kDim, 0);
  for (int i = 0; i < kDim; ++i) {
    mu[i] = 0.1 * i - 0.3;
    s[i] = -0.5 + 0.1 * i;
  }
  std::vector<double> b(baseline, 0), nb(baseline);
  double loss;
  for (int n = 0; n < kRuns; ++n) {
    if (baseline) {
      reinterpret_cast<WithBaseline>(f)(mu.data(), s.data(), b.data(), g.data(),
                                        g.data() + kDim, nb.data(), 7, n,
                                        &loss);
      b.swap(nb);
    } else {
      reinterpret_cast<Plain>(f)(mu.data(), s.data(), g.data(), g.data() + kDim,
                                 7, n, &loss);
    }
    for (int j = 0; j < 2 * kDim; ++j) {
      double d = g[j] - mean[j];
      mean[j] += d / (n + 1);
      m2[j] += d * (g[j] - mean[j]);
    }
  }
  for (int j = 0; j < 2 * kDim; ++j)
    r.totalVariance += m2[j] / (kRuns - 1);
  r.mean = mean;
  r.var0 = m2[0] / (kRuns - 1);
  dlclose(h);
  return r;
}
} // namespace

int main(int argc, char **argv) {
  std::string dir = argc > 1 ? argv[1] : SG_VARIANCE_DIR;
  struct Row {
    const char *name, *lib;
    int baseline;
  } rows[] = {
      {"reparameterized (default)", "reparam", 0},
      {"score function, downstream costs", "score", 0},
      {"score function, downstream, scalar", "score_scalar", 0},
      {"score function, all costs (Certigrad)", "score_all", 0},
      {"score function, downstream + baseline", "score_baseline", kDim},
      {"score function, downstream, scalar + b.", "score_scalar_baseline", 1},
      {"score function, all costs + baseline", "score_all_baseline", 1},
  };
  std::printf("gradient estimator variance, %d estimates of a %d-parameter "
              "gradient (bench/variance.mlir)\n\n",
              kRuns, 2 * kDim);
  double truth = 2 * (-0.3 - 1) + 100 * -0.3;
  std::printf("%-40s %14s %8s %22s\n", "estimator", "total variance", "ratio",
              "mean dmu[0] ± 2 s.e.");
  double reference = 0;
  for (const Row &row : rows) {
    Result r = measure(dir + "/libvariance_" + row.lib + ".so", row.baseline);
    if (r.mean.empty())
      return 1;
    if (reference == 0)
      reference = r.totalVariance;
    std::printf("%-40s %14.2f %8.2f %12.4f ± %7.4f\n", row.name,
                r.totalVariance, r.totalVariance / reference, r.mean[0],
                2 * std::sqrt(r.var0 / kRuns));
  }
  std::printf("\nexpected dmu[0] = %.4f; every estimator is unbiased, the "
              "ratio is the price of the score function\n",
              truth);
  return 0;
}
