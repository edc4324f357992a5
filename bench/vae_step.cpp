//===- vae_step.cpp - time the sgc-compiled VAE against its bound ---------===//
//
// The sgc side of bench/vae_bench.sh, on Fashion-MNIST (pixels / 256):
//
//   sg-bench-vae step BATCH THREADS STEPS WARMUP [ROUNDS]
//     compiles the VAE for BATCH, runs WARMUP training steps (the library's
//     fused vae_train_step, as vae-train) on the first batches of the
//     training set, then ROUNDS rounds (default 1) of: STEPS timed steps on
//     the next batches, the bound's products, the bound's Adam pass; prints
//       batch threads step_ms gemm_ms adam_ms bound_ms
//     each the least over the rounds, where gemm_ms is OpenBLAS alone on the
//     step's 21 products and adam_ms a vectorized streaming Adam over the
//     same parameter bytes, both measured in this process: bound_ms =
//     gemm_ms + adam_ms.
//   sg-bench-vae epoch THREADS ROWS [ROUNDS]
//     at batch 250 (as vae-train): one training pass over the first ROWS
//     training images after one warm-up pass of 20 steps, and one
//     evaluation pass (forward) over the 10k test images, each cut into
//     ROUNDS consecutive parts; each part's steps run back to back (as in
//     vae-train), then as many passes of the step bound (products, then
//     Adam), and each part's evaluated batches likewise, then as many
//     passes of the forward products; prints
//       threads steps epoch_s bound_s paired_s eval_s fwd_gemm_s fwd_paired_s
//     where epoch_s and eval_s are whole passes (the sums of their steps),
//     bound_s is steps x the least mean bound pass of a part (as the step
//     rows) and paired_s the sum of the bound passes that followed the
//     parts; fwd_gemm_s and fwd_paired_s the same for the forward products
//     and the test set's batches.
//
// The machine may be shared: a burst of other work during one phase would
// shift the ratio either way. Measuring both sides in alternation and
// keeping each side's least time compares the two under the same
// conditions; the step's least is over whole rounds of STEPS steps.
//
//===----------------------------------------------------------------------===//

#include "images.h"
#include "vae_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {
const char *kData = "/usr/share/datasets/fashion-mnist";

double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

[[noreturn]] void fail(const std::string &msg) {
  std::fprintf(stderr, "sg-bench-vae: %s\n", msg.c_str());
  std::exit(1);
}

struct Gemm {
  int m, n, k;
  bool ta, tb;
};

struct Layer {
  int in, out;
  bool dataInput;
};
const Layer kLayers[] = {{784, 1000, true}, {1000, 1000, false},
                         {1000, 30, false}, {1000, 30, false},
                         {30, 1000, false}, {1000, 1000, false},
                         {1000, 784, false}};

/// The forward products a·W of a batch of `b` rows.
std::vector<Gemm> forwardGemms(int b) {
  std::vector<Gemm> gemms;
  for (const Layer &l : kLayers)
    gemms.push_back({b, l.out, l.in, false, false});
  return gemms;
}

/// The 21 GEMMs of one step: forward a·W, and per product the two of the
/// backward pass (dA = g·Wᵀ except for the first layer, whose input is
/// data, and dW = aᵀ·g).
std::vector<Gemm> stepGemms(int b) {
  std::vector<Gemm> gemms;
  for (const Layer &l : kLayers) {
    gemms.push_back({b, l.out, l.in, false, false});
    if (!l.dataInput)
      gemms.push_back({b, l.in, l.out, false, true});
    gemms.push_back({l.in, l.out, b, true, false});
  }
  return gemms;
}

/// OpenBLAS (through the runtime) on `gemms`. Each product has buffers of
/// its own, as in the step, where every layer reads its own weights and
/// writes its own gradient: run on one shared set of buffers, the products
/// of a batch-1 step read 4 MB where the step reads 14.6 MB, and took half
/// the time they take on the step's layout (1.14x less at batch 250;
/// bench/README.md).
class GemmBound {
public:
  explicit GemmBound(std::vector<Gemm> gemms) : gemms(std::move(gemms)) {
    for (const Gemm &g : this->gemms) {
      a.emplace_back(size_t(g.m) * g.k, 0.5f);
      b.emplace_back(size_t(g.k) * g.n, 0.25f);
      c.emplace_back(size_t(g.m) * g.n);
    }
    run(); // first touch of the buffers
  }
  /// Seconds per pass over the products, the mean of `reps` passes.
  double seconds(int reps) {
    double start = now();
    for (int r = 0; r < reps; ++r)
      run();
    return (now() - start) / reps;
  }

private:
  std::vector<Gemm> gemms;
  std::vector<std::vector<float>> a, b, c;
  void run() {
    for (size_t i = 0; i < gemms.size(); ++i) {
      const Gemm &g = gemms[i];
      if (sg_gemm_f32(g.ta, g.tb, g.m, g.n, g.k, 1.0f, a[i].data(),
                      g.ta ? g.m : g.k, b[i].data(), g.tb ? g.k : g.n, 0.0f,
                      c[i].data(), g.n) != 0)
        fail(sg_last_error());
    }
  }
};

/// A streaming Adam pass over `n` parameters (read w, g, m, v; write w, m,
/// v) split over `threads` threads: the least any optimizer step over these
/// bytes costs. Compiled with -fno-math-errno so that the square root
/// vectorizes.
class AdamBound {
public:
  AdamBound(size_t n, int threads)
      : n(n), threads(threads), w(n, 0.1f), g(n, 0.01f), m(n, 0), v(n, 0) {
    run(1e-3f);
  }
  /// Seconds per pass, the mean of `reps` passes.
  double seconds(int reps) {
    double start = now();
    for (int r = 0; r < reps; ++r)
      run(1e-3f / (++calls + 1));
    return (now() - start) / reps;
  }

private:
  size_t n;
  int threads, calls = 0;
  std::vector<float> w, g, m, v;
  void pass(size_t lo, size_t hi, float step) {
    float *W = w.data(), *M = m.data(), *V = v.data();
    const float *G = g.data();
    for (size_t i = lo; i < hi; ++i) {
      float mi = 0.9f * M[i] + 0.1f * G[i];
      float vi = 0.999f * V[i] + 0.001f * G[i] * G[i];
      M[i] = mi;
      V[i] = vi;
      W[i] -= step * mi / (std::sqrt(vi) + 1e-8f);
    }
  }
  void run(float step) {
    if (threads <= 1)
      return pass(0, n, step);
    std::vector<std::thread> pool;
    size_t chunk = (n + threads - 1) / threads;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back(&AdamBound::pass, this, std::min(n, t * chunk),
                        std::min(n, (t + 1) * chunk), step);
    for (std::thread &t : pool)
      t.join();
  }
};

size_t parameterCount() {
  size_t n = 0;
  for (const vae::Shape &s : vae::kShapes)
    n += size_t(s.rows) * s.cols;
  return n;
}

std::vector<float> load(const char *file, long &count) {
  std::vector<float> x;
  std::string error;
  if (!loadImages(std::string(kData) + "/" + file, 256.0f, 0, x, count, error))
    fail(error);
  return x;
}

vae::Functions compile(int batch) {
  vae::Functions fns;
  std::string error;
  if (!vae::compileAndLoad(batch, SG_SGC_PATH, SG_VAE_MODEL, SG_BENCH_DIR, fns,
                           error))
    fail(error);
  return fns;
}

/// Seconds of `steps` training steps on consecutive batches of `x`
/// (wrapping around), starting at batch `first`.
double trainSeconds(vae::Trainer &model, const std::vector<float> &x,
                    long count, long first, long steps) {
  long batches = count / model.batch();
  double start = now();
  for (long i = first; i < first + steps; ++i)
    model.step(x.data() + size_t(i % batches) * model.batch() * vae::kPixels, 1,
               i);
  return now() - start;
}

int stepMode(int batch, int threads, int steps, int warmup, int rounds) {
  long count;
  std::vector<float> x = load("train-images-idx3-ubyte.gz", count);
  vae::Trainer model(compile(batch), 1, sg_adam_default_config());
  if (!model.fused())
    fail("the library has no fused vae_train_step");
  GemmBound gemms(stepGemms(batch));
  AdamBound adam(parameterCount(), threads);
  trainSeconds(model, x, count, 0, warmup);
  int reps = std::max(3, std::min(steps, 50));
  double step = INFINITY, gemm = INFINITY, update = INFINITY;
  for (int r = 0; r < rounds; ++r) {
    step = std::min(
        step, trainSeconds(model, x, count, warmup + r * steps, steps) / steps);
    gemm = std::min(gemm, gemms.seconds(reps));
    update = std::min(update, adam.seconds(reps));
  }
  std::printf("%d %d %.3f %.3f %.3f %.3f\n", batch, threads, step * 1e3,
              gemm * 1e3, update * 1e3, (gemm + update) * 1e3);
  return 0;
}

int epochMode(int threads, long rows, int rounds) {
  const int batch = 250;
  long count, testCount;
  std::vector<float> x = load("train-images-idx3-ubyte.gz", count);
  std::vector<float> test = load("t10k-images-idx3-ubyte.gz", testCount);
  vae::Trainer model(compile(batch), 1, sg_adam_default_config());
  if (!model.fused())
    fail("the library has no fused vae_train_step");
  GemmBound gemms(stepGemms(batch)), forward(forwardGemms(batch));
  AdamBound adam(parameterCount(), threads);
  long steps = std::min(rows, count) / batch;
  long evalBatches = testCount / batch;
  trainSeconds(model, x, count, 0, 20);
  // Each part of the pass runs its steps (its evaluated batches) back to
  // back, as vae-train does, and then as many passes of their bound, so that
  // both sides see nearby moments of the machine and caches that only they
  // use: `paired` sums those passes, `least` is the least mean bound pass
  // over the parts, times the steps, as the step rows have it. (Following
  // every step by one bound pass, as this once did, made each step start
  // from caches the bound had just filled, which vae-train never does.)
  double epoch = 0, eval = 0, loss = 0;
  double stepPaired = 0, stepLeast = INFINITY;
  double forwardPaired = 0, forwardLeast = INFINITY;
  for (int r = 0; r < rounds; ++r) {
    long lo = 20 + steps * r / rounds, hi = 20 + steps * (r + 1) / rounds;
    epoch += trainSeconds(model, x, count, lo, hi - lo);
    double part = 0;
    for (long i = lo; i < hi; ++i)
      part += gemms.seconds(1) + adam.seconds(1);
    stepPaired += part;
    stepLeast = std::min(stepLeast, part / std::max(1L, hi - lo));
    long first = evalBatches * r / rounds,
         last = evalBatches * (r + 1) / rounds;
    double start = now();
    for (long i = first; i < last; ++i)
      loss +=
          model.evaluate(test.data() + size_t(i) * batch * vae::kPixels, 7, i);
    eval += now() - start;
    part = forward.seconds(std::max(1L, last - first)) * (last - first);
    forwardPaired += part;
    forwardLeast = std::min(forwardLeast, part / std::max(1L, last - first));
  }
  if (!std::isfinite(loss))
    fail("non-finite evaluation loss");
  std::printf("%d %ld %.3f %.3f %.3f %.3f %.3f %.3f\n", threads, steps, epoch,
              steps * stepLeast, stepPaired, eval, forwardLeast * evalBatches,
              forwardPaired);
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  bool step = (argc == 6 || argc == 7) && !std::strcmp(argv[1], "step");
  bool epoch = (argc == 4 || argc == 5) && !std::strcmp(argv[1], "epoch");
  if (!step && !epoch) {
    std::fprintf(stderr,
                 "usage: %s step BATCH THREADS STEPS WARMUP [ROUNDS]\n"
                 "       %s epoch THREADS ROWS [ROUNDS]\n",
                 argv[0], argv[0]);
    return 1;
  }
  int rounds = argc == (step ? 7 : 5) ? std::atoi(argv[argc - 1]) : 1;
  if (rounds < 1)
    fail("ROUNDS must be at least 1");
  int threads = std::atoi(argv[step ? 3 : 2]);
  if (sg_set_num_threads(threads) != 0)
    fail(sg_last_error());
  if (step)
    return stepMode(std::atoi(argv[2]), threads, std::atoi(argv[4]),
                    std::atoi(argv[5]), rounds);
  return epochMode(threads, std::atol(argv[3]), rounds);
}
