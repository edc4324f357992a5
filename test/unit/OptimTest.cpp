//===- OptimTest.cpp - Adam and SGD updates -------------------------------===//

#include "sg_runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include <cmath>
#include <cstdint>

namespace {

TEST(Optim, AdamDefaultsAreCertigrads) {
  const sg_adam_config cfg = sg_adam_default_config();
  EXPECT_EQ(cfg.alpha, 1e-3);
  EXPECT_EQ(cfg.beta1, 0.9);
  EXPECT_EQ(cfg.beta2, 0.999);
  EXPECT_EQ(cfg.eps, 1e-8);
}

// Two steps from w = 1 with gradients 0.5 then -0.25, defaults, by hand:
//  t=1: m = 0.1*0.5 = 0.05, v = 0.001*0.25 = 2.5e-4, sqrt(v) = 0.0158113883,
//       step = 1e-3*sqrt(1-0.999)/(1-0.9) = 3.16227766e-4,
//       w = 1 - 3.16227766e-4 * 0.05/(0.0158113883 + 1e-8) = 0.99900000063
//  t=2: m = 0.9*0.05 + 0.1*(-0.25) = 0.02,
//       v = 0.999*2.5e-4 + 0.001*0.0625 = 3.1225e-4, sqrt(v) = 0.0176705970,
//       step = 1e-3*sqrt(1-0.999^2)/(1-0.9^2) = 2.35316725e-4,
//       w = 0.99900000063 - 2.35316725e-4 * 0.02/(0.0176705970 + 1e-8)
//         = 0.99873366374
TEST(Optim, AdamFirstTwoStepsByHandF64) {
  double w = 1, m = 0, v = 0;
  const sg_adam_config cfg = sg_adam_default_config();
  double g = 0.5;
  EXPECT_EQ(sg_adam_step_f64(&w, &g, &m, &v, 1, 1, &cfg), 0);
  EXPECT_NEAR(m, 0.05, 1e-15);
  EXPECT_NEAR(v, 2.5e-4, 1e-18);
  EXPECT_NEAR(w, 0.99900000063, 1e-11);
  g = -0.25;
  EXPECT_EQ(sg_adam_step_f64(&w, &g, &m, &v, 1, 2, &cfg), 0);
  EXPECT_NEAR(m, 0.02, 1e-15);
  EXPECT_NEAR(v, 3.1225e-4, 1e-18);
  EXPECT_NEAR(w, 0.99873366374, 1e-11);
}

TEST(Optim, AdamFirstTwoStepsByHandF32) {
  // Same numbers as above; float storage limits the precision. NULL config
  // selects the defaults.
  float w[2] = {1, 1}, m[2] = {0, 0}, v[2] = {0, 0};
  float g[2] = {0.5f, -0.5f};
  EXPECT_EQ(sg_adam_step_f32(w, g, m, v, 2, 1, nullptr), 0);
  EXPECT_NEAR(w[0], 0.99900000063, 2.5e-7);
  EXPECT_NEAR(w[1], 1.00099999937, 2.5e-7); // mirror image for -g
  g[0] = -0.25f;
  g[1] = 0.25f;
  EXPECT_EQ(sg_adam_step_f32(w, g, m, v, 2, 2, nullptr), 0);
  EXPECT_NEAR(m[0], 0.02f, 1e-8);
  EXPECT_NEAR(v[0], 3.1225e-4f, 1e-10);
  EXPECT_NEAR(w[0], 0.99873366374, 2.5e-7);
  EXPECT_NEAR(w[1], 1.00126633626, 2.5e-7);
}

// Minimizes f(w) = (w - 3)^2, gradient 2(w - 3): weights must move against the
// gradient and settle at the minimum.
TEST(Optim, AdamConvergesOnQuadratic) {
  sg_adam_config cfg = sg_adam_default_config();
  cfg.alpha = 0.05;
  float w = -2, m = 0, v = 0;
  for (uint64_t t = 1; t <= 3000; ++t) {
    float g = 2 * (w - 3);
    EXPECT_EQ(sg_adam_step_f32(&w, &g, &m, &v, 1, t, &cfg), 0);
  }
  EXPECT_NEAR(w, 3.0f, 1e-2);
}

TEST(Optim, SgdStepByHand) {
  float w[3] = {1, 2, 3};
  const float g[3] = {0.5f, -1, 0};
  EXPECT_EQ(sg_sgd_step_f32(w, g, 3, 0.25f), 0);
  EXPECT_FLOAT_EQ(w[0], 0.875f);
  EXPECT_FLOAT_EQ(w[1], 2.25f);
  EXPECT_FLOAT_EQ(w[2], 3.0f);
}

TEST(Optim, SgdConvergesOnQuadratic) {
  double w = -2;
  for (int i = 0; i < 200; ++i) {
    double g = 2 * (w - 3);
    EXPECT_EQ(sg_sgd_step_f64(&w, &g, 1, 0.1), 0);
  }
  EXPECT_NEAR(w, 3.0, 1e-9);
}

TEST(Optim, AdamStepZeroIsAnError) {
  float w = 0, g = 1, m = 0, v = 0;
  EXPECT_EQ(sg_adam_step_f32(&w, &g, &m, &v, 1, 0, nullptr), SG_ERR_VALUE);
  EXPECT_NE(std::strstr(sg_last_error(), "step t must start at 1"), nullptr)
      << sg_last_error();
  EXPECT_EQ(w, 0.0f) << "nothing is updated";
}

} // namespace

// grad_scale multiplies the gradient before the update: the same step as
// on a pre-scaled gradient (how the VAE applies Certigrad's 1/batch).
TEST(Optim, AdamGradScaleEqualsScaledGradient) {
  sg_adam_config scaled = sg_adam_default_config();
  EXPECT_EQ(scaled.grad_scale, 1.0);
  scaled.grad_scale = 0.25;
  float w1[3] = {1, 2, 3}, m1[3] = {}, v1[3] = {}, g[3] = {0.5f, -2, 8};
  float w2[3] = {1, 2, 3}, m2[3] = {}, v2[3] = {};
  float g4[3] = {0.125f, -0.5f, 2}; // exactly g / 4
  for (uint64_t t = 1; t <= 3; ++t) {
    EXPECT_EQ(sg_adam_step_f32(w1, g, m1, v1, 3, t, &scaled), 0);
    EXPECT_EQ(sg_adam_step_f32(w2, g4, m2, v2, 3, t, nullptr), 0);
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(w1[i], w2[i]);
    EXPECT_EQ(m1[i], m2[i]);
  }
}

// Large updates are split across threads; every element must come out
// bit-identical to the single-threaded update.
TEST(Optim, AdamThreadCountDoesNotChangeTheResult) {
  const uint64_t n = (1u << 19) + 7;
  std::vector<float> g(n), w1(n), w2(n), m1(n, 0), m2(n, 0), v1(n, 0), v2(n, 0);
  for (uint64_t i = 0; i < n; ++i) {
    g[i] = std::sin(0.001f * i);
    w1[i] = w2[i] = std::cos(0.002f * i);
  }
  int saved = sg_get_num_threads();
  EXPECT_EQ(sg_set_num_threads(1), 0);
  for (uint64_t t = 1; t <= 2; ++t)
    EXPECT_EQ(sg_adam_step_f32(w1.data(), g.data(), m1.data(), v1.data(), n, t,
                               nullptr),
              0);
  EXPECT_EQ(sg_set_num_threads(2), 0);
  for (uint64_t t = 1; t <= 2; ++t)
    EXPECT_EQ(sg_adam_step_f32(w2.data(), g.data(), m2.data(), v2.data(), n, t,
                               nullptr),
              0);
  EXPECT_EQ(sg_set_num_threads(saved), 0);
  EXPECT_EQ(w1, w2);
  EXPECT_EQ(m1, m2);
  EXPECT_EQ(v1, v2);
}

// The f32 update is vectorized (sqrtf without errno); every element must
// still be the scalar float arithmetic, op by op (one operation per
// statement, so that no FMA contraction happens here either), including
// the loop's remainder elements.
TEST(Optim, AdamF32IsTheScalarFloatArithmetic) {
  const uint64_t n = 1027;
  sg_adam_config cfg = sg_adam_default_config();
  cfg.grad_scale = 0.004;
  std::vector<float> w(n), g(n), m(n, 0), v(n, 0);
  std::vector<float> rw(n), rm(n, 0), rv(n, 0);
  for (uint64_t i = 0; i < n; ++i) {
    w[i] = rw[i] = std::cos(0.37f * i);
    g[i] = 40 * std::sin(0.11f * i) * (i % 7 == 0 ? 1e-6f : 1.0f);
  }
  for (uint64_t t = 1; t <= 4; ++t) {
    ASSERT_EQ(
        sg_adam_step_f32(w.data(), g.data(), m.data(), v.data(), n, t, &cfg),
        0);
    double td = double(t);
    float lr = float(cfg.alpha * std::sqrt(1.0 - std::pow(cfg.beta2, td)) /
                     (1.0 - std::pow(cfg.beta1, td)));
    float b1 = float(cfg.beta1), b2 = float(cfg.beta2);
    float c1 = float(1.0 - cfg.beta1), c2 = float(1.0 - cfg.beta2);
    float eps = float(cfg.eps), scale = float(cfg.grad_scale);
    for (uint64_t i = 0; i < n; ++i) {
      float gi = scale * g[i];
      float mOld = b1 * rm[i];
      float mNew = c1 * gi;
      rm[i] = mOld + mNew;
      float vOld = b2 * rv[i];
      float g2 = c2 * gi;
      g2 = g2 * gi;
      rv[i] = vOld + g2;
      float den = std::sqrt(rv[i]);
      den = den + eps;
      float num = lr * rm[i];
      rw[i] = rw[i] - num / den;
    }
  }
  for (uint64_t i = 0; i < n; ++i) {
    ASSERT_EQ(m[i], rm[i]) << i;
    ASSERT_EQ(v[i], rv[i]) << i;
    ASSERT_EQ(w[i], rw[i]) << i;
  }
}
