//===- VaeTest.cpp - ML unit checks on the compiled VAE -------------------===//
//
// The checks from the seed on unit testing ML code, run on Certigrad's VAE
// compiled by sgc (batch 16 here, to keep the suite quick) and real
// Fashion-MNIST images:
//   - after one step every parameter has changed;
//   - the data inputs have not;
//   - the loss is finite and non-zero;
//   - 200 steps lower the loss;
//   - the fused vae_train_step (sgc --optimizer=adam) leaves every parameter
//     bit-identical to vae_loss_grad followed by sg_adam_step_f32;
//   - training and evaluation give bit-identical results with 1 and 2
//     threads, at batch 16 and (the linked library) at batch 250, where
//     the compiled loops run on the threads too, and those loops give the
//     bits they give on the calling thread.
//
//===----------------------------------------------------------------------===//

#include "library.h"
#include "vae_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr int kBatch = 16;

const vae::Functions &functions() {
  static vae::Functions f;
  static std::string error;
  static bool ok = vae::compileAndLoad(kBatch, SG_SGC_PATH, SG_VAE_MODEL,
                                       SG_VAE_TEST_DIR, f, error);
  EXPECT_TRUE(ok) << error;
  return f;
}

std::vector<float> images(long count) {
  sg_idx idx;
  std::string path =
      "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
  EXPECT_EQ(sg_idx_load(path.c_str(), &idx), 0) << sg_last_error();
  std::vector<float> all(idx.count);
  EXPECT_EQ(sg_idx_to_f32(&idx, all.data(), 256.0f), 0);
  sg_idx_free(&idx);
  all.resize(size_t(count) * vae::kPixels);
  return all;
}

TEST(VaeChecks, OneStepChangesEveryParameterAndNoInput) {
  const vae::Functions &f = functions();
  ASSERT_TRUE(f.lossGrad);
  vae::Trainer model(f, 7, sg_adam_default_config());
  std::vector<float> x = images(kBatch), xCopy = x;
  std::vector<std::vector<float>> before;
  for (int i = 0; i < vae::kNumParams; ++i)
    before.push_back(model.param(i));
  float loss = model.step(x.data(), 7, 0);
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_NE(loss, 0.0f);
  EXPECT_EQ(x, xCopy) << "the data input was modified";
  for (int i = 0; i < vae::kNumParams; ++i) {
    size_t changed = 0;
    for (size_t k = 0; k < before[i].size(); ++k)
      changed += model.param(i)[k] != before[i][k];
    EXPECT_GT(changed, 0u) << vae::kShapes[i].name << " did not change";
    // Adam moves every weight with a non-zero gradient; only W1 rows of
    // pixels that are 0 in every image of the batch keep a zero gradient.
    if (i != 0)
      EXPECT_EQ(changed, before[i].size())
          << vae::kShapes[i].name << ": only " << changed << " of "
          << before[i].size() << " weights changed";
  }
}

TEST(VaeChecks, TwoHundredStepsLowerTheLoss) {
  const vae::Functions &f = functions();
  ASSERT_TRUE(f.lossGrad);
  vae::Trainer model(f, 11, sg_adam_default_config());
  const long n = 20 * kBatch;
  std::vector<float> x = images(n);
  auto meanLoss = [&] {
    double total = 0;
    for (long b = 0; b < n / kBatch; ++b)
      total += model.evaluate(x.data() + b * kBatch * vae::kPixels, 99, b);
    return total / (n / kBatch);
  };
  double initial = meanLoss();
  for (int s = 0; s < 200; ++s) {
    long b = s % (n / kBatch);
    float loss = model.step(x.data() + b * kBatch * vae::kPixels, 11, s);
    ASSERT_TRUE(std::isfinite(loss)) << "step " << s;
  }
  double trained = meanLoss();
  EXPECT_TRUE(std::isfinite(trained));
  // From ~630 nats per example at initialization; 200 Adam steps reach well
  // under 85% of it.
  EXPECT_LT(trained, 0.85 * initial)
      << "initial " << initial << ", after 200 steps " << trained;
}

TEST(VaeChecks, FusedTrainStepIsLossGradThenRuntimeAdam) {
  const vae::Functions &f = functions();
  ASSERT_TRUE(f.trainStep);
  vae::Trainer fused(f, 5, sg_adam_default_config());
  vae::Trainer separate(f, 5, sg_adam_default_config());
  ASSERT_TRUE(fused.fused());
  separate.setFused(false);
  ASSERT_FALSE(separate.fused());
  std::vector<float> x = images(3 * kBatch);
  for (int s = 0; s < 3; ++s) {
    const float *batch = x.data() + size_t(s) * kBatch * vae::kPixels;
    float a = fused.step(batch, 5, s), b = separate.step(batch, 5, s);
    EXPECT_EQ(a, b) << "step " << s;
  }
  for (int i = 0; i < vae::kNumParams; ++i) {
    size_t differ = 0;
    for (size_t k = 0; k < fused.param(i).size(); ++k)
      differ += fused.param(i)[k] != separate.param(i)[k];
    EXPECT_EQ(differ, 0u) << vae::kShapes[i].name;
  }
  // A bad argument is reported before anything is written.
  std::vector<float> w1 = fused.param(0);
  float loss = 0;
  std::vector<float *> p(vae::kNumParams);
  for (int i = 0; i < vae::kNumParams; ++i)
    p[i] = fused.param(i).data();
  EXPECT_EQ(f.trainStep(x.data(), p[0], p[1], p[2], p[3], p[4], p[5], p[6],
                        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[0], p[1],
                        p[2], p[3], p[4], p[5], nullptr, 5, 0, 1, &loss),
            1);
  EXPECT_NE(std::string(f.lastError()).find("'v_Wp' is a null pointer"),
            std::string::npos)
      << f.lastError();
  EXPECT_EQ(f.trainStep(x.data(), p[0], p[1], p[2], p[3], p[4], p[5], p[6],
                        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[0], p[1],
                        p[2], p[3], p[4], p[5], p[6], 5, 0, 0, &loss),
            4);
  EXPECT_NE(std::string(f.lastError()).find("t must start at 1"),
            std::string::npos)
      << f.lastError();
  EXPECT_EQ(w1, fused.param(0));
  EXPECT_EQ(loss, 0.0f);
}

/// Loss and parameters after `steps` steps on `x` with `threads` threads,
/// through the fused step or loss_grad + sg_adam_step_f32, and the
/// evaluation loss of the trained model.
struct Trained {
  std::vector<float> losses;
  std::vector<std::vector<float>> params;
};
Trained train(const vae::Functions &f, int threads, bool fused,
              const std::vector<float> &x, int steps) {
  EXPECT_EQ(sg_set_num_threads(threads), 0) << sg_last_error();
  EXPECT_EQ(sg_get_num_threads(), threads);
  vae::Trainer model(f, 11, sg_adam_default_config());
  model.setFused(fused);
  Trained out;
  for (int s = 0; s < steps; ++s)
    out.losses.push_back(
        model.step(x.data() + size_t(s) * f.batch * vae::kPixels, 11, s));
  out.losses.push_back(model.evaluate(x.data(), 12, 0));
  for (int i = 0; i < vae::kNumParams; ++i)
    out.params.push_back(model.param(i));
  return out;
}

// Why this holds: every product the runtime splits over threads is cut into
// blocks of rows or columns of C chosen from its shape (and the machine's CPU
// count) alone, each block is one single-threaded OpenBLAS call over the
// whole reduction axis, and a thread count only decides which thread computes
// which block; Adam is elementwise. Splitting a reduction (a product's K, a sum
// over the batch) over threads would change the order of the additions and show
// up here as differing bits: the batch-16 products of 16 x 1000 x 1000 and 784
// x 1000 x 16 multiply-adds are split, and the loss and every weight depend on
// them.
//
// The batch-250 library (the one linked into this program) also runs its
// elementwise loops and row sums on the runtime's threads
// (sg-parallelize-loops; test/sgc/parallel-loops.mlir checks they are
// there): each block of rows is computed as it would be on one thread, and
// no sum is split, so the bits stay the same there too.
void expectSameBitsWithOneAndTwoThreads(const vae::Functions &f, int steps) {
  ASSERT_TRUE(f.trainStep);
  const int saved = sg_get_num_threads();
  std::vector<float> x = images(steps * f.batch);
  for (bool fused : {true, false}) {
    Trained one = train(f, 1, fused, x, steps),
            two = train(f, 2, fused, x, steps);
    EXPECT_EQ(one.losses, two.losses) << (fused ? "fused" : "separate");
    for (int i = 0; i < vae::kNumParams; ++i) {
      size_t differ = 0;
      for (size_t k = 0; k < one.params[i].size(); ++k)
        differ += std::memcmp(&one.params[i][k], &two.params[i][k],
                              sizeof(float)) != 0;
      EXPECT_EQ(differ, 0u)
          << vae::kShapes[i].name << (fused ? " (fused)" : " (separate)");
    }
  }
  EXPECT_EQ(sg_set_num_threads(saved), 0);
}

TEST(VaeChecks, SameBitsWithOneAndTwoThreads) {
  expectSameBitsWithOneAndTwoThreads(functions(), 3);
}

TEST(VaeChecks, SameBitsWithOneAndTwoThreadsAtBatch250) {
  expectSameBitsWithOneAndTwoThreads(vae::linkedFunctions(), 2);
}

// The loops sg-parallelize-loops hands to the threads compute what the same
// loops compute on the calling thread: the linked batch-250 library on 2
// threads against the same model compiled with --parallel-min-work=0
// (which the two-thread comparison above cannot see: a wrong block of rows
// would be equally wrong with 1 and 2 threads).
TEST(VaeChecks, ParallelLoopsComputeTheSameBitsAsSequentialOnes) {
  const vae::Functions &parallel = vae::linkedFunctions();
  vae::Functions sequential;
  std::string lib = std::string(SG_VAE_TEST_DIR) + "/libvae_b250_seq.so";
  std::string error;
  ASSERT_TRUE(compileModel(SG_SGC_PATH, SG_VAE_MODEL,
                           {"--optimizer=adam", "--grad-scale=0.004",
                            "--parallel-min-work=0"},
                           lib, error) &&
              vae::load(lib, 250, sequential, error))
      << error;
  const int saved = sg_get_num_threads();
  std::vector<float> x = images(2 * 250);
  for (bool fused : {true, false}) {
    Trained a = train(parallel, 2, fused, x, 2),
            b = train(sequential, 2, fused, x, 2);
    EXPECT_EQ(a.losses, b.losses) << (fused ? "fused" : "separate");
    for (int i = 0; i < vae::kNumParams; ++i) {
      size_t differ = 0;
      for (size_t k = 0; k < a.params[i].size(); ++k)
        differ +=
            std::memcmp(&a.params[i][k], &b.params[i][k], sizeof(float)) != 0;
      EXPECT_EQ(differ, 0u)
          << vae::kShapes[i].name << (fused ? " (fused)" : " (separate)");
    }
  }
  EXPECT_EQ(sg_set_num_threads(saved), 0);
}

} // namespace
