//===- variance_rows.cpp - per-row score terms against per-row estimators -===//
//
// For the batched models of rows.mlir: the total variance Σⱼ Var(gⱼ) of the
// batch-50 gradient with per-row score coefficients (the default) and with
// one scalar coefficient per sample (--score-rows=scalar), against the
// variance of the sum of 50 independent per-row gradients (the
// --batch-size=1 build called on each row with its own key), which is what
// a batch of independent examples should cost. Every estimator is unbiased;
// one gradient component's mean is printed to show it (bern50: dθ; sbn: the
// gradient of the prior's first bias).
//
//===----------------------------------------------------------------------===//

#include "sg_runtime.h"

#include <dlfcn.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr int kRows = 50;
constexpr uint64_t kSeed = 7;
using Packed = int (*)(void *const *, uint64_t, uint64_t);

/// One model: its arguments in order (inputs carry kRows rows), which of
/// them are inputs, the gradient sizes of the parameters, and the gradient
/// component whose mean is printed.
struct Model {
  std::string name;
  std::vector<std::vector<double>> args;
  std::vector<bool> isInput;
  std::vector<size_t> grads;
  size_t shown = 0;
};

struct Welford {
  std::vector<double> mean, m2;
  long n = 0;
  explicit Welford(size_t size) : mean(size, 0), m2(size, 0) {}
  void add(const std::vector<double> &g) {
    ++n;
    for (size_t j = 0; j < g.size(); ++j) {
      double d = g[j] - mean[j];
      mean[j] += d / n;
      m2[j] += d * (g[j] - mean[j]);
    }
  }
  double totalVariance() const {
    double t = 0;
    for (double v : m2)
      t += v / (n - 1);
    return t;
  }
};

Packed open(const std::string &lib, const std::string &fn) {
  void *h = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    std::fprintf(stderr, "cannot open %s: %s\n", lib.c_str(), dlerror());
    return nullptr;
  }
  return reinterpret_cast<Packed>(dlsym(h, (fn + "_loss_grad_packed").c_str()));
}

/// `estimates` gradients: the batched library on the whole batch, or
/// (rowsLib) the sum over rows of the batch-1 library on each row.
Welford measure(Packed f, const Model &m, bool perRowCalls, int estimates) {
  size_t total = 0;
  for (size_t s : m.grads)
    total += s;
  Welford w(total);
  std::vector<double> g(total), sum(total), loss(1);
  // Row slices of the inputs for the batch-1 calls.
  std::vector<std::vector<double>> slice(m.args.size());
  std::vector<void *> buffers;
  auto call = [&](int row, uint64_t step) {
    buffers.clear();
    for (size_t a = 0; a < m.args.size(); ++a) {
      if (row >= 0 && m.isInput[a]) {
        size_t width = m.args[a].size() / kRows;
        slice[a].assign(m.args[a].begin() + row * width,
                        m.args[a].begin() + (row + 1) * width);
        buffers.push_back(slice[a].data());
      } else {
        buffers.push_back(const_cast<double *>(m.args[a].data()));
      }
    }
    size_t offset = 0;
    for (size_t s : m.grads) {
      buffers.push_back(g.data() + offset);
      offset += s;
    }
    buffers.push_back(loss.data());
    if (f(buffers.data(), kSeed, step) != 0)
      std::fprintf(stderr, "%s: call failed\n", m.name.c_str());
  };
  for (int n = 0; n < estimates; ++n) {
    if (!perRowCalls) {
      call(-1, n);
      w.add(g);
      continue;
    }
    std::fill(sum.begin(), sum.end(), 0.0);
    for (int i = 0; i < kRows; ++i) {
      call(i, uint64_t(n) * kRows + i);
      for (size_t j = 0; j < total; ++j)
        sum[j] += g[j];
    }
    w.add(sum);
  }
  return w;
}

Model bern50() {
  Model m{"bern50", {{0.3}, std::vector<double>(kRows)}, {false, true}, {1}};
  for (int i = 0; i < kRows; ++i)
    m.args[1][i] = i % 3 == 0;
  return m;
}

/// The first 50 Fashion-MNIST training images, binarized at 0.5, and small
/// Glorot-uniform weights (fixed seed), zero biases.
bool sbn(Model &m) {
  sg_idx idx;
  std::string path =
      "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
  if (sg_idx_load(path.c_str(), &idx) != 0) {
    std::fprintf(stderr, "%s\n", sg_last_error());
    return false;
  }
  std::vector<float> pixels(idx.count);
  if (sg_idx_to_f32(&idx, pixels.data(), 255.0f) != 0)
    return false;
  sg_idx_free(&idx);
  std::vector<double> x(kRows * 784);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = pixels[i] > 0.5f;
  std::mt19937_64 rng(2026);
  auto glorot = [&](size_t in, size_t out) {
    std::uniform_real_distribution<double> u(-1, 1);
    double a = std::sqrt(6.0 / double(in + out));
    std::vector<double> w(in * out);
    for (double &v : w)
      v = a * u(rng);
    return w;
  };
  m = {"sbn",
       {x, glorot(784, 20), std::vector<double>(20, 0),
        std::vector<double>(20, 0), glorot(20, 784),
        std::vector<double>(784, 0)},
       {true, false, false, false, false, false},
       {784 * 20, 20, 20, 20 * 784, 784},
       784 * 20 + 20}; // the prior's first bias
  return true;
}

} // namespace

int main(int argc, char **argv) {
  std::string dir = argc > 1 ? argv[1] : SG_VARIANCE_DIR;
  Model models[2];
  models[0] = bern50();
  if (!sbn(models[1]))
    return 1;
  const int estimates[2] = {20000, 2000};
  std::printf("per-row score terms: total gradient variance of a batch of %d "
              "rows (bench/rows.mlir)\n\n",
              kRows);
  std::printf("%-8s %-36s %8s %16s %8s %24s\n", "model", "estimator", "draws",
              "total variance", "ratio", "mean of one component");
  for (int k = 0; k < 2; ++k) {
    const Model &m = models[k];
    struct Row {
      const char *label, *lib;
      bool perRowCalls;
    } rows[] = {
        {"sum of 50 per-row gradients", "row1", true},
        {"batch, per-row terms (default)", "perrow", false},
        {"batch, scalar (--score-rows=scalar)", "scalar", false},
    };
    double reference = 0;
    for (const Row &row : rows) {
      Packed f = open(dir + "/librows_" + row.lib + ".so", m.name);
      if (!f)
        return 1;
      Welford w = measure(f, m, row.perRowCalls, estimates[k]);
      double v = w.totalVariance();
      if (reference == 0)
        reference = v;
      size_t j = m.shown;
      double se = std::sqrt(w.m2[j] / (w.n - 1) / w.n);
      std::printf("%-8s %-36s %8d %16.6g %8.3f %12.5g ± %9.3g\n",
                  m.name.c_str(), row.label, estimates[k], v, v / reference,
                  w.mean[j], 2 * se);
    }
  }
  std::printf("\nratio: total variance / that of the sum of per-row "
              "gradients (target ≤ 1.2); ± is 2 standard errors\n");
  return 0;
}
