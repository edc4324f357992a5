//===- OpsTest.cpp - compiled ops against independent references ----------===//
//
// ops_f32.so / ops_f64.so are compiled by sgc from ops.mlir.in at build time
// and linked into this program like any application would. Each op's output
// is compared with f64 reference code written here from the op's
// definition; samples are compared bit for bit with the runtime's samplers.
//
//===----------------------------------------------------------------------===//

#include "ops_f32.h"
#include "ops_f64.h"
#include "sg_runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {

template <typename T> struct Tol;
// f32: a few ulps of libm's float functions plus float rounding of sums.
template <> struct Tol<float> {
  static constexpr double rel = 2e-6, abs = 2e-6;
};
template <> struct Tol<double> {
  static constexpr double rel = 1e-13, abs = 1e-13;
};

template <typename T>
void expectNear(const std::vector<T> &got, const std::vector<double> &want,
                const char *what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    double tol = Tol<T>::abs + Tol<T>::rel * std::fabs(want[i]);
    EXPECT_NEAR(static_cast<double>(got[i]), want[i], tol)
        << what << " element " << i;
  }
}

template <typename T>
std::vector<T> uniform(size_t n, double lo, double hi, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<T> v(n);
  for (T &x : v)
    x = static_cast<T>(dist(gen));
  return v;
}

template <typename T, typename F>
std::vector<double> mapRef(const std::vector<T> &a, F f) {
  std::vector<double> r(a.size());
  for (size_t i = 0; i < a.size(); ++i)
    r[i] = f(static_cast<double>(a[i]));
  return r;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

template <typename T>
using ElementwiseFn = int (*)(const T *, const T *, const T *, T *, T *, T *,
                              T *, T *, T *, T *, T *, T *, T *, T *, T *, T *,
                              T *, T *, T *, T *, T *, uint64_t, uint64_t, T *);

template <typename T> void checkElementwise(ElementwiseFn<T> fn) {
  const size_t n = 15, rows = 3, cols = 5;
  auto x = uniform<T>(n, 0.1, 2.0, 1), y = uniform<T>(n, 0.5, 2.0, 2),
       s = uniform<T>(n, -3.0, 3.0, 3);
  std::vector<std::vector<T>> out(18, std::vector<T>(n));
  T loss = -1;
  ASSERT_EQ(fn(x.data(), y.data(), s.data(), out[0].data(), out[1].data(),
               out[2].data(), out[3].data(), out[4].data(), out[5].data(),
               out[6].data(), out[7].data(), out[8].data(), out[9].data(),
               out[10].data(), out[11].data(), out[12].data(), out[13].data(),
               out[14].data(), out[15].data(), out[16].data(), out[17].data(),
               1, 0, &loss),
            0);
  EXPECT_EQ(loss, T(0)) << "a graph without costs has loss 0";

  expectNear(out[0], mapRef(s, [](double v) { return -v; }), "neg");
  expectNear(out[1], mapRef(s, [](double v) { return std::exp(v); }), "exp");
  expectNear(out[2], mapRef(x, [](double v) { return std::log(v); }), "log");
  expectNear(out[3], mapRef(x, [](double v) { return std::sqrt(v); }), "sqrt");
  expectNear(out[4], mapRef(s, [](double v) { return 1 / (1 + std::exp(-v)); }),
             "sigmoid");
  expectNear(out[5],
             mapRef(s, [](double v) { return std::log1p(std::exp(v)); }),
             "softplus");
  expectNear(out[6], mapRef(s, [](double v) { return std::tanh(v); }), "tanh");
  expectNear(out[7], mapRef(s, [](double v) { return v > 0 ? v : 0.0; }),
             "relu");
  expectNear(out[8], mapRef(s, [](double v) { return v > 0 ? 1.0 : 0.0; }),
             "heaviside");
  std::vector<double> sm(n), lsm(n);
  for (size_t r = 0; r < rows; ++r) {
    double z = 0;
    for (size_t c = 0; c < cols; ++c)
      z += std::exp(double(s[r * cols + c]));
    for (size_t c = 0; c < cols; ++c) {
      sm[r * cols + c] = std::exp(double(s[r * cols + c])) / z;
      lsm[r * cols + c] = double(s[r * cols + c]) - std::log(z);
    }
  }
  expectNear(out[9], sm, "softmax");
  expectNear(out[10], lsm, "log_softmax");
  expectNear(out[11], mapRef(s, [](double v) { return 2.5 * v; }), "scale");
  std::vector<double> add(n), sub(n), mul(n), div(n), fma(n), cmul(n);
  for (size_t i = 0; i < n; ++i) {
    add[i] = double(x[i]) + double(s[i]);
    sub[i] = double(x[i]) - double(s[i]);
    mul[i] = double(x[i]) * double(s[i]);
    div[i] = double(s[i]) / double(y[i]);
    fma[i] = double(x[i]) * double(y[i]) + double(s[i]);
    cmul[i] = double(i + 1) * double(s[i]);
  }
  expectNear(out[12], add, "add");
  expectNear(out[13], sub, "sub");
  expectNear(out[14], mul, "mul");
  expectNear(out[15], div, "div");
  expectNear(out[16], fma, "mul_add");
  expectNear(out[17], cmul, "constant");
}

TEST(CompiledOps, ElementwiseF32) {
  checkElementwise<float>(elementwise_f32_forward);
}
TEST(CompiledOps, ElementwiseF64) {
  checkElementwise<double>(elementwise_f64_forward);
}

// Softplus and sigmoid must not overflow for large |x|.
TEST(CompiledOps, StableAtExtremes) {
  std::vector<float> x(15, 1.0f), y(15, 1.0f), s(15, 0.0f);
  s[0] = 100.0f;
  s[1] = -100.0f;
  s[2] = 88.0f;
  std::vector<std::vector<float>> out(18, std::vector<float>(15));
  float loss;
  elementwise_f32_forward(
      x.data(), y.data(), s.data(), out[0].data(), out[1].data(), out[2].data(),
      out[3].data(), out[4].data(), out[5].data(), out[6].data(), out[7].data(),
      out[8].data(), out[9].data(), out[10].data(), out[11].data(),
      out[12].data(), out[13].data(), out[14].data(), out[15].data(),
      out[16].data(), out[17].data(), 1, 0, &loss);
  EXPECT_FLOAT_EQ(out[5][0], 100.0f); // softplus(100)
  EXPECT_GE(out[5][1], 0.0f);         // softplus(-100) = 3.7e-44
  EXPECT_LT(out[5][1], 1e-40f);
  EXPECT_FLOAT_EQ(out[4][0], 1.0f); // sigmoid(100)
  EXPECT_EQ(out[4][1], 0.0f);       // sigmoid(-100) underflows to 0
  EXPECT_TRUE(std::isfinite(out[9][0])) << "softmax of a row with 100";
  EXPECT_TRUE(std::isfinite(out[10][2])) << "log_softmax of a row with 88";
}

/// Softplus on 16,381 points evenly spaced over [-40, 40] (every regime:
/// log1p(exp(x)) ~ exp(x) below, x above, the polynomial's whole range
/// [0, 1] of exp(-|x|) in between) and on -inf, +inf and NaN: the largest
/// relative error against f64 must stay below `maxRel`.
template <typename T>
void checkSoftplusSweep(int (*fn)(const T *, T *, uint64_t, uint64_t, T *),
                        double maxRel) {
  const size_t n = 16384, finite = n - 3;
  std::vector<T> x(n), y(n);
  for (size_t i = 0; i < finite; ++i)
    x[i] = T(-40.0 + 80.0 * double(i) / double(finite - 1));
  x[finite] = -INFINITY;
  x[finite + 1] = INFINITY;
  x[finite + 2] = NAN;
  T loss;
  ASSERT_EQ(fn(x.data(), y.data(), 1, 0, &loss), 0);
  double worst = 0, at = 0;
  for (size_t i = 0; i < finite; ++i) {
    double v = x[i];
    double ref = v > 0 ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v));
    double rel = std::fabs(double(y[i]) - ref) / ref;
    if (!(rel <= worst)) // NaN counts as the worst
      worst = rel, at = v;
  }
  EXPECT_LE(worst, maxRel) << "at x = " << at;
  EXPECT_EQ(y[finite], T(0)) << "softplus(-inf)";
  EXPECT_EQ(y[finite + 1], T(INFINITY)) << "softplus(+inf)";
  EXPECT_TRUE(std::isnan(y[finite + 2])) << "softplus(NaN)";
}

// f32: within 2^-22 relative (2 ulp at the worst mantissa). Measured: 1.12e-7
// with the polynomial (at x = -15.9); MLIR's general log1p approximation,
// used before, reached 1.7e-7 over [-20, 20].
TEST(CompiledOps, SoftplusF32SweepIsAccurate) {
  checkSoftplusSweep<float>(softplus_sweep_f32_forward, std::ldexp(1.0, -22));
}
// f64: libm's log1p and exp, in the reference's own formula (exact so far;
// a few ulp allowed).
TEST(CompiledOps, SoftplusF64SweepIsAccurate) {
  checkSoftplusSweep<double>(softplus_sweep_f64_forward, 1e-15);
}

//===----------------------------------------------------------------------===//
// Shapes: matmul (all transposes), bias_add, transpose, reductions, broadcast
//===----------------------------------------------------------------------===//

template <typename T>
using ShapesFn = int (*)(const T *, const T *, const T *, const T *, const T *,
                         const T *, T *, T *, T *, T *, T *, T *, T *, T *, T *,
                         T *, T *, uint64_t, uint64_t, T *);

template <typename T> void checkShapes(ShapesFn<T> fn) {
  auto a = uniform<T>(12, -1, 1, 4), b = uniform<T>(15, -1, 1, 5),
       bias = uniform<T>(5, -1, 1, 6), v = uniform<T>(4, -1, 1, 7);
  std::vector<T> at(12), bt(15);
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 3; ++k)
      at[k * 4 + i] = a[i * 3 + k];
  for (int k = 0; k < 3; ++k)
    for (int j = 0; j < 5; ++j)
      bt[j * 3 + k] = b[k * 5 + j];
  std::vector<T> mm0(20), mm1(20), mm2(20), mm3(20), ba(20), tr(20), r0(5),
      r1(4), sum(1), bc(20), fill(6);
  T loss = -1;
  ASSERT_EQ(fn(a.data(), b.data(), at.data(), bt.data(), bias.data(), v.data(),
               mm0.data(), mm1.data(), mm2.data(), mm3.data(), ba.data(),
               tr.data(), r0.data(), r1.data(), sum.data(), bc.data(),
               fill.data(), 3, 4, &loss),
            0);

  std::vector<double> mm(20), bref(20), trref(20), r0ref(5, 0), r1ref(4, 0),
      bcref(20);
  double total = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) {
      double acc = 0;
      for (int k = 0; k < 3; ++k)
        acc += double(a[i * 3 + k]) * double(b[k * 5 + j]);
      mm[i * 5 + j] = acc;
      bref[i * 5 + j] = acc + double(bias[j]);
      trref[j * 4 + i] = bref[i * 5 + j];
      r0ref[j] += bref[i * 5 + j];
      r1ref[i] += bref[i * 5 + j];
      bcref[i * 5 + j] = double(v[i]);
      total += bref[i * 5 + j];
    }
  expectNear(mm0, mm, "matmul");
  expectNear(mm1, mm, "matmul transpose_lhs");
  expectNear(mm2, mm, "matmul transpose_rhs");
  expectNear(mm3, mm, "matmul transpose_lhs transpose_rhs");
  expectNear(ba, bref, "bias_add");
  expectNear(tr, trref, "transpose");
  expectNear(r0, r0ref, "reduce_sum [0]");
  expectNear(r1, r1ref, "reduce_sum [1]");
  expectNear(sum, {total}, "sum");
  expectNear(bc, bcref, "broadcast [0]");
  expectNear(fill, std::vector<double>(6, total), "broadcast []");
}

TEST(CompiledOps, ShapesF32) { checkShapes<float>(shapes_f32_forward); }
TEST(CompiledOps, ShapesF64) { checkShapes<double>(shapes_f64_forward); }

//===----------------------------------------------------------------------===//
// Shape ops: reshape, slice, concat, mean
//===----------------------------------------------------------------------===//

template <typename T>
using ShapeOpsFn = int (*)(const T *, const T *, T *, T *, T *, T *, T *, T *,
                           uint64_t, uint64_t, T *);

template <typename T> void checkShapeOps(ShapeOpsFn<T> fn) {
  auto a = uniform<T>(20, -1, 1, 8), b = uniform<T>(12, -1, 1, 9);
  std::vector<T> reshaped(20), sliced(6), cat1(32), cat0(40), mean0(5),
      meanAll(1);
  T loss = -1;
  ASSERT_EQ(fn(a.data(), b.data(), reshaped.data(), sliced.data(), cat1.data(),
               cat0.data(), mean0.data(), meanAll.data(), 0, 0, &loss),
            0);
  // Row-major: a reshape keeps the element order.
  std::vector<double> flat(a.begin(), a.end());
  std::vector<double> sliceRef, cat1Ref, cat0Ref(flat), mean0Ref(5, 0);
  double total = 0;
  for (int i = 1; i < 3; ++i)
    for (int j = 2; j < 5; ++j)
      sliceRef.push_back(a[i * 5 + j]);
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 5; ++j)
      cat1Ref.push_back(a[i * 5 + j]);
    for (int j = 0; j < 3; ++j)
      cat1Ref.push_back(b[i * 3 + j]);
  }
  cat0Ref.insert(cat0Ref.end(), flat.begin(), flat.end());
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) {
      mean0Ref[j] += flat[i * 5 + j] / 4;
      total += flat[i * 5 + j];
    }
  expectNear(reshaped, flat, "reshape");
  expectNear(sliced, sliceRef, "slice [1, 2]");
  expectNear(cat1, cat1Ref, "concat axis 1");
  expectNear(cat0, cat0Ref, "concat axis 0");
  expectNear(mean0, mean0Ref, "mean [0]");
  expectNear(meanAll, {total / 20}, "mean [0, 1] reshaped to 1x1");
}

TEST(CompiledOps, ShapeOpsF32) { checkShapeOps<float>(shape_ops_f32_forward); }
TEST(CompiledOps, ShapeOpsF64) { checkShapeOps<double>(shape_ops_f64_forward); }

//===----------------------------------------------------------------------===//
// Losses and divergences
//===----------------------------------------------------------------------===//

template <typename T>
using LossesFn = int (*)(const T *, const T *, const T *, const T *, const T *,
                         const T *, T *, T *, T *, T *, T *, uint64_t, uint64_t,
                         T *);

template <typename T> void checkLosses(LossesFn<T> fn) {
  const size_t n = 12;
  auto mu = uniform<T>(n, -1, 1, 8), sigma = uniform<T>(n, 0.3, 2, 9),
       z = uniform<T>(n, -2, 2, 10), p = uniform<T>(n, 0.05, 0.95, 11),
       x = uniform<T>(n, 0, 1, 12), l = uniform<T>(n, -2, 2, 13);
  T kl, ekl, lp, nll, ce, loss;
  ASSERT_EQ(fn(mu.data(), sigma.data(), z.data(), p.data(), x.data(), l.data(),
               &kl, &ekl, &lp, &nll, &ce, 5, 6, &loss),
            0);
  const double halfLog2Pi = 0.5 * std::log(2 * M_PI);
  double rkl = 0, rekl = 0, rlp = 0, rnll = 0, rce = 0;
  for (size_t i = 0; i < n; ++i) {
    double m = mu[i], s = sigma[i], zz = z[i], pp = p[i], xx = x[i];
    rkl += -0.5 * (1 + std::log(s * s) - m * m - s * s);
    double lq =
        -0.5 * ((zz - m) / s) * ((zz - m) / s) - std::log(s) - halfLog2Pi;
    double l0 = -0.5 * zz * zz - halfLog2Pi;
    rekl += lq - l0;
    rlp += lq;
    rnll += -(xx * std::log(pp) + (1 - xx) * std::log(1 - pp));
  }
  for (size_t r = 0; r < 6; ++r) {
    double l0 = l[2 * r], l1 = l[2 * r + 1];
    double lse = std::log(std::exp(l0) + std::exp(l1));
    rce += double(x[2 * r]) * (lse - l0) + double(x[2 * r + 1]) * (lse - l1);
  }
  expectNear(std::vector<T>{kl}, {rkl}, "mvn_kl");
  expectNear(std::vector<T>{ekl}, {rekl}, "mvn_empirical_kl");
  expectNear(std::vector<T>{lp}, {rlp}, "normal_logpdf");
  expectNear(std::vector<T>{nll}, {rnll}, "bernoulli_neglogpdf");
  expectNear(std::vector<T>{ce}, {rce}, "softmax_cross_entropy");
  expectNear(std::vector<T>{loss}, {rkl + rnll}, "loss = sum of the costs");
}

TEST(CompiledOps, LossesF32) { checkLosses<float>(losses_f32_forward); }
TEST(CompiledOps, LossesF64) { checkLosses<double>(losses_f64_forward); }

// p rounding to exactly 0 or 1: each log is clamped at -100 (as PyTorch's
// BCELoss), giving a large finite cost instead of inf or NaN.
TEST(CompiledOps, BernoulliNegLogPdfClampsLogs) {
  std::vector<float> mu(12, 0), sigma(12, 1), z(12, 0), p(12, 0.5f),
      x(12, 0.5f), l(12, 0);
  p[0] = 1.0f;
  p[1] = 0.0f;
  float kl, ekl, lp, nll, ce, loss;
  losses_f32_forward(mu.data(), sigma.data(), z.data(), p.data(), x.data(),
                     l.data(), &kl, &ekl, &lp, &nll, &ce, 0, 0, &loss);
  double expected = 2 * (0.5 * 100 + 0.5 * 0) + 10 * std::log(2.0);
  EXPECT_TRUE(std::isfinite(nll));
  EXPECT_NEAR(nll, expected, 1e-3);
}

//===----------------------------------------------------------------------===//
// Samples: bit-identical to the runtime's samplers for the same key
//===----------------------------------------------------------------------===//

template <typename T>
using SamplesFn = int (*)(const T *, const T *, const T *, T *, T *, T *,
                          uint64_t, uint64_t, T *);

template <typename T> struct Sampler;
template <> struct Sampler<float> {
  static float normal(uint64_t s, uint64_t t, uint32_t n, uint64_t e) {
    return sg_normal_f32_at(s, t, n, e);
  }
  static float uniform(uint64_t s, uint64_t t, uint32_t n, uint64_t e) {
    return sg_uniform_f32_at(s, t, n, e);
  }
};
template <> struct Sampler<double> {
  static double normal(uint64_t s, uint64_t t, uint32_t n, uint64_t e) {
    return sg_normal_f64_at(s, t, n, e);
  }
  static double uniform(uint64_t s, uint64_t t, uint32_t n, uint64_t e) {
    return sg_uniform_f64_at(s, t, n, e);
  }
};

template <typename T> void checkSamples(SamplesFn<T> fn) {
  const size_t n = 2000;
  auto mu = uniform<T>(n, -1, 1, 14), sigma = uniform<T>(n, 0.5, 2, 15),
       p = uniform<T>(n, 0, 1, 16);
  std::vector<T> z(n), e(n), b(n);
  T loss;
  // The largest steps compiled functions accept (below 2^32: see
  // ABICheckTest.cpp), with every bit of the low half in use.
  const uint64_t seed = 0x0123456789abcdefULL, step = 0xfffffff7ULL;
  ASSERT_EQ(fn(mu.data(), sigma.data(), p.data(), z.data(), e.data(), b.data(),
               seed, step, &loss),
            0);
  // Node ids: z was given 0, e 7; --sg-number-samples gave b the first free
  // id, 1.
  for (size_t i = 0; i < n; ++i) {
    T eps = Sampler<T>::normal(seed, step, 0, i);
    T scaled = sigma[i] * eps;
    T expected = mu[i] + scaled;
    ASSERT_EQ(z[i], expected) << "normal element " << i;
    ASSERT_EQ(e[i], Sampler<T>::normal(seed, step, 7, i))
        << "std_normal element " << i;
    T u = Sampler<T>::uniform(seed, step, 1, i);
    ASSERT_EQ(b[i], u < p[i] ? T(1) : T(0)) << "bernoulli element " << i;
  }
  // Same key: bit-identical; another seed or step: different.
  std::vector<T> z2(n), e2(n), b2(n);
  ASSERT_EQ(fn(mu.data(), sigma.data(), p.data(), z2.data(), e2.data(),
               b2.data(), seed, step, &loss),
            0);
  EXPECT_EQ(0, std::memcmp(z.data(), z2.data(), n * sizeof(T)));
  EXPECT_EQ(0, std::memcmp(b.data(), b2.data(), n * sizeof(T)));
  ASSERT_EQ(fn(mu.data(), sigma.data(), p.data(), z2.data(), e2.data(),
               b2.data(), seed + 1, step, &loss),
            0);
  EXPECT_NE(0, std::memcmp(z.data(), z2.data(), n * sizeof(T)));
  EXPECT_NE(0, std::memcmp(e.data(), e2.data(), n * sizeof(T)));
  ASSERT_EQ(fn(mu.data(), sigma.data(), p.data(), z2.data(), e2.data(),
               b2.data(), seed, step + 1, &loss),
            0);
  EXPECT_NE(0, std::memcmp(z.data(), z2.data(), n * sizeof(T)));
  EXPECT_NE(0, std::memcmp(b.data(), b2.data(), n * sizeof(T)));
}

TEST(CompiledOps, SamplesMatchRuntimeF32) {
  checkSamples<float>(samples_f32_forward);
}
TEST(CompiledOps, SamplesMatchRuntimeF64) {
  checkSamples<double>(samples_f64_forward);
}

//===----------------------------------------------------------------------===//
// Discrete samples from logits: bit-identical to the runtime's samplers
//===----------------------------------------------------------------------===//

template <typename T>
using DiscreteFn = int (*)(const T *, const T *, T *, T *, T *, uint64_t,
                           uint64_t, T *);
template <typename T>
using Categorical1Fn = int (*)(const T *, T *, uint64_t, uint64_t, T *);

template <typename T> struct DiscreteSampler;
template <> struct DiscreteSampler<float> {
  static int bernoulli(float *o, const float *l, uint64_t n, uint64_t s,
                       uint64_t t, uint32_t node) {
    return sg_fill_bernoulli_logits_f32(o, l, n, s, t, node, 0);
  }
  static int categorical(float *o, const float *l, uint64_t rows, uint64_t k,
                         uint64_t s, uint64_t t, uint32_t node) {
    return sg_fill_categorical_f32(o, l, rows, k, s, t, node, 0);
  }
};
template <> struct DiscreteSampler<double> {
  static int bernoulli(double *o, const double *l, uint64_t n, uint64_t s,
                       uint64_t t, uint32_t node) {
    return sg_fill_bernoulli_logits_f64(o, l, n, s, t, node, 0);
  }
  static int categorical(double *o, const double *l, uint64_t rows, uint64_t k,
                         uint64_t s, uint64_t t, uint32_t node) {
    return sg_fill_categorical_f64(o, l, rows, k, s, t, node, 0);
  }
};

template <typename T>
void checkDiscrete(DiscreteFn<T> fn, Categorical1Fn<T> one) {
  const size_t rows = 300, classes = 7, n = rows * classes;
  // Logits from −40 to 40 (saturated sigmoids included), the pixel-like
  // targets in [0, 1].
  auto l = uniform<T>(n, -4, 4, 21), x = uniform<T>(n, 0, 1, 22);
  for (size_t i = 0; i < n; i += 13)
    l[i] = static_cast<T>(i % 2 ? 40 : -40);
  std::vector<T> b(n), y(n), rb(n), ry(n);
  T nll, loss;
  const uint64_t seed = 0x0123456789abcdefULL, step = 0xfffffff7ULL;
  ASSERT_EQ(fn(l.data(), x.data(), b.data(), y.data(), &nll, seed, step, &loss),
            0);
  ASSERT_EQ(DiscreteSampler<T>::bernoulli(rb.data(), l.data(), n, seed, step,
                                          5),
            0);
  ASSERT_EQ(DiscreteSampler<T>::categorical(ry.data(), l.data(), rows, classes,
                                            seed, step, 9),
            0);
  EXPECT_EQ(0, std::memcmp(b.data(), rb.data(), n * sizeof(T)));
  EXPECT_EQ(0, std::memcmp(y.data(), ry.data(), n * sizeof(T)));
  for (size_t r = 0; r < rows; ++r) {
    T ones = 0;
    for (size_t k = 0; k < classes; ++k)
      ones += y[r * classes + k];
    ASSERT_EQ(ones, T(1)) << "row " << r << " is not one-hot";
  }
  // Σ softplus(l) − x l, in f64 from the definition.
  double ref = 0;
  for (size_t i = 0; i < n; ++i) {
    double li = l[i];
    ref += std::log1p(std::exp(-std::fabs(li))) + std::max(li, 0.0) -
           double(x[i]) * li;
  }
  expectNear(std::vector<T>{nll}, {ref}, "bernoulli_logits_neglogpdf");

  // Rank 1: one row.
  std::vector<T> l1{T(0.1), T(-2), T(1.5), T(0), T(0.7)}, y1(5), r1(5);
  for (uint64_t s = 0; s < 50; ++s) {
    ASSERT_EQ(one(l1.data(), y1.data(), seed, s, &loss), 0);
    ASSERT_EQ(DiscreteSampler<T>::categorical(r1.data(), l1.data(), 1, 5, seed,
                                              s, 2),
              0);
    ASSERT_EQ(0, std::memcmp(y1.data(), r1.data(), 5 * sizeof(T))) << s;
  }
}

TEST(CompiledOps, DiscreteSamplesMatchRuntimeF32) {
  checkDiscrete<float>(discrete_f32_forward, categorical1_f32_forward);
}
TEST(CompiledOps, DiscreteSamplesMatchRuntimeF64) {
  checkDiscrete<double>(discrete_f64_forward, categorical1_f64_forward);
}

// The NLL from logits stays finite and exact where σ(l) rounds to 0 or 1:
// l = ±200 with the "wrong" target costs 200 each, where the probability
// form clamps its log at −100.
TEST(CompiledOps, BernoulliLogitsNegLogPdfIsExactWhenSaturated) {
  std::vector<float> l(2100, 0.0f), x(2100, 0.0f), b(2100), y(2100);
  l[0] = 200.0f;  // x = 0: cost softplus(200) = 200
  l[1] = -200.0f; // x = 1 below: cost softplus(−200) + 200 = 200
  x[1] = 1.0f;
  float nll, loss;
  ASSERT_EQ(discrete_f32_forward(l.data(), x.data(), b.data(), y.data(), &nll,
                                 1, 0, &loss),
            0);
  double expected = 400 + 2098 * std::log(2.0);
  EXPECT_TRUE(std::isfinite(nll));
  // A sequential f32 sum of 2100 terms: rounding up to ~1e-5 relative; a
  // clamp at −100 would be off by 200.
  EXPECT_NEAR(nll, expected, 1e-4 * expected);
}

// The header's descriptor table describes the arguments.
TEST(CompiledOps, HeaderDescribesTensors) {
  ASSERT_EQ(LOSSES_F32_NUM_ARGS, 6);
  EXPECT_STREQ(losses_f32_args[0].name, "mu");
  EXPECT_EQ(losses_f32_args[0].role, SGC_PARAM);
  EXPECT_EQ(losses_f32_args[2].role, SGC_INPUT);
  EXPECT_EQ(losses_f64_args[0].dtype, SGC_F64);
  EXPECT_EQ(losses_f32_args[0].rank, 2);
  EXPECT_EQ(losses_f32_args[0].shape[0], 6);
  EXPECT_EQ(losses_f32_args[0].size, 12);
  EXPECT_EQ(SHAPES_F32_NUM_OUTPUTS, 11);
  EXPECT_EQ(SHAPES_F32_BIAS_SIZE, 5);
}

} // namespace
