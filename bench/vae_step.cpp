//===- vae_step.cpp - time one training step of the sgc-compiled VAE ------===//
//
// usage: sg-bench-vae BATCH THREADS STEPS
// Compiles the Certigrad VAE for BATCH with sgc, runs STEPS training steps
// (loss_grad + Adam) on random pixels after 3 warm-up steps, and prints one
// line: batch threads ms/step gemm_ms/step gemm_gflops peak_rss_mb, where
// gemm_ms is OpenBLAS alone on the step's GEMM shapes (the lower bound) and
// gemm_gflops is the step's GEMM work divided by the sgc step time.
//
//===----------------------------------------------------------------------===//

#include "vae_model.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {
double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

struct Gemm {
  int m, n, k;
  bool ta, tb;
};

/// The GEMMs of one step: forward a·W, and per product the two of the
/// backward pass (dA = g·Wᵀ except for the first layer, whose input is
/// data, and dW = aᵀ·g).
std::vector<Gemm> stepGemms(int b) {
  struct Layer {
    int in, out;
    bool dataInput;
  } layers[] = {{784, 1000, true}, {1000, 1000, false}, {1000, 30, false},
                {1000, 30, false}, {30, 1000, false},   {1000, 1000, false},
                {1000, 784, false}};
  std::vector<Gemm> gemms;
  for (const Layer &l : layers) {
    gemms.push_back({b, l.out, l.in, false, false});
    if (!l.dataInput)
      gemms.push_back({b, l.in, l.out, false, true});
    gemms.push_back({l.in, l.out, b, true, false});
  }
  return gemms;
}

double gemmSeconds(const std::vector<Gemm> &gemms, int reps) {
  size_t maxSize = 0;
  for (const Gemm &g : gemms)
    maxSize = std::max(
        {maxSize, size_t(g.m) * g.k, size_t(g.k) * g.n, size_t(g.m) * g.n});
  std::vector<float> a(maxSize, 0.5f), bm(maxSize, 0.25f), c(maxSize);
  auto run = [&] {
    for (const Gemm &g : gemms)
      if (sg_gemm_f32(g.ta, g.tb, g.m, g.n, g.k, 1.0f, a.data(),
                      g.ta ? g.m : g.k, bm.data(), g.tb ? g.k : g.n, 0.0f,
                      c.data(), g.n) != 0) {
        std::fprintf(stderr, "%s\n", sg_last_error());
        std::exit(1);
      }
  };
  run();
  double start = now();
  for (int r = 0; r < reps; ++r)
    run();
  return (now() - start) / reps;
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s BATCH THREADS STEPS\n", argv[0]);
    return 1;
  }
  int batch = std::atoi(argv[1]), threads = std::atoi(argv[2]),
      steps = std::atoi(argv[3]);
  if (sg_set_num_threads(threads) != 0) {
    std::fprintf(stderr, "%s\n", sg_last_error());
    return 1;
  }
  vae::Functions fns;
  std::string error;
  if (!vae::compileAndLoad(batch, SG_SGC_PATH, SG_VAE_MODEL, SG_BENCH_DIR, fns,
                           error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  vae::Trainer model(fns, 1, sg_adam_default_config());
  std::vector<float> x(size_t(batch) * vae::kPixels);
  std::mt19937 gen(3);
  std::uniform_int_distribution<int> pixel(0, 255);
  for (float &v : x)
    v = pixel(gen) / 256.0f;
  for (int i = 0; i < 3; ++i)
    model.step(x.data(), 1, i);
  double start = now();
  for (int i = 0; i < steps; ++i)
    model.step(x.data(), 1, 3 + i);
  double step = (now() - start) / steps;

  std::vector<Gemm> gemms = stepGemms(batch);
  double flops = 0;
  for (const Gemm &g : gemms)
    flops += 2.0 * g.m * g.n * g.k;
  double gemm = gemmSeconds(gemms, std::max(3, steps));
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%d %d %.3f %.3f %.2f %.1f\n", batch, threads, step * 1e3,
              gemm * 1e3, flops / step * 1e-9, usage.ru_maxrss / 1024.0);
  return 0;
}
