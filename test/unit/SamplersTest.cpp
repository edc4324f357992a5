//===- SamplersTest.cpp - Keyed uniform/normal/Bernoulli/categorical -----===//
//
// Statistical checks use fixed seeds, so each is deterministic; the stated
// false-failure probability is that of a correct generator failing the check
// for a random seed, i.e. the chance the chosen seed was unlucky.
//
//===----------------------------------------------------------------------===//

#include "sg_runtime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr uint64_t kSeed = 20240917;
constexpr uint64_t kStep = 7;
constexpr uint32_t kNode = 3;
constexpr uint64_t kMillion = 1000000;

template <typename T>
bool bitEqual(const std::vector<T> &a, const std::vector<T> &b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

TEST(Samplers, U01ExtremesStayInsideOpenInterval) {
  EXPECT_EQ(sg_u01_f32(0), 0x1p-24f);
  EXPECT_EQ(sg_u01_f32(0xffffffffu), 1.0f - 0x1p-24f);
  EXPECT_EQ(sg_u01_f64(0, 0), 0x1p-53);
  EXPECT_EQ(sg_u01_f64(0xffffffffu, 0xffffffffu), 1.0 - 0x1p-53);
  // The grid is symmetric around 1/2.
  EXPECT_EQ(sg_u01_f32(0x7fffffffu) + sg_u01_f32(0x80000000u), 1.0f);
  EXPECT_EQ(sg_u01_f64(0xffffffffu, 0x7fffffffu) + sg_u01_f64(0, 0x80000000u),
            1.0);
}

TEST(Samplers, FillEqualsPerElementF32) {
  const uint64_t first = 1000;
  std::vector<float> u(257), z(257);
  EXPECT_EQ(sg_fill_uniform_f32(u.data(), u.size(), kSeed, kStep, kNode, first),
            0);
  EXPECT_EQ(sg_fill_normal_f32(z.data(), z.size(), kSeed, kStep, kNode, first),
            0);
  for (uint64_t i = 0; i < u.size(); ++i) {
    float ue = sg_uniform_f32_at(kSeed, kStep, kNode, first + i);
    float ze = sg_normal_f32_at(kSeed, kStep, kNode, first + i);
    ASSERT_EQ(std::memcmp(&u[i], &ue, sizeof ue), 0) << "element " << i;
    ASSERT_EQ(std::memcmp(&z[i], &ze, sizeof ze), 0) << "element " << i;
  }
}

TEST(Samplers, FillEqualsPerElementF64) {
  const uint64_t first = 1000;
  std::vector<double> u(257), z(257);
  EXPECT_EQ(sg_fill_uniform_f64(u.data(), u.size(), kSeed, kStep, kNode, first),
            0);
  EXPECT_EQ(sg_fill_normal_f64(z.data(), z.size(), kSeed, kStep, kNode, first),
            0);
  for (uint64_t i = 0; i < u.size(); ++i) {
    double ue = sg_uniform_f64_at(kSeed, kStep, kNode, first + i);
    double ze = sg_normal_f64_at(kSeed, kStep, kNode, first + i);
    ASSERT_EQ(std::memcmp(&u[i], &ue, sizeof ue), 0) << "element " << i;
    ASSERT_EQ(std::memcmp(&z[i], &ze, sizeof ze), 0) << "element " << i;
  }
}

// Filling a tensor in uneven chunks must reproduce a single fill exactly.
TEST(Samplers, ChunkedFillEqualsWholeFill) {
  const uint64_t n = 1001, cut1 = 1, cut2 = 333;
  std::vector<float> whole(n), chunked(n);
  EXPECT_EQ(sg_fill_normal_f32(whole.data(), n, kSeed, kStep, kNode, 0), 0);
  EXPECT_EQ(sg_fill_normal_f32(chunked.data(), cut1, kSeed, kStep, kNode, 0),
            0);
  EXPECT_EQ(sg_fill_normal_f32(chunked.data() + cut1, cut2 - cut1, kSeed, kStep,
                               kNode, cut1),
            0);
  EXPECT_EQ(sg_fill_normal_f32(chunked.data() + cut2, n - cut2, kSeed, kStep,
                               kNode, cut2),
            0);
  EXPECT_TRUE(bitEqual(whole, chunked));

  std::vector<double> whole64(n), chunked64(n);
  EXPECT_EQ(sg_fill_normal_f64(whole64.data(), n, kSeed, kStep, kNode, 0), 0);
  EXPECT_EQ(sg_fill_normal_f64(chunked64.data(), cut2, kSeed, kStep, kNode, 0),
            0);
  EXPECT_EQ(sg_fill_normal_f64(chunked64.data() + cut2, n - cut2, kSeed, kStep,
                               kNode, cut2),
            0);
  EXPECT_TRUE(bitEqual(whole64, chunked64));
}

TEST(Samplers, SameKeyIsBitIdentical) {
  std::vector<double> a(1000), b(1000);
  EXPECT_EQ(sg_fill_normal_f64(a.data(), a.size(), kSeed, kStep, kNode, 0), 0);
  EXPECT_EQ(sg_fill_normal_f64(b.data(), b.size(), kSeed, kStep, kNode, 0), 0);
  EXPECT_TRUE(bitEqual(a, b));
}

// Each coordinate, including the high halves of the 64-bit ones, must
// change the stream. With 1000 uniforms a spurious match is impossible.
TEST(Samplers, EveryCoordinateChangesTheStream) {
  const uint64_t n = 1000;
  auto fill = [&](uint64_t seed, uint64_t step, uint32_t node, uint64_t first) {
    std::vector<double> v(n);
    EXPECT_EQ(sg_fill_uniform_f64(v.data(), n, seed, step, node, first), 0);
    return v;
  };
  const std::vector<double> base = fill(kSeed, kStep, kNode, 0);
  EXPECT_FALSE(bitEqual(base, fill(kSeed + 1, kStep, kNode, 0)));
  EXPECT_FALSE(bitEqual(base, fill(kSeed | 1ULL << 40, kStep, kNode, 0)));
  EXPECT_FALSE(bitEqual(base, fill(kSeed, kStep + 1, kNode, 0)));
  // The fills refuse steps >= 2^32; the per-element samplers keep the
  // mapping there, and its high half must count too.
  std::vector<double> highStep(n);
  for (uint64_t i = 0; i < n; ++i)
    highStep[i] = sg_uniform_f64_at(kSeed, kStep | 1ULL << 40, kNode, i);
  EXPECT_FALSE(bitEqual(base, highStep));
  EXPECT_FALSE(bitEqual(base, fill(kSeed, kStep, kNode + 1, 0)));
  EXPECT_FALSE(bitEqual(base, fill(kSeed, kStep, kNode, 1ULL << 40)));
  // Shifting the start by one element shifts the values, nothing more.
  const std::vector<double> shifted = fill(kSeed, kStep, kNode, 1);
  EXPECT_TRUE(std::equal(shifted.begin(), shifted.end() - 1, base.begin() + 1));
}

TEST(Samplers, UniformsStrictlyInsideUnitInterval) {
  std::vector<float> u32(kMillion);
  std::vector<double> u64(kMillion);
  EXPECT_EQ(sg_fill_uniform_f32(u32.data(), kMillion, kSeed, kStep, kNode, 0),
            0);
  EXPECT_EQ(sg_fill_uniform_f64(u64.data(), kMillion, kSeed, kStep, kNode, 0),
            0);
  for (uint64_t i = 0; i < kMillion; ++i) {
    ASSERT_TRUE(u32[i] > 0.0f && u32[i] < 1.0f) << i << ": " << u32[i];
    ASSERT_TRUE(u64[i] > 0.0 && u64[i] < 1.0) << i << ": " << u64[i];
  }
}

// Mean and variance of 1e6 standard normals. The sample mean has standard
// deviation 1e-3 and the sample variance about sqrt(2/n) = 1.414e-3; a 5-sigma
// bound fails a correct generator with probability ~5.7e-7 per check.
template <typename T> void checkMoments(const std::vector<T> &z) {
  const double n = static_cast<double>(z.size());
  double sum = 0, sumSq = 0;
  for (T x : z)
    sum += x;
  const double mean = sum / n;
  for (T x : z)
    sumSq += (x - mean) * (x - mean);
  const double var = sumSq / (n - 1);
  EXPECT_LT(std::fabs(mean), 5.0 / std::sqrt(n));
  EXPECT_LT(std::fabs(var - 1.0), 5.0 * std::sqrt(2.0 / n));
}

TEST(Samplers, NormalMomentsF32) {
  std::vector<float> z(kMillion);
  EXPECT_EQ(sg_fill_normal_f32(z.data(), z.size(), kSeed, kStep, kNode, 0), 0);
  checkMoments(z);
}

TEST(Samplers, NormalMomentsF64) {
  std::vector<double> z(kMillion);
  EXPECT_EQ(sg_fill_normal_f64(z.data(), z.size(), kSeed, kStep + 1, kNode, 0),
            0);
  checkMoments(z);
}

// Kolmogorov-Smirnov distance between the empirical CDF of n samples and
// `cdf`. For a correct sampler P(sqrt(n) D > x) <= 2 exp(-2 x^2), so the bound
// x = 2.69 used below fails with probability <= 1e-6.
template <typename T, typename Cdf>
double ksDistance(std::vector<T> samples, Cdf cdf) {
  std::sort(samples.begin(), samples.end());
  const double n = static_cast<double>(samples.size());
  double d = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const double f = cdf(static_cast<double>(samples[i]));
    d = std::max({d, (i + 1) / n - f, f - i / n});
  }
  return d;
}

constexpr double kKsBound = 2.69 / 1000.0; // for n = 1e6

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

TEST(Samplers, NormalDistributionKsF32) {
  std::vector<float> z(kMillion);
  EXPECT_EQ(sg_fill_normal_f32(z.data(), z.size(), kSeed + 1, kStep, kNode, 0),
            0);
  EXPECT_LT(ksDistance(z, normalCdf), kKsBound);
}

TEST(Samplers, NormalDistributionKsF64) {
  std::vector<double> z(kMillion);
  EXPECT_EQ(sg_fill_normal_f64(z.data(), z.size(), kSeed + 2, kStep, kNode, 0),
            0);
  EXPECT_LT(ksDistance(z, normalCdf), kKsBound);
}

TEST(Samplers, UniformDistributionKs) {
  std::vector<float> u(kMillion);
  EXPECT_EQ(sg_fill_uniform_f32(u.data(), u.size(), kSeed + 3, kStep, kNode, 0),
            0);
  EXPECT_LT(ksDistance(u, [](double x) { return x; }), kKsBound);
}

// Frequency of ones for p = 0.3 over 1e6 draws: standard deviation
// sqrt(0.3 * 0.7 / 1e6) = 4.58e-4; the 5-sigma bound fails with probability
// ~5.7e-7.
TEST(Samplers, BernoulliFrequency) {
  const double p = 0.3, sigma = std::sqrt(p * (1 - p) / kMillion);
  std::vector<float> p32(kMillion, static_cast<float>(p)), out32(kMillion);
  EXPECT_EQ(sg_fill_bernoulli_f32(out32.data(), p32.data(), kMillion, kSeed,
                                  kStep, kNode, 0),
            0);
  std::vector<double> p64(kMillion, p), out64(kMillion);
  EXPECT_EQ(sg_fill_bernoulli_f64(out64.data(), p64.data(), kMillion, kSeed,
                                  kStep + 1, kNode, 0),
            0);
  double ones32 = 0, ones64 = 0;
  for (uint64_t i = 0; i < kMillion; ++i) {
    ASSERT_TRUE(out32[i] == 0.0f || out32[i] == 1.0f);
    ASSERT_TRUE(out64[i] == 0.0 || out64[i] == 1.0);
    ones32 += out32[i];
    ones64 += out64[i];
  }
  EXPECT_LT(std::fabs(ones32 / kMillion - p), 5 * sigma);
  EXPECT_LT(std::fabs(ones64 / kMillion - p), 5 * sigma);
}

TEST(Samplers, BernoulliUsesUniformOfSameElement) {
  const uint64_t first = 42;
  std::vector<float> p{0.0f, 1.0f, 0.5f, 0.25f, 0.75f, 0.9f, 0.1f, 0.6f};
  std::vector<float> out(p.size());
  EXPECT_EQ(sg_fill_bernoulli_f32(out.data(), p.data(), p.size(), kSeed, kStep,
                                  kNode, first),
            0);
  for (size_t i = 0; i < p.size(); ++i) {
    float u = sg_uniform_f32_at(kSeed, kStep, kNode, first + i);
    EXPECT_EQ(out[i], u < p[i] ? 1.0f : 0.0f) << "element " << i;
  }
  EXPECT_EQ(out[0], 0.0f); // p = 0 never fires
  EXPECT_EQ(out[1], 1.0f); // p = 1 always fires
}

TEST(Samplers, BernoulliOutputMayAliasProbabilities) {
  std::vector<double> p(100, 0.5), expected(100);
  EXPECT_EQ(sg_fill_bernoulli_f64(expected.data(), p.data(), p.size(), kSeed,
                                  kStep, kNode, 0),
            0);
  EXPECT_EQ(sg_fill_bernoulli_f64(p.data(), p.data(), p.size(), kSeed, kStep,
                                  kNode, 0),
            0);
  EXPECT_TRUE(bitEqual(p, expected));
}

//===--- Bernoulli from logits ---===//

TEST(Samplers, BernoulliLogitsComparesWithTheDoubleSigmoid) {
  const uint64_t first = 7;
  std::vector<float> l{0.0f, 1.5f, -2.0f, 30.0f, -30.0f, 100.0f, -1000.0f,
                       0.25f};
  std::vector<float> out(l.size());
  ASSERT_EQ(sg_fill_bernoulli_logits_f32(out.data(), l.data(), l.size(), kSeed,
                                         kStep, kNode, first),
            0);
  for (size_t i = 0; i < l.size(); ++i) {
    double u = sg_uniform_f32_at(kSeed, kStep, kNode, first + i);
    double p = 1.0 / (1.0 + std::exp(-double(l[i])));
    EXPECT_EQ(out[i], u < p ? 1.0f : 0.0f) << "element " << i;
  }
  EXPECT_EQ(out[5], 1.0f); // σ(100) rounds to 1: always fires
  EXPECT_EQ(out[6], 0.0f); // exp(1000) overflows, σ = 0: never fires
  std::vector<double> l64(l.begin(), l.end()), out64(l.size());
  ASSERT_EQ(sg_fill_bernoulli_logits_f64(out64.data(), l64.data(), l64.size(),
                                         kSeed, kStep, kNode, first),
            0);
  for (size_t i = 0; i < l64.size(); ++i) {
    double u = sg_uniform_f64_at(kSeed, kStep, kNode, first + i);
    EXPECT_EQ(out64[i], u < 1.0 / (1.0 + std::exp(-l64[i])) ? 1.0 : 0.0);
  }
}

// Frequency of ones for l = 0.7 (p = σ(0.7) = 0.668) over 1e6 draws:
// standard deviation sqrt(p(1 − p)/1e6) = 4.7e-4; each 5-sigma bound fails a
// correct sampler with probability ~5.7e-7.
TEST(Samplers, BernoulliLogitsFrequency) {
  const double l = 0.7, p = 1 / (1 + std::exp(-l)),
               sigma = std::sqrt(p * (1 - p) / kMillion);
  std::vector<float> l32(kMillion, static_cast<float>(l)), out32(kMillion);
  ASSERT_EQ(sg_fill_bernoulli_logits_f32(out32.data(), l32.data(), kMillion,
                                         kSeed, kStep, kNode, 0),
            0);
  std::vector<double> l64(kMillion, l), out64(kMillion);
  ASSERT_EQ(sg_fill_bernoulli_logits_f64(out64.data(), l64.data(), kMillion,
                                         kSeed, kStep + 1, kNode, 0),
            0);
  double ones32 = 0, ones64 = 0;
  for (uint64_t i = 0; i < kMillion; ++i) {
    ASSERT_TRUE(out32[i] == 0.0f || out32[i] == 1.0f);
    ASSERT_TRUE(out64[i] == 0.0 || out64[i] == 1.0);
    ones32 += out32[i];
    ones64 += out64[i];
  }
  const double p32 = 1 / (1 + std::exp(-double(static_cast<float>(l))));
  EXPECT_LT(std::fabs(ones32 / kMillion - p32), 5 * sigma);
  EXPECT_LT(std::fabs(ones64 / kMillion - p), 5 * sigma);
}

TEST(Samplers, BernoulliLogitsChecksArguments) {
  float out[4], l[4] = {0, 0, 0, 0};
  EXPECT_EQ(sg_fill_bernoulli_logits_f32(out, nullptr, 4, kSeed, kStep, kNode,
                                         0),
            SG_ERR_NULL);
  EXPECT_NE(std::string(sg_last_error()).find("logits is a null pointer"), std::string::npos)
      << sg_last_error();
  EXPECT_EQ(sg_fill_bernoulli_logits_f32(out, l, 4, kSeed, SG_STEP_LIMIT, kNode,
                                         0),
            SG_ERR_KEY);
}

//===--- Categorical (Gumbel-max) ---===//

// The class of a row recomputed here from the documented definition.
uint64_t gumbelMax(const std::vector<double> &l, uint64_t row, uint64_t step) {
  double best = -INFINITY;
  uint64_t arg = 0;
  for (uint64_t k = 0; k < l.size(); ++k) {
    uint32_t w[4];
    sg_sampler_block(kSeed, step, kNode, row * l.size() + k, w);
    double key = l[k] - std::log(-std::log(sg_u01_f64(w[0], w[1])));
    if (key > best) {
      best = key;
      arg = k;
    }
  }
  return arg;
}

TEST(Samplers, CategoricalIsOneHotGumbelMax) {
  const uint64_t rows = 300, classes = 5, first = 11;
  std::vector<double> row{0.3, -1.2, 2.0, 0.0, -40.0};
  std::vector<double> logits64;
  for (uint64_t r = 0; r < rows; ++r)
    logits64.insert(logits64.end(), row.begin(), row.end());
  std::vector<float> logits32(logits64.begin(), logits64.end());
  std::vector<double> out64(rows * classes);
  std::vector<float> out32(rows * classes);
  ASSERT_EQ(sg_fill_categorical_f64(out64.data(), logits64.data(), rows,
                                    classes, kSeed, kStep, kNode, first),
            0);
  ASSERT_EQ(sg_fill_categorical_f32(out32.data(), logits32.data(), rows,
                                    classes, kSeed, kStep, kNode, first),
            0);
  for (uint64_t r = 0; r < rows; ++r) {
    uint64_t k = gumbelMax(row, first + r, kStep);
    EXPECT_EQ(sg_categorical_f64_at(row.data(), classes, kSeed, kStep, kNode,
                                    first + r),
              k);
    for (uint64_t j = 0; j < classes; ++j) {
      ASSERT_EQ(out64[r * classes + j], j == k ? 1.0 : 0.0) << r << "," << j;
      // The f32 logits are the same numbers (all exact in float).
      ASSERT_EQ(out32[r * classes + j], j == k ? 1.0f : 0.0f) << r << "," << j;
    }
  }
}

TEST(Samplers, CategoricalChunkedFillEqualsWholeFill) {
  const uint64_t rows = 101, classes = 3, cut = 37;
  std::vector<double> l(rows * classes);
  for (size_t i = 0; i < l.size(); ++i)
    l[i] = std::sin(double(i));
  std::vector<double> whole(l.size()), chunked(l.size());
  ASSERT_EQ(sg_fill_categorical_f64(whole.data(), l.data(), rows, classes,
                                    kSeed, kStep, kNode, 0),
            0);
  ASSERT_EQ(sg_fill_categorical_f64(chunked.data(), l.data(), cut, classes,
                                    kSeed, kStep, kNode, 0),
            0);
  ASSERT_EQ(sg_fill_categorical_f64(chunked.data() + cut * classes,
                                    l.data() + cut * classes, rows - cut,
                                    classes, kSeed, kStep, kNode, cut),
            0);
  EXPECT_TRUE(bitEqual(whole, chunked));
}

// Class frequencies over 1e6 rows of logits (0.5, −1, 2, 0): each frequency
// has standard deviation sqrt(p(1 − p)/1e6) ≤ 5e-4; with 4 classes and 2
// precisions, 8 checks at 5 sigma fail a correct sampler with probability
// below 8 · 5.7e-7 = 4.6e-6.
TEST(Samplers, CategoricalFrequencies) {
  const uint64_t rows = kMillion, classes = 4;
  const double l[4] = {0.5, -1.0, 2.0, 0.0};
  double z = 0;
  for (double v : l)
    z += std::exp(v);
  std::vector<double> l64(rows * classes);
  for (uint64_t i = 0; i < l64.size(); ++i)
    l64[i] = l[i % classes];
  std::vector<float> l32(l64.begin(), l64.end());
  std::vector<double> out64(l64.size());
  std::vector<float> out32(l64.size());
  ASSERT_EQ(sg_fill_categorical_f64(out64.data(), l64.data(), rows, classes,
                                    kSeed, kStep, kNode, 0),
            0);
  ASSERT_EQ(sg_fill_categorical_f32(out32.data(), l32.data(), rows, classes,
                                    kSeed + 1, kStep, kNode, 0),
            0);
  for (uint64_t k = 0; k < classes; ++k) {
    double p = std::exp(l[k]) / z, sigma = std::sqrt(p * (1 - p) / rows);
    double n64 = 0, n32 = 0;
    for (uint64_t r = 0; r < rows; ++r) {
      n64 += out64[r * classes + k];
      n32 += out32[r * classes + k];
    }
    EXPECT_LT(std::fabs(n64 / rows - p), 5 * sigma) << "class " << k;
    EXPECT_LT(std::fabs(n32 / rows - p), 5 * sigma) << "class " << k;
  }
}

TEST(Samplers, CategoricalEdgeCases) {
  // One class: always class 0. Masked (−inf) classes are never drawn; a row
  // of −inf (or NaN) logits gives class 0.
  double one = 3.0;
  for (uint64_t r = 0; r < 100; ++r)
    EXPECT_EQ(sg_categorical_f64_at(&one, 1, kSeed, kStep, kNode, r), 0u);
  double masked[3] = {-INFINITY, 0.0, -INFINITY};
  for (uint64_t r = 0; r < 100; ++r)
    EXPECT_EQ(sg_categorical_f64_at(masked, 3, kSeed, kStep, kNode, r), 1u);
  double none[2] = {-INFINITY, -INFINITY};
  EXPECT_EQ(sg_categorical_f64_at(none, 2, kSeed, kStep, kNode, 0), 0u);
  double nan[2] = {NAN, NAN};
  EXPECT_EQ(sg_categorical_f64_at(nan, 2, kSeed, kStep, kNode, 0), 0u);
}

TEST(Samplers, CategoricalChecksArguments) {
  double out[6], l[6] = {0, 0, 0, 0, 0, 0};
  EXPECT_EQ(
      sg_fill_categorical_f64(out, nullptr, 2, 3, kSeed, kStep, kNode, 0),
      SG_ERR_NULL);
  EXPECT_EQ(sg_fill_categorical_f64(out, l, 2, 0, kSeed, kStep, kNode, 0),
            SG_ERR_SIZE);
  EXPECT_EQ(sg_fill_categorical_f64(out, l, UINT64_MAX / 2, 3, kSeed, kStep,
                                    kNode, 0),
            SG_ERR_SIZE);
  EXPECT_EQ(sg_fill_categorical_f64(out, l, 2, 3, kSeed, SG_STEP_LIMIT, kNode,
                                    0),
            SG_ERR_KEY);
  EXPECT_EQ(sg_fill_categorical_f64(out, l, 0, 3, kSeed, kStep, kNode, 0),
            SG_OK);
}

} // namespace
